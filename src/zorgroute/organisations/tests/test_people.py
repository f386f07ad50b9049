"""People of a region: list, detail, create an account with a role, reset someone's second factor."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.accounts.models import User
from zorgroute.organisations.models import StaffRole
from zorgroute.organisations.tests.conftest import MISSING, assert_same_as_missing, enter_sudo, last_event
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"organisations:{name}", args=[getattr(a, "uuid", a) for a in args])


def new_person(world, **overrides):
    data = {
        "first_name": "Noor",
        "last_name": "Testvelt",
        "username": "Noor_IB",
        "email": "noor@example.org",
        "job_title": "Intern begeleider",
        "role": "care_coordinator",
        "school": str(world.school_a.uuid),
        "partner": "",
        "valid_from": "2026-01-01",
    }
    return {**data, **overrides}


def test_the_people_list_shows_staff_and_team_members_of_the_region_only(admin_client, world, outsider):
    response = admin_client.get(url("person-list", world.region))
    people = set(response.context["page"].object_list)
    assert {world.teacher, world.ib_b, world.zat_chair, world.zat_member, world.functional_admin} <= people
    assert (
        outsider not in people
        and world.parent_with_authority not in people
        and world.system_admin not in people
    )
    chair = next(p for p in people if p == world.zat_chair)
    assert chair.region_roles == []  # team member only
    assert [
        p.username
        for p in admin_client.get(url("person-list", world.region), {"q": "zat_v"})
        .context["page"]
        .object_list
    ] == ["zat_voorzitter"]


def test_anonymous_users_go_to_login(client, world):
    for target in (
        url("person-list", world.region),
        url("person-create", world.region),
        url("person-detail", world.region, world.teacher),
        url("person-otp-reset", world.region, world.teacher),
    ):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_region_or_person(client, world, outsider):
    login_verified(client, outsider)
    for name in ("person-list", "person-create"):
        assert_same_as_missing(client, url(name, world.region), url(name, MISSING))
    assert_same_as_missing(
        client,
        url("person-detail", world.region, world.teacher),
        url("person-detail", MISSING, world.teacher),
    )
    # and the outsider's own region does not reveal our people either
    assert_same_as_missing(
        client,
        url("person-detail", world.other_region, world.teacher),
        url("person-detail", world.other_region, MISSING),
    )


def test_the_person_page_shows_roles_memberships_and_two_factor_status(admin_client, world):
    login_verified(admin_client, world.zat_member)  # gives them a device
    login_verified(admin_client, world.functional_admin)
    response = admin_client.get(url("person-detail", world.region, world.zat_member))
    assert response.status_code == 200
    assert [r.role for r in response.context["roles"]] == ["partner_staff"]
    assert [m.team for m in response.context["memberships"]] == [world.zat]
    assert response.context["has_otp"] is True
    assert url("person-otp-reset", world.region, world.zat_member) in response.content.decode()


def test_policy_staff_may_not_see_people(client, world):
    login_verified(client, world.municipality_analyst)
    assert client.get(url("person-list", world.region)).status_code == 403
    assert client.post(url("person-create", world.region), new_person(world)).status_code == 403
    assert not User.objects.filter(username="noor_ib").exists()


def test_the_administrator_creates_an_account_with_a_role_and_both_are_audited(admin_client, world):
    response = admin_client.post(url("person-create", world.region), new_person(world))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    person = User.objects.get(username="noor_ib")
    password = response.context["password"]
    assert len(password) >= 16 and person.check_password(password)
    assert person.job_title == "Intern begeleider"
    role = StaffRole.objects.get(user=person)
    assert (role.role, role.school) == ("care_coordinator", world.school_a)
    assert last_event("user.created").target_uuid == person.uuid
    assert last_event("staffrole.granted").target_uuid == person.uuid
    assert password not in str(last_event("user.created").changes)


def test_a_taken_username_or_a_wrong_scope_creates_nothing(admin_client, world):
    taken = admin_client.post(url("person-create", world.region), new_person(world, username="LEERKRACHT"))
    assert taken.status_code == 200 and "username" in taken.context["form"].errors
    wrong_scope = admin_client.post(url("person-create", world.region), new_person(world, school=""))
    assert wrong_scope.status_code == 200 and "school" in wrong_scope.context["form"].errors
    assert not User.objects.filter(username="noor_ib").exists()
    assert last_event("user.created") is None


def test_resetting_two_factor_requires_sudo_mode(admin_client, world):
    response = admin_client.post(
        url("person-otp-reset", world.region, world.teacher), {"reason": "Telefoon kwijt"}
    )
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sudo"))


def test_resetting_two_factor_needs_a_reason_removes_the_devices_and_is_audited(admin_client, world):
    f.give_totp(world.teacher)
    enter_sudo(admin_client, world.functional_admin)
    reset = url("person-otp-reset", world.region, world.teacher)
    no_reason = admin_client.post(reset, {"reason": ""})
    assert no_reason.status_code == 200 and "reason" in no_reason.context["form"].errors
    assert TOTPDevice.objects.filter(user=world.teacher).exists()
    response = admin_client.post(reset, {"reason": "Telefoon kwijt, identiteit gecontroleerd"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.teacher).exists()
    event = last_event("auth.otp_reset")
    assert event.target_uuid == world.teacher.uuid and event.reason.startswith("Telefoon kwijt")


def test_nobody_resets_their_own_second_factor_here(admin_client, world):
    enter_sudo(admin_client, world.functional_admin)
    response = admin_client.post(
        url("person-otp-reset", world.region, world.functional_admin), {"reason": "x"}
    )
    assert response.status_code == 200 and response.context["form"].errors
    assert TOTPDevice.objects.filter(user=world.functional_admin).exists()


def test_an_outsider_in_sudo_mode_cannot_reset_someone_here(client, world, outsider):
    f.give_totp(world.teacher)
    login_verified(client, outsider)
    enter_sudo(client, outsider)
    assert_same_as_missing(
        client,
        url("person-otp-reset", world.region, world.teacher),
        url("person-otp-reset", world.region, MISSING),
        method="post",
    )
    assert TOTPDevice.objects.filter(user=world.teacher).exists()


def test_the_people_list_takes_the_same_number_of_queries_as_people_grow(admin_client, world):
    target = url("person-list", world.region)

    def grow(n):
        for _ in range(n):
            user = f.UserFactory()
            f.StaffRoleFactory(user=user, role="teacher", school=world.school_a)
            f.StaffRoleFactory(user=user, role="partner_staff", partner=world.partner_jgz)
            f.give_totp(user)
            f.MembershipFactory(team=world.zat)

    grow(2)
    small = count_queries(admin_client, target)
    grow(20)
    assert count_queries(admin_client, target) == small
