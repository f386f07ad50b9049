"""Meeting series in the demo region, created and planned through meetings.services.series: the ZAT meets every four
weeks, each school's zorgteam every six weeks on a weekday of its own, so `make run` shows planned meetings with
their members invited (the team's chair and minute-taker named).

Idempotent: a team that has a meeting series gets no other, so a second load creates nothing. A demo region loaded
before the series existed gets them on the next `load_demo`. The invitations are not e-mailed: the demo's people
have fictitious addresses, and the console backend of `make run` would print dozens of messages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from unittest import mock

from django.db import transaction
from django.utils import timezone

from zorgroute.demo.clock import Clock, simulated
from zorgroute.demo.credentials import DEFAULT_SEED, Username
from zorgroute.demo.meeting_history import History
from zorgroute.meetings.constants import MeetingStatus
from zorgroute.meetings.models import Meeting, MeetingSeries
from zorgroute.meetings.services import series as series_services
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind
from zorgroute.organisations.models import CareTeam, Region, StaffRole

PLAN_AHEAD = 3  # meetings planned per series
HISTORY_ZAT = 4  # past ZAT meetings (every four weeks: about four months back)
HISTORY_ZORGTEAM = 2  # past meetings of the zorgteam of the demo care coordinator's school (every six weeks)
SERIES_CREATED_DAYS_BEFORE = 28  # a series with a history was set up four weeks before its first meeting


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    every_weeks: int
    weekday: int  # 0 = Monday
    start: dt.time
    duration_minutes: int
    location: str
    summary_lead_days: int = 3  # working days before the meeting


# The summaries a week ahead (five working days): the next ZAT meeting, at most a week away, has them released.
ZAT_SERIES = SeriesSpec("ZAT-overleg", 4, 1, dt.time(9, 0), 120, "Gemeentehuis Lindewaard, zaal 2", 5)
ZORGTEAM_WEEKDAYS = (0, 2, 3, 1, 4)  # the schools' zorgteams spread over the week


def _zorgteam_series(index: int, team: CareTeam) -> SeriesSpec:
    school = team.school.name if team.school is not None else team.name
    return SeriesSpec(
        "Zorgteamoverleg",
        6,
        ZORGTEAM_WEEKDAYS[index % len(ZORGTEAM_WEEKDAYS)],
        dt.time(13, 30),
        90,
        f"{school}, kamer intern begeleider",
    )


def _first_on_or_after(day: dt.date, weekday: int) -> dt.date:
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def add_meeting_series(*, region: Region, seed: int = DEFAULT_SEED) -> int:
    """A meeting series for the ZAT and each school's zorgteam that has none, each with its next meetings planned
    (the services record their own audit rows); the ZAT and the zorgteam of the demo care coordinator's school with
    their past meetings (demo/meeting_history.py). Returns the number of series created (0 when every team has
    one)."""
    admin = (
        StaffRole.objects.filter(region=region, role=StaffRoleKind.FUNCTIONAL_ADMIN)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    if admin is None:
        return 0
    teams = list(
        CareTeam.objects.filter(
            region=region,
            is_active=True,
            kind__in=[CareTeamKind.REGIONAL_TEAM, CareTeamKind.SCHOOL_CARE_TEAM],
            meeting_series__isnull=True,
        )
        .select_related("school")
        .order_by("kind", "name")
    )
    if not teams:
        return 0
    clock = Clock(timezone.now())
    start = clock.today + dt.timedelta(days=1)
    history_school = _history_school()
    forums: list[tuple[MeetingSeries, list[dt.date]]] = []
    next_zat: dt.date | None = None
    with (
        transaction.atomic(),
        mock.patch("zorgroute.meetings.services.meetings.send_invitations", lambda *args: None),
        simulated(clock),
    ):
        created: list[MeetingSeries] = []
        for index, team in enumerate(teams):
            zat = team.kind == CareTeamKind.REGIONAL_TEAM
            spec = ZAT_SERIES if zat else _zorgteam_series(index, team)
            upcoming = _first_on_or_after(start, spec.weekday)
            past = HISTORY_ZAT if zat else HISTORY_ZORGTEAM if team.school_id == history_school else 0
            dates = [upcoming - dt.timedelta(weeks=spec.every_weeks * n) for n in range(past, 0, -1)]
            first_date = dates[0] if dates else upcoming
            clock.on(first_date - dt.timedelta(days=SERIES_CREATED_DAYS_BEFORE) if dates else clock.today)
            series = series_services.series_create(
                actor=admin.user,
                team=team,
                name=spec.name,
                every_weeks=spec.every_weeks,
                weekday=spec.weekday,
                start_time=spec.start,
                duration_minutes=spec.duration_minutes,
                location=spec.location,
                first_date=first_date,
                summary_lead_days=spec.summary_lead_days,
                access_days_after=14,
            )
            created.append(series)
            if dates:
                forums.append((series, dates))
            if zat:
                next_zat = upcoming
        history = History(seed=seed, clock=clock, admin=admin.user, next_zat=next_zat)
        built = [history.forum(series, dates) for series, dates in forums]
        if built:
            history.prepare(built)
        clock.on(clock.today)
        for series in created:
            series_services.series_plan_next(actor=admin.user, series=series, count=PLAN_AHEAD)
        if built:
            zat_series = next((s for s in created if s.team.kind == CareTeamKind.REGIONAL_TEAM), None)
            history.finish(built, upcoming_zat=_upcoming(zat_series))
    return len(created)


def _history_school() -> int | None:
    """The school of the demo care coordinator (`ib`): its zorgteam gets a meeting history."""
    role = (
        StaffRole.objects.filter(
            user__username=Username.CARE_COORDINATOR, role=StaffRoleKind.CARE_COORDINATOR
        )
        .order_by("pk")
        .first()
    )
    return role.school_id if role is not None else None


def _upcoming(series: MeetingSeries | None) -> Meeting | None:
    if series is None:
        return None
    return (
        Meeting.objects.filter(series=series, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .order_by("starts_at")
        .first()
    )
