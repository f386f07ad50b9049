"""On PostgreSQL the database itself refuses to change or remove audit rows (triggers of audit migration 0002).

The ORM already refuses; these tests go around it with raw SQL, as someone with database access would. The test
suite holds a maintenance permit (so Django can flush between tests); here it is withdrawn: production behaviour.
"""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def audit_row(world):
    from zorgroute import audit
    from zorgroute.audit.models import AuditEvent

    audit.record("auth.login", actor=world.ib_a, target=world.ib_a)
    return AuditEvent.objects.order_by("-seq").first()


@pytest.fixture
def strict(audit_row):
    from zorgroute.testing.audit_permit import strict_triggers

    with strict_triggers():
        yield


def _attempt(sql: str, params: list[object] | None = None) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def _snapshot(seq: int) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute("SELECT event, actor_username, hash FROM audit_auditevent WHERE seq = %s", [seq])
        return cursor.fetchone()


def test_it_runs_on_postgresql():
    assert connection.vendor == "postgresql"


def test_it_refuses_a_raw_update_of_an_audit_row(audit_row, strict):
    before = _snapshot(audit_row.seq)

    with pytest.raises(DatabaseError, match="append-only"):
        _attempt(
            "UPDATE audit_auditevent SET actor_username = 'someone_else' WHERE seq = %s", [audit_row.seq]
        )

    assert _snapshot(audit_row.seq) == before


def test_it_refuses_a_raw_delete_of_an_audit_row(audit_row, strict):
    with pytest.raises(DatabaseError, match="append-only"):
        _attempt("DELETE FROM audit_auditevent WHERE seq = %s", [audit_row.seq])

    assert _snapshot(audit_row.seq) is not None


def test_it_refuses_to_truncate_the_audit_table(audit_row, strict):
    with pytest.raises(DatabaseError, match="append-only"):
        _attempt("TRUNCATE audit_auditevent")

    assert _snapshot(audit_row.seq) is not None


def test_it_still_accepts_new_audit_rows(audit_row, strict, world):
    from zorgroute import audit
    from zorgroute.audit.models import AuditEvent

    audit.record("auth.logout", actor=world.ib_a, target=world.ib_a)

    assert list(AuditEvent.objects.filter(seq__gte=audit_row.seq).values_list("event", flat=True)) == [
        "auth.login",
        "auth.logout",
    ]
