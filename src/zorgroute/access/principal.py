"""What a user *is*, loaded once per request: roles with their scopes, team memberships, family links.

Five small queries, whatever the size of the data; cached on the user object for the rest of the request.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from zorgroute.access.rules import Role
from zorgroute.core.time import current_school_year, today
from zorgroute.organisations.constants import TeamRole
from zorgroute.organisations.models import GroupTeacher, Membership, StaffRole
from zorgroute.pupils.constants import Authority
from zorgroute.pupils.models import Pupil, PupilGuardian

_CACHE_ATTR = "_zorgroute_principal"


@dataclass
class Principal:
    user_id: int | None
    roles: set[Role] = field(default_factory=set)
    school_ids: dict[Role, set[int]] = field(default_factory=lambda: defaultdict(set))
    region_ids: dict[Role, set[int]] = field(default_factory=lambda: defaultdict(set))
    partner_ids: set[int] = field(default_factory=set)
    taught_group_ids: set[int] = field(default_factory=set)
    team_ids: set[int] = field(default_factory=set)
    led_team_ids: set[int] = field(default_factory=set)
    guarded_pupil_ids: set[int] = field(default_factory=set)
    own_pupil_id: int | None = None

    def regions_for(self, role: Role) -> set[int]:
        return self.region_ids.get(role, set())

    def schools_for(self, role: Role) -> set[int]:
        return self.school_ids.get(role, set())


def _active(prefix: str = "") -> Q:
    day = today()
    return Q(**{f"{prefix}valid_from__lte": day}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": day})
    )


def _has_information_right(link: Mapping[str, Any]) -> bool:
    """A guardian sees the child's record when they hold authority and no one withheld information from them.

    A parent without authority has a right to important information *on request* (BW 1:377c), handled by the care
    coordinator, not by portal access.
    """
    return link["authority"] != Authority.NONE and not link["withhold_information"]


def load(user: Any) -> Principal:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Principal(user_id=None)
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    p = Principal(user_id=user.pk)
    for (
        role,
        school_id,
        region_id,
        partner_id,
        school_region_id,
        partner_region_id,
    ) in StaffRole.objects.filter(_active(), user=user).values_list(
        "role", "school_id", "region_id", "partner_id", "school__region_id", "partner__region_id"
    ):
        r = Role(role)
        p.roles.add(r)
        if school_id:
            p.school_ids[r].add(school_id)
            p.region_ids[r].add(school_region_id)
        if region_id:
            p.region_ids[r].add(region_id)
        if partner_id:
            p.partner_ids.add(partner_id)
            p.region_ids[r].add(partner_region_id)
    for team_id, team_role, region_id in Membership.objects.filter(
        _active(), user=user, team__is_active=True
    ).values_list("team_id", "role", "team__region_id"):
        p.roles.add(Role.TEAM_MEMBER)
        p.team_ids.add(team_id)
        p.region_ids[Role.TEAM_MEMBER].add(region_id)
        if team_role in (TeamRole.CHAIR, TeamRole.COORDINATOR):
            p.roles.add(Role.TEAM_LEAD)
            p.led_team_ids.add(team_id)
            p.region_ids[Role.TEAM_LEAD].add(region_id)
    if Role.TEACHER in p.roles:
        p.taught_group_ids = set(
            GroupTeacher.objects.filter(
                user=user,
                group__school_year=current_school_year(),
                group__school_id__in=p.schools_for(Role.TEACHER),
            ).values_list("group_id", flat=True)
        )
    links = PupilGuardian.objects.filter(guardian__user=user).values(
        "pupil_id", "authority", "withhold_information"
    )
    p.guarded_pupil_ids = {link["pupil_id"] for link in links if _has_information_right(link)}
    if p.guarded_pupil_ids:
        p.roles.add(Role.GUARDIAN)
    own = Pupil.objects.filter(user=user).values_list("pk", flat=True).first()
    if own is not None:
        p.own_pupil_id = own
        p.roles.add(Role.PUPIL)
    setattr(user, _CACHE_ATTR, p)
    return p


def forget(user: Any) -> None:
    """Drop the cached principal (after roles change within one request, and in tests)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)
