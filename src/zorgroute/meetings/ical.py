"""iCalendar (RFC 5545) for meetings, with the icalendar library. An invitation names the team, time and place and
links to the meeting page; never a pupil."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from zorgroute.core.urlcache import site_url
from zorgroute.meetings.constants import MeetingStatus
from zorgroute.meetings.models import Meeting

PRODID = "-//Zorgroute//Overleg//NL"


def meeting_url(meeting: Meeting) -> str:
    return site_url(reverse("forum:meeting-detail", args=[meeting.uuid]))


def meeting_calendar(meeting: Meeting, *, method: str = "PUBLISH") -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{meeting.uuid}@zorgroute")
    event.add("dtstamp", meeting.updated_at)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    with translation.override(settings.LANGUAGE_CODE):
        event.add("summary", _("Meeting of %(team)s") % {"team": meeting.team.name})
        event.add(
            "description",
            _("Agenda and summaries (after logging in): %(url)s") % {"url": meeting_url(meeting)},
        )
    if meeting.location:
        event.add("location", meeting.location)
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("sequence", int(meeting.updated_at.timestamp()) % 100000)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
