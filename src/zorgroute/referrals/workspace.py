"""The partner workspace (issue 5 point 8): what a partner's worker (JGZ, social work, leerplicht, ...) needs, and
nothing more: the meetings they are invited to, the cases on those agendas with a link to the summary, their open
actions, and the referrals to their organisation with the back-reports to give.

Every list starts from access/: the meetings from the principal's invitations, the agenda cases from
`visible_cases(user, CASE_SUMMARY_VIEW)` (the summary's release, the access window, consent), the actions from
`visible_actions`, the referrals from `visible_external_referrals`. A fixed number of queries whatever the numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from zorgroute.access.actions import Action
from zorgroute.access.policy import visible_cases, visible_external_referrals
from zorgroute.access.principal import load
from zorgroute.core.time import age_on, today
from zorgroute.meetings.constants import MeetingStatus
from zorgroute.meetings.meeting_selectors import with_item_counts
from zorgroute.meetings.models import AgendaItem, Attendance, CaseAction, Meeting
from zorgroute.referrals.constants import CLOSED_STATUSES
from zorgroute.referrals.models import ExternalReferral
from zorgroute.referrals.selectors import due_q, overdue_q, referral_list

MEETINGS_SHOWN = 10


@dataclass(frozen=True)
class AgendaCase:
    """A case on the agenda of a meeting the reader is invited to, as the reader may know it."""

    meeting: Meeting
    case_uuid: Any
    position: int
    name: str  # the pupil's name, or "" when the reader sees the case anonymously
    age: int  # shown instead of the name in an anonymous discussion
    group: str


@dataclass
class Workspace:
    meetings: list[Meeting]
    agenda: list[AgendaCase]
    actions: list[CaseAction]
    referrals: list[ExternalReferral]
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def has_rows(self) -> bool:
        return bool(self.meetings or self.agenda or self.actions or self.referrals)


def upcoming_meetings(*, user: Any) -> list[Meeting]:
    """Planned meetings the user is invited to that have not ended yet, soonest first (one query)."""
    ids = sorted(load(user).invited_meeting_ids)
    if not ids:
        return []
    meetings = Meeting.objects.filter(
        pk__in=ids, status=MeetingStatus.PLANNED, ends_at__gte=timezone.now()
    ).select_related("team")
    return list(with_item_counts(meetings, user=user).order_by("starts_at")[:MEETINGS_SHOWN])


def agenda_cases(*, user: Any) -> list[AgendaCase]:
    """The cases whose summary the user may read now, per meeting they are invited to (six queries at most).

    Only meetings whose access window is open and whose summaries are released; only cases the access layer lets
    the user read the summary of; by name only when consent allows it by name for the organisation the user sits
    in the team for (the same verdict the summary page uses), else as "a pupil of N".
    """
    from zorgroute.consents.rules import Verdict
    from zorgroute.consents.selectors import forum_verdicts

    p = load(user)
    if not p.invited_meeting_ids or not p.agenda_case_ids:
        return []
    day = today()
    items = list(
        AgendaItem.objects.filter(
            meeting_id__in=sorted(p.invited_meeting_ids),
            meeting__summary_release_on__lte=day,
            case_id__in=sorted(p.agenda_case_ids),
        )
        .exclude(meeting__status=MeetingStatus.CANCELLED)
        .select_related("meeting", "meeting__team", "case", "case__pupil", "case__pupil__current_group")
        .order_by("meeting__starts_at", "position")
    )
    readable = set(
        visible_cases(user, Action.CASE_SUMMARY_VIEW)
        .filter(pk__in={item.case_id for item in items})
        .values_list("pk", flat=True)
    )
    items = [item for item in items if item.case_id in readable]
    partner_of = dict(
        Attendance.objects.filter(user=user, meeting_id__in={item.meeting_id for item in items}).values_list(
            "meeting_id", "membership__partner_id"
        )
    )
    keys = {(item.case_id, item.meeting.team.kind, partner_of.get(item.meeting_id)) for item in items}
    verdicts = forum_verdicts(keys, day=day)
    by_name = (Verdict.BY_NAME, Verdict.OUTSIDE_INFO)
    result = []
    for item in items:
        verdict = verdicts.get((item.case_id, item.meeting.team.kind, partner_of.get(item.meeting_id)))
        if (
            verdict is None or verdict is Verdict.NOT_ALLOWED
        ):  # pragma: no cover - consent withdrawn meanwhile
            continue
        pupil = item.case.pupil
        named = verdict in by_name and not item.anonymous
        result.append(
            AgendaCase(
                meeting=item.meeting,
                case_uuid=item.case.uuid,
                position=item.position,
                name=pupil.full_name if named else "",
                age=age_on(pupil.date_of_birth, day),
                group=pupil.current_group.name if named and pupil.current_group else "",
            )
        )
    return result


def open_actions(*, user: Any) -> list[CaseAction]:
    """The open actions the user carries out (meetings.selectors.my_open_actions; one query)."""
    from zorgroute.meetings.selectors import my_open_actions

    return list(my_open_actions(user=user))


def partner_workspace(*, user: Any) -> Workspace:
    referrals = list(referral_list(user=user, action=Action.EXTERNAL_REFERRAL_REPORT))
    workspace = Workspace(
        meetings=upcoming_meetings(user=user),
        agenda=agenda_cases(user=user),
        actions=open_actions(user=user),
        referrals=referrals,
    )
    workspace.counts = {
        "meetings": len(workspace.meetings),
        "agenda": len(workspace.agenda),
        "actions": len(workspace.actions),
        "referrals": len(referrals),
        "due": sum(1 for r in referrals if getattr(r, "due", False)),
        "mine": sum(1 for r in referrals if r.worker_id == user.pk),
    }
    return workspace


def workspace_counts(*, user: Any) -> dict[str, int]:
    """The numbers for the partner's section on the home page (two queries)."""
    referrals = visible_external_referrals(user, Action.EXTERNAL_REFERRAL_REPORT)
    return {
        "meetings": len(upcoming_meetings(user=user)),
        "referrals": referrals.exclude(status__in=CLOSED_STATUSES).count(),
        "due": referrals.filter(due_q()).count(),
        "overdue": referrals.filter(overdue_q()).count(),
    }
