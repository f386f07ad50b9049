"""Care teams (list, create, detail, edit) and their memberships (add, edit, end with a reason in sudo mode)."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.core.time import today
from zorgroute.organisations.models import CareTeam, Membership
from zorgroute.organisations.tests.conftest import MISSING, assert_same_as_missing, enter_sudo, last_event
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
LIST = reverse("organisations:careteam-list")


def url(name, *args):
    return reverse(f"organisations:{name}", args=[getattr(a, "uuid", a) for a in args])


def member_of(world, user):
    return Membership.objects.get(team=world.zat, user=user)


def test_the_list_shows_the_teams_each_role_may_see(client, world):
    login_verified(client, world.functional_admin)
    assert {t.name for t in client.get(LIST).context["teams"]} == {"ZAT Teststreek", "Zorgteam De Regenboog"}
    client.logout()
    login_verified(client, world.zorgteam_member)
    assert {t.name for t in client.get(LIST).context["teams"]} == {"Zorgteam De Regenboog"}
    client.logout()
    login_verified(client, world.teacher)
    assert client.get(LIST).context["teams"] == []


def test_the_list_counts_current_members_only(admin_client, world):
    f.MembershipFactory(team=world.zat, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2021, 1, 1))
    teams = {t.name: t.member_count for t in admin_client.get(LIST).context["teams"]}
    assert teams["ZAT Teststreek"] == 3


def test_anonymous_users_go_to_login(client, world):
    for target in (
        LIST,
        url("careteam-detail", world.zat),
        url("membership-create", world.zat),
        url("membership-end", world.zat, member_of(world, world.zat_member)),
    ):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_team_page_shows_current_and_former_members(admin_client, world):
    former = f.MembershipFactory(team=world.zat, valid_from=dt.date(2020, 1, 1), valid_to=dt.date(2021, 1, 1))
    response = admin_client.get(url("careteam-detail", world.zat))
    assert response.status_code == 200
    current = {m.user for m in response.context["memberships"]["current"]}
    assert current == {world.zat_chair, world.zat_member, world.on_call_partner}
    assert [m.pk for m in response.context["memberships"]["ended"]] == [former.pk]
    assert url("membership-create", world.zat) in response.content.decode()


def test_an_outsider_gets_the_same_404_as_for_a_missing_team(client, world, outsider):
    login_verified(client, outsider)
    for name in ("careteam-detail", "careteam-edit", "membership-create"):
        assert_same_as_missing(client, url(name, world.zat), url(name, MISSING))
    membership = member_of(world, world.zat_member)
    assert_same_as_missing(
        client, url("membership-edit", world.zat, membership), url("membership-edit", MISSING, membership)
    )


def test_a_zorgteam_member_cannot_see_the_zat(client, world):
    login_verified(client, world.zorgteam_member)
    assert client.get(url("careteam-detail", world.zat)).status_code == 404


def test_a_team_member_may_see_the_team_but_not_manage_it(client, world):
    login_verified(client, world.zat_member)
    response = client.get(url("careteam-detail", world.zat))
    assert response.status_code == 200
    assert url("membership-create", world.zat) not in response.content.decode()
    assert client.get(url("membership-create", world.zat)).status_code == 403
    response = client.post(
        url("membership-create", world.zat),
        {"user": str(world.teacher.uuid), "role": "member", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=world.teacher).exists()


def test_the_care_coordinator_sees_the_school_team_but_cannot_manage_it(client, world):
    login_verified(client, world.ib_a)
    assert client.get(url("careteam-detail", world.zorgteam_a)).status_code == 200
    assert client.get(url("careteam-edit", world.zorgteam_a)).status_code == 403


def test_the_administrator_creates_a_zat_and_a_school_team(admin_client, world):
    response = admin_client.post(
        url("careteam-create", world.region), {"kind": "regional_team", "name": "ZAT Noord"}
    )
    zat = CareTeam.objects.get(name="ZAT Noord")
    assert response.status_code == 302 and zat.school is None and zat.region == world.region
    assert last_event("careteam.created").changes["kind"] == {"new": "regional_team"}
    response = admin_client.post(
        url("careteam-create", world.region),
        {"kind": "group_review", "name": "Groepsbespreking B", "school": str(world.school_b.uuid)},
    )
    assert response.status_code == 302
    assert CareTeam.objects.get(name="Groepsbespreking B").school == world.school_b


def test_a_second_school_care_team_is_refused(admin_client, world):
    response = admin_client.post(
        url("careteam-create", world.region),
        {"kind": "school_care_team", "name": "Tweede zorgteam", "school": str(world.school_a.uuid)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["school"] == ["Deze school heeft al een actief zorgteam."]


def test_a_school_team_without_school_and_a_zat_with_a_school_are_refused(admin_client, world):
    no_school = admin_client.post(
        url("careteam-create", world.region), {"kind": "school_care_team", "name": "X"}
    )
    assert "school" in no_school.context["form"].errors
    with_school = admin_client.post(
        url("careteam-create", world.region),
        {"kind": "regional_team", "name": "Y", "school": str(world.school_b.uuid)},
    )
    assert "school" in with_school.context["form"].errors
    assert not CareTeam.objects.filter(name__in=["X", "Y"]).exists()


def test_a_team_lead_edits_their_own_team(client, world):
    login_verified(client, world.zat_chair)
    response = client.post(
        url("careteam-edit", world.zat), {"name": "ZAT Teststreek-Zuid", "is_active": "on"}
    )
    assert response.status_code == 302
    world.zat.refresh_from_db()
    assert world.zat.name == "ZAT Teststreek-Zuid"
    assert last_event("careteam.updated").actor_uuid == world.zat_chair.uuid


def test_the_administrator_adds_a_member_and_it_is_audited(admin_client, world):
    data = {
        "user": str(world.ib_a.uuid),
        "role": "member",
        "function": "IB'er",
        "is_fixed": "on",
        "partner": "",
        "substitute": str(world.head_a.uuid),
        "valid_from": "2026-01-01",
        "valid_to": "",
    }
    response = admin_client.post(url("membership-create", world.zat), data)
    assert response.status_code == 302
    membership = Membership.objects.get(team=world.zat, user=world.ib_a)
    assert membership.substitute == world.head_a and membership.valid_to is None
    changes = last_event("membership.created").changes
    assert changes["user"] == {"new": str(world.ib_a.uuid)}
    assert changes["substitute"] == {"new": str(world.head_a.uuid)}
    assert changes["function"] == {"changed": True}


def test_an_on_call_member_cannot_also_be_fixed_and_nobody_substitutes_themself(admin_client, world):
    base = {"user": str(world.ib_a.uuid), "valid_from": "2026-01-01"}
    on_call = admin_client.post(
        url("membership-create", world.zat), {**base, "role": "on_call", "is_fixed": "on"}
    )
    assert "is_fixed" in on_call.context["form"].errors
    self_sub = admin_client.post(
        url("membership-create", world.zat), {**base, "role": "member", "substitute": str(world.ib_a.uuid)}
    )
    assert "substitute" in self_sub.context["form"].errors
    assert not Membership.objects.filter(user=world.ib_a).exists()


def test_an_overlapping_membership_is_refused(admin_client, world):
    response = admin_client.post(
        url("membership-create", world.zat),
        {"user": str(world.zat_member.uuid), "role": "member", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200 and "user" in response.context["form"].errors


def test_a_person_outside_the_region_cannot_be_chosen(admin_client, world, outsider):
    response = admin_client.post(
        url("membership-create", world.zat),
        {"user": str(outsider.uuid), "role": "member", "valid_from": "2026-01-01"},
    )
    assert response.status_code == 200 and "user" in response.context["form"].errors


def test_editing_a_membership_is_audited_but_cannot_end_it_early(admin_client, world):
    membership = member_of(world, world.zat_member)
    edit = url("membership-edit", world.zat, membership)
    data = {
        "role": "minute_taker",
        "is_fixed": "on",
        "partner": str(world.partner_jgz.uuid),
        "valid_from": "2020-01-01",
        "valid_to": "",
    }
    assert admin_client.post(edit, data).status_code == 302
    membership.refresh_from_db()
    assert membership.role == "minute_taker"
    assert last_event("membership.updated").changes == {"role": {"old": "member", "new": "minute_taker"}}
    early = admin_client.post(edit, {**data, "valid_to": today().isoformat()})
    assert early.status_code == 200 and "valid_to" in early.context["form"].errors
    membership.refresh_from_db()
    assert membership.valid_to is None


def test_ending_a_membership_requires_sudo_mode(admin_client, world):
    membership = member_of(world, world.zat_member)
    response = admin_client.post(
        url("membership-end", world.zat, membership),
        {"end_date": today().isoformat(), "reason": "Vertrokken"},
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sudo"))
    membership.refresh_from_db()
    assert membership.valid_to is None


def test_ending_a_membership_needs_a_reason_and_is_audited(admin_client, world):
    enter_sudo(admin_client, world.functional_admin)
    membership = member_of(world, world.zat_member)
    end = url("membership-end", world.zat, membership)
    form_page = admin_client.get(end)
    assert form_page.context["form"].initial["end_date"] == today() - dt.timedelta(days=1)
    no_reason = admin_client.post(end, {"end_date": today().isoformat(), "reason": "  "})
    assert no_reason.status_code == 200 and "reason" in no_reason.context["form"].errors
    assert last_event("membership.ended") is None
    response = admin_client.post(
        end,
        {"end_date": (today() - dt.timedelta(days=1)).isoformat(), "reason": "Werkt niet meer bij de GGD"},
    )
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.valid_to == today() - dt.timedelta(days=1)
    event = last_event("membership.ended")
    assert event.reason == "Werkt niet meer bij de GGD"
    assert event.changes == {"valid_to": {"old": None, "new": (today() - dt.timedelta(days=1)).isoformat()}}


def test_a_team_member_cannot_end_memberships_even_in_sudo_mode(client, world):
    login_verified(client, world.zat_member)
    enter_sudo(client, world.zat_member)
    membership = member_of(world, world.on_call_partner)
    response = client.post(
        url("membership-end", world.zat, membership), {"end_date": "2026-01-01", "reason": "x"}
    )
    assert response.status_code == 403


def test_an_outsider_in_sudo_mode_gets_404_when_ending_a_membership(client, world, outsider):
    login_verified(client, outsider)
    enter_sudo(client, outsider)
    membership = member_of(world, world.zat_member)
    assert_same_as_missing(
        client,
        url("membership-end", world.zat, membership),
        url("membership-end", world.zat, MISSING),
        method="post",
    )
    membership.refresh_from_db()
    assert membership.valid_to is None


def test_the_team_page_takes_the_same_number_of_queries_as_members_grow(admin_client, world):
    target = url("careteam-detail", world.zat)

    def grow(n):
        for _ in range(n):
            f.MembershipFactory(team=world.zat, partner=world.partner_jgz, substitute=f.UserFactory())
            f.MembershipFactory(team=world.zat, valid_to=dt.date(2021, 1, 1))

    grow(2)
    small = count_queries(admin_client, target)
    grow(20)
    assert count_queries(admin_client, target) == small


def test_the_team_list_takes_the_same_number_of_queries_as_teams_grow(admin_client, world):
    def grow(n):
        for _ in range(n):
            team = f.CareTeamFactory(region=world.region)
            f.MembershipFactory(team=team)

    grow(2)
    small = count_queries(admin_client, LIST)
    grow(20)
    assert count_queries(admin_client, LIST) == small
