"""A team's meeting series and minimum composition as services: validation, audit, planning the next meetings
(idempotent), who is invited, and ending a series (cancelling later empty meetings, refusing ones with cases)."""

import datetime as dt
import itertools

import pytest
from django.core import mail
from django.utils import timezone

from zorgroute.cases.tests.case_helpers import events, last_event
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings.constants import MeetingStatus
from zorgroute.meetings.models import AgendaItem, Attendance, CompositionRequirement, Meeting
from zorgroute.meetings.services import series as services
from zorgroute.organisations import constants as oc
from zorgroute.organisations.models import Membership
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def values(**change):
    return {
        "name": "ZAT primair onderwijs",
        "every_weeks": 2,
        "weekday": 1,
        "start_time": dt.time(14, 0),
        "duration_minutes": 90,
        "location": "Gemeentehuis, zaal 3",
        "first_date": today(),
        "summary_lead_days": 3,
        "access_days_after": 14,
        **change,
    }


def create(world, **change):
    return services.series_create(actor=world.functional_admin, team=world.zat, **values(**change))


def test_a_series_is_created_with_its_members_and_audited(world):
    member = Membership.objects.get(team=world.zat, user=world.zat_member)
    series = services.series_create(
        actor=world.functional_admin, team=world.zat, members=[member], **values()
    )
    assert series.team == world.zat and list(series.members.all()) == [member]
    event = last_event("meeting_series.created")
    assert event.actor_uuid == world.functional_admin.uuid and event.target_uuid == series.uuid
    assert event.changes["every_weeks"] == "2" and event.changes["members"] == 1
    assert series.weekday_label and series.end_time == dt.time(15, 30)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"weekday": 5}, "weekday"),
        ({"every_weeks": 0}, "every_weeks"),
        ({"every_weeks": 53}, "every_weeks"),
        ({"duration_minutes": 10}, "duration_minutes"),
        ({"start_time": dt.time(23, 0), "duration_minutes": 90}, "duration_minutes"),
        ({"summary_lead_days": 21}, "summary_lead_days"),
        ({"access_days_after": 91}, "access_days_after"),
    ],
)
def test_bad_series_values_are_refused_on_their_field(world, change, field):
    with pytest.raises(ValidationError) as exc:
        create(world, **change)
    assert exc.value.field == field
    assert events("meeting_series.created") == 0


def test_names_are_unique_per_team_and_members_must_be_of_the_team(world):
    create(world)
    with pytest.raises(ValidationError) as exc:
        create(world, name="zat PRIMAIR onderwijs")
    assert exc.value.field == "name"
    services.series_create(actor=world.ib_a, team=world.zorgteam_a, **values())  # another team: fine
    other = Membership.objects.get(team=world.zorgteam_a, user=world.zorgteam_member)
    with pytest.raises(ValidationError) as exc:
        create(world, name="Ander", members=[other])
    assert exc.value.field == "members"


def test_only_an_active_zorgteam_or_zat_gets_a_series(world):
    review = f.CareTeamFactory(region=world.region, school=world.school_a, kind=oc.CareTeamKind.GROUP_REVIEW)
    with pytest.raises(DomainError):
        services.series_create(actor=world.functional_admin, team=review, **values())
    world.zat.is_active = False
    world.zat.save()
    with pytest.raises(DomainError):
        create(world)


def test_changing_a_series_records_what_changed(world):
    series = create(world)
    member = Membership.objects.get(team=world.zat, user=world.zat_member)
    services.series_update(
        actor=world.zat_chair,
        series=series,
        members=[member],
        **values(location="Stadskantoor", every_weeks=4),
    )
    series.refresh_from_db()
    assert (series.location, series.every_weeks) == ("Stadskantoor", 4)
    changes = last_event("meeting_series.updated").changes
    assert changes["location"] == ["Gemeentehuis, zaal 3", "Stadskantoor"]
    assert changes["every_weeks"] == ["2", "4"] and changes["members"] == [0, 1]
    assert "name" not in changes
    with pytest.raises(ValueError):
        services.series_update(actor=world.zat_chair, series=series, **values(colour="red"))


def test_planning_the_next_meetings_is_idempotent_and_invites_the_fixed_members(world):
    series = create(world, first_date=today() - dt.timedelta(days=30))
    created = services.series_plan_next(actor=world.zat_chair, series=series, count=3)
    assert len(created) == 3
    assert all(m.starts_at.date() >= today() for m in created)
    assert [timezone.localtime(m.starts_at).weekday() for m in created] == [1, 1, 1]
    gaps = {(b.starts_at - a.starts_at).days for a, b in itertools.pairwise(created)}
    assert gaps == {14}
    invited = set(Attendance.objects.filter(meeting=created[0]).values_list("user__username", flat=True))
    assert invited == {"zat_voorzitter", "zat_lid"}  # fixed members; not the on-call partner
    assert services.series_plan_next(actor=world.zat_chair, series=series, count=3) == []
    assert Meeting.objects.filter(series=series).count() == 3
    assert len(services.series_plan_next(actor=world.zat_chair, series=series, count=4)) == 1
    assert events("meeting.planned") == 2
    with pytest.raises(ValidationError):
        services.series_plan_next(actor=world.zat_chair, series=series, count=13)


def test_chosen_members_are_invited_instead_of_all_fixed_members(world):
    on_call = Membership.objects.get(team=world.zat, user=world.on_call_partner)
    chair = Membership.objects.get(team=world.zat, user=world.zat_chair)
    series = create(world, members=[on_call, chair])
    created = services.series_plan_next(actor=world.zat_chair, series=series, count=2)
    first = set(Attendance.objects.filter(meeting=created[0]).values_list("user__username", flat=True))
    assert first == {"zat_voorzitter", "oproepbaar"}  # within the week; not the fixed member zat_lid
    # the on-call membership ends after a week: the meeting two weeks later no longer invites them
    later = set(Attendance.objects.filter(meeting=created[1]).values_list("user__username", flat=True))
    assert later == {"zat_voorzitter"}


def test_ending_cancels_later_empty_meetings_and_refuses_ones_with_cases(world):
    series = create(world)
    created = services.series_plan_next(actor=world.zat_chair, series=series, count=3)
    AgendaItem.objects.create(meeting=created[1], case=world.case_a1, kind="new", position=1)
    first_day = timezone.localtime(created[0].starts_at).date()
    with pytest.raises(ValidationError) as exc:
        services.series_end(actor=world.zat_chair, series=series, last_date=first_day)
    assert exc.value.field == "last_date"
    assert not Meeting.objects.filter(status=MeetingStatus.CANCELLED).exists()
    with pytest.raises(ValidationError):
        services.series_end(
            actor=world.zat_chair, series=series, last_date=series.first_date - dt.timedelta(1)
        )
    mail.outbox.clear()
    second_day = timezone.localtime(created[1].starts_at).date()
    with _captured_on_commit():
        cancelled = services.series_end(actor=world.zat_chair, series=series, last_date=second_day)
    assert [m.pk for m in cancelled] == [created[2].pk]
    created[2].refresh_from_db()
    assert created[2].status == MeetingStatus.CANCELLED
    series.refresh_from_db()
    assert series.last_date == second_day and not series.is_active
    assert last_event("meeting_series.ended").changes == {
        "last_date": second_day.isoformat(),
        "cancelled": [str(created[2].uuid)],
    }
    assert sorted(m.to[0] for m in mail.outbox) == [world.zat_member.email, world.zat_chair.email]
    assert "METHOD:CANCEL" in str(mail.outbox[0].attachments[0][1])
    for call in (
        lambda: services.series_plan_next(actor=world.zat_chair, series=series, count=1),
        lambda: services.series_end(actor=world.zat_chair, series=series, last_date=second_day),
        lambda: services.series_update(actor=world.zat_chair, series=series, **values()),
    ):
        with pytest.raises(DomainError):
            call()


class _captured_on_commit:
    """Run on_commit callbacks of the block (the test's transaction never commits)."""

    def __enter__(self):
        from django.test import TestCase

        self._ctx = TestCase.captureOnCommitCallbacks(execute=True)
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


# --- Minimum composition ------------------------------------------------------------------------------------------


def line(world, team=None, **change):
    return services.composition_create(
        actor=world.functional_admin,
        team=team or world.zat,
        **{
            "label": "Jeugdarts of JGZ-verpleegkundige",
            "team_role": "",
            "partner_type": world.partner_jgz.partner_type,
            "school_role": "",
            "minimum": 1,
            **change,
        },
    )


def test_a_composition_line_is_created_changed_and_removed_with_audit(world):
    jgz = line(world)
    assert last_event("composition.created").changes["partner_type"] == str(
        world.partner_jgz.partner_type.uuid
    )
    services.composition_update(
        actor=world.functional_admin,
        line=jgz,
        label="Jeugdarts",
        team_role=oc.TeamRole.MEMBER,
        partner_type=jgz.partner_type,
        school_role="",
        minimum=2,
    )
    assert last_event("composition.updated").changes == {"team_role": ["", "member"], "minimum": [1, 2]}
    services.composition_remove(actor=world.functional_admin, line=jgz)
    assert not CompositionRequirement.objects.exists()
    assert last_event("composition.removed").target_uuid == jgz.uuid


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"label": ""}, "label"),
        ({"minimum": 0}, "minimum"),
        ({"minimum": 21}, "minimum"),
        ({"team_role": "boss"}, "team_role"),
        ({"school_role": "policy_analyst"}, "school_role"),
        ({"school_role": "care_coordinator"}, "school_role"),  # the ZAT belongs to no school
        ({"partner_type": None}, None),  # nobody would count
    ],
)
def test_bad_composition_lines_are_refused(world, change, field):
    with pytest.raises(ValidationError) as exc:
        line(world, **change)
    assert exc.value.field == field


def test_composition_rules_that_need_the_team(world):
    other_type = f.PartnerTypeFactory(region=world.other_region, name="Leerplicht")
    with pytest.raises(ValidationError) as exc:
        line(world, partner_type=other_type)
    assert exc.value.field == "partner_type"
    line(world, team=world.zorgteam_a, partner_type=None, school_role="care_coordinator", label="IB")
    line(world)
    with pytest.raises(ValidationError) as exc:
        line(world, label="JEUGDARTS OF JGZ-VERPLEEGKUNDIGE")
    assert exc.value.field == "label"
    review = f.CareTeamFactory(region=world.region, school=world.school_a, kind=oc.CareTeamKind.GROUP_REVIEW)
    with pytest.raises(DomainError):
        line(world, team=review)
