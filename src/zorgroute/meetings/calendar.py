"""Dates of meetings as pure functions: the occurrences of a series, working days before a meeting, and whether the
people present meet a team's minimum composition. Table-tested; no database."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

AFTERCARE_AFTER_DAYS = 91  # "3 months after the last meeting" (DOMAIN §4 step 6)


def occurrences(
    *,
    first: dt.date,
    every_weeks: int,
    weekday: int,
    start: dt.date,
    end: dt.date,
    last: dt.date | None = None,
) -> Iterator[dt.date]:
    """The dates of a series from `start` to `end` (inclusive): every `every_weeks` weeks on `weekday`, counted
    from the first occurrence on or after `first`, never after `last`."""
    if every_weeks < 1 or not 0 <= weekday <= 6:
        raise ValueError("every_weeks must be at least 1 and weekday 0..6")
    anchor = first + dt.timedelta(days=(weekday - first.weekday()) % 7)
    step = dt.timedelta(weeks=every_weeks)
    if start > anchor:
        skipped = (start - anchor).days // step.days
        anchor += step * skipped
        if anchor < start:
            anchor += step
    day = anchor
    while day <= end and (last is None or day <= last):
        yield day
        day += step


def working_days_after(day: dt.date, n: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The date `n` working days (Monday–Friday, not a holiday) after `day`."""
    closed = set(holidays)
    current, left = day, n
    while left > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            left -= 1
    return current


def working_days_before(day: dt.date, n: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """The date `n` working days (Monday–Friday, not a holiday) before `day`."""
    closed = set(holidays)
    current, left = day, n
    while left > 0:
        current -= dt.timedelta(days=1)
        if current.weekday() < 5 and current not in closed:
            left -= 1
    return current


@dataclass(frozen=True)
class Requirement:
    label: str
    minimum: int
    team_role: str = ""
    partner_type_id: int | None = None
    school_role: str = ""


@dataclass(frozen=True)
class Attendee:
    """Someone present (or a substitute, counted in the role of who they replace)."""

    team_role: str = ""
    partner_type_id: int | None = None
    school_roles: frozenset[str] = frozenset()


def fits(requirement: Requirement, attendee: Attendee) -> bool:
    if requirement.team_role and attendee.team_role != requirement.team_role:
        return False
    if requirement.partner_type_id is not None and attendee.partner_type_id != requirement.partner_type_id:
        return False
    return not requirement.school_role or requirement.school_role in attendee.school_roles


def composition_gaps(
    requirements: Sequence[Requirement], present: Sequence[Attendee]
) -> list[tuple[str, int]]:
    """The requirements not met, each with how many are missing. One person counts for one requirement only:
    requirements are filled in the order given, each by the attendees that fit it and are still unused."""
    used: set[int] = set()
    gaps: list[tuple[str, int]] = []
    for requirement in requirements:
        found = 0
        for index, attendee in enumerate(present):
            if found >= requirement.minimum:
                break
            if index not in used and fits(requirement, attendee):
                used.add(index)
                found += 1
        if found < requirement.minimum:
            gaps.append((requirement.label, requirement.minimum - found))
    return gaps


def aftercare_due(last_discussion: dt.date) -> dt.date:
    return last_discussion + dt.timedelta(days=AFTERCARE_AFTER_DAYS)
