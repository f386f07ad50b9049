"""Reads on signals, cases and route templates. Lists start from access.visible_*."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from zorgroute.access.policy import visible_timeline
from zorgroute.cases import route
from zorgroute.cases.models import Case, RouteStep, RouteTemplate, SchoolRouteChoice, TimelineEvent
from zorgroute.organisations.models import School


def step_specs(template: RouteTemplate) -> list[route.StepSpec]:
    return [step_spec(step) for step in template.steps.all()]


def step_spec(step: RouteStep) -> route.StepSpec:
    return route.StepSpec(
        position=step.position,
        code=step.code,
        name=step.name,
        forum_kind=step.forum_kind,
        required_records=frozenset(step.required_records),
        action_plan_required=step.action_plan_required,
        min_interventions=step.min_interventions,
        allowed_outcomes=frozenset(step.allowed_outcomes),
        norm_days=step.norm_days,
    )


def template_for_school(school: School) -> RouteTemplate | None:
    """The current route a new case at this school follows.

    A school's own override wins; otherwise the region route the school chose; otherwise the region's route for
    the school's type (PO/VO).
    """
    current = RouteTemplate.objects.filter(region_id=school.region_id, is_current=True)
    override = current.filter(school=school).order_by("-created_at").first()
    if override is not None:
        return override
    choice = SchoolRouteChoice.objects.filter(school=school).first()
    if choice is not None:
        chosen = current.filter(family=choice.family, school__isnull=True).first()
        if chosen is not None:
            return chosen
    return current.filter(school__isnull=True, school_type=school.school_type).order_by("created_at").first()


def consent_picture(case: Case, steps: list[RouteStep] | None = None) -> Any:
    """What the recorded consents allow per forum of the case's route, decided by the consent engine.

    The route's gate needs it, so cases reads the consents app here (the one place it does).
    """
    from zorgroute.consents.selectors import case_consent

    return case_consent(case, steps=steps)


def with_consent_override(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `without_consent` on cases (the consents app decides what an override in force is)."""
    from zorgroute.consents.selectors import with_override_flag

    return with_override_flag(cases)  # type: ignore[no-any-return]


def case_package(case: Case, *, consent: Any = None, has_current_plan: bool | None = None) -> route.Package:
    """What the case holds now, for the route's escalation gates (a few small queries).

    `consent` and `has_current_plan` (is there an active plan?): when the caller knows them already (saves queries)."""
    from zorgroute.plans.constants import Effect, PlanStatus
    from zorgroute.plans.models import ActionPlan, Intervention

    consent = consent if consent is not None else consent_picture(case)

    return route.Package(
        help_question_school=bool(case.help_question_school.strip()),
        help_question_parents=bool(case.help_question_parents.strip()),
        help_question_pupil=bool(case.help_question_pupil.strip()),
        interventions=Intervention.objects.filter(case=case).exclude(effect=Effect.UNKNOWN).count(),
        current_plan=(
            ActionPlan.objects.filter(case=case, status=PlanStatus.ACTIVE).exists()
            if has_current_plan is None
            else has_current_plan
        ),
        school_limits=bool(case.school_limits.strip()),
        consent_forums=frozenset(f.forum_kind for f in consent.forums if f.is_valid),
    )


def case_timeline(*, user: Any, case: Case, kinds: list[str] | None = None) -> QuerySet[TimelineEvent]:
    """The case's chronology this user may see, newest first, in one query."""
    qs = visible_timeline(user, case)
    if kinds:
        qs = qs.filter(kind__in=kinds)
    return qs.order_by("-occurred_at", "-id")


def template_with_steps(template_id: int) -> RouteTemplate:
    return RouteTemplate.objects.prefetch_related(
        Prefetch("steps", queryset=RouteStep.objects.order_by("position"))
    ).get(pk=template_id)


def caseload_by_step(cases: QuerySet[Case]) -> list[dict[str, Any]]:
    return list(
        cases.filter(status="open")
        .values("step__name", "step__position", "template__name")
        .annotate(count=Count("pk"))
        .order_by("template__name", "step__position")
    )


def open_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    return cases.filter(Q(status="open")).select_related("pupil", "step", "owner", "coordinator")
