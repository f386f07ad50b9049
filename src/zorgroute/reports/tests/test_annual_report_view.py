"""The annual report for funders: a region's totals of one school year against the two before, per quarter."""

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import assert_same_as_missing, last_event
from zorgroute.core.time import current_school_year
from zorgroute.reports.tests.helpers import grow
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def url(region):
    return reverse("reports:annual", args=[region.uuid])


def test_policy_staff_read_the_annual_report_of_a_school_year(client, world):
    grow(world, 6)
    login_verified(client, world.municipality_analyst)
    year = current_school_year()
    page = client.get(url(world.region), {"jaar": year - 1})
    assert page.status_code == 200
    report = page.context["report"]
    assert report.kind == "annual" and report.period.school_year == year - 1
    assert report.counted["referrals_forum"].value(0) == 0  # the grown cases lie in this school year
    this_year = client.get(url(world.region)).context["report"]
    assert this_year.counted["referrals_forum"].value(0) == 6
    keys = [t.key for t in this_year.tables]
    assert (
        "quarters" in keys and "comparison" in keys and "referrals_forum" in keys
    )  # totals, no municipalities
    assert not any(key.endswith("_by_unit") for key in keys)
    assert last_event("report.viewed").changes["report"] == "annual"


@pytest.mark.parametrize("year", ["1990", "volgend jaar", ""])
def test_a_bad_year_is_a_form_error(client, world, year):
    login_verified(client, world.municipality_analyst)
    page = client.get(url(world.region), {"jaar": year})
    assert (
        page.status_code == 200 and page.context["report"] is None and "jaar" in page.context["form"].errors
    )


def test_anonymous_goes_to_login(client, world):
    assert client.get(url(world.region))["Location"].startswith(reverse("accounts:login"))


def test_outsiders_get_the_same_404_and_other_readers_a_403(client, world):
    missing = reverse("reports:annual", args=["00000000-0000-0000-0000-000000000000"])
    login_verified(client, world.ib_a)
    assert_same_as_missing(client, url(world.region), missing)
    client.logout()
    login_verified(client, world.zat_chair)
    assert client.get(url(world.region)).status_code == 403


def test_query_count_is_constant_as_cases_grow(client, world):
    grow(world, 2)
    login_verified(client, world.municipality_analyst)
    small = count_queries(client, url(world.region))
    grow(world, 12)
    assert count_queries(client, url(world.region)) == small
