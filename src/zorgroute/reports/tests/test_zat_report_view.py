"""The ZAT's report of its region, by school: the chair or coordinator of the region's ZAT only."""

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import assert_same_as_missing, last_event
from zorgroute.reports.tests.helpers import grow
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def url(region):
    return reverse("reports:zat", args=[region.uuid])


def test_the_zat_chair_sees_the_zats_work_by_school(client, world):
    grow(world, 5, team=world.zat)
    grow(world, 3)  # zorgteam work: not the ZAT's
    login_verified(client, world.zat_chair)
    page = client.get(url(world.region))
    assert page.status_code == 200
    report = page.context["report"]
    assert report.counted["discussions_kind"].value(unit=world.school_a.pk) == 5
    assert report.counted["discussions_kind"].value() == 5
    body = page.content.decode()
    assert world.school_a.name in body and world.school_b.name in body  # a row per school
    event = last_event("report.viewed")
    assert event.target_uuid == world.region.uuid and event.changes["report"] == "zat"


def test_anonymous_goes_to_login(client, world):
    assert client.get(url(world.region))["Location"].startswith(reverse("accounts:login"))


def test_outsiders_get_the_same_404_as_for_a_missing_region(client, world):
    missing = reverse("reports:zat", args=["00000000-0000-0000-0000-000000000000"])
    for persona in ("ib_a", "zat_member", "teacher"):
        client.logout()
        login_verified(client, getattr(world, persona))
        assert_same_as_missing(client, url(world.region), missing)
    client.logout()
    login_verified(client, world.zat_chair)
    assert client.get(url(world.other_region)).status_code == 404


def test_policy_staff_see_the_region_but_may_not_read_the_zat_report(client, world):
    login_verified(client, world.municipality_analyst)
    assert client.get(url(world.region)).status_code == 403


def test_query_count_is_constant_as_cases_grow(client, world):
    grow(world, 2, team=world.zat)
    login_verified(client, world.zat_chair)
    small = count_queries(client, url(world.region))
    grow(world, 10, team=world.zat)
    grow(world, 6, school=world.school_b, team=world.zat)
    assert count_queries(client, url(world.region)) == small
