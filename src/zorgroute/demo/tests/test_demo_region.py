"""The demo region's content (loaded once for the module, see conftest.demo_output): organisations, people,
pupils and families, and the care routes with the three scenarios from the seeds."""

from collections import Counter

from stdnum.nl import brin, bsn, onderwijsnummer

from zorgroute.accounts.models import User
from zorgroute.audit.models import AuditEvent
from zorgroute.core.time import age_on, current_school_year, today
from zorgroute.demo import DEMO_PASSWORD
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


def test_it_builds_the_region_with_schools_groups_and_teams(demo_output, db):
    assert "Demo region loaded" in demo_output
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


def test_it_staffs_every_role_and_the_zat(demo_output, db):
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


def test_every_identifier_is_valid_and_every_row_passes_model_validation(demo_output, db):
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


def test_every_pupil_has_a_current_enrolment_matching_the_group_and_some_history(demo_output, db):
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


def test_it_has_pupils_of_12_16_and_18_plus_with_ages_matching_the_school(demo_output, db):
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


def test_it_covers_the_authority_mix(demo_output, db):
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


def test_it_records_one_audit_event_when_it_builds(demo_output, db):
    event = AuditEvent.objects.get(event="demo.loaded")
    assert event.target_uuid == Region.objects.get().uuid
    assert event.changes["seed"] == 2026
    assert event.changes["pupils"] == Pupil.objects.count()


def test_it_prints_one_login_per_role_with_password_secret_and_hint(demo_output, db):
    from zorgroute.demo import logins

    for row in logins():
        assert (
            row.username in demo_output
            and row.totp_secret_base32 in demo_output
            and row.role_label in demo_output
        )
    assert DEMO_PASSWORD in demo_output
    assert "code: .venv/bin/python manage.py demo_totp <username>" in demo_output
    assert "another seed" not in demo_output
