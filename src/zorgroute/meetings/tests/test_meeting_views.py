"""The meeting pages: a member sees the meetings they are invited to and only the summaries consent allows; the
chair runs the meeting and sees the minimum composition; one meeting page takes a fixed number of queries."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import in_dutch, last_event
from zorgroute.core.time import today
from zorgroute.meetings.models import AgendaItem, Attendance, CompositionRequirement, Meeting
from zorgroute.organisations import constants as oc
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified, page_fingerprint

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


def detail(meeting):
    return reverse("forum:meeting-detail", args=[meeting.uuid])


def summary(meeting, case):
    return reverse("forum:agenda-summary", args=[meeting.uuid, case.uuid])


def test_a_member_sees_their_meeting_and_the_summaries_consent_allows(client, world, forum):
    meeting = forum["meeting_zat"]
    login_verified(client, world.zat_member)
    listing = client.get(reverse("forum:meeting-list"))
    assert [m.pk for m in listing.context["meetings"]] == [meeting.pk]  # not the past one: access ended
    page = client.get(detail(meeting))
    assert page.status_code == 200
    items = {i.case_id: i for i in page.context["page"].items}
    assert items[world.case_a1.pk].summary_visible and items[world.case_b1.pk].summary_visible
    assert not items[world.case_16.pk].summary_visible  # consent withdrawn
    named = client.get(summary(meeting, world.case_a1))
    assert named.status_code == 200 and world.pupil_a1.full_name in named.content.decode()
    assert last_event("case.summary_viewed").actor_uuid == world.zat_member.uuid
    assert client.get(summary(meeting, world.case_16)).status_code == 404
    assert client.get(reverse("cases:case-detail", args=[world.case_a1.uuid])).status_code == 404


def test_an_anonymous_case_shows_no_name_on_the_agenda_or_in_its_summary(client, world, forum):
    meeting = forum["meeting_zat"]
    AgendaItem.objects.filter(meeting=meeting, case=world.case_b1).update(anonymous=True)
    login_verified(client, world.zat_member)
    page = client.get(detail(meeting)).content.decode()
    assert world.pupil_b1.full_name not in page
    body = client.get(summary(meeting, world.case_b1)).content.decode()
    assert world.pupil_b1.first_name not in body and world.pupil_b1.last_name not in body
    assert 'data-testid="summary-anonymous"' in body


def test_outsiders_get_the_same_404_as_for_a_missing_meeting(client, world, forum):
    missing = reverse("forum:meeting-detail", args=["00000000-0000-0000-0000-000000000000"])
    for persona in ("ib_b", "zorgteam_member", "on_call_partner", "teacher"):
        client.logout()
        login_verified(client, getattr(world, persona))
        hidden = client.get(detail(forum["meeting_zat"]))
        gone = client.get(missing)
        assert hidden.status_code == gone.status_code == 404
        assert page_fingerprint(hidden.content, detail(forum["meeting_zat"])) == page_fingerprint(
            gone.content, missing
        )
    client.logout()
    login_verified(client, world.zat_member)
    assert client.get(detail(forum["meeting_zat_past"])).status_code == 404  # their access ended


def test_anonymous_users_go_to_login(client, world, forum):
    for target in (reverse("forum:meeting-list"), detail(forum["meeting_zat"])):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_chair_sees_who_is_missing_from_the_minimum_composition(client, world, forum):
    meeting = forum["meeting_zat"]
    jgz = world.partner_jgz.partner_type
    CompositionRequirement.objects.create(team=world.zat, label="Voorzitter", team_role=oc.TeamRole.CHAIR)
    CompositionRequirement.objects.create(team=world.zat, label="Jeugdarts (JGZ)", partner_type=jgz)
    login_verified(client, world.zat_chair)
    page = client.get(detail(meeting))
    assert page.context["manage"] and page.context["page"].gaps == [("Voorzitter", 1)]
    assert in_dutch("The minimum composition of this team is not met:") in page.content.decode()
    chair_membership = world.zat.memberships.get(user=world.zat_chair)
    Attendance.objects.create(meeting=meeting, user=world.zat_chair, membership=chair_membership)
    assert client.get(detail(meeting)).context["page"].gaps == []


def test_a_meeting_page_takes_the_same_queries_for_20_cases_and_12_attendees(client, world, forum):
    meeting = forum["meeting_zat"]
    login_verified(client, world.zat_chair)
    small = count_queries(client, detail(meeting))
    position = 10
    for _ in range(17):
        pupil = f.PupilFactory.enrolled(world.group_a1)
        case = case_services.case_open(actor=world.ib_a, pupil=pupil, owner=world.ib_a)
        position += 1
        AgendaItem.objects.create(meeting=meeting, case=case, kind="new", position=position)
    for _ in range(11):
        user = f.UserFactory()
        membership = f.MembershipFactory(team=world.zat, user=user, partner=world.partner_jgz)
        Attendance.objects.create(meeting=meeting, user=user, membership=membership)
    assert AgendaItem.objects.filter(meeting=meeting).count() == 20
    assert Attendance.objects.filter(meeting=meeting).count() == 12
    assert count_queries(client, detail(meeting)) == small


def test_a_member_loses_the_summary_when_consent_is_withdrawn(client, world, forum):
    from zorgroute.consents import services as consent_services
    from zorgroute.consents.models import ConsentRecord

    meeting = forum["meeting_zat"]
    login_verified(client, world.zat_member)
    assert client.get(summary(meeting, world.case_a1)).status_code == 200
    record = ConsentRecord.objects.get(case=world.case_a1, forum_kind="regional_team")
    consent_services.consent_withdraw(actor=world.ib_a, record=record)
    assert client.get(summary(meeting, world.case_a1)).status_code == 404  # on the next request


def test_access_ends_after_the_meeting(client, world, forum):
    meeting = forum["meeting_zat"]
    Meeting.objects.filter(pk=meeting.pk).update(access_until=today() - dt.timedelta(days=1))
    login_verified(client, world.zat_member)
    assert client.get(summary(meeting, world.case_a1)).status_code == 404


def test_the_home_page_lists_a_members_next_meetings(client, world, forum):
    login_verified(client, world.zat_member)
    home = client.get(reverse("home:home"))
    assert [m.pk for m in home.context["meetings"]] == [forum["meeting_zat"].pk]
    assert reverse("forum:meeting-detail", args=[forum["meeting_zat"].uuid]) in home.content.decode()


def test_the_agenda_names_a_case_as_its_summary_does_for_the_readers_organisation(client, world, forum):
    """The written consent for the ZAT names the JGZ: its member reads Sanne's name on the agenda as in the
    summary; a member of an organisation the consent does not name reads only an age on the agenda (and no
    summary: the consent does not reach their organisation)."""
    meeting = forum["meeting_zat"]
    login_verified(client, world.zat_member)  # of the JGZ
    page = client.get(detail(meeting))
    items = {i.case_id: i for i in page.context["page"].items}
    assert not items[world.case_a1.pk].anonymous and items[world.case_a1.pk].label is None
    assert world.pupil_a1.full_name in page.content.decode()
    assert world.pupil_a1.full_name in client.get(summary(meeting, world.case_a1)).content.decode()
    client.logout()
    other_type = f.PartnerTypeFactory(region=world.region, name="Schoolmaatschappelijk werk")
    other_org = f.PartnerFactory(region=world.region, partner_type=other_type, name="SMW Teststreek")
    worker = f.UserFactory()
    f.give_totp(worker)
    f.StaffRoleFactory(user=worker, role=oc.StaffRoleKind.PARTNER_STAFF, partner=other_org)
    membership = f.MembershipFactory(team=world.zat, user=worker, partner=other_org)
    Attendance.objects.create(meeting=meeting, user=worker, membership=membership)
    login_verified(client, worker)
    page = client.get(detail(meeting))
    items = {i.case_id: i for i in page.context["page"].items}
    assert items[world.case_a1.pk].anonymous and items[world.case_a1.pk].label is not None
    assert world.pupil_a1.full_name not in page.content.decode()
    assert not items[world.case_a1.pk].summary_visible
    assert client.get(summary(meeting, world.case_a1)).status_code == 404


def test_the_meeting_lists_count_only_the_cases_the_reader_may_see(client, world, forum):
    """Three cases are on the ZAT's agenda; for one the consent was withdrawn, so its member counts two (in the
    meetings list, on the home page and in the workspace) and learns nothing of the third; the chair counts three."""
    meeting = forum["meeting_zat"]
    assert AgendaItem.objects.filter(meeting=meeting).count() == 3
    login_verified(client, world.zat_member)
    (listed,) = client.get(reverse("forum:meeting-list")).context["meetings"]
    assert listed.item_count == 2
    (home,) = client.get(reverse("home:home")).context["meetings"]
    assert home.item_count == 2
    (invited,) = client.get(reverse("referrals:workspace")).context["work"].meetings
    assert invited.item_count == 2
    client.logout()
    login_verified(client, world.zat_chair)
    counts = {m.pk: m.item_count for m in client.get(reverse("forum:meeting-list")).context["meetings"]}
    assert counts[meeting.pk] == 3
