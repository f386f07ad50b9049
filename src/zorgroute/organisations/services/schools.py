"""Schools, groups and their teachers.

Services do not check permissions: the caller obtained every object through `access/`. Free text never goes
into an audit row's `changes`, only that the field changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from stdnum.nl import brin as brin_module

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.core.time import today
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.organisations.models import (
    Group,
    GroupTeacher,
    Region,
    School,
    SchoolBoard,
    StaffRole,
)
from zorgroute.organisations.services._common import (
    _active_on,
    _clean,
    _created,
    _update,
)


def _normalise_brin(value: str) -> str:
    return brin_module.compact(value or "")


def _check_brin_free(brin: str, location_code: str, school: School | None = None) -> None:
    qs = School.objects.filter(brin=brin, location_code=location_code)
    if school is not None:
        qs = qs.exclude(pk=school.pk)
    if qs.exists():
        raise ConflictError(
            _("A school with this BRIN number and location code already exists."), field="brin"
        )


_SCHOOL_FIELDS = (
    "board",
    "name",
    "brin",
    "location_code",
    "school_type",
    "street_address",
    "postal_code",
    "city",
)


def school_create(
    *,
    actor: Any,
    region: Region,
    board: SchoolBoard,
    name: str,
    brin: str,
    school_type: str,
    city: str,
    location_code: str = "00",
    street_address: str = "",
    postal_code: str = "",
) -> School:
    school = School(
        region=region,
        board=board,
        name=name.strip(),
        brin=_normalise_brin(brin),
        location_code=location_code.strip(),
        school_type=school_type,
        street_address=street_address.strip(),
        postal_code=postal_code.strip().upper(),
        city=city.strip(),
    )
    _check_brin_free(school.brin, school.location_code)
    _clean(school, exclude=["uuid"])
    with transaction.atomic():
        school.save()
        audit.record(
            "school.created",
            actor=actor,
            target=school,
            changes=_created(school, ["region", *_SCHOOL_FIELDS]),
        )
    return school


def school_update(
    *,
    actor: Any,
    school: School,
    board: SchoolBoard,
    name: str,
    brin: str,
    school_type: str,
    city: str,
    location_code: str = "00",
    street_address: str = "",
    postal_code: str = "",
    is_active: bool = True,
) -> School:
    brin, location_code = _normalise_brin(brin), location_code.strip()
    values: dict[str, Any] = {
        "board": board,
        "name": name.strip(),
        "brin": brin,
        "location_code": location_code,
        "school_type": school_type,
        "street_address": street_address.strip(),
        "postal_code": postal_code.strip().upper(),
        "city": city.strip(),
        "is_active": is_active,
    }
    _check_brin_free(brin, location_code, school)
    _update(school, values, event="school.updated", actor=actor)
    return school


def group_create(
    *, actor: Any, school: School, school_year: int, name: str, grade: int | None = None
) -> Group:
    name = name.strip()
    if school.groups.filter(school_year=school_year, name__iexact=name).exists():
        raise ConflictError(
            _("This school already has a group with this name in that school year."), field="name"
        )
    group = Group(school=school, school_year=school_year, name=name, grade=grade)
    _clean(group, exclude=["uuid"])
    with transaction.atomic():
        group.save()
        audit.record(
            "group.created",
            actor=actor,
            target=group,
            changes=_created(group, ["school", "school_year", "name", "grade"]),
        )
    return group


def group_update(*, actor: Any, group: Group, name: str, grade: int | None = None) -> Group:
    name = name.strip()
    if (
        group.school.groups.filter(school_year=group.school_year, name__iexact=name)
        .exclude(pk=group.pk)
        .exists()
    ):
        raise ConflictError(
            _("This school already has a group with this name in that school year."), field="name"
        )
    _update(group, {"name": name, "grade": grade}, event="group.updated", actor=actor)
    return group


def group_teacher_add(*, actor: Any, group: Group, user: User, role: str) -> GroupTeacher:
    """Link a teacher or mentor to a group. They must hold an active teacher role at the group's school."""
    if not StaffRole.objects.filter(
        _active_on(today()), user=user, role=StaffRoleKind.TEACHER, school_id=group.school_id
    ).exists():
        raise ValidationError(_("This person has no active teacher role at this school."), field="user")
    if group.teacher_links.filter(user=user).exists():
        raise ConflictError(_("This person is already linked to the group."), field="user")
    link = GroupTeacher(group=group, user=user, role=role)
    _clean(link, exclude=["uuid"])
    with transaction.atomic():
        link.save()
        audit.record(
            "group.teacher_added",
            actor=actor,
            target=group,
            changes={"teacher": {"new": str(user.uuid)}, "role": {"new": role}},
        )
    return link


def group_teacher_remove(*, actor: Any, link: GroupTeacher) -> None:
    with transaction.atomic():
        group, user_uuid, role = link.group, link.user.uuid, link.role
        link.delete()
        audit.record(
            "group.teacher_removed",
            actor=actor,
            target=group,
            changes={"teacher": {"old": str(user_uuid)}, "role": {"old": role}},
        )
