"""E-mail about meetings: the invitation (with an iCalendar file) when a meeting is planned or someone is invited,
and the notice that the summaries are available. E-mails name no pupil: they link to the pages behind the login.
The backend is Django's (console by default, SMTP by configuration: docs/operations.md)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.meetings.constants import MeetingStatus, Presence
from zorgroute.meetings.ical import meeting_calendar, meeting_url
from zorgroute.meetings.models import Attendance, Meeting
from zorgroute.meetings.services._common import SYSTEM_LABEL


def _when(meeting: Meeting) -> str:
    return date_format(timezone.localtime(meeting.starts_at), "l j F Y, H:i")


def send_invitations(meeting: Meeting, attendance: Iterable[Attendance]) -> None:
    """After the transaction commits: one e-mail per invited person with an e-mail address, with the .ics file."""
    recipients = [a.user.email for a in attendance if a.user.email]
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Invitation: %(team)s, %(when)s") % {"team": meeting.team.name, "when": _when(meeting)}
        body = _(
            "You are invited to the meeting of %(team)s on %(when)s%(place)s.\n\n"
            "The agenda and the summaries of the cases are available after logging in: %(url)s"
        ) % {
            "team": meeting.team.name,
            "when": _when(meeting),
            "place": f" ({meeting.location})" if meeting.location else "",
            "url": meeting_url(meeting),
        }
    calendar = meeting_calendar(meeting, method="REQUEST")

    def send() -> None:
        for address in recipients:
            message = EmailMessage(subject, body, None, [address])
            message.attach("overleg.ics", calendar, "text/calendar; method=REQUEST; charset=utf-8")
            message.send()

    transaction.on_commit(send)


def send_cancellations(meeting: Meeting, attendance: Iterable[Attendance]) -> None:
    """After the transaction commits: tell each invited person the meeting is cancelled, with an .ics that removes
    it from their calendar (the caller set the meeting's status to cancelled)."""
    recipients = [a.user.email for a in attendance if a.user.email]
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Cancelled: %(team)s, %(when)s") % {"team": meeting.team.name, "when": _when(meeting)}
        body = _("The meeting of %(team)s on %(when)s is cancelled.") % {
            "team": meeting.team.name,
            "when": _when(meeting),
        }
    calendar = meeting_calendar(meeting, method="CANCEL")

    def send() -> None:
        for address in recipients:
            message = EmailMessage(subject, body, None, [address])
            message.attach("overleg.ics", calendar, "text/calendar; method=CANCEL; charset=utf-8")
            message.send()

    transaction.on_commit(send)


def _sender(subject: str, body: str, addresses: list[str]) -> Callable[[], None]:
    def send() -> None:
        for address in addresses:
            EmailMessage(subject, body, None, [address]).send()

    return send


def summaries_released_notify(*, on: dt.date) -> int:
    """Tell the invited members that the summaries of a meeting are available (once per meeting)."""
    count = 0
    due = Meeting.objects.filter(
        status=MeetingStatus.PLANNED, summary_release_on__lte=on, summaries_notified_on__isnull=True
    ).select_related("team")
    for meeting in due:
        with transaction.atomic():
            updated = Meeting.objects.filter(pk=meeting.pk, summaries_notified_on__isnull=True).update(
                summaries_notified_on=on
            )
            if not updated:
                continue
            addresses = [
                a.user.email
                for a in meeting.attendance.select_related("user").exclude(
                    presence__in=[Presence.ABSENT, Presence.EXCUSED]
                )
                if a.user.email
            ]
            with translation.override(settings.LANGUAGE_CODE):
                subject = _("Summaries available: %(team)s, %(when)s") % {
                    "team": meeting.team.name,
                    "when": _when(meeting),
                }
                body = _(
                    "The summaries of the cases on the agenda are available. Read them after logging in: %(url)s\n\n"
                    "Your access ends on %(until)s."
                ) % {"url": meeting_url(meeting), "until": date_format(meeting.access_until, "j F Y")}
            transaction.on_commit(_sender(subject, body, addresses))
            audit.record(
                "meeting.summaries_released",
                actor=None,
                actor_label=SYSTEM_LABEL,
                target=meeting,
                changes={"recipients": len(addresses)},
            )
            count += 1
    return count
