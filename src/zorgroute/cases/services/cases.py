"""Cases: opening, route transitions, closing, the escalation package, people, consent and notes.

Each service validates, saves, writes the case timeline and audits in one transaction. Callers obtained the
objects through access/; services decide domain rules, not permissions.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.cases import route
from zorgroute.cases.case_selectors import school_staff
from zorgroute.cases.constants import (
    CaseStatus,
    ClosureReason,
    SkipReason,
    TimelineKind,
    TransitionKind,
    Visibility,
)
from zorgroute.cases.models import (
    Case,
    CaseTransition,
    RouteTemplate,
    TimelineEvent,
)
from zorgroute.cases.selectors import case_package, step_spec, step_specs, template_for_school
from zorgroute.cases.services._common import _text, timeline_add
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now
from zorgroute.pupils.models import Pupil


def case_open(*, actor: Any, pupil: Pupil, owner: User, template: RouteTemplate | None = None) -> Case:
    school = pupil.current_school
    if school is None:
        raise DomainError(_("This pupil is not enrolled at a school."))
    template = template or template_for_school(school)
    if template is None:
        raise DomainError(_("Your region has no care route yet. Ask the functional administrator."))
    if Case.objects.filter(pupil=pupil, school=school, status=CaseStatus.OPEN).exists():
        raise DomainError(_("This pupil already has an open case at this school."))
    first = template.steps.order_by("position").first()
    assert first is not None
    moment = now()
    with transaction.atomic():
        case = Case.objects.create(
            pupil=pupil,
            school=school,
            template=template,
            step=first,
            owner=owner,
            opened_at=moment,
            step_entered_at=moment,
        )
        CaseTransition.objects.create(case=case, kind=TransitionKind.OPEN, to_step=first, actor=actor)
        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            title=lambda: _("Case opened in the step '%(step)s'") % {"step": first.name},
        )
        audit.record(
            "case.opened",
            actor=actor,
            target=case,
            case=case,
            pupil=pupil,
            changes={"step": first.code, "template": str(template.uuid)},
        )
    return case


_TRANSITION_TITLES: dict[str, str] = {
    TransitionKind.ESCALATE: gettext_noop("Escalated to '%(step)s'"),
    TransitionKind.STEP_BACK: gettext_noop("Stepped back to '%(step)s'"),
    TransitionKind.SKIP: gettext_noop("Moved on to '%(step)s' (steps skipped)"),
}


def case_transition(
    *,
    actor: Any,
    case: Case,
    kind: str,
    reason: str = "",
    target_position: int | None = None,
    skip_reason: str = "",
) -> Case:
    """Escalate, step back or skip; refused with the list of what is missing (route.py decides)."""
    if kind not in (TransitionKind.ESCALATE, TransitionKind.STEP_BACK, TransitionKind.SKIP):
        raise ValueError(kind)
    if kind == TransitionKind.SKIP:
        reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
        steps = {s.position: s for s in case.template.steps.all()}
        result = route.decide(
            kind,
            [step_spec(s) for s in steps.values()],
            status=case.status,
            position=case.step.position,
            package=case_package(case),
            target_position=target_position,
            skip_reason=skip_reason,
        )
        if not result.allowed or result.target is None:
            raise DomainError(result.message)
        origin, target = case.step, steps[result.target.position]
        case.step = target
        case.step_entered_at = now()
        case.save(update_fields=["step", "step_entered_at", "updated_at"])
        CaseTransition.objects.create(
            case=case,
            kind=kind,
            from_step=origin,
            to_step=target,
            actor=actor,
            reason=reason,
            skip_reason=skip_reason,
        )

        def title() -> str:
            text = _(_TRANSITION_TITLES[kind]) % {"step": target.name}
            return f"{text} — {SkipReason(skip_reason).label}" if kind == TransitionKind.SKIP else text

        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            title=title,
            body=reason,
            visibility=Visibility.PARENTS,
        )
        audit.record(
            "case.transitioned",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes={
                "kind": kind,
                "step": {"old": origin.code, "new": target.code},
                "skip_reason": skip_reason or None,
            },
        )
    return case


def case_close(
    *, actor: Any, case: Case, closure_reason: str, provisional: bool = False, note: str = ""
) -> Case:
    if closure_reason not in ClosureReason.values:
        raise ValidationError(_("Choose why the case is closed."), field="closure_reason")
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
        result = route.decide(
            TransitionKind.CLOSE, step_specs(case.template), status=case.status, position=case.step.position
        )
        if not result.allowed:
            raise DomainError(result.message)
        case.status = CaseStatus.CLOSED
        case.closed_at = now()
        case.closure_reason = closure_reason
        case.closure_provisional = provisional
        case.save(
            update_fields=["status", "closed_at", "closure_reason", "closure_provisional", "updated_at"]
        )
        CaseTransition.objects.create(
            case=case, kind=TransitionKind.CLOSE, from_step=case.step, actor=actor, reason=note
        )

        def title() -> str:
            message = _("Provisionally closed: %(reason)s") if provisional else _("Closed: %(reason)s")
            return message % {"reason": ClosureReason(closure_reason).label}

        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            title=title,
            body=note,
            visibility=Visibility.PARENTS,
        )
        audit.record(
            "case.closed",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            reason=f"{closure_reason}{' (provisional)' if provisional else ''}",
            changes={"closure_reason": closure_reason, "provisional": provisional},
        )
    return case


def case_reopen(*, actor: Any, case: Case, reason: str) -> Case:
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("step").get(pk=case.pk)
        result = route.decide(
            TransitionKind.REOPEN, step_specs(case.template), status=case.status, position=case.step.position
        )
        if not result.allowed:
            raise DomainError(result.message)
        if Case.objects.filter(pupil=case.pupil, school=case.school, status=CaseStatus.OPEN).exists():
            raise DomainError(_("This pupil already has an open case at this school."))
        case.status = CaseStatus.OPEN
        case.closed_at = None
        case.closure_reason = ""
        case.closure_provisional = False
        case.step_entered_at = now()
        case.save(
            update_fields=[
                "status",
                "closed_at",
                "closure_reason",
                "closure_provisional",
                "step_entered_at",
                "updated_at",
            ]
        )
        CaseTransition.objects.create(
            case=case, kind=TransitionKind.REOPEN, to_step=case.step, actor=actor, reason=reason
        )
        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            body=reason,
            title=lambda: _("Reopened in the step '%(step)s'") % {"step": case.step.name},
            visibility=Visibility.PARENTS,
        )
        audit.record("case.reopened", actor=actor, target=case, case=case, pupil=case.pupil, reason=reason)
    return case


def case_update_package(
    *,
    actor: Any,
    case: Case,
    help_question_school: str,
    help_question_parents: str,
    help_question_pupil: str,
    school_limits: str,
) -> Case:
    values = {
        "help_question_school": _text(help_question_school, "help_question_school"),
        "help_question_parents": _text(help_question_parents, "help_question_parents"),
        "help_question_pupil": _text(help_question_pupil, "help_question_pupil"),
        "school_limits": _text(school_limits, "school_limits"),
    }
    changed = [name for name, value in values.items() if getattr(case, name) != value]
    if not changed:
        return case
    with transaction.atomic():
        for name in changed:
            setattr(case, name, values[name])
        case.save(update_fields=[*changed, "updated_at"])
        timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            title=lambda: _("Help question and limits updated"),
        )
        audit.record(
            "case.updated",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes=dict.fromkeys(changed, "changed"),
        )
    return case


def case_set_people(*, actor: Any, case: Case, owner: User, coordinator: User | None) -> Case:
    """Name the case owner and the case coordinator: people with a school role at the case's school."""
    staff = school_staff(school=case.school)
    if not staff.filter(pk=owner.pk).exists():
        raise ValidationError(_("Choose the case owner among the staff of the case's school."), field="owner")
    if coordinator is not None and not staff.filter(pk=coordinator.pk).exists():
        raise ValidationError(
            _("Choose the case coordinator among the staff of the case's school."), field="coordinator"
        )
    changes: dict[str, Any] = {}
    if case.owner_id != owner.pk:
        changes["owner"] = {"old": str(case.owner.uuid), "new": str(owner.uuid)}
    if case.coordinator_id != (coordinator.pk if coordinator else None):
        changes["coordinator"] = {
            "old": str(case.coordinator.uuid) if case.coordinator else None,
            "new": str(coordinator.uuid) if coordinator else None,
        }
    if not changes:
        return case
    with transaction.atomic():
        case.owner = owner
        case.coordinator = coordinator
        case.save(update_fields=["owner", "coordinator", "updated_at"])
        timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            title=lambda: _("Case owner or coordinator changed"),
        )
        audit.record("case.updated", actor=actor, target=case, case=case, pupil=case.pupil, changes=changes)
    return case


def case_migrate_template(*, actor: Any, case: Case, template: RouteTemplate, reason: str) -> Case:
    """Move a running case to another route version explicitly: it keeps the step with the same code."""
    reason = _text(reason, "reason", required=True)
    target = template.steps.filter(code=case.step.code).first()
    if target is None:
        raise DomainError(
            _("The new route has no step '%(step)s'; step back or forward first.") % {"step": case.step.name}
        )
    with transaction.atomic():
        old, origin = case.template, case.step
        case.template = template
        case.step = target
        case.save(update_fields=["template", "step", "updated_at"])
        CaseTransition.objects.create(
            case=case,
            kind=TransitionKind.MIGRATE,
            from_step=origin,
            to_step=target,
            actor=actor,
            reason=reason,
        )
        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            body=reason,
            title=lambda: _("Moved to route version %(version)d") % {"version": template.version},
        )
        audit.record(
            "case.template_migrated",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            reason=reason,
            changes={"template": {"old": str(old.uuid), "new": str(template.uuid)}},
        )
    return case


def note_add(*, actor: Any, case: Case, text: str, visibility: str) -> TimelineEvent:
    if visibility not in Visibility.values:
        raise ValidationError(_("Choose who may see the note."), field="visibility")
    body = _text(text, "text", required=True)
    with transaction.atomic():
        event = timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            body=body,
            visibility=visibility,
            title=lambda: _("Note"),
        )
        audit.record(
            "case.note_added",
            actor=actor,
            target=case,
            case=case,
            pupil=case.pupil,
            changes={"visibility": visibility},
        )
    return event
