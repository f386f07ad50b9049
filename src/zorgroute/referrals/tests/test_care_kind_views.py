"""The region's kinds of care: the functional administrator adds, changes and retires them and installs the
defaults; nobody else."""

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import MISSING, assert_same_as_missing, events, in_dutch, last_event
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.organisations import constants as oc
from zorgroute.referrals import services
from zorgroute.referrals.models import CareKind
from zorgroute.referrals.tests.helpers import kind
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def kinds_url(region):
    return reverse("referrals:care-kind-list", args=[region.uuid])


def add_url(region):
    return reverse("referrals:care-kind-add", args=[region.uuid])


def edit_url(region, care_kind):
    return reverse("referrals:care-kind-edit", args=[region.uuid, care_kind.uuid])


def test_the_functional_administrator_installs_adds_and_changes_kinds_of_care(client, world):
    login_verified(client, world.functional_admin)
    home = client.get(reverse("home:home")).content.decode()
    assert kinds_url(world.region) in home
    empty = client.get(kinds_url(world.region))
    assert empty.status_code == 200 and empty.context["kinds"] == []
    assert client.post(kinds_url(world.region)).status_code == 302
    installed = CareKind.objects.filter(region=world.region).count()
    assert installed >= 5 and last_event("care_kind.installed").actor_uuid == world.functional_admin.uuid
    response = client.post(
        add_url(world.region), {"name": "Logopedie", "back_report_weeks": "3", "is_active": "on"}
    )
    assert response.status_code == 302 and response["Location"] == kinds_url(world.region)
    added = CareKind.objects.get(region=world.region, name="Logopedie")
    assert (added.back_report_weeks, added.needs_indication, added.is_active) == (3, False, True)
    assert last_event("care_kind.created").target_uuid == added.uuid
    client.post(edit_url(world.region, added), {"name": "Logopedie", "back_report_weeks": "4"})  # not active
    added.refresh_from_db()
    assert (added.back_report_weeks, added.is_active) == (4, False)
    assert last_event("care_kind.updated").changes == {
        "back_report_weeks": {"old": 3, "new": 4},
        "is_active": {"old": True, "new": False},
    }
    duplicate = client.post(add_url(world.region), {"name": "logopedie", "back_report_weeks": "4"})
    assert duplicate.status_code == 200
    assert duplicate.context["form"].errors["name"] == [
        in_dutch("The region already has a kind of care with this name.")
    ]
    assert CareKind.objects.filter(region=world.region).count() == installed + 1


def test_the_service_refuses_an_empty_name_or_a_term_out_of_range(world):
    for values, field in (({"name": "  "}, "name"), ({"back_report_weeks": 0}, "back_report_weeks")):
        arguments = {"name": "Logopedie", "needs_indication": False, "back_report_weeks": 6, **values}
        with pytest.raises(ValidationError) as refused:
            services.care_kind_save(actor=world.functional_admin, region=world.region, kind=None, **arguments)
        assert refused.value.field == field
    care = kind(world)
    with pytest.raises(ConflictError):
        services.care_kind_save(
            actor=world.functional_admin,
            region=world.region,
            kind=care,
            name="Schoolmaatschappelijk werk",
            needs_indication=False,
            back_report_weeks=6,
        )
    unchanged = services.care_kind_save(
        actor=world.functional_admin,
        region=world.region,
        kind=care,
        name=care.name,
        needs_indication=care.needs_indication,
        back_report_weeks=care.back_report_weeks,
    )
    assert unchanged == care and events("care_kind.updated") == 0


def test_who_sees_the_region_but_does_not_manage_it_gets_403(client, world):
    login_verified(client, world.municipality_analyst)  # region.view, not region.manage
    assert client.get(kinds_url(world.region)).status_code == 403
    assert client.post(kinds_url(world.region)).status_code == 403
    assert client.post(add_url(world.region), {"name": "X", "back_report_weeks": "6"}).status_code == 403
    assert not CareKind.objects.exists()


def test_outsiders_get_the_same_404_as_for_a_missing_region_or_kind(client, world):
    care = kind(world)
    other_admin = f.UserFactory()
    f.StaffRoleFactory(user=other_admin, role=oc.StaffRoleKind.FUNCTIONAL_ADMIN, region=world.other_region)
    for user in (other_admin, world.ib_a):
        login_verified(client, user)
        missing = reverse("referrals:care-kind-list", args=[MISSING])
        assert_same_as_missing(client, kinds_url(world.region), missing)
        assert_same_as_missing(
            client, edit_url(world.region, care), reverse("referrals:care-kind-add", args=[MISSING])
        )
    login_verified(client, world.functional_admin)
    assert (
        client.get(reverse("referrals:care-kind-edit", args=[world.region.uuid, MISSING])).status_code == 404
    )


def test_anonymous_users_go_to_login(client, world):
    response = client.get(kinds_url(world.region))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_list_takes_constant_queries_as_kinds_grow(client, world):
    login_verified(client, world.functional_admin)
    CareKind.objects.create(region=world.region, name="Logopedie")
    small = count_queries(client, kinds_url(world.region))
    kind(world)
    assert count_queries(client, kinds_url(world.region)) == small
