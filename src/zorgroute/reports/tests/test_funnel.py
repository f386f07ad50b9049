"""The funnel per route step: cases opened in the period that reached each step, a database aggregate protected so
that two neighbouring steps cannot be subtracted to give a hidden number away; drawn on the report pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zorgroute.cases.models import Case
from zorgroute.reports import periods
from zorgroute.reports import scopes as sc
from zorgroute.reports.process import funnel_table
from zorgroute.reports.tables import HIDDEN, SUPPRESSED
from zorgroute.testing import factories as f
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db

OPENED = timezone.make_aware(dt.datetime(2020, 10, 1, 10))
PERIOD = periods.custom(dt.date(2020, 9, 1), dt.date(2021, 6, 30))


def open_cases(world, at_step):
    """`at_step[i]` cases now at (or closed in) the (i+1)-th step of school A's route, opened on 1 October 2020."""
    template = world.case_a1.template
    steps = list(template.steps.order_by("position"))
    for step, n in zip(steps, at_step, strict=False):
        for _ in range(n):
            Case.objects.create(
                pupil=f.PupilFactory.enrolled(world.group_a1), school=world.school_a, template=template, step=step,
                owner=world.ib_a, opened_at=OPENED, step_entered_at=OPENED,
            )  # fmt: skip
    return steps


def test_each_step_counts_the_cases_that_reached_it_by_hand(world):
    steps = open_cases(world, [6, 7, 8])
    table = funnel_table(sc.school_scope(world.school_a), PERIOD)
    assert table.chart == "funnel" and [c.key for c in table.columns] == ["step", "reached"]
    assert len(table.rows) == len(steps)
    # 21 opened; 15 got past the first step, 8 past the second; nobody further.
    assert [row[1] for row in table.rows] == [21, 15, 8, *[0] * (len(steps) - 3)]
    assert table.rows[0][0].startswith(f"{steps[0].position}. {steps[0].name}")


def test_a_small_step_cannot_be_worked_out_from_its_neighbours(world):
    open_cases(world, [6, 3, 8])  # 3 stopped at the second step
    table = funnel_table(sc.school_scope(world.school_a), PERIOD)
    reached = [row[1] for row in table.rows]
    assert reached[0] == 17 and reached[2] == 8  # both known from what is shown anyway
    # 17 - 8 - (those stopped at step 1) would give the 3 away: the second step is hidden, and it is 5 or more.
    assert reached[1] is HIDDEN
    assert 3 not in reached and 11 not in reached
    assert any("×" in note for note in table.notes)


def test_a_funnel_of_fewer_than_five_is_suppressed(world):
    open_cases(world, [2, 1])
    reached = [row[1] for row in funnel_table(sc.school_scope(world.school_a), PERIOD).rows]
    assert reached[0] is SUPPRESSED and all(not isinstance(cell, int) or cell == 0 for cell in reached)


def test_no_cases_is_a_funnel_of_zeros_or_no_rows(world):
    table = funnel_table(
        sc.school_scope(world.school_a), periods.custom(dt.date(2001, 1, 1), dt.date(2001, 6, 1))
    )
    assert all(row[1] == 0 for row in table.rows)


def test_the_school_report_draws_its_charts_each_with_its_table(client, world):
    login_verified(client, world.ib_a)
    page = client.get(reverse("reports:school", args=[world.school_a.uuid]))
    body = page.content.decode()
    for key in ("funnel", "lead_times", "comparison"):
        assert f'data-testid="table-{key}"' in body
        assert '<svg role="img" aria-label="' in body and f'id="chart-{key}"' in body
        assert f'<table id="chart-{key}-table">' in body  # the accessible alternative
    assert body.count("<svg") == sum(1 for t in page.context["report"].tables if t.chart)


def test_policy_staff_get_the_funnel_and_trends_per_school_year_not_per_quarter(client, world):
    login_verified(client, world.municipality_analyst)
    url = reverse("reports:region", args=[world.region.uuid])
    year = client.get(url).context["report"]
    assert {"funnel", "trends", "quarters"} <= {t.key for t in year.tables}
    assert year.table("trends").chart == "line" and len(year.table("trends").rows) == 4
    quarter = client.get(url, {"periode": f"{year.period.school_year}-q1"}).context["report"]
    assert "funnel" not in {t.key for t in quarter.tables}
