"""The feedback chain (terugkoppeling; DOMAIN §5, issue 5 §5): ZAT → care coordinator → teacher and parents, tracked
until done.

Each hop is a CaseAction of kind feedback: to whom (`feedback_to`), after which forum (`forum`), its owner and a due
date a number of working days ahead (settings.FEEDBACK_WORKING_DAYS, 5 by default). Like any action it shows in the
owner's "My work", is flagged when overdue and reminded by the daily command (services.reminders).

- Finalising the minutes of a ZAT: per discussion, the person named to report back to the school (else whoever
  finalises) reports to the school's care coordinator, and the person named to report back to the parents does so.
  Someone named to report to the school who is the care coordinator needs no hop to themself: their own hops start.
- When the care coordinator has been informed (that hop is done), or at once after a meeting of the school's own
  zorgteam, the care coordinator informs the teacher or mentor of the pupil's current group and, unless a hop to the
  parents exists already, the parents (the person the discussion named for the parents, after a zorgteam).

A hop names the one it follows (`previous`); a (previous, recipient) pair exists once (a database constraint), so
finishing a hop creates its next hops once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from zorgroute import audit
from zorgroute.cases.models import Case
from zorgroute.core.time import today
from zorgroute.meetings.calendar import working_days_after
from zorgroute.meetings.constants import FEEDBACK_TITLES, ActionKind, ActionStatus, FeedbackTo
from zorgroute.meetings.models import CaseAction, CaseDiscussion
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind
from zorgroute.organisations.models import CareTeam, StaffRole

DEFAULT_WORKING_DAYS = 5
# Hops after which the school's own hops follow (SCHOOL: tasks created before the chain, "report to the school").
TO_THE_SCHOOL = (FeedbackTo.CARE_COORDINATOR, FeedbackTo.SCHOOL)


def working_days() -> int:
    return int(getattr(settings, "FEEDBACK_WORKING_DAYS", DEFAULT_WORKING_DAYS))


def due_date(day: dt.date | None = None) -> dt.date:
    """When a hop created on `day` (today) is due: the configured number of working days later."""
    return working_days_after(day or today(), working_days())


def care_coordinator_of(case: Case) -> Any:
    """The school's care coordinator for this case: the case owner when they are one of the school's care
    coordinators, else the case coordinator when they are, else the school's longest-serving care coordinator;
    the case owner when the school has none."""
    day = today()
    coordinators = list(
        StaffRole.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            school_id=case.school_id,
            role=StaffRoleKind.CARE_COORDINATOR,
            valid_from__lte=day,
            user__is_active=True,
        )
        .order_by("valid_from", "pk")
        .values_list("user_id", flat=True)
    )
    for candidate in (case.owner_id, case.coordinator_id):
        if candidate is not None and candidate in coordinators:
            return case.owner if candidate == case.owner_id else case.coordinator
    if coordinators:
        from zorgroute.accounts.models import User

        return User.objects.get(pk=coordinators[0])
    return case.owner


def feedback_description(recipient: str, forum: CareTeam) -> str:
    """The stored text of a feedback task, in the product language like the timeline (readers see CaseAction.title,
    rendered in their own language from the same facts)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(FEEDBACK_TITLES[FeedbackTo(recipient)]) % {"forum": forum.name}


def _hop(
    *,
    actor: Any,
    discussion: CaseDiscussion,
    forum: CareTeam,
    to: str,
    owner: Any,
    previous: CaseAction | None = None,
) -> CaseAction | None:
    """One hop of the chain, created once (None when it exists)."""
    if previous is not None and CaseAction.objects.filter(previous=previous, feedback_to=to).exists():
        return None
    case = discussion.item.case
    hop = CaseAction.objects.create(
        case=case,
        discussion=discussion,
        kind=ActionKind.FEEDBACK,
        feedback_to=to,
        forum=forum,
        previous=previous,
        description=feedback_description(to, forum),
        owner=owner,
        due_on=due_date(),
        agreed_by=actor if getattr(actor, "pk", None) else owner,
    )
    audit.record(
        "action.feedback_created",
        actor=actor,
        target=hop,
        case=case,
        pupil=case.pupil,
        changes={
            "feedback_to": to,
            "owner": str(owner.uuid),
            "due_on": hop.due_on.isoformat(),
            "previous": str(previous.uuid) if previous is not None else None,
        },
    )
    return hop


def _parents_covered(discussion: CaseDiscussion) -> bool:
    return (
        CaseAction.objects.filter(discussion=discussion, feedback_to=FeedbackTo.PARENTS)
        .exclude(status=ActionStatus.CANCELLED)
        .exists()
    )


def _school_hops(
    *,
    actor: Any,
    discussion: CaseDiscussion,
    forum: CareTeam,
    previous: CaseAction | None,
    parents_owner: Any | None = None,
) -> list[CaseAction]:
    """The care coordinator informs the teacher or mentor, and the parents unless someone does so already."""
    coordinator = care_coordinator_of(discussion.item.case)
    created = [
        _hop(
            actor=actor,
            discussion=discussion,
            forum=forum,
            to=FeedbackTo.TEACHER,
            owner=coordinator,
            previous=previous,
        )
    ]
    if not _parents_covered(discussion):
        created.append(
            _hop(
                actor=actor,
                discussion=discussion,
                forum=forum,
                to=FeedbackTo.PARENTS,
                owner=parents_owner or coordinator,
                previous=previous,
            )
        )
    return [hop for hop in created if hop is not None]


def feedback_start(*, actor: Any, discussion: CaseDiscussion, forum: CareTeam) -> list[CaseAction]:
    """The first hops after the minutes with this discussion are final (called by meeting_finalise)."""
    with transaction.atomic():
        if forum.kind != CareTeamKind.REGIONAL_TEAM:  # the school's own zorgteam: the school informs at once
            return _school_hops(
                actor=actor,
                discussion=discussion,
                forum=forum,
                previous=None,
                parents_owner=discussion.reports_to_parents,
            )
        created: list[CaseAction | None] = []
        if discussion.reports_to_parents is not None:
            created.append(
                _hop(
                    actor=actor,
                    discussion=discussion,
                    forum=forum,
                    to=FeedbackTo.PARENTS,
                    owner=discussion.reports_to_parents,
                )
            )
        reporter = discussion.reports_to_school or actor
        if reporter.pk == care_coordinator_of(discussion.item.case).pk:
            created += _school_hops(actor=actor, discussion=discussion, forum=forum, previous=None)
        else:
            created.append(
                _hop(
                    actor=actor,
                    discussion=discussion,
                    forum=forum,
                    to=FeedbackTo.CARE_COORDINATOR,
                    owner=reporter,
                )
            )
        return [hop for hop in created if hop is not None]


def feedback_next(*, actor: Any, hop: CaseAction) -> list[CaseAction]:
    """After a hop is done: when the school (its care coordinator) has been informed, the care coordinator's hops to
    the teacher and the parents; nothing after any other hop. Running it again creates nothing twice."""
    if hop.kind != ActionKind.FEEDBACK or hop.feedback_to not in TO_THE_SCHOOL or hop.discussion_id is None:
        return []
    if hop.status != ActionStatus.DONE:
        return []
    discussion = CaseDiscussion.objects.select_related(
        "item__case__pupil", "item__case__owner", "item__case__coordinator", "item__meeting__team"
    ).get(pk=hop.discussion_id)
    forum = hop.forum or discussion.item.meeting.team
    with transaction.atomic():
        return _school_hops(actor=actor, discussion=discussion, forum=forum, previous=hop)
