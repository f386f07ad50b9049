"""What each role sees first. Every list starts from access/ (visible_* or the principal's own scopes)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from zorgroute.access.actions import Action
from zorgroute.access.policy import visible_careteams, visible_pupils, visible_regions, visible_schools
from zorgroute.access.principal import load
from zorgroute.access.rules import Role
from zorgroute.core.time import current_school_year
from zorgroute.organisations.models import Group
from zorgroute.pupils.models import Pupil


def teacher_groups(*, user: Any) -> list[Group]:
    """The teacher's groups this school year with their pupil counts (one query)."""
    p = load(user)
    return list(
        Group.objects.filter(pk__in=sorted(p.taught_group_ids), school_year=current_school_year())
        .select_related("school")
        .annotate(pupil_count=Count("current_pupils"))
        .order_by("school__name", "name")
    )


def _count_per_school(rows: QuerySet[Any], school_field: str) -> Coalesce:
    """The number of `rows` of the outer query's school, as a subquery (0 when there are none)."""
    counted = (
        rows.filter(**{school_field: OuterRef("pk")})
        .order_by()
        .values(school_field)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), Value(0), output_field=IntegerField())


def coordinator_schools(*, user: Any) -> list[Any]:
    """Schools where the user coordinates care or leads, with pupil and group counts (one query).

    Each count is its own subquery: counting both over one join would count pupils × groups rows.
    """
    ids = load(user).schools_for(Role.CARE_COORDINATOR) | load(user).schools_for(Role.SCHOOL_HEAD)
    return list(
        visible_schools(user)
        .filter(pk__in=sorted(ids))
        .annotate(
            pupil_count=_count_per_school(Pupil.objects.all(), "current_school"),
            group_count=_count_per_school(Group.objects.filter(school_year=current_school_year()), "school"),
        )
        .order_by("name")
    )


def region_teams(*, user: Any) -> list[Any]:
    """Care teams the user leads or may see in their regions, with active member counts (one query)."""
    return list(
        visible_careteams(user)
        .select_related("school", "region")
        .annotate(member_count=Count("memberships", distinct=True))
        .order_by("kind", "name")
    )


def admin_regions(*, user: Any) -> list[Any]:
    return list(
        visible_regions(user, Action.REGION_MANAGE)
        .annotate(
            school_count=Count("schools", distinct=True),
            partner_count=Count("partners", distinct=True),
            team_count=Count("care_teams", distinct=True),
        )
        .order_by("name")
    )


def own_children(*, user: Any) -> list[Any]:
    return list(visible_pupils(user).select_related("current_school", "current_group").order_by("first_name"))


SMALL_CELL = 5


def region_aggregates(*, user: Any) -> list[dict[str, Any]]:
    """Schools and pupils per region and school type, for policy staff: counts only, cells under 5 suppressed."""
    from zorgroute.access.principal import load as load_principal
    from zorgroute.organisations.models import School

    region_ids = sorted(load_principal(user).regions_for(Role.POLICY_ANALYST))
    rows = (
        School.objects.filter(region_id__in=region_ids, is_active=True)
        .values("region__name", "school_type")
        .annotate(schools=Count("pk", distinct=True), pupils=Count("current_pupils", distinct=True))
        .order_by("region__name", "school_type")
    )
    return [
        {**row, "pupils": row["pupils"] if row["pupils"] >= SMALL_CELL else None, "schools": row["schools"]}
        for row in rows
    ]


def upcoming_meetings(*, user: Any) -> list[Any]:
    """The next meetings the user is invited to or runs, with the number of cases on their agenda the user may know
    of (one query)."""
    from django.utils import timezone

    from zorgroute.access.policy import visible_meetings
    from zorgroute.meetings.constants import MeetingStatus
    from zorgroute.meetings.meeting_selectors import with_item_counts

    return list(
        with_item_counts(
            visible_meetings(user)
            .filter(status=MeetingStatus.PLANNED, ends_at__gte=timezone.now())
            .select_related("team"),
            user=user,
        ).order_by("starts_at")[:5]
    )


def consent_mix(*, user: Any) -> list[dict[str, Any]]:
    """Consent records of this school year per region and kind, including the head's decisions by name without
    consent: the region's figures as the reports protect them (reports.families.CONSENT_BY_MODE, decision 0008), so
    this overview and the region's report can never be subtracted from each other. A count under 5 is None ("<5"),
    a count hidden to protect one is "×". One query per region."""
    from zorgroute.reports import periods
    from zorgroute.reports.counting import Frame, count
    from zorgroute.reports.families import CONSENT_BY_MODE
    from zorgroute.reports.scopes import region_scope
    from zorgroute.reports.tables import HIDDEN, SUPPRESSED

    rows = []
    for region in visible_regions(user, Action.REPORT_VIEW_AGGREGATE).order_by("name"):
        counted = count(
            CONSENT_BY_MODE, Frame(region_scope(region), periods.school_year(current_school_year()))
        )
        if not counted.value():
            continue
        shown = [(label, counted.cell(category=mode)) for mode, label in counted.categories]
        rows.append(
            {
                "region": region.name,
                "cells": [
                    (label, None if n is SUPPRESSED else str(HIDDEN) if n is HIDDEN else n)
                    for label, n in shown
                ],
            }
        )
    return rows
