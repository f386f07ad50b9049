"""Writes on action plan versions: draft, change, make current, the parents' agreement recorded by staff."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.models import Case
from zorgroute.cases.services import MAX_TEXT, timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now, today
from zorgroute.plans.constants import PlanKind, PlanStatus
from zorgroute.plans.models import ActionPlan, Goal
from zorgroute.plans.services._common import MAX_MEASURE, _open


def _plan_values(
    *,
    needs: str,
    evaluation_date: dt.date,
    goals: Sequence[tuple[str, str]],
    kind: str,
    approach: str,
    facilities: str,
    advice_school: str,
    advice_home: str,
    pupil_view: str,
    evaluation_method: str,
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Check a plan version's fields; returns the cleaned values and the (goal, measure) pairs."""
    if kind not in PlanKind.values:
        raise ValidationError(_("Choose the kind of plan."), field="kind")
    cleaned_goals = [(g.strip(), m.strip()) for g, m in goals if g.strip()]
    if not cleaned_goals:
        raise ValidationError(_("Give at least one goal."), field="goals")
    if any(not m for _g, m in cleaned_goals):
        raise ValidationError(_("Say for every goal how you will measure it."), field="goals")
    if any(len(g) > MAX_TEXT for g, _m in cleaned_goals) or any(
        len(m) > MAX_MEASURE for _g, m in cleaned_goals
    ):
        raise ValidationError(_("A goal or its measure is too long."), field="goals")
    if evaluation_date <= today():
        raise ValidationError(_("The evaluation date lies in the future."), field="evaluation_date")
    values: dict[str, Any] = {
        "kind": kind,
        "needs": _text(needs, "needs", required=True),
        "approach": _text(approach, "approach"),
        "facilities": _text(facilities, "facilities"),
        "advice_school": _text(advice_school, "advice_school"),
        "advice_home": _text(advice_home, "advice_home"),
        "pupil_view": _text(pupil_view, "pupil_view"),
        "evaluation_date": evaluation_date,
        "evaluation_method": evaluation_method.strip()[:MAX_MEASURE],
    }
    return values, cleaned_goals


def plan_create(
    *,
    actor: Any,
    case: Case,
    needs: str,
    evaluation_date: dt.date,
    goals: Sequence[tuple[str, str]],
    kind: str = PlanKind.ACTION_PLAN,
    approach: str = "",
    facilities: str = "",
    advice_school: str = "",
    advice_home: str = "",
    pupil_view: str = "",
    evaluation_method: str = "",
) -> ActionPlan:
    """A new plan version as a draft. `goals` are (goal, how we measure it) pairs; at least one."""
    _open(case)
    values, cleaned_goals = _plan_values(
        needs=needs,
        evaluation_date=evaluation_date,
        goals=goals,
        kind=kind,
        approach=approach,
        facilities=facilities,
        advice_school=advice_school,
        advice_home=advice_home,
        pupil_view=pupil_view,
        evaluation_method=evaluation_method,
    )
    with transaction.atomic():
        last = ActionPlan.objects.filter(case=case).order_by("-version").select_for_update().first()
        if last is not None and last.status == PlanStatus.DRAFT:
            raise DomainError(_("There is already a draft version; finish or change that one."))
        plan = ActionPlan.objects.create(
            case=case,
            version=(last.version if last else 0) + 1,
            created_by=actor,
            **values,
        )
        Goal.objects.bulk_create(
            [Goal(plan=plan, position=i, description=g, measure=m) for i, (g, m) in enumerate(cleaned_goals)]
        )
        timeline_add(
            case=case,
            kind=TimelineKind.PLAN,
            actor=actor,
            ref_uuid=plan.uuid,
            title=lambda: _("%(plan)s drafted") % {"plan": str(plan)},
        )
        audit.record(
            "plan.created",
            actor=actor,
            target=plan,
            case=case,
            pupil=case.pupil,
            changes={"version": plan.version, "goals": len(cleaned_goals)},
        )
    return plan


def plan_update_draft(
    *,
    actor: Any,
    plan: ActionPlan,
    needs: str,
    evaluation_date: dt.date,
    goals: Sequence[tuple[str, str]],
    kind: str = PlanKind.ACTION_PLAN,
    approach: str = "",
    facilities: str = "",
    advice_school: str = "",
    advice_home: str = "",
    pupil_view: str = "",
    evaluation_method: str = "",
) -> ActionPlan:
    """Change a draft version (its texts and goals). A current or replaced version is never changed."""
    _open(plan.case)
    values, cleaned_goals = _plan_values(
        needs=needs,
        evaluation_date=evaluation_date,
        goals=goals,
        kind=kind,
        approach=approach,
        facilities=facilities,
        advice_school=advice_school,
        advice_home=advice_home,
        pupil_view=pupil_view,
        evaluation_method=evaluation_method,
    )
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("case__pupil").get(pk=plan.pk)
        if plan.status != PlanStatus.DRAFT:
            raise DomainError(_("Only a draft can be changed; make a new version instead."))
        old_goals = list(plan.goals.order_by("position").values_list("description", "measure"))
        changed = sorted(name for name, value in values.items() if getattr(plan, name) != value)
        goals_changed = old_goals != cleaned_goals
        if not changed and not goals_changed:
            return plan
        for name in changed:
            setattr(plan, name, values[name])
        plan.save(update_fields=[*changed, "updated_at"])
        if goals_changed:
            plan.goals.all().delete()
            Goal.objects.bulk_create(
                [
                    Goal(plan=plan, position=i, description=g, measure=m)
                    for i, (g, m) in enumerate(cleaned_goals)
                ]
            )
        timeline_add(
            case=plan.case,
            kind=TimelineKind.PLAN,
            actor=actor,
            ref_uuid=plan.uuid,
            title=lambda: _("%(plan)s (draft) changed") % {"plan": str(plan)},
        )
        changes: dict[str, Any] = dict.fromkeys(changed, "changed")
        if "evaluation_date" in changes:
            changes["evaluation_date"] = values["evaluation_date"]
        if goals_changed:
            changes["goals"] = {"old": len(old_goals), "new": len(cleaned_goals)}
        audit.record(
            "plan.updated",
            actor=actor,
            target=plan,
            case=plan.case,
            pupil=plan.case.pupil,
            changes=changes,
        )
    return plan


def plan_activate(*, actor: Any, plan: ActionPlan) -> ActionPlan:
    """Make a draft the current plan; the previous current version is superseded."""
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("case__pupil").get(pk=plan.pk)
        _open(plan.case)
        if plan.status != PlanStatus.DRAFT:
            raise DomainError(_("Only a draft can be made current."))
        ActionPlan.objects.filter(case=plan.case, status=PlanStatus.ACTIVE).update(
            status=PlanStatus.SUPERSEDED
        )
        plan.status = PlanStatus.ACTIVE
        plan.activated_at = now()
        plan.save(update_fields=["status", "activated_at", "updated_at"])
        timeline_add(
            case=plan.case,
            kind=TimelineKind.PLAN,
            actor=actor,
            ref_uuid=plan.uuid,
            visibility=Visibility.PARENTS,
            title=lambda: (
                _("%(plan)s is now the current plan (evaluation on %(date)s)")
                % {"plan": str(plan), "date": plan.evaluation_date.strftime("%d-%m-%Y")}
            ),
        )
        audit.record(
            "plan.activated",
            actor=actor,
            target=plan,
            case=plan.case,
            pupil=plan.case.pupil,
            changes={"version": plan.version},
        )
    return plan


def plan_record_agreement(*, actor: Any, plan: ActionPlan, agreed_on: dt.date, note: str) -> ActionPlan:
    """Record that the parents agreed with this version (digital signing comes with the consent issue)."""
    if plan.status == PlanStatus.SUPERSEDED:
        raise DomainError(_("This version has been replaced; record the agreement on the current version."))
    if agreed_on > today():
        raise ValidationError(_("The date lies in the future."), field="agreed_on")
    note = _text(note, "note", required=True)
    if len(note) > MAX_MEASURE:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": MAX_MEASURE}, field="note")
    with transaction.atomic():
        plan.parents_agreed_on = agreed_on
        plan.parents_agreement_note = note
        plan.save(update_fields=["parents_agreed_on", "parents_agreement_note", "updated_at"])
        timeline_add(
            case=plan.case,
            kind=TimelineKind.PLAN,
            actor=actor,
            ref_uuid=plan.uuid,
            visibility=Visibility.PARENTS,
            title=lambda: _("Parents agreed with %(plan)s") % {"plan": str(plan)},
        )
        audit.record(
            "plan.agreement_recorded",
            actor=actor,
            target=plan,
            case=plan.case,
            pupil=plan.case.pupil,
            changes={"agreed_on": agreed_on},
        )
    return plan
