"""Database expressions the reports share: periods as filters and buckets, whole days between two dates, and
percentiles computed in the database on PostgreSQL and SQLite alike (decision 0008).

Percentiles follow PostgreSQL's `percentile_cont`: the value at position h = (n - 1) * p in the sorted values (0-based),
interpolated linearly between the two neighbours. PostgreSQL computes them itself. SQLite has no such function: a
window query numbers the values per group (`row_number`, `count` over the group) and returns only the one or two rows
each percentile needs, so at most eight rows per group cross the wire whatever the number of cases; the
interpolation happens here, with the same formula.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, reduce
from itertools import pairwise
from operator import or_
from typing import Any

from django.db import connection
from django.db.models import (
    Aggregate,
    Case,
    Count,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import Cast, ExtractMonth, ExtractYear, RowNumber, Substr
from django.utils import timezone

from zorgroute.reports.periods import Period

PERCENTILES = (25, 50, 75, 90)  # in percent: p25, the median, p75, p90


def _midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def within(field: str, period: Period, *, is_datetime: bool) -> Q:
    """`field` lies in the period (a datetime: on one of its days in local time, as a range the index can use)."""
    if is_datetime:
        return Q(**{f"{field}__gte": _midnight(period.start), f"{field}__lt": _midnight(period.end) + _DAY})
    return Q(**{f"{field}__gte": period.start, f"{field}__lte": period.end})


_DAY = dt.timedelta(days=1)


def within_any(field: str, periods: Sequence[Period], *, is_datetime: bool) -> Q:
    return reduce(or_, (within(field, p, is_datetime=is_datetime) for p in periods))


def bucket(field: str, periods: Sequence[Period], *, is_datetime: bool) -> Case:
    """The index of the period `field` lies in (None outside all of them)."""
    return Case(
        *(When(within(field, p, is_datetime=is_datetime), then=Value(i)) for i, p in enumerate(periods)),
        default=Value(None),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class Buckets:
    """How rows are put in the periods a report computes.

    Consecutive quarters (the aggregates: three school years) are one date range grouped by calendar year and month,
    each month then mapped to its quarter here: cheap to build and to run. Other periods (a school's own dates and the
    same dates in earlier years) are a CASE over the periods.
    """

    periods: tuple[Period, ...]

    @property
    def by_month(self) -> bool:
        ps = sorted(self.periods, key=lambda p: p.start)
        return all(p.kind == "quarter" for p in ps) and all(b.start == a.end + _DAY for a, b in pairwise(ps))

    def q(self, field: str, *, is_datetime: bool) -> Q:
        if self.by_month:
            span = Period("custom", min(p.start for p in self.periods), max(p.end for p in self.periods))
            return within(field, span, is_datetime=is_datetime)
        return within_any(field, self.periods, is_datetime=is_datetime)

    def annotations(self, field: str, *, is_datetime: bool) -> dict[str, Any]:
        if self.by_month:
            if connection.vendor == "sqlite":
                return self._sqlite_months(field, is_datetime=is_datetime)
            return {"r_y": ExtractYear(field), "r_m": ExtractMonth(field)}
        return {"r_bucket": bucket(field, self.periods, is_datetime=is_datetime)}

    def _sqlite_months(self, field: str, *, is_datetime: bool) -> dict[str, Any]:
        """Year and month without SQLite's Python functions (Django's Extract* call one per row, twice: ~60% of a
        region report's time). A date is text `YYYY-MM-DD`: its first characters. A datetime is stored in UTC while
        the month is a local one: the first local month whose end lies after it, compared as the index compares
        (the rows are already limited to the months of the buckets). A report's own annotation (`r_…`, e.g. a
        subquery) keeps Django's functions: a CASE would evaluate it once per month."""
        if field.startswith("r_"):
            return {"r_y": ExtractYear(field), "r_m": ExtractMonth(field)}
        if not is_datetime:
            return {
                "r_y": Cast(Substr(field, 1, 4), IntegerField()),
                "r_m": Cast(Substr(field, 6, 2), IntegerField()),
            }
        months = sorted(self._months())
        ends = [(y, m, _midnight(dt.date(y + m // 12, m % 12 + 1, 1))) for y, m in months]
        year_ends = {y: end for y, _m, end in ends}  # the end of the last month of each year in the buckets
        return {
            "r_y": Case(
                *(When(**{f"{field}__lt": end}, then=Value(y)) for y, end in sorted(year_ends.items())),
                default=Value(None),
                output_field=IntegerField(),
            ),
            "r_m": Case(
                *(When(**{f"{field}__lt": end}, then=Value(m)) for _y, m, end in ends),
                default=Value(None),
                output_field=IntegerField(),
            ),
        }

    @property
    def keys(self) -> tuple[str, ...]:
        return ("r_y", "r_m") if self.by_month else ("r_bucket",)

    def index(self, row: dict[str, Any]) -> int | None:
        if not self.by_month:
            return row["r_bucket"]  # type: ignore[no-any-return]
        return self._months().get((row["r_y"], row["r_m"]))

    def _months(self) -> dict[tuple[int, int], int]:
        return self._month_index

    @cached_property
    def _month_index(self) -> dict[tuple[int, int], int]:
        """(year, month) -> the index of the period it lies in; computed once, not once per row."""
        months: dict[tuple[int, int], int] = {}
        for i, p in enumerate(self.periods):
            day = p.start
            while day <= p.end:
                months[(day.year, day.month)] = i
                day = (day.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
        return months


class DaysBetween(Func):
    """Whole days from the date `start` to the date `end` (both date expressions; negative when end lies before)."""

    arity = 2
    output_field = IntegerField()
    template = "(%(expressions)s)"  # PostgreSQL: date - date is a number of days
    arg_joiner = " - "

    def __init__(self, end: Any, start: Any, **extra: Any) -> None:
        super().__init__(end, start, **extra)

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        return super().as_sql(
            compiler,
            connection,
            template="CAST(ROUND(julianday(%(expressions)s)) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra_context,
        )


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate: percentile_cont(fraction) WITHIN GROUP (ORDER BY expression)."""

    function = "percentile_cont"
    template = "%(function)s(%(fraction)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression: Any, percent: int, **extra: Any) -> None:
        if not 0 <= percent <= 100:
            raise ValueError("a percentile lies between 0 and 100")
        super().__init__(expression, fraction=f"{percent / 100:.2f}", **extra)


@dataclass(frozen=True)
class Distribution:
    """How many values a group has, and its percentiles (None where the group is empty)."""

    n: int
    values: dict[int, float]  # percent -> value

    def get(self, percent: int) -> float | None:
        return self.values.get(percent)


def interpolate(sorted_values: dict[int, float], n: int, percent: int) -> float:
    """percentile_cont over 1-based positions: the value at h = (n - 1) * p, between its two neighbours."""
    h = Fraction((n - 1) * percent, 100)
    low = int(h)
    below = sorted_values[low + 1]
    if low + 1 >= n:
        return float(below)
    above = sorted_values[low + 2]
    return float(below + (h - low) * (above - below))


def percentiles(
    rows: QuerySet[Any], value: Any, group: Any = None, *, minimum: int | None = None
) -> dict[Any, Distribution]:
    """Percentiles of `value` per `group` (an expression; None: one group) over the rows of `rows`.

    Rows whose value is NULL (or under `minimum`) do not count. One query on both databases.
    """
    qs = rows.annotate(pv=value, pg=group if group is not None else Value(0))
    qs = qs.filter(pv__isnull=False) if minimum is None else qs.filter(pv__gte=minimum)
    if connection.vendor == "postgresql":
        aggregates = {f"p{p}": PercentileCont(F("pv"), p) for p in PERCENTILES}
        return {  # without a group, an aggregate over no rows still returns one row (n 0): left out
            row["pg"]: Distribution(n=row["n"], values={p: float(row[f"p{p}"]) for p in PERCENTILES})
            for row in qs.values("pg").annotate(n=Count("pk"), **aggregates).order_by()
            if row["n"]
        }
    ranked = qs.annotate(
        rn=Window(RowNumber(), partition_by=[F("pg")], order_by=[F("pv").asc(), F("pk").asc()]),
        cnt=Window(Count("pk"), partition_by=[F("pg")]),
    )
    needed = Q()
    for p in PERCENTILES:
        low = (F("cnt") - 1) * p / 100 + 1
        needed |= Q(rn=low) | Q(rn=low + 1)
    picked: dict[Any, dict[int, float]] = {}
    counts: dict[Any, int] = {}
    for pg, rn, cnt, pv in ranked.filter(needed).values_list("pg", "rn", "cnt", "pv").order_by():
        picked.setdefault(pg, {})[rn] = pv
        counts[pg] = cnt
    return {
        pg: Distribution(n=counts[pg], values={p: interpolate(values, counts[pg], p) for p in PERCENTILES})
        for pg, values in picked.items()
    }
