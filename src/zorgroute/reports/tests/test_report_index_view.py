"""The reports index: each reader sees the reports they may open, and nothing else."""

import pytest
from django.urls import reverse

from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
URL = reverse("reports:index")


def test_each_reader_sees_the_reports_they_may_open(client, world):
    login_verified(client, world.ib_a)
    page = client.get(URL)
    assert page.status_code == 200
    assert [s.pk for s in page.context["schools"]] == [world.school_a.pk]
    assert page.context["zat_regions"] == [] and page.context["aggregate_regions"] == []
    assert reverse("reports:school", args=[world.school_a.uuid]) in page.content.decode()
    client.logout()
    login_verified(client, world.zat_chair)
    page = client.get(URL)
    assert [r.pk for r in page.context["zat_regions"]] == [world.region.pk] and page.context["schools"] == []
    client.logout()
    login_verified(client, world.municipality_analyst)
    page = client.get(URL)
    assert [r.pk for r in page.context["aggregate_regions"]] == [world.region.pk]
    assert reverse("reports:annual", args=[world.region.uuid]) in page.content.decode()


@pytest.mark.parametrize(
    "persona", ["teacher", "zat_member", "parent_with_authority", "functional_admin", "nobody"]
)
def test_readers_without_reports_are_refused(client, world, persona):
    login_verified(client, getattr(world, persona))
    assert client.get(URL).status_code == 403


def test_anonymous_goes_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


def test_home_links_to_the_reports(client, world):
    login_verified(client, world.ib_a)
    assert URL in client.get(reverse("home:home")).content.decode()


def test_query_count_is_constant_as_schools_grow(client, world):
    login_verified(client, world.municipality_analyst)
    small = count_queries(client, URL)
    f.SchoolFactory.create_batch(5, region=world.region)
    assert count_queries(client, URL) == small
