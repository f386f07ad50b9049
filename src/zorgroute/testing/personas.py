"""The personas every test uses (CONVENTIONS "Tests"), in one small fictitious world.

School A (PO) has groups A1 (taught by `teacher`) and A2; school B (VO) has class B1. Each pupil of interest has a
name here so tests read like the permission matrix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from zorgroute.accounts.models import User
from zorgroute.cases import services as case_services
from zorgroute.cases.constants import Severity, Visibility
from zorgroute.cases.models import Case, Signal, TimelineEvent
from zorgroute.core.time import today
from zorgroute.organisations import constants as oc
from zorgroute.organisations.models import CareTeam, Group, PartnerOrganisation, Region, School
from zorgroute.pupils.models import Pupil
from zorgroute.testing import factories as f


@dataclass
class World:
    region: Region
    other_region: Region
    school_a: School
    school_b: School
    group_a1: Group
    group_a2: Group
    group_b1: Group
    zorgteam_a: CareTeam
    zat: CareTeam
    partner_jgz: PartnerOrganisation
    # pupils
    pupil_a1: Pupil  # in the teacher's group
    pupil_a2: Pupil  # same school, another group
    pupil_b1: Pupil  # other school
    pupil_16: Pupil  # 16+, has own login
    # care route (school A: case of pupil_a1 with events at every visibility level; school B: two cases)
    signal_a1: Signal  # reported by the teacher about pupil_a1, awaiting triage
    signal_a2: Signal  # reported by ib_a about pupil_a2
    signal_b1: Signal  # reported by ib_b about pupil_b1
    case_a1: Case
    case_b1: Case
    case_16: Case
    note_private_teacher: TimelineEvent
    note_private_ib: TimelineEvent
    note_team: TimelineEvent
    note_parents: TimelineEvent
    note_16_parents: TimelineEvent
    # personas
    teacher: User
    ib_a: User
    head_a: User
    ib_b: User
    zorgteam_member: User
    zat_chair: User
    zat_member: User
    on_call_partner: User
    parent_with_authority: User
    parent_without_authority: User
    pupil_user: User
    municipality_analyst: User
    functional_admin: User
    privacy_officer: User
    system_admin: User
    nobody: User  # logged in, no roles at all

    @classmethod
    def persona_names(cls) -> list[str]:
        names = [fl.name for fl in fields(cls)]
        return names[names.index("teacher") :]


def build_world() -> World:
    region = f.RegionFactory(name="Samenwerkingsverband Teststreek")
    other_region = f.RegionFactory(name="Samenwerkingsverband Elders")
    board = f.SchoolBoardFactory()
    school_a = f.SchoolFactory(
        region=region, board=board, name="Basisschool De Regenboog", school_type=oc.SchoolType.PRIMARY
    )
    school_b = f.SchoolFactory(
        region=region, board=board, name="Het Test College", school_type=oc.SchoolType.SECONDARY
    )
    group_a1 = f.GroupFactory(school=school_a, name="Groep 5a", grade=5)
    group_a2 = f.GroupFactory(school=school_a, name="Groep 7b", grade=7)
    group_b1 = f.GroupFactory(school=school_b, name="Klas 4H", grade=4)
    zorgteam_a = f.CareTeamFactory(
        region=region, school=school_a, kind=oc.CareTeamKind.SCHOOL_CARE_TEAM, name="Zorgteam De Regenboog"
    )
    zat = f.CareTeamFactory(region=region, kind=oc.CareTeamKind.REGIONAL_TEAM, name="ZAT Teststreek")
    jgz_type = f.PartnerTypeFactory(region=region, name="Jeugdgezondheidszorg")
    partner_jgz = f.PartnerFactory(region=region, partner_type=jgz_type, name="GGD Teststreek")

    def staff(role: str, username: str, **scope: object) -> User:
        user = f.UserFactory(username=username)
        f.StaffRoleFactory(user=user, role=role, **scope)
        return user

    teacher = staff(oc.StaffRoleKind.TEACHER, "leerkracht", school=school_a)
    f.GroupTeacherFactory(group=group_a1, user=teacher)
    ib_a = staff(oc.StaffRoleKind.CARE_COORDINATOR, "ib_a", school=school_a)
    head_a = staff(oc.StaffRoleKind.SCHOOL_HEAD, "directeur_a", school=school_a)
    ib_b = staff(oc.StaffRoleKind.CARE_COORDINATOR, "ib_b", school=school_b)
    zorgteam_member = staff(oc.StaffRoleKind.PARTNER_STAFF, "zorgteamlid", partner=partner_jgz)
    f.MembershipFactory(team=zorgteam_a, user=zorgteam_member, partner=partner_jgz)
    zat_chair = f.UserFactory(username="zat_voorzitter")
    f.MembershipFactory(team=zat, user=zat_chair, role=oc.TeamRole.CHAIR)
    zat_member = staff(oc.StaffRoleKind.PARTNER_STAFF, "zat_lid", partner=partner_jgz)
    f.MembershipFactory(team=zat, user=zat_member, partner=partner_jgz)
    on_call_partner = staff(oc.StaffRoleKind.PARTNER_STAFF, "oproepbaar", partner=partner_jgz)
    f.MembershipFactory(
        team=zat,
        user=on_call_partner,
        role=oc.TeamRole.ON_CALL,
        is_fixed=False,
        valid_from=today() - dt.timedelta(days=30),
        valid_to=today() + dt.timedelta(days=7),
    )
    municipality_analyst = staff(oc.StaffRoleKind.POLICY_ANALYST, "beleid", region=region)
    functional_admin = staff(oc.StaffRoleKind.FUNCTIONAL_ADMIN, "beheerder", region=region)
    privacy_officer = staff(oc.StaffRoleKind.PRIVACY_OFFICER, "fg", region=region)
    system_admin = staff(oc.StaffRoleKind.SYSTEM_ADMIN, "sysadmin")
    nobody = f.UserFactory(username="niemand")

    pupil_a1 = f.PupilFactory.enrolled(group_a1, first_name="Sanne", last_name="Jansen")
    pupil_a2 = f.PupilFactory.enrolled(group_a2, first_name="Daan", last_name="de Vries")
    pupil_b1 = f.PupilFactory.enrolled(group_b1, first_name="Lotte", last_name="Bakker")
    pupil_user = f.UserFactory(username="leerling16")
    pupil_16 = f.PupilFactory.enrolled(
        group_b1,
        first_name="Bram",
        last_name="Visser",
        date_of_birth=today().replace(year=today().year - 17, day=1),
        user=pupil_user,
    )
    parent_with_authority = f.UserFactory(username="ouder_gezag")
    parent_without_authority = f.UserFactory(username="ouder_zonder_gezag")
    f.PupilGuardianFactory(
        pupil=pupil_a1,
        guardian=f.GuardianFactory(user=parent_with_authority),
        relationship="mother",
        authority="joint",
    )
    f.PupilGuardianFactory(
        pupil=pupil_a1,
        guardian=f.GuardianFactory(user=parent_without_authority),
        relationship="father",
        authority="none",
        lives_with_child=False,
    )
    case_services.routes_install_defaults(actor=functional_admin, region=region)
    signal_a1 = case_services.signal_create(
        actor=teacher,
        pupil=pupil_a1,
        severity=Severity.MEDIUM,
        observed_behaviour="Sanne trekt zich terug in de kring.",
    )
    signal_a2 = case_services.signal_create(
        actor=ib_a, pupil=pupil_a2, severity=Severity.LOW, observed_behaviour="Daan komt vaak te laat."
    )
    signal_b1 = case_services.signal_create(
        actor=ib_b, pupil=pupil_b1, severity=Severity.HIGH, observed_behaviour="Lotte verzuimt veel."
    )
    case_a1 = case_services.case_open(actor=ib_a, pupil=pupil_a1, owner=ib_a)
    case_b1 = case_services.case_open(actor=ib_b, pupil=pupil_b1, owner=ib_b)
    case_16 = case_services.case_open(actor=ib_b, pupil=pupil_16, owner=ib_b)

    def note(case: Case, author: User, visibility: str, text: str) -> TimelineEvent:
        return case_services.note_add(actor=author, case=case, text=text, visibility=visibility)

    note_private_teacher = note(case_a1, teacher, Visibility.PRIVATE, "Eigen aantekening leerkracht")
    note_private_ib = note(case_a1, ib_a, Visibility.PRIVATE, "Werkaantekening IB")
    note_team = note(case_a1, ib_a, Visibility.CARE_TEAM, "Voor het zorgteam")
    note_parents = note(case_a1, ib_a, Visibility.PARENTS, "Gesprek met ouders gepland")
    note_16_parents = note(case_16, ib_b, Visibility.PARENTS, "Afspraak met Bram")
    return World(
        region=region,
        other_region=other_region,
        school_a=school_a,
        school_b=school_b,
        group_a1=group_a1,
        group_a2=group_a2,
        group_b1=group_b1,
        zorgteam_a=zorgteam_a,
        zat=zat,
        partner_jgz=partner_jgz,
        pupil_a1=pupil_a1,
        pupil_a2=pupil_a2,
        pupil_b1=pupil_b1,
        pupil_16=pupil_16,
        signal_a1=signal_a1,
        signal_a2=signal_a2,
        signal_b1=signal_b1,
        case_a1=case_a1,
        case_b1=case_b1,
        case_16=case_16,
        note_private_teacher=note_private_teacher,
        note_private_ib=note_private_ib,
        note_team=note_team,
        note_parents=note_parents,
        note_16_parents=note_16_parents,
        teacher=teacher,
        ib_a=ib_a,
        head_a=head_a,
        ib_b=ib_b,
        zorgteam_member=zorgteam_member,
        zat_chair=zat_chair,
        zat_member=zat_member,
        on_call_partner=on_call_partner,
        parent_with_authority=parent_with_authority,
        parent_without_authority=parent_without_authority,
        pupil_user=pupil_user,
        municipality_analyst=municipality_analyst,
        functional_admin=functional_admin,
        privacy_officer=privacy_officer,
        system_admin=system_admin,
        nobody=nobody,
    )
