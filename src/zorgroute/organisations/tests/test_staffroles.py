"""Staff roles of a region: list, grant, revoke (with a reason, in sudo mode)."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.access import principal
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.core.time import today
from zorgroute.organisations.models import StaffRole
from zorgroute.organisations.tests.conftest import MISSING, assert_same_as_missing, enter_sudo, last_event
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"organisations:{name}", args=[getattr(a, "uuid", a) for a in args])


def role_of(user):
    return StaffRole.objects.get(user=user)


def test_the_administrator_lists_the_current_roles_of_the_region(admin_client, world, outsider):
    ended = f.StaffRoleFactory(
        user=world.nobody, role="teacher", school=world.school_b, valid_to=dt.date(2021, 1, 1)
    )
    response = admin_client.get(url("staffrole-list", world.region))
    roles = set(response.context["page"].object_list)
    assert role_of(world.teacher) in roles and role_of(world.zat_member) in roles
    assert role_of(world.functional_admin) in roles
    assert ended not in roles and role_of(outsider) not in roles and role_of(world.system_admin) not in roles
    with_ended = admin_client.get(url("staffrole-list", world.region), {"beeindigd": "1"})
    assert ended in set(with_ended.context["page"].object_list)
    searched = admin_client.get(url("staffrole-list", world.region), {"q": "leerkracht"})
    assert list(searched.context["page"].object_list) == [role_of(world.teacher)]


def test_anonymous_users_go_to_login(client, world):
    for target in (
        url("staffrole-list", world.region),
        url("staffrole-grant", world.region),
        url("staffrole-revoke", world.region, role_of(world.teacher)),
    ):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_region(client, world, outsider):
    login_verified(client, outsider)
    for name in ("staffrole-list", "staffrole-grant"):
        assert_same_as_missing(client, url(name, world.region), url(name, MISSING))


def test_a_role_of_another_region_is_not_found_through_this_region(admin_client, world, outsider):
    enter_sudo(admin_client, world.functional_admin)
    assert_same_as_missing(
        admin_client,
        url("staffrole-revoke", world.region, role_of(outsider)),
        url("staffrole-revoke", world.region, MISSING),
    )


def test_policy_staff_see_the_region_but_may_not_manage_roles(client, world):
    login_verified(client, world.municipality_analyst)
    assert client.get(url("staffrole-list", world.region)).status_code == 403
    data = {"user": str(world.nobody.uuid), "role": "functional_admin", "valid_from": "2026-01-01"}
    assert client.post(url("staffrole-grant", world.region), data).status_code == 403
    assert not StaffRole.objects.filter(user=world.nobody).exists()


def test_the_administrator_grants_a_school_role_and_it_takes_effect_and_is_audited(admin_client, world):
    data = {
        "user": str(world.ib_b.uuid),
        "role": "teacher",
        "school": str(world.school_a.uuid),
        "partner": "",
        "valid_from": today().isoformat(),
        "valid_to": "",
    }
    response = admin_client.post(url("staffrole-grant", world.region), data)
    assert response.status_code == 302
    granted = StaffRole.objects.get(user=world.ib_b, role="teacher")
    assert granted.school == world.school_a and granted.region is None
    principal.forget(world.ib_b)
    assert can(world.ib_b, Action.SCHOOL_VIEW, world.school_a)
    event = last_event("staffrole.granted")
    assert event.target_uuid == world.ib_b.uuid
    assert event.changes["role"] == {"new": "teacher"}
    assert event.changes["school"] == {"new": str(world.school_a.uuid)}
    assert event.changes["staff_role"] == {"new": str(granted.uuid)}


def test_a_role_with_the_wrong_scope_is_a_form_error(admin_client, world):
    base = {"user": str(world.zat_chair.uuid), "valid_from": "2026-01-01"}
    no_school = admin_client.post(url("staffrole-grant", world.region), {**base, "role": "teacher"})
    assert "school" in no_school.context["form"].errors
    region_role_with_school = admin_client.post(
        url("staffrole-grant", world.region),
        {**base, "role": "policy_analyst", "school": str(world.school_a.uuid)},
    )
    assert "role" in region_role_with_school.context["form"].errors
    sysadmin = admin_client.post(url("staffrole-grant", world.region), {**base, "role": "system_admin"})
    assert "role" in sysadmin.context["form"].errors
    assert not StaffRole.objects.filter(user=world.zat_chair).exists()


def test_a_school_of_another_region_cannot_be_chosen(admin_client, world):
    elsewhere = f.SchoolFactory(region=world.other_region)
    data = {
        "user": str(world.ib_a.uuid),
        "role": "teacher",
        "school": str(elsewhere.uuid),
        "valid_from": "2026-01-01",
    }
    response = admin_client.post(url("staffrole-grant", world.region), data)
    assert response.status_code == 200 and "school" in response.context["form"].errors


def test_the_same_role_twice_in_one_period_is_refused(admin_client, world):
    data = {
        "user": str(world.teacher.uuid),
        "role": "teacher",
        "school": str(world.school_a.uuid),
        "valid_from": today().isoformat(),
    }
    response = admin_client.post(url("staffrole-grant", world.region), data)
    assert response.status_code == 200 and "role" in response.context["form"].errors


def test_revoking_requires_sudo_mode(admin_client, world):
    response = admin_client.get(url("staffrole-revoke", world.region, role_of(world.teacher)))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sudo"))


def test_revoking_needs_a_reason_ends_access_and_is_audited(admin_client, world):
    enter_sudo(admin_client, world.functional_admin)
    staff_role = role_of(world.teacher)
    revoke = url("staffrole-revoke", world.region, staff_role)
    yesterday = today() - dt.timedelta(days=1)
    assert admin_client.get(revoke).context["form"].initial["end_date"] == yesterday
    no_reason = admin_client.post(revoke, {"end_date": yesterday.isoformat(), "reason": ""})
    assert no_reason.status_code == 200 and "reason" in no_reason.context["form"].errors
    response = admin_client.post(revoke, {"end_date": yesterday.isoformat(), "reason": "Uit dienst"})
    assert response.status_code == 302
    staff_role.refresh_from_db()
    assert staff_role.valid_to == yesterday
    principal.forget(world.teacher)
    assert not can(world.teacher, Action.SCHOOL_VIEW, world.school_a)
    event = last_event("staffrole.revoked")
    assert event.reason == "Uit dienst" and event.target_uuid == world.teacher.uuid
    assert event.changes["valid_to"] == {"old": None, "new": yesterday.isoformat()}


def test_an_end_date_before_the_start_is_a_form_error(admin_client, world):
    enter_sudo(admin_client, world.functional_admin)
    revoke = url("staffrole-revoke", world.region, role_of(world.teacher))
    response = admin_client.post(revoke, {"end_date": "2019-01-01", "reason": "x"})
    assert response.status_code == 200 and "end_date" in response.context["form"].errors


def test_the_role_list_takes_the_same_number_of_queries_as_roles_grow(admin_client, world):
    target = url("staffrole-list", world.region)

    def grow(n):
        for _ in range(n):
            f.StaffRoleFactory(role="teacher", school=world.school_a)
            f.StaffRoleFactory(role="partner_staff", partner=world.partner_jgz)
            f.StaffRoleFactory(role="policy_analyst", region=world.region)

    grow(2)
    small = count_queries(admin_client, target)
    grow(20)
    assert count_queries(admin_client, target) == small
