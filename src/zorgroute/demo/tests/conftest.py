from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

SCALE = "0.1"


@pytest.fixture(autouse=True)
def english_messages():
    """The commands speak Dutch by default; these tests read their English message ids."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """The demo region (scale 0.1) loaded once per test module, rolled back after the module's last test.

    Tests using it also take `db`: each runs in a savepoint inside this transaction, so what a test writes is
    undone and the next test sees the demo as loaded. Loading takes seconds, so content tests share one load.
    """
    with django_db_blocker.unblock(), translation.override("en"), transaction.atomic():
        out = StringIO()
        call_command("load_demo", "--scale", SCALE, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)
