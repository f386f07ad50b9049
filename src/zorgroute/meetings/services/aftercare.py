"""Aftercare, created by a daily command three months after a case's last discussion, and recorded by the care
coordinator: goal attainment, satisfaction of school and parents, then close or reopen the case."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import CaseStatus, ClosureReason, TimelineKind, Visibility
from zorgroute.cases.services import case_close, case_reopen, timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now
from zorgroute.meetings.calendar import aftercare_due
from zorgroute.meetings.constants import AftercareOutcome, GoalAttainment
from zorgroute.meetings.models import Aftercare, CaseDiscussion
from zorgroute.meetings.services._common import SYSTEM_LABEL as SYSTEM


def aftercare_create_due(*, on: dt.date) -> list[Aftercare]:
    """Create the aftercare of every case whose last finalised discussion was three months ago or longer.

    Idempotent: one aftercare per discussion (a database constraint), and only for a case's last discussion.
    """
    latest: dict[int, CaseDiscussion] = {}
    for discussion in (
        CaseDiscussion.objects.filter(item__meeting__minutes_finalised_at__isnull=False)
        .select_related("item__meeting", "item__case", "item__case__pupil")
        .order_by("item__meeting__starts_at", "pk")
    ):
        latest[discussion.item.case_id] = discussion
    created: list[Aftercare] = []
    for discussion in latest.values():
        due = aftercare_due(timezone.localtime(discussion.item.meeting.starts_at).date())
        if due > on or Aftercare.objects.filter(after_discussion=discussion).exists():
            continue
        case = discussion.item.case
        try:
            with transaction.atomic():
                aftercare = Aftercare.objects.create(case=case, after_discussion=discussion, due_on=due)
                timeline_add(
                    case=case,
                    kind=TimelineKind.NOTE,
                    actor=None,
                    visibility=Visibility.CARE_TEAM,
                    ref_uuid=aftercare.uuid,
                    title=lambda: _("Aftercare: three months after the last discussion"),
                )
                audit.record(
                    "aftercare.created",
                    actor=None,
                    actor_label=SYSTEM,
                    target=aftercare,
                    case=case,
                    pupil=case.pupil,
                    changes={"due_on": due.isoformat()},
                )
        except IntegrityError:  # created by a run at the same moment
            continue
        created.append(aftercare)
    return created


def aftercare_record(
    *,
    actor: Any,
    aftercare: Aftercare,
    goal_attainment: str,
    outcome: str,
    satisfaction_school: int | None = None,
    satisfaction_parents: int | None = None,
    notes: str = "",
) -> Aftercare:
    """Record the aftercare and end it: close the case (when open) or reopen it (when closed)."""
    if aftercare.done_at is not None:
        raise DomainError(_("This aftercare was already recorded."))
    if goal_attainment not in GoalAttainment.values:
        raise ValidationError(_("Choose how far the goals were achieved."), field="goal_attainment")
    if outcome not in AftercareOutcome.values:
        raise ValidationError(_("Choose whether the case closes or reopens."), field="outcome")
    for field, score in (
        ("satisfaction_school", satisfaction_school),
        ("satisfaction_parents", satisfaction_parents),
    ):
        if score is not None and not 1 <= score <= 5:
            raise ValidationError(_("Give a score from 1 to 5."), field=field)
    notes = _text(notes, "notes")
    with transaction.atomic():
        case = aftercare.case
        if outcome == AftercareOutcome.CLOSE and case.status == CaseStatus.OPEN:
            case = case_close(
                actor=actor,
                case=case,
                closure_reason=ClosureReason.SOLVED,
                note=_("Closed after the aftercare."),
            )
        elif outcome == AftercareOutcome.REOPEN and case.status == CaseStatus.CLOSED:
            case = case_reopen(actor=actor, case=case, reason=_("Reopened after the aftercare."))
        aftercare.goal_attainment, aftercare.outcome, aftercare.notes = goal_attainment, outcome, notes
        aftercare.satisfaction_school, aftercare.satisfaction_parents = (
            satisfaction_school,
            satisfaction_parents,
        )
        aftercare.done_at, aftercare.done_by = now(), actor
        aftercare.save()
        audit.record(
            "aftercare.recorded",
            actor=actor,
            target=aftercare,
            case=case,
            pupil=case.pupil,
            changes={
                "goal_attainment": goal_attainment,
                "outcome": outcome,
                "satisfaction_school": satisfaction_school,
                "satisfaction_parents": satisfaction_parents,
            },
        )
    return aftercare
