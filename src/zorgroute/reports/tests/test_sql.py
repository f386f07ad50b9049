"""The database helpers of the reports: percentiles as PostgreSQL's percentile_cont computes them (on SQLite through
window functions), whole days between dates, and periods as filters and buckets."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import F, IntegerField, Value
from django.db.models.functions import TruncDate
from django.test.utils import CaptureQueriesContext

from zorgroute.cases.models import ProblemDomain
from zorgroute.reports import periods
from zorgroute.reports.sql import (
    PERCENTILES,
    DaysBetween,
    PercentileCont,
    bucket,
    interpolate,
    percentiles,
    within,
)
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def domains(region, positions):
    for i, position in enumerate(positions):
        ProblemDomain.objects.create(region=region, category="child", name=f"d{i}", position=position)


def test_percentiles_interpolate_like_percentile_cont_per_group():
    north, south = f.RegionFactory(), f.RegionFactory()
    domains(north, [5, 1, 4, 2, 3])  # sorted 1..5
    domains(south, [10, 40, 20, 30, 70, 50, 60, 80, 90, 100])  # 10..100
    with CaptureQueriesContext(connection) as ctx:
        result = percentiles(ProblemDomain.objects.all(), F("position"), F("region_id"))
    assert len(ctx.captured_queries) == 1
    north_d, south_d = result[north.pk], result[south.pk]
    assert north_d.n == 5 and south_d.n == 10
    # By hand: h = (n - 1) * p; 1..5: p25 -> 2, p50 -> 3, p75 -> 4, p90 -> h 3.6 -> 4 + 0.6 = 4.6
    assert north_d.values == {25: 2.0, 50: 3.0, 75: 4.0, 90: pytest.approx(4.6)}
    # 10..100: p25 h 2.25 -> 30 + 2.5 = 32.5; p50 h 4.5 -> 55; p75 h 6.75 -> 77.5; p90 h 8.1 -> 91
    assert south_d.values == {25: 32.5, 50: 55.0, 75: 77.5, 90: pytest.approx(91.0)}


def test_percentiles_of_one_value_and_of_no_rows():
    region = f.RegionFactory()
    domains(region, [7])
    result = percentiles(ProblemDomain.objects.all(), F("position"))
    assert result[0].n == 1 and result[0].values == dict.fromkeys(PERCENTILES, 7.0)
    assert percentiles(ProblemDomain.objects.none(), F("position")) == {}
    nothing = Value(None, output_field=IntegerField())
    assert percentiles(ProblemDomain.objects.all(), nothing) == {}  # NULL values do not count


def test_interpolate_by_hand():
    values = {1: 10.0, 2: 20.0}
    assert interpolate(values, 2, 50) == 15.0
    assert interpolate(values, 2, 100) == 20.0


def test_a_percentile_lies_between_0_and_100():
    with pytest.raises(ValueError):
        PercentileCont(F("position"), 101)


def test_days_between_dates_and_local_days_of_datetimes():
    region = f.RegionFactory()
    domains(region, [1])
    row = (
        ProblemDomain.objects.annotate(
            a=Value(dt.date(2026, 3, 1)),
            b=Value(dt.date(2026, 2, 27)),
            moment=Value(dt.datetime(2026, 3, 1, 0, 30, tzinfo=dt.UTC)),  # 01:30 in Amsterdam: 1 March
        )
        .annotate(
            forward=DaysBetween(F("a"), F("b")),
            backward=DaysBetween(F("b"), F("a")),
            local=DaysBetween(TruncDate("moment"), F("b")),
        )
        .values("forward", "backward", "local")
        .get()
    )
    assert row == {"forward": 2, "backward": -2, "local": 2}


def test_within_and_bucket_follow_local_days():
    q1 = periods.quarter(2025, 1)
    q = within("starts_at", q1, is_datetime=True)
    lower, upper = dict(q.children)["starts_at__gte"], dict(q.children)["starts_at__lt"]
    assert lower.date() == dt.date(2025, 8, 1) and upper.date() == dt.date(2025, 11, 1)
    assert str(lower.tzinfo) == "Europe/Amsterdam"
    assert dict(within("held_on", q1, is_datetime=False).children) == {
        "held_on__gte": dt.date(2025, 8, 1),
        "held_on__lte": dt.date(2025, 10, 31),
    }
    expression = bucket("held_on", [q1, periods.quarter(2025, 2)], is_datetime=False)
    assert len(expression.cases) == 2


def test_consecutive_quarters_are_grouped_by_month_other_periods_by_case():
    from zorgroute.reports.sql import Buckets

    years = Buckets(tuple(q for year in (2024, 2023) for q in periods.quarters(year)))  # newest year first
    assert years.by_month and years.keys == ("r_y", "r_m")
    assert years.index({"r_y": 2024, "r_m": 8}) == 0  # August 2024: quarter 1 of 2024-2025
    assert years.index({"r_y": 2025, "r_m": 1}) == 1  # January 2025: quarter 2
    assert years.index({"r_y": 2024, "r_m": 7}) == 7  # July 2024: quarter 4 of 2023-2024
    assert years.index({"r_y": 2026, "r_m": 1}) is None
    lower = dict(years.q("held_on", is_datetime=False).children)
    assert lower == {"held_on__gte": dt.date(2023, 8, 1), "held_on__lte": dt.date(2025, 7, 31)}
    own = Buckets((periods.custom(dt.date(2025, 9, 1), dt.date(2025, 9, 30)), periods.quarter(2024, 2)))
    assert not own.by_month and own.keys == ("r_bucket",) and own.index({"r_bucket": 1}) == 1
