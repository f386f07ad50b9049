"""Small-cell protection (reports/disclosure.py): primary suppression, the line rule, and the differencing attacks
a reader can do with one subtraction, checked by an independent brute-force attacker."""

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zorgroute.reports.disclosure import (
    PRIMARY,
    SECONDARY,
    TOTAL,
    VISIBLE,
    Dim,
    line_is_safe,
    lines,
    protect,
    totals,
)
from zorgroute.reports.tables import HIDDEN, SUPPRESSED


def feasible(total, cells, target):
    """Every value the `target` cell can take given what a reader sees: the total, the visible cells' values and
    the hidden cells' markers ("<5": 1..4; "×": 5 or more). Brute force, independent of the module's arithmetic."""
    hidden = [i for i, (_, state) in enumerate(cells) if state != VISIBLE]
    mass = total - sum(v for v, state in cells if state == VISIBLE)
    ranges = [range(1, 5) if cells[i][1] == PRIMARY else range(5, max(mass, 5) + 1) for i in hidden]
    found = set()
    for combo in itertools.product(*ranges):
        if sum(combo) == mass:
            found.add(combo[hidden.index(target)])
    return found


def test_it_suppresses_one_to_four_and_shows_zero_and_five():
    dims = [Dim.flat("source", ["a", "b", "c", "d"], additive=False)]
    result = protect(dims, {("a",): 0, ("b",): 1, ("c",): 4, ("d",): 5})
    assert [result.cell(x) for x in "abcd"] == [0, SUPPRESSED, SUPPRESSED, 5]


def test_totals_add_up_along_additive_dimensions_only():
    dims = [Dim.flat("school", ["x", "y"]), Dim.flat("domain", ["p", "q"], additive=False)]
    values = totals(dims, {("x", "p"): 2, ("y", "p"): 3, ("y", "q"): 7})
    assert values[(TOTAL, "p")] == 5 and values[(TOTAL, "q")] == 7 and values[("x", "q")] == 0
    assert (TOTAL, TOTAL) not in values  # no total over the domains: a referral may have several
    with pytest.raises(KeyError):
        totals(dims, {(TOTAL, "p"): 1})  # counts are given for leaf cells only
    with pytest.raises(ValueError):
        totals(dims, {("x", "p"): -1})


def test_a_school_total_cannot_be_taken_from_the_region_total_minus_the_other_schools():
    # Region: school A 3 referrals, B 20, C 12, total 35. Without protection 35 - 20 - 12 = 3.
    dims = [Dim.flat("school", ["A", "B", "C"])]
    result = protect(dims, {("A",): 3, ("B",): 20, ("C",): 12})
    assert result.cell("A") is SUPPRESSED
    assert result.cell("C") is HIDDEN  # the smallest complement that protects A
    assert result.cell("B") == 20 and result.cell(TOTAL) == 35
    line = [(3, PRIMARY), (20, VISIBLE), (12, SECONDARY)]
    assert feasible(35, line, 0) == {1, 2, 3, 4}  # the reader learns nothing beyond "<5"
    assert len(feasible(35, line, 2)) > 1


def test_two_small_cells_that_reveal_each_other_get_a_complement():
    # 1 + 1 hidden under a total of 22 with 20 visible: the reader would know both are 1.
    assert feasible(22, [(1, PRIMARY), (1, PRIMARY), (20, VISIBLE)], 0) == {1}
    result = protect([Dim.flat("source", ["a", "b", "c"])], {("a",): 1, ("b",): 1, ("c",): 20})
    assert result.cell("c") is HIDDEN
    line = [(1, PRIMARY), (1, PRIMARY), (20, SECONDARY)]
    assert feasible(22, line, 0) == {1, 2, 3, 4}


def test_two_small_cells_summing_to_five_protect_each_other():
    result = protect([Dim.flat("source", ["a", "b", "c"])], {("a",): 2, ("b",): 3, ("c",): 10})
    assert result.cell("c") == 10 and result.cell(TOTAL) == 15
    assert feasible(15, [(2, PRIMARY), (3, PRIMARY), (10, VISIBLE)], 0) == {1, 2, 3, 4}


def test_the_total_is_hidden_when_no_cell_can_protect_and_a_zero_is_never_a_complement():
    result = protect([Dim.flat("reason", ["a", "b", "c"])], {("a",): 1, ("b",): 5, ("c",): 0})
    assert result.cell("a") is SUPPRESSED and result.cell("c") == 0
    assert result.cell(TOTAL) is HIDDEN  # 1 + 5 = 6: with "×" known to be 5 or more, a would be 1


def test_a_quarter_cannot_be_taken_from_the_year_minus_the_other_quarters():
    # Period A (quarter 3) and period A+B (the school year) as one cube: quarters under the year, by source.
    period = Dim.tree("period", "year", {"year": ["q1", "q2", "q3", "q4"]})
    source = Dim.flat("source", ["parent", "teacher"])
    counts = {
        ("q1", "parent"): 6,
        ("q2", "parent"): 7,
        ("q3", "parent"): 2,
        ("q4", "parent"): 9,
        ("q1", "teacher"): 20,
        ("q2", "teacher"): 21,
        ("q3", "teacher"): 30,
        ("q4", "teacher"): 25,
    }
    result = protect([period, source], counts)
    assert result.hidden() == {
        ("q3", "parent"): PRIMARY,
        ("q2", "parent"): SECONDARY,  # protects q3 in the year's line of parents
        ("q3", "teacher"): SECONDARY,  # protects q3 in the quarter's own line (its total is shown)
        ("q2", "teacher"): SECONDARY,  # else q2's parents would follow from q2's total
    }
    assert result.cell("year", "parent") == 24 and result.cell("q3", TOTAL) == 32
    # Year 24 - (6 + 7 + 9) would give 2; the reader of both the year's and the quarters' tables cannot.
    year_line = [(counts[(q, "parent")], result.status[(q, "parent")]) for q in ("q1", "q2", "q3", "q4")]
    assert feasible(24, year_line, 2) == {1, 2, 3, 4}
    # Within quarter 3: the quarter's total minus the teachers' count would give 2 as well.
    assert feasible(32, [(2, PRIMARY), (30, SECONDARY)], 0) == {1, 2, 3, 4}
    assert all(_every_line_safe(result))


def test_lines_run_along_every_additive_dimension_at_every_level():
    dims = [
        Dim.tree("place", "region", {"region": ["m1", "m2"], "m1": ["s1", "s2"], "m2": ["s3"]}),
        Dim.flat("kind", ["a", "b"]),
    ]
    found = {(total, tuple(children)) for total, children in lines(dims)}
    assert (("region", "a"), (("m1", "a"), ("m2", "a"))) in found
    assert (("m1", TOTAL), (("s1", TOTAL), ("s2", TOTAL))) in found
    assert (("s3", TOTAL), (("s3", "a"), ("s3", "b"))) in found
    assert len(found) == 3 * 3 + 6  # 3 inner places × 3 kinds, and 6 places × 1 inner kind


def test_line_is_safe_says_when_a_hidden_cell_is_pinned():
    assert line_is_safe(10, [(10, VISIBLE)])
    assert not line_is_safe(6, [(1, PRIMARY), (5, SECONDARY)])  # the 1 is pinned: 6 - "5 or more"
    assert not line_is_safe(25, [(5, SECONDARY), (20, VISIBLE)])  # a lone hidden cell is the difference
    assert line_is_safe(30, [(4, PRIMARY), (8, SECONDARY), (18, VISIBLE)])


def _every_line_safe(result):
    for total_key, children in lines(result.dims):
        if result.status[total_key] != VISIBLE:
            continue
        cells = [(result.values[k], result.status[k]) for k in children]
        for i, (_, state) in enumerate(cells):
            if state == VISIBLE:
                continue
            options = feasible(result.values[total_key], cells, i)
            yield options == {1, 2, 3, 4} if state == PRIMARY else len(options) > 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=0, max_value=14), min_size=3, max_size=3), min_size=2, max_size=4)
)
def test_every_line_of_a_protected_table_withstands_one_subtraction(rows):
    dims = [Dim.flat("row", range(len(rows))), Dim.flat("col", range(3))]
    counts = {(r, c): n for r, row in enumerate(rows) for c, n in enumerate(row)}
    result = protect(dims, counts)
    assert all(_every_line_safe(result))
    for (
        key,
        state,
    ) in result.status.items():  # primary suppression is never undone, and only small cells get it
        assert (state == PRIMARY) == (0 < result.values[key] < 5)
