import pytest


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the test database is created: permit flushing the append-only audit table between tests."""
    from zorgroute.testing import audit_permit

    with django_db_blocker.unblock():
        audit_permit.grant()


@pytest.fixture
def world(db):
    from zorgroute.testing.personas import build_world

    return build_world()
