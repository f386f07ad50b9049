"""Reads for the case page (issue 3 item 5): the route position, what is missing for the next step, the consent
status per forum, the people who may carry the case, and a pupil's cases.

The page fetched the case through access/ (`access_case`); lists start from `access.visible_*`. Every function takes
a fixed number of queries, whatever the size of the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from zorgroute.access.policy import visible_cases
from zorgroute.accounts.models import User
from zorgroute.cases import route
from zorgroute.cases.constants import CaseStatus, TransitionKind
from zorgroute.cases.models import Case, RouteStep
from zorgroute.cases.selectors import case_package, consent_picture, step_spec, with_consent_override
from zorgroute.core.time import today
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind
from zorgroute.organisations.models import School, StaffRole
from zorgroute.pupils.models import Pupil

SCHOOL_STAFF_ROLES = (StaffRoleKind.TEACHER, StaffRoleKind.CARE_COORDINATOR, StaffRoleKind.SCHOOL_HEAD)


@dataclass(frozen=True)
class CaseOverview:
    """Where the case stands on its route and which transitions the route allows now (not who may make them)."""

    steps: list[RouteStep]
    days_in_step: int
    is_stuck: bool
    next_step: RouteStep | None
    previous_step: RouteStep | None
    escalation: route.Result
    step_back: route.Result
    close: route.Result
    reopen: route.Result
    skip_targets: list[RouteStep]
    forums: list[Any]  # consents.selectors.ForumBasis per forum of the route

    @property
    def escalation_possible(self) -> bool:
        """The route has a next step to escalate to (perhaps still blocked by a missing package)."""
        return self.escalation.allowed or bool(self.escalation.missing)

    @property
    def skip_possible(self) -> bool:
        return bool(self.skip_targets)


def days_in_step(case: Case, day: dt.date | None = None) -> int:
    entered = timezone.localtime(case.step_entered_at).date()
    return ((day or today()) - entered).days


def case_overview(*, case: Case, has_current_plan: bool | None = None) -> CaseOverview:
    """The route around the case's current step, in four queries (the steps and the escalation package); three when
    the caller already knows whether the case has an active plan (`has_current_plan`)."""
    steps = list(case.template.steps.order_by("position"))
    specs = [step_spec(step) for step in steps]
    consent = consent_picture(case, steps=steps)
    package = case_package(case, consent=consent, has_current_plan=has_current_plan)
    position = case.step.position
    index = next(i for i, step in enumerate(steps) if step.pk == case.step_id)
    current = specs[index]

    def decide(kind: str) -> route.Result:
        return route.decide(kind, specs, status=case.status, position=position, package=package)

    is_open = case.status == CaseStatus.OPEN
    entered = timezone.localtime(case.step_entered_at).date()
    return CaseOverview(
        steps=steps,
        days_in_step=days_in_step(case),
        is_stuck=is_open and route.is_stuck(current, entered, today()),
        next_step=steps[index + 1] if index + 1 < len(steps) else None,
        previous_step=steps[index - 1] if index > 0 else None,
        escalation=decide(TransitionKind.ESCALATE),
        step_back=decide(TransitionKind.STEP_BACK),
        close=decide(TransitionKind.CLOSE),
        reopen=decide(TransitionKind.REOPEN),
        skip_targets=steps[index + 2 :] if is_open else [],
        forums=consent.forums,
    )


def route_forums(*, case: Case) -> list[tuple[str, str]]:
    """The forums of the case's route as (kind, label) choices, in route order."""
    seen: list[tuple[str, str]] = []
    for kind in case.template.steps.order_by("position").values_list("forum_kind", flat=True):
        if kind and kind not in (k for k, _label in seen):
            seen.append((kind, str(CareTeamKind(kind).label)))
    return seen


def skip_targets(*, case: Case) -> QuerySet[RouteStep]:
    """The steps a skip may land on: at least two steps further along the case's route."""
    return case.template.steps.filter(position__gt=case.step.position + 1).order_by("position")


def school_staff(*, school: School | None) -> QuerySet[User]:
    """The people who hold a school role (teacher, care coordinator, head) at the school today."""
    if school is None:
        return User.objects.none()
    day = today()
    roles = StaffRole.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        school=school,
        role__in=SCHOOL_STAFF_ROLES,
        valid_from__lte=day,
    ).values("user_id")
    return User.objects.filter(pk__in=roles, is_active=True).order_by("last_name", "first_name", "username")


def pupil_cases(*, user: Any, pupil: Pupil) -> QuerySet[Case]:
    """The pupil's cases this user may see, newest first."""
    return (
        with_consent_override(visible_cases(user).filter(pupil=pupil))
        .select_related("school", "template", "step", "owner", "coordinator")
        .order_by("-opened_at", "-pk")
    )
