"""The chair and minute-taker of a meeting: planned meetings get the team's chair (and minute-taker) by default, the
chair or coordinator changes them on the meeting page, and the decision list names them."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import in_dutch, last_event
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings.decision_list import decision_list
from zorgroute.meetings.models import AgendaItem, MeetingSeries
from zorgroute.meetings.services import discussions, meetings
from zorgroute.organisations.constants import TeamRole
from zorgroute.testing import factories as f
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


def roles_url(meeting):
    return reverse("forum:meeting-roles", args=[meeting.uuid])


def test_a_planned_meeting_has_the_teams_chair_and_minute_taker(world):
    secretary = f.UserFactory(username="zat_notulist")
    f.MembershipFactory(team=world.zat, user=secretary, role=TeamRole.MINUTE_TAKER)
    day = today() + dt.timedelta(days=3)
    series = MeetingSeries.objects.create(
        team=world.zat, name="ZAT", weekday=day.weekday(), start_time=dt.time(9), first_date=day
    )
    (meeting,) = meetings.meetings_plan(actor=world.functional_admin, series=series, until=day)
    assert (meeting.chair, meeting.minute_taker) == (world.zat_chair, secretary)


def test_the_service_takes_invited_people_or_team_members_until_the_minutes_are_final(world, forum):
    meeting = forum["meeting_zat"]
    meetings.meeting_set_roles(
        actor=world.zat_chair, meeting=meeting, chair=world.zat_chair, minute_taker=world.zat_member
    )
    meeting.refresh_from_db()
    assert (meeting.chair, meeting.minute_taker) == (world.zat_chair, world.zat_member)
    row = last_event("meeting.roles_set")
    assert row.actor_uuid == world.zat_chair.uuid
    assert row.changes["minute_taker"] == {"old": None, "new": str(world.zat_member.uuid)}
    with pytest.raises(ValidationError) as refused:
        meetings.meeting_set_roles(
            actor=world.zat_chair, meeting=meeting, chair=world.ib_b, minute_taker=None
        )
    assert refused.value.field == "chair"
    meeting.minutes_finalised_at = meeting.starts_at
    with pytest.raises(DomainError):
        meetings.meeting_set_roles(actor=world.zat_chair, meeting=meeting, chair=None, minute_taker=None)


def test_the_chair_names_them_on_the_meeting_page(client, world, forum):
    meeting = forum["meeting_zat"]
    login_verified(client, world.zat_chair)
    page = client.get(reverse("forum:meeting-detail", args=[meeting.uuid]))
    assert roles_url(meeting) in page.content.decode()
    form = client.get(roles_url(meeting))
    assert form.status_code == 200
    assert form.context["form"].initial["chair"] == world.zat_chair.uuid  # the team's chair by default
    response = client.post(
        roles_url(meeting), {"chair": world.zat_chair.uuid, "minute_taker": world.zat_member.uuid}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert (meeting.chair, meeting.minute_taker) == (world.zat_chair, world.zat_member)
    shown = client.get(reverse("forum:meeting-detail", args=[meeting.uuid])).content.decode()
    section = shown.split('data-testid="attendance"')[1]
    assert in_dutch("Minute-taker") in section and world.zat_member.get_full_name() in section
    bad = client.post(roles_url(meeting), {"chair": world.ib_b.uuid})
    assert bad.status_code == 200 and bad.context["form"].errors["chair"]


def test_members_may_not_outsiders_get_404_and_anonymous_users_the_login(client, world, forum):
    meeting = forum["meeting_zat"]
    assert client.get(roles_url(meeting))["Location"].startswith(reverse("accounts:login"))
    login_verified(client, world.zat_member)
    assert client.get(roles_url(meeting)).status_code == 403
    page = client.get(reverse("forum:meeting-detail", args=[meeting.uuid])).content.decode()
    assert roles_url(meeting) not in page
    client.logout()
    login_verified(client, world.ib_b)
    assert client.post(roles_url(meeting), {"chair": world.zat_chair.uuid}).status_code == 404


def test_the_decision_list_names_the_chair_and_the_minute_taker(world, forum):
    meeting = forum["meeting_zat"]
    AgendaItem.objects.filter(meeting=meeting).exclude(case=world.case_a1).delete()
    item = AgendaItem.objects.get(meeting=meeting, case=world.case_a1)
    meetings.meeting_set_roles(
        actor=world.zat_chair, meeting=meeting, chair=world.zat_chair, minute_taker=world.zat_member
    )
    discussions.discussion_record(actor=world.zat_chair, item=item, verwijsindex="no")
    discussions.meeting_finalise(actor=world.zat_chair, meeting=meeting)
    meeting.refresh_from_db()
    doc = decision_list(meeting=meeting, partner_id=None)
    assert (doc.chair, doc.minute_taker) == (
        world.zat_chair.get_full_name(),
        world.zat_member.get_full_name(),
    )
