"""Reads of the self-assessment pages: the teams a user reflects with, one year's checklist, and the years side by
side. A fixed number of queries each, whatever the number of items, comments or years."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from zorgroute.access import policy
from zorgroute.access.actions import Action
from zorgroute.core.time import current_school_year
from zorgroute.organisations.models import CareTeam
from zorgroute.quality.constants import ASSESSED_TEAM_KINDS, EARLIEST_YEAR, ItemKind, Score
from zorgroute.quality.models import AssessmentComment, FrameworkItem, ItemScore, SelfAssessment
from zorgroute.reports.tables import Column, ReportTable

YEARS_COMPARED = 5  # the side-by-side shows this many most recent years
START_YEARS_BACK = 5  # a team may still record a reflection of this many earlier school years


# --- The teams ------------------------------------------------------------------------------------------------------


@dataclass
class TeamRow:
    team: CareTeam
    assessments: list[SelfAssessment]
    may_assess: bool
    start_years: list[int]  # school years the user may still open an assessment for
    form: Any = None  # the start form, set by the view

    @property
    def current(self) -> SelfAssessment | None:
        year = current_school_year()
        return next((a for a in self.assessments if a.year == year), None)


def start_years(existing: set[int]) -> list[int]:
    """The school years a self-assessment can be started for: this one and a few before it, not yet started."""
    this = current_school_year()
    return [y for y in range(this, max(EARLIEST_YEAR, this - START_YEARS_BACK) - 1, -1) if y not in existing]


def team_overview(*, user: Any) -> list[TeamRow]:
    """The zorgteams and ZATs whose self-assessments the user may read, with their years (two queries)."""
    teams = (
        policy.visible_careteams(user, Action.QUALITY_VIEW)
        .filter(kind__in=ASSESSED_TEAM_KINDS, is_active=True)
        .select_related("school")
        .prefetch_related(Prefetch("self_assessments", queryset=SelfAssessment.objects.order_by("-year")))
        .order_by("kind", "name")
    )
    rows = []
    for team in teams:
        assessments = list(team.self_assessments.all())  # type: ignore[attr-defined]
        may_assess = policy.can(user, Action.QUALITY_ASSESS, team)
        rows.append(
            TeamRow(
                team=team,
                assessments=assessments,
                may_assess=may_assess,
                start_years=start_years({a.year for a in assessments}) if may_assess else [],
            )
        )
    return rows


# --- One year's checklist -------------------------------------------------------------------------------------------


@dataclass
class ItemRow:
    item: FrameworkItem
    score: ItemScore | None
    comments: list[AssessmentComment] = field(default_factory=list)
    score_field: Any = None  # bound form fields, set by the view when the page is editable
    notes_field: Any = None

    @property
    def score_label(self) -> str:
        return score_text(self.score)


@dataclass
class Part:
    """A group of items as the source prints it (with its sub-heading), e.g. "Op school" of the PO factors."""

    group: str
    subgroup: str
    rows: list[ItemRow]
    anchor: str


@dataclass
class AssessmentPage:
    assessment: SelfAssessment
    parts: list[Part]
    general_comments: list[AssessmentComment]
    items: list[FrameworkItem]

    @property
    def counts(self) -> dict[str, int]:
        rows = [row for part in self.parts for row in part.rows]
        scored = sum(1 for r in rows if r.score and r.score.score)
        not_applicable = sum(1 for r in rows if r.score and r.score.not_applicable)
        return {
            "items": len(rows),
            "scored": scored,
            "not_applicable": not_applicable,
            "open": len(rows) - scored - not_applicable,
        }

    def initial(self) -> dict[str, Any]:
        values: dict[str, Any] = {"summary": self.assessment.summary}
        for part in self.parts:
            for row in part.rows:
                if row.score is None:
                    continue
                code = row.item.code
                values[f"score_{code}"] = "na" if row.score.not_applicable else (row.score.score or "")
                values[f"notes_{code}"] = row.score.notes
        return values


def score_text(row: ItemScore | None) -> str:
    if row is None or (row.score is None and not row.not_applicable):
        return _("Not discussed yet")
    if row.not_applicable or row.score is None:
        return _("Not applicable")
    return f"{row.score} · {Score(row.score).label}"


R = TypeVar("R")


def _grouped(items: list[FrameworkItem], rows: dict[int, R]) -> list[tuple[str, str, list[R]]]:
    """The rows in the items' order, cut where the source's group or sub-heading changes."""
    groups: list[tuple[str, str, list[R]]] = []
    for item in items:
        if not groups or groups[-1][:2] != (item.group, item.subgroup):
            groups.append((item.group, item.subgroup, []))
        groups[-1][2].append(rows[item.pk])
    return groups


def assessment_page(*, assessment: SelfAssessment) -> AssessmentPage:
    """The checklist of one year: every item with its score, notes and comments (three queries)."""
    items = list(assessment.framework.items.order_by("position"))
    scores = {s.item_id: s for s in ItemScore.objects.filter(assessment=assessment)}
    rows = {item.pk: ItemRow(item=item, score=scores.get(item.pk)) for item in items}
    general = []
    for comment in AssessmentComment.objects.filter(assessment=assessment).select_related("author", "item"):
        if comment.item_id is None:
            general.append(comment)
        else:
            rows[comment.item_id].comments.append(comment)
    parts = [
        Part(g, sub, part_rows, f"part-{n}") for n, (g, sub, part_rows) in enumerate(_grouped(items, rows), 1)
    ]
    return AssessmentPage(assessment=assessment, parts=parts, general_comments=general, items=items)


# --- The years side by side -------------------------------------------------------------------------------------


@dataclass
class CompareRow:
    item: FrameworkItem
    cells: list[ItemScore | None]  # one per compared year, oldest first

    @property
    def texts(self) -> list[str]:
        return [score_text(cell) if cell else "–" for cell in self.cells]

    def score_at(self, index: int) -> int | None:
        cell = self.cells[index]
        return cell.score if cell is not None else None

    @property
    def change(self) -> int | None:
        """The last year's score minus the year before (both scored), else None."""
        if len(self.cells) < 2:
            return None
        before, last = self.score_at(-2), self.score_at(-1)
        return None if before is None or last is None else last - before


@dataclass
class ComparePart:
    group: str
    subgroup: str
    rows: list[CompareRow]
    averages: list[float | None]  # per year: the mean of the scored items of this part


@dataclass
class Comparison:
    team: CareTeam
    assessments: list[SelfAssessment]  # the compared years, oldest first
    parts: list[ComparePart]
    characteristics: ReportTable | None  # the eight characteristics per year, for the chart

    @property
    def years(self) -> list[str]:
        return [a.year_label for a in self.assessments]


def _mean(values: Iterable[int | None]) -> float | None:
    scored = [v for v in values if v is not None]
    return round(sum(scored) / len(scored), 1) if scored else None


def comparison(*, team: CareTeam) -> Comparison:
    """This year and earlier years per item and per group, and the characteristics as a chart table (3 queries).

    Items are matched across years by their code (K1, F12), so a later edition of the framework lines up with this
    one where its numbering does; the wording shown is that of the newest compared year.
    """
    assessments = list(SelfAssessment.objects.filter(team=team).order_by("-year")[:YEARS_COMPARED])[::-1]
    if not assessments:
        return Comparison(team=team, assessments=[], parts=[], characteristics=None)
    newest = assessments[-1]
    items = list(FrameworkItem.objects.filter(framework_id=newest.framework_id).order_by("position"))
    by_code: dict[str, dict[int, ItemScore]] = defaultdict(dict)
    for score in ItemScore.objects.filter(assessment__in=assessments).select_related("item"):
        by_code[score.item.code][score.assessment_id] = score
    rows = {item.pk: CompareRow(item, [by_code[item.code].get(a.pk) for a in assessments]) for item in items}
    parts = [
        ComparePart(
            group,
            subgroup,
            part_rows,
            [_mean(r.score_at(i) for r in part_rows) for i in range(len(assessments))],
        )
        for group, subgroup, part_rows in _grouped(items, rows)
    ]
    characteristics = ReportTable(
        key=f"quality-{team.uuid}",
        title=_("The eight quality characteristics per school year"),
        caption=_("Score 1 (not yet) to 4 (fully); an empty place is not scored or not applicable."),
        columns=[
            Column("item", _("Characteristic"), "label"),
            *(Column(str(a.year), a.year_label, "score") for a in assessments),
        ],
        rows=[
            [f"{row.item.number}. {row.item.label}", *(cell.score if cell else None for cell in row.cells)]
            for row in rows.values()
            if row.item.kind == ItemKind.CHARACTERISTIC
        ],
        chart="bar",
    )
    return Comparison(team=team, assessments=assessments, parts=parts, characteristics=characteristics)
