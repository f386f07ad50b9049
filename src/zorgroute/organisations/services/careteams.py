"""Care teams and their memberships.

Services do not check permissions: the caller obtained every object through `access/`. Free text never goes
into an audit row's `changes`, only that the field changed.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.core.time import today
from zorgroute.organisations.constants import CareTeamKind, TeamRole
from zorgroute.organisations.models import (
    CareTeam,
    Membership,
    PartnerOrganisation,
    Region,
    School,
)
from zorgroute.organisations.services._common import (
    _check_period,
    _clean,
    _created,
    _overlapping,
    _required_reason,
    _update,
)


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
