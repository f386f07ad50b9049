"""Reads on a case's intervention log, action plans and evaluations.

The caller fetched the case through access/; plans and evaluations are looked up inside that case only, so a plan
of another case answers like a missing one. Each function takes a fixed number of queries.
"""

from __future__ import annotations

import uuid as uuid_lib
from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case
from zorgroute.cases.route import evaluation_overdue
from zorgroute.core.time import today
from zorgroute.plans.constants import PlanStatus
from zorgroute.plans.models import ActionPlan, Evaluation, Goal, GoalEvaluation, Intervention, PlanSignature
from zorgroute.plans.services import PLAN_TEXT_FIELDS


def _uuid(value: Any) -> uuid_lib.UUID | None:
    try:
        return value if isinstance(value, uuid_lib.UUID) else uuid_lib.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def intervention_list(*, case: Case) -> QuerySet[Intervention]:
    return (
        Intervention.objects.filter(case=case).select_related("performed_by").order_by("-started_on", "-pk")
    )


def _with_goals(qs: QuerySet[ActionPlan]) -> QuerySet[ActionPlan]:
    return qs.select_related("created_by").prefetch_related(
        Prefetch("goals", queryset=Goal.objects.order_by("position", "pk"))
    )


def current_plan(*, case: Case) -> ActionPlan | None:
    """The case's current (active) plan with its goals, or None."""
    plan = _with_goals(ActionPlan.objects.filter(case=case, status=PlanStatus.ACTIVE)).first()
    if plan is not None:
        plan.case = case
    return plan


def draft_plan(*, case: Case) -> ActionPlan | None:
    return ActionPlan.objects.filter(case=case, status=PlanStatus.DRAFT).first()


def plan_versions(*, case: Case) -> QuerySet[ActionPlan]:
    """Every version of the case's plan, newest first, with the number of goals and evaluations."""
    return (
        ActionPlan.objects.filter(case=case)
        .select_related("created_by")
        .annotate(
            goal_count=Count("goals", distinct=True), evaluation_count=Count("evaluations", distinct=True)
        )
        .order_by("-version")
    )


def plan_in_case(*, case: Case, key: Any) -> ActionPlan | None:
    """A plan version of this case by its UUID (None when absent or of another case)."""
    parsed = _uuid(key)
    if parsed is None:
        return None
    plan = _with_goals(ActionPlan.objects.filter(case=case, uuid=parsed)).first()
    if plan is not None:
        plan.case = case  # the caller's case, fetched through access/ with its pupil and step
    return plan


def plan_evaluations(*, plan: ActionPlan) -> list[Evaluation]:
    """The plan's evaluations, newest first, each with its result per goal in goal order."""
    results = GoalEvaluation.objects.select_related("goal").order_by("goal__position", "goal__pk")
    return list(
        Evaluation.objects.filter(plan=plan)
        .select_related("evaluated_by")
        .prefetch_related(Prefetch("goal_results", queryset=results))
        .order_by("-evaluated_on", "-pk")
    )


def plan_signatures(*, plan: ActionPlan) -> list[PlanSignature]:
    """Who signed this version in the portal, first signature first (one query)."""
    return list(
        PlanSignature.objects.filter(plan=plan).select_related("guardian").order_by("signed_at", "pk")
    )


def is_evaluation_overdue(plan: ActionPlan | None) -> bool:
    """Only the current plan of an open case can be overdue: a draft, a replaced version or the plan of a closed
    case is not evaluated any more."""
    return (
        plan is not None
        and plan.status == PlanStatus.ACTIVE
        and plan.case.status == CaseStatus.OPEN
        and evaluation_overdue(plan.evaluation_date, today())
    )


def plan_initial(*, case: Case) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """A new version starts from the latest one: its texts, kind, evaluation method and goals."""
    latest = _with_goals(ActionPlan.objects.filter(case=case).order_by("-version")).first()
    if latest is None:
        return {}, []
    initial: dict[str, Any] = {name: getattr(latest, name) for name in PLAN_TEXT_FIELDS}
    initial["kind"] = latest.kind
    initial["evaluation_method"] = latest.evaluation_method
    goals = [{"description": g.description, "measure": g.measure} for g in latest.goals.all()]
    return initial, goals


def plan_draft_initial(*, plan: ActionPlan) -> tuple[dict[str, Any], list[dict[str, str]]]:
    """A draft's own values, to change it."""
    initial: dict[str, Any] = {name: getattr(plan, name) for name in PLAN_TEXT_FIELDS}
    initial.update(
        kind=plan.kind, evaluation_method=plan.evaluation_method, evaluation_date=plan.evaluation_date
    )
    goals = [{"description": g.description, "measure": g.measure} for g in plan.goals.all()]
    return initial, goals
