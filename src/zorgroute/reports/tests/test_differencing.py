"""Differencing attacks across two overlapping reports fail (decision 0008).

A reader subtracts what one report shows from what another (or the same one) shows: the region's total minus the
other schools, the school year minus the other quarters, the region minus the other municipalities. For every
suppressed cell such a subtraction would isolate, a brute-force attacker lists every value consistent with the
published cells: it must still be anything from 1 to 4.
"""

import itertools

import pytest

from zorgroute.meetings.models import Referral
from zorgroute.reports import periods, selectors
from zorgroute.reports.tables import HIDDEN, SUPPRESSED
from zorgroute.reports.tests.fixture import YEAR, at, build

pytestmark = pytest.mark.django_db


def feasible(total, parts, target):
    """The values the `target` part can take, given the published total and parts (numbers or markers)."""
    mass = total - sum(p for p in parts if isinstance(p, int))
    hidden = [i for i, p in enumerate(parts) if not isinstance(p, int)]
    ranges = [range(1, 5) if parts[i] is SUPPRESSED else range(5, max(mass, 5) + 1) for i in hidden]
    return {combo[hidden.index(target)] for combo in itertools.product(*ranges) if sum(combo) == mass}


def assert_subtraction_fails(total, parts):
    assert isinstance(total, int), "the attack needs a published total"
    suppressed = [i for i, p in enumerate(parts) if p is SUPPRESSED]
    assert suppressed, "the attack needs a suppressed part"
    for i in suppressed:
        assert feasible(total, parts, i) == {1, 2, 3, 4}


@pytest.fixture
def lindestreek(db):
    world = build()
    # More referrals to the ZAT so that Noord (12) and Zuid (7) are large and College Zuid's 2 stand out.
    for key, n, school_key in (("c3", 10, "N"), ("d1", 6, "Z"), ("e2", 1, "C")):
        for i in range(n):
            Referral.objects.create(
                case=world.cases[key], team=world.zat, forum_kind="regional_team", status="scheduled",
                created_by=world.ib[school_key], submitted_at=at(2024, 12, 1 + i),
            )  # fmt: skip
    return world


def test_a_school_cannot_be_taken_from_the_region_total_minus_the_other_schools(lindestreek):
    report = selectors.zat_report(
        user=lindestreek.zat_chair, region=lindestreek.region, period=periods.school_year(YEAR)
    )
    referrals = report.counted["referrals_source"]
    noord, zuid, college = lindestreek.noord.pk, lindestreek.zuid.pk, lindestreek.college.pk
    # Referred to the ZAT: Noord c1, c2 + 10 = 12; Zuid d6 + 6 = 7; College e1 + 1 = 2; the region 21.
    assert [referrals.value(unit=u) for u in (noord, zuid, college)] == [12, 7, 2] and referrals.value() == 21
    table = report.table("referrals_source_by_unit")
    column = [row[-1] for row in table.rows]  # the "Total" column: three schools, then all together
    assert column[2] is SUPPRESSED and column[3] == 21
    assert HIDDEN in column[:2]  # without it, 21 - 12 - 7 = 2
    assert_subtraction_fails(column[3], column[:3])


def test_a_quarter_cannot_be_taken_from_the_year_minus_the_other_quarters(lindestreek):
    """Period A (one quarter) and period A+B (the school year) as two reports of the same region."""
    region = lindestreek.region
    year = selectors.region_report(region=region, period=periods.school_year(YEAR))
    quarters = [selectors.region_report(region=region, period=periods.quarter(YEAR, n)) for n in range(1, 5)]
    attacked = 0
    for key in ("referrals_forum", "signals_source", "discussions_forum", "closures_reason", "consent_mode"):
        counted = year.counted[key]
        for unit, _label in [*counted.units, ("__total__", "")]:
            for category, _label in [*counted.categories, ("__total__", "")]:
                whole = year.counted[key].cell(unit=unit, category=category)
                parts = [q.counted[key].cell(unit=unit, category=category) for q in quarters]
                true = [q.counted[key].value(unit=unit, category=category) for q in quarters]
                assert sum(true) == year.counted[key].value(unit=unit, category=category)
                if isinstance(whole, int) and SUPPRESSED in parts:
                    assert_subtraction_fails(whole, parts)
                    attacked += 1
    assert attacked >= 5  # the fixture gives the attacker something to try


def test_a_municipality_cannot_be_taken_from_the_region_minus_the_other_municipalities(lindestreek):
    report = selectors.region_report(region=lindestreek.region, period=periods.school_year(YEAR))
    attacked = 0
    for table in report.tables:
        if not table.key.endswith("_by_unit"):
            continue
        for column in range(1, len(table.columns)):
            cells = [row[column] for row in table.rows]
            if isinstance(cells[-1], int) and SUPPRESSED in cells[:-1]:
                assert_subtraction_fails(cells[-1], cells[:-1])
                attacked += 1
    assert attacked >= 1  # e.g. referrals to the ZAT: Noorddorp 2 ("<5") and the region's total


def test_a_category_cannot_be_taken_from_the_row_total(lindestreek):
    report = selectors.school_report(school=lindestreek.noord, period=periods.school_year(YEAR))
    attacked = 0
    for counted in report.counted.values():
        if not counted.additive:
            continue
        for which in range(3):
            parts = [counted.cell(which, category=c) for c, _label in counted.categories]
            whole = counted.cell(which)
            if isinstance(whole, int) and SUPPRESSED in parts:
                assert_subtraction_fails(whole, parts)
                attacked += 1
    assert attacked >= 3


def test_aggregates_offer_no_periods_that_overlap_other_than_a_year_and_its_quarters():
    from zorgroute.reports.forms import PeriodForm

    form = PeriodForm({"periode": "custom", "van": "2024-09-01", "tot": "2024-09-30"}, custom=False)
    assert not form.is_valid() and "periode" in form.errors
    with pytest.raises(ValueError):
        selectors.region_report(region=None, period=periods.custom(periods.quarter(YEAR, 1).start,
                                                                   periods.quarter(YEAR, 1).end))  # fmt: skip
