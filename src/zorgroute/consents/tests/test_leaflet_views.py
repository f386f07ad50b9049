"""The parent leaflet text of a region and a school's own version: the functional administrator's pages."""

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import MISSING, events, in_dutch, last_event, url
from zorgroute.consents import conversation_services as services
from zorgroute.consents.conversation_selectors import leaflet_in_force
from zorgroute.consents.models import ParentLeaflet
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified, page_fingerprint

pytestmark = pytest.mark.django_db

REGION = "leaflets:leaflet-region"
SCHOOL = "leaflets:leaflet-school"
REMOVE = "leaflets:leaflet-school-remove"
TEXT = {"title": "Samen zorgen voor uw kind", "body": "Het zorgteam van de school.\n\nHet ZAT van de regio."}


@pytest.fixture
def admin(client, world):
    return login_verified(client, world.functional_admin)


def own_version(world):
    return services.leaflet_save(
        actor=world.functional_admin,
        region=world.region,
        school=world.school_a,
        title="Eigen folder",
        body="Tekst",
    )


def pages(world):
    return [url(REGION, world.region), url(SCHOOL, world.school_a), url(REMOVE, world.school_a)]


def test_anonymous_users_go_to_login(client, world):
    for target in pages(world):
        for response in (client.get(target), client.post(target, TEXT)):
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_administrator_writes_the_region_leaflet(admin, world):
    page = admin.get(url(REGION, world.region))
    assert page.status_code == 200 and page.context["leaflet"] is None
    assert [row.school for row in page.context["schools"]] == [world.school_a, world.school_b]  # by name
    response = admin.post(url(REGION, world.region), TEXT)
    assert response.status_code == 302 and response["Location"] == url(REGION, world.region)
    saved = ParentLeaflet.objects.get()
    assert (saved.title, saved.version, saved.school) == (TEXT["title"], 1, None)
    assert last_event("leaflet.saved").actor_uuid == world.functional_admin.uuid
    admin.post(url(REGION, world.region), {**TEXT, "body": "Een nieuwe tekst."})
    page = admin.get(url(REGION, world.region))
    assert (
        page.context["leaflet"].version == 2 and page.context["form"]["body"].value() == "Een nieuwe tekst."
    )


def test_the_route_editor_links_the_leaflet(admin, world):
    html = admin.get(reverse("cases:route-list", args=[world.region.uuid])).content.decode()
    assert url(REGION, world.region) in html


def test_an_empty_leaflet_is_refused_and_the_text_kept(admin, world):
    response = admin.post(url(REGION, world.region), {"title": "", "body": "Alleen tekst"})
    assert response.status_code == 200 and response.context["form"].errors["title"]
    assert response.context["form"]["body"].value() == "Alleen tekst"
    assert not ParentLeaflet.objects.exists() and events("leaflet.saved") == 0


def test_a_school_gets_its_own_version_and_goes_back_to_the_region_text(admin, world):
    services.leaflet_save(actor=world.functional_admin, region=world.region, **TEXT)
    page = admin.get(url(SCHOOL, world.school_a))
    assert page.context["own"] is None and page.context["form"]["title"].value() == TEXT["title"]
    assert admin.get(url(REMOVE, world.school_a))["Location"] == url(
        SCHOOL, world.school_a
    )  # nothing to remove
    response = admin.post(
        url(SCHOOL, world.school_a), {"title": "Zorg op De Regenboog", "body": "Onze tekst"}
    )
    assert response.status_code == 302
    assert leaflet_in_force(world.school_a).title == "Zorg op De Regenboog"
    assert leaflet_in_force(world.school_b).title == TEXT["title"]
    region_page = admin.get(url(REGION, world.region))
    own = {row.school: row.own for row in region_page.context["schools"]}
    assert own[world.school_a] is not None and own[world.school_b] is None
    assert admin.post(url(REMOVE, world.school_a), {}).status_code == 200  # confirm first
    assert admin.post(url(REMOVE, world.school_a), {"confirm": "on"}).status_code == 302
    assert leaflet_in_force(world.school_a).title == TEXT["title"]
    assert last_event("leaflet.override_removed").changes["school"] == str(world.school_a.uuid)


def test_an_outsider_gets_the_same_404_as_for_a_missing_region_or_school(client, world):
    outsider = f.UserFactory(username="beheerder_elders")
    f.StaffRoleFactory(user=outsider, role=StaffRoleKind.FUNCTIONAL_ADMIN, region=world.other_region)
    own_version(world)
    login_verified(client, outsider)
    missing = [url(REGION, MISSING), url(SCHOOL, MISSING), url(REMOVE, MISSING)]
    for hidden, absent in zip(pages(world), missing, strict=True):
        for method in ("get", "post"):
            a, b = getattr(client, method)(hidden, TEXT), getattr(client, method)(absent, TEXT)
            assert a.status_code == b.status_code == 404, hidden
            assert page_fingerprint(a.content, hidden) == page_fingerprint(b.content, absent)
    assert ParentLeaflet.objects.count() == 1 and events("leaflet.saved") == 1


def test_who_sees_the_region_or_school_but_manages_no_route_gets_403(client, world):
    own_version(world)
    login_verified(client, world.municipality_analyst)
    assert client.get(url(REGION, world.region)).status_code == 403
    assert client.post(url(REGION, world.region), TEXT).status_code == 403
    client.logout()
    login_verified(client, world.ib_a)  # sees the school
    assert client.get(url(SCHOOL, world.school_a)).status_code == 403
    assert client.post(url(SCHOOL, world.school_a), TEXT).status_code == 403
    assert client.post(url(REMOVE, world.school_a), {"confirm": "on"}).status_code == 403
    assert ParentLeaflet.objects.count() == 1 and ParentLeaflet.objects.get().title == "Eigen folder"


def test_the_school_page_in_dutch_says_which_text_it_hands_out(admin, world):
    html = admin.get(url(SCHOOL, world.school_a)).content.decode()
    assert (
        in_dutch(
            "The region has no parent leaflet yet. You can write one for this school only, or set up the region's "
            "text first."
        )
        in html
    )


def test_query_counts_do_not_grow_with_schools(admin, world):
    services.leaflet_save(actor=world.functional_admin, region=world.region, **TEXT)
    targets = [url(REGION, world.region), url(SCHOOL, world.school_a)]
    small = [count_queries(admin, t) for t in targets]
    for i in range(5):
        school = f.SchoolFactory(region=world.region, name=f"School {i}")
        services.leaflet_save(actor=world.functional_admin, region=world.region, school=school, **TEXT)
    assert [count_queries(admin, t) for t in targets] == small
