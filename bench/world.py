"""The organisations and people of a benchmark region: schools, groups, staff, care teams, pupils and guardians.

Fictitious and deterministic: one `random.Random` per school (seeded from the run's seed and the school's number),
names drawn from pools that one seeded Faker("nl_NL") fills once (demo/fictional.py), identifiers from
demo/identifiers.py (python-stdnum check digits). Dates follow today, like the demo, so ages and norms stay current.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from dataclasses import dataclass, field

from batch import Batch
from common import COORDINATOR_LOGIN
from django.contrib.auth.hashers import make_password
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.accounts.models import User
from zorgroute.demo.credentials import DEMO_PASSWORD, device_name, totp_key_hex
from zorgroute.demo.fictional import Fictional, add_years, slug
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

REGION_NAME = "Samenwerkingsverband Benchmarkregio"
EMAIL_DOMAIN = "example.org"  # reserved for documentation: never a real mailbox
TOWNS = (
    "Lindewaard",
    "Oosterveen",
    "Heidebroek",
    "Vlietdorp",
    "Kreekhaven",
    "Bosmolen",
    "Zandwijk",
    "Eikenrode",
)
BOARDS = 8
GROUP_SIZE = 26
TWO_PARENTS = 0.8
DUO_TEACHERS = 0.3
PARTNERS = (  # (key, type, name, staff)
    ("smw", "Schoolmaatschappelijk werk", "Schoolmaatschappelijk werk Benchmarkregio", 6),
    ("jgz", "Jeugdgezondheidszorg", "GGD Benchmarkregio, afdeling JGZ", 6),
    ("swv", "Samenwerkingsverband", "Bureau Samenwerkingsverband Benchmarkregio", 3),
    ("wijkteam", "Wijkteam", "Wijkteam Benchmarkregio", 2),
    ("leerplicht", "Leerplicht", "Leerplicht Benchmarkregio", 2),
)


@dataclass(frozen=True)
class RegionSpec:
    """What differs between the regions of a national build (bench/national.py); the defaults are the benchmark
    region of `--scale region`, unchanged."""

    name: str = REGION_NAME
    code: str = "SWV 98-01"
    label: str = "Benchmarkregio"  # in the names of its partners and its ZAT
    towns: tuple[str, ...] = TOWNS  # its municipalities: a school's town is towns[number % len(towns)]
    rng_key: str = "region"
    logins: bool = True  # bench.beheerder and bench.beleid work here (one region only: usernames are unique)
    first_board: int = 0  # boards are numbered across regions (their names are unique)
    staff_factor: int = 1  # partner staff per partner: PARTNERS' count times this


class Names:
    """Pools of fictitious Dutch names, filled once from a seeded Faker; drawing from them is cheap."""

    def __init__(self, seed: int) -> None:
        f = Fictional(seed)
        self.female = sorted({f.fake.first_name_female() for _ in range(600)})
        self.male = sorted({f.fake.first_name_male() for _ in range(600)})
        self.last = sorted({f.last_name() for _ in range(1500)})

    def first(self, rng: random.Random, gender: str) -> str:
        if gender == Gender.OTHER:
            gender = rng.choice((Gender.FEMALE, Gender.MALE))
        return rng.choice(self.female if gender == Gender.FEMALE else self.male)

    def family(self, rng: random.Random) -> tuple[str, str]:
        return rng.choice(self.last)


@dataclass
class Region_:
    """What the region-wide part of the build made, for the schools built after it."""

    region: Region
    boards: list[SchoolBoard]
    admin: User
    zat: CareTeam
    partner_staff: dict[str, list[User]]
    partners: dict[str, PartnerOrganisation]
    primary_schools: list[School] = field(default_factory=list)  # where secondary pupils went before
    towns: tuple[str, ...] = TOWNS


@dataclass
class SchoolPeople:
    """One school's generated rows that the care builder needs."""

    school: School
    head: User
    coordinator: User
    teachers_of_group: dict[int, User] = field(default_factory=dict)  # id(group) -> first teacher
    pupils: list[Pupil] = field(default_factory=list)


class World:
    def __init__(self, *, seed: int, batch: Batch, today: dt.date) -> None:
        self.seed = seed
        self.batch = batch
        self.today = today
        self.year = today.year if today.month >= 8 else today.year - 1
        self.names = Names(seed)
        self.numbers = UniqueDrawer(random.Random(f"{seed}:numbers"))
        self.password = make_password(DEMO_PASSWORD)  # one (slow) argon2 hash shared by every account
        self.user_count = 0

    # --- helpers --------------------------------------------------------------------------------------------------
    @staticmethod
    def uuid(rng: random.Random) -> uuid.UUID:
        return uuid.UUID(int=rng.getrandbits(128), version=4)

    def user(self, rng: random.Random, job_title: str, *, login: str = "") -> User:
        gender = rng.choice((Gender.FEMALE, Gender.MALE))
        first = self.names.first(rng, gender)
        prefix, last = self.names.family(rng)
        self.user_count += 1
        username = login or f"{slug(first)[:1]}.{slug(prefix + last)}.{self.user_count}"
        user = User(
            uuid=self.uuid(rng),
            username=username,
            password=self.password,
            first_name=first,
            last_name=f"{prefix} {last}".strip(),
            email=f"{username}@{EMAIL_DOMAIN}",
            job_title=job_title,
        )
        self.batch.add(user)
        if login:  # a known TOTP secret: `manage.py demo_totp <username> --seed <seed>` prints the code
            self.batch.add(
                TOTPDevice(
                    user=user, name=device_name(self.seed), confirmed=True, key=totp_key_hex(self.seed, login)
                )
            )
        return user

    def role(self, rng: random.Random, user: User, role: str, **scope: object) -> None:
        since = dt.date(self.year - 1 - rng.randint(0, 8), 8, 1)
        self.batch.add(StaffRole(uuid=self.uuid(rng), user=user, role=role, valid_from=since, **scope))

    def member(
        self, rng: random.Random, team: CareTeam, user: User, role: str, function: str, **extra: object
    ) -> None:
        self.batch.add(
            Membership(
                uuid=self.uuid(rng),
                team=team,
                user=user,
                role=role,
                function=function,
                valid_from=dt.date(self.year, 8, 1),
                **extra,
            )
        )

    # --- the region -----------------------------------------------------------------------------------------------
    def region(self, spec: RegionSpec = RegionSpec()) -> Region_:
        rng = random.Random(f"{self.seed}:{spec.rng_key}")
        region = self.batch.add(Region(uuid=self.uuid(rng), name=spec.name, code=spec.code))
        boards = [
            self.batch.add(SchoolBoard(uuid=self.uuid(rng), name=f"Stichting Onderwijs Benchmark {n + 1}"))
            for n in range(spec.first_board, spec.first_board + BOARDS)
        ]
        admin = self.user(rng, "Functioneel beheerder", login="bench.beheerder" if spec.logins else "")
        self.role(rng, admin, StaffRoleKind.FUNCTIONAL_ADMIN, region=region)
        analyst = self.user(rng, "Beleidsmedewerker jeugd", login="bench.beleid" if spec.logins else "")
        self.role(rng, analyst, StaffRoleKind.POLICY_ANALYST, region=region)
        staff: dict[str, list[User]] = {}
        partners: dict[str, PartnerOrganisation] = {}
        for key, type_name, name, count in PARTNERS:
            name = name.replace("Benchmarkregio", spec.label)
            kind = self.batch.add(PartnerType(uuid=self.uuid(rng), region=region, name=type_name))
            partner = self.batch.add(
                PartnerOrganisation(
                    uuid=self.uuid(rng), region=region, partner_type=kind, name=name, city=spec.towns[0]
                )
            )
            partners[key] = partner
            staff[key] = [self.user(rng, type_name) for _ in range(count * spec.staff_factor)]
            for user in staff[key]:
                self.role(rng, user, StaffRoleKind.PARTNER_STAFF, partner=partner)
        zat = self.batch.add(
            CareTeam(
                uuid=self.uuid(rng), region=region, kind=CareTeamKind.REGIONAL_TEAM, name=f"ZAT {spec.label}"
            )
        )
        swv = staff["swv"]
        self.member(rng, zat, swv[0], TeamRole.CHAIR, "Voorzitter", partner=partners["swv"])
        self.member(rng, zat, swv[1], TeamRole.COORDINATOR, "Coördinator", partner=partners["swv"])
        for key in ("jgz", "smw", "wijkteam", "leerplicht"):
            self.member(
                rng, zat, staff[key][0], TeamRole.MEMBER, staff[key][0].job_title, partner=partners[key]
            )
        return Region_(region, boards, admin, zat, staff, partners, towns=spec.towns)

    # --- one school -----------------------------------------------------------------------------------------------
    def school(self, ctx: Region_, *, number: int, school_type: str, pupils: int) -> SchoolPeople:
        rng = random.Random(f"{self.seed}:school:{number}")
        primary = school_type == SchoolType.PRIMARY
        town = ctx.towns[number % len(ctx.towns)]
        prefix, last = self.names.family(rng)
        name = f"{'Basisschool' if primary else 'Scholengemeenschap'} {prefix} {last}".replace("  ", " ")
        school = self.batch.add(
            School(
                uuid=self.uuid(rng),
                region=ctx.region,
                board=ctx.boards[number % len(ctx.boards)],
                name=f"{name} ({town}, {number + 1})",
                brin=self.numbers.brin(),
                school_type=school_type,
                city=town,
            )
        )
        head = self.user(rng, "Directeur" if primary else "Rector")
        self.role(rng, head, StaffRoleKind.SCHOOL_HEAD, school=school)
        coordinator = self.user(
            rng,
            "Intern begeleider" if primary else "Zorgcoördinator",
            login=COORDINATOR_LOGIN if number == 0 else "",
        )
        self.role(rng, coordinator, StaffRoleKind.CARE_COORDINATOR, school=school)
        people = SchoolPeople(school, head, coordinator)
        groups = self._groups(rng, people, primary, pupils)
        self._care_team(rng, ctx, people, number)
        earlier = [s for s in ctx.primary_schools if s.city == town] or ctx.primary_schools or [school]
        self._pupils(rng, people, groups, pupils, primary, earlier)
        if primary:
            ctx.primary_schools.append(school)
        return people

    def _groups(
        self, rng: random.Random, people: SchoolPeople, primary: bool, pupils: int
    ) -> list[tuple[Group, int]]:
        count = max(8 if primary else 6, round(pupils / GROUP_SIZE))
        grades = 8 if primary else 6
        groups: list[tuple[Group, int]] = []
        for index in range(count):
            grade = 1 + index * grades // count
            parallel = index - next(i for i in range(count) if 1 + i * grades // count == grade)
            letter = "abcdefghijklmnopqrstuvwxyz"[parallel % 26]
            name = f"Groep {grade}{letter}" if primary else f"{grade}{'HVM'[parallel % 3]}{parallel // 3 + 1}"
            group = self.batch.add(
                Group(
                    uuid=self.uuid(rng), school=people.school, school_year=self.year, name=name, grade=grade
                )
            )
            groups.append((group, grade))
            for duo in range(2 if primary and rng.random() < DUO_TEACHERS else 1):
                teacher = self.user(rng, f"Leerkracht {name.lower()}" if primary else f"Mentor {name}")
                self.role(rng, teacher, StaffRoleKind.TEACHER, school=people.school)
                role = GroupTeacherRole.TEACHER if primary else GroupTeacherRole.MENTOR
                self.batch.add(GroupTeacher(uuid=self.uuid(rng), group=group, user=teacher, role=role))
                if duo == 0:
                    people.teachers_of_group[id(group)] = teacher
        return groups

    def _care_team(self, rng: random.Random, ctx: Region_, people: SchoolPeople, number: int) -> None:
        team = self.batch.add(
            CareTeam(
                uuid=self.uuid(rng),
                region=ctx.region,
                school=people.school,
                kind=CareTeamKind.SCHOOL_CARE_TEAM,
                name=f"Zorgteam {people.school.name}",
            )
        )
        self.member(rng, team, people.head, TeamRole.CHAIR, people.head.job_title)
        self.member(rng, team, people.coordinator, TeamRole.MEMBER, people.coordinator.job_title)
        for key in ("smw", "jgz"):
            staff = ctx.partner_staff[key]
            user = staff[number % len(staff)]
            self.member(rng, team, user, TeamRole.MEMBER, user.job_title, partner=ctx.partners[key])

    def _pupils(
        self,
        rng: random.Random,
        people: SchoolPeople,
        groups: list[tuple[Group, int]],
        count: int,
        primary: bool,
        earlier: list[School],
    ) -> None:
        for index in range(count):
            group, grade = groups[index % len(groups)]
            roll = rng.random()
            gender = Gender.OTHER if roll < 0.01 else Gender.FEMALE if roll < 0.5 else Gender.MALE
            prefix, last = self.names.family(rng)
            first = self.names.first(rng, gender)
            age = (grade + 3 if primary else grade + 11) + (rng.random() < 0.06)
            born = dt.date(self.year - age - 1, 8, 2) + dt.timedelta(days=rng.randrange(365))
            pupil = self.batch.add(
                Pupil(
                    uuid=self.uuid(rng),
                    first_name=first,
                    name_prefix=prefix,
                    last_name=last,
                    date_of_birth=born,
                    gender=gender,
                    bsn=self.numbers.bsn(),
                    current_school=people.school,
                    current_group=group,
                    search_name=Pupil.make_search_name(first, prefix, last),
                )
            )
            people.pupils.append(pupil)
            start = add_years(born, 4) if primary else dt.date(self.year - grade + 1, 8, 1)
            if not primary:  # the primary school before
                self.batch.add(
                    Enrolment(
                        uuid=self.uuid(rng),
                        pupil=pupil,
                        school=rng.choice(earlier),
                        start_date=add_years(born, 4),
                        end_date=start - dt.timedelta(days=1),
                    )
                )
            self.batch.add(
                Enrolment(
                    uuid=self.uuid(rng), pupil=pupil, school=people.school, group=group, start_date=start
                )
            )
            self._parents(rng, pupil, people.school.city, prefix, last)

    def _parents(self, rng: random.Random, pupil: Pupil, town: str, prefix: str, last: str) -> None:
        parents = 2 if rng.random() < TWO_PARENTS else 1
        for index in range(parents):
            mother = index == 0
            names = (prefix, last) if not mother or parents == 1 else self.names.family(rng)
            guardian = self.batch.add(
                Guardian(
                    uuid=self.uuid(rng),
                    first_name=self.names.first(rng, Gender.FEMALE if mother else Gender.MALE),
                    name_prefix=names[0],
                    last_name=names[1],
                    phone=f"06-{rng.randint(10_000_000, 99_999_999)}",
                    city=town,
                )
            )
            self.batch.add(
                PupilGuardian(
                    uuid=self.uuid(rng),
                    pupil=pupil,
                    guardian=guardian,
                    relationship=Relationship.MOTHER if mother else Relationship.FATHER,
                    authority=Authority.JOINT if parents == 2 else Authority.SOLE,
                )
            )
