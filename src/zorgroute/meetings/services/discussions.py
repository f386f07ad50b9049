"""The case discussion per agenda item, actions agreed in it, and finalising the minutes of a meeting.

Finalising checks the hard rule of seed 001: a case coordinator is named whenever more than one action is agreed.
It then names that coordinator on the case, and starts the feedback chain (services.feedback: ZAT → care
coordinator → teacher and parents), tracked like actions until done.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.services import timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now
from zorgroute.meetings.constants import (
    ActionKind,
    MeetingStatus,
    ReferralStatus,
    VerwijsindexDecision,
)
from zorgroute.meetings.models import AgendaItem, CaseAction, CaseDiscussion, Meeting, Referral
from zorgroute.meetings.services.actions import action_agree
from zorgroute.meetings.services.feedback import feedback_start

DISCUSSION_TEXTS = (
    "extra_information",
    "analysis",
    "solutions_child",
    "solutions_family",
    "solutions_school",
    "decisions",
    "bottleneck",
)
DISCUSSION_PRESENCE = ("parents_present", "pupil_present", "teacher_present")
DISCUSSION_PEOPLE = (
    "case_coordinator",
    "parents_contact",
    "reports_to_parents",
    "reports_to_school",
    "verwijsindex_by",
)


def _open_minutes(meeting: Meeting) -> None:
    if meeting.minutes_finalised_at is not None:
        raise DomainError(_("The minutes of this meeting are final."))
    if meeting.status == MeetingStatus.CANCELLED:
        raise DomainError(_("This meeting was cancelled."))


_EMPTY: dict[str, Any] = {
    **dict.fromkeys(DISCUSSION_PEOPLE),
    **dict.fromkeys(DISCUSSION_PRESENCE, False),
    "next_discussion_on": None,
    "bottleneck_kind": None,
}


_RELATED = (*DISCUSSION_PEOPLE, "bottleneck_kind")


def _key(value: Any) -> Any:
    return value.pk if hasattr(value, "pk") else value


def _stored(discussion: CaseDiscussion | None, name: str) -> Any:
    """What the discussion holds for a field (a related object by its key), or the empty value before it exists."""
    if discussion is None:
        return _EMPTY.get(name, "")
    return getattr(discussion, f"{name}_id") if name in _RELATED else getattr(discussion, name)


def _check_bottleneck_kind(item: AgendaItem, bottleneck: str, kind: Any) -> None:
    if kind is not None and kind.region_id != item.meeting.team.region_id:
        raise ValidationError(
            _("Choose a kind of care of this region."), field="bottleneck_kind"
        )  # a kind of another region never gets here through the form
    if bottleneck.strip() and kind is None:
        raise ValidationError(
            _("Choose the kind of care the gap is in: the region counts gaps per kind of care."),
            field="bottleneck_kind",
        )


def discussion_record(
    *,
    actor: Any,
    item: AgendaItem,
    verwijsindex: str = "",
    next_discussion_on: dt.date | None = None,
    bottleneck_kind: Any = None,
    **values: Any,
) -> CaseDiscussion:
    """Write (or rewrite, until the minutes are final) the discussion of one agenda item.

    Who sat at the table for this case (parents, pupil, teacher: yes or no), and a gap in the care offer with the
    kind of care it is in (one of the region's kinds; required with the note, so the region can count gaps per kind
    of care). The audit row names the fields that changed, never their text."""
    _open_minutes(item.meeting)
    unknown = set(values) - set(DISCUSSION_TEXTS) - set(DISCUSSION_PEOPLE) - set(DISCUSSION_PRESENCE)
    if unknown:
        raise ValueError(f"unknown discussion fields: {sorted(unknown)}")
    if verwijsindex and verwijsindex not in VerwijsindexDecision.values:
        raise ValidationError(_("Choose the verwijsindex decision."), field="verwijsindex")
    meeting_day = timezone.localtime(item.meeting.starts_at).date()
    if next_discussion_on is not None and next_discussion_on <= meeting_day:
        raise ValidationError(_("The next discussion lies after this meeting."), field="next_discussion_on")
    fields: dict[str, Any] = {name: _text(values.get(name, ""), name) for name in DISCUSSION_TEXTS}
    _check_bottleneck_kind(item, fields["bottleneck"], bottleneck_kind)
    fields |= {name: values.get(name) for name in DISCUSSION_PEOPLE}
    fields |= {name: bool(values.get(name, False)) for name in DISCUSSION_PRESENCE}
    fields |= {
        "verwijsindex": verwijsindex,
        "next_discussion_on": next_discussion_on,
        "bottleneck_kind": bottleneck_kind,
    }
    with transaction.atomic():
        before = CaseDiscussion.objects.filter(item=item).first()
        changed = sorted(name for name, value in fields.items() if _stored(before, name) != _key(value))
        discussion, created = CaseDiscussion.objects.update_or_create(
            item=item, defaults={**fields, "recorded_by": actor}
        )
        audit.record(
            "discussion.recorded",
            actor=actor,
            target=discussion,
            case=item.case,
            pupil=item.case.pupil,
            changes={
                "created": created,
                "fields": changed,
                "verwijsindex": verwijsindex,
                "next_discussion_on": next_discussion_on.isoformat() if next_discussion_on else None,
            },
        )
    return discussion


def discussion_action(
    *, actor: Any, discussion: CaseDiscussion, description: str, owner: Any, due_on: dt.date
) -> CaseAction:
    """An action agreed in the discussion (who, what, by when)."""
    _open_minutes(discussion.item.meeting)
    with transaction.atomic():
        action = action_agree(
            actor=actor, case=discussion.item.case, description=description, owner=owner, due_on=due_on
        )
        action.discussion = discussion
        action.save(update_fields=["discussion", "updated_at"])
    return action


def minutes_problems(meeting: Meeting) -> list[str]:
    """What stands in the way of finalising the minutes (pure over the loaded items)."""
    problems: list[str] = []
    for item in meeting.items.select_related("case__pupil").prefetch_related("discussion__actions"):
        label = _("%(position)d. the case of %(pupil)s") % {
            "position": item.position,
            "pupil": _("an anonymous pupil") if item.anonymous else item.case.pupil.full_name,
        }
        discussion = getattr(item, "discussion", None)
        if discussion is None:
            problems.append(_("%(item)s has not been discussed") % {"item": label})
            continue
        agreed = [a for a in discussion.actions.all() if a.kind == ActionKind.ACTION]
        if len(agreed) > 1 and discussion.case_coordinator_id is None:
            problems.append(
                _("%(item)s: more than one action is agreed, so a case coordinator must be named")
                % {"item": label}
            )
        if discussion.verwijsindex == VerwijsindexDecision.REPORT and discussion.verwijsindex_by_id is None:
            problems.append(_("%(item)s: name who reports to the verwijsindex") % {"item": label})
        if not discussion.verwijsindex:
            problems.append(_("%(item)s: record the verwijsindex decision") % {"item": label})
    return problems


def meeting_finalise(*, actor: Any, meeting: Meeting) -> Meeting:
    """The chair or minute-taker finalises the minutes: checks, the case coordinator named on each case, the first
    hops of the feedback chain created. The minutes cannot change after this."""
    _open_minutes(meeting)
    problems = minutes_problems(meeting)
    if problems:
        raise DomainError(
            _("The minutes cannot be finalised yet: %(problems)s.") % {"problems": "; ".join(problems)}
        )
    from zorgroute.cases.services import case_set_people

    with transaction.atomic():
        related = ("case__owner", "case__coordinator", "case__pupil", "case__school")
        people = ("discussion__reports_to_parents", "discussion__reports_to_school")
        for item in meeting.items.select_related(*related, *people):
            discussion = item.discussion
            case = item.case
            if discussion.case_coordinator_id and discussion.case_coordinator_id != case.coordinator_id:
                # A coordinator from a partner organisation is named in the minutes, not on the case.
                with contextlib.suppress(ValidationError):
                    case_set_people(
                        actor=actor, case=case, owner=case.owner, coordinator=discussion.case_coordinator
                    )
            feedback_start(actor=actor, discussion=discussion, forum=meeting.team)
            timeline_add(
                case=case,
                kind=TimelineKind.NOTE,
                actor=actor,
                visibility=Visibility.CARE_TEAM,
                ref_uuid=discussion.uuid,
                title=lambda: _("Discussed in %(team)s") % {"team": meeting.team.name},
                body=discussion.decisions,
            )
        meeting.status = MeetingStatus.HELD
        meeting.minutes_finalised_at, meeting.minutes_finalised_by = now(), actor
        meeting.save(update_fields=["status", "minutes_finalised_at", "minutes_finalised_by", "updated_at"])
        # The referrals these items came from have been discussed: no longer "on an agenda".
        discussed = Referral.objects.filter(
            agenda_items__meeting=meeting, status=ReferralStatus.SCHEDULED
        ).update(status=ReferralStatus.DISCUSSED, updated_at=now())
        audit.record(
            "meeting.finalised",
            actor=actor,
            target=meeting,
            changes={"items": meeting.items.count(), "referrals_discussed": discussed},
        )
    return meeting


def decision_list_downloaded(*, actor: Any, meeting: Meeting, items: list[Any]) -> None:
    """Record that the decision list left the system as a PDF: one row per case in it (so each pupil's access log
    shows it, and whether it named them), or one for the meeting when its agenda was empty. `items` are the
    decision_list.DecisionItem of the document."""
    with transaction.atomic():
        if not items:
            audit.record(
                "meeting.decision_list_downloaded", actor=actor, target=meeting, changes={"items": 0}
            )
        for item in items:
            audit.record(
                "meeting.decision_list_downloaded",
                actor=actor,
                target=meeting,
                case=item.case,
                pupil=item.case.pupil,
                changes={"position": item.position, "anonymous": item.anonymous},
            )
