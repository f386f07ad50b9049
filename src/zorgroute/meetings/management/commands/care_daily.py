"""`manage.py care_daily [--date YYYY-MM-DD]`: the daily care tasks, run by cron or a systemd timer.

- reminders about actions and feedback tasks (a few days before the due date, and once when overdue);
- reminders about overdue back-reports of external referrals (once, to the partner and the school: referrals.reminders);
- aftercare for every case whose last discussion was three months ago;
- the notice to invited members that a meeting's summaries are available.

Safe to run more than once a day: nothing is sent or created twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zorgroute.core.time import today
from zorgroute.meetings.services.aftercare import aftercare_create_due
from zorgroute.meetings.services.notifications import summaries_released_notify
from zorgroute.meetings.services.reminders import reminders_send
from zorgroute.referrals.reminders import back_report_reminders_send


class Command(BaseCommand):
    help = "Send action and back-report reminders and create aftercare that is due (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Run as if it were this day (YYYY-MM-DD); default: today.")

    def handle(self, *args: Any, date: str | None = None, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(date) if date else today()
        except ValueError:
            raise CommandError("--date must be YYYY-MM-DD") from None
        run = reminders_send(on=day)
        back_reports = back_report_reminders_send(on=day)
        created = aftercare_create_due(on=day)
        released = summaries_released_notify(on=day)
        self.stdout.write(
            f"{day.isoformat()}: reminders due soon {run.due_soon}, overdue {run.overdue}; "
            f"back-report reminders {back_reports}; "
            f"aftercare created {len(created)}; summaries announced for {released} meeting(s)"
        )
