"""Time helpers: aware datetimes only, and the Dutch school year (1 August - 31 July)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def now() -> dt.datetime:
    return timezone.now()


def today() -> dt.date:
    return timezone.localdate()


def school_year_of(day: dt.date) -> int:
    """The school year a day belongs to, named by its starting calendar year (2026 = 2026-2027)."""
    return day.year if day.month >= 8 else day.year - 1


def current_school_year() -> int:
    return school_year_of(today())


def school_year_label(start_year: int) -> str:
    return f"{start_year}-{start_year + 1}"


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))
