import pytest
from django.db import transaction

from zorgroute import audit
from zorgroute.audit import catalogue
from zorgroute.audit.models import AuditAppendOnlyError, AuditEvent
from zorgroute.audit.services import MissingReason
from zorgroute.core import context

pytestmark = pytest.mark.django_db


def test_it_records_the_nen7513_fields(world):
    token = context.bind(context.RequestContext(request_id="req-12345678", client_ip="192.0.2.7", path="/x"))
    try:
        event = audit.record(
            "pupil.viewed",
            actor=world.ib_a,
            target=world.pupil_a1,
            pupil=world.pupil_a1,
            role="care_coordinator",
            authorization="rules/1:x",
        )
    finally:
        context.unbind(token)
    event.refresh_from_db()
    assert event.event == "pupil.viewed" and event.action_code == "R" and event.result == "success"
    assert event.actor_uuid == world.ib_a.uuid and event.actor_username == "ib_a"
    assert event.actor_role == "care_coordinator" and event.authorization == "rules/1:x"
    assert event.client_ip == "192.0.2.7" and event.request_id == "req-12345678"
    assert event.target_type == "pupils.pupil" and event.target_uuid == world.pupil_a1.uuid
    assert event.pupil_uuid == world.pupil_a1.uuid and event.source == "zorgroute"
    assert event.occurred_at.utcoffset().total_seconds() == 0


def test_it_takes_role_and_rule_from_the_request_context_when_not_given(world):
    token = context.bind(context.RequestContext())
    try:
        context.note_grant("teacher", "rules/1:pupil.view:teacher:teaches_pupil")
        event = audit.record("pupil.listed", actor=world.teacher)
    finally:
        context.unbind(token)
    assert event.actor_role == "teacher"
    assert event.authorization.endswith("teaches_pupil")


def test_outside_a_request_without_a_user_it_records_the_system(world):
    context.note_grant("ignored", "ignored")  # no request bound: nothing to remember
    event = audit.record("demo.loaded", actor=None, actor_label="load_demo")
    assert event.actor_uuid is None and event.actor_username == "load_demo" and event.actor_role == "system"


def test_it_refuses_unregistered_events(world):
    with pytest.raises(catalogue.UnknownAuditEvent):
        audit.record("pupil.stolen", actor=world.ib_a)


def test_it_requires_a_reason_where_the_catalogue_says_so(world):
    with pytest.raises(MissingReason):
        audit.record("staffrole.revoked", actor=world.functional_admin, target=world.ib_a, reason="  ")
    assert audit.record(
        "staffrole.revoked", actor=world.functional_admin, target=world.ib_a, reason="left"
    ).reason


def test_it_stores_structured_changes_as_json(world):
    import datetime as dt

    event = audit.record(
        "enrolment.ended", actor=world.ib_a, changes={"end_date": {"new": dt.date(2026, 7, 31)}}
    )
    event.refresh_from_db()
    assert event.changes == {"end_date": {"new": "2026-07-31"}}


def test_it_is_rolled_back_with_the_change_it_describes(world):
    before = AuditEvent.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record("pupil.updated", actor=world.ib_a, target=world.pupil_a1)
        raise RuntimeError("the write failed")
    assert AuditEvent.objects.count() == before
    from zorgroute.audit.services import verify_chain

    assert verify_chain() == []


def test_rows_cannot_be_changed_or_deleted_through_the_orm(world):
    event = audit.record("pupil.viewed", actor=world.ib_a, target=world.pupil_a1)
    event.reason = "changed"
    with pytest.raises(AuditAppendOnlyError):
        event.save()
    with pytest.raises(AuditAppendOnlyError):
        event.delete()
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.filter(seq=event.seq).update(reason="x")
    with pytest.raises(AuditAppendOnlyError):
        AuditEvent.objects.all().delete()


def test_a_pupils_access_history_is_one_indexed_query(world, django_assert_num_queries):
    from zorgroute.audit.selectors import pupil_access_history

    for _ in range(3):
        audit.record("pupil.viewed", actor=world.ib_a, target=world.pupil_a1, pupil=world.pupil_a1)
    audit.record("pupil.viewed", actor=world.ib_b, target=world.pupil_b1, pupil=world.pupil_b1)
    expected = AuditEvent.objects.filter(pupil_uuid=world.pupil_a1.uuid).count()
    with django_assert_num_queries(1):
        history = list(pupil_access_history(pupil_uuid=world.pupil_a1.uuid))
    assert len(history) == expected
    assert [e.event for e in history[:3]] == ["pupil.viewed"] * 3  # newest first
    assert {e.pupil_uuid for e in history} == {world.pupil_a1.uuid}
    indexed = {tuple(index.fields) for index in AuditEvent._meta.indexes}
    assert ("pupil_uuid", "occurred_at") in indexed


def test_rows_and_the_chain_head_describe_themselves(world):
    from zorgroute.audit.models import AuditChainHead

    event = audit.record("pupil.viewed", actor=world.ib_a, target=world.pupil_a1)
    assert str(event) == f"#{event.seq} pupil.viewed"
    assert str(AuditChainHead.objects.get()) == f"head #{event.seq}"
