"""group_review_record: the review and its outcomes, the case timeline, the audit rows, and refusals."""

import datetime as dt

import pytest

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services
from zorgroute.cases.constants import ReviewOutcome, TimelineKind, Visibility
from zorgroute.cases.models import GroupReview, GroupReviewOutcome, TimelineEvent
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.core.time import today
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def classmate(world):
    return f.PupilFactory.enrolled(world.group_a1, first_name="Noor", last_name="Smit")


def _record(world, outcomes, **kwargs):
    values = {"actor": world.ib_a, "group": world.group_a1, "held_on": today(), "outcomes": outcomes}
    return services.group_review_record(**(values | kwargs))


def test_it_records_the_review_with_an_outcome_per_pupil(world, classmate):
    review = _record(
        world,
        {
            world.pupil_a1.pk: (ReviewOutcome.ACTION_PLAN, "Handelingsplan rekenen"),
            classmate.pk: (ReviewOutcome.NO_CONCERNS, ""),
        },
        notes="Groepsplan lezen bijgesteld",
    )
    assert review.group == world.group_a1 and review.recorded_by == world.ib_a and review.held_on == today()
    assert review.notes == "Groepsplan lezen bijgesteld"
    assert {(o.pupil, o.outcome, o.note) for o in review.outcomes.all()} == {
        (world.pupil_a1, "action_plan", "Handelingsplan rekenen"),
        (classmate, "no_concerns", ""),
    }


def test_pupils_with_an_open_case_get_a_care_team_line_on_their_timeline(world, classmate):
    review = _record(
        world,
        {
            world.pupil_a1.pk: (ReviewOutcome.ESCALATE, "Naar het zorgteam"),
            classmate.pk: (ReviewOutcome.OBSERVE, ""),
        },
    )
    lines = TimelineEvent.objects.filter(kind=TimelineKind.REVIEW)
    assert [(line.case, line.ref_uuid, line.body, line.visibility) for line in lines] == [
        (world.case_a1, review.uuid, "Naar het zorgteam", Visibility.CARE_TEAM)
    ]
    assert str(ReviewOutcome.ESCALATE.label) in lines[0].title
    assert today().strftime("%d-%m-%Y") in lines[0].title


def test_each_outcome_is_audited_with_its_pupil_and_case_but_without_the_note(world, classmate):
    review = _record(
        world,
        {world.pupil_a1.pk: (ReviewOutcome.ESCALATE, "Geheim"), classmate.pk: (ReviewOutcome.OBSERVE, "")},
    )
    events = AuditEvent.objects.filter(event="group.reviewed")
    assert {(e.pupil_uuid, e.case_uuid, e.changes["outcome"]) for e in events} == {
        (world.pupil_a1.uuid, world.case_a1.uuid, "escalate"),
        (classmate.uuid, None, "observe"),
    }
    assert all(e.target_uuid == review.uuid for e in events)
    assert all(e.changes["group"] == str(world.group_a1.uuid) for e in events)
    assert "Geheim" not in str([e.changes for e in events])


@pytest.mark.parametrize(
    "held_on",
    [today() + dt.timedelta(days=1), dt.date(today().year - 2, 9, 1)],
    ids=["future", "another school year"],
)
def test_it_refuses_a_date_in_the_future_or_outside_the_groups_school_year(world, held_on):
    with pytest.raises(ValidationError) as exc:
        _record(world, {world.pupil_a1.pk: (ReviewOutcome.OBSERVE, "")}, held_on=held_on)
    assert exc.value.field == "held_on"
    assert not GroupReview.objects.exists()


def test_it_refuses_a_pupil_of_another_group(world):
    with pytest.raises(ValidationError):
        _record(
            world,
            {world.pupil_a1.pk: (ReviewOutcome.OBSERVE, ""), world.pupil_a2.pk: (ReviewOutcome.OBSERVE, "")},
        )
    assert not GroupReview.objects.exists() and not AuditEvent.objects.filter(event="group.reviewed").exists()


def test_it_refuses_an_unknown_outcome_and_an_empty_review(world):
    with pytest.raises(ValidationError):
        _record(world, {world.pupil_a1.pk: ("panic", "")})
    with pytest.raises(ValidationError):
        _record(world, {})
    assert not GroupReview.objects.exists()


def test_it_refuses_a_second_review_of_the_group_on_the_same_day(world):
    _record(world, {world.pupil_a1.pk: (ReviewOutcome.OBSERVE, "")})
    with pytest.raises(ConflictError) as exc:
        _record(world, {world.pupil_a1.pk: (ReviewOutcome.SIGNAL, "")})
    assert exc.value.field == "held_on"
    assert GroupReviewOutcome.objects.count() == 1
    assert AuditEvent.objects.filter(event="group.reviewed").count() == 1
