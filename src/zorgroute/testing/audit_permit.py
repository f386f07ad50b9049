"""The test suite's maintenance permit for the audit triggers (see audit/migrations/0002)."""

from contextlib import contextmanager

from django.db import connection

REASON = "test suite: let Django flush the test database"


def grant() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_maintenance_permit")
        cursor.execute("INSERT INTO audit_maintenance_permit (reason) VALUES (%s)", [REASON])


def revoke() -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_maintenance_permit")


@contextmanager
def strict_triggers():
    """Run a block with the production behaviour: no permit, triggers refuse changes."""
    revoke()
    try:
        yield
    finally:
        grant()
