"""Whose figures a report holds, and by which unit it breaks them down.

- `school`: one school's care route (its care coordinator and head): signals, cases, its zorgteam, and its cases in
  the ZAT. The reader may open every case behind these figures.
- `zat`: the ZAT work of a region for the chair or coordinator of its regional team(s), by school: referrals to the
  ZAT, its meetings, discussions, actions and aftercare, and the cases it took on. The reader takes in and discusses
  these cases.
- `region`: everything in a region, by municipality (the schools' town), for policy staff: aggregates only.

A scope turns into filters on the rows each figure counts (`q`) and into the unit each row belongs to (`unit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, Value
from django.db.models import IntegerField as _IntegerField
from django.utils.translation import gettext as _

from zorgroute.organisations.models import Region, School

SCHOOL, ZAT, REGION = "school", "zat", "region"


@dataclass(frozen=True)
class Scope:
    kind: str
    region: Region
    school: School | None = None
    team_ids: tuple[int, ...] = ()  # the regional teams of a `zat` scope
    units: Sequence[tuple[Any, str]] = field(
        default_factory=tuple
    )  # (key, label) of schools or municipalities

    @property
    def label(self) -> str:
        if self.kind == SCHOOL and self.school is not None:
            return self.school.name
        return self.region.name

    @property
    def unit_title(self) -> str:
        return {SCHOOL: _("School"), ZAT: _("School"), REGION: _("Municipality")}[self.kind]

    @property
    def has_units(self) -> bool:
        return self.kind != SCHOOL

    def q(self, *, school: str, case: str | None = None, zat: Q | None = None) -> Q:
        """The rows of this scope. `school` is the path to the row's school, `case` to its case (None: the row is a
        case); `zat` restricts the rows to the scope's regional teams (required for a `zat` scope)."""
        if self.kind == SCHOOL:
            return Q(**{school: self.school})
        if self.kind == REGION:
            return Q(**{f"{school}__region": self.region})
        if zat is None:
            raise ValueError("this figure has no ZAT form")
        return Q(**{f"{school}__region": self.region}) & zat

    def zat_cases(self, case: str | None = None) -> Q:
        """The rows whose case the scope's regional teams took on: referred to them, or on one of their agendas."""
        from zorgroute.meetings.models import AgendaItem, Referral

        referred = Referral.objects.filter(team_id__in=self.team_ids, submitted_at__isnull=False).values(
            "case_id"
        )
        discussed = AgendaItem.objects.filter(meeting__team_id__in=self.team_ids).values("case_id")
        path = f"{case}__in" if case else "pk__in"
        return Q(**{path: referred}) | Q(**{path: discussed})

    def unit(self, school: str) -> Any:
        """The unit of a row: nothing for one school, the school in a ZAT report, the town in a region's."""
        if self.kind == SCHOOL:
            return Value(0, output_field=_IntegerField())
        if self.kind == ZAT:
            return F(f"{school}_id")
        return F(f"{school}__city")


def school_scope(school: School) -> Scope:
    return Scope(kind=SCHOOL, region=school.region, school=school, units=((0, school.name),))


def zat_scope(region: Region, team_ids: Sequence[int]) -> Scope:
    schools = School.objects.filter(region=region).order_by("name").values_list("pk", "name")
    return Scope(kind=ZAT, region=region, team_ids=tuple(sorted(team_ids)), units=tuple(schools))


def region_scope(region: Region) -> Scope:
    towns = School.objects.filter(region=region).order_by("city").values_list("city", flat=True).distinct()
    return Scope(kind=REGION, region=region, units=tuple((town, town) for town in towns))
