"""The parent touchpoints around the zorgteam and the ZAT (consents/touchpoints.py), as a table.

Each row: the case's moves through its route, the conversations and leaflets recorded, the forum of the next step;
the expected state of (before, after, leaflet) per forum, and the source the row rests on.
"""

from __future__ import annotations

import datetime as dt

import pytest

from zorgroute.consents import touchpoints as tp

D = dt.date(2025, 3, 3)
ZT = "school_care_team"
ZAT = "regional_team"
GR = "group_review"
ROUTE = [GR, ZT, ZAT]  # the forums of the default PO route, in order
DONE, MISSING, NOT_DUE = tp.State.DONE, tp.State.MISSING, tp.State.NOT_DUE


def day(n: int) -> dt.date:
    return D + dt.timedelta(days=n)


def moves(*pairs: tuple[int, str]) -> list[tp.Move]:
    return [tp.Move(on=day(n), forum=forum) for n, forum in pairs]


def talk(kind: str, forum: str, n: int) -> tp.Conversation:
    return tp.Conversation(kind=kind, forum=forum, held_on=day(n))


OPENED = (0, "")  # opened in the first step (signal & act in class: no forum)
TO_GR = (10, GR)
TO_ZT = (30, ZT)
TO_ZAT = (60, ZAT)
ONWARD = (90, "")  # specialised care: no forum

CASES = [
    # id, moves, conversations, leaflets (days), next forum, {forum: (before, after, leaflet)}, source
    (
        "nothing-due-in-the-classroom",
        moves(OPENED),
        [],
        [],
        "",
        {ZT: (NOT_DUE, NOT_DUE, NOT_DUE), ZAT: (NOT_DUE, NOT_DUE, NOT_DUE)},
        "no forum reached or next: nothing asked of the school yet",
    ),
    (
        "group-review-has-no-parent-touchpoints",
        moves(OPENED, TO_GR),
        [],
        [],
        ZT,
        {ZT: (MISSING, NOT_DUE, MISSING), ZAT: (NOT_DUE, NOT_DUE, NOT_DUE)},
        "seed-003 §1.2 L2360-2370: consulted before every zorgteam discussion; the zorgteam is next",
    ),
    (
        "before-recorded-while-next",
        moves(OPENED, TO_GR),
        [talk("before", ZT, 25)],
        [25],
        ZT,
        {ZT: (DONE, NOT_DUE, DONE), ZAT: (NOT_DUE, NOT_DUE, DONE)},
        "the conversation before and the leaflet can be done before the escalation",
    ),
    (
        "in-the-zorgteam-without-conversation",
        moves(OPENED, TO_GR, TO_ZT),
        [],
        [],
        ZAT,
        {ZT: (MISSING, NOT_DUE, MISSING), ZAT: (MISSING, NOT_DUE, MISSING)},
        "DOMAIN §6: a conversation before every zorgteam discussion; after it is due only once the case moved on",
    ),
    (
        "before-recorded-after-escalation-still-counts",
        moves(OPENED, TO_GR, TO_ZT),
        [talk("before", ZT, 33)],
        [33],
        ZAT,
        {ZT: (DONE, NOT_DUE, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "the forum meets some days after the case reached its step: talking in between is in time",
    ),
    (
        "after-recorded-while-still-in-the-zorgteam",
        moves(OPENED, TO_GR, TO_ZT),
        [talk("before", ZT, 31), talk("after", ZT, 45)],
        [31],
        ZAT,
        {ZT: (DONE, DONE, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "seed-003 §1.2 L2403-2411: always a conversation after the zorgteam, even before the case moves",
    ),
    (
        "after-missing-once-moved-to-the-zat",
        moves(OPENED, TO_GR, TO_ZT, TO_ZAT),
        [talk("before", ZT, 31)],
        [31],
        "",
        {ZT: (DONE, MISSING, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "seed-001 §4.1 R6: conclusions and agreements are fed back to the parents",
    ),
    (
        "zat-intake-counts-as-before",
        moves(OPENED, TO_GR, TO_ZT, TO_ZAT),
        [talk("before", ZT, 31), talk("after", ZT, 50), talk("intake", ZAT, 62)],
        [31],
        "",
        {ZT: (DONE, DONE, DONE), ZAT: (DONE, NOT_DUE, DONE)},
        "seed-003 §1.2 L2435-2437, L5763-5765: the ZAT hears the parents in an intake or screening conversation",
    ),
    (
        "intake-does-not-replace-the-zorgteam-conversation",
        moves(OPENED, TO_GR, TO_ZT),
        [talk("intake", ZT, 31)],
        [],
        ZAT,
        {ZT: (MISSING, NOT_DUE, MISSING), ZAT: (MISSING, NOT_DUE, MISSING)},
        "the zorgteam's conversation before covers reason, consent, home and questions (L2360-2370)",
    ),
    (
        "conversation-for-another-forum-does-not-count",
        moves(OPENED, TO_GR, TO_ZT),
        [talk("before", ZAT, 31), talk("after", ZAT, 40)],
        [31],
        ZAT,
        {ZT: (MISSING, NOT_DUE, DONE), ZAT: (DONE, NOT_DUE, DONE)},
        "touchpoints are per forum",
    ),
    (
        "after-held-before-the-stay-does-not-count",
        moves(OPENED, TO_GR, TO_ZT, TO_ZAT),
        [talk("before", ZT, 20), talk("after", ZT, 25)],
        [20],
        "",
        {ZT: (DONE, MISSING, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "an 'after' before the zorgteam was reached cannot report its outcomes",
    ),
    (
        "other-conversations-are-not-touchpoints",
        moves(OPENED, TO_GR, TO_ZT),
        [talk("other", ZT, 31)],
        [],
        ZAT,
        {ZT: (MISSING, NOT_DUE, MISSING), ZAT: (MISSING, NOT_DUE, MISSING)},
        "only the conversation before/after (and the ZAT intake) meet the touchpoints",
    ),
    (
        "direct-zat-referral-skips-the-zorgteam",
        moves(OPENED, TO_GR, (40, ZAT)),
        [talk("intake", ZAT, 41)],
        [38],
        "",
        {ZT: (NOT_DUE, NOT_DUE, DONE), ZAT: (DONE, NOT_DUE, DONE)},
        "DOMAIN §4: a skipped step asks nothing; the leaflet counts for every forum",
    ),
    (
        "closed-from-the-zorgteam",
        moves(OPENED, TO_GR, TO_ZT, (70, "")),
        [talk("before", ZT, 31)],
        [31],
        "",
        {ZT: (DONE, MISSING, DONE), ZAT: (NOT_DUE, NOT_DUE, DONE)},
        "closing the case after the zorgteam still owes the parents the conversation after",
    ),
    (
        "step-back-and-return-needs-a-new-before",
        moves(OPENED, TO_GR, TO_ZT, (50, GR)),
        [talk("before", ZT, 31), talk("after", ZT, 48)],
        [31],
        ZT,
        {ZT: (MISSING, DONE, DONE), ZAT: (NOT_DUE, NOT_DUE, DONE)},
        "a new zorgteam discussion after a step back needs its own conversation before",
    ),
    (
        "second-stay-counts-a-new-before",
        moves(OPENED, TO_GR, TO_ZT, (50, GR), (70, ZT)),
        [talk("before", ZT, 31), talk("after", ZT, 48), talk("before", ZT, 65)],
        [31],
        ZAT,
        {ZT: (DONE, NOT_DUE, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "the second stay is judged on conversations after the first ended",
    ),
    (
        "second-stay-old-before-does-not-count",
        moves(OPENED, TO_GR, TO_ZT, (50, GR), (70, ZT)),
        [talk("before", ZT, 31), talk("after", ZT, 48)],
        [31],
        ZAT,
        {ZT: (MISSING, NOT_DUE, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "the first stay's conversations do not cover the second discussion",
    ),
    (
        "reopened-into-the-zorgteam",
        moves(OPENED, TO_GR, TO_ZT, (70, ""), (100, ZT)),
        [talk("before", ZT, 31), talk("after", ZT, 60)],
        [31],
        ZAT,
        {ZT: (MISSING, NOT_DUE, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "DOMAIN §4: a reopened case is discussed anew",
    ),
    (
        "route-version-migration-is-the-same-stay",
        moves(OPENED, TO_GR, TO_ZT, (40, ZT)),
        [talk("before", ZT, 31)],
        [31],
        ZAT,
        {ZT: (DONE, NOT_DUE, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "moving to a new route version inside the zorgteam step is no new discussion",
    ),
    (
        "specialised-care-after-the-zat",
        moves(OPENED, TO_GR, TO_ZT, TO_ZAT, ONWARD),
        [talk("before", ZT, 31), talk("after", ZT, 50), talk("intake", ZAT, 62), talk("after", ZAT, 80)],
        [31],
        "",
        {ZT: (DONE, DONE, DONE), ZAT: (DONE, DONE, DONE)},
        "ZAT folder step 6: the advice is discussed with parents and school",
    ),
    (
        "zat-after-missing-when-help-started",
        moves(OPENED, TO_GR, TO_ZT, TO_ZAT, ONWARD),
        [talk("before", ZT, 31), talk("after", ZT, 50), talk("intake", ZAT, 62)],
        [31],
        "",
        {ZT: (DONE, DONE, DONE), ZAT: (DONE, MISSING, DONE)},
        "ZAT folder step 6: the advice is discussed with parents and school",
    ),
    (
        "before-on-the-day-of-the-escalation",
        moves(OPENED, TO_GR, TO_ZT),
        [talk("before", ZT, 30), talk("after", ZT, 30)],
        [30],
        ZAT,
        {ZT: (DONE, DONE, DONE), ZAT: (MISSING, NOT_DUE, DONE)},
        "same-day conversations count (dates, not times)",
    ),
]


@pytest.mark.parametrize(
    ("case_moves", "conversations", "leaflets", "next_forum", "expected", "source"),
    [pytest.param(*row[1:], id=row[0]) for row in CASES],
)
def test_touchpoints_table(case_moves, conversations, leaflets, next_forum, expected, source):
    rows = tp.forum_touchpoints(
        route_forums=ROUTE,
        moves=case_moves,
        conversations=conversations,
        leaflets_given=[day(n) for n in leaflets],
        next_forum=next_forum,
    )
    assert {r.forum: (r.before, r.after, r.leaflet) for r in rows} == expected, source


def test_the_table_is_drawn_from_enough_situations():
    assert len(CASES) >= 20
    assert len({row[0] for row in CASES}) == len(CASES)


def test_only_the_zorgteam_and_the_zat_get_rows_in_route_order_once():
    rows = tp.forum_touchpoints(
        route_forums=[GR, ZAT, ZT, ZAT], moves=moves(OPENED), conversations=[], leaflets_given=[]
    )
    assert [r.forum for r in rows] == [ZAT, ZT]


def test_missing_lists_the_touchpoints_in_order():
    (zorgteam, _zat) = tp.forum_touchpoints(
        route_forums=ROUTE, moves=moves(OPENED, TO_GR, TO_ZT, TO_ZAT), conversations=[], leaflets_given=[]
    )
    assert zorgteam.missing == [tp.Touchpoint.BEFORE, tp.Touchpoint.AFTER, tp.Touchpoint.LEAFLET]
    assert zorgteam.is_reached and not zorgteam.is_next
    assert zorgteam.stay == tp.Stay(forum=ZT, entered_on=day(30), left_on=day(60))


def test_the_forum_the_case_is_in_is_not_next():
    (zorgteam, zat) = tp.forum_touchpoints(
        route_forums=ROUTE,
        moves=moves(OPENED, TO_GR, TO_ZT),
        conversations=[],
        leaflets_given=[],
        next_forum=ZT,  # a step of the same forum after the current one
    )
    assert not zorgteam.is_next and zorgteam.is_relevant
    assert not zat.is_relevant


def test_stays_follow_the_moves():
    assert tp.stays(moves(OPENED, TO_GR, TO_ZT, (50, GR), (70, ZT), (80, ""))) == [
        tp.Stay(GR, day(10), day(30)),
        tp.Stay(ZT, day(30), day(50)),
        tp.Stay(GR, day(50), day(70)),
        tp.Stay(ZT, day(70), day(80)),
    ]
    assert tp.stays([]) == []
