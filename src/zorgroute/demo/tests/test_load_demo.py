"""`manage.py load_demo` against the test database, at a small scale."""

import hashlib
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from stdnum.nl import brin, bsn, onderwijsnummer

from zorgroute.accounts.models import User
from zorgroute.audit.models import AuditEvent
from zorgroute.core.time import age_on, current_school_year, today
from zorgroute.demo import DEMO_PASSWORD, build
from zorgroute.organisations.constants import CareTeamKind, SchoolType, StaffRoleKind, TeamRole
from zorgroute.organisations.models import (
    CareTeam,
    Group,
    GroupTeacher,
    Membership,
    PartnerOrganisation,
    Region,
    School,
    SchoolBoard,
    StaffRole,
)
from zorgroute.pupils.constants import Authority
from zorgroute.pupils.models import Enrolment, Guardian, Pupil, PupilGuardian

SCALE = "0.1"


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
    return hashlib.sha256("\n".join(pupils + guardians + users + links).encode()).hexdigest()


def build_and_roll_back(seed):
    with transaction.atomic():
        build.load_demo_region(seed=seed, scale=float(SCALE))
        digest = db_digest()
        transaction.set_rollback(True)
    assert not Region.objects.exists()
    return digest


def test_it_builds_the_region_with_schools_groups_and_teams(output):
    assert "Demo region loaded" in output
    assert Region.objects.count() == 1
    assert SchoolBoard.objects.count() == 2
    assert Counter(School.objects.values_list("school_type", flat=True)) == {
        SchoolType.PRIMARY: 4,
        SchoolType.SECONDARY: 2,
    }
    assert not Group.objects.exclude(school_year=current_school_year()).exists()
    assert not Group.objects.filter(teacher_links__isnull=True).exists()
    assert 100 <= Pupil.objects.count() <= 250
    assert CareTeam.objects.filter(kind=CareTeamKind.REGIONAL_TEAM, school__isnull=True).count() == 1
    for school in School.objects.all():
        team = CareTeam.objects.get(kind=CareTeamKind.SCHOOL_CARE_TEAM, school=school)
        functions = set(team.memberships.values_list("function", flat=True))
        assert team.memberships.filter(role=TeamRole.CHAIR).count() == 1
        assert {"Schoolmaatschappelijk werker", "Jeugdverpleegkundige"} <= functions
        assert StaffRole.objects.filter(
            school=school, role=StaffRoleKind.CARE_COORDINATOR, user__memberships__team=team
        ).exists()


def test_it_staffs_every_role_and_the_zat(output):
    assert set(StaffRole.objects.values_list("role", flat=True)) == set(StaffRoleKind.values)
    zat = CareTeam.objects.get(kind=CareTeamKind.REGIONAL_TEAM)
    roles = Counter(zat.memberships.values_list("role", flat=True))
    assert roles[TeamRole.CHAIR] == roles[TeamRole.COORDINATOR] == roles[TeamRole.MINUTE_TAKER] == 1
    assert roles[TeamRole.MEMBER] >= 6 and roles[TeamRole.ON_CALL] >= 3
    assert not zat.memberships.filter(role=TeamRole.ON_CALL, is_fixed=True).exists()
    assert not zat.memberships.filter(role=TeamRole.ON_CALL, valid_to__isnull=True).exists()
    partner_types = set(PartnerOrganisation.objects.values_list("partner_type__name", flat=True))
    assert {"Jeugdgezondheidszorg (JGZ)", "Leerplicht", "Veilig Thuis", "Politie"} <= partner_types
    assert not PartnerOrganisation.objects.filter(staff_roles__isnull=True).exists()


def test_every_identifier_is_valid_and_every_row_passes_model_validation(output):
    numbers = list(Pupil.objects.values_list("bsn", "education_number"))
    assert all(bsn.is_valid(b) for b, _ in numbers if b)
    assert all(onderwijsnummer.is_valid(e) for _, e in numbers if e)
    assert any(e for _, e in numbers), "some pupils have an onderwijsnummer instead of a BSN"
    assert all(brin.is_valid(b) for b in School.objects.values_list("brin", flat=True))
    for model in (
        School,
        Group,
        PartnerOrganisation,
        Pupil,
        Guardian,
        PupilGuardian,
        Enrolment,
        Membership,
        StaffRole,
        GroupTeacher,
    ):
        for obj in model.objects.all():
            obj.full_clean()
    for user in User.objects.all():
        user.full_clean(exclude=["password"])


def test_every_pupil_has_a_current_enrolment_matching_the_group_and_some_history(output):
    pupils = Pupil.objects.select_related("current_group").all()
    current = {e.pupil_id: e for e in Enrolment.objects.filter(end_date__isnull=True)}
    assert len(current) == Enrolment.objects.filter(end_date__isnull=True).count() == pupils.count()
    for pupil in pupils:
        enrolment = current[pupil.pk]
        assert (enrolment.school_id, enrolment.group_id) == (pupil.current_school_id, pupil.current_group_id)
        assert enrolment.group.school_id == pupil.current_school_id
        assert enrolment.start_date <= today()
        assert pupil.search_name == Pupil.make_search_name(
            pupil.first_name, pupil.name_prefix, pupil.last_name
        )
    vo_pupils = pupils.filter(current_school__school_type=SchoolType.SECONDARY)
    assert not vo_pupils.exclude(enrolments__school__school_type=SchoolType.PRIMARY).exists()


def test_it_has_pupils_of_12_16_and_18_plus_with_ages_matching_the_school(output):
    ages = {
        school_type: [
            age_on(born, today())
            for born in Pupil.objects.filter(current_school__school_type=school_type).values_list(
                "date_of_birth", flat=True
            )
        ]
        for school_type in SchoolType.values
    }
    assert min(ages[SchoolType.PRIMARY]) >= 4 and max(ages[SchoolType.PRIMARY]) <= 12
    assert min(ages[SchoolType.SECONDARY]) >= 12 and max(ages[SchoolType.SECONDARY]) <= 19
    assert any(age >= 16 for age in ages[SchoolType.SECONDARY])
    assert any(age >= 18 for age in ages[SchoolType.SECONDARY])


def test_it_covers_the_authority_mix(output):
    links = PupilGuardian.objects.all()
    # Divorced parents with joint authority living apart
    divorced = [
        pupil_id
        for pupil_id in links.filter(authority=Authority.JOINT, lives_with_child=False).values_list(
            "pupil_id", flat=True
        )
        if links.filter(pupil_id=pupil_id, authority=Authority.JOINT, lives_with_child=True).exists()
    ]
    assert divorced
    # Sole authority with a second parent without authority
    sole = set(links.filter(authority=Authority.SOLE).values_list("pupil_id", flat=True))
    assert sole & set(links.filter(authority=Authority.NONE).values_list("pupil_id", flat=True))
    # Guardianship by the institution, with foster parents
    ward = links.filter(authority=Authority.GUARDIAN_INSTITUTION).select_related("guardian").first()
    assert ward is not None and ward.guardian.institution
    assert links.filter(pupil_id=ward.pupil_id, relationship="foster").exists()
    assert links.filter(supervision_order=True).exists()
    assert links.filter(court_information_arrangement=True).exists()
    assert links.filter(withhold_information=True).exists()
    assert not Pupil.objects.filter(guardian_links__isnull=True).exists()
    # Authority ends at 18
    for link in links.select_related("pupil"):
        if (
            age_on(
                link.pupil.date_of_birth,
                today().replace(month=8, day=1)
                if today().month >= 8
                else today().replace(year=today().year - 1, month=8, day=1),
            )
            >= 18
        ):
            assert link.authority == Authority.NONE


def test_it_is_deterministic_from_the_seed(db):
    first = build_and_roll_back(7)
    assert build_and_roll_back(7) == first
    assert build_and_roll_back(8) != first


def test_it_is_idempotent(output):
    counts = {
        model: model.objects.count() for model in (Region, School, User, Pupil, Guardian, PupilGuardian)
    }
    second = load()
    assert "already exists" in second
    assert {model: model.objects.count() for model in counts} == counts
    assert AuditEvent.objects.filter(event="demo.loaded").count() == 1


def test_it_records_one_audit_event_when_it_builds(output):
    event = AuditEvent.objects.get(event="demo.loaded")
    assert event.target_uuid == Region.objects.get().uuid
    assert event.changes["seed"] == 2026
    assert event.changes["pupils"] == Pupil.objects.count()


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
    for model in (Region, School, User, Pupil, Guardian, Enrolment, Membership):
        assert not model.objects.exists(), model


def test_it_rejects_a_scale_of_zero(db):
    with pytest.raises(CommandError, match="scale"):
        call_command("load_demo", "--scale", "0", stdout=StringIO())


def test_it_prints_one_login_per_role_with_password_secret_and_hint(output):
    from zorgroute.demo import logins

    for row in logins():
        assert row.username in output and row.totp_secret_base32 in output and row.role_label in output
    assert DEMO_PASSWORD in output
    assert "code: .venv/bin/python manage.py demo_totp <username>" in output
    assert "another seed" not in output


def test_it_prints_the_stored_secrets_when_loaded_with_another_seed(db):
    from zorgroute.demo import logins

    load("--seed", "5")
    out = StringIO()
    call_command("load_demo", "--scale", SCALE, stdout=out)
    text = out.getvalue()
    assert "another seed" in text
    assert logins(5)[0].totp_secret_base32 in text and logins()[0].totp_secret_base32 not in text
