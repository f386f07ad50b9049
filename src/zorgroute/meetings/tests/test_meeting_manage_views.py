"""Running a meeting in the browser's forms: put a referral on the agenda, attendance, the discussion with its
actions, and the minutes finalised (refused without a case coordinator when more than one action is agreed)."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import events, in_dutch
from zorgroute.core.time import today
from zorgroute.meetings.constants import ActionKind, MeetingStatus, Presence, ReferralStatus
from zorgroute.meetings.models import AgendaItem, Attendance, CaseAction, Referral
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


def url(name, meeting, *more):
    return reverse(f"forum:{name}", args=[meeting.uuid, *[getattr(m, "uuid", m) for m in more]])


def test_the_chair_puts_a_waiting_referral_on_the_agenda(client, world, forum):
    meeting = forum["meeting_zat"]
    AgendaItem.objects.filter(meeting=meeting, case=world.case_a1).delete()
    referral = forum["referral_zat"]  # submitted to the ZAT
    login_verified(client, world.zat_chair)
    page = client.get(reverse("forum:meeting-detail", args=[meeting.uuid]))
    assert [r.pk for r in page.context["page"].waiting] == [referral.pk]
    response = client.post(url("meeting-schedule", meeting, referral))
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.SCHEDULED
    assert AgendaItem.objects.filter(meeting=meeting, case=world.case_a1, referral=referral).exists()


def test_attendance_with_a_substitute(client, world, forum):
    meeting = forum["meeting_zat"]
    attendance = Attendance.objects.get(meeting=meeting, user=world.zat_member)
    login_verified(client, world.zat_chair)
    form = client.get(url("attendance-edit", meeting, attendance))
    assert form.status_code == 200
    assert (
        client.post(url("attendance-edit", meeting, attendance), {"presence": "present"}).status_code == 302
    )
    attendance.refresh_from_db()
    assert attendance.presence == Presence.PRESENT
    bad = client.post(url("attendance-edit", meeting, attendance), {"presence": "maybe"})
    assert bad.status_code == 200 and bad.context["form"].errors["presence"]


def test_the_discussion_the_actions_and_the_minutes(client, world, forum):
    meeting = forum["meeting_zat"]
    AgendaItem.objects.filter(meeting=meeting).exclude(case=world.case_a1).delete()
    item = AgendaItem.objects.get(meeting=meeting, case=world.case_a1)
    login_verified(client, world.zat_chair)
    page = client.get(url("discussion-edit", meeting, item))
    assert page.status_code == 200 and page.context["action_form"] is None
    data = {
        "analysis": "Sanne mist veiligheid.",
        "decisions": "Logopedie en een gesprek met de ouders.",
        "verwijsindex": "no",
        "reports_to_parents": world.ib_a.uuid,
        "next_discussion_on": (today() + dt.timedelta(days=60)).isoformat(),
    }
    assert client.post(url("discussion-edit", meeting, item), data).status_code == 302
    due = (today() + dt.timedelta(days=14)).isoformat()
    for text, owner in (("Observatie", world.zat_member), ("Oudergesprek", world.ib_a)):
        client.post(
            url("discussion-action", meeting, item), {"description": text, "owner": owner.uuid, "due_on": due}
        )
    assert CaseAction.objects.filter(discussion__item=item, kind=ActionKind.ACTION).count() == 2
    check = client.get(url("meeting-finalise", meeting))
    assert check.context["problems"]
    assert in_dutch("The minutes cannot be finalised yet:") in check.content.decode()
    refused = client.post(url("meeting-finalise", meeting), {"confirm": "on"})
    assert refused.status_code == 200
    client.post(url("discussion-edit", meeting, item), {**data, "case_coordinator": world.teacher.uuid})
    done = client.post(url("meeting-finalise", meeting), {"confirm": "on"})
    assert done.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.HELD and events("meeting.finalised") == 1
    assert CaseAction.objects.filter(kind=ActionKind.FEEDBACK, owner=world.ib_a).exists()
    assert client.get(url("discussion-edit", meeting, item)).status_code == 200  # readable, not editable:
    again = client.post(url("discussion-edit", meeting, item), data)
    assert again.status_code == 200 and again.context["form"].non_field_errors()


def test_a_member_sees_the_meeting_but_may_not_run_it_and_outsiders_get_404(client, world, forum):
    meeting = forum["meeting_zat"]
    item = AgendaItem.objects.get(meeting=meeting, case=world.case_a1)
    login_verified(client, world.zat_member)
    assert client.get(url("discussion-edit", meeting, item)).status_code == 403
    assert client.post(url("meeting-finalise", meeting), {"confirm": "on"}).status_code == 403
    assert client.post(url("meeting-follow-ups", meeting)).status_code == 403
    client.logout()
    login_verified(client, world.ib_b)
    assert client.get(url("meeting-finalise", meeting)).status_code == 404
    client.logout()
    login_verified(client, world.zat_chair)
    missing = "00000000-0000-0000-0000-000000000000"
    assert client.get(url("discussion-edit", meeting, missing)).status_code == 404
    assert client.post(url("meeting-schedule", meeting, missing)).status_code == 404
    assert not Referral.objects.filter(status=ReferralStatus.SCHEDULED).exists()


def test_an_empty_post_binds_the_form_and_says_what_is_missing(client, world, forum):
    """A POST without fields is still a submission: the confirmation is required, the discussion and the
    attendance are checked; nothing changes."""
    meeting = forum["meeting_zat"]
    item = AgendaItem.objects.get(meeting=meeting, case=world.case_a1)
    attendance = Attendance.objects.get(meeting=meeting, user=world.zat_member)
    login_verified(client, world.zat_chair)
    finalise = client.post(url("meeting-finalise", meeting), {})
    assert finalise.status_code == 200
    assert finalise.context["form"].is_bound and finalise.context["form"].errors["confirm"]
    presence = client.post(url("attendance-edit", meeting, attendance), {})
    assert presence.status_code == 200 and presence.context["form"].errors["presence"]
    discussion = client.post(url("discussion-edit", meeting, item), {})
    assert discussion.status_code == 302  # every discussion field is optional: an empty one is saved
    meeting.refresh_from_db()
    assert meeting.minutes_finalised_at is None and meeting.status == MeetingStatus.PLANNED
