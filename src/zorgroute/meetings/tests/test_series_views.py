"""A team's planning pages: meeting series (create, change, plan the next meetings, end) and the minimum composition,
for the functional administrator, the team's chair and the school's care coordinator; members get 403, outsiders
404, anonymous users the login page."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import events, in_dutch, last_event
from zorgroute.core.time import today
from zorgroute.meetings.models import CompositionRequirement, Meeting, MeetingSeries
from zorgroute.meetings.services import series as services
from zorgroute.organisations.models import Membership
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

MISSING = "00000000-0000-0000-0000-000000000000"


def form(**change):
    return {
        "name": "ZAT primair onderwijs",
        "every_weeks": "2",
        "weekday": "1",
        "start_time": "14:00",
        "duration_minutes": "90",
        "location": "Gemeentehuis",
        "first_date": today().isoformat(),
        "summary_lead_days": "3",
        "access_days_after": "14",
        **change,
    }


def make_series(world, team=None, **change):
    data = {
        "name": "ZAT primair onderwijs",
        "every_weeks": 2,
        "weekday": 1,
        "start_time": dt.time(14, 0),
        "duration_minutes": 90,
        "location": "Gemeentehuis",
        "first_date": today(),
        "summary_lead_days": 3,
        "access_days_after": 14,
        **change,
    }
    return services.series_create(actor=world.functional_admin, team=team or world.zat, **data)


def planning(team):
    return reverse("forum:team-planning", args=[team.uuid])


def series_url(name, series, *more):
    return reverse(f"forum:{name}", args=[series.team.uuid, series.uuid, *more])


def test_the_administrator_creates_a_series_and_plans_its_next_meetings(client, world):
    login_verified(client, world.functional_admin)
    detail = client.get(reverse("organisations:careteam-detail", args=[world.zat.uuid])).content.decode()
    assert planning(world.zat) in detail
    page = client.get(planning(world.zat))
    assert page.status_code == 200 and page.context["may_series"] and page.context["may_composition"]
    create = reverse("forum:series-create", args=[world.zat.uuid])
    assert client.get(create).status_code == 200
    member = Membership.objects.get(team=world.zat, user=world.zat_member)
    response = client.post(create, form(members=[str(member.uuid)]))
    series = MeetingSeries.objects.get(team=world.zat)
    assert response.status_code == 302 and response["Location"] == series_url("series-detail", series)
    assert list(series.members.all()) == [member]
    assert last_event("meeting_series.created").actor_uuid == world.functional_admin.uuid
    planned = client.post(series_url("series-plan", series), {"count": "3"})
    assert planned.status_code == 302
    assert Meeting.objects.filter(series=series).count() == 3
    again = client.post(series_url("series-plan", series), {"count": "3"}, follow=True)
    assert Meeting.objects.filter(series=series).count() == 3  # idempotent
    assert in_dutch("These meetings were already planned: nothing was added.") in again.content.decode()
    detail = client.get(series_url("series-detail", series))
    shown = detail.context["page"].meetings
    assert len(shown) == 3 and not any(m.openable for m in shown)  # the administrator does not open meetings
    assert len(detail.context["page"].next_dates) == 4
    bad = client.post(series_url("series-plan", series), {"count": "40"}, follow=True)
    assert in_dutch("Choose how many meetings to plan: from 1 to %(n)d.") % {"n": 12} in bad.content.decode()


def test_bad_input_shows_the_error_on_its_field(client, world):
    login_verified(client, world.functional_admin)
    create = reverse("forum:series-create", args=[world.zat.uuid])
    for change, field in (
        ({"weekday": "6"}, "weekday"),  # not offered: a form error
        ({"every_weeks": "0"}, "every_weeks"),
        ({"start_time": "23:30"}, "duration_minutes"),  # the service's rule
        ({"first_date": "morgen"}, "first_date"),
    ):
        response = client.post(create, form(**change))
        assert response.status_code == 200 and response.context["form"].errors[field], change
    make_series(world)
    duplicate = client.post(create, form())
    assert duplicate.context["form"].errors["name"]
    assert MeetingSeries.objects.count() == 1


def test_the_chair_changes_and_ends_the_series(client, world):
    # Not on today's weekday: the series is ended today, and a meeting today would rightly stay.
    series = make_series(world, weekday=(today().weekday() + 1) % 5)
    services.series_plan_next(actor=world.zat_chair, series=series, count=2)
    login_verified(client, world.zat_chair)
    edit = client.get(series_url("series-edit", series))
    assert edit.status_code == 200 and edit.context["form"].initial["location"] == "Gemeentehuis"
    saved = client.post(series_url("series-edit", series), form(location="Stadskantoor"))
    assert saved.status_code == 302
    series.refresh_from_db()
    assert series.location == "Stadskantoor"
    assert last_event("meeting_series.updated").changes["location"] == ["Gemeentehuis", "Stadskantoor"]
    detail = client.get(series_url("series-detail", series))
    assert all(m.openable for m in detail.context["page"].meetings)  # the chair runs them
    assert client.get(series_url("series-end", series)).status_code == 200
    bad = client.post(series_url("series-end", series), {"last_date": "2000-01-01"})
    assert bad.status_code == 200 and bad.context["form"].errors["last_date"]
    ended = client.post(series_url("series-end", series), {"last_date": today().isoformat()})
    assert ended.status_code == 302 and events("meeting_series.ended") == 1
    assert set(Meeting.objects.filter(series=series).values_list("status", flat=True)) == {"cancelled"}
    for name in ("series-edit", "series-end"):  # an ended series is read-only
        assert client.get(series_url(name, series)).status_code == 302
    plan = client.post(series_url("series-plan", series), {"count": "1"}, follow=True)
    assert in_dutch("This meeting series has ended.") in plan.content.decode()


def test_the_care_coordinator_plans_the_zorgteam_but_not_its_composition(client, world):
    login_verified(client, world.ib_a)
    page = client.get(planning(world.zorgteam_a))
    assert page.status_code == 200 and page.context["may_series"] and not page.context["may_composition"]
    assert (
        client.post(reverse("forum:series-create", args=[world.zorgteam_a.uuid]), form()).status_code == 302
    )
    assert client.get(reverse("forum:composition-create", args=[world.zorgteam_a.uuid])).status_code == 403
    meetings = client.get(reverse("forum:meeting-list"))
    assert [t.pk for t in meetings.context["plannable_teams"]] == [world.zorgteam_a.pk]


def test_the_administrator_keeps_the_minimum_composition(client, world):
    login_verified(client, world.functional_admin)
    create = reverse("forum:composition-create", args=[world.zat.uuid])
    assert client.get(create).status_code == 200
    jgz_type = world.partner_jgz.partner_type
    data = {"label": "Jeugdarts", "team_role": "", "partner_type": str(jgz_type.uuid), "minimum": "1"}
    assert client.post(create, data).status_code == 302
    line = CompositionRequirement.objects.get(team=world.zat)
    assert line.partner_type == jgz_type and last_event("composition.created").target_uuid == line.uuid
    nobody = client.post(create, {"label": "Iemand", "minimum": "1"})
    assert nobody.status_code == 200 and nobody.context["form"].non_field_errors()
    edit = reverse("forum:composition-edit", args=[world.zat.uuid, line.uuid])
    assert client.get(edit).context["form"].initial["partner_type"] == jgz_type.uuid
    assert client.post(edit, {**data, "minimum": "2"}).status_code == 302
    line.refresh_from_db()
    assert line.minimum == 2
    shown = client.get(planning(world.zat)).content.decode()
    assert "Jeugdarts" in shown and jgz_type.name in shown
    remove = reverse("forum:composition-remove", args=[world.zat.uuid, line.uuid])
    assert client.get(remove).status_code == 200 and CompositionRequirement.objects.exists()
    assert client.post(remove).status_code == 302
    assert not CompositionRequirement.objects.exists() and events("composition.removed") == 1


def test_members_may_not_plan_and_outsiders_get_404(client, world):
    series = make_series(world)
    line = services.composition_create(
        actor=world.functional_admin,
        team=world.zat,
        label="Voorzitter",
        team_role="chair",
        partner_type=None,
        school_role="",
        minimum=1,
    )
    pages = [
        planning(world.zat),
        reverse("forum:series-create", args=[world.zat.uuid]),
        series_url("series-detail", series),
        series_url("series-edit", series),
        series_url("series-end", series),
        reverse("forum:composition-create", args=[world.zat.uuid]),
        reverse("forum:composition-edit", args=[world.zat.uuid, line.uuid]),
        reverse("forum:composition-remove", args=[world.zat.uuid, line.uuid]),
    ]
    login_verified(client, world.zat_member)  # sees the team, may not plan it
    for url in pages:
        assert client.get(url).status_code == 403, url
    assert client.post(series_url("series-plan", series), {"count": "2"}).status_code == 403
    client.logout()
    login_verified(client, world.ib_b)  # does not see the ZAT at all
    for url in pages:
        assert client.get(url).status_code == 404, url
    client.logout()
    login_verified(client, world.zat_chair)
    for url in (
        reverse("forum:series-detail", args=[world.zat.uuid, MISSING]),
        reverse("forum:series-detail", args=[world.zat.uuid, "not-a-uuid"]),
        reverse("forum:composition-edit", args=[world.zat.uuid, line.uuid]),  # chair: composition 403
    ):
        assert client.get(url).status_code in (403, 404)
    other = make_series(world, team=world.zorgteam_a)  # a series of another team through this team's URL
    assert client.get(reverse("forum:series-detail", args=[world.zat.uuid, other.uuid])).status_code == 404
    assert not Meeting.objects.exists() and events("composition.removed") == 0


def test_anonymous_users_are_sent_to_the_login(client, world):
    series = make_series(world)
    for url in (planning(world.zat), series_url("series-detail", series)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


def test_the_pages_take_constant_queries(client, world):
    series = make_series(world)
    # the chair is invited from here on: their principal reads the agenda from the first request
    services.series_plan_next(actor=world.zat_chair, series=series, count=1)
    services.composition_create(
        actor=world.functional_admin,
        team=world.zat,
        label="Voorzitter",
        team_role="chair",
        partner_type=None,
        school_role="",
        minimum=1,
    )
    login_verified(client, world.zat_chair)
    small = (
        count_queries(client, planning(world.zat)),
        count_queries(client, series_url("series-detail", series)),
    )
    for index in range(4):
        make_series(world, name=f"Reeks {index}")
    services.series_plan_next(actor=world.zat_chair, series=series, count=6)
    for index in range(3):
        services.composition_create(
            actor=world.functional_admin,
            team=world.zat,
            label=f"Regel {index}",
            team_role="member",
            partner_type=None,
            school_role="",
            minimum=1,
        )
    large = (
        count_queries(client, planning(world.zat)),
        count_queries(client, series_url("series-detail", series)),
    )
    assert large == small
