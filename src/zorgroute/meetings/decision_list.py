"""The decision list (besluitenlijst) of a meeting whose minutes are final: the meeting, who attended (and whom they
replaced), and per agenda item the decisions, the actions (what, who, by when), the case coordinator, who reports
back to parents and school, the verwijsindex decision, the next discussion date, and whether the parents, the pupil
and the teacher sat at the table for the case.

Consent-aware like the summaries (meetings.summary): an item is named only when the consent engine lets the forum
know the case by name for the reader's organisation, and it was not put on the agenda anonymously. Otherwise the
pupil is "a pupil of 9 (primary)", every free text is de-identified (consents.deidentify with the names and places
the record knows), and people whose name points to the pupil's school (its staff, the case's owner and coordinator,
the group's teachers) are not named. An item discussed by name without consent is marked.

A fixed number of queries whatever the number of items, actions or attendees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgroute.consents.deidentify import deidentify
from zorgroute.consents.rules import Verdict
from zorgroute.consents.selectors import forum_verdicts
from zorgroute.core.time import today
from zorgroute.meetings.constants import ActionKind
from zorgroute.meetings.models import AgendaItem, Attendance, CaseAction, Meeting
from zorgroute.meetings.summary import Identifiers, anonymous_label, identifiers_of

BY_NAME = (Verdict.BY_NAME, Verdict.OUTSIDE_INFO)


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


@dataclass(frozen=True)
class Attendee:
    name: str
    organisation: str
    role: str
    presence: str
    replaces: str


@dataclass(frozen=True)
class AgreedAction:
    description: str
    owner: str
    due_on: dt.date
    status: str


@dataclass
class DecisionItem:
    position: int
    label: str
    kind: str
    anonymous: bool
    without_consent: bool
    case: Any  # for the audit row only; never rendered
    discussed: bool = False
    decisions: str = ""
    actions: list[AgreedAction] = field(default_factory=list)
    case_coordinator: str = ""
    parents_contact: str = ""
    reports_to_parents: str = ""
    reports_to_school: str = ""
    verwijsindex: str = ""
    verwijsindex_by: str = ""
    next_discussion_on: dt.date | None = None
    parents_present: bool = False
    pupil_present: bool = False
    teacher_present: bool = False

    @property
    def at_the_table(self) -> list[str]:
        """Who sat at the table for this case, besides the team."""
        present = [
            (self.parents_present, _("the parents")),
            (self.pupil_present, _("the pupil")),
            (self.teacher_present, _("the teacher")),
        ]
        return [label for shown, label in present if shown]


@dataclass
class DecisionList:
    meeting: Meeting
    team: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location: str
    finalised_at: dt.datetime | None
    finalised_by: str
    attendees: list[Attendee]
    items: list[DecisionItem]
    printed_on: dt.date
    chair: str = ""
    minute_taker: str = ""

    @property
    def filename(self) -> str:
        return f"besluitenlijst-{timezone.localtime(self.starts_at):%Y%m%d}.pdf"

    @property
    def anonymous_count(self) -> int:
        return sum(1 for item in self.items if item.anonymous)

    def texts(self) -> list[str]:
        """Every piece of text of the items (for tests and checks)."""
        parts: list[str] = []
        for item in self.items:
            parts += [item.label, item.decisions, item.case_coordinator, item.parents_contact]
            parts += [item.reports_to_parents, item.reports_to_school, item.verwijsindex_by]
            for action in item.actions:
                parts += [action.description, action.owner]
        return parts


def _attendees(meeting: Meeting) -> list[Attendee]:
    rows = (
        Attendance.objects.filter(meeting=meeting)
        .select_related("user", "membership", "membership__partner", "substitute_for")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    return [
        Attendee(
            name=_name(a.user),
            organisation=a.membership.partner.name if a.membership and a.membership.partner else "",
            role=str(a.membership.get_role_display()) if a.membership else "",
            presence=str(a.get_presence_display()),
            replaces=_name(a.substitute_for),
        )
        for a in rows
    ]


def _as_is(text: str) -> str:
    return text


def _cleaner(known: Identifiers) -> Callable[[str], str]:
    def clean(text: str) -> str:
        return deidentify(text, people=known.people, places=known.places) if text.strip() else ""

    return clean


def _namer(known: Identifiers) -> Callable[[Any], str]:
    """Names people, except those whose name points to the pupil's school."""

    def person(user: Any) -> str:
        if user is None:
            return ""
        return _("(someone of the school; not named)") if user.pk in known.user_ids else _name(user)

    return person


def decision_list(*, meeting: Meeting, partner_id: int | None) -> DecisionList:
    """The decision list as the reader (sitting in the team for `partner_id`, or None) may read it."""
    actions = (
        CaseAction.objects.filter(kind=ActionKind.ACTION).select_related("owner").order_by("due_on", "pk")
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related(
            "case",
            "case__pupil",
            "case__pupil__current_group",
            "case__school",
            "discussion",
            "discussion__case_coordinator",
            "discussion__parents_contact",
            "discussion__reports_to_parents",
            "discussion__reports_to_school",
            "discussion__verwijsindex_by",
        )
        .prefetch_related(Prefetch("discussion__actions", queryset=actions))
        .order_by("position")
    )
    forum = meeting.team.kind
    verdicts = forum_verdicts({(i.case_id, forum, partner_id) for i in items})
    hidden = [i for i in items if i.anonymous or verdicts.get((i.case_id, forum, partner_id)) not in BY_NAME]
    identifiers = identifiers_of([i.case for i in hidden]) if hidden else {}
    result = []
    for item in items:
        anonymous = item in hidden
        if anonymous:
            clean, person = _cleaner(identifiers[item.case_id]), _namer(identifiers[item.case_id])
            label = anonymous_label(item.case)
        else:
            clean, person, label = _as_is, _name, item.case.pupil.full_name
        entry = DecisionItem(
            position=item.position,
            label=label,
            kind=str(item.get_kind_display()),
            anonymous=anonymous,
            without_consent=item.without_consent,
            case=item.case,
        )
        discussion = getattr(item, "discussion", None)
        if discussion is not None:
            entry.discussed = True
            entry.decisions = clean(discussion.decisions)
            entry.actions = [
                AgreedAction(clean(a.description), person(a.owner), a.due_on, str(a.get_status_display()))
                for a in discussion.actions.all()
            ]
            entry.case_coordinator = person(discussion.case_coordinator)
            entry.parents_contact = person(discussion.parents_contact)
            entry.reports_to_parents = person(discussion.reports_to_parents)
            entry.reports_to_school = person(discussion.reports_to_school)
            entry.verwijsindex = str(discussion.get_verwijsindex_display()) if discussion.verwijsindex else ""
            entry.verwijsindex_by = person(discussion.verwijsindex_by)
            entry.next_discussion_on = discussion.next_discussion_on
            entry.parents_present = discussion.parents_present
            entry.pupil_present = discussion.pupil_present
            entry.teacher_present = discussion.teacher_present
        result.append(entry)
    return DecisionList(
        meeting=meeting,
        team=meeting.team.name,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        location=meeting.location,
        finalised_at=meeting.minutes_finalised_at,
        finalised_by=_name(meeting.minutes_finalised_by) if meeting.minutes_finalised_by_id else "",
        chair=_name(meeting.chair) if meeting.chair_id else "",
        minute_taker=_name(meeting.minute_taker) if meeting.minute_taker_id else "",
        attendees=_attendees(meeting),
        items=result,
        printed_on=today(),
    )
