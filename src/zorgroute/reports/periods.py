"""Report periods: a school year (1 August - 31 July), one of its quarters, or dates of one's own choosing.

Quarters are those of the school year, so they nest in it: 1 = August-October, 2 = November-January,
3 = February-April, 4 = May-July. Pure functions; no database.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgroute.core.time import school_year_label, school_year_of

YEAR, QUARTER, CUSTOM = "year", "quarter", "custom"

# (first month, last month) of each quarter of the school year, and the calendar-year offset of its first month.
QUARTER_MONTHS = ((8, 10), (11, 1), (2, 4), (5, 7))


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive
    school_year: int | None = None  # year and quarter periods
    quarter: int | None = None  # 1-4 for quarter periods

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def key(self) -> str:
        """The value of the period selector (and of the page's URL)."""
        if self.kind == YEAR:
            return str(self.school_year)
        if self.kind == QUARTER:
            return f"{self.school_year}-q{self.quarter}"
        return CUSTOM

    @property
    def label(self) -> str:
        if self.kind == YEAR:
            return _("school year %(year)s") % {"year": school_year_label(self.school_year or 0)}
        if self.kind == QUARTER:
            return _("quarter %(quarter)d of %(year)s (%(start)s – %(end)s)") % {
                "quarter": self.quarter,
                "year": school_year_label(self.school_year or 0),
                "start": date_format(self.start, "j F Y"),
                "end": date_format(self.end, "j F Y"),
            }
        return _("%(start)s – %(end)s") % {
            "start": date_format(self.start, "j F Y"),
            "end": date_format(self.end, "j F Y"),
        }

    @property
    def short_label(self) -> str:
        """For column headers: "2025-2026", "Q2 2025-2026", "1-9-2025 – 31-12-2025"."""
        if self.kind == YEAR:
            return school_year_label(self.school_year or 0)
        if self.kind == QUARTER:
            return _("Q%(quarter)d %(year)s") % {
                "quarter": self.quarter,
                "year": school_year_label(self.school_year or 0),
            }
        return f"{_numeric(self.start)} – {_numeric(self.end)}"

    def earlier(self, years: int) -> Period:
        """The same period `years` school years earlier (for comparison with earlier years)."""
        if self.kind == YEAR:
            return school_year(self.school_year - years)  # type: ignore[operator]
        if self.kind == QUARTER:
            return quarter(self.school_year - years, self.quarter)  # type: ignore[operator,arg-type]
        return custom(_years_back(self.start, years), _years_back(self.end, years))


def _numeric(day: dt.date) -> str:
    return f"{day.day}-{day.month}-{day.year}"


def _years_back(day: dt.date, years: int) -> dt.date:
    year = day.year - years
    return day.replace(year=year, day=min(day.day, calendar.monthrange(year, day.month)[1]))


def school_year(year: int) -> Period:
    return Period(YEAR, dt.date(year, 8, 1), dt.date(year + 1, 7, 31), school_year=year)


def quarter(year: int, number: int) -> Period:
    """Quarter `number` (1-4) of school year `year`."""
    if not 1 <= number <= 4:
        raise ValueError("a school year has quarters 1 to 4")
    first, last = QUARTER_MONTHS[number - 1]
    start_year = year if first >= 8 else year + 1
    end_year = year if last >= 8 else year + 1
    end = dt.date(end_year, last, calendar.monthrange(end_year, last)[1])
    return Period(QUARTER, dt.date(start_year, first, 1), end, school_year=year, quarter=number)


def custom(start: dt.date, end: dt.date) -> Period:
    if end < start:
        raise ValueError("a period ends on or after its start")
    return Period(CUSTOM, start, end)


def quarter_of(day: dt.date) -> Period:
    """The school-year quarter a day falls in."""
    year = school_year_of(day)
    for number in range(1, 5):
        candidate = quarter(year, number)
        if candidate.start <= day <= candidate.end:
            return candidate
    raise AssertionError("every day lies in a quarter")  # pragma: no cover


def quarters(year: int) -> list[Period]:
    return [quarter(year, n) for n in range(1, 5)]


def parse(key: str) -> Period:
    """A period from its selector value ("2025" or "2025-q2"); ValueError for anything else."""
    if key.isdigit() and len(key) == 4:
        return school_year(int(key))
    year, sep, number = key.partition("-q")
    if sep and year.isdigit() and len(year) == 4 and number in {"1", "2", "3", "4"}:
        return quarter(int(year), int(number))
    raise ValueError(f"not a period: {key!r}")
