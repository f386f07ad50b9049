"""Writes on evaluations of the current plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.services import MAX_TEXT, timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.plans.constants import GoalResult, PlanStatus
from zorgroute.plans.models import ActionPlan, Evaluation, GoalEvaluation
from zorgroute.plans.services._common import _open


def evaluation_record(
    *,
    actor: Any,
    plan: ActionPlan,
    evaluated_on: dt.date,
    results: dict[int, tuple[str, str]],
    conclusion: str = "",
    participants: str = "",
    next_evaluation_date: dt.date | None = None,
) -> Evaluation:
    """Per goal (by goal id): (achieved / partly / not achieved, next step)."""
    _open(plan.case)
    if plan.status != PlanStatus.ACTIVE:
        raise DomainError(_("Only the current plan can be evaluated."))
    goals = {goal.pk: goal for goal in plan.goals.all()}
    if set(results) != set(goals):
        raise ValidationError(_("Give a result for every goal."), field="results")
    if any(result not in GoalResult.values for result, _next in results.values()):
        raise ValidationError(_("Choose achieved, partly achieved or not achieved."), field="results")
    if evaluated_on > today():
        raise ValidationError(_("The date lies in the future."), field="evaluated_on")
    if next_evaluation_date is not None and next_evaluation_date <= max(evaluated_on, today()):
        raise ValidationError(
            _("The next evaluation lies after this one, in the future."), field="next_evaluation_date"
        )
    if any(len(next_step.strip()) > MAX_TEXT for _result, next_step in results.values()):
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": MAX_TEXT}, field="results")
    with transaction.atomic():
        evaluation = Evaluation.objects.create(
            plan=plan,
            evaluated_on=evaluated_on,
            evaluated_by=actor,
            participants=participants.strip()[:300],
            conclusion=_text(conclusion, "conclusion"),
            next_evaluation_date=next_evaluation_date,
        )
        GoalEvaluation.objects.bulk_create(
            [
                GoalEvaluation(
                    evaluation=evaluation, goal=goals[goal_id], result=result, next_step=next_step.strip()
                )
                for goal_id, (result, next_step) in results.items()
            ]
        )
        if next_evaluation_date is not None:
            plan.evaluation_date = next_evaluation_date
            plan.save(update_fields=["evaluation_date", "updated_at"])
        counts = {value: sum(1 for r, _n in results.values() if r == value) for value in GoalResult.values}
        timeline_add(
            case=plan.case,
            kind=TimelineKind.EVALUATION,
            actor=actor,
            ref_uuid=evaluation.uuid,
            visibility=Visibility.PARENTS,
            body=evaluation.conclusion,
            title=lambda: (
                _("Evaluation of %(plan)s: %(achieved)d achieved, %(partly)d partly, %(not)d not")
                % {
                    "plan": str(plan),
                    "achieved": counts[GoalResult.ACHIEVED],
                    "partly": counts[GoalResult.PARTLY],
                    "not": counts[GoalResult.NOT_ACHIEVED],
                }
            ),
        )
        audit.record(
            "plan.evaluated",
            actor=actor,
            target=plan,
            case=plan.case,
            pupil=plan.case.pupil,
            changes={"results": counts},
        )
    return evaluation
