"""factory_boy factories shared by all apps' tests. Fictitious data only."""

from __future__ import annotations

import datetime as dt

import factory
from django_otp.plugins.otp_totp.models import TOTPDevice
from faker import Faker
from stdnum.nl import bsn as bsn_module

from zorgroute.accounts.models import User
from zorgroute.core.time import current_school_year
from zorgroute.organisations import constants as oc
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
from zorgroute.pupils.models import Enrolment, Guardian, Pupil, PupilGuardian

TEST_PASSWORD = "correct-horse-battery-staple"

# The persona pupils' names (testing/personas.py). Tests assert that a page does *not* show them, so no other
# fictitious person may be given one of these names by chance.
RESERVED_FIRST_NAMES = frozenset({"Sanne", "Daan", "Lotte", "Bram"})
RESERVED_LAST_NAMES = frozenset({"Jansen", "de Vries", "Bakker", "Visser"})
_faker = Faker("nl_NL")


def _unreserved(kind: str, reserved: frozenset[str]) -> str:
    while True:
        name = getattr(_faker, kind)()
        if not any(taken in name for taken in reserved):
            return name


def fictitious_first_name() -> str:
    return _unreserved("first_name", RESERVED_FIRST_NAMES)


def fictitious_last_name() -> str:
    return _unreserved("last_name", RESERVED_LAST_NAMES)


def valid_bsn(n: int) -> str:
    """The n-th valid BSN starting from 100000000 (deterministic, fictitious)."""
    candidate = 100_000_000 + n * 100  # one valid BSN in every 11 numbers: blocks never overlap
    while True:
        digits = f"{candidate:09d}"
        if bsn_module.is_valid(digits):
            return digits
        candidate += 1


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.LazyFunction(fictitious_first_name)
    last_name = factory.LazyFunction(fictitious_last_name)
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def give_totp(user: User) -> TOTPDevice:
    """A confirmed authenticator device; tests compute codes with django_otp.oath.totp(device.bin_key)."""
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Samenwerkingsverband Test {n}")
    code = factory.Sequence(lambda n: f"PO{n:02d}-01")


class SchoolBoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolBoard

    name = factory.Sequence(lambda n: f"Stichting Testonderwijs {n}")


def _brin(n: int) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXZ"
    return f"{10 + n % 90:02d}{letters[(n // 90) % len(letters)]}{letters[n % len(letters)]}"


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    region = factory.SubFactory(RegionFactory)
    board = factory.SubFactory(SchoolBoardFactory)
    name = factory.Sequence(lambda n: f"Basisschool De Test {n}")
    brin = factory.Sequence(_brin)
    school_type = oc.SchoolType.PRIMARY
    city = "Teststad"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    school = factory.SubFactory(SchoolFactory)
    school_year = factory.LazyFunction(current_school_year)
    name = factory.Sequence(lambda n: f"Groep {n}")


class GroupTeacherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupTeacher

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(UserFactory)


class StaffRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffRole

    user = factory.SubFactory(UserFactory)
    role = oc.StaffRoleKind.TEACHER
    valid_from = dt.date(2020, 1, 1)


class PartnerTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerType

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Partnertype {n}")


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    region = factory.SubFactory(RegionFactory)
    partner_type = factory.SubFactory(PartnerTypeFactory, region=factory.SelfAttribute("..region"))
    name = factory.Sequence(lambda n: f"Partner {n}")
    professional_secrecy = True


class CareTeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CareTeam

    region = factory.SubFactory(RegionFactory)
    kind = oc.CareTeamKind.REGIONAL_TEAM
    name = factory.Sequence(lambda n: f"ZAT {n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    team = factory.SubFactory(CareTeamFactory)
    user = factory.SubFactory(UserFactory)
    role = oc.TeamRole.MEMBER
    valid_from = dt.date(2020, 1, 1)


class PupilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pupil

    first_name = factory.LazyFunction(fictitious_first_name)
    name_prefix = ""
    last_name = factory.LazyFunction(fictitious_last_name)
    date_of_birth = dt.date(2016, 5, 17)
    bsn = factory.Sequence(valid_bsn)
    search_name = factory.LazyAttribute(
        lambda p: Pupil.make_search_name(p.first_name, p.name_prefix, p.last_name)
    )

    @classmethod
    def enrolled(cls, group: Group, **kwargs: object) -> Pupil:
        pupil = cls(current_school=group.school, current_group=group, **kwargs)
        Enrolment.objects.create(
            pupil=pupil, school=group.school, group=group, start_date=dt.date(2022, 8, 20)
        )
        return pupil


class GuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guardian

    first_name = factory.LazyFunction(fictitious_first_name)
    last_name = factory.LazyFunction(fictitious_last_name)
    email = factory.Sequence(lambda n: f"ouder{n}@example.org")


class PupilGuardianFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PupilGuardian

    pupil = factory.SubFactory(PupilFactory)
    guardian = factory.SubFactory(GuardianFactory)
    relationship = "mother"
    authority = "joint"
