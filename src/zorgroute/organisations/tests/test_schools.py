"""School list, create, detail and edit."""

import pytest
from django.urls import reverse

from zorgroute.organisations.models import School
from zorgroute.organisations.tests.conftest import MISSING, assert_same_as_missing, last_event
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
LIST = reverse("organisations:school-list")


def school_url(name, school):
    return reverse(f"organisations:{name}", args=[getattr(school, "uuid", school)])


def create_url(region):
    return reverse("organisations:school-create", args=[getattr(region, "uuid", region)])


def school_data(world, **overrides):
    data = {
        "name": "Basisschool Het Anker",
        "board": str(world.school_a.board.uuid),
        "brin": "09XY",
        "location_code": "00",
        "school_type": "po",
        "street_address": "Kerkstraat 1",
        "postal_code": "1234 AB",
        "city": "Teststad",
    }
    return {**data, **overrides}


def test_the_school_list_shows_the_schools_a_user_may_see(client, world):
    login_verified(client, world.functional_admin)
    names = {s.name for s in client.get(LIST).context["page"].object_list}
    assert names == {world.school_a.name, world.school_b.name}
    client.logout()
    login_verified(client, world.teacher)
    assert {s.name for s in client.get(LIST).context["page"].object_list} == {world.school_a.name}


def test_the_school_list_searches_by_name(admin_client, world):
    response = admin_client.get(LIST, {"q": "regenboog"})
    assert [s.name for s in response.context["page"].object_list] == [world.school_a.name]


def test_anonymous_users_go_to_login(client, world):
    for url in (
        LIST,
        school_url("school-detail", world.school_a),
        school_url("school-edit", world.school_a),
        create_url(world.region),
    ):
        response = client.get(url)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_administrator_creates_a_school_with_a_valid_brin_and_it_is_audited(admin_client, world):
    response = admin_client.post(create_url(world.region), school_data(world, brin="09 xy"))
    school = School.objects.get(name="Basisschool Het Anker")
    assert response.status_code == 302 and response["Location"] == school_url("school-detail", school)
    assert (school.brin, school.region, school.postal_code) == ("09XY", world.region, "1234 AB")
    event = last_event("school.created")
    assert event.target_uuid == school.uuid
    assert event.changes["brin"] == {"new": "09XY"}
    assert event.changes["region"] == {"new": str(world.region.uuid)}
    assert event.changes["street_address"] == {"changed": True}  # free text: never its content


def test_an_invalid_brin_is_rejected_with_a_clear_message(admin_client, world):
    response = admin_client.post(create_url(world.region), school_data(world, brin="AB12"))
    assert response.status_code == 200
    assert response.context["form"].errors["brin"] == [
        "AB12 is geen geldig BRIN-nummer (2 cijfers en 2 letters)."
    ]
    assert not School.objects.filter(name="Basisschool Het Anker").exists()


def test_a_duplicate_brin_and_location_is_a_form_error(admin_client, world):
    response = admin_client.post(create_url(world.region), school_data(world, brin=world.school_a.brin))
    assert response.status_code == 200
    assert "brin" in response.context["form"].errors
    assert last_event("school.created") is None


def test_an_unknown_board_is_a_form_error(admin_client, world):
    response = admin_client.post(create_url(world.region), school_data(world, board=MISSING))
    assert response.status_code == 200 and "board" in response.context["form"].errors


def test_the_school_page_shows_facts_and_links_by_permission(client, world):
    login_verified(client, world.functional_admin)
    content = client.get(school_url("school-detail", world.school_a)).content.decode()
    assert school_url("school-edit", world.school_a) in content
    assert reverse("organisations:group-list", args=[world.school_a.uuid]) in content
    client.logout()
    login_verified(client, world.ib_a)
    content = client.get(school_url("school-detail", world.school_a)).content.decode()
    assert school_url("school-edit", world.school_a) not in content
    assert reverse("organisations:group-list", args=[world.school_a.uuid]) in content
    assert "Zorgteam De Regenboog" in content


def test_an_outsider_gets_the_same_404_as_for_a_missing_school(client, world, outsider):
    login_verified(client, outsider)
    for name in ("school-detail", "school-edit"):
        assert_same_as_missing(client, school_url(name, world.school_a), school_url(name, MISSING))
    assert_same_as_missing(client, create_url(world.region), create_url(MISSING))
    assert School.objects.count() == 2


def test_the_care_coordinator_of_another_school_gets_404(client, world):
    login_verified(client, world.ib_b)
    assert client.get(school_url("school-detail", world.school_a)).status_code == 404


def test_a_teacher_may_see_the_school_but_not_edit_it(client, world):
    login_verified(client, world.teacher)
    assert client.get(school_url("school-detail", world.school_a)).status_code == 200
    assert client.get(school_url("school-edit", world.school_a)).status_code == 403
    response = client.post(school_url("school-edit", world.school_a), school_data(world, name="Gekaapt"))
    assert response.status_code == 403
    world.school_a.refresh_from_db()
    assert world.school_a.name == "Basisschool De Regenboog"


def test_policy_staff_may_not_create_schools(client, world):
    login_verified(client, world.municipality_analyst)
    assert client.post(create_url(world.region), school_data(world)).status_code == 403


def test_the_administrator_edits_a_school_and_old_and_new_values_are_audited(admin_client, world):
    data = school_data(
        world,
        name=world.school_a.name,
        brin=world.school_a.brin,
        school_type="vo",
        location_code="01",
        is_active="",
    )
    response = admin_client.post(school_url("school-edit", world.school_a), data)
    assert response.status_code == 302
    world.school_a.refresh_from_db()
    assert (world.school_a.school_type, world.school_a.location_code, world.school_a.is_active) == (
        "vo",
        "01",
        False,
    )
    changes = last_event("school.updated").changes
    assert changes["school_type"] == {"old": "po", "new": "vo"}
    assert changes["is_active"] == {"old": True, "new": False}
    assert "name" not in changes


def test_an_edit_without_changes_writes_no_audit_row(admin_client, world):
    school = world.school_a
    data = school_data(
        world,
        name=school.name,
        brin=school.brin,
        street_address="",
        postal_code="",
        city=school.city,
        is_active="on",
    )
    assert admin_client.post(school_url("school-edit", school), data).status_code == 302
    assert last_event("school.updated") is None


def test_the_school_list_takes_the_same_number_of_queries_as_schools_grow(admin_client, world):
    def grow(n):
        for _ in range(n):
            f.SchoolFactory(region=world.region)

    grow(3)
    small = count_queries(admin_client, LIST)
    grow(30)
    assert count_queries(admin_client, LIST) == small
