"""The partner workspace: meetings they are invited to, the summaries of the cases on those agendas (never the case
page), their open actions and the referrals to their organisation; nothing for anyone else."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import last_event, url
from zorgroute.core.time import today
from zorgroute.meetings import services as action_services
from zorgroute.meetings.models import AgendaItem
from zorgroute.referrals.tests.helpers import backdate, kind, other_partner, refer
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("referrals:workspace")


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


def summary(meeting, case):
    return reverse("forum:agenda-summary", args=[meeting.uuid, case.uuid])


def agree(world, owner, description="Huisbezoek afleggen"):
    return action_services.action_agree(
        actor=world.ib_a,
        case=world.case_a1,
        description=description,
        owner=owner,
        due_on=today() + dt.timedelta(days=7),
    )


def test_a_zat_member_finds_meetings_summaries_actions_and_referrals(client, world, forum):
    meeting = forum["meeting_zat"]
    action = agree(world, world.zat_member)
    referral = backdate(refer(world), 50)
    _smw, _worker = other_partner(world)
    login_verified(client, world.zat_member)
    response = client.get(WORKSPACE)
    assert response.status_code == 200
    work = response.context["work"]
    assert [m.pk for m in work.meetings] == [meeting.pk]  # not the past meeting whose access ended
    agenda = {entry.case_uuid: entry for entry in work.agenda}
    assert set(agenda) == {world.case_a1.uuid, world.case_b1.uuid}  # not case_16: consent withdrawn
    assert agenda[world.case_a1.uuid].name == world.pupil_a1.full_name  # written consent naming the JGZ
    assert agenda[world.case_b1.uuid].name == ""  # anonymous consent
    assert [a.pk for a in work.actions] == [action.pk]
    assert [r.pk for r in work.referrals] == [referral.pk] and work.counts["due"] == 1
    content = response.content.decode()
    assert summary(meeting, world.case_a1) in content and summary(meeting, world.case_b1) in content
    assert world.pupil_b1.full_name not in content
    assert f'href="{url("cases:case-detail", world.case_a1)}"' not in content  # never the case page
    assert reverse("referrals:referral-detail", args=[referral.uuid]) in content
    row = last_event("case.listed")
    assert row.actor_uuid == world.zat_member.uuid and row.changes["list"] == "partner_workspace"
    assert row.changes["referrals"] == 1 and row.changes["agenda"] == 2
    assert client.get(summary(meeting, world.case_a1)).status_code == 200  # the link works


def test_an_item_put_on_anonymously_shows_no_name(client, world, forum):
    AgendaItem.objects.filter(meeting=forum["meeting_zat"], case=world.case_a1).update(anonymous=True)
    login_verified(client, world.zat_member)
    response = client.get(WORKSPACE)
    assert {e.name for e in response.context["work"].agenda} == {""}
    assert world.pupil_a1.full_name not in response.content.decode()


def test_summaries_wait_for_their_release_and_end_with_access(client, world, forum):
    from zorgroute.meetings.models import Meeting

    meeting = forum["meeting_zat"]
    Meeting.objects.filter(pk=meeting.pk).update(summary_release_on=today() + dt.timedelta(days=1))
    login_verified(client, world.zat_member)
    response = client.get(WORKSPACE)
    assert response.context["work"].agenda == [] and [m.pk for m in response.context["work"].meetings] == [
        meeting.pk
    ]
    Meeting.objects.filter(pk=meeting.pk).update(
        summary_release_on=today() - dt.timedelta(days=10), access_until=today() - dt.timedelta(days=1)
    )
    client.logout()
    login_verified(client, world.zat_member)
    work = client.get(WORKSPACE).context["work"]
    assert work.agenda == [] and work.meetings == []


def test_a_partner_sees_only_the_referrals_to_their_own_organisation(client, world):
    smw, smw_worker = other_partner(world)
    to_jgz = refer(world)
    to_smw = refer(world, partner=smw, care_kind=kind(world, "Schoolmaatschappelijk werk"))
    login_verified(client, smw_worker)
    response = client.get(WORKSPACE)
    assert [r.pk for r in response.context["work"].referrals] == [to_smw.pk]
    assert reverse("referrals:referral-detail", args=[to_jgz.uuid]) not in response.content.decode()


def test_only_a_partners_staff_have_a_workspace(client, world):
    for user in (world.ib_a, world.teacher, world.zat_chair, world.parent_with_authority, world.nobody):
        login_verified(client, user)
        assert client.get(WORKSPACE).status_code == 403


def test_anonymous_users_go_to_login(client, world):
    response = client.get(WORKSPACE)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_home_page_of_a_partner_leads_to_the_workspace(client, world):
    _smw, smw_worker = other_partner(world)  # a partner's worker in no care team
    login_verified(client, smw_worker)
    home = client.get(reverse("home:home"))
    content = home.content.decode()
    assert 'data-testid="home-partner"' in content and WORKSPACE in content
    assert 'data-testid="home-empty"' not in content
    login_verified(client, world.ib_a)
    assert 'data-testid="home-partner"' not in client.get(reverse("home:home")).content.decode()


def test_the_workspace_takes_constant_queries_as_rows_grow(client, world, forum):
    agree(world, world.zat_member)
    refer(world)
    login_verified(client, world.zat_member)
    small = count_queries(client, WORKSPACE)
    home_small = count_queries(client, reverse("home:home"))
    for n in range(4):
        agree(world, world.zat_member, description=f"Actie {n}")
    for name in ("Schoolmaatschappelijk werk", "Specialistische jeugdhulp", "Arrangement passend onderwijs"):
        refer(world, care_kind=kind(world, name))
        refer(world, case=world.case_b1, care_kind=kind(world, name), actor=world.ib_b)
    AgendaItem.objects.create(
        meeting=forum["meeting_zat"], case=forum["referral_zorgteam"].case, kind="new", position=9
    )
    assert count_queries(client, WORKSPACE) == small
    assert count_queries(client, reverse("home:home")) == home_small
