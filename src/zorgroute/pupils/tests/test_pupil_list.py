import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
URL = reverse("pupils:pupil-list")


def names(response):
    return {p.first_name for p in response.context["page"].object_list}


def test_the_care_coordinator_lists_only_their_schools_pupils(client, world):
    login_verified(client, world.ib_a)
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == {"Sanne", "Daan"}
    event = AuditEvent.objects.get(event="pupil.listed")
    assert event.changes == {"results": 2, "searched": False}


def test_a_teacher_sees_only_their_own_groups_pupils(client, world):
    login_verified(client, world.teacher)
    assert names(client.get(URL)) == {"Sanne"}
    assert names(client.get(URL, {"q": "daan"})) == set()
    assert names(client.get(URL, {"groep": str(world.group_a2.uuid)})) == set()
    assert names(client.get(URL, {"groep": str(world.group_a1.uuid)})) == {"Sanne"}
    assert names(client.get(URL, {"groep": "not-a-uuid"})) == {"Sanne"}


def test_search_matches_parts_of_names_case_insensitively(client, world):
    login_verified(client, world.ib_a)
    assert names(client.get(URL, {"q": "SAN jan"})) == {"Sanne"}
    assert names(client.get(URL, {"q": "vries"})) == {"Daan"}


def test_search_by_bsn_works_only_for_roles_that_see_identifiers(client, world):
    login_verified(client, world.ib_a)
    assert names(client.get(URL, {"q": world.pupil_a1.bsn})) == {"Sanne"}
    assert names(client.get(URL, {"q": world.pupil_b1.bsn})) == set()  # other school: nothing
    client.logout()
    login_verified(client, world.teacher)
    assert names(client.get(URL, {"q": world.pupil_a1.bsn})) == set()


def test_htmx_requests_get_only_the_results_fragment(client, world):
    login_verified(client, world.ib_a)
    response = client.get(URL, {"q": "san"}, headers={"HX-Request": "true"})
    assert b"<html" not in response.content and b"Jansen" in response.content


def test_roles_without_search_get_403_and_anonymous_goes_to_login(client, world):
    assert client.get(URL).status_code == 302
    login_verified(client, world.municipality_analyst)
    assert client.get(URL).status_code == 403


def test_query_count_is_constant_when_pupils_grow_tenfold(client, world):
    login_verified(client, world.ib_a)
    f.PupilFactory.create_batch(3, current_school=world.school_a, current_group=world.group_a2)
    small = count_queries(client, URL)
    assert small <= 13  # the page's rows bring their total (core.paginator): no separate COUNT (issue 7)
    f.PupilFactory.create_batch(
        30, current_school=world.school_a, current_group=world.group_a2, last_name="Achterberg"
    )
    assert count_queries(client, URL) == small
    # a second page that exists (30 matches, 25 a page) takes as many queries as the first
    assert count_queries(client, URL, q="achter") == count_queries(client, URL, q="achter", page="2") == small
