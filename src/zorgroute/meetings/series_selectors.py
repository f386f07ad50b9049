"""Reads for the planning pages of a team: its meeting series and minimum composition, one series with its planned
meetings, and the choices of the forms. The team came from access/ (`access_careteam`); series and composition lines
are looked up within that team only. A fixed number of queries whatever the number of series or meetings."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone

from zorgroute.access.actions import Action
from zorgroute.access.policy import visible_careteams, visible_meetings
from zorgroute.core.time import today
from zorgroute.meetings.constants import MeetingStatus
from zorgroute.meetings.models import CompositionRequirement, Meeting, MeetingSeries
from zorgroute.meetings.services.series import FORUM_KINDS, next_dates
from zorgroute.organisations.models import CareTeam, Membership, PartnerType


def _uuid(key: Any) -> uuid_lib.UUID | None:
    try:
        return uuid_lib.UUID(str(key))
    except ValueError:
        return None


def _today_start() -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(today(), dt.time.min))


def plannable_teams(*, user: Any) -> QuerySet[CareTeam]:
    """The active forums (zorgteam, ZAT) whose meeting series the user manages, for the meetings page."""
    return (
        visible_careteams(user, Action.MEETING_SERIES_MANAGE)
        .filter(is_active=True, kind__in=FORUM_KINDS)
        .order_by("name")
    )


@dataclass
class TeamPlanning:
    team: CareTeam
    series: Sequence[MeetingSeries]  # each with .upcoming (planned meetings from today) and .next_meeting
    composition: list[CompositionRequirement]


def team_planning(*, team: CareTeam) -> TeamPlanning:
    """The team's series (active first) and its minimum composition: two queries."""
    start = _today_start()
    planned = Q(meetings__status=MeetingStatus.PLANNED, meetings__starts_at__gte=start)
    series = list(
        MeetingSeries.objects.filter(team=team)
        .annotate(
            upcoming=Count("meetings", filter=planned),
            next_meeting=Min("meetings__starts_at", filter=planned),
        )
        .order_by("-is_active", "name")
    )
    composition = list(
        CompositionRequirement.objects.filter(team=team).select_related("partner_type").order_by("pk")
    )
    return TeamPlanning(team=team, series=series, composition=composition)


def series_in_team(*, team: CareTeam, key: Any) -> MeetingSeries | None:
    parsed = _uuid(key)
    if parsed is None:
        return None
    series = MeetingSeries.objects.filter(team=team, uuid=parsed).first()
    if series is not None:
        series.team = team  # the one access/ fetched
    return series


def composition_in_team(*, team: CareTeam, key: Any) -> CompositionRequirement | None:
    parsed = _uuid(key)
    if parsed is None:
        return None
    line = (
        CompositionRequirement.objects.filter(team=team, uuid=parsed).select_related("partner_type").first()
    )
    if line is not None:
        line.team = team
    return line


@dataclass
class SeriesPage:
    series: MeetingSeries
    members: list[Membership]  # chosen for the series; empty: the team's fixed members are invited
    fixed_members: list[Membership]  # the team's current fixed members (who is invited when none are chosen)
    meetings: Sequence[Meeting]  # from today on, and the last held ones; each with .item_count and .openable
    next_dates: list[dt.date]  # what planning would add next (for the plan form)


PAST_SHOWN = 5


def series_page(*, user: Any, series: MeetingSeries) -> SeriesPage:
    """The series with its members, upcoming meetings and the last few past ones (five queries)."""
    members = list(
        series.members.select_related("user", "partner").order_by("user__last_name", "user__first_name")
    )
    day = today()
    fixed_members = list(
        Membership.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day), team_id=series.team_id, is_fixed=True
        )
        .select_related("user", "partner")
        .order_by("user__last_name", "user__first_name")
    )
    start = _today_start()
    base = Meeting.objects.filter(series=series).annotate(item_count=Count("items"))
    upcoming = list(base.filter(starts_at__gte=start).order_by("starts_at"))
    past = list(base.filter(starts_at__lt=start).order_by("-starts_at")[:PAST_SHOWN])
    meetings = [*reversed(past), *upcoming]
    openable = set(
        visible_meetings(user).filter(pk__in=[m.pk for m in meetings]).values_list("pk", flat=True)
    )
    for meeting in meetings:
        meeting.openable = meeting.pk in openable  # type: ignore[attr-defined]
    return SeriesPage(
        series=series,
        members=members,
        fixed_members=fixed_members,
        meetings=meetings,
        next_dates=next_dates(series, 4) if series.is_active else [],
    )


def member_choices(*, team: CareTeam) -> QuerySet[Membership]:
    """The team's current and planned memberships, to choose who is invited to a series."""
    return (
        Membership.objects.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today()), team=team)
        .select_related("user", "partner")
        .order_by("user__last_name", "user__first_name")
    )


def partner_type_choices(*, team: CareTeam) -> QuerySet[PartnerType]:
    return PartnerType.objects.filter(region_id=team.region_id).order_by("name")
