"""The feedback chain (terugkoppeling): ZAT → care coordinator → teacher and parents. Each hop is a feedback task with
its recipient, forum, owner and due date (working days, configurable); finishing the care coordinator's hop creates
the school's hops once; the owners find them in "My work", overdue ones are flagged and reminded; the case page shows
where the chain stands."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import events, in_dutch, last_event
from zorgroute.core.time import today
from zorgroute.meetings import services as action_services
from zorgroute.meetings.calendar import working_days_after
from zorgroute.meetings.constants import ActionKind, ActionStatus, FeedbackTo
from zorgroute.meetings.models import AgendaItem, CaseAction, ReminderSent
from zorgroute.meetings.services import discussions, reminders
from zorgroute.meetings.services.feedback import care_coordinator_of, feedback_next
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

TO_COORDINATOR = "Report the outcome of %(forum)s back to the care coordinator"
TO_TEACHER = "Inform the teacher or mentor of the outcome of %(forum)s"
TO_PARENTS = "Report the outcome of %(forum)s back to the parents"


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


def finalise(world, meeting, case, **people):
    """The meeting with only `case` on its agenda, discussed with `people` named, minutes final."""
    AgendaItem.objects.filter(meeting=meeting).exclude(case=case).delete()
    item = AgendaItem.objects.get_or_create(
        meeting=meeting, case=case, defaults={"kind": "new", "position": 1}
    )[0]
    discussions.discussion_record(actor=world.ib_a, item=item, verwijsindex="no", **people)
    discussions.meeting_finalise(actor=world.zat_chair, meeting=meeting)
    return item


def hops():
    return list(CaseAction.objects.filter(kind=ActionKind.FEEDBACK).order_by("created_at", "pk"))


def test_the_zat_reports_to_the_care_coordinator_who_then_informs_teacher_and_parents(world, forum):
    meeting = forum["meeting_zat"]
    finalise(world, meeting, world.case_a1, reports_to_school=world.zat_member)
    (first,) = hops()
    assert (first.feedback_to, first.owner, first.forum, first.previous) == (
        FeedbackTo.CARE_COORDINATOR,
        world.zat_member,
        world.zat,
        None,
    )
    assert first.due_on == working_days_after(today(), 5) and first.status == ActionStatus.OPEN
    assert last_event("action.feedback_created").changes["feedback_to"] == FeedbackTo.CARE_COORDINATOR
    action_services.action_complete(actor=world.zat_member, action=first, result="IB gebeld")
    school = [h for h in hops() if h.previous_id == first.pk]
    assert sorted((h.feedback_to, h.owner) for h in school) == [
        (FeedbackTo.PARENTS, world.ib_a),  # the care coordinator of the pupil's school
        (FeedbackTo.TEACHER, world.ib_a),
    ]
    assert all(h.forum == world.zat and h.due_on == working_days_after(today(), 5) for h in school)
    first.refresh_from_db()
    assert feedback_next(actor=world.zat_member, hop=first) == []  # again: nothing twice
    assert len(hops()) == 3 and events("action.feedback_created") == 3
    with pytest.raises(IntegrityError), transaction.atomic():  # and the database refuses a second one
        CaseAction.objects.create(
            case=world.case_a1,
            kind=ActionKind.FEEDBACK,
            feedback_to=FeedbackTo.TEACHER,
            previous=first,
            owner=world.ib_a,
            agreed_by=world.ib_a,
            due_on=today(),
            description="x",
        )


def test_when_the_zat_tells_the_parents_itself_the_care_coordinator_informs_only_the_teacher(world, forum):
    finalise(
        world,
        forum["meeting_zat"],
        world.case_a1,
        reports_to_school=world.zat_chair,
        reports_to_parents=world.zat_member,
    )
    to_parents, to_coordinator = sorted(hops(), key=lambda h: h.feedback_to != FeedbackTo.PARENTS)
    assert (to_parents.feedback_to, to_parents.owner) == (FeedbackTo.PARENTS, world.zat_member)
    assert (to_coordinator.feedback_to, to_coordinator.owner) == (
        FeedbackTo.CARE_COORDINATOR,
        world.zat_chair,
    )
    action_services.action_complete(actor=world.zat_chair, action=to_coordinator)
    assert [(h.feedback_to, h.owner) for h in hops()[2:]] == [(FeedbackTo.TEACHER, world.ib_a)]


def test_without_a_named_reporter_whoever_finalises_reports_and_a_care_coordinator_reporter_skips_the_hop(
    world, forum
):
    finalise(world, forum["meeting_zat"], world.case_a1)
    assert [(h.feedback_to, h.owner) for h in hops()] == [(FeedbackTo.CARE_COORDINATOR, world.zat_chair)]
    CaseAction.objects.all().delete()
    forum["meeting_zat"].minutes_finalised_at = None
    forum["meeting_zat"].save()
    finalise(world, forum["meeting_zat"], world.case_a1, reports_to_school=world.ib_a)  # the care coordinator
    assert sorted((h.feedback_to, h.owner) for h in hops()) == [
        (FeedbackTo.PARENTS, world.ib_a),
        (FeedbackTo.TEACHER, world.ib_a),
    ]


def test_after_the_schools_zorgteam_the_care_coordinator_informs_at_once(world, forum):
    finalise(world, forum["meeting_zorgteam"], world.case_a1, reports_to_parents=world.teacher)
    assert sorted((h.feedback_to, h.owner, h.forum) for h in hops()) == [
        (FeedbackTo.PARENTS, world.teacher, world.zorgteam_a),
        (FeedbackTo.TEACHER, world.ib_a, world.zorgteam_a),
    ]


def test_a_cancelled_hop_ends_the_chain_and_the_due_days_are_configurable(world, forum, settings):
    settings.FEEDBACK_WORKING_DAYS = 2
    finalise(world, forum["meeting_zat"], world.case_a1, reports_to_school=world.zat_member)
    (first,) = hops()
    assert first.due_on == working_days_after(today(), 2)
    action_services.action_cancel(actor=world.zat_member, action=first, reason="Al besproken met de IB")
    assert len(hops()) == 1


def test_the_care_coordinator_is_the_schools_when_the_case_owner_is_not_one(world):
    case = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    assert care_coordinator_of(case) == world.ib_a
    assert care_coordinator_of(world.case_a1) == world.ib_a  # the owner, a care coordinator of the school


def test_working_days_after_skips_the_weekend():
    friday = dt.date(2026, 3, 6)
    assert working_days_after(friday, 1) == dt.date(2026, 3, 9)
    assert working_days_after(friday, 5) == dt.date(2026, 3, 13)
    assert working_days_after(friday, 0) == friday


def test_owners_find_their_hops_in_my_work_overdue_ones_flagged_and_reminded(
    client, world, forum, django_capture_on_commit_callbacks
):
    finalise(world, forum["meeting_zat"], world.case_a1, reports_to_school=world.zat_member)
    (first,) = hops()
    CaseAction.objects.filter(pk=first.pk).update(due_on=today() - dt.timedelta(days=1))
    login_verified(client, world.zat_member)
    work = client.get(reverse("cases:my-work"))
    row = in_dutch(TO_COORDINATOR) % {"forum": world.zat.name}
    assert row in work.content.decode() and work.context["work"].actions.overdue_count == 1
    with django_capture_on_commit_callbacks(execute=True):
        run = reminders.reminders_send(on=today())
    assert run.overdue == 1 and ReminderSent.objects.filter(action=first, kind="overdue").exists()
    first.refresh_from_db()
    action_services.action_complete(actor=world.zat_member, action=first)
    client.logout()
    login_verified(client, world.ib_a)
    content = client.get(reverse("cases:my-work")).content.decode()
    for msgid in (TO_TEACHER, TO_PARENTS):
        assert in_dutch(msgid) % {"forum": world.zat.name} in content


def test_the_case_page_shows_where_the_chain_stands(client, world, forum):
    finalise(world, forum["meeting_zat"], world.case_a1, reports_to_school=world.zat_member)
    login_verified(client, world.ib_a)
    page = client.get(reverse("cases:case-detail", args=[world.case_a1.uuid]))
    (chain,) = _chains(page)
    assert chain.pending and not chain.done and chain.forum == world.zat.name
    html = page.content.decode()
    assert 'data-testid="feedback-chain"' in html and in_dutch("in progress") in html
    (first,) = hops()
    action_services.action_complete(actor=world.zat_member, action=first)
    for hop in hops()[1:]:
        action_services.action_complete(actor=world.ib_a, action=hop)
    page = client.get(reverse("cases:case-detail", args=[world.case_a1.uuid]))
    (chain,) = _chains(page)
    assert chain.done and chain.hops[0].feedback_to == FeedbackTo.CARE_COORDINATOR
    assert chain.teachers == [world.teacher.get_full_name()]
    html = page.content.decode()
    assert in_dutch("complete") in html and world.teacher.get_full_name() in html


def _chains(page):
    from zorgroute.meetings.selectors import feedback_chains

    return feedback_chains(case=page.context["case"], actions=page.context["actions"])


def test_the_case_page_takes_constant_queries_as_hops_grow(client, world, forum):
    finalise(world, forum["meeting_zat"], world.case_a1, reports_to_school=world.zat_member)
    (first,) = hops()
    action_services.action_complete(actor=world.zat_member, action=first)
    login_verified(client, world.ib_a)
    url = reverse("cases:case-detail", args=[world.case_a1.uuid])
    small = count_queries(client, url)
    for hop in hops()[1:]:
        hop.pk = None
        hop.uuid = __import__("uuid").uuid4()
        hop.previous = None
        hop.save()
    assert count_queries(client, url) == small
