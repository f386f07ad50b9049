"""The reports, one per audience (DOMAIN §9, issue 6), each a list of sections of `ReportTable`s.

- `school_report`: a school's care coordinator and head: the school's whole care route.
- `zat_report`: the chair or coordinator of a region's ZAT: the ZAT's work by school.
- `region_report`: policy staff of the region or a municipality: aggregates by municipality, per school year or
  quarter.
- `annual_report`: the yearly report for funders: the region's totals of one school year against the two before,
  and per quarter.

Every page is a fixed number of queries whatever the number of cases: one per counted family, one per lead time,
a handful for meetings, stuck cases and open actions. What readers may open starts from `access`
(`report_schools`, `report_regions`); the figures themselves are aggregates, never rows about a pupil.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgroute.access.actions import Action
from zorgroute.access.policy import visible_regions, visible_schools
from zorgroute.access.principal import load
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import CareTeam, Region, School
from zorgroute.reports import cache as report_cache
from zorgroute.reports import families as fam
from zorgroute.reports import periods as pr
from zorgroute.reports import scopes as sc
from zorgroute.reports.counting import (
    YEARS_COMPARED,
    Counted,
    Frame,
    category_table,
    comparison_table,
    count,
    notes_for,
    quarter_table,
    trend_table,
    unit_table,
)
from zorgroute.reports.leadtimes import lead_time_table
from zorgroute.reports.process import (
    composition_rows,
    funnel_table,
    meetings_table,
    overdue_by_member,
    overdue_by_organisation,
    stuck_table,
)
from zorgroute.reports.tables import HIDDEN, SMALL_CELL, Cell, Column, ReportTable

COMPOSITION = fam.Family(
    "norm_composition", gettext_lazy("Meetings with the minimum composition present"), "", fam._met(),
    composition_rows, by_unit=False,
)  # fmt: skip


@dataclass
class Section:
    key: str
    title: str | Promise
    tables: list[ReportTable] = field(default_factory=list)


@dataclass
class Report:
    kind: str  # "school" | "zat" | "region" | "annual"
    title: str
    frame: Frame
    sections: list[Section]
    counted: dict[str, Counted] = field(default_factory=dict)  # by family key, for tests and charts
    raw_lead_times: dict[str, Any] = field(default_factory=dict)
    # When the figures were computed: a report may come from the cache (reports/cache.py), which keeps neither
    # `counted` nor `raw_lead_times` (they hold the unprotected numbers).
    computed_at: dt.datetime = field(default_factory=timezone.now)
    # The report cache's key when the report came through it (reports/cache.py), so that its drawing is kept too.
    cache_key: str = ""

    @property
    def scope(self) -> sc.Scope:
        return self.frame.scope

    @property
    def period(self) -> pr.Period:
        return self.frame.period

    def table(self, key: str) -> ReportTable:
        for section in self.sections:
            for table in section.tables:
                if table.key == key:
                    return table
        raise KeyError(key)

    @property
    def tables(self) -> list[ReportTable]:
        return [t for s in self.sections for t in s.tables]


# --- Who may open which report ---------------------------------------------------------------------------------------


def report_schools(*, user: Any) -> list[School]:
    return list(visible_schools(user, Action.REPORT_VIEW_SCHOOL).select_related("region").order_by("name"))


def report_regions(*, user: Any, action: Action) -> list[Region]:
    return list(visible_regions(user, action).order_by("name"))


def led_zat_ids(*, user: Any, region: Region) -> list[int]:
    """The regional teams of the region the user chairs or coordinates."""
    return list(
        CareTeam.objects.filter(
            pk__in=sorted(load(user).led_team_ids),
            region=region,
            kind=CareTeamKind.REGIONAL_TEAM,
            is_active=True,
        ).values_list("pk", flat=True)
    )


# --- Building blocks ----------------------------------------------------------------------------------------------


def _counted(frame: Frame, families: Sequence[fam.Family]) -> dict[str, Counted]:
    return {f.key: count(f, frame) for f in families if frame.scope.kind in f.scopes}


def _breakdown(counted: Counted) -> ReportTable:
    return unit_table(counted) if counted.by_unit else category_table(counted)


def _share(part: Cell, whole: Cell) -> Cell:
    """A percentage of two protected cells: hidden with either of them; None when there is nothing to share."""
    if not isinstance(whole, int):
        return whole
    if not isinstance(part, int):
        return part
    return None if whole == 0 else round(100 * part / whole)


def norms_table(norms: Sequence[Counted], frame: Frame) -> ReportTable:
    columns = [
        Column("indicator", _("Indicator"), "label"),
        Column("met", _("Met"), "count"),
        Column("of", _("Of"), "count"),
        Column("percent", _("Percentage"), "percent"),
        Column("norm", _("Norm"), "percent"),
    ]
    rows: list[list[Cell]] = []
    for counted in norms:
        met, total = counted.cell(category=fam.MET), counted.cell()
        rows.append(
            [
                str(counted.family.title),
                met,
                total,
                _share(met, total),
                fam.NORM_TARGETS.get(counted.family.key),
            ]
        )
    notes = notes_for(rows)
    notes.append(
        _(
            "Who sat at the table is what each case discussion records: the parents, the pupil and the teacher, per "
            'forum. "Met" counts the discussions they sat at, "Of" every discussion in that forum.'
        )
    )
    return ReportTable(
        key="norms",
        title=_("Process quality against the norms"),
        columns=columns,
        rows=rows,
        caption=_("Quality indicators, %(scope)s, %(period)s")
        % {"scope": frame.scope.label, "period": frame.period.label},
        notes=notes,
        chart="bar",
    )


def satisfaction_table(school: Counted, parents: Counted, frame: Frame) -> ReportTable:
    columns = [
        Column("score", _("Score"), "label"),
        Column("school", _("School"), "count"),
        Column("parents", _("Parents"), "count"),
    ]
    rows: list[list[Cell]] = [
        [label, school.cell(category=key), parents.cell(category=key)] for key, label in school.categories
    ]
    rows.append([_("Total"), school.cell(), parents.cell()])

    def mean(counted: Counted) -> Cell:
        n = counted.value()
        shown = counted.cell()
        if not isinstance(shown, int) or n < SMALL_CELL:
            return shown if not isinstance(shown, int) else HIDDEN
        return round(sum(int(key) * counted.value(category=key) for key, _label in counted.categories) / n, 1)

    mean_row: list[Cell] = [_("Average score"), mean(school), mean(parents)]
    return ReportTable(
        key="satisfaction",
        title=_("Satisfaction at aftercare"),
        columns=columns,
        rows=[*rows, mean_row],
        caption=_(
            "Satisfaction of school and parents (1 = very dissatisfied, 5 = very satisfied), %(scope)s, "
            "%(period)s"
        )
        % {"scope": frame.scope.label, "period": frame.period.label},
        notes=notes_for([*rows, mean_row]),
    )


def _build(kind: str, title: str, frame: Frame, *, annual: bool = False) -> Report:
    scope = frame.scope
    counted = _counted(
        frame, [*fam.REGISTRATION, fam.CONSENT_BY_MODE, *fam.NORMS, COMPOSITION, *fam.OUTCOMES]
    )
    registration = [counted[f.key] for f in fam.REGISTRATION if f.key in counted]
    basic = Section("registration", gettext_lazy("Basic registration"))
    basic.tables.append(comparison_table(registration, frame))
    if frame.aggregate and frame.period.school_year is not None:
        quarters = quarter_table(registration, frame)
        basic.tables += [trend_table(quarters), quarters]
    for c in registration:
        basic.tables.append(category_table(c) if annual else _breakdown(c))
    discussions = counted.get("discussions_forum") or counted["discussions_kind"]
    basic.tables.append(meetings_table(scope, frame.period, discussions))

    lead_table, raw = lead_time_table(scope, frame.period, with_count=not frame.aggregate)
    lead = Section("lead_times", gettext_lazy("Lead times"), [lead_table])
    if not (frame.aggregate and frame.period.quarter is not None):
        # Policy staff get the funnel per school year only: a year's funnel minus its quarters' would be a
        # differencing attack on cells that are protected per period.
        lead.tables.append(funnel_table(scope, frame.period))
    lead.tables.append(stuck_table(scope))

    quality = Section("quality", gettext_lazy("Process quality"))
    norm_keys = [f.key for f in fam.NORMS] + [COMPOSITION.key]
    quality.tables.append(norms_table([counted[k] for k in norm_keys if k in counted], frame))
    consent = counted["consent_mode"]
    quality.tables.append(category_table(consent) if annual else _breakdown(consent))
    if scope.kind in (sc.SCHOOL, sc.ZAT):
        quality.tables.append(overdue_by_member(scope))
    quality.tables.append(overdue_by_organisation(scope))

    outcomes = Section("outcomes", gettext_lazy("Outcomes"))
    for key in ("goals_evaluation", "goals_aftercare"):
        if key in counted:
            outcomes.tables.append(category_table(counted[key]) if annual else _breakdown(counted[key]))
    outcomes.tables.append(
        satisfaction_table(counted["satisfaction_school"], counted["satisfaction_parents"], frame)
    )
    for key in ("bottlenecks", "external_kind", "waiting_kind"):
        outcomes.tables.append(category_table(counted[key]) if annual else _breakdown(counted[key]))
    return Report(
        kind=kind,
        title=title,
        frame=frame,
        sections=[basic, lead, quality, outcomes],
        counted=counted,
        raw_lead_times=raw,
    )


# --- The reports ----------------------------------------------------------------------------------------------------


def build_school_report(*, school: School, period: pr.Period) -> Report:
    """The caller got `school` through access (report.view_school)."""
    frame = Frame(sc.school_scope(school), period)
    return _build(sc.SCHOOL, _("Care report of %(school)s") % {"school": school.name}, frame)


def build_zat_report(*, user: Any, region: Region, period: pr.Period) -> Report:
    """The caller got `region` through access (report.view_region): the ZATs of the region the user leads."""
    frame = Frame(sc.zat_scope(region, led_zat_ids(user=user, region=region)), period)
    return _build(sc.ZAT, _("ZAT report of %(region)s") % {"region": region.name}, frame)


def build_region_report(*, region: Region, period: pr.Period) -> Report:
    """The caller got `region` through access (report.view_aggregate). School years and their quarters only."""
    if period.kind == pr.CUSTOM:
        raise ValueError("aggregate reports cover a school year or one of its quarters")
    frame = Frame(sc.region_scope(region), period)
    return _build(sc.REGION, _("Figures of %(region)s") % {"region": region.name}, frame)


def build_annual_report(*, region: Region, year: int) -> Report:
    """The yearly report for funders: the region's totals, the year against the two before it and per quarter."""
    frame = Frame(sc.region_scope(region), pr.school_year(year))
    title = _("Annual report %(year)s of %(region)s") % {
        "year": pr.school_year(year).short_label,
        "region": region.name,
    }
    return _build("annual", title, frame, annual=True)


# --- The reports as the pages get them: from the cache (reports/cache.py) when they were built a moment ago ---------


def school_report(*, school: School, period: pr.Period) -> Report:
    """The caller got `school` through access (report.view_school)."""
    return report_cache.cached(
        sc.SCHOOL, f"school:{school.pk}", period, lambda: build_school_report(school=school, period=period)
    )


def zat_report(*, user: Any, region: Region, period: pr.Period) -> Report:
    """The caller got `region` through access (report.view_region). The figures are those of the teams the user
    leads, so the teams are part of the key: a reader leading other teams never gets these figures."""
    teams = ",".join(str(pk) for pk in sorted(led_zat_ids(user=user, region=region)))
    return report_cache.cached(
        sc.ZAT,
        f"region:{region.pk}:teams:{teams}",
        period,
        lambda: build_zat_report(user=user, region=region, period=period),
    )


def region_report(*, region: Region, period: pr.Period) -> Report:
    """The caller got `region` through access (report.view_aggregate). School years and their quarters only."""
    if period.kind == pr.CUSTOM:
        raise ValueError("aggregate reports cover a school year or one of its quarters")
    return report_cache.cached(
        sc.REGION, f"region:{region.pk}", period, lambda: build_region_report(region=region, period=period)
    )


def annual_report(*, region: Region, year: int) -> Report:
    """The yearly report for funders (report.view_aggregate)."""
    return report_cache.cached(
        "annual",
        f"region:{region.pk}",
        pr.school_year(year),
        lambda: build_annual_report(region=region, year=year),
    )


__all__ = [
    "YEARS_COMPARED",
    "Report",
    "Section",
    "annual_report",
    "build_annual_report",
    "build_region_report",
    "build_school_report",
    "build_zat_report",
    "region_report",
    "school_report",
    "zat_report",
]
