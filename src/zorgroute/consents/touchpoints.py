"""The parent touchpoints around a forum, as a pure function over plain data (no database; table-tested).

The sources (DOMAIN §6; seed-notes-003 §1.2 and §2.19; seed-notes-001 §4.1 R5, R6, R8):
- before every zorgteam discussion the school talks with the parents: the reason, consent, how the child is doing at
  home, the parents' own questions (L2360-2370); before a ZAT discussion the parents are at least heard, usually in
  an intake or screening conversation (L2435-2437, L5763-5765);
- after the zorgteam "vindt altijd een gesprek plaats met de ouders" about outcomes and decisions (L2403-2411); the
  ZAT's advice is discussed with the parents as well (ZAT folder, step 6);
- the parents receive the leaflet about the zorgteam and the ZAT (L2807-2821, L4093).

Until meetings exist, "a discussion in a forum" is the case's stay in a route step with that forum: the stay starts
when the case enters such a step (opened, escalated, skipped, stepped back or reopened into it) and ends when it
leaves it (another step, or closed). Only the latest stay per forum is judged:
- the conversation *before* counts when held after the previous stay in that forum ended (any time for a first
  stay); it is needed once the forum is reached, and already while the forum is the case's next step;
- the conversation *after* counts when held on or after the day the stay began; it is due once the case has left
  the forum (moved on, stepped back or closed). Recorded earlier, while the case is still there, it counts too;
- the leaflet counts when it was given at any time on the case; it is needed once a forum is reached or next.

The group review is a conversation between teacher and care coordinator; it has no parent touchpoints of its own
(the parents are told before and after it in ordinary conversations, which the teacher records as notes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from zorgroute.consents.constants import ConversationKind
from zorgroute.organisations.constants import CareTeamKind

# Forums around which the parents must be talked to (the zorgteam and the ZAT).
CONTACT_FORUMS: frozenset[str] = frozenset({CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM})

# Which kinds of conversation count as the conversation before a forum's discussion: for the ZAT the intake or
# screening conversation is how the parents are heard beforehand.
BEFORE_KINDS: dict[str, frozenset[str]] = {
    CareTeamKind.SCHOOL_CARE_TEAM: frozenset({ConversationKind.BEFORE}),
    CareTeamKind.REGIONAL_TEAM: frozenset({ConversationKind.BEFORE, ConversationKind.INTAKE}),
}


class State(StrEnum):
    DONE = "done"
    MISSING = "missing"  # needed now and not there
    NOT_DUE = "not_due"  # not needed yet


class Touchpoint(StrEnum):
    BEFORE = "before"
    AFTER = "after"
    LEAFLET = "leaflet"


@dataclass(frozen=True)
class Move:
    """The case arrived on `on` in a step whose forum is `forum` ("" for a step without one, or closed)."""

    on: dt.date
    forum: str


@dataclass(frozen=True)
class Conversation:
    kind: str
    forum: str
    held_on: dt.date


@dataclass(frozen=True)
class Stay:
    forum: str
    entered_on: dt.date
    left_on: dt.date | None  # None: the case is still there


@dataclass(frozen=True)
class ForumTouchpoints:
    forum: str
    stay: Stay | None  # the latest stay in this forum; None if never reached
    is_next: bool  # the forum of the case's next step
    before: State
    after: State
    leaflet: State

    @property
    def is_reached(self) -> bool:
        return self.stay is not None

    @property
    def missing(self) -> list[Touchpoint]:
        states = (
            (Touchpoint.BEFORE, self.before),
            (Touchpoint.AFTER, self.after),
            (Touchpoint.LEAFLET, self.leaflet),
        )
        return [point for point, state in states if state == State.MISSING]

    @property
    def is_relevant(self) -> bool:
        """Reached or next: something is (or was) asked of the school for this forum."""
        return self.is_reached or self.is_next


def stays(moves: Iterable[Move]) -> list[Stay]:
    """The stays in forums, in order, from the case's moves (sorted by day; same-day moves keep their order)."""
    result: list[Stay] = []
    current: tuple[str, dt.date] | None = None
    for move in moves:
        if current is not None and move.forum == current[0]:
            continue  # moved within the same forum (a route version migration): the same stay
        if current is not None:
            result.append(Stay(forum=current[0], entered_on=current[1], left_on=move.on))
            current = None
        if move.forum:
            current = (move.forum, move.on)
    if current is not None:
        result.append(Stay(forum=current[0], entered_on=current[1], left_on=None))
    return result


def _before_state(
    forum: str,
    latest: Stay | None,
    previous: Stay | None,
    is_next: bool,
    conversations: Sequence[Conversation],
) -> State:
    kinds = BEFORE_KINDS.get(forum, frozenset({ConversationKind.BEFORE}))
    # A conversation before the coming discussion: after the last stay that ended (a next forum the case left).
    if latest is not None and latest.left_on is not None and is_next:
        since: dt.date | None = latest.left_on
    else:
        since = previous.left_on if previous is not None else None
    found = any(
        c.kind in kinds and c.forum == forum and (since is None or c.held_on >= since) for c in conversations
    )
    if found:
        return State.DONE
    return State.MISSING if (latest is not None or is_next) else State.NOT_DUE


def _after_state(forum: str, latest: Stay | None, conversations: Sequence[Conversation]) -> State:
    if latest is None:
        return State.NOT_DUE
    found = any(
        c.kind == ConversationKind.AFTER and c.forum == forum and c.held_on >= latest.entered_on
        for c in conversations
    )
    if found:
        return State.DONE
    return State.MISSING if latest.left_on is not None else State.NOT_DUE


def forum_touchpoints(
    *,
    route_forums: Sequence[str],
    moves: Sequence[Move],
    conversations: Sequence[Conversation],
    leaflets_given: Sequence[dt.date],
    next_forum: str = "",
    contact_forums: frozenset[str] = CONTACT_FORUMS,
) -> list[ForumTouchpoints]:
    """Per forum of the route that needs parent contact (in route order): the conversation before, the conversation
    after and the leaflet, each done, missing or not due yet.

    `moves` are the case's arrivals in steps in the order they happened; `next_forum` is the forum of the step an
    escalation would lead to ("" when there is none, or the case is closed).
    """
    all_stays = stays(moves)
    result: list[ForumTouchpoints] = []
    seen: set[str] = set()
    for forum in route_forums:
        if forum not in contact_forums or forum in seen:
            continue
        seen.add(forum)
        mine = [s for s in all_stays if s.forum == forum]
        latest = mine[-1] if mine else None
        previous = mine[-2] if len(mine) > 1 else None
        is_next = bool(next_forum) and next_forum == forum and not (latest and latest.left_on is None)
        needed = latest is not None or is_next
        leaflet = State.DONE if leaflets_given else (State.MISSING if needed else State.NOT_DUE)
        result.append(
            ForumTouchpoints(
                forum=forum,
                stay=latest,
                is_next=is_next,
                before=_before_state(forum, latest, previous, is_next, conversations),
                after=_after_state(forum, latest, conversations),
                leaflet=leaflet,
            )
        )
    return result
