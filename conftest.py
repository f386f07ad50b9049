import pytest


@pytest.fixture
def world(db):
    from zorgroute.testing.personas import build_world

    return build_world()
