"""Set-up shared by the portal's tests."""

from __future__ import annotations

import datetime as dt

from zorgroute.core.time import today
from zorgroute.pupils.models import Guardian, PupilGuardian
from zorgroute.testing import factories as f

BASE_URL = "http://testserver/"


def mother(world) -> Guardian:
    return world.parent_with_authority.guardian_profile


def father(world) -> Guardian:
    return world.parent_without_authority.guardian_profile


def new_guardian(pupil, *, authority: str = "joint", user=None, **link) -> PupilGuardian:
    """A guardian of `pupil` without a login (unless `user`), linked with `authority`."""
    guardian = f.GuardianFactory(user=user, email="")
    return f.PupilGuardianFactory(pupil=pupil, guardian=guardian, authority=authority, **link)


def parent_of_16(world):
    """A mother with authority and a login for the pupil of 16+ (the personas' world gives Bram no parents)."""
    user = f.UserFactory(username="moeder_bram")
    link = new_guardian(world.pupil_16, user=user, relationship="mother")
    return user, link


def make_age(pupil, years: int) -> None:
    born = today().replace(year=today().year - years, day=1) - dt.timedelta(days=1)
    type(pupil).objects.filter(pk=pupil.pk).update(date_of_birth=born)
    pupil.refresh_from_db()
