"""Reads for the configuration pages. Lists start from access.visible_*(user); children are looked up inside a
parent that the caller obtained through access/ (a region, school or care team)."""

from __future__ import annotations

import uuid as uuid_lib
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.access.actions import Action
from zorgroute.access.policy import visible_careteams, visible_partners, visible_regions, visible_schools
from zorgroute.accounts.models import User
from zorgroute.core.time import today
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.organisations.models import (
    CareTeam,
    Group,
    GroupTeacher,
    Membership,
    PartnerOrganisation,
    PartnerType,
    Region,
    School,
    SchoolBoard,
    StaffRole,
)

MAX_QUERY_LENGTH = 100


def parse_uuid(value: Any) -> uuid_lib.UUID | None:
    try:
        return value if isinstance(value, uuid_lib.UUID) else uuid_lib.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def _current(prefix: str = "") -> Q:
    """Valid today or later: not yet ended."""
    return Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": today()})


def _active(prefix: str = "") -> Q:
    return Q(**{f"{prefix}valid_from__lte": today()}) & _current(prefix)


def _words(query: str) -> list[str]:
    return [word for word in " ".join(query.split())[:MAX_QUERY_LENGTH].split(" ") if word]


def _search(qs: QuerySet[Any], query: str, field: str = "name") -> QuerySet[Any]:
    for word in _words(query):
        qs = qs.filter(**{f"{field}__icontains": word})
    return qs


def _person_search(qs: QuerySet[Any], query: str, prefix: str = "") -> QuerySet[Any]:
    for word in _words(query):
        qs = qs.filter(
            Q(**{f"{prefix}first_name__icontains": word})
            | Q(**{f"{prefix}last_name__icontains": word})
            | Q(**{f"{prefix}username__icontains": word})
        )
    return qs


# --- regions and boards -------------------------------------------------------------------------------------


def region_list(*, user: Any) -> list[Region]:
    return list(
        visible_regions(user)
        .annotate(
            school_count=Count("schools", distinct=True),
            partner_count=Count("partners", distinct=True),
            team_count=Count("care_teams", distinct=True),
        )
        .order_by("name")
    )


def managed_regions(*, user: Any) -> list[Region]:
    """Regions whose configuration the user maintains (for "new ..." links on the lists)."""
    return list(visible_regions(user, Action.REGION_MANAGE).order_by("name"))


def region_summary(*, region: Region) -> dict[str, int]:
    """Counts for the region page (one query)."""
    counts = Region.objects.filter(pk=region.pk).aggregate(
        schools=Count("schools", distinct=True),
        partners=Count("partners", distinct=True),
        partner_types=Count("partner_types", distinct=True),
        care_teams=Count("care_teams", distinct=True),
    )
    return {key: value or 0 for key, value in counts.items()}


def _boards_of_region(region: Region) -> QuerySet[SchoolBoard]:
    """Boards with a school in the region, and boards without any school yet (just created, not yet used)."""
    return SchoolBoard.objects.filter(Q(schools__region=region) | Q(schools__isnull=True)).distinct()


def board_list(*, region: Region) -> QuerySet[SchoolBoard]:
    return (
        SchoolBoard.objects.filter(pk__in=_boards_of_region(region).values("pk"))
        .annotate(school_count=Count("schools", filter=Q(schools__region=region)))
        .order_by("name")
    )


def board_in_region(*, region: Region, key: Any) -> SchoolBoard | None:
    parsed = parse_uuid(key)
    return _boards_of_region(region).filter(uuid=parsed).first() if parsed else None


def board_choices() -> QuerySet[SchoolBoard]:
    """Every school board: a board can run schools in several regions, and board names are public (DUO)."""
    return SchoolBoard.objects.order_by("name")


# --- schools and groups -------------------------------------------------------------------------------------


def school_list(*, user: Any, region: Region | None = None, query: str = "") -> QuerySet[School]:
    qs = visible_schools(user).select_related("region", "board")
    if region is not None:
        qs = qs.filter(region=region)
    return _search(qs, query).order_by("region__name", "name", "pk")


def schools_of_region(*, region: Region) -> QuerySet[School]:
    return region.schools.filter(is_active=True).order_by("name")


def school_care_teams(*, school: School) -> list[CareTeam]:
    return list(school.care_teams.order_by("kind", "name"))


def school_years(*, school: School) -> list[int]:
    return list(school.groups.order_by("-school_year").values_list("school_year", flat=True).distinct())


def group_list(*, school: School, school_year: int) -> list[Group]:
    """The school's groups in one school year with their teachers and pupil counts (two queries)."""
    return list(
        school.groups.filter(school_year=school_year)
        .annotate(pupil_count=Count("current_pupils", distinct=True))
        .prefetch_related(
            Prefetch(
                "teacher_links",
                queryset=GroupTeacher.objects.select_related("user").order_by(
                    "user__last_name", "user__first_name"
                ),
            )
        )
        .order_by("name")
    )


def group_in_school(*, school: School, key: Any) -> Group | None:
    parsed = parse_uuid(key)
    return school.groups.filter(uuid=parsed).select_related("school").first() if parsed else None


def group_teachers(*, group: Group) -> list[GroupTeacher]:
    return list(group.teacher_links.select_related("user").order_by("user__last_name", "user__first_name"))


def teacher_link_in_group(*, group: Group, key: Any) -> GroupTeacher | None:
    parsed = parse_uuid(key)
    return group.teacher_links.filter(uuid=parsed).select_related("user", "group").first() if parsed else None


def teacher_candidates(*, group: Group) -> QuerySet[User]:
    """People with an active teacher role at the group's school who are not yet linked to the group."""
    roles = StaffRole.objects.filter(_active(), role=StaffRoleKind.TEACHER, school_id=group.school_id)
    return (
        User.objects.filter(pk__in=roles.values("user_id"), is_active=True)
        .exclude(pk__in=group.teacher_links.values("user_id"))
        .order_by("last_name", "first_name", "username")
    )


# --- partners -----------------------------------------------------------------------------------------------


def partner_list(
    *, user: Any, partner_type: PartnerType | None = None, query: str = "", include_inactive: bool = False
) -> QuerySet[PartnerOrganisation]:
    qs = visible_partners(user).select_related("partner_type", "region")
    if not include_inactive:
        qs = qs.filter(is_active=True)
    if partner_type is not None:
        qs = qs.filter(partner_type=partner_type)
    return _search(qs, query).order_by("name", "pk")


def visible_partner_types(*, user: Any) -> QuerySet[PartnerType]:
    """Partner types of the regions whose sociale kaart the user may see (for the list filter)."""
    return PartnerType.objects.filter(region_id__in=visible_partners(user).values("region_id")).order_by(
        "name", "pk"
    )


def partner_type_by_key(*, user: Any, key: Any) -> PartnerType | None:
    parsed = parse_uuid(key)
    return visible_partner_types(user=user).filter(uuid=parsed).first() if parsed else None


def partner_types(*, region: Region) -> QuerySet[PartnerType]:
    return region.partner_types.annotate(partner_count=Count("partners")).order_by("name")


def partners_of_region(*, region: Region) -> QuerySet[PartnerOrganisation]:
    return region.partners.filter(is_active=True).order_by("name")


def partner_teams(*, partner: PartnerOrganisation) -> list[CareTeam]:
    """The care teams this partner currently sits in (through its members)."""
    return list(
        CareTeam.objects.filter(Q(memberships__partner=partner) & _active("memberships__"), is_active=True)
        .distinct()
        .order_by("name")
    )


# --- care teams and memberships -----------------------------------------------------------------------------


def careteam_list(*, user: Any) -> list[CareTeam]:
    return list(
        visible_careteams(user)
        .select_related("region", "school")
        .annotate(member_count=Count("memberships", filter=_active("memberships__"), distinct=True))
        .order_by("region__name", "kind", "name")
    )


def team_memberships(*, team: CareTeam) -> dict[str, list[Membership]]:
    """The team's memberships split into current (active or planned) and ended (one query)."""
    rows = list(
        team.memberships.select_related("user", "substitute", "partner").order_by(
            "role", "user__last_name", "user__first_name", "valid_from"
        )
    )
    day = today()
    return {
        "current": [m for m in rows if m.valid_to is None or m.valid_to >= day],
        "ended": [m for m in rows if m.valid_to is not None and m.valid_to < day],
    }


def membership_in_team(*, team: CareTeam, key: Any) -> Membership | None:
    parsed = parse_uuid(key)
    if parsed is None:
        return None
    return (
        team.memberships.filter(uuid=parsed).select_related("user", "substitute", "partner", "team").first()
    )


# --- people and staff roles ---------------------------------------------------------------------------------


def _in_region(region: Region, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}region": region})
        | Q(**{f"{prefix}school__region": region})
        | Q(**{f"{prefix}partner__region": region})
    )


def staffroles_of_region(region: Region) -> QuerySet[StaffRole]:
    return StaffRole.objects.filter(_in_region(region))


def region_people(*, region: Region, query: str = "") -> QuerySet[User]:
    """People who hold a role in the region (school, region or partner) or sit in one of its care teams,
    now or from a later date."""
    role_users = StaffRole.objects.filter(_in_region(region) & _current()).values("user_id")
    member_users = Membership.objects.filter(Q(team__region=region) & _current()).values("user_id")
    qs = User.objects.filter(Q(pk__in=role_users) | Q(pk__in=member_users))
    return _person_search(qs, query).order_by("last_name", "first_name", "username")


def person_list(*, region: Region, query: str = "") -> QuerySet[User]:
    """The region's people with their current roles there and whether they set up two-factor login."""
    roles = staffroles_of_region(region).filter(_current()).select_related("school", "partner", "region")
    return (
        region_people(region=region, query=query)
        .annotate(
            has_otp=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        )
        .prefetch_related(
            Prefetch("staff_roles", queryset=roles.order_by("role", "pk"), to_attr="region_roles")
        )
    )


def person_in_region(*, region: Region, key: Any) -> User | None:
    parsed = parse_uuid(key)
    return region_people(region=region).filter(uuid=parsed).first() if parsed else None


def person_roles(*, region: Region, person: User) -> list[StaffRole]:
    return list(
        staffroles_of_region(region)
        .filter(user=person)
        .select_related("school", "partner", "region")
        .order_by("-valid_from", "pk")
    )


def person_memberships(*, region: Region, person: User) -> list[Membership]:
    return list(
        Membership.objects.filter(team__region=region, user=person)
        .select_related("team")
        .order_by("-valid_from", "pk")
    )


def person_has_otp(*, person: User) -> bool:
    return TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def staffrole_list(*, region: Region, include_ended: bool = False, query: str = "") -> QuerySet[StaffRole]:
    qs = staffroles_of_region(region).select_related("user", "school", "partner", "region")
    if not include_ended:
        qs = qs.filter(_current())
    return _person_search(qs, query, "user__").order_by("user__last_name", "user__first_name", "role", "pk")


def staffrole_in_region(*, region: Region, key: Any) -> StaffRole | None:
    parsed = parse_uuid(key)
    if parsed is None:
        return None
    return (
        staffroles_of_region(region)
        .filter(uuid=parsed)
        .select_related("user", "school", "partner", "region")
        .first()
    )
