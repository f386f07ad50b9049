"""Build the demo region: generate unsaved model instances from a seed, then bulk-insert them in one transaction.

Deterministic: one `random.Random(seed)` and one seeded `Faker("nl_NL")` (see fictional.py) decide every name,
identifier and date, in a fixed order (no set iteration, no clock). Only the school year comes from today, so ages
and groups stay current. Generation touches no database, so two runs can be compared without writing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.core.time import current_school_year
from zorgroute.demo import data
from zorgroute.demo.cases import Stats, build_cases
from zorgroute.demo.credentials import DEMO_PASSWORD, LOGIN_USERNAMES, Username, device_name, totp_key_hex
from zorgroute.demo.families import SIBLING_SHARE, Families
from zorgroute.demo.fictional import Fictional, add_years, slug
from zorgroute.demo.identifiers import UniqueDrawer
from zorgroute.demo.meetings import add_meeting_series
from zorgroute.organisations.constants import (
    CareTeamKind,
    GroupTeacherRole,
    SchoolType,
    StaffRoleKind,
    TeamRole,
)
from zorgroute.organisations.models import (
    CareTeam,
    Group,
    GroupTeacher,
    Membership,
    PartnerOrganisation,
    PartnerType,
    Region,
    School,
    SchoolBoard,
    StaffRole,
)
from zorgroute.pupils.constants import Gender
from zorgroute.pupils.models import Enrolment, Guardian, Pupil, PupilGuardian

HELD_BACK_PO = 0.05  # pupils a year older than their group
HELD_BACK_VO = 0.08
TRANSFER_PO = 0.07  # primary pupils who came from another primary school
SWITCH_VO = 0.04  # secondary pupils (year 3+) who came from the other secondary school
EDUCATION_NUMBER_SHARE = 0.02  # pupils without a BSN, known by an onderwijsnummer
DUO_TEACHERS = 0.35  # primary groups with two (part-time) teachers

# Where the demo logins sit: the teacher and the parents in this group, the pupil of 16+ in that class.
LOGIN_SCHOOL = "Basisschool De Regenboog"
LOGIN_GROUPS = ("Groep 5", "Groep 5a")
PUPIL_LOGIN_SCHOOL = "Lindeland Lyceum"
PUPIL_LOGIN_CLASSES = ("5H", "5H1")
# (partner key, index of the staff member) → demo login
PARTNER_LOGINS = {
    ("smw", 0): Username.CARE_TEAM_MEMBER,
    ("swv", 0): Username.ZAT_CHAIR,
    ("swv", 1): Username.ZAT_COORDINATOR,
    ("wijkteam", 0): Username.ZAT_MEMBER,
    ("leerplicht", 0): Username.ON_CALL_PARTNER,
}


@dataclass
class Plan:
    """Unsaved instances in insertion order. Foreign keys point at instances, resolved when their rows exist."""

    region: Region
    boards: list[SchoolBoard] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    partner_types: list[PartnerType] = field(default_factory=list)
    partners: list[PartnerOrganisation] = field(default_factory=list)
    users: list[User] = field(default_factory=list)
    staff_roles: list[StaffRole] = field(default_factory=list)
    group_teachers: list[GroupTeacher] = field(default_factory=list)
    teams: list[CareTeam] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    pupils: list[Pupil] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)
    guardians: list[Guardian] = field(default_factory=list)
    links: list[PupilGuardian] = field(default_factory=list)
    case_stats: Stats | None = None
    meeting_series: int = 0  # series created with their next meetings (demo.meetings)

    def counts(self) -> dict[str, int]:
        return {name: len(value) for name, value in vars(self).items() if isinstance(value, list)}


@dataclass(frozen=True)
class _Slot:
    """One pupil to generate: where, and whether a demo login belongs to this pupil or their family."""

    school: School
    group: Group
    spec: data.GroupSpec
    login: str = ""  # Username.PUPIL_16, or PARENTS for the parent logins
    older: bool = False  # a year older than the group: makes sure 18+ pupils exist at every scale


PARENTS = "parents"


def _suffix(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


class Generator:
    """Generates one demo region. Use `generate()` once per instance."""

    def __init__(self, *, seed: int, scale: float, school_year: int) -> None:
        self.scale = scale
        self.year = school_year
        self.f = Fictional(seed)
        self.rng = self.f.rng
        self.numbers = UniqueDrawer(random.Random(f"{seed}:numbers"))
        self.plan = Plan(region=Region(uuid=self.f.uuid(), name=data.REGION_NAME, code=data.REGION_CODE))
        self.institution_workers: list[Guardian] = []
        self.families = Families(
            self.f,
            guardians=self.plan.guardians,
            links=self.plan.links,
            institution_workers=self.institution_workers,
        )
        self.usernames: set[str] = set(LOGIN_USERNAMES)
        self.partner_by_key: dict[str, PartnerOrganisation] = {}

    def generate(self) -> Plan:
        region, f = self.plan.region, self.f
        boards = [
            SchoolBoard(
                uuid=f.uuid(), name=name, competent_authority_number=f"{self.rng.randint(10_000, 99_999)}"
            )
            for name in data.BOARDS
        ]
        schools = [
            School(
                uuid=f.uuid(),
                region=region,
                board=boards[spec.board],
                name=spec.name,
                brin=self.numbers.brin(),
                school_type=spec.school_type,
                **f.address(spec.town),
            )
            for spec in data.SCHOOLS
        ]
        self.plan.boards, self.plan.schools = boards, schools
        partner_staff = self._partners()
        self._region_staff()
        slots = [
            slot
            for school, spec in zip(schools, data.SCHOOLS, strict=True)
            for slot in self._groups(school, spec)
        ]
        heads, coordinators = self._school_staff(schools)
        self._care_teams(schools, heads, coordinators, partner_staff)
        self._pupils(slots, schools)
        return self.plan

    # --- people with an account -----------------------------------------------------------------------------------
    def _user(self, job_title: str, *, login: str = "", names: tuple[str, str, str] | None = None) -> User:
        if names is None:
            first = self.f.first_name(self.rng.choice((Gender.FEMALE, Gender.MALE)))
            prefix, last = self.f.last_name()
        else:
            first, prefix, last = names
        username = login or self._username(first, prefix, last)
        user = User(
            uuid=self.f.uuid(),
            username=username,
            first_name=first,
            last_name=f"{prefix} {last}".strip(),
            email=f"{username}@{data.EMAIL_DOMAIN}",
            job_title=job_title,
        )
        self.plan.users.append(user)
        return user

    def _username(self, first: str, prefix: str, last: str) -> str:
        base = f"{slug(first)[:1]}.{slug(prefix)}{slug(last)}"
        candidate, n = base, 1
        while candidate in self.usernames:
            n += 1
            candidate = f"{base}{n}"
        self.usernames.add(candidate)
        return candidate

    def _staff_role(self, user: User, role: str, **scope: Any) -> None:
        self.plan.staff_roles.append(
            StaffRole(
                uuid=self.f.uuid(),
                user=user,
                role=role,
                # at least a school year back: the demo's care routes (cases.py) began before this school year
                valid_from=dt.date(self.year - 1 - self.rng.randint(0, 8), 8, 1),
                **scope,
            )
        )

    def _membership(
        self,
        team: CareTeam,
        user: User,
        role: str,
        function: str,
        *,
        partner: str = "",
        substitute: User | None = None,
        on_call: bool = False,
    ) -> None:
        self.plan.memberships.append(
            Membership(
                uuid=self.f.uuid(),
                team=team,
                user=user,
                partner=self.partner_by_key.get(partner),
                role=role,
                function=function,
                is_fixed=not on_call,
                substitute=substitute,
                # since last school year: the demo's meeting history (demo/meetings.py) goes back months
                valid_from=dt.date(self.year - 1, 8, 1),
                valid_to=dt.date(self.year + 1, 7, 31) if on_call else None,
            )
        )

    # --- organisations, staff and teams ---------------------------------------------------------------------------
    def _partners(self) -> dict[str, list[User]]:
        staff: dict[str, list[User]] = {}
        types: dict[str, PartnerType] = {}
        for spec in data.PARTNERS:
            if spec.type_name not in types:
                types[spec.type_name] = PartnerType(
                    uuid=self.f.uuid(), region=self.plan.region, name=spec.type_name
                )
                self.plan.partner_types.append(types[spec.type_name])
            partner = PartnerOrganisation(
                uuid=self.f.uuid(),
                region=self.plan.region,
                partner_type=types[spec.type_name],
                name=spec.name,
                phone=f"088-{self.rng.randint(1_000_000, 9_999_999)}",
                email=f"{spec.key}@{data.EMAIL_DOMAIN}",
                website=f"https://{spec.key}.{data.EMAIL_DOMAIN}/",
                street_address=self.f.fake.street_address(),
                city=data.TOWNS[0],
                legal_basis=spec.legal_basis,
                professional_secrecy=spec.professional_secrecy,
            )
            self.plan.partners.append(partner)
            self.partner_by_key[spec.key] = partner
            staff[spec.key] = []
            for index, job_title in enumerate(spec.staff):
                user = self._user(job_title, login=PARTNER_LOGINS.get((spec.key, index), ""))
                self._staff_role(user, StaffRoleKind.PARTNER_STAFF, partner=partner)
                staff[spec.key].append(user)
        # The certified institution's workers act as guardians (voogd) of the children in its guardianship.
        for worker in staff["gi"]:
            self.institution_workers.append(
                Guardian(
                    uuid=self.f.uuid(),
                    first_name=worker.first_name,
                    last_name=worker.last_name,
                    email=worker.email,
                    phone=self.f.phone(),
                    institution=data.GUARDIAN_INSTITUTION,
                    city=data.TOWNS[0],
                )
            )
        self.plan.guardians.extend(self.institution_workers)
        return staff

    def _region_staff(self) -> None:
        for role, login, title in (
            (StaffRoleKind.FUNCTIONAL_ADMIN, Username.FUNCTIONAL_ADMIN, "Functioneel beheerder"),
            (StaffRoleKind.PRIVACY_OFFICER, Username.PRIVACY_OFFICER, "Functionaris gegevensbescherming"),
            (
                StaffRoleKind.POLICY_ANALYST,
                Username.POLICY_ANALYST,
                "Beleidsmedewerker jeugd, gemeente Lindewaard",
            ),
        ):
            self._staff_role(self._user(title, login=login), role, region=self.plan.region)
        self._staff_role(
            self._user("Systeembeheerder", login=Username.SYSTEM_ADMIN), StaffRoleKind.SYSTEM_ADMIN
        )

    def _groups(self, school: School, spec: data.SchoolSpec) -> list[_Slot]:
        """The groups of this school year and a slot per pupil. Above scale 1 the parallel groups multiply."""
        factor = max(1, round(self.scale)) if self.scale > 1 else 1
        primary = school.school_type == SchoolType.PRIMARY
        slots = []
        for group_spec in spec.groups:
            parallels = group_spec.parallels * factor
            for index in range(parallels):
                number = (_suffix(index) if primary else str(index + 1)) if parallels > 1 else ""
                name = f"Groep {group_spec.label}{number}" if primary else f"{group_spec.label}{number}"
                group = Group(
                    uuid=self.f.uuid(),
                    school=school,
                    school_year=self.year,
                    name=name,
                    grade=min(group_spec.grades),
                )
                self.plan.groups.append(group)
                size = max(1, round(self.rng.randint(*group_spec.size) * self.scale / factor))
                for position in range(size):
                    login = ""
                    if position == 0 and school.name == LOGIN_SCHOOL and name in LOGIN_GROUPS:
                        login = PARENTS
                    elif position == 0 and school.name == PUPIL_LOGIN_SCHOOL and name in PUPIL_LOGIN_CLASSES:
                        login = Username.PUPIL_16
                    older = position == 0 and not primary and group_spec.grades == (6,)
                    slots.append(_Slot(school, group, group_spec, login=login, older=older))
        return slots

    def _school_staff(self, schools: list[School]) -> tuple[list[User], list[User]]:
        heads, coordinators = [], []
        for school in schools:
            primary, first = school.school_type == SchoolType.PRIMARY, school.name == LOGIN_SCHOOL
            head = self._user(
                "Directeur" if primary else "Rector", login=Username.SCHOOL_HEAD if first else ""
            )
            self._staff_role(head, StaffRoleKind.SCHOOL_HEAD, school=school)
            coordinator = self._user(
                "Intern begeleider" if primary else "Zorgcoördinator",
                login=Username.CARE_COORDINATOR if first else "",
            )
            self._staff_role(coordinator, StaffRoleKind.CARE_COORDINATOR, school=school)
            heads.append(head)
            coordinators.append(coordinator)
        for group in self.plan.groups:
            primary = group.school.school_type == SchoolType.PRIMARY
            login_group = group.school.name == LOGIN_SCHOOL and group.name in LOGIN_GROUPS
            count = 2 if primary and not login_group and self.rng.random() < DUO_TEACHERS else 1
            for _ in range(count):
                title = f"Leerkracht {group.name.lower()}" if primary else f"Mentor {group.name}"
                teacher = self._user(title, login=Username.TEACHER if login_group else "")
                self._staff_role(teacher, StaffRoleKind.TEACHER, school=group.school)
                self.plan.group_teachers.append(
                    GroupTeacher(
                        uuid=self.f.uuid(),
                        group=group,
                        user=teacher,
                        role=GroupTeacherRole.TEACHER if primary else GroupTeacherRole.MENTOR,
                    )
                )
        return heads, coordinators

    def _care_teams(
        self, schools: list[School], heads: list[User], coordinators: list[User], staff: dict[str, list[User]]
    ) -> None:
        """A zorgteam per school (chair, IB, school social worker, JGZ nurse) and one ZAT (DOMAIN §2)."""
        region = self.plan.region
        jgz, smw, swv = staff["jgz"], staff["smw"], staff["swv"]
        for index, school in enumerate(schools):
            team = CareTeam(
                uuid=self.f.uuid(),
                region=region,
                school=school,
                kind=CareTeamKind.SCHOOL_CARE_TEAM,
                name=f"Zorgteam {school.name}",
            )
            self.plan.teams.append(team)
            first_half = index in (0, 1, 4)  # two social workers and two nurses share the schools
            nurse, other_nurse = (jgz[1], jgz[2]) if first_half else (jgz[2], jgz[1])
            self._membership(team, heads[index], TeamRole.CHAIR, heads[index].job_title)
            self._membership(team, coordinators[index], TeamRole.MEMBER, coordinators[index].job_title)
            self._membership(
                team,
                smw[0] if first_half else smw[1],
                TeamRole.MEMBER,
                "Schoolmaatschappelijk werker",
                partner="smw",
            )
            self._membership(
                team, nurse, TeamRole.MEMBER, "Jeugdverpleegkundige", partner="jgz", substitute=other_nurse
            )
        zat = CareTeam(uuid=self.f.uuid(), region=region, kind=CareTeamKind.REGIONAL_TEAM, name=data.ZAT_NAME)
        self.plan.teams.append(zat)
        self._membership(zat, swv[0], TeamRole.CHAIR, "Voorzitter", partner="swv", substitute=swv[1])
        self._membership(zat, swv[1], TeamRole.COORDINATOR, "Coördinator", partner="swv", substitute=swv[0])
        self._membership(zat, swv[2], TeamRole.MINUTE_TAKER, "Notulist", partner="swv")
        for key, index, function in (
            ("swv", 3, "Vertegenwoordiger samenwerkingsverband"),
            ("jgz", 0, "Jeugdarts"),
            ("smw", 1, "Schoolmaatschappelijk werker"),
            ("wijkteam", 0, "Toegang jeugdhulp (wijkteam)"),
            ("ortho", 0, "Orthopedagoog"),
            ("eso", 0, "Deskundige speciaal onderwijs"),
        ):
            self._membership(zat, staff[key][index], TeamRole.MEMBER, function, partner=key)
        for key, function in (
            ("leerplicht", "Leerplichtambtenaar"),
            ("veiligthuis", "Veilig Thuis"),
            ("politie", "Politie (jeugd)"),
            ("ggz", "Jeugd-GGZ"),
            ("gi", "Jeugdbescherming"),
        ):
            self._membership(zat, staff[key][0], TeamRole.ON_CALL, function, partner=key, on_call=True)

    # --- pupils and enrolments ------------------------------------------------------------------------------------
    def _pupils(self, slots: list[_Slot], schools: list[School]) -> None:
        self.families.force_every_kind(expected_families=round(len(slots) * (1 - SIBLING_SHARE) * 0.6))
        forced_education_number = self.rng.randrange(len(slots))  # at least one onderwijsnummer at any scale
        po_schools = [s for s in schools if s.school_type == SchoolType.PRIMARY]
        vo_schools = [s for s in schools if s.school_type == SchoolType.SECONDARY]
        for index, slot in enumerate(slots):
            pupil, grade, held_back = self._pupil(slot, education_number=index == forced_education_number)
            self._enrolments(pupil, slot, grade, held_back, po_schools, vo_schools)

    def _pupil(self, slot: _Slot, *, education_number: bool) -> tuple[Pupil, int, int]:
        rng, year = self.rng, self.year
        primary = slot.school.school_type == SchoolType.PRIMARY
        grade = rng.choice(slot.spec.grades)
        held_back = 1 if slot.older or rng.random() < (HELD_BACK_PO if primary else HELD_BACK_VO) else 0
        if slot.login or (primary and grade == 8):  # primary pupils are at most 12
            held_back = 0
        age = (grade + 3 if primary else grade + 11) + held_back  # age on 1 August of this school year
        earliest = dt.date(year - age - 1, 8, 2)
        born = earliest + dt.timedelta(days=rng.randrange((dt.date(year - age, 8, 1) - earliest).days + 1))
        roll = rng.random()
        gender = Gender.OTHER if roll < 0.01 else Gender.FEMALE if roll < 0.5 else Gender.MALE
        family = self.families.family_for(
            slot.school.city, kind="sole_and_none" if slot.login == PARENTS else ""
        )
        education_number = education_number or rng.random() < EDUCATION_NUMBER_SHARE
        first, prefix, last = self.f.first_name(gender), family.child_prefix, family.child_last
        pupil = Pupil(
            uuid=self.f.uuid(),
            first_name=first,
            name_prefix=prefix,
            last_name=last,
            date_of_birth=born,
            gender=gender,
            bsn=None if education_number else self.numbers.bsn(),
            education_number=self.numbers.onderwijsnummer() if education_number else None,
            current_school=slot.school,
            current_group=slot.group,
            search_name=Pupil.make_search_name(first, prefix, last),
        )
        self.plan.pupils.append(pupil)
        if slot.login == Username.PUPIL_16:
            pupil.user = self._user("Leerling", login=slot.login, names=(first, prefix, last))
        self.families.link(pupil, family, adult=age >= 18)
        if slot.login == PARENTS:  # mother with sole authority, father without
            for parent, login in zip(
                family.parents,
                (Username.PARENT_WITH_AUTHORITY, Username.PARENT_WITHOUT_AUTHORITY),
                strict=True,
            ):
                g = parent.guardian
                g.user = self._user("Ouder", login=login, names=(g.first_name, g.name_prefix, g.last_name))
        return pupil, grade, held_back

    def _enrolments(
        self,
        pupil: Pupil,
        slot: _Slot,
        grade: int,
        held_back: int,
        po_schools: list[School],
        vo_schools: list[School],
    ) -> None:
        """The current enrolment and the history before it (another primary school; the primary school of a
        secondary pupil; the other secondary school)."""
        rng, year, school = self.rng, self.year, slot.school

        def enrol(at: School, start: dt.date, end: dt.date | None = None) -> None:
            self.plan.enrolments.append(
                Enrolment(
                    uuid=self.f.uuid(),
                    pupil=pupil,
                    school=at,
                    start_date=start,
                    end_date=end,
                    group=slot.group if end is None else None,
                )
            )

        fourth_birthday = add_years(pupil.date_of_birth, 4)
        if school.school_type == SchoolType.PRIMARY:
            start = fourth_birthday
            if grade >= 3 and rng.random() < TRANSFER_PO:  # moved house
                start = dt.date(year - rng.randint(1, grade - 2), 8, 1) + dt.timedelta(
                    days=rng.randint(14, 200)
                )
                enrol(
                    rng.choice([s for s in po_schools if s is not school]),
                    fourth_birthday,
                    start - dt.timedelta(days=1),
                )
            enrol(school, start)
            return
        start = dt.date(year - grade + 1 - held_back, 8, 1)
        same_town = [s for s in po_schools if s.city == school.city]
        enrol(
            rng.choice(same_town if same_town and rng.random() < 0.7 else po_schools),
            fourth_birthday,
            start - dt.timedelta(days=1),
        )
        if grade >= 3 and rng.random() < SWITCH_VO:
            switched = dt.date(year - rng.randint(0, grade - 2), 8, 1)  # always after `start`
            enrol(
                rng.choice([s for s in vo_schools if s is not school]), start, switched - dt.timedelta(days=1)
            )
            start = switched
        enrol(school, start)


def generate(*, seed: int, scale: float, school_year: int | None = None) -> Plan:
    """The demo region as unsaved instances (no database access)."""
    return Generator(seed=seed, scale=scale, school_year=school_year or current_school_year()).generate()


def demo_region_exists() -> bool:
    return Region.objects.filter(name=data.REGION_NAME).exists()


def _save(plan: Plan, *, seed: int) -> None:
    password = make_password(DEMO_PASSWORD)  # one (slow) hash, shared by every demo account
    for user in plan.users:
        user.password = password
    plan.region.save()
    batches: list[tuple[type[models.Model], list[Any]]] = [
        (SchoolBoard, plan.boards),
        (School, plan.schools),
        (Group, plan.groups),
        (PartnerType, plan.partner_types),
        (PartnerOrganisation, plan.partners),
        (User, plan.users),
        (StaffRole, plan.staff_roles),
        (GroupTeacher, plan.group_teachers),
        (CareTeam, plan.teams),
        (Membership, plan.memberships),
        (Pupil, plan.pupils),
        (Enrolment, plan.enrolments),
        (Guardian, plan.guardians),
        (PupilGuardian, plan.links),
    ]
    for model, objects in batches:
        model._default_manager.bulk_create(objects)
    TOTPDevice.objects.bulk_create(
        TOTPDevice(user=user, name=device_name(seed), confirmed=True, key=totp_key_hex(seed, user.username))
        for user in plan.users
    )


def load_demo_region(*, seed: int, scale: float) -> Plan | None:
    """Create the demo region with its care routes in one transaction; None when it already exists (then nothing
    is written). `plan.case_stats` tells what the care routes hold."""
    with transaction.atomic():
        if demo_region_exists():
            return None
        plan = generate(seed=seed, scale=scale)
        _save(plan, seed=seed)
        plan.case_stats = build_cases(region=plan.region, seed=seed, scale=scale)
        plan.meeting_series = add_meeting_series(region=plan.region, seed=seed)
        audit.record(
            "demo.loaded",
            actor=None,
            actor_label="load_demo",
            target=plan.region,
            changes={
                "seed": seed,
                "scale": scale,
                "pupils": len(plan.pupils),
                "cases": plan.case_stats.cases,
                "signals": plan.case_stats.signals,
                "meeting_series": plan.meeting_series,
            },
        )
    return plan


def add_missing_care_routes(*, seed: int, scale: float) -> Stats | None:
    """A demo region loaded before the care routes existed gets them now (once); None when there is nothing to do."""
    with transaction.atomic():
        region = Region.objects.filter(name=data.REGION_NAME).first()
        if region is None or region.route_templates.exists():
            return None
        stats = build_cases(region=region, seed=seed, scale=scale)
        audit.record(
            "demo.loaded",
            actor=None,
            actor_label="load_demo",
            target=region,
            changes={"seed": seed, "scale": scale, "cases": stats.cases, "signals": stats.signals},
        )
    return stats


def add_missing_meeting_series() -> int:
    """A demo region loaded before the meeting series existed gets them now (once): 0 when every team has one."""
    region = Region.objects.filter(name=data.REGION_NAME).first()
    return 0 if region is None else add_meeting_series(region=region)
