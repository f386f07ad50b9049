"""Aftercare in the care coordinator's work list and its record page."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import last_event
from zorgroute.core.time import now, today
from zorgroute.meetings.models import Aftercare, AgendaItem, CaseDiscussion, Meeting
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def aftercare(world):
    start = now() - dt.timedelta(days=100)
    meeting = Meeting.objects.create(
        team=world.zorgteam_a,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        summary_release_on=today() - dt.timedelta(days=104),
        access_until=today() - dt.timedelta(days=86),
        minutes_finalised_at=start,
        status="held",
    )
    item = AgendaItem.objects.create(meeting=meeting, case=world.case_a1, kind="new", position=1)
    discussion = CaseDiscussion.objects.create(item=item, recorded_by=world.ib_a, verwijsindex="no")
    return Aftercare.objects.create(
        case=world.case_a1, after_discussion=discussion, due_on=today() - dt.timedelta(days=9)
    )


def test_the_care_coordinator_sees_and_records_the_aftercare(client, world, aftercare):
    login_verified(client, world.ib_a)
    work = client.get(reverse("cases:my-work"))
    assert [a.pk for a in work.context["work"].coordinator.aftercare] == [aftercare.pk]
    target = reverse("meetings:aftercare-record", args=[world.case_a1.uuid, aftercare.uuid])
    refused = client.post(
        target, {"goal_attainment": "achieved", "outcome": "close", "satisfaction_school": "9"}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["satisfaction_school"]
    response = client.post(
        target,
        {
            "goal_attainment": "partly",
            "outcome": "close",
            "satisfaction_school": "4",
            "satisfaction_parents": "5",
        },
    )
    assert response.status_code == 302
    aftercare.refresh_from_db()
    assert (aftercare.goal_attainment, aftercare.satisfaction_parents, aftercare.done_by) == (
        "partly",
        5,
        world.ib_a,
    )
    world.case_a1.refresh_from_db()
    assert world.case_a1.status == "closed"
    assert last_event("aftercare.recorded").changes["outcome"] == "close"
    assert client.get(reverse("cases:my-work")).context["work"].coordinator.aftercare == []


def test_only_who_manages_the_case_records_it(client, world, aftercare):
    target = reverse("meetings:aftercare-record", args=[world.case_a1.uuid, aftercare.uuid])
    login_verified(client, world.teacher)
    assert client.get(target).status_code == 403
    client.logout()
    login_verified(client, world.ib_b)
    assert client.get(target).status_code == 404
    client.logout()
    login_verified(client, world.ib_a)
    missing = reverse(
        "meetings:aftercare-record", args=[world.case_a1.uuid, "00000000-0000-0000-0000-000000000000"]
    )
    assert client.get(missing).status_code == 404
