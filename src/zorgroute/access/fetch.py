"""`access_<entity>(user, uuid, action)`: the only way views obtain a protected object.

Not visible or not existing → Http404 (the same response for both: an outsider learns nothing). Visible but the
action not allowed → PermissionDenied (403). Reading a pupil's record is audited here.
"""

from __future__ import annotations

import uuid as uuid_lib
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet
from django.http import Http404

from zorgroute import audit
from zorgroute.access import policy
from zorgroute.access.actions import Action
from zorgroute.access.rules import Grant
from zorgroute.cases.models import Case, Signal
from zorgroute.meetings.models import CaseAction, Meeting, Referral
from zorgroute.organisations.models import CareTeam, Group, PartnerOrganisation, Region, School
from zorgroute.pupils.models import Pupil
from zorgroute.quality.models import SelfAssessment
from zorgroute.referrals.models import ExternalReferral

M = TypeVar("M", bound=models.Model)


def _parse(value: Any) -> uuid_lib.UUID:
    try:
        return value if isinstance(value, uuid_lib.UUID) else uuid_lib.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise Http404 from None


def _fetch_with_grant(user: Any, key: Any, action: Action, visible: QuerySet[M]) -> tuple[M, Grant]:
    obj = visible.filter(uuid=_parse(key)).first()
    if obj is None:
        raise Http404
    return obj, policy.require(user, action, obj)


def _fetch(user: Any, key: Any, action: Action, visible: QuerySet[M]) -> M:
    return _fetch_with_grant(user, key, action, visible)[0]


def access_pupil(user: Any, key: Any, action: Action = Action.PUPIL_VIEW) -> Pupil:
    pupil, grant = _fetch_with_grant(
        user, key, action, policy.visible_pupils(user).select_related("current_school", "current_group")
    )
    if action in (Action.PUPIL_VIEW, Action.PORTAL_VIEW):
        audit.record(
            "pupil.viewed",
            actor=user,
            target=pupil,
            pupil=pupil,
            role=grant.role.value,
            authorization=grant.protocol,
        )
    return pupil


def access_school(user: Any, key: Any, action: Action = Action.SCHOOL_VIEW) -> School:
    return _fetch(user, key, action, policy.visible_schools(user).select_related("region", "board"))


def access_region(user: Any, key: Any, action: Action = Action.REGION_VIEW) -> Region:
    return _fetch(user, key, action, policy.visible_regions(user))


def access_partner(user: Any, key: Any, action: Action = Action.PARTNER_VIEW) -> PartnerOrganisation:
    return _fetch(user, key, action, policy.visible_partners(user).select_related("partner_type", "region"))


def access_careteam(user: Any, key: Any, action: Action = Action.CARETEAM_VIEW) -> CareTeam:
    return _fetch(user, key, action, policy.visible_careteams(user).select_related("region", "school"))


def access_signal(user: Any, key: Any, action: Action = Action.SIGNAL_VIEW) -> Signal:
    """A signal the user may see; reading it (viewing or triaging) is audited."""
    signal, grant = _fetch_with_grant(
        user,
        key,
        action,
        policy.visible_signals(user).select_related("pupil", "school", "reported_by", "case"),
    )
    audit.record(
        "signal.viewed",
        actor=user,
        target=signal,
        pupil=signal.pupil,
        case=signal.case,
        role=grant.role.value,
        authorization=grant.protocol,
    )
    return signal


def access_case(user: Any, key: Any, action: Action = Action.CASE_VIEW) -> Case:
    """A case the user may see; viewing the case page (also the family's, in the portal) is audited (NEN 7513 read)."""
    case, grant = _fetch_with_grant(
        user,
        key,
        action,
        policy.visible_cases(user).select_related(
            "pupil", "pupil__current_group", "school", "template", "step", "owner", "coordinator"
        ),
    )
    if action in (Action.CASE_VIEW, Action.PORTAL_VIEW):
        audit.record(
            "case.viewed",
            actor=user,
            target=case,
            case=case,
            pupil=case.pupil,
            role=grant.role.value,
            authorization=grant.protocol,
        )
    return case


def access_case_summary(user: Any, key: Any) -> Case:
    """A case whose forum summary the user may read (a member: only while it is on their agenda); audited."""
    case, grant = _fetch_with_grant(
        user,
        key,
        Action.CASE_SUMMARY_VIEW,
        policy.visible_cases(user, Action.CASE_SUMMARY_VIEW).select_related(
            "pupil", "pupil__current_group", "school", "template", "step"
        ),
    )
    audit.record(
        "case.summary_viewed",
        actor=user,
        target=case,
        case=case,
        pupil=case.pupil,
        role=grant.role.value,
        authorization=grant.protocol,
    )
    return case


def access_meeting(user: Any, key: Any, action: Action = Action.MEETING_VIEW) -> Meeting:
    return _fetch(
        user, key, action, policy.visible_meetings(user).select_related("team", "team__school", "series")
    )


def access_referral(user: Any, key: Any, action: Action = Action.REFERRAL_INTAKE) -> Referral:
    """A submitted referral to a forum the user takes in; reading it is audited."""
    referral, grant = _fetch_with_grant(
        user,
        key,
        action,
        policy.visible_referrals(user).select_related(
            "case", "case__pupil", "case__school", "team", "based_on"
        ),
    )
    audit.record(
        "referral.viewed",
        actor=user,
        target=referral,
        case=referral.case,
        pupil=referral.case.pupil,
        role=grant.role.value,
        authorization=grant.protocol,
    )
    return referral


def access_action(user: Any, key: Any, action: Action = Action.ACTION_VIEW) -> CaseAction:
    """An agreed action the user may see; reading it is audited (it names the pupil and what is done for them)."""
    case_action, grant = _fetch_with_grant(
        user,
        key,
        action,
        policy.visible_actions(user).select_related(
            "case", "case__pupil", "case__school", "case__step", "owner", "agreed_by"
        ),
    )
    audit.record(
        "action.viewed",
        actor=user,
        target=case_action,
        case=case_action.case,
        pupil=case_action.case.pupil,
        role=grant.role.value,
        authorization=grant.protocol,
    )
    return case_action


def access_external_referral(
    user: Any, key: Any, action: Action = Action.EXTERNAL_REFERRAL_VIEW
) -> ExternalReferral:
    """An external referral the user may see (the school's staff, the receiving partner's); reading it is audited."""
    referral, grant = _fetch_with_grant(
        user,
        key,
        action,
        policy.visible_external_referrals(user).select_related(
            "case",
            "case__pupil",
            "case__pupil__current_group",
            "case__school",
            "case__step",
            "partner",
            "care_kind",
            "worker",
            "referred_by",
            "withdrawn_by",
        ),
    )
    audit.record(
        "external_referral.viewed",
        actor=user,
        target=referral,
        case=referral.case,
        pupil=referral.case.pupil,
        role=grant.role.value,
        authorization=grant.protocol,
    )
    return referral


def access_group(user: Any, key: Any, action: Action = Action.GROUP_REVIEW) -> Group:
    return _fetch(user, key, action, policy.visible_groups(user).select_related("school"))


def access_self_assessment(user: Any, key: Any, action: Action = Action.QUALITY_VIEW) -> SelfAssessment:
    """A team's self-assessment: 404 unless the user may read the team's self-assessments, 403 when they may read
    but not perform `action` (a member finalising). It holds no pupil data: reading it is not audited."""
    visible = policy.visible_self_assessments(user).select_related("team", "team__school", "framework")
    assessment = visible.filter(uuid=_parse(key)).first()
    if assessment is None:
        raise Http404
    policy.require(user, action, assessment.team)
    return assessment


def require(user: Any, action: Action) -> None:
    """For pages without an object (search, aggregates): 403 when the user's roles do not include the action.

    Such a page reveals nothing about any pupil, so a plain 403 is honest and not a leak.
    """
    if not policy.can(user, action):
        raise PermissionDenied(action.value)
