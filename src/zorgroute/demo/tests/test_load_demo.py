"""`manage.py load_demo` against the test database, at a small scale."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from zorgroute.accounts.models import User
from zorgroute.audit.models import AuditEvent
from zorgroute.cases.models import Case, RouteTemplate, Signal, TimelineEvent
from zorgroute.demo import build
from zorgroute.demo.tests.conftest import SCALE
from zorgroute.organisations.models import Membership, Region, School
from zorgroute.pupils.models import Enrolment, Guardian, Pupil, PupilGuardian


def load(*args):
    out = StringIO()
    call_command("load_demo", "--scale", SCALE, *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def output(db):
    return load()


def db_digest():
    pupils = sorted(
        f"{p.uuid}|{p.full_name}|{p.date_of_birth}|{p.bsn}|{p.education_number}|{p.current_group.name}"
        for p in Pupil.objects.select_related("current_group")
    )
    guardians = sorted(f"{g.full_name}|{g.street_address}" for g in Guardian.objects.all())
    users = sorted(f"{u.username}|{u.get_full_name()}" for u in User.objects.all())
    links = sorted(
        f"{link.pupil.uuid}|{link.guardian.uuid}|{link.authority}"
        for link in PupilGuardian.objects.select_related("pupil", "guardian")
    )
    # Care routes: everything but the random UUIDs of rows the services create (cases, signals, events)
    cases = sorted(
        f"{c.pupil.uuid}|{c.template.name}|{c.template.version}|{c.step.code}|{c.status}|{c.closure_reason}|"
        f"{c.closure_provisional}|{c.opened_at}|{c.step_entered_at}|{c.owner.username}"
        for c in Case.objects.select_related("pupil", "template", "step", "owner")
    )
    signals = sorted(
        f"{s.pupil.uuid}|{s.status}|{s.source}|{s.severity}|{s.observed_on}|{s.observed_behaviour}"
        for s in Signal.objects.select_related("pupil")
    )
    events = sorted(
        f"{e.case.pupil.uuid}|{e.kind}|{e.visibility}|{e.occurred_at}|{e.title}|{e.body}"
        for e in TimelineEvent.objects.select_related("case__pupil")
    )
    lines = pupils + guardians + users + links + cases + signals + events
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def build_and_roll_back(seed):
    with transaction.atomic():
        build.load_demo_region(seed=seed, scale=float(SCALE))
        digest = db_digest()
        transaction.set_rollback(True)
    assert not Region.objects.exists()
    return digest


def test_it_is_deterministic_from_the_seed(db):
    first = build_and_roll_back(7)
    assert build_and_roll_back(7) == first
    assert build_and_roll_back(8) != first


def test_it_is_idempotent(output):
    counts = {
        model: model.objects.count()
        for model in (Region, School, User, Pupil, Guardian, PupilGuardian, Case, Signal, TimelineEvent)
    }
    second = load()
    assert "already exists" in second
    assert {model: model.objects.count() for model in counts} == counts
    assert AuditEvent.objects.filter(event="demo.loaded").count() == 1


def test_it_refuses_without_debug_environment_or_force(db, settings, monkeypatch):
    settings.DEBUG = False
    monkeypatch.delenv("ZORGROUTE_ALLOW_DEMO", raising=False)
    with pytest.raises(CommandError, match="Refusing to load demo data"):
        load()
    monkeypatch.setenv("ZORGROUTE_ALLOW_DEMO", "yes")  # only "1" counts
    with pytest.raises(CommandError, match="Refusing"):
        load()
    assert not Region.objects.exists() and not User.objects.exists()


@pytest.mark.parametrize("allow", ["debug", "environment", "force"])
def test_it_runs_with_debug_environment_or_force(db, settings, monkeypatch, allow):
    settings.DEBUG = allow == "debug"
    monkeypatch.delenv("ZORGROUTE_ALLOW_DEMO", raising=False)
    if allow == "environment":
        monkeypatch.setenv("ZORGROUTE_ALLOW_DEMO", "1")
    load("--force") if allow == "force" else load()
    assert Region.objects.count() == 1


def test_it_changes_nothing_when_it_fails_halfway(db, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit unavailable")

    monkeypatch.setattr(build.audit, "record", broken_audit)
    with pytest.raises(RuntimeError):
        load()
    for model in (Region, School, User, Pupil, Guardian, Enrolment, Membership, RouteTemplate, Case, Signal):
        assert not model.objects.exists(), model


def test_it_rejects_a_scale_of_zero(db):
    with pytest.raises(CommandError, match="scale"):
        call_command("load_demo", "--scale", "0", stdout=StringIO())


def test_it_prints_the_stored_secrets_when_loaded_with_another_seed(db):
    from zorgroute.demo import logins

    load("--seed", "5")
    out = StringIO()
    call_command("load_demo", "--scale", SCALE, stdout=out)
    text = out.getvalue()
    assert "another seed" in text
    assert logins(5)[0].totp_secret_base32 in text and logins()[0].totp_secret_base32 not in text


def test_a_region_loaded_before_the_care_routes_gets_them_once(db):
    """An older demo database (region without routes) gets its care routes on the next load_demo."""
    plan = build.generate(seed=2026, scale=float(SCALE))
    build._save(plan, seed=2026)
    assert not RouteTemplate.objects.exists()
    output = load()
    assert "already exists" not in output and "Care routes:" in output
    assert RouteTemplate.objects.count() == 2 and Case.objects.exists()
    cases = Case.objects.count()
    assert "already exists" in load()
    assert Case.objects.count() == cases
    assert AuditEvent.objects.filter(event="demo.loaded").count() == 1


def test_a_tiny_demo_loads_with_a_case_in_every_step_of_both_routes(db):
    """At scale 0.05 a school runs out of pupils for demo cases: the builder takes one from a sister school."""
    call_command("load_demo", "--scale", "0.05", stdout=StringIO())
    used = RouteTemplate.objects.filter(cases__isnull=False).distinct()
    assert {t.school_type for t in used} == {"po", "vo"}
    for template in used:
        steps = set(template.steps.values_list("pk", flat=True))
        reached = set(Case.objects.filter(template=template, status="open").values_list("step_id", flat=True))
        assert reached == steps, template.name


def test_the_zat_and_each_zorgteam_get_a_meeting_series_with_planned_meetings_once(output):
    from zorgroute.meetings.constants import MeetingStatus
    from zorgroute.meetings.models import Attendance, Meeting, MeetingSeries
    from zorgroute.organisations.constants import CareTeamKind
    from zorgroute.organisations.models import CareTeam

    teams = CareTeam.objects.filter(kind__in=[CareTeamKind.REGIONAL_TEAM, CareTeamKind.SCHOOL_CARE_TEAM])
    assert teams.filter(kind=CareTeamKind.REGIONAL_TEAM).count() == 1
    assert set(MeetingSeries.objects.values_list("team", flat=True)) == set(
        teams.values_list("pk", flat=True)
    )
    assert "Meeting series:" in output
    planned = Meeting.objects.filter(status=MeetingStatus.PLANNED)
    assert planned.count() == 3 * teams.count()
    zat_meeting = planned.filter(team__kind=CareTeamKind.REGIONAL_TEAM).first()
    assert zat_meeting.chair is not None and zat_meeting.minute_taker is not None
    assert Attendance.objects.filter(meeting=zat_meeting).exists()
    counts = (MeetingSeries.objects.count(), Meeting.objects.count(), Attendance.objects.count())
    assert "already exists" in load()
    assert (MeetingSeries.objects.count(), Meeting.objects.count(), Attendance.objects.count()) == counts


def test_a_region_loaded_before_the_meeting_series_gets_them_once(output):
    from zorgroute.meetings.models import Aftercare, CaseAction, Meeting, MeetingSeries

    Aftercare.objects.all().delete()
    CaseAction.objects.filter(previous__isnull=False).delete()  # the feedback chain's later hops first
    CaseAction.objects.filter(discussion__isnull=False).delete()
    Meeting.objects.all().delete()
    MeetingSeries.objects.all().delete()
    again = load()
    assert "already exists" not in again and "Meeting series:" in again
    series = MeetingSeries.objects.count()
    assert series and "already exists" in load() and MeetingSeries.objects.count() == series
