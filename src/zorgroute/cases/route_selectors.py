"""Reads for the route template editor (the functional administrator's pages): a region's routes and versions,
which route each school follows, and how many cases run on each version. A constant number of queries each.

The caller obtained the region or school through access (Action.ROUTE_MANAGE). These pages show counts only: the
functional administrator sees no case content (DOMAIN §3).
"""

from __future__ import annotations

import uuid as uuid_lib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from zorgroute.cases.constants import CaseStatus, Outcome, RequiredRecord, StepOwner
from zorgroute.cases.models import Case, RouteStep, RouteTemplate, SchoolRouteChoice
from zorgroute.cases.selectors import template_for_school
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import Region, School


class How:
    """Why a school follows the route it follows (the precedence of selectors.template_for_school)."""

    OWN = "own"  # the school's own adjusted route
    CHOSEN = "chosen"  # a region route the school chose
    BY_TYPE = "by_type"  # the region's route for the school's type (PO/VO)
    NONE = "none"  # the region has no route yet


@dataclass(frozen=True)
class VersionRow:
    template: RouteTemplate
    open_cases: int = 0
    closed_cases: int = 0


@dataclass
class RouteFamily:
    """All versions of one route, newest first."""

    versions: list[VersionRow] = field(default_factory=list)

    @property
    def latest(self) -> RouteTemplate:
        return self.versions[0].template

    @property
    def current(self) -> RouteTemplate | None:
        return next((v.template for v in self.versions if v.template.is_current), None)

    @property
    def older(self) -> list[VersionRow]:
        return [v for v in self.versions if not v.template.is_current]

    @property
    def open_cases(self) -> int:
        return sum(v.open_cases for v in self.versions)


@dataclass(frozen=True)
class SchoolRoute:
    school: School
    template: RouteTemplate | None
    how: str


@dataclass(frozen=True)
class StepRow:
    step: RouteStep
    owner: str
    forum: str
    required_records: list[str]
    allowed_outcomes: list[str]


@dataclass(frozen=True)
class WaitingStep:
    """Open cases on older versions of a route, per step: can they move to the current version?"""

    version: int
    template_uuid: uuid_lib.UUID
    step_name: str
    count: int
    movable: bool


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def step_rows(template: RouteTemplate) -> list[StepRow]:
    """The steps of a version with readable labels (uses the prefetched steps when present)."""
    return [
        StepRow(
            step=step,
            owner=_label(StepOwner, step.owner),
            forum=_label(CareTeamKind, step.forum_kind) if step.forum_kind else "",
            required_records=[_label(RequiredRecord, r) for r in step.required_records],
            allowed_outcomes=[_label(Outcome, o) for o in step.allowed_outcomes],
        )
        for step in sorted(template.steps.all(), key=lambda s: s.position)
    ]


def _case_counts(cases: QuerySet[Case]) -> dict[int, dict[str, int]]:
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in cases.values("template_id", "status").annotate(n=Count("pk")).order_by():
        counts[row["template_id"]][row["status"]] = row["n"]
    return counts


def _families(templates: list[RouteTemplate], counts: dict[int, dict[str, int]]) -> list[RouteFamily]:
    families: dict[uuid_lib.UUID, RouteFamily] = {}
    for template in sorted(templates, key=lambda t: -t.version):
        row = VersionRow(
            template=template,
            open_cases=counts.get(template.pk, {}).get(CaseStatus.OPEN, 0),
            closed_cases=counts.get(template.pk, {}).get(CaseStatus.CLOSED, 0),
        )
        families.setdefault(template.family, RouteFamily()).versions.append(row)
    return sorted(families.values(), key=lambda f: f.latest.name)


def region_routes(*, region: Region) -> tuple[list[RouteFamily], list[RouteFamily]]:
    """The region's routes and the schools' own routes, each with every version and its case counts."""
    templates = list(RouteTemplate.objects.filter(region=region).select_related("school", "created_by"))
    counts = _case_counts(Case.objects.filter(template__region=region))
    families = _families(templates, counts)
    region_level = [f for f in families if f.latest.school_id is None]
    own = sorted((f for f in families if f.latest.school_id is not None), key=lambda f: f.latest.name)
    region_level.sort(key=lambda f: (f.latest.school_type, f.latest.name))
    return region_level, own


def resolve_school_routes(
    schools: list[School], templates: list[RouteTemplate], choices: dict[int, uuid_lib.UUID]
) -> list[SchoolRoute]:
    """Which current route each school follows, with the precedence of selectors.template_for_school."""
    current = [t for t in templates if t.is_current]
    own: dict[int, RouteTemplate] = {}
    for t in sorted((t for t in current if t.school_id), key=lambda t: t.created_at, reverse=True):
        own.setdefault(t.school_id, t)  # type: ignore[arg-type]
    region_level = sorted((t for t in current if t.school_id is None), key=lambda t: t.created_at)
    by_family = {t.family: t for t in reversed(region_level)}
    by_type: dict[str, RouteTemplate] = {}
    for t in region_level:
        by_type.setdefault(t.school_type, t)
    result = []
    for school in schools:
        if school.pk in own:
            result.append(SchoolRoute(school, own[school.pk], How.OWN))
        elif school.pk in choices and choices[school.pk] in by_family:
            result.append(SchoolRoute(school, by_family[choices[school.pk]], How.CHOSEN))
        elif school.school_type in by_type:
            result.append(SchoolRoute(school, by_type[school.school_type], How.BY_TYPE))
        else:
            result.append(SchoolRoute(school, None, How.NONE))
    return result


def school_routes(*, region: Region) -> list[SchoolRoute]:
    """Every school of the region with the route a new case there follows (three queries)."""
    schools = list(region.schools.order_by("school_type", "name"))
    templates = list(RouteTemplate.objects.filter(region=region, is_current=True))
    choices = dict(SchoolRouteChoice.objects.filter(school__region=region).values_list("school_id", "family"))
    return resolve_school_routes(schools, templates, choices)


def school_route(*, school: School) -> SchoolRoute:
    """The route one school follows now, with its steps prefetched."""
    template = template_for_school(school)
    if template is None:
        return SchoolRoute(school, None, How.NONE)
    template = template_with_steps(template.pk)
    if template.school_id == school.pk:
        how = How.OWN
    elif SchoolRouteChoice.objects.filter(school=school, family=template.family).exists():
        how = How.CHOSEN
    else:
        how = How.BY_TYPE
    return SchoolRoute(school, template, how)


def template_with_steps(pk: int) -> RouteTemplate:
    return (
        RouteTemplate.objects.select_related("region", "school", "created_by")
        .prefetch_related(Prefetch("steps", queryset=RouteStep.objects.order_by("position")))
        .get(pk=pk)
    )


def route_in_region(*, region: Region, key: Any) -> RouteTemplate | None:
    """A version of one of the region's routes (its own or a school's) by UUID, with its steps; None when absent."""
    try:
        parsed = key if isinstance(key, uuid_lib.UUID) else uuid_lib.UUID(str(key))
    except (TypeError, ValueError, AttributeError):
        return None
    return (
        RouteTemplate.objects.filter(region=region, uuid=parsed)
        .select_related("region", "school", "created_by")
        .prefetch_related(Prefetch("steps", queryset=RouteStep.objects.order_by("position")))
        .first()
    )


def family_versions(*, template: RouteTemplate) -> RouteFamily:
    templates = list(RouteTemplate.objects.filter(family=template.family).select_related("created_by"))
    counts = _case_counts(Case.objects.filter(template__family=template.family))
    return _families(templates, counts)[0]


def waiting_cases(*, template: RouteTemplate) -> list[WaitingStep]:
    """Open cases on the other versions of this route, per version and step, and whether `template` has that step
    (only meaningful when `template` is the current version)."""
    codes = {step.code for step in template.steps.all()}
    rows = (
        Case.objects.filter(template__family=template.family, status=CaseStatus.OPEN)
        .exclude(template=template)
        .values("template__version", "template__uuid", "step__code", "step__name", "step__position")
        .annotate(n=Count("pk"))
        .order_by("-template__version", "step__position")
    )
    return [
        WaitingStep(
            version=row["template__version"],
            template_uuid=row["template__uuid"],
            step_name=row["step__name"],
            count=row["n"],
            movable=row["step__code"] in codes,
        )
        for row in rows
    ]


def region_route_choices(*, region: Region) -> QuerySet[RouteTemplate]:
    """The current versions of the region's own routes (what a school may choose to follow)."""
    return RouteTemplate.objects.filter(region=region, school__isnull=True, is_current=True).order_by(
        "school_type", "name"
    )


def older_versions_with_cases(*, template: RouteTemplate) -> QuerySet[RouteTemplate]:
    """Older versions of this route on which cases are still open (the sources of an explicit migration)."""
    return (
        RouteTemplate.objects.filter(family=template.family, cases__status=CaseStatus.OPEN)
        .exclude(pk=template.pk)
        .distinct()
        .order_by("-version")
    )
