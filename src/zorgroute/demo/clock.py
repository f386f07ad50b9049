"""A simulated clock for building the demo's past through the real services.

The services stamp what they write with `zorgroute.core.time.now()` (created_at, step entry, timeline moments) and
check dates against `today()`. Inside `simulated(clock)` both follow `clock`, so a case opened "five months ago"
has a consistent timeline. Audit rows keep the real time: the audit log records when the demo was loaded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from unittest import mock

from django.utils import timezone

WORKDAY_START = dt.time(8, 30)
STEP = dt.timedelta(minutes=7)
TODAY_ROOM = dt.timedelta(
    hours=1
)  # today's moments (one second apart) fit in this after the start of the working day


class Clock:
    def __init__(self, real_now: dt.datetime) -> None:
        self.real_now = real_now
        self.moment = real_now

    @property
    def today(self) -> dt.date:
        return timezone.localdate(self.real_now)

    def on(self, day: dt.date) -> dt.date:
        """Move to `day` (08:30 local time); on the same day, a few minutes later than the last moment.

        Today the moments must stay before the real time (a service refuses what happens in the future) and must not
        depend on it either, or two demos built minutes apart would differ: today's moments are one second apart
        from the start of the working day, or from midnight when the demo is built before the working day."""
        if day >= self.today:
            start = timezone.make_aware(dt.datetime.combine(day, WORKDAY_START))
            if start + TODAY_ROOM > self.real_now:
                start = timezone.make_aware(dt.datetime.combine(day, dt.time.min))
            if self.moment < start or timezone.localdate(self.moment) != day:
                self.moment = start
            else:
                self.moment = self.moment + dt.timedelta(seconds=1)
            self.moment = min(self.moment, self.real_now - dt.timedelta(microseconds=1))
            return day
        if timezone.localdate(self.moment) == day:
            self.moment = self.moment + STEP
        else:
            self.moment = timezone.make_aware(dt.datetime.combine(day, WORKDAY_START))
        if self.moment > self.real_now:
            self.moment = self.real_now - dt.timedelta(minutes=1)
        return day

    def days_ago(self, days: int) -> dt.date:
        return self.on(self.today - dt.timedelta(days=days))


@contextmanager
def simulated(clock: Clock) -> Iterator[Clock]:
    real_now = timezone.now
    with (
        mock.patch("django.utils.timezone.now", lambda: clock.moment),
        mock.patch("zorgroute.audit.services.now", real_now),
    ):
        yield clock
