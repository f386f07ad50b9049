"""The care report of one school: its care coordinator and head only, any period of at most a year, audited."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import assert_same_as_missing, events, last_event
from zorgroute.core.time import current_school_year
from zorgroute.reports.tests.helpers import grow
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def url(school):
    return reverse("reports:school", args=[school.uuid])


def test_the_care_coordinator_sees_the_figures_of_the_school_and_the_read_is_audited(client, world):
    grow(world, 6)
    login_verified(client, world.ib_a)
    page = client.get(url(world.school_a))
    assert page.status_code == 200
    report = page.context["report"]
    assert report.scope.school == world.school_a and report.period.school_year == current_school_year()
    assert report.counted["referrals_forum"].value() == 6  # the grown cases; school B's are not counted
    body = page.content.decode()
    for section in ("registration", "lead_times", "quality", "outcomes"):
        assert f'data-testid="section-{section}"' in body
    assert "<caption>" in body and "&lt;5" in body  # tables with captions; the world's 3 signals are under 5
    event = last_event("report.viewed")
    assert event.actor_uuid == world.ib_a.uuid and event.target_uuid == world.school_a.uuid
    assert event.changes == {
        "report": "school", "period": str(current_school_year()),
        "start": f"{current_school_year()}-08-01", "end": f"{current_school_year() + 1}-07-31",
    }  # fmt: skip
    assert event.pupil_uuid is None and event.case_uuid is None  # no pupil behind a read of aggregates


def test_the_head_may_read_it_and_a_quarter_or_own_dates_can_be_chosen(client, world):
    login_verified(client, world.head_a)
    year = current_school_year()
    quarter = client.get(url(world.school_a), {"periode": f"{year}-q1"})
    assert quarter.status_code == 200 and quarter.context["report"].period.quarter == 1
    own = client.get(
        url(world.school_a), {"periode": "custom", "van": f"{year}-09-01", "tot": f"{year}-12-31"}
    )
    assert own.status_code == 200
    assert own.context["report"].period.start == dt.date(year, 9, 1)
    assert own.context["report"].period.earlier(1).start == dt.date(year - 1, 9, 1)


@pytest.mark.parametrize(
    "params, field",
    [
        ({"periode": "custom"}, "van"),
        ({"periode": "custom", "van": "2025-03-01", "tot": "2025-02-01"}, "tot"),
        ({"periode": "custom", "van": "2024-01-01", "tot": "2025-06-01"}, "tot"),  # longer than a year
        ({"periode": "custom", "van": "1999-01-01", "tot": "1999-02-01"}, "van"),
        ({"periode": "custom", "van": "geen datum", "tot": "2025-02-01"}, "van"),
        ({"periode": "1850"}, "periode"),
        ({"periode": "2025-q9"}, "periode"),
    ],
)
def test_a_bad_period_is_a_form_error_not_a_500_and_nothing_is_audited(client, world, params, field):
    login_verified(client, world.ib_a)
    before = events("report.viewed")
    page = client.get(url(world.school_a), params)
    assert page.status_code == 200
    assert page.context["report"] is None and field in page.context["form"].errors
    assert 'data-testid="report-no-period"' in page.content.decode()
    assert events("report.viewed") == before


def test_anonymous_goes_to_login(client, world):
    assert client.get(url(world.school_a))["Location"].startswith(reverse("accounts:login"))


def test_an_outsider_gets_the_same_404_as_for_a_missing_school(client, world):
    missing = reverse("reports:school", args=["00000000-0000-0000-0000-000000000000"])
    for persona in ("ib_b", "municipality_analyst", "parent_with_authority"):
        client.logout()
        login_verified(client, getattr(world, persona))
        assert_same_as_missing(client, url(world.school_a), missing)
    assert client.get(reverse("reports:school", args=["not-a-uuid"])).status_code == 404


@pytest.mark.parametrize("persona", ["teacher", "zat_chair"])
def test_who_sees_the_school_but_may_not_read_its_report_gets_403(client, world, persona):
    login_verified(
        client, getattr(world, persona)
    )  # the ZAT chair sees the region's schools, not their reports
    assert client.get(url(world.school_a)).status_code == 403


def test_query_count_is_constant_as_cases_grow(client, world):
    grow(world, 2)
    login_verified(client, world.ib_a)
    small = count_queries(client, url(world.school_a))
    grow(world, 12)
    grow(world, 4, team=world.zat)
    assert count_queries(client, url(world.school_a)) == small
