"""Region list, detail and edit; school boards list, create and edit."""

import pytest
from django.urls import reverse

from zorgroute.organisations.models import SchoolBoard
from zorgroute.organisations.tests.conftest import MISSING, assert_same_as_missing, last_event
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def region_url(name, region, *more):
    return reverse(f"organisations:{name}", args=[region.uuid if hasattr(region, "uuid") else region, *more])


# --- regions --------------------------------------------------------------------------------------------------


def test_it_lists_only_the_regions_the_user_may_see(client, world, outsider):
    login_verified(client, world.functional_admin)
    response = client.get(reverse("organisations:region-list"))
    assert response.status_code == 200
    assert [r.name for r in response.context["regions"]] == [world.region.name]
    client.logout()
    login_verified(client, outsider)
    assert [r.name for r in client.get(reverse("organisations:region-list")).context["regions"]] == [
        world.other_region.name
    ]


def test_a_teacher_sees_no_region(client, world):
    login_verified(client, world.teacher)
    response = client.get(reverse("organisations:region-list"))
    assert response.status_code == 200 and response.context["regions"] == []


def test_it_redirects_anonymous_users_to_login(client, world):
    for url in (
        reverse("organisations:region-list"),
        region_url("region-detail", world.region),
        region_url("region-edit", world.region),
        region_url("board-list", world.region),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_region_page_shows_counts_and_management_links_to_the_administrator(admin_client, world):
    response = admin_client.get(region_url("region-detail", world.region))
    assert response.status_code == 200
    assert response.context["counts"] == {"schools": 2, "partners": 1, "partner_types": 1, "care_teams": 2}
    content = response.content.decode()
    assert region_url("region-edit", world.region) in content
    assert region_url("staffrole-list", world.region) in content


def test_policy_staff_see_the_region_without_management_links(client, world):
    login_verified(client, world.municipality_analyst)
    response = client.get(region_url("region-detail", world.region))
    assert response.status_code == 200
    assert region_url("region-edit", world.region) not in response.content.decode()
    assert region_url("staffrole-list", world.region) not in response.content.decode()


def test_an_outsider_gets_the_same_404_as_for_a_missing_region(client, world, outsider):
    login_verified(client, outsider)
    for name in ("region-detail", "region-edit", "board-list", "board-create"):
        assert_same_as_missing(client, region_url(name, world.region), region_url(name, MISSING))


def test_a_teacher_gets_404_for_a_region(client, world):
    login_verified(client, world.teacher)
    assert client.get(region_url("region-detail", world.region)).status_code == 404


def test_policy_staff_may_see_but_not_edit_the_region(client, world):
    login_verified(client, world.municipality_analyst)
    assert client.get(region_url("region-edit", world.region)).status_code == 403
    response = client.post(region_url("region-edit", world.region), {"name": "Gekaapt", "code": ""})
    assert response.status_code == 403
    world.region.refresh_from_db()
    assert world.region.name == "Samenwerkingsverband Teststreek"


def test_the_administrator_edits_the_region_and_it_is_audited(admin_client, world):
    response = admin_client.post(
        region_url("region-edit", world.region), {"name": "Samenwerkingsverband Nieuw", "code": "PO 26-01"}
    )
    assert response.status_code == 302
    world.region.refresh_from_db()
    assert (world.region.name, world.region.code) == ("Samenwerkingsverband Nieuw", "PO 26-01")
    event = last_event("region.updated")
    assert event.target_uuid == world.region.uuid
    assert event.actor_uuid == world.functional_admin.uuid
    assert event.changes["name"] == {
        "old": "Samenwerkingsverband Teststreek",
        "new": "Samenwerkingsverband Nieuw",
    }


def test_a_duplicate_region_name_is_a_form_error_not_a_crash(admin_client, world):
    response = admin_client.post(region_url("region-edit", world.region), {"name": world.other_region.name})
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Een ander samenwerkingsverband heeft al deze naam."]
    assert last_event("region.updated") is None


def test_the_region_list_takes_the_same_number_of_queries_as_regions_grow(client, world):
    user = f.UserFactory()
    f.StaffRoleFactory(user=user, role="functional_admin", region=world.region)
    login_verified(client, user)
    url = reverse("organisations:region-list")

    def grow(n):
        for _ in range(n):
            region = f.RegionFactory()
            f.StaffRoleFactory(user=user, role="functional_admin", region=region)
            f.SchoolFactory(region=region)

    grow(2)
    small = count_queries(client, url)
    grow(20)
    assert count_queries(client, url) == small


# --- school boards --------------------------------------------------------------------------------------------


def test_the_board_list_shows_boards_of_the_region_and_unused_boards_only(admin_client, world):
    elsewhere = f.SchoolFactory(region=world.other_region).board
    unused = f.SchoolBoardFactory(name="Stichting Nog Leeg")
    response = admin_client.get(region_url("board-list", world.region))
    names = {b.name for b in response.context["page"].object_list}
    assert world.school_a.board.name in names and unused.name in names
    assert elsewhere.name not in names
    assert {b.name: b.school_count for b in response.context["page"].object_list}[
        world.school_a.board.name
    ] == 2


def test_the_administrator_creates_a_board_and_it_is_audited(admin_client, world):
    response = admin_client.post(
        region_url("board-create", world.region),
        {"name": "Stichting Nieuw Onderwijs", "competent_authority_number": "41234"},
    )
    assert response.status_code == 302
    board = SchoolBoard.objects.get(name="Stichting Nieuw Onderwijs")
    event = last_event("board.created")
    assert event.target_uuid == board.uuid
    assert event.changes == {
        "name": {"new": "Stichting Nieuw Onderwijs"},
        "competent_authority_number": {"new": "41234"},
    }


def test_a_bad_competent_authority_number_is_a_form_error(admin_client, world):
    response = admin_client.post(
        region_url("board-create", world.region), {"name": "Stichting X", "competent_authority_number": "12"}
    )
    assert response.status_code == 200 and "competent_authority_number" in response.context["form"].errors
    assert not SchoolBoard.objects.filter(name="Stichting X").exists()


def test_the_administrator_edits_a_board_of_the_region(admin_client, world):
    board = world.school_a.board
    response = admin_client.post(
        region_url("board-edit", world.region, board.uuid),
        {"name": "Stichting Hernoemd", "competent_authority_number": ""},
    )
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.name == "Stichting Hernoemd"
    assert last_event("board.updated").changes["name"]["new"] == "Stichting Hernoemd"


def test_a_board_of_another_region_is_not_found_through_this_region(admin_client, world):
    elsewhere = f.SchoolFactory(region=world.other_region).board
    assert_same_as_missing(
        admin_client,
        region_url("board-edit", world.region, elsewhere.uuid),
        region_url("board-edit", world.region, MISSING),
    )
    assert admin_client.get(region_url("board-edit", world.region, "not-a-uuid")).status_code == 404


def test_policy_staff_may_list_boards_but_not_create_or_edit_them(client, world):
    login_verified(client, world.municipality_analyst)
    assert client.get(region_url("board-list", world.region)).status_code == 200
    assert client.get(region_url("board-create", world.region)).status_code == 403
    assert client.post(region_url("board-create", world.region), {"name": "X"}).status_code == 403
    assert client.get(region_url("board-edit", world.region, world.school_a.board.uuid)).status_code == 403


def test_the_board_list_takes_the_same_number_of_queries_as_boards_grow(admin_client, world):
    url = region_url("board-list", world.region)

    def grow(n):
        for _ in range(n):
            f.SchoolFactory(region=world.region)

    grow(3)
    small = count_queries(admin_client, url)
    grow(30)
    assert count_queries(admin_client, url) == small
