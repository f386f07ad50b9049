"""The care route's transition rules as pure functions over plain data (no database, table-tested).

A case stands on one step of its route template. From there it may be escalated to the next step, stepped back,
moved forward past steps (skip, with a reason), closed, and once closed, reopened. Escalation and skipping are gated
by the escalation package (DOMAIN §4): the help question, what was done and with what result, the current plan,
the school's possibilities and limits, and a valid consent basis for the forum of the step it goes to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zorgroute.cases.constants import (
    CaseStatus,
    Outcome,
    RequiredRecord,
    SkipReason,
    TransitionKind,
)


@dataclass(frozen=True)
class StepSpec:
    position: int
    code: str
    name: str
    forum_kind: str = ""
    required_records: frozenset[str] = frozenset()
    action_plan_required: bool = False
    min_interventions: int = 0
    allowed_outcomes: frozenset[str] = frozenset({Outcome.ESCALATE, Outcome.STEP_BACK, Outcome.CLOSE})
    norm_days: int = 56


@dataclass(frozen=True)
class Package:
    """What the case holds at the moment of a transition (built by a selector from the database)."""

    help_question_school: bool = False
    help_question_parents: bool = False
    help_question_pupil: bool = False
    interventions: int = 0  # intervention log entries with an effect recorded
    current_plan: bool = False  # an action plan that is active (not a draft, not superseded)
    school_limits: bool = False
    consent_forums: frozenset[str] = (
        frozenset()
    )  # forum kinds with a valid consent basis (consents.rules decides)


@dataclass(frozen=True)
class Missing:
    code: str
    message: str


@dataclass(frozen=True)
class Result:
    allowed: bool
    target: StepSpec | None = None
    missing: tuple[Missing, ...] = ()
    refusal: str = ""

    @property
    def message(self) -> str:
        if self.refusal:
            return self.refusal
        items = "; ".join(m.message for m in self.missing)
        return _("This step cannot be taken yet. Missing: %(items)s.") % {"items": items}


def _refuse(message: str) -> Result:
    return Result(False, refusal=message)


def step_at(steps: Sequence[StepSpec], position: int) -> StepSpec:
    for step in steps:
        if step.position == position:
            return step
    raise ValueError(f"no step at position {position}")


def _ordered(steps: Sequence[StepSpec]) -> list[StepSpec]:
    return sorted(steps, key=lambda s: s.position)


def missing_for(
    current: StepSpec, target: StepSpec, package: Package, *, crisis: bool = False
) -> list[Missing]:
    """What the package lacks to move from `current` to `target`. A crisis waives everything but consent."""
    missing: list[Missing] = []
    required = set(target.required_records)
    if not crisis:
        if RequiredRecord.HELP_QUESTION in required:
            absent = [
                label
                for present, label in (
                    (package.help_question_school, _("school")),
                    (package.help_question_parents, _("parents")),
                    (package.help_question_pupil, _("pupil")),
                )
                if not present
            ]
            if absent:
                missing.append(
                    Missing(
                        RequiredRecord.HELP_QUESTION,
                        _("the help question of %(who)s") % {"who": ", ".join(absent)},
                    )
                )
        needed = max(current.min_interventions, 1 if RequiredRecord.INTERVENTIONS in required else 0)
        if package.interventions < needed:
            missing.append(
                Missing(
                    RequiredRecord.INTERVENTIONS,
                    _(
                        "at least %(n)d intervention(s) with their effect in the intervention log (now %(count)d)"
                    )
                    % {"n": needed, "count": package.interventions},
                )
            )
        if (
            RequiredRecord.ACTION_PLAN in required or current.action_plan_required
        ) and not package.current_plan:
            missing.append(Missing(RequiredRecord.ACTION_PLAN, _("a current action plan")))
        if RequiredRecord.SCHOOL_LIMITS in required and not package.school_limits:
            missing.append(Missing(RequiredRecord.SCHOOL_LIMITS, _("the school's possibilities and limits")))
    needs_consent = RequiredRecord.CONSENT in required and bool(target.forum_kind)
    if needs_consent and target.forum_kind not in package.consent_forums:
        missing.append(Missing(RequiredRecord.CONSENT, _("a valid consent basis for this forum")))
    return missing


def decide(
    kind: str,
    steps: Sequence[StepSpec],
    *,
    status: str,
    position: int,
    package: Package | None = None,
    target_position: int | None = None,
    skip_reason: str = "",
) -> Result:
    """May a case with `status` on step `position` make the transition `kind`? And where does it land?"""
    ordered = _ordered(steps)
    positions = [s.position for s in ordered]
    current = step_at(ordered, position)
    index = positions.index(position)
    package = package or Package()

    if kind == TransitionKind.REOPEN:
        if status != CaseStatus.CLOSED:
            return _refuse(_("Only a closed case can be reopened."))
        return Result(True, current)
    if status != CaseStatus.OPEN:
        return _refuse(_("This case is closed. Reopen it first."))

    if kind == TransitionKind.CLOSE:
        if Outcome.CLOSE not in current.allowed_outcomes:
            return _refuse(_("A case cannot be closed in the step '%(step)s'.") % {"step": current.name})
        return Result(True, current)

    if kind == TransitionKind.STEP_BACK:
        if index == 0:
            return _refuse(_("This is the first step of the route."))
        if Outcome.STEP_BACK not in current.allowed_outcomes:
            return _refuse(
                _("Stepping back is not possible from the step '%(step)s'.") % {"step": current.name}
            )
        return Result(True, ordered[index - 1])

    if kind == TransitionKind.ESCALATE:
        if index == len(ordered) - 1:
            return _refuse(_("This is the last step of the route."))
        if Outcome.ESCALATE not in current.allowed_outcomes:
            return _refuse(_("Escalation is not possible from the step '%(step)s'.") % {"step": current.name})
        target = ordered[index + 1]
        missing = missing_for(current, target, package)
        return Result(not missing, target, tuple(missing))

    if kind == TransitionKind.SKIP:
        if skip_reason not in SkipReason.values:
            return _refuse(_("Give the reason for skipping steps."))
        if (
            target_position is None
            or target_position not in positions
            or positions.index(target_position) <= index + 1
        ):
            return _refuse(_("Skipping goes at least two steps forward; use escalation for the next step."))
        target = ordered[positions.index(target_position)]
        missing = missing_for(current, target, package, crisis=skip_reason == SkipReason.CRISIS)
        return Result(not missing, target, tuple(missing))

    raise ValueError(f"unknown transition {kind!r}")


def is_stuck(step: StepSpec, entered_on: dt.date, today: dt.date) -> bool:
    """A case is stuck when it stayed in its step longer than the step's norm."""
    return (today - entered_on).days > step.norm_days


def evaluation_overdue(evaluation_date: dt.date | None, today: dt.date) -> bool:
    return evaluation_date is not None and evaluation_date < today
