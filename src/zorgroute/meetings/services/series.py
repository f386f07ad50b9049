"""A team's meeting series and minimum composition (configuration of a forum): create, change and end a series, plan
its next meetings, and the lines of the minimum composition.

Changing a series applies to the meetings planned after the change: meetings already planned keep their date, time,
place and invitations (the chair changes those on the meeting itself). Ending a series sets its last date: planned
meetings after that date are cancelled when nothing is on their agenda yet, and refused otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings.calendar import occurrences
from zorgroute.meetings.constants import MeetingStatus
from zorgroute.meetings.models import CompositionRequirement, Meeting, MeetingSeries
from zorgroute.meetings.services.meetings import meetings_plan
from zorgroute.meetings.services.notifications import send_cancellations
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind, TeamRole
from zorgroute.organisations.models import CareTeam, Membership, PartnerType

FORUM_KINDS = (CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM)
MAX_EVERY_WEEKS = 52
MIN_DURATION, MAX_DURATION = 15, 480
MAX_LEAD_DAYS = 20  # working days
MAX_ACCESS_DAYS = 90
MAX_PLAN_AHEAD = 12  # meetings planned at once
MAX_MINIMUM = 20
NAME_LIMIT = 200
# The school roles a composition line may ask for: those the meeting page reads for a school's team.
COMPOSITION_SCHOOL_ROLES = (StaffRoleKind.CARE_COORDINATOR, StaffRoleKind.SCHOOL_HEAD, StaffRoleKind.TEACHER)

SERIES_FIELDS = (
    "name",
    "every_weeks",
    "weekday",
    "start_time",
    "duration_minutes",
    "location",
    "first_date",
    "summary_lead_days",
    "access_days_after",
)


# --- Meeting series -----------------------------------------------------------------------------------------------


def _text(value: str, field: str, *, limit: int = NAME_LIMIT, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("Fill this in."), field=field)
    if len(value) > limit:
        raise ValidationError(_("Use at most %(n)d characters.") % {"n": limit}, field=field)
    return value


def _between(value: int, low: int, high: int, field: str) -> int:
    if not low <= value <= high:
        raise ValidationError(
            _("Choose a number from %(low)d to %(high)d.") % {"low": low, "high": high}, field=field
        )
    return value


def _series_values(
    team: CareTeam, values: dict[str, Any], *, exclude: MeetingSeries | None = None
) -> dict[str, Any]:
    unknown = set(values) - set(SERIES_FIELDS)
    if unknown:
        raise ValueError(f"unknown series fields: {sorted(unknown)}")
    name = _text(values["name"], "name", required=True)
    same = MeetingSeries.objects.filter(team=team, name__iexact=name)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError(_("This team already has a meeting series with this name."), field="name")
    weekday = values["weekday"]
    if weekday not in range(5):
        raise ValidationError(_("Choose a working day (Monday to Friday)."), field="weekday")
    duration = _between(values["duration_minutes"], MIN_DURATION, MAX_DURATION, "duration_minutes")
    start: dt.time = values["start_time"]
    if start.hour * 60 + start.minute + duration > 24 * 60:
        raise ValidationError(_("The meeting must end on the day it starts."), field="duration_minutes")
    return {
        "name": name,
        "every_weeks": _between(values["every_weeks"], 1, MAX_EVERY_WEEKS, "every_weeks"),
        "weekday": weekday,
        "start_time": start,
        "duration_minutes": duration,
        "location": _text(values.get("location", ""), "location"),
        "first_date": values["first_date"],
        "summary_lead_days": _between(values["summary_lead_days"], 0, MAX_LEAD_DAYS, "summary_lead_days"),
        "access_days_after": _between(values["access_days_after"], 0, MAX_ACCESS_DAYS, "access_days_after"),
    }


def _check_team(team: CareTeam) -> None:
    if team.kind not in FORUM_KINDS:
        raise DomainError(_("Meeting series are for a zorgteam or a ZAT."))
    if not team.is_active:
        raise DomainError(_("This care team is no longer active."))


def _check_members(team: CareTeam, members: Iterable[Membership]) -> list[Membership]:
    chosen = list(members)
    if any(m.team_id != team.pk for m in chosen):
        raise ValidationError(_("Choose members of this team."), field="members")
    return chosen


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    return {name: [str(old[name]), str(new[name])] for name in new if old.get(name) != new[name]}


def series_create(
    *, actor: Any, team: CareTeam, members: Iterable[Membership] = (), **values: Any
) -> MeetingSeries:
    """A new recurring meeting of the team; no meetings are planned yet (series_plan_next does that)."""
    _check_team(team)
    cleaned = _series_values(team, values)
    chosen = _check_members(team, members)
    with transaction.atomic():
        series = MeetingSeries.objects.create(team=team, **cleaned)
        series.members.set(chosen)
        audit.record(
            "meeting_series.created",
            actor=actor,
            target=series,
            changes={
                **{name: str(value) for name, value in cleaned.items() if name != "name"},
                "members": len(chosen),
            },
        )
    return series


def series_update(
    *, actor: Any, series: MeetingSeries, members: Iterable[Membership] = (), **values: Any
) -> MeetingSeries:
    """Change the series; meetings planned earlier keep their date, place and invitations."""
    if not series.is_active:
        raise DomainError(_("This meeting series has ended."))
    cleaned = _series_values(series.team, values, exclude=series)
    chosen = _check_members(series.team, members)
    old = {name: getattr(series, name) for name in cleaned}
    old_members = set(series.members.values_list("pk", flat=True))
    changes = _changes(old, cleaned)
    if old_members != {m.pk for m in chosen}:
        changes["members"] = [len(old_members), len(chosen)]
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(series, name, value)
        series.save()
        series.members.set(chosen)
        audit.record("meeting_series.updated", actor=actor, target=series, changes=changes)
    return series


def _starts_after(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min))


def series_end(*, actor: Any, series: MeetingSeries, last_date: dt.date) -> list[Meeting]:
    """No meetings of this series after `last_date`: planned meetings after it with an empty agenda are cancelled
    (the invited are sent a cancellation); refused when one has cases on its agenda or was already held. No more
    meetings can be planned in the series afterwards. Returns the cancelled meetings."""
    if not series.is_active:
        raise DomainError(_("This meeting series has ended."))
    if last_date < series.first_date:
        raise ValidationError(_("The last date cannot be before the first meeting."), field="last_date")
    later = list(
        Meeting.objects.filter(series=series, starts_at__gte=_starts_after(last_date))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("team")
        .prefetch_related("items", "attendance__user")
        .order_by("starts_at")
    )
    for meeting in later:
        if meeting.status != MeetingStatus.PLANNED or meeting.items.all():
            raise ValidationError(
                _(
                    "The meeting of %(date)s has cases on its agenda or was held: choose a date on or after it."
                )
                % {"date": timezone.localtime(meeting.starts_at).strftime("%d-%m-%Y")},
                field="last_date",
            )
    with transaction.atomic():
        for meeting in later:
            meeting.status = MeetingStatus.CANCELLED
            meeting.save(update_fields=["status", "updated_at"])
            send_cancellations(meeting, meeting.attendance.all())
        series.last_date, series.is_active = last_date, False
        series.save(update_fields=["last_date", "is_active", "updated_at"])
        audit.record(
            "meeting_series.ended",
            actor=actor,
            target=series,
            changes={"last_date": last_date.isoformat(), "cancelled": [str(m.uuid) for m in later]},
        )
    return later


def next_dates(series: MeetingSeries, count: int, *, start: dt.date | None = None) -> list[dt.date]:
    """The series' next `count` dates from `start` (today), never after its last date."""
    begin = max(start or today(), series.first_date)
    dates = occurrences(
        first=series.first_date,
        every_weeks=series.every_weeks,
        weekday=series.weekday,
        start=begin,
        end=begin + dt.timedelta(weeks=series.every_weeks * count + 1),
        last=series.last_date,
    )
    return list(dates)[:count]


def series_plan_next(*, actor: Any, series: MeetingSeries, count: int) -> list[Meeting]:
    """Plan the series' next `count` meetings from today, each with its members invited; meetings that exist are
    kept, so planning again creates nothing twice. Returns the meetings created."""
    _between(count, 1, MAX_PLAN_AHEAD, "count")
    if not series.is_active:
        raise DomainError(_("This meeting series has ended."))
    dates = next_dates(series, count)
    if not dates:
        return []
    return meetings_plan(actor=actor, series=series, until=dates[-1])


# --- Minimum composition ------------------------------------------------------------------------------------------


def _composition_values(
    team: CareTeam,
    *,
    label: str,
    team_role: str,
    partner_type: PartnerType | None,
    school_role: str,
    minimum: int,
    exclude: CompositionRequirement | None = None,
) -> dict[str, Any]:
    label = _text(label, "label", required=True)
    same = CompositionRequirement.objects.filter(team=team, label__iexact=label)
    if exclude is not None:
        same = same.exclude(pk=exclude.pk)
    if same.exists():
        raise ValidationError(_("This team already has a line with this name."), field="label")
    if team_role and team_role not in TeamRole.values:
        raise ValidationError(_("Choose a role in the team."), field="team_role")
    if partner_type is not None and partner_type.region_id != team.region_id:
        raise ValidationError(_("Choose a partner type of the team's region."), field="partner_type")
    if school_role:
        if school_role not in COMPOSITION_SCHOOL_ROLES:
            raise ValidationError(_("Choose a school role."), field="school_role")
        if team.school_id is None:
            raise ValidationError(
                _("A school role only counts in the team of a school (the zorgteam)."), field="school_role"
            )
    if not (team_role or partner_type or school_role):
        raise ValidationError(
            _("Choose who counts for this line: a role in the team, a partner type or a school role."),
            field=None,
        )
    return {
        "label": label,
        "team_role": team_role,
        "partner_type": partner_type,
        "school_role": school_role,
        "minimum": _between(minimum, 1, MAX_MINIMUM, "minimum"),
    }


def _composition_audit(line: CompositionRequirement) -> dict[str, Any]:
    return {
        "team_role": line.team_role,
        "partner_type": str(line.partner_type.uuid) if line.partner_type else None,
        "school_role": line.school_role,
        "minimum": line.minimum,
    }


def composition_create(*, actor: Any, team: CareTeam, **values: Any) -> CompositionRequirement:
    """A line of the team's minimum composition ("a JGZ nurse or youth doctor, at least 1")."""
    _check_team(team)
    cleaned = _composition_values(team, **values)
    with transaction.atomic():
        line = CompositionRequirement.objects.create(team=team, **cleaned)
        audit.record("composition.created", actor=actor, target=line, changes=_composition_audit(line))
    return line


def composition_update(*, actor: Any, line: CompositionRequirement, **values: Any) -> CompositionRequirement:
    cleaned = _composition_values(line.team, exclude=line, **values)
    before = _composition_audit(line)
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(line, name, value)
        line.save()
        after = _composition_audit(line)
        audit.record(
            "composition.updated",
            actor=actor,
            target=line,
            changes={name: [before[name], after[name]] for name in after if before[name] != after[name]},
        )
    return line


def composition_remove(*, actor: Any, line: CompositionRequirement) -> None:
    with transaction.atomic():
        audit.record("composition.removed", actor=actor, target=line, changes=_composition_audit(line))
        line.delete()
