"""Staff roles and people (user accounts).

Services do not check permissions: the caller obtained every object through `access/`. Free text never goes
into an audit row's `changes`, only that the field changed.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.accounts import services as account_services
from zorgroute.accounts.models import User
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.core.time import today
from zorgroute.organisations.constants import ROLE_SCOPE, StaffRoleKind
from zorgroute.organisations.models import (
    PartnerOrganisation,
    Region,
    School,
    StaffRole,
)
from zorgroute.organisations.services._common import (
    INITIAL_PASSWORD_ALPHABET,
    _check_period,
    _clean,
    _created,
    _overlapping,
    _required_reason,
)


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
