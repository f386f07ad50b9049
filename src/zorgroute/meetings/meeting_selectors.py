"""Reads for the meeting pages: the user's meetings, and one meeting with its agenda, attendance and whether the
people present meet the team's minimum composition. A fixed number of queries whatever the number of cases and
attendees."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import Count, F, Prefetch, Q, QuerySet, When

from zorgroute.access.actions import Action
from zorgroute.access.policy import visible_cases, visible_meetings
from zorgroute.core.time import age_on, today
from zorgroute.meetings.calendar import Attendee, Requirement, composition_gaps
from zorgroute.meetings.constants import MeetingStatus, Presence, ReferralStatus
from zorgroute.meetings.models import AgendaItem, Attendance, CompositionRequirement, Meeting, Referral
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.organisations.models import StaffRole


def with_item_counts(meetings: QuerySet[Meeting], *, user: Any) -> QuerySet[Meeting]:
    """Annotate `item_count`: the cases on the agenda the user may know of. Who runs the meeting counts them all; a
    member counts those whose summary they may read, so a count never tells that another case is on the agenda
    (in the same query, whatever the number of meetings)."""
    readable = visible_cases(user, Action.CASE_SUMMARY_VIEW).values("pk")
    managed = visible_meetings(user, Action.MEETING_MANAGE).values("pk")
    return meetings.annotate(
        _all_items=Count("items"),
        _readable_items=Count("items", filter=Q(items__case__in=readable)),
    ).annotate(item_count=CaseWhen(When(pk__in=managed, then=F("_all_items")), default=F("_readable_items")))


def my_meetings(*, user: Any) -> QuerySet[Meeting]:
    """Meetings the user may see, upcoming first then the most recent ones, with the number of agenda items the user
    may know of (with_item_counts)."""
    return with_item_counts(
        visible_meetings(user).exclude(status=MeetingStatus.CANCELLED).select_related("team"), user=user
    ).order_by("-starts_at")


@dataclass
class MeetingPage:
    meeting: Meeting
    items: list[AgendaItem]  # each with .summary_visible, .label
    attendance: list[Attendance]
    gaps: list[tuple[str, int]]
    waiting: list[Referral]  # referrals to this team awaiting a decision (for who runs the meeting)
    chair: Any = None
    minute_taker: Any = None

    @property
    def present_count(self) -> int:
        return sum(1 for a in self.attendance if a.presence == Presence.PRESENT)


def _attendees(attendance: list[Attendance], school_roles: dict[int, set[str]], held: bool) -> list[Attendee]:
    """Who counts: after the meeting those present; before it everyone invited who did not send word."""
    expected = (Presence.PRESENT,) if held else (Presence.PRESENT, Presence.INVITED)
    present = [a for a in attendance if a.presence in expected]
    by_user = {a.user_id: a for a in attendance}
    result = []
    for a in present:
        counted = (
            by_user.get(a.substitute_for_id, a) if a.substitute_for_id else a
        )  # in the role they replace
        membership = counted.membership
        result.append(
            Attendee(
                team_role=membership.role if membership else "",
                partner_type_id=membership.partner.partner_type_id
                if membership and membership.partner
                else None,
                school_roles=frozenset(school_roles.get(a.user_id, set())),
            )
        )
    return result


def meeting_page(*, user: Any, meeting: Meeting, manage: bool) -> MeetingPage:
    """A fixed number of queries: items, the user's visible summaries, the consent verdicts (four), attendance,
    school roles, requirements, waiting referrals (and their verdicts)."""
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("case", "case__pupil", "case__pupil__current_group", "case__step", "referral")
        .prefetch_related(Prefetch("discussion"))
        .order_by("position")
    )
    readable = set(
        visible_cases(user, Action.CASE_SUMMARY_VIEW)
        .filter(pk__in=[i.case_id for i in items])
        .values_list("pk", flat=True)
    )
    day = today()
    # Shown without a name when the item was put on anonymously or when consent now allows no more for the reader's
    # organisation (decided live, as the summary decides it: meetings.summary, agenda_summary).
    from zorgroute.consents.rules import Verdict
    from zorgroute.consents.selectors import forum_verdicts

    partner_id = reader_partner(meeting=meeting, user=user)
    forum = meeting.team.kind
    verdicts = forum_verdicts({(i.case_id, forum, partner_id) for i in items}, day=day)
    by_name = (Verdict.BY_NAME, Verdict.OUTSIDE_INFO)
    for item in items:
        pupil = item.case.pupil
        item.summary_visible = item.case_id in readable  # type: ignore[attr-defined]
        item.anonymous = item.anonymous or verdicts.get((item.case_id, forum, partner_id)) not in by_name
        item.label = (  # type: ignore[attr-defined]
            None if not item.anonymous else age_on(pupil.date_of_birth, day)
        )
    attendance = list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("user", "membership", "membership__partner", "substitute_for")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    school_roles: dict[int, set[str]] = {}
    if meeting.team.school_id:
        for user_id, role in StaffRole.objects.filter(
            school_id=meeting.team.school_id,
            user_id__in=[a.user_id for a in attendance],
            role__in=[StaffRoleKind.CARE_COORDINATOR, StaffRoleKind.SCHOOL_HEAD, StaffRoleKind.TEACHER],
        ).values_list("user_id", "role"):
            school_roles.setdefault(user_id, set()).add(role)
    requirements = [
        Requirement(
            label=r.label,
            minimum=r.minimum,
            team_role=r.team_role,
            partner_type_id=r.partner_type_id,
            school_role=r.school_role,
        )
        for r in CompositionRequirement.objects.filter(team_id=meeting.team_id).order_by("pk")
    ]
    waiting = (
        list(
            Referral.objects.filter(
                team_id=meeting.team_id, status__in=[ReferralStatus.SUBMITTED, ReferralStatus.IN_INTAKE]
            )
            .select_related("case__pupil", "case__school")
            .order_by("submitted_at")
        )
        if manage
        else []
    )
    if waiting:
        from zorgroute.meetings.summary import referral_labels

        labels = referral_labels(waiting)
        for referral in waiting:
            referral.label = labels[referral.pk]  # type: ignore[attr-defined]
    by_user = {a.user_id: a.user for a in attendance}
    missing = {meeting.chair_id, meeting.minute_taker_id} - set(by_user) - {None}
    if missing:  # named but not invited (one query at most)
        from zorgroute.accounts.models import User

        by_user |= {u.pk: u for u in User.objects.filter(pk__in=missing)}
    return MeetingPage(
        meeting=meeting,
        chair=by_user.get(meeting.chair_id) if meeting.chair_id else None,
        minute_taker=by_user.get(meeting.minute_taker_id) if meeting.minute_taker_id else None,
        items=items,
        attendance=attendance,
        gaps=composition_gaps(
            requirements, _attendees(attendance, school_roles, held=meeting.status == MeetingStatus.HELD)
        ),
        waiting=waiting,
    )


def is_on_agenda(*, meeting: Meeting, case: Any) -> bool:
    return AgendaItem.objects.filter(meeting=meeting, case=case).exists()


def reader_partner(*, meeting: Meeting, user: Any) -> int | None:
    """The organisation the reader sits in this meeting's team for (consent may name it), or None."""
    return (
        Attendance.objects.filter(meeting=meeting, user=user)
        .values_list("membership__partner_id", flat=True)
        .first()
    )


def waiting_referral(*, meeting: Meeting, key: Any) -> Referral | None:
    """A referral to this meeting's team that awaits a decision, by UUID (None when absent or not waiting)."""
    import uuid as uuid_lib

    try:
        parsed = uuid_lib.UUID(str(key))
    except ValueError:
        return None
    return (
        Referral.objects.filter(
            team_id=meeting.team_id,
            uuid=parsed,
            status__in=[ReferralStatus.SUBMITTED, ReferralStatus.IN_INTAKE],
        )
        .select_related("case", "case__pupil", "team")
        .first()
    )


def item_in_meeting(*, meeting: Meeting, key: Any) -> AgendaItem | None:
    import uuid as uuid_lib

    try:
        parsed = uuid_lib.UUID(str(key))
    except ValueError:
        return None
    item = (
        AgendaItem.objects.filter(meeting=meeting, uuid=parsed)
        .select_related("case", "case__pupil", "case__school", "case__step", "meeting", "meeting__team")
        .first()
    )
    return item


def attendance_in_meeting(*, meeting: Meeting, key: Any) -> Attendance | None:
    import uuid as uuid_lib

    try:
        parsed = uuid_lib.UUID(str(key))
    except ValueError:
        return None
    return Attendance.objects.filter(meeting=meeting, uuid=parsed).select_related("user", "meeting").first()


def role_candidates(*, meeting: Meeting) -> Any:
    """Who may chair the meeting or take its minutes: the people invited to it and the team's current members."""
    from zorgroute.accounts.models import User
    from zorgroute.organisations.models import Membership

    day = today()
    members = Membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), team_id=meeting.team_id, valid_from__lte=day
    ).values("user_id")
    invited = Attendance.objects.filter(meeting=meeting).values("user_id")
    return User.objects.filter(Q(pk__in=members) | Q(pk__in=invited), is_active=True).order_by(
        "last_name", "first_name", "username"
    )


def meeting_members(*, meeting: Meeting) -> Any:
    """The people invited to the meeting (for 'replaces')."""
    from zorgroute.accounts.models import User

    return User.objects.filter(attendance__meeting=meeting).order_by("last_name", "first_name")


def discussion_of(item: AgendaItem) -> Any:
    from zorgroute.meetings.models import CaseDiscussion

    return (
        CaseDiscussion.objects.filter(item=item)
        .prefetch_related("actions__owner", "actions__forum")
        .select_related("case_coordinator", "bottleneck_kind")
        .first()
    )


def bottleneck_kinds(*, meeting: Meeting, current: Any = None) -> Any:
    """The kinds of care a gap noted in this meeting can be in: the active kinds of the meeting's region (and the one
    already chosen, should it have been switched off since)."""
    from zorgroute.referrals.models import CareKind

    chosen = Q(pk=current.pk) if current is not None else Q(pk__in=[])
    return CareKind.objects.filter(Q(is_active=True) | chosen, region_id=meeting.team.region_id).order_by(
        "position", "name"
    )
