"""The group review (groepsbespreking) with an outcome per pupil.

Each service validates, saves, writes the case timeline and audits in one transaction. Callers obtained the
objects through access/; services decide domain rules, not permissions.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import (
    CaseStatus,
    ReviewOutcome,
    TimelineKind,
)
from zorgroute.cases.models import (
    Case,
    GroupReview,
    GroupReviewOutcome,
)
from zorgroute.cases.services._common import _text, timeline_add
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.core.time import school_year_of, today
from zorgroute.organisations.models import Group
from zorgroute.pupils.models import Pupil

# Written for issue 3 item 7: the outcome per pupil of a group review, on the case timeline when a case is open.


def _review_title(held_on: dt.date, outcome: str) -> str:
    return _("Group review of %(date)s: %(outcome)s") % {
        "date": held_on.strftime("%d-%m-%Y"),
        "outcome": ReviewOutcome(outcome).label,
    }


def group_review_record(
    *,
    actor: Any,
    group: Group,
    held_on: dt.date,
    outcomes: Mapping[int, tuple[str, str]],
    notes: str = "",
) -> GroupReview:
    """Record a group review and its outcome per pupil (keys are pupil ids of pupils in the group).

    Pupils with an open case at the group's school get a line on their case timeline (care-team level). Each
    pupil's outcome is audited as "group.reviewed" with that pupil, so it shows in "who did what with my child".
    """
    if held_on > today():
        raise ValidationError(_("The date lies in the future."), field="held_on")
    if school_year_of(held_on) != group.school_year:
        raise ValidationError(_("The date lies outside the group's school year."), field="held_on")
    if not outcomes:
        raise ValidationError(_("Record an outcome for at least one pupil."))
    cleaned: dict[int, tuple[str, str]] = {}
    for pupil_id, (outcome, note) in outcomes.items():
        if outcome not in ReviewOutcome.values:
            raise ValidationError(_("Choose an outcome for every pupil you discussed."))
        cleaned[pupil_id] = (outcome, _text(note, "note"))
    notes = _text(notes, "notes")
    pupils = {p.pk: p for p in Pupil.objects.filter(pk__in=sorted(cleaned), current_group=group)}
    if len(pupils) != len(cleaned):
        raise ValidationError(_("Only pupils of this group can be discussed in its group review."))
    if GroupReview.objects.filter(group=group, held_on=held_on).exists():
        raise ConflictError(_("A group review on this date has already been recorded."), field="held_on")
    try:
        with transaction.atomic():
            review = GroupReview.objects.create(group=group, held_on=held_on, recorded_by=actor, notes=notes)
            GroupReviewOutcome.objects.bulk_create(
                [
                    GroupReviewOutcome(review=review, pupil=pupils[pupil_id], outcome=outcome, note=note)
                    for pupil_id, (outcome, note) in sorted(cleaned.items())
                ]
            )
            open_cases = {
                case.pupil_id: case
                for case in Case.objects.filter(
                    pupil_id__in=sorted(pupils), school_id=group.school_id, status=CaseStatus.OPEN
                )
            }
            for pupil_id, (outcome, note) in sorted(cleaned.items()):
                case = open_cases.get(pupil_id)
                if case is not None:
                    timeline_add(
                        case=case,
                        kind=TimelineKind.REVIEW,
                        actor=actor,
                        ref_uuid=review.uuid,
                        title=functools.partial(_review_title, held_on, outcome),
                        body=note,
                    )
                audit.record(
                    "group.reviewed",
                    actor=actor,
                    target=review,
                    pupil=pupils[pupil_id],
                    case=case,
                    changes={"group": str(group.uuid), "held_on": held_on.isoformat(), "outcome": outcome},
                )
    except IntegrityError:  # the same review recorded twice at the same moment
        raise ConflictError(
            _("A group review on this date has already been recorded."), field="held_on"
        ) from None
    return review
