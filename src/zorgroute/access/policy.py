"""`can`, `require` and the `visible_*` querysets: the only place permissions are decided."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, QuerySet

from zorgroute.access import principal as principals
from zorgroute.access.actions import Action
from zorgroute.access.relations import _NOTHING, RELATIONS
from zorgroute.access.rules import GRANTS_BY_ACTION, Grant
from zorgroute.cases.models import Case, Signal, TimelineEvent
from zorgroute.core import context
from zorgroute.meetings.models import CaseAction, Meeting, Referral
from zorgroute.organisations.models import CareTeam, Group, PartnerOrganisation, Region, School
from zorgroute.pupils.models import Pupil
from zorgroute.quality.models import SelfAssessment
from zorgroute.referrals.models import ExternalReferral

M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    grant: Grant | None = None


def decide(user: Any, action: Action, obj: models.Model | None = None) -> Decision:
    """The first grant for `action` whose role the user holds and whose relation holds for `obj`."""
    p = principals.load(user)
    for grant in GRANTS_BY_ACTION[action]:
        if grant.role not in p.roles:
            continue
        relation = RELATIONS[grant.relation]
        if relation.model is not None and not isinstance(obj, relation.model):
            continue
        if relation.check(p, grant.role, obj):
            context.note_grant(grant.role.value, grant.protocol)
            return Decision(True, grant)
    return Decision(False)


def can(user: Any, action: Action, obj: models.Model | None = None) -> bool:
    return decide(user, action, obj).allowed


def require(user: Any, action: Action, obj: models.Model | None = None) -> Grant:
    decision = decide(user, action, obj)
    if decision.grant is None:
        raise PermissionDenied(action.value)
    return decision.grant


def can_any(user: Any, action: Action) -> bool:
    """May the user perform `action` on anything at all? For pages that list what the action applies to.

    No query: it looks only at the user's roles and their scopes.
    """
    p = principals.load(user)
    for grant in GRANTS_BY_ACTION[action]:
        if grant.role not in p.roles:
            continue
        relation = RELATIONS[grant.relation]
        if relation.model is None or relation.q(p, grant.role) != _NOTHING:
            return True
    return False


def visible_q(user: Any, action: Action, model: type[models.Model]) -> Q:
    """The filter selecting every `model` row on which `user` may perform `action`."""
    p = principals.load(user)
    parts = [
        RELATIONS[g.relation].q(p, g.role)
        for g in GRANTS_BY_ACTION[action]
        if g.role in p.roles and RELATIONS[g.relation].model is model
    ]
    return reduce(or_, parts) if parts else _NOTHING


def _visible(user: Any, action: Action, qs: QuerySet[M]) -> QuerySet[M]:
    q = visible_q(user, action, qs.model)
    return qs.none() if q == _NOTHING else qs.filter(q)


def visible_pupils(user: Any, action: Action = Action.PUPIL_VIEW) -> QuerySet[Pupil]:
    return _visible(user, action, Pupil.objects.all())


def on_request_pupils(user: Any) -> QuerySet[Pupil]:
    """Children of whom the user is a parent without authority and with a right to important information on request
    (BW 1:377c). Not a permission to read their records: the portal only names them and says how to ask the school.
    """
    ids = principals.load(user).on_request_pupil_ids
    return Pupil.objects.filter(pk__in=sorted(ids)) if ids else Pupil.objects.none()


def visible_schools(user: Any, action: Action = Action.SCHOOL_VIEW) -> QuerySet[School]:
    return _visible(user, action, School.objects.all())


def visible_regions(user: Any, action: Action = Action.REGION_VIEW) -> QuerySet[Region]:
    return _visible(user, action, Region.objects.all())


def visible_partners(user: Any, action: Action = Action.PARTNER_VIEW) -> QuerySet[PartnerOrganisation]:
    return _visible(user, action, PartnerOrganisation.objects.all())


def visible_careteams(user: Any, action: Action = Action.CARETEAM_VIEW) -> QuerySet[CareTeam]:
    return _visible(user, action, CareTeam.objects.all())


def visible_signals(user: Any, action: Action = Action.SIGNAL_VIEW) -> QuerySet[Signal]:
    return _visible(user, action, Signal.objects.all())


def visible_cases(user: Any, action: Action = Action.CASE_VIEW) -> QuerySet[Case]:
    return _visible(user, action, Case.objects.all())


def visible_timeline(user: Any, case: Case) -> QuerySet[TimelineEvent]:
    """The events of one case this user may see, by visibility level (the caller already may view the case)."""
    return _visible(user, Action.TIMELINE_VIEW, TimelineEvent.objects.filter(case=case))


def visible_actions(user: Any, action: Action = Action.ACTION_VIEW) -> QuerySet[CaseAction]:
    return _visible(user, action, CaseAction.objects.all())


def visible_meetings(user: Any, action: Action = Action.MEETING_VIEW) -> QuerySet[Meeting]:
    return _visible(user, action, Meeting.objects.all())


def visible_referrals(user: Any, action: Action = Action.REFERRAL_INTAKE) -> QuerySet[Referral]:
    return _visible(user, action, Referral.objects.all())


def visible_external_referrals(
    user: Any, action: Action = Action.EXTERNAL_REFERRAL_VIEW
) -> QuerySet[ExternalReferral]:
    return _visible(user, action, ExternalReferral.objects.all())


def visible_groups(user: Any, action: Action = Action.GROUP_REVIEW) -> QuerySet[Group]:
    return _visible(user, action, Group.objects.all())


def visible_self_assessments(user: Any, action: Action = Action.QUALITY_VIEW) -> QuerySet[SelfAssessment]:
    """The self-assessments of the teams on which the user may perform `action` (a quality action)."""
    return SelfAssessment.objects.filter(team__in=visible_careteams(user, action))


def requires_second_factor(user: Any) -> bool:
    """Every account uses a second factor: staff see care data, guardians and pupils see their own (decision 0002)."""
    return bool(getattr(user, "is_authenticated", False))
