"""Meeting dates and the minimum composition, as tables."""

import datetime as dt

import pytest

from zorgroute.meetings.calendar import (
    Attendee,
    Requirement,
    aftercare_due,
    composition_gaps,
    occurrences,
    working_days_before,
)

D = dt.date


@pytest.mark.parametrize(
    "first, every, weekday, start, end, last, expected",
    [
        # every 4 weeks on Tuesday from Tuesday 1 Sep 2026
        (
            D(2026, 9, 1),
            4,
            1,
            D(2026, 9, 1),
            D(2026, 11, 30),
            None,
            [D(2026, 9, 1), D(2026, 9, 29), D(2026, 10, 27), D(2026, 11, 24)],
        ),
        # the first date is a Monday: the series starts on the Tuesday after
        (D(2026, 8, 31), 2, 1, D(2026, 8, 31), D(2026, 9, 20), None, [D(2026, 9, 1), D(2026, 9, 15)]),
        # a window in the middle keeps the rhythm of the series
        (D(2026, 9, 1), 4, 1, D(2026, 10, 1), D(2026, 11, 1), None, [D(2026, 10, 27)]),
        (D(2026, 9, 1), 4, 1, D(2026, 9, 29), D(2026, 9, 29), None, [D(2026, 9, 29)]),
        # never after the last date
        (
            D(2026, 9, 1),
            1,
            1,
            D(2026, 9, 1),
            D(2026, 12, 31),
            D(2026, 9, 15),
            [D(2026, 9, 1), D(2026, 9, 8), D(2026, 9, 15)],
        ),
        # an empty window
        (D(2026, 9, 1), 4, 1, D(2026, 9, 2), D(2026, 9, 28), None, []),
    ],
)
def test_occurrences(first, every, weekday, start, end, last, expected):
    assert (
        list(occurrences(first=first, every_weeks=every, weekday=weekday, start=start, end=end, last=last))
        == expected
    )


@pytest.mark.parametrize("every, weekday", [(0, 1), (1, 7), (1, -1)])
def test_occurrences_refuse_nonsense(every, weekday):
    with pytest.raises(ValueError):
        list(
            occurrences(
                first=D(2026, 9, 1),
                every_weeks=every,
                weekday=weekday,
                start=D(2026, 9, 1),
                end=D(2026, 9, 30),
            )
        )


@pytest.mark.parametrize(
    "day, n, holidays, expected",
    [
        (D(2026, 11, 26), 3, (), D(2026, 11, 23)),  # Thursday → Monday
        (D(2026, 11, 24), 3, (), D(2026, 11, 19)),  # Tuesday → Thursday the week before
        (D(2026, 11, 23), 1, (), D(2026, 11, 20)),  # Monday → Friday
        (D(2026, 11, 26), 3, (D(2026, 11, 24),), D(2026, 11, 20)),  # a holiday does not count
        (D(2026, 11, 26), 0, (), D(2026, 11, 26)),
    ],
)
def test_working_days_before(day, n, holidays, expected):
    assert working_days_before(day, n, holidays) == expected


JGZ, SOCIAL = 1, 2
ZORGTEAM = [
    Requirement("chair", 1, team_role="chair"),
    Requirement("care coordinator", 1, school_role="care_coordinator"),
    Requirement("school social worker", 1, partner_type_id=SOCIAL),
    Requirement("JGZ", 1, partner_type_id=JGZ),
]


@pytest.mark.parametrize(
    "present, gaps",
    [
        (
            [
                Attendee(team_role="chair"),
                Attendee(school_roles=frozenset({"care_coordinator"})),
                Attendee(partner_type_id=SOCIAL),
                Attendee(partner_type_id=JGZ),
            ],
            [],
        ),
        (
            [Attendee(team_role="chair"), Attendee(partner_type_id=JGZ)],
            [("care coordinator", 1), ("school social worker", 1)],
        ),
        ([], [("chair", 1), ("care coordinator", 1), ("school social worker", 1), ("JGZ", 1)]),
        # one person does not fill two requirements
        (
            [
                Attendee(team_role="chair", school_roles=frozenset({"care_coordinator"})),
                Attendee(partner_type_id=SOCIAL),
                Attendee(partner_type_id=JGZ),
            ],
            [("care coordinator", 1)],
        ),
    ],
)
def test_composition_gaps(present, gaps):
    assert composition_gaps(ZORGTEAM, present) == gaps


def test_a_requirement_of_two_counts_two_people():
    need = [Requirement("members", 2, team_role="member")]
    assert composition_gaps(need, [Attendee(team_role="member")]) == [("members", 1)]
    assert composition_gaps(need, [Attendee(team_role="member")] * 3) == []


def test_aftercare_is_due_three_months_after_the_last_discussion():
    assert aftercare_due(D(2026, 9, 1)) == D(2026, 12, 1)
