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

from zorgroute.core.time import today
from zorgroute.meetings.services import series as series_services
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind
from zorgroute.organisations.models import CareTeam, Region, StaffRole

PLAN_AHEAD = 3  # meetings planned per series


@dataclass(frozen=True)
class SeriesSpec:
    name: str
    every_weeks: int
    weekday: int  # 0 = Monday
    start: dt.time
    duration_minutes: int
    location: str


ZAT_SERIES = SeriesSpec("ZAT-overleg", 4, 1, dt.time(9, 0), 120, "Gemeentehuis Lindewaard, zaal 2")
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


def add_meeting_series(*, region: Region) -> int:
    """A meeting series for the ZAT and each school's zorgteam that has none, each with its next meetings planned
    (the services record their own audit rows). Returns the number of series created (0 when every team has one)."""
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
    start = today() + dt.timedelta(days=1)
    created = 0
    with (
        transaction.atomic(),
        mock.patch("zorgroute.meetings.services.meetings.send_invitations", lambda *args: None),
    ):
        for index, team in enumerate(teams):
            spec = ZAT_SERIES if team.kind == CareTeamKind.REGIONAL_TEAM else _zorgteam_series(index, team)
            series = series_services.series_create(
                actor=admin.user,
                team=team,
                name=spec.name,
                every_weeks=spec.every_weeks,
                weekday=spec.weekday,
                start_time=spec.start,
                duration_minutes=spec.duration_minutes,
                location=spec.location,
                first_date=_first_on_or_after(start, spec.weekday),
                summary_lead_days=3,
                access_days_after=14,
            )
            series_services.series_plan_next(actor=admin.user, series=series, count=PLAN_AHEAD)
            created += 1
    return created
