"""The demo's meeting history (demo/meeting_history.py): held ZAT and zorgteam meetings with finalised minutes, and a
next ZAT meeting whose summaries the demo ZAT member reads."""

import pytest
from django.urls import reverse
from django.utils import timezone

from zorgroute.accounts.models import User
from zorgroute.audit.models import AuditEvent
from zorgroute.core.time import today
from zorgroute.demo.credentials import Username
from zorgroute.meetings.constants import ActionKind, ActionStatus, MeetingStatus, Presence
from zorgroute.meetings.models import Aftercare, AgendaItem, Attendance, CaseAction, CaseDiscussion, Meeting
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.referrals.workspace import agenda_cases
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def test_the_zat_member_sees_summaries_and_the_zat_has_finalised_past_meetings(demo_output, client):
    member = User.objects.get(username=Username.ZAT_MEMBER)
    agenda = agenda_cases(user=member)
    assert agenda, "the demo ZAT member sees no summaries"
    assert any(not case.name for case in agenda), "no anonymous case on the next ZAT agenda"
    held = Meeting.objects.filter(
        team__kind=CareTeamKind.REGIONAL_TEAM, status=MeetingStatus.HELD, minutes_finalised_at__isnull=False
    )
    assert held.count() >= 2
    assert all(m.starts_at < timezone.now() for m in held)
    login_verified(client, member)
    page = client.get(reverse("referrals:workspace")).content.decode()
    assert str(agenda[0].case_uuid) in page


def test_the_next_zat_meeting_has_two_or_three_cases_with_its_summaries_released(demo_output):
    upcoming = (
        Meeting.objects.filter(
            team__kind=CareTeamKind.REGIONAL_TEAM, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    assert upcoming is not None and upcoming.summary_release_on <= today()
    items = list(upcoming.items.all())
    assert 2 <= len(items) <= 3
    assert sum(item.anonymous for item in items) == 1


def test_the_history_has_discussions_actions_attendance_feedback_and_aftercare(demo_output):
    discussions = CaseDiscussion.objects.filter(item__meeting__status=MeetingStatus.HELD)
    assert discussions.exists() and not discussions.filter(analysis="").exists()
    actions = CaseAction.objects.filter(discussion__in=discussions, kind=ActionKind.ACTION)
    assert actions.filter(status=ActionStatus.DONE).exists()
    assert actions.filter(status=ActionStatus.OPEN, due_on__gte=today()).exists()
    assert actions.filter(status=ActionStatus.OPEN, due_on__lt=today()).exists()  # overdue
    for discussion in discussions.prefetch_related("actions"):
        agreed = [a for a in discussion.actions.all() if a.kind == ActionKind.ACTION]
        assert 1 <= len(agreed) <= 3
        assert len(agreed) == 1 or discussion.case_coordinator_id is not None
    feedback = CaseAction.objects.filter(discussion__in=discussions, kind=ActionKind.FEEDBACK)
    assert (
        feedback.filter(status=ActionStatus.DONE).exists()
        and feedback.filter(status=ActionStatus.OPEN).exists()
    )
    held = Attendance.objects.filter(meeting__status=MeetingStatus.HELD)
    assert held.filter(substitute_for__isnull=False).exists()
    assert held.filter(presence__in=[Presence.ABSENT, Presence.EXCUSED]).exists()
    assert Aftercare.objects.exists()
    zorgteam = Meeting.objects.filter(team__kind=CareTeamKind.SCHOOL_CARE_TEAM, status=MeetingStatus.HELD)
    coordinator_school = User.objects.get(username=Username.CARE_COORDINATOR).staff_roles.first().school
    assert zorgteam.exists() and set(zorgteam.values_list("team__school", flat=True)) == {
        coordinator_school.pk
    }


def test_the_history_was_written_by_the_services(demo_output):
    for event, model in (
        ("meeting.finalised", Meeting.objects.filter(status=MeetingStatus.HELD)),
        ("agenda.item_added", AgendaItem.objects.all()),
        ("discussion.recorded", CaseDiscussion.objects.all()),
    ):
        assert AuditEvent.objects.filter(event=event).count() >= model.count() > 0, event
