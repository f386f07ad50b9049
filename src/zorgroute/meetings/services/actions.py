"""Writes on agreed actions; each also writes the case timeline and an audit row in the same transaction."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.cases.constants import CaseStatus, TimelineKind
from zorgroute.cases.models import Case
from zorgroute.cases.services import timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now, today
from zorgroute.meetings.constants import ActionKind, ActionStatus
from zorgroute.meetings.models import CaseAction
from zorgroute.meetings.selectors import owner_candidates

MAX_DESCRIPTION = 300


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def action_agree(*, actor: Any, case: Case, description: str, owner: User, due_on: dt.date) -> CaseAction:
    """Record an action someone agreed to carry out for the case, with its owner and due date."""
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
    description = _text(description, "description", required=True)
    if len(description) > MAX_DESCRIPTION:
        raise ValidationError(
            _("Keep this under %(max)d characters.") % {"max": MAX_DESCRIPTION}, field="description"
        )
    if not owner_candidates(case=case).filter(pk=owner.pk).exists():
        raise ValidationError(
            _("Choose someone of the case's school or of a care team of its region."), field="owner"
        )
    if due_on < today():
        raise ValidationError(_("The due date lies in the past."), field="due_on")
    with transaction.atomic():
        action = CaseAction.objects.create(
            case=case, description=description, owner=owner, due_on=due_on, agreed_by=actor
        )
        timeline_add(
            case=case,
            kind=TimelineKind.ACTION,
            actor=actor,
            ref_uuid=action.uuid,
            title=lambda: (
                _("Action agreed: %(owner)s, by %(date)s")
                % {"owner": _name(owner), "date": date_format(due_on, "j F Y")}
            ),
            body=description,
        )
        audit.record(
            "action.agreed",
            actor=actor,
            target=action,
            case=case,
            pupil=case.pupil,
            changes={"owner": str(owner.uuid), "due_on": due_on.isoformat()},
        )
    return action


def _finish(*, actor: Any, action: CaseAction, status: str, result: str) -> CaseAction:
    action.status = status
    action.finished_at = now()
    action.finished_by = actor
    action.result = result
    action.save(update_fields=["status", "finished_at", "finished_by", "result", "updated_at"])
    return action


def _locked_open(action: CaseAction) -> CaseAction:
    """The action, locked for this transaction; refused when someone finished it in the meantime."""
    current = CaseAction.objects.select_for_update().select_related("case", "case__pupil").get(pk=action.pk)
    if current.status != ActionStatus.OPEN:
        raise DomainError(_("This action was already finished."))
    return current


def action_complete(*, actor: Any, action: CaseAction, result: str = "") -> CaseAction:
    """Report an action done, with what came of it."""
    result = _text(result, "result")
    with transaction.atomic():
        current = _locked_open(action)
        _finish(actor=actor, action=current, status=ActionStatus.DONE, result=result)
        timeline_add(
            case=current.case,
            kind=TimelineKind.ACTION,
            actor=actor,
            ref_uuid=current.uuid,
            title=lambda: _("Action done: %(description)s") % {"description": current.description},
            body=result,
        )
        audit.record(
            "action.completed",
            actor=actor,
            target=current,
            case=current.case,
            pupil=current.case.pupil,
            changes={"status": {"old": ActionStatus.OPEN, "new": ActionStatus.DONE}},
        )
        if current.kind == ActionKind.FEEDBACK:  # the next hops of the feedback chain (services.feedback)
            from zorgroute.meetings.services.feedback import feedback_next

            feedback_next(actor=actor, hop=current)
    return current


def action_cancel(*, actor: Any, action: CaseAction, reason: str) -> CaseAction:
    """Cancel an action that is no longer needed; the reason is required and kept with the action."""
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        current = _locked_open(action)
        _finish(actor=actor, action=current, status=ActionStatus.CANCELLED, result=reason)
        timeline_add(
            case=current.case,
            kind=TimelineKind.ACTION,
            actor=actor,
            ref_uuid=current.uuid,
            title=lambda: _("Action cancelled: %(description)s") % {"description": current.description},
            body=reason,
        )
        audit.record(
            "action.cancelled",
            actor=actor,
            target=current,
            case=current.case,
            pupil=current.case.pupil,
            changes={"status": {"old": ActionStatus.OPEN, "new": ActionStatus.CANCELLED}},
        )
    return current
