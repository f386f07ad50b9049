"""The region's aggregates by municipality: policy staff only, school years and their quarters only."""

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import assert_same_as_missing, last_event
from zorgroute.core.time import current_school_year
from zorgroute.reports.tests.helpers import grow
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def url(region):
    return reverse("reports:region", args=[region.uuid])


def test_policy_staff_see_aggregates_by_municipality_and_never_a_pupil(client, world):
    grow(world, 6)
    login_verified(client, world.municipality_analyst)
    page = client.get(url(world.region))
    assert page.status_code == 200
    report = page.context["report"]
    assert [label for _key, label in report.scope.units] == ["Teststad"]
    assert report.counted["referrals_forum"].value(unit="Teststad") == 6
    body = page.content.decode()
    assert world.pupil_a1.last_name not in body and world.school_a.name not in body
    assert "overdue_member" not in [t.key for t in report.tables]  # no names of people either
    assert 'name="van"' not in body  # no dates of one's own choosing
    assert last_event("report.viewed").changes["report"] == "region"


def test_a_quarter_can_be_chosen_but_not_dates_of_ones_own(client, world):
    login_verified(client, world.municipality_analyst)
    year = current_school_year()
    quarter = client.get(url(world.region), {"periode": f"{year}-q2"})
    assert quarter.status_code == 200 and quarter.context["report"].period.quarter == 2
    own = client.get(url(world.region), {"periode": "custom", "van": f"{year}-09-01", "tot": f"{year}-09-30"})
    assert own.status_code == 200 and own.context["report"] is None
    assert "periode" in own.context["form"].errors


def test_anonymous_goes_to_login(client, world):
    assert client.get(url(world.region))["Location"].startswith(reverse("accounts:login"))


def test_outsiders_get_the_same_404_as_for_a_missing_region(client, world):
    missing = reverse("reports:region", args=["00000000-0000-0000-0000-000000000000"])
    for persona in ("ib_a", "teacher", "zat_member"):
        client.logout()
        login_verified(client, getattr(world, persona))
        assert_same_as_missing(client, url(world.region), missing)
    client.logout()
    login_verified(client, world.municipality_analyst)
    assert client.get(url(world.other_region)).status_code == 404


def test_the_zat_chair_sees_the_region_but_not_its_aggregates(client, world):
    login_verified(client, world.zat_chair)
    assert client.get(url(world.region)).status_code == 403


def test_query_count_is_constant_as_cases_and_schools_grow(client, world):
    grow(world, 2)
    login_verified(client, world.municipality_analyst)
    small = count_queries(client, url(world.region))
    grow(world, 10)
    grow(world, 5, school=world.school_b, team=world.zat)
    f.SchoolFactory(region=world.region, city="Elderveen")  # another municipality
    assert count_queries(client, url(world.region)) == small
