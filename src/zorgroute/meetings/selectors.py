"""Reads of agreed actions. Every list starts from access.visible_actions; counts are database aggregates."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import Exists, OuterRef, Q, QuerySet, Value, When

from zorgroute.access.policy import visible_actions, visible_cases
from zorgroute.accounts.models import User
from zorgroute.cases.case_selectors import school_staff
from zorgroute.cases.models import Case
from zorgroute.core.time import today
from zorgroute.meetings.constants import ActionStatus
from zorgroute.meetings.models import CaseAction
from zorgroute.organisations.models import Membership

ACTION_RELATED = ("case", "case__pupil", "case__pupil__current_group", "case__step", "owner", "forum")


def with_overdue(actions: QuerySet[CaseAction]) -> QuerySet[CaseAction]:
    """Annotate `overdue`: open and the due date has passed (in the database, for lists and counts)."""
    return actions.annotate(
        overdue=CaseWhen(
            When(Q(status=ActionStatus.OPEN, due_on__lt=today()), then=Value(True)), default=Value(False)
        )
    )


def with_case_visible(user: Any, actions: QuerySet[CaseAction]) -> QuerySet[CaseAction]:
    """Annotate `case_visible`: may the user open the action's case page? (An owner from a partner organisation
    carries out the action without seeing the rest of the case.)"""
    return actions.annotate(case_visible=Exists(visible_cases(user).filter(pk=OuterRef("case_id"))))


def owner_candidates(*, case: Case) -> QuerySet[User]:
    """Who may carry out an action of the case: the staff of its school and the active members of the school's care
    team and of the regional teams (ZAT) of its region."""
    day = today()
    members = Membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        Q(team__school_id=case.school_id)
        | Q(team__school__isnull=True, team__region_id=case.school.region_id),
        valid_from__lte=day,
        team__is_active=True,
    ).values("user_id")
    staff = school_staff(school=case.school).values("pk")
    return User.objects.filter(Q(pk__in=staff) | Q(pk__in=members), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def case_actions(*, user: Any, case: Case) -> list[CaseAction]:
    """The actions of one case this user may see: open ones first by due date, then finished ones (one query)."""
    actions: list[CaseAction] = list(
        with_overdue(visible_actions(user).filter(case=case))
        .select_related("owner", "finished_by", "forum")
        .annotate(open_first=CaseWhen(When(status=ActionStatus.OPEN, then=Value(0)), default=Value(1)))
        .order_by("open_first", "due_on", "created_at")
    )
    for action in actions:
        action.case = case  # the rules look at the case; it is the one already loaded
    return actions


def my_open_actions(*, user: Any) -> QuerySet[CaseAction]:
    """Open actions the user carries out, whatever the case or team, soonest due first."""
    return (
        with_case_visible(
            user, with_overdue(visible_actions(user).filter(owner_id=user.pk, status=ActionStatus.OPEN))
        )
        .select_related(*ACTION_RELATED)
        .order_by("due_on", "created_at")
    )


def overdue_actions(*, user: Any, cases: QuerySet[Case]) -> QuerySet[CaseAction]:
    """Open actions past their due date on the given cases (the care coordinator's caseload), any owner."""
    return (
        with_case_visible(
            user,
            visible_actions(user).filter(
                case__in=cases.values("pk"), status=ActionStatus.OPEN, due_on__lt=today()
            ),
        )
        .select_related(*ACTION_RELATED)
        .order_by("due_on", "created_at")
    )


def open_aftercare(*, cases: QuerySet[Case]) -> QuerySet[Any]:
    """Aftercare that is due and not recorded yet, for the given cases (the care coordinator's), oldest first."""
    from zorgroute.meetings.models import Aftercare

    return (
        Aftercare.objects.filter(case__in=cases.values("pk"), done_at__isnull=True)
        .select_related("case", "case__pupil", "case__step")
        .order_by("due_on")
    )


def aftercare_in_case(*, case: Case, key: Any) -> Any:
    import uuid as uuid_lib

    from zorgroute.meetings.models import Aftercare

    try:
        parsed = uuid_lib.UUID(str(key))
    except ValueError:
        return None
    return Aftercare.objects.filter(case=case, uuid=parsed).select_related("case", "case__pupil").first()


@dataclass
class FeedbackChain:
    """The feedback after one discussion (services.feedback), as far as the reader may see its hops."""

    forum: str
    hops: list[CaseAction]  # in the order of the chain: the forum's hops first, then the school's
    pending: bool  # the care coordinator is still to be informed: the hops to the teacher and parents follow
    teachers: list[str] = field(default_factory=list)  # the pupil's current group teachers or mentors

    @property
    def done(self) -> bool:
        return not self.pending and all(not hop.is_open for hop in self.hops)

    @property
    def overdue(self) -> bool:
        return any(hop.is_overdue for hop in self.hops)


def feedback_chains(*, case: Case, actions: list[CaseAction]) -> list[FeedbackChain]:
    """The feedback chains of the case from its actions the reader sees (case_actions), newest discussion first;
    with the names of the pupil's teachers when a hop informs them (one query, only then)."""
    from zorgroute.meetings.constants import ActionKind, FeedbackTo

    by_discussion: dict[Any, list[CaseAction]] = {}
    for action in actions:
        if action.kind == ActionKind.FEEDBACK:
            by_discussion.setdefault(action.discussion_id, []).append(action)
    chains = []
    for hops in by_discussion.values():
        hops.sort(key=lambda hop: (hop.previous_id is not None, hop.created_at))
        followed = {hop.previous_id for hop in hops}
        pending = any(
            hop.is_open and hop.feedback_to in (FeedbackTo.CARE_COORDINATOR, FeedbackTo.SCHOOL)
            for hop in hops
            if hop.pk not in followed
        )
        forum = next((hop.forum.name for hop in hops if hop.forum is not None), "")
        chains.append(FeedbackChain(forum=forum, hops=hops, pending=pending))
    chains.sort(key=lambda chain: chain.hops[0].created_at, reverse=True)
    if any(hop.feedback_to == FeedbackTo.TEACHER for chain in chains for hop in chain.hops):
        names = _teacher_names(case)
        for chain in chains:
            chain.teachers = names
    return chains


def _teacher_names(case: Case) -> list[str]:
    from zorgroute.organisations.models import GroupTeacher

    group_id = case.pupil.current_group_id
    if group_id is None:
        return []
    links = GroupTeacher.objects.filter(group_id=group_id, user__is_active=True).select_related("user")
    return [link.user.get_full_name() or link.user.get_username() for link in links.order_by("role", "pk")]
