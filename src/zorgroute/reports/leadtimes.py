"""Lead times of the care route: days from a start to an end, for the cases (or referrals) whose end falls in the
period, as percentiles computed in the database (`sql.percentiles`, one query per interval).

The start of help is the earliest "help started" date a partner reported on an external referral of the case
(the referrals app's structured back-report).

A percentile is shown only when enough cases lie behind it: the quartiles need `SMALL_CELL` cases, the 90th
percentile twice that (with fewer, p90 is one case's own value).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import DateField, F, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import TruncDate
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case, Signal
from zorgroute.meetings.constants import MeetingStatus
from zorgroute.meetings.models import CaseDiscussion, Referral
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.referrals.constants import BackReportKind
from zorgroute.referrals.models import BackReport
from zorgroute.reports import scopes as sc
from zorgroute.reports.counting import notes_for
from zorgroute.reports.periods import Period
from zorgroute.reports.sql import PERCENTILES, DaysBetween, Distribution, percentiles, within
from zorgroute.reports.tables import SMALL_CELL, SUPPRESSED, Cell, Column, ReportTable

MIN_FOR_P90 = 2 * SMALL_CELL


def _first(qs: QuerySet[Any], moment: str) -> Subquery:
    """The local day of the earliest `moment` of the rows of `qs`."""
    return Subquery(qs.order_by(moment, "pk").annotate(r_day=TruncDate(moment)).values("r_day")[:1])


def first_signal(case: str = "pk") -> Subquery:
    """The day of the case's first signal (MIN over the case's signals: no sort)."""
    first = (
        Signal.objects.filter(case=OuterRef(case))
        .order_by()
        .values("case")
        .annotate(m=Min("observed_on"))
        .values("m")
    )
    return Subquery(first, output_field=DateField())


def first_referral(forum_kind: str, team_ids: tuple[int, ...] = (), case: str = "pk") -> Subquery:
    qs = Referral.objects.filter(case=OuterRef(case), forum_kind=forum_kind, submitted_at__isnull=False)
    if team_ids:
        qs = qs.filter(team_id__in=team_ids)
    return _first(qs, "submitted_at")


def first_discussion(team_ids: tuple[int, ...] = (), case: str = "pk", after: str | None = None) -> Subquery:
    qs = CaseDiscussion.objects.filter(item__case=OuterRef(case)).exclude(
        item__meeting__status=MeetingStatus.CANCELLED
    )
    if team_ids:
        qs = qs.filter(item__meeting__team_id__in=team_ids)
    if after:
        qs = qs.filter(
            item__meeting__starts_at__gte=OuterRef(after), item__meeting__team_id=OuterRef("team_id")
        )
    return _first(qs, "item__meeting__starts_at")


def help_started(case: str = "pk") -> Subquery:
    """The day help started for the case: the earliest "help started" a partner reported on any of the case's
    external referrals (withdrawn ones too: a start that was reported did happen), as
    `referrals.selectors.cases_with_help_started` reads it."""
    started = BackReport.objects.filter(
        referral__case=OuterRef(case), kind=BackReportKind.STARTED, date__isnull=False
    )
    return Subquery(
        started.order_by().values("referral__case").annotate(m=Min("date")).values("m"),
        output_field=DateField(),
    )


@dataclass(frozen=True)
class Interval:
    key: str
    label: str | Promise
    rows: Callable[[sc.Scope], QuerySet[Any]]  # annotated with r_start and r_end (dates)
    ends_by: str = ""  # the datetime field whose day r_end is, if any: filtered on first, by its index


def _cases(scope: sc.Scope) -> QuerySet[Case]:
    zat = scope.zat_cases() if scope.kind == sc.ZAT else None
    return Case.objects.filter(scope.q(school="school", zat=zat))


def _referrals(scope: sc.Scope, forum_kind: str) -> QuerySet[Referral]:
    zat = Q(team_id__in=scope.team_ids) if scope.kind == sc.ZAT else None
    return Referral.objects.filter(
        scope.q(school="case__school", zat=zat), forum_kind=forum_kind, submitted_at__isnull=False
    )


def _from_signal(
    end: Callable[[sc.Scope], Any], *, closed: bool = False
) -> Callable[[sc.Scope], QuerySet[Any]]:
    def rows(scope: sc.Scope) -> QuerySet[Any]:
        cases = _cases(scope).filter(status=CaseStatus.CLOSED) if closed else _cases(scope)
        return cases.annotate(r_start=first_signal(), r_end=end(scope))

    return rows


def _zat_teams(scope: sc.Scope) -> tuple[int, ...]:
    return scope.team_ids if scope.kind == sc.ZAT else ()


def _to_intake(forum_kind: str) -> Callable[[sc.Scope], QuerySet[Any]]:
    def rows(scope: sc.Scope) -> QuerySet[Any]:
        return _referrals(scope, forum_kind).annotate(
            r_start=TruncDate("submitted_at"), r_end=TruncDate("decided_at")
        )

    return rows


def _to_discussion(forum_kind: str) -> Callable[[sc.Scope], QuerySet[Any]]:
    def rows(scope: sc.Scope) -> QuerySet[Any]:
        return _referrals(scope, forum_kind).annotate(
            r_start=TruncDate("submitted_at"), r_end=first_discussion(case="case", after="submitted_at")
        )

    return rows


def _discussion_to_help(scope: sc.Scope) -> QuerySet[Any]:
    return _cases(scope).annotate(r_start=first_discussion(_zat_teams(scope)), r_end=help_started())


ZORGTEAM, ZAT = CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM

ROUTE_INTERVALS = (
    Interval("signal_case", gettext_lazy("From the first signal to the case opened"),
             _from_signal(lambda s: TruncDate("opened_at")), ends_by="opened_at"),
    Interval("signal_zorgteam", gettext_lazy("From the first signal to the referral to the zorgteam"),
             _from_signal(lambda s: first_referral(ZORGTEAM))),
    Interval("signal_discussion", gettext_lazy("From the first signal to the first discussion"),
             _from_signal(lambda s: first_discussion())),
    Interval("signal_help", gettext_lazy("From the first signal to the start of help"),
             _from_signal(lambda s: help_started())),
    Interval("signal_closed", gettext_lazy("From the first signal to the case closed"),
             _from_signal(lambda s: TruncDate("closed_at"), closed=True), ends_by="closed_at"),
    Interval("zorgteam_intake", gettext_lazy("Waiting: from the referral to the zorgteam's decision at intake"),
             _to_intake(ZORGTEAM), ends_by="decided_at"),
    Interval("zorgteam_discussion", gettext_lazy("Waiting: from the referral to the discussion in the zorgteam"),
             _to_discussion(ZORGTEAM)),
    Interval("zat_discussion", gettext_lazy("Waiting: from the referral to the discussion in the ZAT"),
             _to_discussion(ZAT)),
    Interval("discussion_help", gettext_lazy("Waiting: from the first discussion to the start of help"),
             _discussion_to_help),
)  # fmt: skip

ZAT_INTERVALS = (
    Interval("signal_zat", gettext_lazy("From the first signal to the referral to the ZAT"),
             _from_signal(lambda s: first_referral(ZAT, s.team_ids))),
    Interval("zat_intake", gettext_lazy("Waiting: from the referral to the ZAT's decision at intake"),
             _to_intake(ZAT), ends_by="decided_at"),
    Interval("zat_discussion", gettext_lazy("Waiting: from the referral to the discussion in the ZAT"),
             _to_discussion(ZAT)),
    Interval("discussion_help", gettext_lazy("Waiting: from the first ZAT discussion to the start of help"),
             _discussion_to_help),
    Interval("signal_closed", gettext_lazy("From the first signal to the case closed"),
             _from_signal(lambda s: TruncDate("closed_at"), closed=True), ends_by="closed_at"),
)  # fmt: skip


def intervals(scope: sc.Scope) -> tuple[Interval, ...]:
    return ZAT_INTERVALS if scope.kind == sc.ZAT else ROUTE_INTERVALS


def measure(interval: Interval, scope: sc.Scope, period: Period) -> Distribution | None:
    """The distribution of the interval's days for the rows whose end lies in the period (None: no such rows)."""
    rows = interval.rows(scope)
    if interval.ends_by:
        rows = rows.filter(within(interval.ends_by, period, is_datetime=True))
    rows = rows.filter(within("r_end", period, is_datetime=False))
    # An end before its start (a signal added to a case after its referral) is no lead time: only days >= 0 count.
    return percentiles(rows, DaysBetween(F("r_end"), F("r_start")), minimum=0).get(0)


def shown(distribution: Distribution | None, percent: int) -> Cell:
    """A percentile as it may be shown: whole days, or suppressed when too few cases lie behind it."""
    if distribution is None:
        return None
    needed = MIN_FOR_P90 if percent == 90 else SMALL_CELL
    if distribution.n < needed:
        return SUPPRESSED
    return half_up(distribution.values[percent])


def half_up(value: float) -> int:
    """Whole days, halves rounded up (30.5 -> 31), as people round; Python's round() would give 30."""
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def lead_time_table(
    scope: sc.Scope, period: Period, *, with_count: bool
) -> tuple[ReportTable, dict[str, Any]]:
    """Rows per interval: (the number of cases,) p25, median, p75, p90 in days. Also returns the raw distributions."""
    columns = [Column("interval", _("Interval"), "label")]
    if with_count:
        columns.append(Column("n", _("Cases"), "count"))
    labels = {25: _("25th percentile"), 50: _("Median"), 75: _("75th percentile"), 90: _("90th percentile")}
    keys = {25: "p25", 50: "median", 75: "p75", 90: "p90"}
    columns += [Column(keys[p], labels[p], "days") for p in PERCENTILES]
    rows: list[list[Cell]] = []
    raw: dict[str, Any] = {}
    for interval in intervals(scope):
        distribution = measure(interval, scope, period)
        raw[interval.key] = distribution
        n = distribution.n if distribution else 0
        row: list[Cell] = [str(interval.label)]
        if with_count:
            row.append(SUPPRESSED if 0 < n < SMALL_CELL else n)
        row += [shown(distribution, p) for p in PERCENTILES]
        rows.append(row)
    notes = notes_for(rows)
    notes.append(
        _("Days. Counted for the cases whose end date lies in the period. A percentile needs at least %(n)d cases, "
          "the 90th percentile %(m)d.") % {"n": SMALL_CELL, "m": MIN_FOR_P90}
    )  # fmt: skip
    table = ReportTable(
        key="lead_times",
        title=_("Lead times and waiting times"),
        columns=columns,
        rows=rows,
        caption=_("Lead times in days, %(scope)s, %(period)s")
        % {"scope": scope.label, "period": period.label},
        notes=notes,
        chart="box",
    )
    return table, raw
