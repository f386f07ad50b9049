"""Agreed actions: who may carry one out, due dates, finishing once, and the timeline and audit rows they write."""

import datetime as dt

import pytest

from zorgroute.cases import services as case_services
from zorgroute.cases.constants import TimelineKind
from zorgroute.cases.tests.case_helpers import events, last_event
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings import services
from zorgroute.meetings.constants import ActionStatus
from zorgroute.meetings.models import CaseAction
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db

NEXT_WEEK = today() + dt.timedelta(days=7)


def agree(world, owner=None, **change):
    values = {
        "actor": world.ib_a,
        "case": world.case_a1,
        "description": "Ouders bellen over de thuissituatie",
        "owner": owner or world.teacher,
        "due_on": NEXT_WEEK,
        **change,
    }
    return services.action_agree(**values)


def test_it_records_an_action_with_a_timeline_line_and_an_audit_row(world):
    action = agree(world)
    assert (action.status, action.owner, action.agreed_by, action.due_on) == (
        ActionStatus.OPEN,
        world.teacher,
        world.ib_a,
        NEXT_WEEK,
    )
    line = world.case_a1.timeline.get(kind=TimelineKind.ACTION)
    assert line.ref_uuid == action.uuid and line.body == "Ouders bellen over de thuissituatie"
    row = last_event("action.agreed")
    assert row.case_uuid == world.case_a1.uuid and row.pupil_uuid == world.pupil_a1.uuid
    assert row.changes == {"owner": str(world.teacher.uuid), "due_on": NEXT_WEEK.isoformat()}
    assert "Ouders" not in str(row.changes)  # free text stays out of the audit log


def test_a_member_of_the_schools_care_team_or_the_regional_team_may_carry_it_out(world):
    assert agree(world, owner=world.zorgteam_member).owner == world.zorgteam_member
    assert agree(world, owner=world.zat_member).owner == world.zat_member


@pytest.mark.parametrize(
    "change, field",
    [
        ({"description": "  "}, "description"),
        ({"description": "x" * 301}, "description"),
        ({"due_on": today() - dt.timedelta(days=1)}, "due_on"),
    ],
)
def test_it_refuses_bad_input_per_field(world, change, field):
    with pytest.raises(ValidationError) as refused:
        agree(world, **change)
    assert refused.value.field == field
    assert not CaseAction.objects.exists() and events("action.agreed") == 0


def test_it_refuses_an_owner_from_another_school_or_region(world):
    with pytest.raises(ValidationError) as refused:
        agree(world, owner=world.ib_b)
    assert refused.value.field == "owner"
    stranger = f.UserFactory()
    with pytest.raises(ValidationError):
        agree(world, owner=stranger)


def test_it_refuses_an_action_on_a_closed_case(world):
    closed = case_services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason="solved")
    with pytest.raises(DomainError):
        agree(world, case=closed)


def test_it_completes_an_action_once(world):
    action = agree(world)
    done = services.action_complete(actor=world.teacher, action=action, result="Moeder gesproken")
    assert (done.status, done.finished_by, done.result) == (
        ActionStatus.DONE,
        world.teacher,
        "Moeder gesproken",
    )
    assert done.finished_at is not None
    assert last_event("action.completed").changes == {"status": {"old": "open", "new": "done"}}
    assert world.case_a1.timeline.filter(kind=TimelineKind.ACTION).count() == 2
    with pytest.raises(DomainError):
        services.action_complete(actor=world.ib_a, action=action)
    with pytest.raises(DomainError):
        services.action_cancel(actor=world.ib_a, action=action, reason="Niet meer nodig")
    assert events("action.completed") == 1 and events("action.cancelled") == 0


def test_cancelling_needs_a_reason(world):
    action = agree(world)
    with pytest.raises(ValidationError) as refused:
        services.action_cancel(actor=world.ib_a, action=action, reason=" ")
    assert refused.value.field == "reason"
    cancelled = services.action_cancel(actor=world.ib_a, action=action, reason="Gezin verhuisd")
    assert (cancelled.status, cancelled.result) == (ActionStatus.CANCELLED, "Gezin verhuisd")
    assert last_event("action.cancelled").changes == {"status": {"old": "open", "new": "cancelled"}}


def test_an_action_is_overdue_only_while_open_after_its_due_date(world):
    action = agree(world)
    CaseAction.objects.filter(pk=action.pk).update(due_on=today() - dt.timedelta(days=1))
    action.refresh_from_db()
    assert action.is_overdue
    services.action_complete(actor=world.teacher, action=action)
    action.refresh_from_db()
    assert not action.is_overdue


def test_the_audit_row_labels_the_action_without_its_free_text(world):
    action = agree(world, description="Bel de moeder van Sanne over de thuissituatie")
    row = last_event("action.agreed")
    assert "moeder" not in row.target_label and "Sanne" not in row.target_label
    assert str(action.uuid)[:8] in row.target_label
