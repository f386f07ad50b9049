"""Writes on the organisations configuration (DOMAIN §2-§3): validate, save and audit in one transaction.

Services do not check permissions: the caller obtained every object through `access/`. Free text (addresses,
legal basis, function descriptions) never goes into an audit row's `changes`: only that the field changed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from stdnum.nl import brin as brin_module

from zorgroute import audit
from zorgroute.accounts import services as account_services
from zorgroute.accounts.models import User
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.core.time import today
from zorgroute.organisations.constants import ROLE_SCOPE, CareTeamKind, StaffRoleKind, TeamRole
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

MAX_REASON_LENGTH = 500
INITIAL_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# Fields whose values are free text: audited as "changed", never with their content.
_FREE_TEXT = frozenset(
    {"street_address", "postal_code", "legal_basis", "function", "phone", "email", "website"}
)


# --- helpers ------------------------------------------------------------------------------------------------


def _audit_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.uuid) if hasattr(value, "uuid") else None
    return value


def _change(name: str, old: Any, new: Any) -> dict[str, Any]:
    if name in _FREE_TEXT:
        return {"changed": True}
    return {"old": _audit_value(old), "new": _audit_value(new)}


def _created(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The structured fields of a new object, as audit `changes` ({field: {"new": value}})."""
    result: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name)
        if name in _FREE_TEXT:
            if value:
                result[name] = {"changed": True}
        else:
            result[name] = {"new": _audit_value(value)}
    return result


def _clean(obj: models.Model, exclude: list[str] | None = None) -> None:
    """Model validation (field validators such as the BRIN check) as a DomainError with its field."""
    try:
        obj.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        first_field, errors = next(iter(exc.message_dict.items()))
        raise ValidationError(
            str(errors[0]), field=None if first_field == "__all__" else first_field
        ) from exc


def _update(
    obj: models.Model, values: dict[str, Any], *, event: str, actor: Any, **record: Any
) -> dict[str, Any]:
    """Apply `values` to `obj`, validate, save the changed fields, audit old/new. Nothing changes on error."""
    old = {name: getattr(obj, name) for name in values}
    changes = {name: _change(name, old[name], new) for name, new in values.items() if old[name] != new}
    if not changes:
        return {}
    for name in changes:
        setattr(obj, name, values[name])
    try:
        _clean(obj)
        with transaction.atomic():
            obj.save(update_fields=[*changes, "updated_at"])
            audit.record(event, actor=actor, target=obj, changes=changes, **record)
    except Exception:
        for name, value in old.items():
            setattr(obj, name, value)
        raise
    return changes


def _required_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason."), field="reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(max)d characters.") % {"max": MAX_REASON_LENGTH}, field="reason"
        )
    return reason


def _check_period(valid_from: dt.date, valid_to: dt.date | None, field: str = "valid_to") -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(_("The end date lies before the start date."), field=field)


def _active_on(day: dt.date) -> models.Q:
    return models.Q(valid_from__lte=day) & (models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))


def _overlapping(valid_from: dt.date, valid_to: dt.date | None) -> models.Q:
    """Rows whose validity period overlaps [valid_from, valid_to] (open ends allowed)."""
    q = models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=valid_from)
    if valid_to is not None:
        q &= models.Q(valid_from__lte=valid_to)
    return q


# --- regions and boards -------------------------------------------------------------------------------------


def region_update(*, actor: Any, region: Region, name: str, code: str = "") -> Region:
    name = name.strip()
    if Region.objects.filter(name__iexact=name).exclude(pk=region.pk).exists():
        raise ConflictError(_("Another region already has this name."), field="name")
    _update(region, {"name": name, "code": code.strip()}, event="region.updated", actor=actor)
    return region


def _check_board_name(name: str, board: SchoolBoard | None = None) -> None:
    qs = SchoolBoard.objects.filter(name__iexact=name)
    if board is not None:
        qs = qs.exclude(pk=board.pk)
    if qs.exists():
        raise ConflictError(_("A school board with this name already exists."), field="name")


def board_create(*, actor: Any, name: str, competent_authority_number: str = "") -> SchoolBoard:
    name = name.strip()
    _check_board_name(name)
    board = SchoolBoard(name=name, competent_authority_number=competent_authority_number.strip())
    _clean(board)
    with transaction.atomic():
        board.save()
        audit.record(
            "board.created",
            actor=actor,
            target=board,
            changes=_created(board, ["name", "competent_authority_number"]),
        )
    return board


def board_update(
    *, actor: Any, board: SchoolBoard, name: str, competent_authority_number: str = ""
) -> SchoolBoard:
    name = name.strip()
    _check_board_name(name, board)
    _update(
        board,
        {"name": name, "competent_authority_number": competent_authority_number.strip()},
        event="board.updated",
        actor=actor,
    )
    return board


# --- schools and groups -------------------------------------------------------------------------------------


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


# --- partners (sociale kaart) -------------------------------------------------------------------------------


def partner_type_create(*, actor: Any, region: Region, name: str) -> PartnerType:
    name = name.strip()
    if region.partner_types.filter(name__iexact=name).exists():
        raise ConflictError(_("This region already has a partner type with this name."), field="name")
    partner_type = PartnerType(region=region, name=name)
    _clean(partner_type, exclude=["uuid"])
    with transaction.atomic():
        partner_type.save()
        audit.record(
            "partner_type.created",
            actor=actor,
            target=partner_type,
            changes=_created(partner_type, ["region", "name"]),
        )
    return partner_type


_PARTNER_FIELDS = (
    "partner_type",
    "name",
    "phone",
    "email",
    "website",
    "street_address",
    "city",
    "legal_basis",
    "professional_secrecy",
)


def _check_partner(
    region: Region, partner_type: PartnerType, name: str, partner: PartnerOrganisation | None = None
) -> None:
    if partner_type.region_id != region.pk:
        raise ValidationError(_("Choose a partner type of this region."), field="partner_type")
    qs = region.partners.filter(name__iexact=name)
    if partner is not None:
        qs = qs.exclude(pk=partner.pk)
    if qs.exists():
        raise ConflictError(_("This region already has a partner organisation with this name."), field="name")


def partner_create(
    *,
    actor: Any,
    region: Region,
    partner_type: PartnerType,
    name: str,
    phone: str = "",
    email: str = "",
    website: str = "",
    street_address: str = "",
    city: str = "",
    legal_basis: str = "",
    professional_secrecy: bool = False,
) -> PartnerOrganisation:
    name = name.strip()
    _check_partner(region, partner_type, name)
    partner = PartnerOrganisation(
        region=region,
        partner_type=partner_type,
        name=name,
        phone=phone.strip(),
        email=email.strip(),
        website=website.strip(),
        street_address=street_address.strip(),
        city=city.strip(),
        legal_basis=legal_basis.strip(),
        professional_secrecy=professional_secrecy,
    )
    _clean(partner, exclude=["uuid"])
    with transaction.atomic():
        partner.save()
        audit.record(
            "partner.created",
            actor=actor,
            target=partner,
            changes=_created(partner, ["region", *_PARTNER_FIELDS]),
        )
    return partner


def partner_update(
    *,
    actor: Any,
    partner: PartnerOrganisation,
    partner_type: PartnerType,
    name: str,
    phone: str = "",
    email: str = "",
    website: str = "",
    street_address: str = "",
    city: str = "",
    legal_basis: str = "",
    professional_secrecy: bool = False,
    is_active: bool = True,
) -> PartnerOrganisation:
    name = name.strip()
    _check_partner(partner.region, partner_type, name, partner)
    values = {
        "partner_type": partner_type,
        "name": name,
        "phone": phone.strip(),
        "email": email.strip(),
        "website": website.strip(),
        "street_address": street_address.strip(),
        "city": city.strip(),
        "legal_basis": legal_basis.strip(),
        "professional_secrecy": professional_secrecy,
        "is_active": is_active,
    }
    _update(partner, values, event="partner.updated", actor=actor)
    return partner


# --- care teams and memberships -----------------------------------------------------------------------------


def careteam_create(
    *, actor: Any, region: Region, kind: str, name: str, school: School | None = None
) -> CareTeam:
    name = name.strip()
    if kind == CareTeamKind.REGIONAL_TEAM:
        if school is not None:
            raise ValidationError(_("A regional team does not belong to one school."), field="school")
    else:
        if school is None:
            raise ValidationError(_("Choose the school this team belongs to."), field="school")
        if school.region_id != region.pk:
            raise ValidationError(_("Choose a school of this region."), field="school")
        if (
            kind == CareTeamKind.SCHOOL_CARE_TEAM
            and school.care_teams.filter(kind=CareTeamKind.SCHOOL_CARE_TEAM, is_active=True).exists()
        ):
            raise ConflictError(_("This school already has an active school care team."), field="school")
    team = CareTeam(region=region, kind=kind, name=name, school=school)
    _clean(team, exclude=["uuid"])
    with transaction.atomic():
        team.save()
        audit.record(
            "careteam.created",
            actor=actor,
            target=team,
            changes=_created(team, ["region", "school", "kind", "name"]),
        )
    return team


def careteam_update(*, actor: Any, team: CareTeam, name: str, is_active: bool = True) -> CareTeam:
    name = name.strip()
    if (
        is_active
        and not team.is_active
        and team.kind == CareTeamKind.SCHOOL_CARE_TEAM
        and team.school is not None
        and team.school.care_teams.filter(kind=CareTeamKind.SCHOOL_CARE_TEAM, is_active=True).exists()
    ):
        raise ConflictError(_("This school already has an active school care team."), field="is_active")
    _update(team, {"name": name, "is_active": is_active}, event="careteam.updated", actor=actor)
    return team


def _check_membership(
    team: CareTeam,
    user: User,
    role: str,
    is_fixed: bool,
    valid_from: dt.date,
    valid_to: dt.date | None,
    partner: PartnerOrganisation | None,
    substitute: User | None,
    membership: Membership | None = None,
) -> None:
    _check_period(valid_from, valid_to)
    if role == TeamRole.ON_CALL and is_fixed:
        raise ValidationError(
            _("An on-call member cannot be a fixed member at the same time."), field="is_fixed"
        )
    if substitute is not None and substitute.pk == user.pk:
        raise ValidationError(_("Someone cannot be their own substitute."), field="substitute")
    if partner is not None and partner.region_id != team.region_id:
        raise ValidationError(_("Choose a partner organisation of the team's region."), field="partner")
    others = team.memberships.filter(_overlapping(valid_from, valid_to), user=user)
    if membership is not None:
        others = others.exclude(pk=membership.pk)
    if others.exists():
        raise ConflictError(
            _("This person is already a member of the team in (part of) this period."), field="user"
        )


def membership_create(
    *,
    actor: Any,
    team: CareTeam,
    user: User,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    is_fixed: bool = True,
    partner: PartnerOrganisation | None = None,
    substitute: User | None = None,
    function: str = "",
) -> Membership:
    _check_membership(team, user, role, is_fixed, valid_from, valid_to, partner, substitute)
    membership = Membership(
        team=team,
        user=user,
        role=role,
        is_fixed=is_fixed,
        valid_from=valid_from,
        valid_to=valid_to,
        partner=partner,
        substitute=substitute,
        function=function.strip(),
    )
    _clean(membership, exclude=["uuid"])
    with transaction.atomic():
        membership.save()
        audit.record(
            "membership.created",
            actor=actor,
            target=membership,
            changes=_created(
                membership,
                [
                    "team",
                    "user",
                    "role",
                    "is_fixed",
                    "partner",
                    "substitute",
                    "function",
                    "valid_from",
                    "valid_to",
                ],
            ),
        )
    return membership


def membership_update(
    *,
    actor: Any,
    membership: Membership,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    is_fixed: bool = True,
    partner: PartnerOrganisation | None = None,
    substitute: User | None = None,
    function: str = "",
) -> Membership:
    """Change a membership. Ending it earlier is not an update: use `membership_end` (with a reason)."""
    if valid_to is not None and (membership.valid_to is None or valid_to < membership.valid_to):
        raise ValidationError(
            _("To end a membership earlier, use “End membership”: a reason is required."), field="valid_to"
        )
    _check_membership(
        membership.team,
        membership.user,
        role,
        is_fixed,
        valid_from,
        valid_to,
        partner,
        substitute,
        membership,
    )
    _update(
        membership,
        {
            "role": role,
            "valid_from": valid_from,
            "valid_to": valid_to,
            "is_fixed": is_fixed,
            "partner": partner,
            "substitute": substitute,
            "function": function.strip(),
        },
        event="membership.updated",
        actor=actor,
    )
    return membership


def membership_end(*, actor: Any, membership: Membership, end_date: dt.date, reason: str) -> Membership:
    """End a membership: `end_date` is the last day it counts (access ends after that day)."""
    reason = _required_reason(reason)
    if membership.valid_to is not None and membership.valid_to < today():
        raise ValidationError(_("This membership has already ended."), field="end_date")
    if end_date < membership.valid_from:
        raise ValidationError(_("The end date lies before the start date."), field="end_date")
    if membership.valid_to is not None and end_date > membership.valid_to:
        raise ValidationError(_("The membership already ends before this date."), field="end_date")
    old = membership.valid_to
    with transaction.atomic():
        membership.valid_to = end_date
        membership.save(update_fields=["valid_to", "updated_at"])
        audit.record(
            "membership.ended",
            actor=actor,
            target=membership,
            reason=reason,
            changes={"valid_to": {"old": old, "new": end_date}},
        )
    return membership


# --- staff roles and people ---------------------------------------------------------------------------------


def _scope_for(
    role: str, region: Region, school: School | None, partner: PartnerOrganisation | None
) -> dict[str, Any]:
    """The scope a role needs (constants.ROLE_SCOPE), checked against the region the role is granted in."""
    try:
        kind = ROLE_SCOPE[StaffRoleKind(role)]
    except ValueError:
        raise ValidationError(_("Choose a valid role."), field="role") from None
    if kind == "school":
        if school is None:
            raise ValidationError(_("This role is held at a school: choose the school."), field="school")
        if school.region_id != region.pk:
            raise ValidationError(_("Choose a school of this region."), field="school")
        if partner is not None:
            raise ValidationError(_("This role is held at a school, not at a partner."), field="partner")
        return {"school": school, "region": None, "partner": None}
    if kind == "partner":
        if partner is None:
            raise ValidationError(
                _("This role is held at a partner organisation: choose it."), field="partner"
            )
        if partner.region_id != region.pk:
            raise ValidationError(_("Choose a partner organisation of this region."), field="partner")
        if school is not None:
            raise ValidationError(_("This role is held at a partner, not at a school."), field="school")
        return {"school": None, "region": None, "partner": partner}
    if kind == "region":
        if school is not None or partner is not None:
            raise ValidationError(
                _("This role is held for the whole region: leave school and partner empty."), field="role"
            )
        return {"school": None, "region": region, "partner": None}
    raise ValidationError(_("This role cannot be granted for a region."), field="role")


def staffrole_grant(
    *,
    actor: Any,
    region: Region,
    user: User,
    role: str,
    valid_from: dt.date,
    valid_to: dt.date | None = None,
    school: School | None = None,
    partner: PartnerOrganisation | None = None,
) -> StaffRole:
    scope = _scope_for(role, region, school, partner)
    _check_period(valid_from, valid_to)
    if StaffRole.objects.filter(_overlapping(valid_from, valid_to), user=user, role=role, **scope).exists():
        raise ConflictError(
            _("This person already holds this role here in (part of) this period."), field="role"
        )
    staff_role = StaffRole(user=user, role=role, valid_from=valid_from, valid_to=valid_to, **scope)
    _clean(staff_role, exclude=["uuid"])
    with transaction.atomic():
        staff_role.save()
        audit.record(
            "staffrole.granted",
            actor=actor,
            target=user,
            changes={
                "staff_role": {"new": str(staff_role.uuid)},
                **_created(staff_role, ["role", "school", "region", "partner", "valid_from", "valid_to"]),
            },
        )
    return staff_role


def staffrole_revoke(*, actor: Any, staff_role: StaffRole, end_date: dt.date, reason: str) -> StaffRole:
    """End a role: `end_date` is the last day it is valid (access ends after that day)."""
    reason = _required_reason(reason)
    if staff_role.valid_to is not None and staff_role.valid_to < today():
        raise ValidationError(_("This role has already ended."), field="end_date")
    if end_date < staff_role.valid_from:
        raise ValidationError(_("The end date lies before the start date."), field="end_date")
    if staff_role.valid_to is not None and end_date > staff_role.valid_to:
        raise ValidationError(_("The role already ends before this date."), field="end_date")
    old = staff_role.valid_to
    with transaction.atomic():
        staff_role.valid_to = end_date
        staff_role.save(update_fields=["valid_to", "updated_at"])
        audit.record(
            "staffrole.revoked",
            actor=actor,
            target=staff_role.user,
            reason=reason,
            changes={
                "staff_role": {"old": str(staff_role.uuid)},
                "role": {"old": staff_role.role},
                "valid_to": {"old": old, "new": end_date},
            },
        )
    return staff_role


def earliest_immediate_end(valid_from: dt.date) -> dt.date:
    """The last-day value that ends a role or membership as soon as possible: yesterday, or its first day."""
    return max(valid_from, today() - dt.timedelta(days=1))


def _initial_password() -> str:
    raw = "".join(secrets.choice(INITIAL_PASSWORD_ALPHABET) for _ in range(16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def person_create(
    *,
    actor: Any,
    region: Region,
    username: str,
    first_name: str,
    last_name: str,
    role: str,
    valid_from: dt.date,
    email: str = "",
    job_title: str = "",
    school: School | None = None,
    partner: PartnerOrganisation | None = None,
) -> tuple[User, str]:
    """Create a staff account with its first role. Returns the user and a one-time initial password.

    The person sets up two-factor authentication at the first login.
    """
    username = username.strip().lower()
    if not username:
        raise ValidationError(_("Enter a username."), field="username")
    _scope_for(role, region, school, partner)  # fail before creating anything
    password = _initial_password()
    with transaction.atomic():
        user = account_services.user_create(
            actor=actor,
            username=username,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            email=email.strip(),
            password=password,
        )
        if job_title.strip():
            user.job_title = job_title.strip()
            user.save(update_fields=["job_title"])
        staffrole_grant(
            actor=actor,
            region=region,
            user=user,
            role=role,
            valid_from=valid_from,
            school=school,
            partner=partner,
        )
    return user, password


def person_otp_reset(*, actor: Any, user: User, reason: str) -> None:
    """Remove someone's second factor (lost phone); they set it up again at the next login."""
    if user.pk == getattr(actor, "pk", None):
        raise ValidationError(_("You cannot reset your own two-factor authentication here."), field="reason")
    account_services.otp_reset(actor=actor, user=user, reason=_required_reason(reason))
