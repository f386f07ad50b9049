"""Invitations with an iCalendar file, the summaries notice (once), and the .ics download; no pupil in any mail."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from zorgroute.core.time import today
from zorgroute.meetings.models import Meeting, MeetingSeries
from zorgroute.meetings.services import meetings
from zorgroute.meetings.services.notifications import summaries_released_notify
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world, django_capture_on_commit_callbacks):
    for user, address in ((world.zat_chair, "voorzitter@example.org"), (world.zat_member, "lid@example.org")):
        user.email = address
        user.save()
    series = MeetingSeries.objects.create(
        team=world.zat,
        name="ZAT",
        every_weeks=4,
        weekday=(today() + dt.timedelta(days=8)).weekday(),
        start_time=dt.time(13, 30),
        first_date=today() + dt.timedelta(days=8),
        location="Gemeentehuis, zaal 2",
    )
    with django_capture_on_commit_callbacks(execute=True):
        created = meetings.meetings_plan(
            actor=world.zat_chair, series=series, until=today() + dt.timedelta(days=20)
        )
    return created[0]


def test_planning_sends_each_invited_member_an_invitation_with_a_calendar_file(world, planned):
    assert sorted(m.to[0] for m in mail.outbox) == ["lid@example.org", "voorzitter@example.org"]
    message = mail.outbox[0]
    name, content, mimetype = message.attachments[0]
    assert name == "overleg.ics" and mimetype.startswith("text/calendar")
    event = next(c for c in Calendar.from_ical(content).walk() if c.name == "VEVENT")
    assert str(event["uid"]) == f"{planned.uuid}@zorgroute"
    assert event.decoded("dtstart") == planned.starts_at
    assert str(event["location"]) == "Gemeentehuis, zaal 2"


def test_the_summaries_notice_goes_out_once_when_released(world, planned, django_capture_on_commit_callbacks):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert summaries_released_notify(on=planned.summary_release_on - dt.timedelta(days=1)) == 0
        assert summaries_released_notify(on=planned.summary_release_on) == 1
        assert summaries_released_notify(on=planned.summary_release_on) == 0
    assert len(mail.outbox) == 2
    assert all("Sanne" not in m.body for m in mail.outbox)
    assert Meeting.objects.get(pk=planned.pk).summaries_notified_on == planned.summary_release_on


def test_an_invited_member_downloads_the_meeting_as_ics_and_an_outsider_gets_404(client, world, planned):
    url = reverse("forum:meeting-ics", args=[planned.uuid])
    login_verified(client, world.zat_member)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content
    client.logout()
    login_verified(client, world.ib_b)
    assert client.get(url).status_code == 404
