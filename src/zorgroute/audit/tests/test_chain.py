"""Tampering with the audit table in SQL is detected by the hash chain (`audit_verify`)."""

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from zorgroute import audit
from zorgroute.audit.models import AuditEvent
from zorgroute.audit.services import verify_chain
from zorgroute.testing import audit_permit

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(world):
    rows = [
        audit.record("pupil.viewed", actor=world.ib_a, target=world.pupil_a1, pupil=world.pupil_a1)
        for _ in range(5)
    ]
    return rows


def _sql(statement, params=()):
    """Raw SQL as someone with database access would run it (the test database holds a maintenance permit)."""
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def test_an_untouched_chain_verifies(chain, capsys):
    assert verify_chain() == []
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out
    assert AuditEvent.objects.last().event == "audit.verified"


def test_the_database_refuses_updates_and_deletes(chain):
    from django.db import DatabaseError, transaction

    with audit_permit.strict_triggers():
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET reason = 'x' WHERE seq = %s", [chain[0].seq])
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM audit_auditevent WHERE seq = %s", [chain[0].seq])
    assert verify_chain() == []


def test_it_detects_an_altered_row(chain):
    _sql("UPDATE audit_auditevent SET actor_username = 'someone_else' WHERE seq = %s", [chain[2].seq])
    problems = verify_chain()
    assert [p.seq for p in problems] == [chain[2].seq]
    with pytest.raises(CommandError):
        call_command("audit_verify")


def test_it_detects_a_deleted_row_in_the_middle(chain):
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [chain[2].seq])
    assert [p.seq for p in verify_chain()] == [chain[3].seq]


def test_it_detects_a_deleted_last_row(chain):
    _sql("DELETE FROM audit_auditevent WHERE seq = %s", [chain[-1].seq])
    problems = verify_chain()
    assert len(problems) == 1 and problems[0].seq is None


def test_it_detects_an_inserted_row(chain):
    victim = chain[1]
    _sql(
        "INSERT INTO audit_auditevent (seq, occurred_at, event, action_code, result, actor_username, actor_name,"
        ' actor_role, client_ip, request_id, target_type, target_label, "authorization", consent_profile, reason,'
        " source, prev_hash, hash) SELECT seq + 1000, occurred_at, event, action_code, result, 'intruder',"
        ' actor_name, actor_role, client_ip, request_id, target_type, target_label, "authorization",'
        " consent_profile, reason, source, prev_hash, %s FROM audit_auditevent WHERE seq = %s",
        ["f" * 64, victim.seq],
    )
    assert verify_chain() != []


def test_it_detects_a_row_whose_hash_was_recomputed_without_the_key(chain):
    import hashlib

    forged = hashlib.sha256(b"forged").hexdigest()
    _sql("UPDATE audit_auditevent SET reason = 'innocent', hash = %s WHERE seq = %s", [forged, chain[0].seq])
    problems = verify_chain()
    assert {p.seq for p in problems} == {chain[0].seq, chain[1].seq}
