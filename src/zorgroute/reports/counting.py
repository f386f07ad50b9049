"""From a family's grouped rows to protected cells, and from those cells to `ReportTable`s.

Which periods are computed together decides what a reader can subtract, so it follows the audience (decision 0008):

- a school's or a ZAT's own report (`school`, `zat` scopes): the chosen period (any dates, at most a year) and the
  same period one and two years earlier; each period is a table of its own (units × categories), protected along
  its rows and columns. These readers may open every case behind the figures, so comparing overlapping periods of
  their own choice tells them nothing they cannot read case by case.
- the aggregates for policy staff (`region` scope): whole school years and their quarters only. A school year is
  computed with its four quarters as one cube (quarters × municipalities × categories), protected along every
  line, so the year minus three quarters never reveals the fourth; the chosen quarter or year is then read from it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from django.utils.translation import gettext as _

from zorgroute.reports import periods as pr
from zorgroute.reports import scopes as sc
from zorgroute.reports.disclosure import TOTAL, Dim, Protected, protect
from zorgroute.reports.families import Family
from zorgroute.reports.tables import HIDDEN, SMALL_CELL, SUPPRESSED, Cell, Column, ReportTable

ChartKind = Literal["bar", "stacked", "line", "box", "funnel", ""]
YEARS_COMPARED = 3  # the chosen period and the same period in the two school years before
YEAR_NODE = "year"


@dataclass(frozen=True)
class Frame:
    """The scope and period of a report, and the periods its queries cover."""

    scope: sc.Scope
    period: pr.Period

    @property
    def aggregate(self) -> bool:
        return self.scope.kind == sc.REGION

    @property
    def compared(self) -> list[pr.Period]:
        """The chosen period and the same period one and two school years earlier (newest first)."""
        return [self.period.earlier(years) for years in range(YEARS_COMPARED)]

    def _years(self) -> list[int]:
        return [p.school_year for p in self.compared if p.school_year is not None]

    @property
    def buckets(self) -> list[pr.Period]:
        """What the queries group by: the compared periods, or for aggregates every quarter of the compared years."""
        if not self.aggregate:
            return self.compared
        return [q for year in self._years() for q in pr.quarters(year)]

    def node(self, which: int) -> tuple[int, Any]:
        """Where compared period `which` lies: (cube index, node of the period dimension)."""
        if not self.aggregate:
            return which, TOTAL
        period = self.compared[which]
        return which, YEAR_NODE if period.kind == pr.YEAR else f"q{period.quarter}"


@dataclass
class Counted:
    """A family's protected cells for every compared period."""

    family: Family
    frame: Frame
    categories: list[tuple[Any, str]]
    units: list[tuple[Any, str]]
    cubes: list[Protected] = field(default_factory=list)

    @property
    def additive(self) -> bool:
        return self.family.additive

    @property
    def by_unit(self) -> bool:
        return self.family.by_unit and self.frame.scope.has_units

    def _key(
        self, which: int, unit: Any, category: Any, quarter: Any = None
    ) -> tuple[Protected, tuple[Any, ...]]:
        index, period_node = self.frame.node(which)
        if quarter is not None:
            period_node = quarter
        cube = self.cubes[index]
        unit_node = unit if self.by_unit else 0
        key = (unit_node, category) if not self.frame.aggregate else (period_node, unit_node, category)
        return cube, key

    def cell(self, which: int = 0, *, unit: Any = TOTAL, category: Any = TOTAL, quarter: Any = None) -> Cell:
        cube, key = self._key(which, unit, category, quarter)
        return cube.cell(*key)

    def value(self, which: int = 0, *, unit: Any = TOTAL, category: Any = TOTAL, quarter: Any = None) -> int:
        """The true count, before protection (for tests and for shares of protected cells)."""
        cube, key = self._key(which, unit, category, quarter)
        return cube.true_value(*key)

    def total(self, which: int = 0) -> Cell:
        return self.cell(which) if self.additive else None


def count(family: Family, frame: Frame) -> Counted:
    """One query, then the protected cubes of the compared periods."""
    scope = frame.scope
    rows = family.rows(scope, frame.buckets)
    categories = list(family.categories(scope))
    known = {key for key, _label in categories}
    for _bucket, _unit, category, _n in rows:  # a value the choices do not list (older data) still counts
        if category not in known:
            categories.append((category, str(category)))
            known.add(category)
    counted = Counted(family=family, frame=frame, categories=categories, units=list(scope.units))
    category_dim = Dim.flat("category", [k for k, _ in categories], additive=family.additive)
    if counted.by_unit:
        unit_keys = [k for k, _ in counted.units]
        unit_dim = Dim.flat("unit", unit_keys)
    else:
        unit_keys = [0]
        unit_dim = Dim.single("unit", 0)
    for index in range(YEARS_COMPARED):
        counts: dict[tuple[Any, ...], int] = {}
        for bucket_index, unit, category, n in rows:
            if bucket_index is None:
                continue
            unit_node = unit if counted.by_unit else 0
            if unit_node not in unit_keys:
                continue  # a school that left the region: not in this region's figures
            if frame.aggregate:
                if bucket_index // 4 != index:
                    continue
                key: tuple[Any, ...] = (f"q{bucket_index % 4 + 1}", unit_node, category)
            else:
                if bucket_index != index:
                    continue
                key = (unit_node, category)
            counts[key] = counts.get(key, 0) + n
        dims = [unit_dim, category_dim]
        if frame.aggregate:
            dims.insert(0, Dim.tree("period", YEAR_NODE, {YEAR_NODE: ["q1", "q2", "q3", "q4"]}))
        counted.cubes.append(protect(dims, counts))
    return counted


# --- Tables -------------------------------------------------------------------------------------------------------


def notes_for(rows: Sequence[Sequence[Cell]]) -> list[str]:
    cells = [cell for row in rows for cell in row]
    notes = []
    if any(cell is SUPPRESSED for cell in cells):
        notes.append(
            _("“<%(n)d”: fewer than %(n)d, not shown so that no pupil can be recognised.") % {"n": SMALL_CELL}
        )
    if any(cell is HIDDEN for cell in cells):
        notes.append(
            _(
                "“×”: %(n)d or more, not shown so that a number under %(n)d cannot be worked out from the totals."
            )
            % {"n": SMALL_CELL}
        )
    return notes


def _caption(counted: Counted, period: pr.Period) -> str:
    return _("%(what)s, %(scope)s, %(period)s") % {
        "what": f"{counted.family.title} {counted.family.breakdown}".strip(),
        "scope": counted.frame.scope.label,
        "period": period.label,
    }


def category_table(counted: Counted, *, chart: ChartKind = "") -> ReportTable:
    """Categories as rows (with their total), the chosen period and the two years before it as columns."""
    frame = counted.frame
    columns = [
        Column("category", str(counted.family.breakdown or counted.family.title).capitalize(), "label")
    ]
    columns += [Column(f"period_{i}", p.short_label, "count") for i, p in enumerate(frame.compared)]
    rows: list[list[Cell]] = [
        [label, *(counted.cell(i, category=key) for i in range(YEARS_COMPARED))]
        for key, label in counted.categories
    ]
    if counted.additive:
        rows.append([_("Total"), *(counted.cell(i) for i in range(YEARS_COMPARED))])
    return ReportTable(
        key=counted.family.key,
        title=f"{counted.family.title} {counted.family.breakdown}".strip(),
        columns=columns,
        rows=rows,
        caption=_caption(counted, frame.period),
        notes=notes_for(rows),
        chart=chart,
    )


def unit_table(counted: Counted, *, chart: ChartKind = "") -> ReportTable:
    """Units (schools or municipalities) as rows with the whole scope below them, categories as columns."""
    frame = counted.frame
    columns = [Column("unit", frame.scope.unit_title, "label")]
    columns += [Column(f"c_{i}", label, "count") for i, (_key, label) in enumerate(counted.categories)]
    if counted.additive:
        columns.append(Column("total", _("Total"), "count"))

    def line(unit: Any) -> list[Cell]:
        cells = [counted.cell(0, unit=unit, category=key) for key, _label in counted.categories]
        return cells + ([counted.cell(0, unit=unit)] if counted.additive else [])

    rows: list[list[Cell]] = [[label, *line(key)] for key, label in counted.units]
    rows.append([_("All together"), *line(TOTAL)])
    return ReportTable(
        key=f"{counted.family.key}_by_unit",
        title=f"{counted.family.title} {counted.family.breakdown}".strip(),
        columns=columns,
        rows=rows,
        caption=_caption(counted, frame.period),
        notes=notes_for(rows),
        chart=chart,
    )


def comparison_table(counted_list: Sequence[Counted], frame: Frame) -> ReportTable:
    """The totals of the additive families in the chosen period and the same period of the years before."""
    columns = [Column("figure", _("Figure"), "label")]
    columns += [Column(f"period_{i}", p.short_label, "count") for i, p in enumerate(frame.compared)]
    seen: set[str] = set()
    rows: list[list[Cell]] = []
    for counted in counted_list:
        title = str(counted.family.title)
        if not counted.additive or title in seen:
            continue  # one row per thing counted: referrals by source and by age have the same total
        seen.add(title)
        rows.append([title, *(counted.cell(i) for i in range(YEARS_COMPARED))])
    return ReportTable(
        key="comparison",
        title=_("Compared with earlier years"),
        columns=columns,
        rows=rows,
        caption=_("Totals of %(scope)s in %(period)s and in the same period of the two school years before")
        % {"scope": frame.scope.label, "period": frame.period.label},
        notes=notes_for(rows),
        chart="bar",
    )


def quarter_table(counted_list: Sequence[Counted], frame: Frame) -> ReportTable:
    """For aggregates: the totals per quarter of the chosen school year, and the year itself."""
    year = frame.period.school_year
    columns = [Column("figure", _("Figure"), "label")]
    columns += [Column(f"q{n}", pr.quarter(year, n).short_label, "count") for n in range(1, 5)]  # type: ignore[arg-type]
    columns.append(Column("year", pr.school_year(year).short_label, "count"))  # type: ignore[arg-type]
    seen: set[str] = set()
    rows: list[list[Cell]] = []
    for counted in counted_list:
        title = str(counted.family.title)
        if not counted.additive or title in seen:
            continue
        seen.add(title)
        rows.append(
            [
                title,
                *(counted.cell(0, quarter=f"q{n}") for n in range(1, 5)),
                counted.cell(0, quarter=YEAR_NODE),
            ]
        )
    return ReportTable(
        key="quarters",
        title=_("Per quarter"),
        columns=columns,
        rows=rows,
        caption=_("Totals of %(scope)s per quarter of school year %(year)s")
        % {"scope": frame.scope.label, "year": pr.school_year(year).short_label},  # type: ignore[arg-type]
        notes=notes_for(rows),
        chart="",  # drawn as `trend_table`, quarters along the axis
    )


def trend_table(quarters: ReportTable) -> ReportTable:
    """The quarter table turned a quarter per row, for the trend chart (one line per figure over the quarters).

    The same protected cells, transposed: nothing is counted or shown that the quarter table does not show."""
    quarter_keys = [c for c in quarters.columns if c.key.startswith("q")]
    columns = [Column("quarter", _("Quarter"), "label")]
    columns += [Column(f"f_{i}", str(row[0]), "count") for i, row in enumerate(quarters.rows)]
    rows: list[list[Cell]] = [
        [column.label, *(row[quarters.columns.index(column)] for row in quarters.rows)]
        for column in quarter_keys
    ]
    return ReportTable(
        key="trends",
        title=_("Trends per quarter"),
        columns=columns,
        rows=rows,
        caption=quarters.caption,
        notes=notes_for(rows),
        chart="line",
    )
