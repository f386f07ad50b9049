"""Reads of the parent touchpoints: a case's conversations and leaflets given, the touchpoints per forum (decided by
consents/touchpoints.py), and the leaflet texts of a region and its schools.

The case was fetched through access/ by the caller. Every function takes a fixed number of queries, whatever the
number of conversations, transitions or schools.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case, CaseTransition
from zorgroute.consents import touchpoints as tp
from zorgroute.consents.models import LeafletGiven, ParentConversation, ParentLeaflet
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import Region, School

TOUCHPOINT_LABELS = {
    tp.Touchpoint.BEFORE: lambda: _("Conversation before the discussion"),
    tp.Touchpoint.AFTER: lambda: _("Conversation after the discussion"),
    tp.Touchpoint.LEAFLET: lambda: _("Parent leaflet"),
}
STATE_LABELS = {
    tp.State.DONE: lambda: _("Done"),
    tp.State.MISSING: lambda: _("Missing"),
    tp.State.NOT_DUE: lambda: _("Not yet due"),
}


def case_conversations(case: Case) -> list[ParentConversation]:
    return list(
        ParentConversation.objects.filter(case=case).select_related("recorded_by").order_by("-held_on", "-id")
    )


def case_leaflets_given(case: Case) -> list[LeafletGiven]:
    return list(
        LeafletGiven.objects.filter(case=case)
        .select_related("guardian", "recorded_by")
        .order_by("-given_on", "-id")
    )


def leaflet_in_force(school: School) -> ParentLeaflet | None:
    """The leaflet the parents of this school receive: the school's own version, otherwise the region's."""
    found = {
        leaflet.school_id: leaflet
        for leaflet in ParentLeaflet.objects.filter(
            Q(region_id=school.region_id, school__isnull=True) | Q(school=school)
        )
    }
    return found.get(school.pk) or found.get(None)


@dataclass(frozen=True)
class Point:
    """One touchpoint of one forum, ready for a template."""

    code: str
    label: str
    state: str
    state_label: str

    @property
    def is_missing(self) -> bool:
        return self.state == tp.State.MISSING

    @property
    def is_done(self) -> bool:
        return self.state == tp.State.DONE


@dataclass(frozen=True)
class ForumRow:
    forum: tp.ForumTouchpoints

    @property
    def forum_kind(self) -> str:
        return self.forum.forum

    @property
    def forum_label(self) -> str:
        return str(CareTeamKind(self.forum.forum).label)

    @property
    def points(self) -> list[Point]:
        states = (
            (tp.Touchpoint.BEFORE, self.forum.before),
            (tp.Touchpoint.AFTER, self.forum.after),
            (tp.Touchpoint.LEAFLET, self.forum.leaflet),
        )
        return [
            Point(
                code=code.value,
                label=TOUCHPOINT_LABELS[code](),
                state=state.value,
                state_label=STATE_LABELS[state](),
            )
            for code, state in states
        ]

    @property
    def missing(self) -> list[Point]:
        return [p for p in self.points if p.is_missing]

    @property
    def is_next(self) -> bool:
        return self.forum.is_next

    @property
    def stay(self) -> tp.Stay | None:
        return self.forum.stay


@dataclass(frozen=True)
class CaseTouchpoints:
    """The parent touchpoints of a case: one row per forum of its route that needs parent contact."""

    forums: list[ForumRow]
    leaflet_available: bool  # a leaflet text exists for the case's school

    @property
    def relevant(self) -> list[ForumRow]:
        return [row for row in self.forums if row.forum.is_relevant]

    @property
    def missing_count(self) -> int:
        return sum(len(row.missing) for row in self.forums)

    @property
    def next_forum(self) -> ForumRow | None:
        """The forum the case would be escalated to, when parent contact for it is still missing."""
        return next((row for row in self.forums if row.is_next and row.missing), None)


def _moves(case: Case) -> list[tp.Move]:
    transitions = (
        CaseTransition.objects.filter(case=case).select_related("to_step").order_by("created_at", "id")
    )
    return [
        tp.Move(
            on=timezone.localdate(t.created_at),
            forum=t.to_step.forum_kind if t.to_step is not None else "",
        )
        for t in transitions
    ]


def case_touchpoints(case: Case) -> CaseTouchpoints:
    """Whether the parents were talked to before and after each forum of the route, and got the leaflet (five
    queries)."""
    steps = list(case.template.steps.order_by("position").values_list("position", "forum_kind"))
    following = [forum for position, forum in steps if position == case.step.position + 1]
    next_forum = following[0] if following and case.status == CaseStatus.OPEN else ""
    conversations = [
        tp.Conversation(kind=kind, forum=forum, held_on=held_on)
        for kind, forum, held_on in ParentConversation.objects.filter(case=case).values_list(
            "kind", "forum_kind", "held_on"
        )
    ]
    given = list(LeafletGiven.objects.filter(case=case).values_list("given_on", flat=True))
    forums = tp.forum_touchpoints(
        route_forums=[forum for _position, forum in steps if forum],
        moves=_moves(case),
        conversations=conversations,
        leaflets_given=given,
        next_forum=next_forum,
    )
    return CaseTouchpoints(
        forums=[ForumRow(forum=f) for f in forums],
        leaflet_available=leaflet_in_force(case.school) is not None,
    )


@dataclass(frozen=True)
class SchoolLeaflet:
    school: School
    own: ParentLeaflet | None  # the school's own version; None: the region's text


def region_leaflets(region: Region) -> tuple[ParentLeaflet | None, list[SchoolLeaflet]]:
    """The region's leaflet and, per school of the region, its own version if it has one (two queries)."""
    leaflets = list(ParentLeaflet.objects.filter(region=region).select_related("updated_by"))
    own = {leaflet.school_id: leaflet for leaflet in leaflets if leaflet.school_id is not None}
    region_text = next((leaflet for leaflet in leaflets if leaflet.school_id is None), None)
    schools = School.objects.filter(region=region).order_by("name")
    return region_text, [SchoolLeaflet(school=s, own=own.get(s.pk)) for s in schools]


def leaflet_of(*, region: Region, school: School | None = None) -> ParentLeaflet | None:
    """The region's own leaflet (school None) or the school's own version, if set."""
    return ParentLeaflet.objects.filter(region=region, school=school).first()
