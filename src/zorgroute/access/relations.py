"""How each relation in rules.py is decided: once as a check on one object, once as a queryset filter.

Both forms live side by side so they cannot drift apart; the matrix test exercises both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import Q

from zorgroute.access.principal import Principal
from zorgroute.access.rules import Rel, Role
from zorgroute.organisations.models import CareTeam, PartnerOrganisation, Region, School
from zorgroute.pupils.models import Pupil

_NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class Relation:
    model: type[models.Model] | None  # None: holds without an object (Rel.ANY)
    check: Callable[[Principal, Role, Any], bool]
    q: Callable[[Principal, Role], Q]


def _in(ids: set[int], field: str = "pk") -> Q:
    return Q(**{f"{field}__in": sorted(ids)}) if ids else _NOTHING


RELATIONS: dict[Rel, Relation] = {
    Rel.ANY: Relation(None, lambda p, r, o: o is None, lambda p, r: _NOTHING),
    # Pupils
    Rel.TEACHES_PUPIL: Relation(
        Pupil,
        lambda p, r, o: o.current_group_id in p.taught_group_ids,
        lambda p, r: _in(p.taught_group_ids, "current_group_id"),
    ),
    Rel.AT_PUPIL_SCHOOL: Relation(
        Pupil,
        lambda p, r, o: o.current_school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "current_school_id"),
    ),
    Rel.GUARDIAN_OF_PUPIL: Relation(
        Pupil,
        lambda p, r, o: o.pk in p.guarded_pupil_ids,
        lambda p, r: _in(p.guarded_pupil_ids),
    ),
    Rel.IS_PUPIL: Relation(
        Pupil,
        lambda p, r, o: p.own_pupil_id is not None and o.pk == p.own_pupil_id,
        lambda p, r: _in({p.own_pupil_id} if p.own_pupil_id else set()),
    ),
    # Schools and regions
    Rel.AT_SCHOOL: Relation(
        School, lambda p, r, o: o.pk in p.schools_for(r), lambda p, r: _in(p.schools_for(r))
    ),
    Rel.REGION_OF_SCHOOL: Relation(
        School,
        lambda p, r, o: o.region_id in p.regions_for(r),
        lambda p, r: _in(p.regions_for(r), "region_id"),
    ),
    Rel.IN_REGION: Relation(
        Region, lambda p, r, o: o.pk in p.regions_for(r), lambda p, r: _in(p.regions_for(r))
    ),
    Rel.REGION_OF_PARTNER: Relation(
        PartnerOrganisation,
        lambda p, r, o: o.region_id in p.regions_for(r),
        lambda p, r: _in(p.regions_for(r), "region_id"),
    ),
    # Care teams
    Rel.MEMBER_OF_TEAM: Relation(CareTeam, lambda p, r, o: o.pk in p.team_ids, lambda p, r: _in(p.team_ids)),
    Rel.LEADS_TEAM: Relation(
        CareTeam, lambda p, r, o: o.pk in p.led_team_ids, lambda p, r: _in(p.led_team_ids)
    ),
    Rel.SCHOOL_OF_TEAM: Relation(
        CareTeam,
        lambda p, r, o: o.school_id is not None and o.school_id in p.schools_for(r),
        lambda p, r: _in(p.schools_for(r), "school_id"),
    ),
    Rel.REGION_OF_TEAM: Relation(
        CareTeam,
        lambda p, r, o: o.region_id in p.regions_for(r),
        lambda p, r: _in(p.regions_for(r), "region_id"),
    ),
}
