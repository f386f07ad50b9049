import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_messages():
    """The commands speak Dutch by default; these tests read their English message ids."""
    with translation.override("en"):
        yield
