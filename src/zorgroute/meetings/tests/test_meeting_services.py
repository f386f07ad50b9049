"""Referral → intake → agenda → discussion → minutes → feedback, aftercare and reminders, as services."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import (
    current_plan,
    events,
    fill_package,
    in_dutch,
    last_event,
    log_intervention,
)
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings.constants import ActionKind, AgendaKind, FeedbackTo, MeetingStatus, ReferralStatus
from zorgroute.meetings.models import Aftercare, Attendance, CaseAction, Meeting, MeetingSeries, ReminderSent
from zorgroute.meetings.services import aftercare as aftercare_services
from zorgroute.meetings.services import discussions, meetings, referrals, reminders
from zorgroute.testing import consent

pytestmark = pytest.mark.django_db

ZORGTEAM = "school_care_team"
ZAT = "regional_team"


def ready(world, case=None):
    """The case at the group review with what the zorgteam step asks (but no consent yet)."""
    case = case or world.case_a1
    log_intervention(case, world.teacher)
    case = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")
    fill_package(case, world.ib_a)
    current_plan(case, world.ib_a)
    return case


def complete(referral, world):
    return referrals.referral_update(
        actor=world.ib_a,
        referral=referral,
        strengths="Sanne is behulpzaam en tekent graag.",
        nature_and_severity="Terugtrekken in de groep, sinds drie maanden, toenemend.",
    )


def series(world, team=None, **change):
    values = {
        "team": team or world.zorgteam_a,
        "name": "Zorgteam",
        "every_weeks": 2,
        "weekday": (today() + dt.timedelta(days=1)).weekday(),
        "start_time": dt.time(9, 0),
        "first_date": today(),
        "summary_lead_days": 3,
        "access_days_after": 14,
        **change,
    }
    return MeetingSeries.objects.create(**values)


def planned(world, team=None):
    s = series(world, team=team)
    return meetings.meetings_plan(actor=world.ib_a, series=s, until=today() + dt.timedelta(days=30))


# --- Referral ----------------------------------------------------------------------------------------------------


def test_a_referral_is_prefilled_from_the_case_and_the_zat_one_from_the_zorgteam_one(world):
    case = ready(world)
    referral = referrals.referral_start(actor=world.ib_a, case=case, forum_kind=ZORGTEAM)
    assert referral.team == world.zorgteam_a and referral.status == ReferralStatus.DRAFT
    assert referral.help_question_school == case.help_question_school
    assert "Effect" not in referral.already_done and referral.already_done.startswith("- ")
    with pytest.raises(DomainError):  # one open referral per forum
        referrals.referral_start(actor=world.ib_a, case=case, forum_kind=ZORGTEAM)
    complete(referral, world)
    consent.give(case, world.ib_a, ZORGTEAM)
    referrals.referral_submit(actor=world.ib_a, referral=referral)
    zat = referrals.referral_start(actor=world.ib_a, case=case, forum_kind=ZAT)
    assert zat.based_on == referral and zat.strengths == "Sanne is behulpzaam en tekent graag."
    assert zat.team == world.zat


def test_submitting_needs_the_referral_fields_then_the_routes_gate(world):
    case = ready(world)
    referral = referrals.referral_start(actor=world.ib_a, case=case, forum_kind=ZORGTEAM)
    with pytest.raises(DomainError) as missing:
        referrals.referral_submit(actor=world.ib_a, referral=referral)
    assert in_dutch("the pupil's strengths and chances") in missing.value.message
    complete(referral, world)
    with pytest.raises(DomainError) as gate:  # the route's gate: no consent basis for the zorgteam
        referrals.referral_submit(actor=world.ib_a, referral=referral)
    assert in_dutch("a valid consent basis for this forum") in gate.value.message
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DRAFT
    consent.give(case, world.ib_a, ZORGTEAM)
    submitted = referrals.referral_submit(actor=world.ib_a, referral=referral)
    assert submitted.status == ReferralStatus.SUBMITTED and submitted.submitted_by == world.ib_a
    case.refresh_from_db()
    assert case.step.forum_kind == ZORGTEAM
    assert last_event("referral.submitted").changes == {"forum": ZORGTEAM, "crisis": False}
    with pytest.raises(DomainError):
        referrals.referral_update(actor=world.ib_a, referral=submitted, strengths="anders")


def test_a_crisis_goes_straight_to_the_zat_with_consent_only(world):
    referral = referrals.referral_start(actor=world.ib_a, case=world.case_a1, forum_kind=ZAT)
    referrals.referral_update(actor=world.ib_a, referral=referral, crisis=True)
    consent.give(world.case_a1, world.ib_a, ZAT)
    referrals.referral_submit(actor=world.ib_a, referral=referral)
    world.case_a1.refresh_from_db()
    assert world.case_a1.step.forum_kind == ZAT
    assert last_event("case.transitioned").changes["skip_reason"] == "crisis"


def test_intake_and_a_direct_answer(world):
    referral = referrals.referral_start(actor=world.ib_a, case=world.case_a1, forum_kind=ZAT)
    referrals.referral_update(actor=world.ib_a, referral=referral, crisis=True)
    consent.give(world.case_a1, world.ib_a, ZAT)
    referrals.referral_submit(actor=world.ib_a, referral=referral)
    with pytest.raises(ValidationError):
        referrals.referral_intake(actor=world.zat_chair, referral=referral, mode="maybe")
    referrals.referral_intake(
        actor=world.zat_chair, referral=referral, mode="joint", notes="Met ouders en IB"
    )
    answered = referrals.referral_answer(
        actor=world.zat_chair, referral=referral, answer="Advies: logopedie."
    )
    assert answered.status == ReferralStatus.ANSWERED
    with pytest.raises(DomainError):
        referrals.referral_answer(actor=world.zat_chair, referral=referral, answer="Nog eens")


# --- Meetings and the agenda --------------------------------------------------------------------------------------


def test_planning_a_series_is_idempotent_and_invites_the_fixed_members(world):
    s = series(world, team=world.zat)
    first = meetings.meetings_plan(actor=world.zat_chair, series=s, until=today() + dt.timedelta(days=30))
    again = meetings.meetings_plan(actor=world.zat_chair, series=s, until=today() + dt.timedelta(days=30))
    assert len(first) in (2, 3) and again == []
    meeting = first[0]
    invited = set(Attendance.objects.filter(meeting=meeting).values_list("user__username", flat=True))
    assert invited == {"zat_voorzitter", "zat_lid"}  # the on-call member is invited per case
    day = timezone.localtime(meeting.starts_at).date()
    assert meeting.access_until == day + dt.timedelta(days=14)
    assert meeting.summary_release_on < day and meeting.summary_release_on.weekday() < 5


def test_a_case_goes_on_the_agenda_only_with_a_consent_basis_and_anonymously_when_so_decided(world):
    meeting = planned(world)[0]
    case = ready(world)
    referral = complete(referrals.referral_start(actor=world.ib_a, case=case, forum_kind=ZORGTEAM), world)
    consent.give(case, world.ib_a, ZORGTEAM, mode="anonymous")
    referrals.referral_submit(actor=world.ib_a, referral=referral)
    item = meetings.referral_schedule(actor=world.ib_a, referral=referral, meeting=meeting)
    assert item.anonymous and not item.without_consent and item.kind == AgendaKind.NEW
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SCHEDULED
    other = planned(world, team=world.zat)[0]
    with pytest.raises(ValidationError):
        meetings.referral_schedule(actor=world.ib_a, referral=referral, meeting=other)


def _discussed(world):
    meeting = planned(world)[0]
    case = ready(world)
    referral = complete(referrals.referral_start(actor=world.ib_a, case=case, forum_kind=ZORGTEAM), world)
    consent.give(case, world.ib_a, ZORGTEAM)
    referrals.referral_submit(actor=world.ib_a, referral=referral)
    item = meetings.referral_schedule(actor=world.ib_a, referral=referral, meeting=meeting)
    return meeting, item


def test_minutes_need_a_case_coordinator_when_more_than_one_action_is_agreed(world):
    meeting, item = _discussed(world)
    with pytest.raises(DomainError):
        discussions.meeting_finalise(actor=world.ib_a, meeting=meeting)  # not discussed yet
    next_time = timezone.localtime(meeting.starts_at).date() + dt.timedelta(days=42)
    discussion = discussions.discussion_record(
        actor=world.ib_a,
        item=item,
        analysis="Sanne mist veiligheid in de groep.",
        decisions="Maatje, gesprek met ouders, observatie door JGZ.",
        verwijsindex="no",
        next_discussion_on=next_time,
        reports_to_parents=world.ib_a,
        reports_to_school=world.zorgteam_member,
    )
    due = today() + dt.timedelta(days=14)
    discussions.discussion_action(
        actor=world.ib_a,
        discussion=discussion,
        description="Observatie",
        owner=world.zorgteam_member,
        due_on=due,
    )
    discussions.discussion_action(
        actor=world.ib_a, discussion=discussion, description="Oudergesprek", owner=world.ib_a, due_on=due
    )
    with pytest.raises(DomainError) as refused:
        discussions.meeting_finalise(actor=world.ib_a, meeting=meeting)
    assert (
        "case coordinator" in refused.value.message or in_dutch("case coordinator") in refused.value.message
    )
    discussions.discussion_record(
        actor=world.ib_a,
        item=item,
        analysis=discussion.analysis,
        decisions=discussion.decisions,
        verwijsindex="no",
        next_discussion_on=next_time,
        reports_to_parents=world.ib_a,
        reports_to_school=world.zorgteam_member,
        case_coordinator=world.teacher,
    )
    final = discussions.meeting_finalise(actor=world.ib_a, meeting=meeting)
    assert final.status == MeetingStatus.HELD and final.minutes_finalised_by == world.ib_a
    item.case.refresh_from_db()
    assert item.case.coordinator == world.teacher
    feedback = CaseAction.objects.filter(kind=ActionKind.FEEDBACK).order_by("feedback_to")
    assert [
        (f.feedback_to, f.owner) for f in feedback
    ] == [  # the school's zorgteam: the school informs at once
        (FeedbackTo.PARENTS, world.ib_a),
        (FeedbackTo.TEACHER, world.ib_a),
    ]
    with pytest.raises(DomainError):  # final minutes do not change
        discussions.discussion_record(actor=world.ib_a, item=item, verwijsindex="no")


def test_follow_ups_are_added_once_when_due(world):
    meeting, item = _discussed(world)
    day = timezone.localtime(meeting.starts_at).date()
    discussions.discussion_record(
        actor=world.ib_a, item=item, verwijsindex="no", next_discussion_on=day + dt.timedelta(days=10)
    )
    discussions.meeting_finalise(actor=world.ib_a, meeting=meeting)
    due = day + dt.timedelta(days=10)
    later = [m for m in meeting.series.meetings.order_by("starts_at") if m.pk != meeting.pk]
    target = next(m for m in later if timezone.localtime(m.starts_at).date() >= due)
    # a meeting before the due date gets nothing
    before = Meeting.objects.create(
        team=meeting.team,
        starts_at=meeting.starts_at + dt.timedelta(days=3),
        ends_at=meeting.ends_at + dt.timedelta(days=3),
        summary_release_on=day,
        access_until=day + dt.timedelta(days=20),
    )
    assert meetings.agenda_add_follow_ups(actor=world.ib_a, meeting=before) == []
    added = meetings.agenda_add_follow_ups(actor=world.ib_a, meeting=target)
    assert [a.case for a in added] == [item.case] and added[0].kind == AgendaKind.FOLLOW_UP
    assert meetings.agenda_add_follow_ups(actor=world.ib_a, meeting=target) == []


# --- Aftercare and reminders ---------------------------------------------------------------------------------------


def test_aftercare_is_created_once_three_months_after_the_last_discussion(world):
    meeting, item = _discussed(world)
    discussions.discussion_record(actor=world.ib_a, item=item, verwijsindex="no")
    discussions.meeting_finalise(actor=world.ib_a, meeting=meeting)
    day = timezone.localtime(meeting.starts_at).date()
    assert aftercare_services.aftercare_create_due(on=day + dt.timedelta(days=60)) == []
    created = aftercare_services.aftercare_create_due(on=day + dt.timedelta(days=92))
    assert [a.case for a in created] == [item.case]
    assert aftercare_services.aftercare_create_due(on=day + dt.timedelta(days=120)) == []
    assert Aftercare.objects.count() == 1 and events("aftercare.created") == 1
    aftercare = created[0]
    with pytest.raises(ValidationError):
        aftercare_services.aftercare_record(
            actor=world.ib_a,
            aftercare=aftercare,
            goal_attainment="achieved",
            outcome="close",
            satisfaction_school=9,
        )
    done = aftercare_services.aftercare_record(
        actor=world.ib_a,
        aftercare=aftercare,
        goal_attainment="achieved",
        outcome="close",
        satisfaction_school=4,
        satisfaction_parents=5,
    )
    assert done.done_by == world.ib_a
    item.case.refresh_from_db()
    assert item.case.status == "closed"


def test_reminders_are_sent_once_per_kind_and_name_no_pupil(
    world, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://zorgroute.example.org"
    from zorgroute.meetings.services import action_agree

    action_agree(
        actor=world.ib_a,
        case=world.case_a1,
        description="Bel de moeder van Sanne",
        owner=world.teacher,
        due_on=today() + dt.timedelta(days=2),
    )
    late = action_agree(
        actor=world.ib_a, case=world.case_a1, description="Observatie", owner=world.ib_a, due_on=today()
    )
    CaseAction.objects.filter(pk=late.pk).update(due_on=today() - dt.timedelta(days=1))
    world.teacher.email, world.ib_a.email = "juf@example.org", "ib@example.org"
    world.teacher.save()
    world.ib_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        run = reminders.reminders_send(on=today())
    assert (run.due_soon, run.overdue) == (1, 1)
    assert sorted(m.to[0] for m in mail.outbox) == ["ib@example.org", "juf@example.org"]
    for message in mail.outbox:
        assert "Sanne" not in message.subject + message.body
        assert "https://zorgroute.example.org/zorg/werk/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        again = reminders.reminders_send(on=today())
    assert (again.due_soon, again.overdue) == (0, 0) and len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2


def test_a_referral_is_discussed_once_the_minutes_with_its_item_are_final(world, client):
    from django.urls import reverse

    from zorgroute.testing.auth import login_verified

    meeting, item = _discussed(world)
    discussions.discussion_record(actor=world.ib_a, item=item, verwijsindex="no")
    item.referral.refresh_from_db()
    assert item.referral.status == ReferralStatus.SCHEDULED  # recorded, not final yet
    discussions.meeting_finalise(actor=world.ib_a, meeting=meeting)
    item.referral.refresh_from_db()
    assert item.referral.status == ReferralStatus.DISCUSSED
    assert last_event("meeting.finalised").changes["referrals_discussed"] == 1
    login_verified(client, world.ib_a)
    page = client.get(reverse("cases:case-detail", args=[item.case.uuid])).content.decode()
    row = page.split('data-testid="case-referrals"')[1].split("</table>")[0]
    assert in_dutch("Discussed") in row and in_dutch("On an agenda") not in row
    history = client.get(
        reverse("meetings:referral-detail", args=[item.case.uuid, item.referral.uuid])
    ).content.decode()
    assert in_dutch("Discussed in %(team)s") % {"team": meeting.team.name} in history
