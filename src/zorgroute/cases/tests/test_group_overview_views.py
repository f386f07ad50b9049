"""The group overview for the group review (cases:group-overview) and recording a review (cases:group-review)."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services
from zorgroute.cases.constants import ReviewOutcome, Severity
from zorgroute.cases.models import GroupReview, TimelineEvent
from zorgroute.cases.tests.signal_helpers import active_plan, grow, stick
from zorgroute.core.time import today
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified, page_fingerprint

pytestmark = pytest.mark.django_db


def url(group):
    return reverse("cases:group-overview", args=[group.uuid])


def record_url(group):
    return reverse("cases:group-review", args=[group.uuid])


def test_the_teacher_sees_the_pupils_with_their_open_signals_case_plan_and_last_outcome(client, world):
    classmate = f.PupilFactory.enrolled(world.group_a1, first_name="Noor", last_name="Aalders")
    plan = active_plan(world.ib_a, world.case_a1, evaluation_in_days=-2)
    stick(world.case_a1, 50)
    services.group_review_record(
        actor=world.ib_a,
        group=world.group_a1,
        held_on=today() - dt.timedelta(days=7),
        outcomes={classmate.pk: (ReviewOutcome.OBSERVE, "")},
    )
    login_verified(client, world.teacher)
    response = client.get(url(world.group_a1))
    assert response.status_code == 200
    pupils = {p.first_name: p for p in response.context["overview"].pupils}
    assert set(pupils) == {"Sanne", "Noor"}
    sanne, noor = pupils["Sanne"], pupils["Noor"]
    assert sanne.open_signals == [world.signal_a1]
    assert sanne.open_case == world.case_a1 and sanne.open_case.is_stuck
    assert sanne.current_plan == plan and sanne.current_plan.is_overdue
    assert noor.open_case is None and noor.current_plan is None and noor.open_signals == []
    assert noor.last_outcome.outcome == ReviewOutcome.OBSERVE
    assert sanne.can_signal and noor.can_signal
    assert response.context["overview"].review_count == 1
    assert response.context["overview"].reviews_missing == 2


def test_a_teacher_sees_only_the_signals_they_reported_the_care_coordinator_all(client, world):
    by_ib = services.signal_create(
        actor=world.ib_a, pupil=world.pupil_a1, severity=Severity.LOW, observed_behaviour="Door IB"
    )
    login_verified(client, world.teacher)
    sanne = client.get(url(world.group_a1)).context["overview"].pupils[0]
    assert sanne.open_signals == [world.signal_a1]
    client.logout()
    login_verified(client, world.ib_a)
    sanne = client.get(url(world.group_a1)).context["overview"].pupils[0]
    assert set(sanne.open_signals) == {world.signal_a1, by_ib}


def test_viewing_the_overview_is_audited(client, world):
    login_verified(client, world.ib_a)
    client.get(url(world.group_a1))
    event = AuditEvent.objects.filter(event="case.listed").latest("seq")
    assert event.target_uuid == world.group_a1.uuid
    assert event.changes == {"list": "group_overview", "pupils": 1}


def test_recording_the_review_saves_outcomes_writes_the_timeline_and_audits(client, world):
    classmate = f.PupilFactory.enrolled(world.group_a1, first_name="Noor", last_name="Aalders")
    login_verified(client, world.teacher)
    response = client.post(
        record_url(world.group_a1),
        {
            "held_on": today().isoformat(),
            "notes": "Groepsplan rekenen aangepast",
            f"outcome_{world.pupil_a1.uuid}": ReviewOutcome.ACTION_PLAN,
            f"note_{world.pupil_a1.uuid}": "Handelingsplan opstellen",
            f"outcome_{classmate.uuid}": "",
        },
    )
    assert response.status_code == 302 and response["Location"] == url(world.group_a1)
    review = GroupReview.objects.get()
    assert review.recorded_by == world.teacher and review.notes == "Groepsplan rekenen aangepast"
    assert [(o.pupil, o.outcome) for o in review.outcomes.all()] == [(world.pupil_a1, "action_plan")]
    assert TimelineEvent.objects.filter(case=world.case_a1, kind="review", ref_uuid=review.uuid).exists()
    event = AuditEvent.objects.get(event="group.reviewed")
    assert event.pupil_uuid == world.pupil_a1.uuid and event.actor_uuid == world.teacher.uuid
    follow = client.get(url(world.group_a1))
    assert follow.context["overview"].review_count == 1


@pytest.mark.parametrize(
    ("held_on", "outcome", "note", "error"),
    [
        ("tomorrow", ReviewOutcome.OBSERVE, "", "held_on"),
        ("", ReviewOutcome.OBSERVE, "", "held_on"),
        ("today", "", "zonder uitkomst", "outcome"),
        ("today", "", "", "__all__"),
    ],
    ids=["future", "no date", "note without outcome", "nobody discussed"],
)
def test_invalid_reviews_show_their_error_and_save_nothing(client, world, held_on, outcome, note, error):
    dates = {"today": today().isoformat(), "tomorrow": (today() + dt.timedelta(days=1)).isoformat(), "": ""}
    login_verified(client, world.ib_a)
    response = client.post(
        record_url(world.group_a1),
        {
            "held_on": dates[held_on],
            f"outcome_{world.pupil_a1.uuid}": outcome,
            f"note_{world.pupil_a1.uuid}": note,
        },
    )
    assert response.status_code == 200
    key = f"outcome_{world.pupil_a1.uuid}" if error == "outcome" else error
    assert response.context["form"].errors[key]
    assert b'role="alert"' in response.content
    assert not GroupReview.objects.exists()


def test_a_second_review_on_the_same_day_is_refused_on_the_date_field(client, world):
    services.group_review_record(
        actor=world.ib_a,
        group=world.group_a1,
        held_on=today(),
        outcomes={world.pupil_a1.pk: (ReviewOutcome.OBSERVE, "")},
    )
    login_verified(client, world.ib_a)
    response = client.post(
        record_url(world.group_a1),
        {"held_on": today().isoformat(), f"outcome_{world.pupil_a1.uuid}": ReviewOutcome.SIGNAL},
    )
    assert response.status_code == 200 and response.context["form"].errors["held_on"]
    assert GroupReview.objects.count() == 1


def test_a_pupil_of_another_group_cannot_be_slipped_into_the_review(client, world):
    login_verified(client, world.ib_a)
    response = client.post(
        record_url(world.group_a1),
        {
            "held_on": today().isoformat(),
            f"outcome_{world.pupil_a1.uuid}": ReviewOutcome.OBSERVE,
            f"outcome_{world.pupil_a2.uuid}": ReviewOutcome.ESCALATE,
        },
    )
    assert response.status_code == 302
    assert [o.pupil for o in GroupReview.objects.get().outcomes.all()] == [world.pupil_a1]


def test_anonymous_goes_to_login(client, world):
    assert client.get(url(world.group_a1))["Location"].startswith(reverse("accounts:login"))
    assert client.post(record_url(world.group_a1), {})["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("persona", "group"), [("ib_b", "group_a1"), ("teacher", "group_a2"), ("head_a", "group_a1")]
)
@pytest.mark.parametrize("method", ["get", "post"])
def test_who_may_not_review_the_group_gets_the_same_404_as_for_a_missing_group(
    client, world, persona, group, method
):
    login_verified(client, getattr(world, persona))
    target = getattr(world, group)
    missing_uuid = uuid.uuid4()
    if method == "get":
        outsider, absent = (
            client.get(url(target)),
            client.get(reverse("cases:group-overview", args=[missing_uuid])),
        )
        paths = url(target), reverse("cases:group-overview", args=[missing_uuid])
    else:
        data = {"held_on": today().isoformat()}
        outsider = client.post(record_url(target), data)
        absent = client.post(reverse("cases:group-review", args=[missing_uuid]), data)
        paths = record_url(target), reverse("cases:group-review", args=[missing_uuid])
    assert outsider.status_code == absent.status_code == 404
    assert page_fingerprint(outsider.content, paths[0]) == page_fingerprint(absent.content, paths[1])
    assert not GroupReview.objects.exists()


def test_recording_needs_post(client, world):
    login_verified(client, world.ib_a)
    assert client.get(record_url(world.group_a1)).status_code == 405


@pytest.mark.parametrize("persona", ["teacher", "ib_a"])
def test_query_count_is_constant_as_the_group_and_its_care_data_grow(client, world, persona):
    login_verified(client, getattr(world, persona))
    grow(world, 2)
    small = count_queries(client, url(world.group_a1))
    grow(world, 12, start=2)
    assert count_queries(client, url(world.group_a1)) == small
