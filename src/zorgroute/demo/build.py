"""Build the demo region: generate unsaved model instances from a seed, then bulk-insert them in one transaction.

Deterministic: one `random.Random(seed)` and one seeded `Faker("nl_NL")` decide every name, identifier and date, in a
fixed order (no set iteration, no clock). Only the school year is taken from today, so ages and groups stay current.
Generation touches no database, so it can be compared between runs without writing.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.core.time import current_school_year
from zorgroute.demo import data
from zorgroute.demo.credentials import DEMO_PASSWORD, LOGIN_USERNAMES, Username, totp_key_hex
from zorgroute.demo.identifiers import UniqueDrawer
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
from zorgroute.pupils.constants import Authority, Gender, Relationship
from zorgroute.pupils.models import Enrolment, Guardian, Pupil, PupilGuardian

DEVICE_NAME_PREFIX = "Demo (seed "

# Share of new families per kind of authority situation (gezag). Every kind occurs at least once at any scale.
FAMILY_KINDS: tuple[tuple[str, float], ...] = (
    ("together", 0.58),  # two parents, joint authority, one household
    ("same_sex", 0.03),  # two mothers, joint authority
    ("divorced_joint", 0.15),  # divorced, joint authority, two households
    ("sole_and_none", 0.07),  # one parent with sole authority, the other parent without authority
    ("court_information", 0.01),  # as above; a court regulates what the parent without authority hears
    ("withheld", 0.01),  # as above; information withheld from that parent in the child's interest
    ("single", 0.09),  # one parent known, sole authority
    ("supervision", 0.04),  # parents with authority, the child under a supervision order (OTS)
    ("institution", 0.02),  # guardianship (voogdij) by the certified institution, child in a foster family
)
SIBLING_SHARE = 0.22
HELD_BACK_PO = 0.05
HELD_BACK_VO = 0.08
TRANSFER_PO = 0.07
SWITCH_VO = 0.04
EDUCATION_NUMBER_SHARE = 0.02
DUO_TEACHERS = 0.35
_NAME_RE = re.compile(r"^(?:(?:van|de|der|den|het|'t|'s|ter|ten|te|in|op|uit|d')\s)*[A-Z][\w'-]+$")


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

    def counts(self) -> dict[str, int]:
        return {name: len(value) for name, value in vars(self).items() if isinstance(value, list)}


@dataclass
class _Parent:
    guardian: Guardian
    relationship: str
    authority: str
    lives_with_child: bool = True
    supervision_order: bool = False
    court_information_arrangement: bool = False
    withhold_information: bool = False


@dataclass
class _Family:
    kind: str
    child_prefix: str
    child_last: str
    town: str
    parents: list[_Parent] = field(default_factory=list)
    children: int = 0


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def _suffix(index: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]


class Generator:
    """Generates one demo region. Use `generate()` once per instance."""

    def __init__(self, *, seed: int, scale: float, school_year: int) -> None:
        self.seed = seed
        self.scale = scale
        self.year = school_year
        self.rng = random.Random(seed)
        self.ids = random.Random(f"{seed}:uuid")  # separate stream: stable URLs without shifting the content
        self.numbers = UniqueDrawer(random.Random(f"{seed}:numbers"))
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)
        self.plan = Plan(region=Region(uuid=self._uuid(), name=data.REGION_NAME, code=data.REGION_CODE))
        self.usernames: set[str] = set(LOGIN_USERNAMES)
        self.login_users: dict[str, User] = {}
        self.partner_by_key: dict[str, PartnerOrganisation] = {}
        self.families: list[_Family] = []
        self.open_families: dict[str, list[_Family]] = defaultdict(list)
        self.forced_kinds: dict[int, str] = {}
        self.pending_kinds: list[str] = []
        self.forced_education_number = -1
        self.institution_workers: list[Guardian] = []
        self.pupil_count = 0

    # --- small helpers --------------------------------------------------------------------------------------------
    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)

    def _last_name(self) -> tuple[str, str]:
        """(prefix, last name), e.g. ("van der", "Meer"), from Faker's Dutch surnames (medieval oddities skipped)."""
        while True:
            full = self.fake.last_name()
            if _NAME_RE.match(full) and len(full) <= 30:
                break
        *prefix, last = full.split(" ")
        return " ".join(prefix), last

    def _first_name(self, gender: str) -> str:
        if gender == Gender.OTHER:
            gender = self.rng.choice((Gender.FEMALE, Gender.MALE))
        return self.fake.first_name_female() if gender == Gender.FEMALE else self.fake.first_name_male()

    def _address(self, town: str) -> dict[str, str]:
        postcode = self.fake.postcode().replace(" ", "")
        return {
            "street_address": self.fake.street_address(),
            "postal_code": f"{postcode[:4]} {postcode[4:]}",
            "city": town,
        }

    def _phone(self) -> str:
        return f"06-{self.rng.randint(10_000_000, 99_999_999)}"

    def _username(self, first: str, prefix: str, last: str) -> str:
        base = f"{_slug(first)[:1]}.{_slug(prefix)}{_slug(last)}"
        candidate, n = base, 1
        while candidate in self.usernames:
            n += 1
            candidate = f"{base}{n}"
        self.usernames.add(candidate)
        return candidate

    def _user(self, job_title: str, *, login: str = "", names: tuple[str, str, str] | None = None) -> User:
        if names is None:
            first = self._first_name(self.rng.choice((Gender.FEMALE, Gender.MALE)))
            prefix, last = self._last_name()
        else:
            first, prefix, last = names
        username = login or self._username(first, prefix, last)
        user = User(
            uuid=self._uuid(),
            username=username,
            first_name=first,
            last_name=f"{prefix} {last}".strip(),
            email=f"{username}@{data.EMAIL_DOMAIN}",
            job_title=job_title,
        )
        self.plan.users.append(user)
        if login:
            self.login_users[login] = user
        return user

    def _staff_role(self, user: User, role: str, **scope: Any) -> None:
        self.plan.staff_roles.append(
            StaffRole(
                uuid=self._uuid(),
                user=user,
                role=role,
                valid_from=dt.date(self.year - self.rng.randint(0, 8), 8, 1),
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
        partner: Any = None,
        substitute: User | None = None,
        on_call: bool = False,
    ) -> None:
        self.plan.memberships.append(
            Membership(
                uuid=self._uuid(),
                team=team,
                user=user,
                partner=partner,
                role=role,
                function=function,
                is_fixed=not on_call,
                substitute=substitute,
                valid_from=dt.date(self.year, 8, 1),
                valid_to=dt.date(self.year + 1, 7, 31) if on_call else None,
            )
        )

    # --- the region -----------------------------------------------------------------------------------------------
    def generate(self) -> Plan:
        region = self.plan.region
        boards = [
            SchoolBoard(
                uuid=self._uuid(), name=name, competent_authority_number=f"{self.rng.randint(10_000, 99_999)}"
            )
            for name in data.BOARDS
        ]
        self.plan.boards = boards
        schools = [
            School(
                uuid=self._uuid(),
                region=region,
                board=boards[spec.board],
                name=spec.name,
                brin=self.numbers.brin(),
                school_type=spec.school_type,
                **self._address(spec.town),
            )
            for spec in data.SCHOOLS
        ]
        self.plan.schools = schools
        partners = self._partners()
        self._region_staff()
        groups_by_school = [
            self._groups(school, spec) for school, spec in zip(schools, data.SCHOOLS, strict=True)
        ]
        heads, coordinators = self._school_staff(schools)
        self._care_teams(schools, heads, coordinators, partners)
        self._pupils(schools, groups_by_school)
        return self.plan

    def _partners(self) -> dict[str, list[User]]:
        staff: dict[str, list[User]] = {}
        types: dict[str, PartnerType] = {}
        for spec in data.PARTNERS:
            if spec.type_name not in types:
                types[spec.type_name] = PartnerType(
                    uuid=self._uuid(), region=self.plan.region, name=spec.type_name
                )
                self.plan.partner_types.append(types[spec.type_name])
            partner = PartnerOrganisation(
                uuid=self._uuid(),
                region=self.plan.region,
                partner_type=types[spec.type_name],
                name=spec.name,
                phone=f"088-{self.rng.randint(1_000_000, 9_999_999)}",
                email=f"{spec.key}@{data.EMAIL_DOMAIN}",
                website=f"https://{spec.key}.{data.EMAIL_DOMAIN}/",
                street_address=self.fake.street_address(),
                city=data.TOWNS[0],
                legal_basis=spec.legal_basis,
                professional_secrecy=spec.professional_secrecy,
            )
            self.plan.partners.append(partner)
            staff[spec.key] = []
            for index, job_title in enumerate(spec.staff):
                login = _PARTNER_LOGINS.get((spec.key, index), "")
                user = self._user(job_title, login=login)
                self._staff_role(user, StaffRoleKind.PARTNER_STAFF, partner=partner)
                staff[spec.key].append(user)
        self.partner_by_key = {spec.key: p for spec, p in zip(data.PARTNERS, self.plan.partners, strict=True)}
        # The certified institution's workers act as guardians (voogd) of the children in its guardianship.
        for worker in staff["gi"]:
            self.institution_workers.append(
                Guardian(
                    uuid=self._uuid(),
                    first_name=worker.first_name,
                    last_name=worker.last_name,
                    email=worker.email,
                    phone=self._phone(),
                    institution=data.GUARDIAN_INSTITUTION,
                    city=data.TOWNS[0],
                )
            )
        self.plan.guardians.extend(self.institution_workers)
        return staff

    def _region_staff(self) -> None:
        region = self.plan.region
        for role, login, title in (
            (StaffRoleKind.FUNCTIONAL_ADMIN, Username.FUNCTIONAL_ADMIN, "Functioneel beheerder"),
            (StaffRoleKind.PRIVACY_OFFICER, Username.PRIVACY_OFFICER, "Functionaris gegevensbescherming"),
            (
                StaffRoleKind.POLICY_ANALYST,
                Username.POLICY_ANALYST,
                "Beleidsmedewerker jeugd, gemeente Lindewaard",
            ),
        ):
            self._staff_role(self._user(title, login=login), role, region=region)
        self._staff_role(
            self._user("Systeembeheerder", login=Username.SYSTEM_ADMIN), StaffRoleKind.SYSTEM_ADMIN
        )

    def _groups(self, school: School, spec: data.SchoolSpec) -> list[tuple[Group, data.GroupSpec, int]]:
        """(group, spec, number of pupils) for the current school year. Above scale 1 the parallels multiply."""
        factor = max(1, round(self.scale)) if self.scale > 1 else 1
        result = []
        for group_spec in spec.groups:
            parallels = group_spec.parallels * factor
            for index in range(parallels):
                if school.school_type == SchoolType.PRIMARY:
                    name = f"Groep {group_spec.label}{_suffix(index) if parallels > 1 else ''}"
                else:
                    name = f"{group_spec.label}{index + 1 if parallels > 1 else ''}"
                group = Group(
                    uuid=self._uuid(),
                    school=school,
                    school_year=self.year,
                    name=name,
                    grade=min(group_spec.grades),
                )
                size = max(1, round(self.rng.randint(*group_spec.size) * self.scale / factor))
                self.plan.groups.append(group)
                result.append((group, group_spec, size))
        return result

    def _school_staff(self, schools: list[School]) -> tuple[list[User], list[User]]:
        heads, coordinators = [], []
        for index, school in enumerate(schools):
            po = school.school_type == SchoolType.PRIMARY
            head = self._user(
                "Directeur" if po else "Rector", login=Username.SCHOOL_HEAD if index == 0 else ""
            )
            self._staff_role(head, StaffRoleKind.SCHOOL_HEAD, school=school)
            coordinator = self._user(
                "Intern begeleider" if po else "Zorgcoördinator",
                login=Username.CARE_COORDINATOR if index == 0 else "",
            )
            self._staff_role(coordinator, StaffRoleKind.CARE_COORDINATOR, school=school)
            heads.append(head)
            coordinators.append(coordinator)
        for group in self.plan.groups:
            po = group.school.school_type == SchoolType.PRIMARY
            is_login_group = group.school is schools[0] and group.name in ("Groep 5", "Groep 5a")
            teachers = 1 if is_login_group or not po or self.rng.random() >= DUO_TEACHERS else 2
            for _ in range(teachers):
                title = f"Leerkracht {group.name.lower()}" if po else f"Mentor {group.name}"
                teacher = self._user(title, login=Username.TEACHER if is_login_group else "")
                self._staff_role(teacher, StaffRoleKind.TEACHER, school=group.school)
                self.plan.group_teachers.append(
                    GroupTeacher(
                        uuid=self._uuid(),
                        group=group,
                        user=teacher,
                        role=GroupTeacherRole.TEACHER if po else GroupTeacherRole.MENTOR,
                    )
                )
        return heads, coordinators

    def _care_teams(
        self, schools: list[School], heads: list[User], coordinators: list[User], staff: dict[str, list[User]]
    ) -> None:
        region, partner = self.plan.region, self.partner_by_key
        jgz, smw, swv = staff["jgz"], staff["smw"], staff["swv"]
        for index, school in enumerate(schools):
            team = CareTeam(
                uuid=self._uuid(),
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
                partner=partner["smw"],
            )
            self._membership(
                team,
                nurse,
                TeamRole.MEMBER,
                "Jeugdverpleegkundige",
                partner=partner["jgz"],
                substitute=other_nurse,
            )
        zat = CareTeam(uuid=self._uuid(), region=region, kind=CareTeamKind.REGIONAL_TEAM, name=data.ZAT_NAME)
        self.plan.teams.append(zat)
        self._membership(zat, swv[0], TeamRole.CHAIR, "Voorzitter", partner=partner["swv"], substitute=swv[1])
        self._membership(
            zat, swv[1], TeamRole.COORDINATOR, "Coördinator", partner=partner["swv"], substitute=swv[0]
        )
        self._membership(zat, swv[2], TeamRole.MINUTE_TAKER, "Notulist", partner=partner["swv"])
        for key, index, function in (
            ("swv", 3, "Vertegenwoordiger samenwerkingsverband"),
            ("jgz", 0, "Jeugdarts"),
            ("smw", 1, "Schoolmaatschappelijk werker"),
            ("wijkteam", 0, "Toegang jeugdhulp (wijkteam)"),
            ("ortho", 0, "Orthopedagoog"),
            ("eso", 0, "Deskundige speciaal onderwijs"),
        ):
            self._membership(zat, staff[key][index], TeamRole.MEMBER, function, partner=partner[key])
        for key, function in (
            ("leerplicht", "Leerplichtambtenaar"),
            ("veiligthuis", "Veilig Thuis"),
            ("politie", "Politie (jeugd)"),
            ("ggz", "Jeugd-GGZ"),
            ("gi", "Jeugdbescherming"),
        ):
            self._membership(
                zat, staff[key][0], TeamRole.ON_CALL, function, partner=partner[key], on_call=True
            )

    # --- pupils, enrolments and families --------------------------------------------------------------------------
    def _pupils(
        self, schools: list[School], groups_by_school: list[list[tuple[Group, data.GroupSpec, int]]]
    ) -> None:
        total = sum(size for groups in groups_by_school for _, _, size in groups)
        kinds = [kind for kind, _ in FAMILY_KINDS]
        # Every kind of family appears at least once, at a position spread over the region (not all in group 1).
        positions = self.rng.sample(range(max(len(kinds), total // 2)), len(kinds))
        self.forced_kinds = dict(zip(positions, kinds, strict=True))
        self.forced_education_number = self.rng.randrange(total)
        po_schools = [s for s in schools if s.school_type == SchoolType.PRIMARY]
        vo_schools = [s for s in schools if s.school_type == SchoolType.SECONDARY]
        for school_index, groups in enumerate(groups_by_school):
            school = schools[school_index]
            for group, spec, size in groups:
                for position in range(size):
                    login = ""
                    if position == 0 and school_index == 0 and group.name in ("Groep 5", "Groep 5a"):
                        login = "parents"
                    elif position == 0 and school.name == "Lindeland Lyceum" and group.name in ("5H", "5H1"):
                        login = Username.PUPIL_16
                    force_older = (
                        position == 0 and spec.grades == (6,) and school.school_type == SchoolType.SECONDARY
                    )
                    self._pupil(
                        school,
                        group,
                        spec,
                        login=login,
                        force_older=force_older,
                        po_schools=po_schools,
                        vo_schools=vo_schools,
                    )

    def _pupil(
        self,
        school: School,
        group: Group,
        spec: data.GroupSpec,
        *,
        login: str,
        force_older: bool,
        po_schools: list[School],
        vo_schools: list[School],
    ) -> None:
        rng, year = self.rng, self.year
        po = school.school_type == SchoolType.PRIMARY
        grade = rng.choice(spec.grades)
        held_back = 1 if force_older or rng.random() < (HELD_BACK_PO if po else HELD_BACK_VO) else 0
        if login or (po and grade == 8):  # primary pupils are at most 12
            held_back = 0
        age = (grade + 3 if po else grade + 11) + held_back  # age on 1 August of this school year
        earliest = dt.date(year - age - 1, 8, 2)
        born = earliest + dt.timedelta(days=rng.randrange((dt.date(year - age, 8, 1) - earliest).days + 1))
        roll = rng.random()
        gender = Gender.OTHER if roll < 0.01 else Gender.FEMALE if roll < 0.5 else Gender.MALE
        family = self._family_for(school.city, new=bool(login))
        use_education_number = self.pupil_count == self.forced_education_number or (
            rng.random() < EDUCATION_NUMBER_SHARE
        )
        first = self._first_name(gender)
        pupil = Pupil(
            uuid=self._uuid(),
            first_name=first,
            name_prefix=family.child_prefix,
            last_name=family.child_last,
            date_of_birth=born,
            gender=gender,
            bsn=None if use_education_number else self.numbers.bsn(),
            education_number=self.numbers.onderwijsnummer() if use_education_number else None,
            current_school=school,
            current_group=group,
            search_name=Pupil.make_search_name(first, family.child_prefix, family.child_last),
        )
        self.pupil_count += 1
        self.plan.pupils.append(pupil)
        if login == Username.PUPIL_16:
            pupil.user = self._user(
                "Leerling", login=login, names=(first, family.child_prefix, family.child_last)
            )
        self._enrolments(pupil, school, group, grade, held_back, po_schools, vo_schools)
        self._link_family(pupil, family, adult=age >= 18)
        if login == "parents":
            self._parent_logins(family)

    def _enrolments(
        self,
        pupil: Pupil,
        school: School,
        group: Group,
        grade: int,
        held_back: int,
        po_schools: list[School],
        vo_schools: list[School],
    ) -> None:
        rng, year = self.rng, self.year

        def enrol(
            at: School, start: dt.date, end: dt.date | None = None, in_group: Group | None = None
        ) -> None:
            self.plan.enrolments.append(
                Enrolment(
                    uuid=self._uuid(), pupil=pupil, school=at, group=in_group, start_date=start, end_date=end
                )
            )

        fourth_birthday = _add_years(pupil.date_of_birth, 4)
        if school.school_type == SchoolType.PRIMARY:
            if grade >= 3 and rng.random() < TRANSFER_PO:  # moved house: came from another primary school
                moved = dt.date(year - rng.randint(1, grade - 2), 8, 1) + dt.timedelta(
                    days=rng.randint(14, 200)
                )
                enrol(
                    rng.choice([s for s in po_schools if s is not school]),
                    fourth_birthday,
                    moved - dt.timedelta(days=1),
                )
                enrol(school, moved, in_group=group)
            else:
                enrol(school, fourth_birthday, in_group=group)
            return
        # Secondary: the primary school first, then possibly the other secondary school.
        vo_start = dt.date(year - grade + 1 - held_back, 8, 1)
        same_town = [s for s in po_schools if s.city == school.city]
        enrol(
            rng.choice(same_town if same_town and rng.random() < 0.7 else po_schools),
            fourth_birthday,
            vo_start - dt.timedelta(days=1),
        )
        if grade >= 3 and rng.random() < SWITCH_VO:
            switched = dt.date(year - rng.randint(0, grade - 2), 8, 1)
            if switched > vo_start:
                enrol(
                    rng.choice([s for s in vo_schools if s is not school]),
                    vo_start,
                    switched - dt.timedelta(days=1),
                )
                vo_start = switched
        enrol(school, vo_start, in_group=group)

    def _family_for(self, town: str, *, new: bool) -> _Family:
        open_families = self.open_families[town]  # families with fewer than three children here
        if not new and open_families and self.rng.random() < SIBLING_SHARE:
            index = self.rng.randrange(len(open_families))
            family = open_families[index]
            if family.children == 2:  # the third child: close the family (swap-remove keeps this O(1))
                open_families[index] = open_families[-1]
                open_families.pop()
            return family
        if len(self.families) in self.forced_kinds:
            self.pending_kinds.append(self.forced_kinds[len(self.families)])
        if new:  # the family of the parent logins
            kind = "sole_and_none"
        elif self.pending_kinds:
            kind = self.pending_kinds.pop(0)
        else:
            kind = self.rng.choices([k for k, _ in FAMILY_KINDS], weights=[w for _, w in FAMILY_KINDS])[0]
        family = self._new_family(kind, town)
        self.families.append(family)
        self.open_families[town].append(family)
        return family

    def _guardian(
        self,
        gender: str,
        town: str,
        *,
        last: tuple[str, str] | None = None,
        address: dict[str, str] | None = None,
    ) -> Guardian:
        first = self._first_name(gender)
        prefix, last_name = last or self._last_name()
        guardian = Guardian(
            uuid=self._uuid(),
            first_name=first,
            name_prefix=prefix,
            last_name=last_name,
            email=f"{_slug(first)}.{_slug(prefix)}{_slug(last_name)}@{data.EMAIL_DOMAIN}",
            phone=self._phone(),
            **(address or self._address(town)),
        )
        self.plan.guardians.append(guardian)
        return guardian

    def _new_family(self, kind: str, town: str) -> _Family:
        rng = self.rng
        child_name = self._last_name()
        family = _Family(kind=kind, child_prefix=child_name[0], child_last=child_name[1], town=town)
        home = self._address(town)
        away_town = rng.choice(data.TOWNS)
        add = family.parents.append
        if kind in ("together", "supervision"):
            ots = kind == "supervision"
            mother = self._guardian(
                Gender.FEMALE, town, last=child_name if rng.random() < 0.35 else None, address=home
            )
            father = self._guardian(Gender.MALE, town, last=child_name, address=home)
            add(_Parent(mother, Relationship.MOTHER, Authority.JOINT, supervision_order=ots))
            add(_Parent(father, Relationship.FATHER, Authority.JOINT, supervision_order=ots))
        elif kind == "divorced_joint":
            # Two households. Half share the care (co-ouderschap); otherwise the child lives with one parent.
            co_parenting = rng.random() < 0.5
            with_father = not co_parenting and rng.random() < 0.3
            mother = self._guardian(
                Gender.FEMALE, away_town if with_father else town, address=None if with_father else home
            )
            father = self._guardian(
                Gender.MALE,
                town if with_father else away_town,
                last=child_name,
                address=home if with_father else None,
            )
            add(
                _Parent(
                    mother,
                    Relationship.MOTHER,
                    Authority.JOINT,
                    lives_with_child=co_parenting or not with_father,
                )
            )
            add(
                _Parent(
                    father, Relationship.FATHER, Authority.JOINT, lives_with_child=co_parenting or with_father
                )
            )
        elif kind == "same_sex":
            for last in (child_name, None):
                add(
                    _Parent(
                        self._guardian(Gender.FEMALE, town, last=last, address=home),
                        Relationship.PARENT,
                        Authority.JOINT,
                    )
                )
        elif kind in ("sole_and_none", "court_information", "withheld"):
            mother = self._guardian(Gender.FEMALE, town, address=home)
            father = self._guardian(Gender.MALE, away_town, last=child_name)
            add(_Parent(mother, Relationship.MOTHER, Authority.SOLE))
            add(
                _Parent(
                    father,
                    Relationship.FATHER,
                    Authority.NONE,
                    lives_with_child=False,
                    court_information_arrangement=kind == "court_information",
                    withhold_information=kind == "withheld",
                )
            )
        elif kind == "single":
            father_only = rng.random() < 0.2
            parent = self._guardian(
                Gender.MALE if father_only else Gender.FEMALE,
                town,
                last=child_name if father_only else None,
                address=home,
            )
            add(
                _Parent(
                    parent,
                    Relationship.FATHER if father_only else Relationship.MOTHER,
                    Authority.SOLE,
                    supervision_order=rng.random() < 0.05,
                )
            )
        elif kind == "institution":
            worker = rng.choice(self.institution_workers)
            add(
                _Parent(worker, Relationship.GUARDIAN, Authority.GUARDIAN_INSTITUTION, lives_with_child=False)
            )
            for _ in range(rng.choice((1, 2))):
                add(
                    _Parent(
                        self._guardian(rng.choice((Gender.FEMALE, Gender.MALE)), town, address=home),
                        Relationship.FOSTER_PARENT,
                        Authority.NONE,
                    )
                )
        else:  # pragma: no cover - FAMILY_KINDS and this switch change together
            raise ValueError(kind)
        return family

    def _link_family(self, pupil: Pupil, family: _Family, *, adult: bool) -> None:
        """Link the child to the family's guardians. Authority ends at 18: an adult pupil's parents hold none."""
        family.children += 1
        for parent in family.parents:
            self.plan.links.append(
                PupilGuardian(
                    uuid=self._uuid(),
                    pupil=pupil,
                    guardian=parent.guardian,
                    relationship=parent.relationship,
                    authority=Authority.NONE if adult else parent.authority,
                    supervision_order=parent.supervision_order and not adult,
                    court_information_arrangement=parent.court_information_arrangement,
                    withhold_information=parent.withhold_information,
                    lives_with_child=parent.lives_with_child,
                )
            )

    def _parent_logins(self, family: _Family) -> None:
        for parent, login in zip(
            family.parents, (Username.PARENT_WITH_AUTHORITY, Username.PARENT_WITHOUT_AUTHORITY), strict=True
        ):
            g = parent.guardian
            g.user = self._user("Ouder", login=login, names=(g.first_name, g.name_prefix, g.last_name))


# (partner key, index of the staff member) → demo login
_PARTNER_LOGINS = {
    ("smw", 0): Username.CARE_TEAM_MEMBER,
    ("swv", 0): Username.ZAT_CHAIR,
    ("swv", 1): Username.ZAT_COORDINATOR,
    ("wijkteam", 0): Username.ZAT_MEMBER,
    ("leerplicht", 0): Username.ON_CALL_PARTNER,
}


def generate(*, seed: int, scale: float, school_year: int | None = None) -> Plan:
    """The demo region as unsaved instances (no database access)."""
    return Generator(seed=seed, scale=scale, school_year=school_year or current_school_year()).generate()


def demo_region_exists() -> bool:
    return Region.objects.filter(name=data.REGION_NAME).exists()


def device_name(seed: int) -> str:
    return f"{DEVICE_NAME_PREFIX}{seed})"


def seed_of_device(name: str) -> int | None:
    """The seed recorded in a demo device's name, or None for any other device."""
    if not (name.startswith(DEVICE_NAME_PREFIX) and name.endswith(")")):
        return None
    try:
        return int(name[len(DEVICE_NAME_PREFIX) : -1])
    except ValueError:
        return None


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
    """Create the demo region in one transaction; None when it already exists (then nothing is written)."""
    with transaction.atomic():
        if demo_region_exists():
            return None
        plan = generate(seed=seed, scale=scale)
        _save(plan, seed=seed)
        audit.record(
            "demo.loaded",
            actor=None,
            actor_label="load_demo",
            target=plan.region,
            changes={"seed": seed, "scale": scale, "pupils": len(plan.pupils)},
        )
    return plan
