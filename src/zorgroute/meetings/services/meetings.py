"""Meeting series, meetings, invitations, attendance and the agenda.

A meeting's dates for the members' access are fixed when it is planned: the summaries are available from
`summary_release_on` (a configurable number of working days before) and access ends on `access_until` (a
configurable number of days after). access/ reads those two dates and the invitations.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.models import Case
from zorgroute.cases.services import timeline_add
from zorgroute.consents import rules as consent_rules
from zorgroute.consents.selectors import case_consent
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings.calendar import occurrences, working_days_before
from zorgroute.meetings.constants import AgendaKind, MeetingStatus, Presence, ReferralStatus
from zorgroute.meetings.models import AgendaItem, Attendance, CaseDiscussion, Meeting, MeetingSeries, Referral
from zorgroute.meetings.services.notifications import send_invitations
from zorgroute.organisations.constants import TeamRole
from zorgroute.organisations.models import Membership


def _active_members(series: MeetingSeries, day: dt.date) -> list[Membership]:
    """Who is invited to the series' meeting on `day`: the members chosen for the series, or when none are chosen
    every fixed member of the team; in both cases only while their membership runs."""
    active = Membership.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day), team=series.team, valid_from__lte=day
    )
    chosen = active.filter(meeting_series=series)
    return list((chosen if series.members.exists() else active.filter(is_fixed=True)).select_related("user"))


def _dates(series: MeetingSeries, day: dt.date) -> tuple[dt.datetime, dt.datetime, dt.date, dt.date]:
    start = timezone.make_aware(dt.datetime.combine(day, series.start_time))
    return (
        start,
        start + dt.timedelta(minutes=series.duration_minutes),
        working_days_before(day, series.summary_lead_days),
        day + dt.timedelta(days=series.access_days_after),
    )


def meetings_plan(*, actor: Any, series: MeetingSeries, until: dt.date) -> list[Meeting]:
    """Create the series' meetings from today up to `until` that do not exist yet, each with its fixed members
    invited. Running it again creates nothing twice."""
    if not series.is_active:
        raise DomainError(_("This meeting series is not active."))
    created: list[Meeting] = []
    with transaction.atomic():
        for day in occurrences(
            first=series.first_date,
            every_weeks=series.every_weeks,
            weekday=series.weekday,
            start=max(today(), series.first_date),
            end=until,
            last=series.last_date,
        ):
            starts_at, ends_at, release, access_until = _dates(series, day)
            if Meeting.objects.filter(series=series, starts_at=starts_at).exists():
                continue
            meeting = Meeting.objects.create(
                team=series.team,
                series=series,
                starts_at=starts_at,
                ends_at=ends_at,
                location=series.location,
                summary_release_on=release,
                access_until=access_until,
                chair=team_role_holder(series.team, TeamRole.CHAIR, day),
                minute_taker=team_role_holder(series.team, TeamRole.MINUTE_TAKER, day),
            )
            invited = Attendance.objects.bulk_create(
                Attendance(meeting=meeting, user=m.user, membership=m) for m in _active_members(series, day)
            )
            send_invitations(meeting, invited)
            created.append(meeting)
        if created:
            audit.record(
                "meeting.planned",
                actor=actor,
                target=series,
                changes={"meetings": [str(m.uuid) for m in created]},
            )
    return created


def team_role_holder(team: Any, role: str, day: dt.date) -> Any | None:
    """The person who holds `role` (chair, minute-taker) in the team on `day`: the longest-serving when several do."""
    membership = (
        Membership.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day), team=team, role=role, valid_from__lte=day
        )
        .select_related("user")
        .order_by("valid_from", "pk")
        .first()
    )
    return membership.user if membership is not None else None


def _uuid(user: Any | None) -> str | None:
    return str(user.uuid) if user is not None else None


def meeting_set_roles(
    *, actor: Any, meeting: Meeting, chair: Any | None, minute_taker: Any | None
) -> Meeting:
    """Name the meeting's chair and minute-taker: people invited to it or members of its team; until the minutes
    are final (the decision list names them)."""
    from zorgroute.meetings.meeting_selectors import role_candidates

    if meeting.minutes_finalised_at is not None:
        raise DomainError(_("The minutes of this meeting are final."))
    candidates = role_candidates(meeting=meeting)
    for field, person in (("chair", chair), ("minute_taker", minute_taker)):
        if person is not None and not candidates.filter(pk=person.pk).exists():
            raise ValidationError(
                _("Choose someone invited to this meeting or a member of its team."), field=field
            )
    old = {"chair": _uuid(meeting.chair), "minute_taker": _uuid(meeting.minute_taker)}
    with transaction.atomic():
        meeting.chair, meeting.minute_taker = chair, minute_taker
        meeting.save(update_fields=["chair", "minute_taker", "updated_at"])
        audit.record(
            "meeting.roles_set",
            actor=actor,
            target=meeting,
            changes={
                "chair": {"old": old["chair"], "new": _uuid(chair)},
                "minute_taker": {"old": old["minute_taker"], "new": _uuid(minute_taker)},
            },
        )
    return meeting


def meeting_invite(*, actor: Any, meeting: Meeting, membership: Membership) -> Attendance:
    """Invite an on-call member (or any member of the team) to this meeting."""
    if membership.team_id != meeting.team_id:
        raise ValidationError(_("Invite a member of this team."), field="membership")
    try:
        with transaction.atomic():
            attendance = Attendance.objects.create(
                meeting=meeting, user=membership.user, membership=membership
            )
            send_invitations(meeting, [attendance])
            audit.record(
                "meeting.invited",
                actor=actor,
                target=meeting,
                changes={"user": str(membership.user.uuid)},
            )
    except IntegrityError:
        raise DomainError(_("This person is already invited.")) from None
    return attendance


def attendance_set(
    *, actor: Any, attendance: Attendance, presence: str, substitute_for: Any | None = None
) -> Attendance:
    if presence not in Presence.values:
        raise ValidationError(_("Choose whether the person was present."), field="presence")
    if substitute_for is not None and substitute_for.pk == attendance.user_id:
        raise ValidationError(_("Someone cannot replace themself."), field="substitute_for")
    with transaction.atomic():
        attendance.presence, attendance.substitute_for = presence, substitute_for
        attendance.save(update_fields=["presence", "substitute_for", "updated_at"])
        audit.record(
            "meeting.attendance",
            actor=actor,
            target=attendance.meeting,
            changes={"user": str(attendance.user.uuid), "presence": presence},
        )
    return attendance


def _consent_flags(case: Case, forum_kind: str) -> tuple[bool, bool]:
    """(anonymous, without consent) for putting the case on this forum's agenda; refused without a basis."""
    basis = case_consent(case).basis(forum_kind)
    if basis is None or not basis.is_valid:
        raise DomainError(
            _("This case may not be discussed in this forum: there is no valid consent basis for it.")
        )
    return basis.decision.verdict == consent_rules.Verdict.ANONYMOUS, basis.is_override


def _next_position(meeting: Meeting) -> int:
    return (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1


def _add_item(
    *, actor: Any, meeting: Meeting, case: Case, kind: str, referral: Referral | None
) -> AgendaItem:
    if meeting.status != MeetingStatus.PLANNED:
        raise DomainError(_("Only a planned meeting's agenda can change."))
    anonymous, without_consent = _consent_flags(case, meeting.team.kind)
    if AgendaItem.objects.filter(meeting=meeting, case=case).exists():
        raise DomainError(_("This case is already on the agenda."))
    item = AgendaItem.objects.create(
        meeting=meeting,
        case=case,
        referral=referral,
        kind=kind,
        position=_next_position(meeting),
        anonymous=anonymous,
        without_consent=without_consent,
    )
    timeline_add(
        case=case,
        kind=TimelineKind.NOTE,
        actor=actor,
        visibility=Visibility.PARENTS,
        ref_uuid=item.uuid,
        title=lambda: (
            _("On the agenda of %(team)s on %(date)s")
            % {"team": meeting.team.name, "date": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y")}
        ),
    )
    audit.record(
        "agenda.item_added",
        actor=actor,
        target=meeting,
        case=case,
        pupil=case.pupil,
        changes={"kind": kind, "anonymous": anonymous, "without_consent": without_consent},
    )
    return item


def referral_schedule(*, actor: Any, referral: Referral, meeting: Meeting) -> AgendaItem:
    """The coordinator's decision: discuss the referral in this meeting of its team."""
    if meeting.team_id != referral.team_id:
        raise ValidationError(_("Choose a meeting of the team the case was referred to."), field="meeting")
    if referral.status not in (ReferralStatus.SUBMITTED, ReferralStatus.IN_INTAKE):
        raise DomainError(_("Only a submitted referral can be put on an agenda."))
    with transaction.atomic():
        item = _add_item(
            actor=actor, meeting=meeting, case=referral.case, kind=AgendaKind.NEW, referral=referral
        )
        referral.status = ReferralStatus.SCHEDULED
        referral.save(update_fields=["status", "updated_at"])
    return item


def agenda_add_follow_ups(*, actor: Any, meeting: Meeting) -> list[AgendaItem]:
    """Put on the agenda every case of this team whose next discussion is due by this meeting and that has not been
    put on a meeting after that discussion yet. Running it again adds nothing twice."""
    day = timezone.localtime(meeting.starts_at).date()
    latest_per_case: dict[int, CaseDiscussion] = {}
    for discussion in (
        CaseDiscussion.objects.filter(item__meeting__team=meeting.team)
        .select_related("item__meeting", "item__case", "item__case__pupil")
        .order_by("item__meeting__starts_at")
    ):
        latest_per_case[discussion.item.case_id] = discussion  # the last one wins
    added: list[AgendaItem] = []
    with transaction.atomic():
        for discussion in latest_per_case.values():
            if discussion.next_discussion_on is None or discussion.next_discussion_on > day:
                continue
            case = discussion.item.case
            later = AgendaItem.objects.filter(
                case=case,
                meeting__team=meeting.team,
                meeting__starts_at__gt=discussion.item.meeting.starts_at,
            )
            if later.exists():
                continue
            try:
                added.append(
                    _add_item(
                        actor=actor, meeting=meeting, case=case, kind=AgendaKind.FOLLOW_UP, referral=None
                    )
                )
            except DomainError:
                continue  # no consent basis any more: the coordinator sees the case among those to check
    return added
