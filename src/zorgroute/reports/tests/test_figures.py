"""Every figure of the reports against numbers computed by hand from the fixture's description (fixture.py).

The expected numbers are written out here; the tests never run the reports' queries to find them. Each published
cell must equal the hand-computed number, or be "<5" exactly when that number is 1 to 4, or be "×" (a number of
5 or more hidden to protect a small one).
"""

import pytest

from zorgroute.reports import periods, selectors
from zorgroute.reports.disclosure import TOTAL
from zorgroute.reports.tables import HIDDEN, SUPPRESSED
from zorgroute.reports.tests.fixture import YEAR, build

pytestmark = pytest.mark.django_db

NOORD, ZUID = "Noorddorp", "Zuidstad"


@pytest.fixture
def lindestreek(db):
    return build()


@pytest.fixture
def region_year(lindestreek):
    return selectors.region_report(region=lindestreek.region, period=periods.school_year(YEAR))


def _complete(expected, units, categories, additive=True):
    """The hand-computed leaf cells, with the totals added up by hand-written arithmetic (zeros where unlisted)."""
    cells = {(u, c): expected.get((u, c), 0) for u in units for c in categories}
    for c in categories:
        cells[(TOTAL, c)] = sum(cells[(u, c)] for u in units)
    if additive:
        for u in [*units, TOTAL]:
            cells[(u, TOTAL)] = sum(cells[(u, c)] for c in categories)
    return cells


def assert_published(counted, expected, which=0):
    """True values equal the hand-computed ones; what is shown is that number or the marker the rules demand."""
    for (unit, category), number in expected.items():
        assert counted.value(which, unit=unit, category=category) == number, (
            counted.family.key,
            unit,
            category,
        )
        shown = counted.cell(which, unit=unit, category=category)
        if 0 < number < 5:
            assert shown is SUPPRESSED, (counted.family.key, unit, category, shown)
        else:
            assert shown == number or (shown is HIDDEN and number >= 5), (
                counted.family.key,
                unit,
                category,
                shown,
            )


def test_basic_registration_of_the_region_by_municipality(region_year):
    c = region_year.counted
    towns = [NOORD, ZUID]
    assert_published(
        c["signals_source"],
        _complete({(NOORD, "teacher"): 6, (NOORD, "parent"): 2, (ZUID, "teacher"): 5, (ZUID, "jgz"): 1,
                   (ZUID, "absence"): 2}, towns, ["teacher", "parent", "jgz", "absence"]),
    )  # fmt: skip
    assert c["signals_source"].value() == 16
    child, family = _domain_keys(c["signals_domain"])
    assert_published(
        c["signals_domain"],
        _complete({(NOORD, child): 7, (NOORD, family): 2, (ZUID, child): 6, (ZUID, family): 2}, towns,
                  [child, family], additive=False),
    )  # fmt: skip
    assert_published(
        c["referrals_forum"],
        _complete({(NOORD, "school_care_team"): 7, (NOORD, "regional_team"): 2, (ZUID, "school_care_team"): 5,
                   (ZUID, "regional_team"): 2}, towns, ["school_care_team", "regional_team"]),
    )  # fmt: skip
    assert_published(
        c["referrals_source"],
        _complete({(NOORD, "teacher"): 8, (NOORD, "parent"): 1, (ZUID, "teacher"): 5, (ZUID, "jgz"): 1,
                   (ZUID, "absence"): 1}, towns, ["teacher", "parent", "jgz", "absence", "none"]),
    )  # fmt: skip
    # Ages when referred: c7 is 7; c1-c6 are 8 (also at the ZAT); d1-d6 are 10; e1 is 15 (16 five days later).
    assert_published(
        c["referrals_age"],
        _complete({(NOORD, "0"): 1, (NOORD, "8"): 8, (ZUID, "8"): 6, (ZUID, "12"): 1}, towns,
                  ["0", "8", "12", "16"]),
    )  # fmt: skip
    assert_published(
        c["referrals_domain"],
        _complete({(NOORD, child): 9, (NOORD, family): 1, (ZUID, child): 6, (ZUID, family): 1}, towns,
                  [child, family], additive=False),
    )  # fmt: skip
    assert_published(
        c["discussions_forum"],
        _complete({(NOORD, "school_care_team"): 7, (NOORD, "regional_team"): 3, (ZUID, "school_care_team"): 5,
                   (ZUID, "regional_team"): 2}, towns, ["school_care_team", "regional_team"]),
    )  # fmt: skip
    assert_published(
        c["discussions_kind"],
        _complete(
            {(NOORD, "new"): 8, (NOORD, "follow_up"): 2, (ZUID, "new"): 7}, towns, ["new", "follow_up"]
        ),
    )
    # The 20:00 finish on the due date (15 November, local time) is on time.
    assert_published(
        c["actions_state"],
        _complete({(NOORD, "done_on_time"): 4, (NOORD, "done_late"): 1, (NOORD, "overdue"): 2,
                   (NOORD, "cancelled"): 1}, towns, ["done_on_time", "done_late", "open", "overdue", "cancelled"]),
    )  # fmt: skip
    assert_published(
        c["closures_reason"],
        _complete({(NOORD, "solved"): 2, (NOORD, "institution"): 1, (ZUID, "solved"): 5}, towns,
                  ["solved", "institution", "regional_team"]),
    )  # fmt: skip
    assert_published(
        c["consent_mode"],
        _complete({(NOORD, "written"): 5, (NOORD, "assent"): 1, (ZUID, "written"): 5, (ZUID, "override"): 1},
                  towns, ["written", "assent", "anonymous", "override"]),
    )  # fmt: skip


def _domain_keys(counted):
    keys = [key for key, label in counted.categories]
    child = next(k for k, label in counted.categories if label.startswith(("Kind", "Child")))
    family = next(k for k, label in counted.categories if label.startswith(("Gezin", "Family")))
    assert child in keys and family in keys
    return child, family


def test_quarters_the_year_before_and_custom_quarters(lindestreek, region_year):
    referrals = region_year.counted["referrals_forum"]
    # Referred in Aug-Oct: c1-c6 (zorgteam); Nov-Jan: c1, c2, d6 (ZAT) and d1-d5; Feb-Apr: c7, e1.
    assert [referrals.value(quarter=f"q{n}") for n in range(1, 5)] == [6, 8, 2, 0]
    assert referrals.value(1) == 1 and referrals.cell(1) is SUPPRESSED  # 2023-2024: c9
    assert referrals.value(2) == 0 and referrals.cell(2) == 0
    table = region_year.table("quarters")
    row = next(r for r in table.rows if r[0] == str(referrals.family.title))
    assert row[3:] == [SUPPRESSED, 0, 16]  # Feb-Apr: 2
    # The year (16) minus the other quarters must not give the 2 away: at least one of 6 and 8 is hidden with it.
    assert HIDDEN in row[1:3] and all(cell in (HIDDEN, n) for cell, n in zip(row[1:3], (6, 8), strict=True))
    quarter = selectors.region_report(region=lindestreek.region, period=periods.quarter(YEAR, 2))
    assert quarter.counted["referrals_forum"].value(0, unit=ZUID, category="school_care_team") == 5
    assert quarter.counted["referrals_forum"].value() == 8


def test_lead_times_are_percentile_cont_of_the_days_by_hand(region_year):
    raw, table = region_year.raw_lead_times, region_year.table("lead_times")
    rows = {r[0]: r[1:] for r in table.rows}
    # Opened 7 days after the first signal: 16 cases (c1-c8, d1-d6, e1, e2).
    assert raw["signal_case"].n == 16 and raw["signal_case"].values == {25: 7, 50: 7, 75: 7, 90: 7}
    # To the zorgteam referral: c1-c6 30 days, d1-d5 31, c7 177 (7 Sep -> 3 Mar). Sorted positions h = 11p:
    # p25 h 2.75 -> 30; p50 h 5.5 -> 30.5 (shown 31); p75 h 8.25 -> 31; p90 h 9.9 -> 31.
    d = raw["signal_zorgteam"]
    assert d.n == 12 and d.values == {25: 30, 50: 30.5, 75: 31, 90: pytest.approx(31)}
    assert rows[str(_label(region_year, "signal_zorgteam"))] == [30, 31, 31, 31]
    # To the first discussion: 32, 40, 41, 42, 43, 44, 51, 52, 53, 54, 55, 75, 122 (n 13, h = 12p):
    # p25 -> 42; p50 -> 51; p75 -> 54; p90 h 10.8 -> 55 + 0.8 * 20 = 71.
    d = raw["signal_discussion"]
    assert d.n == 13 and d.values == {25: 42, 50: 51, 75: 54, 90: pytest.approx(71)}
    # To closure: 133, 163, 182 x 5, 190 (n 8): p25 h 1.75 -> 163 + 0.75 * 19 = 177.25; p50, p75 -> 182; p90 needs 10.
    d = raw["signal_closed"]
    assert d.n == 8 and d.values[25] == pytest.approx(177.25) and d.values[50] == d.values[75] == 182
    assert rows[str(_label(region_year, "signal_closed"))] == [177, 182, 182, SUPPRESSED]
    # Waiting for the zorgteam's intake: 3, 4, 5, 5, 6, 6, 7, 7, 8, 9, 14 (n 11, h = 10p): 5, 6, 7.5 (8), 9.
    d = raw["zorgteam_intake"]
    assert d.n == 11 and d.values == {25: 5, 50: 6, 75: 7.5, 90: 9}
    # Waiting for the zorgteam's discussion: 10-14, 20-24, 45 (n 11): 12.5 (13), 20, 22.5 (23), 24.
    d = raw["zorgteam_discussion"]
    assert d.n == 11 and d.values == {25: 12.5, 50: 20, 75: 22.5, 90: 24}
    assert rows[str(_label(region_year, "zorgteam_discussion"))] == [13, 20, 23, 24]
    # Too few cases: help started for 4 (c1, c2, d6, e1); ZAT discussions 4; first discussion to help 3 (d6's help
    # started before its first discussion and does not count).
    assert raw["signal_help"].n == 4 and rows[str(_label(region_year, "signal_help"))] == [SUPPRESSED] * 4
    assert raw["zat_discussion"].n == 4 and sorted(raw["zat_discussion"].values) == [25, 50, 75, 90]
    assert raw["discussion_help"].n == 3


def _label(report, key):
    from zorgroute.reports.leadtimes import intervals

    return next(i.label for i in intervals(report.scope) if i.key == key)


def test_process_norms_by_hand(region_year):
    c = region_year.counted
    expected = {
        "norm_coordinator": (1, 2),  # c1 (named) and c3 (not) reached a second action
        "norm_aftercare": (4, 6),  # d1-d4 on time; d5 late; c4's never done
        "norm_feedback": (4, 5),  # d1-d4 on 3 Dec; d5 on 10 Dec, due 5 Dec
        "norm_parents_before": (5, 17),  # c1-c3 before M1, c1's intake before Z1, d6 before Z1
        "norm_parents_after": (6, 17),  # c1 after M1, d1-d5 after N1
        "norm_composition": (1, 2),  # zorgteam Noord's chair at M1, not at M2; other teams have no norm
    }
    for key, (met, total) in expected.items():
        assert (c[key].value(category="met"), c[key].value()) == (met, total), key
    norms = {r[0]: r[1:] for r in region_year.table("norms").rows}
    assert norms[str(c["norm_coordinator"].family.title)][:3] == [SUPPRESSED, SUPPRESSED, SUPPRESSED]
    assert norms[str(c["norm_coordinator"].family.title)][3] == 100


def test_who_sat_at_the_table_per_forum_by_hand(region_year):
    """Zorgteams: 12 discussions (M1 c1-c5 in Q1; M2 c6, c1 and N1 d1-d5 in Q2); the ZAT: 5 (Z1 c1, c2, d6 and Z2
    e1, c1, all in Q3). Every quarter's cell is 0 or at least 5 except the ZAT's teachers (3 at, 2 not)."""
    c = region_year.counted
    expected = {
        "present_parents_school_care_team": (7, 12),  # M2 (2) and N1 (5)
        "present_pupil_school_care_team": (5, 12),  # M1 (5)
        "present_teacher_school_care_team": (12, 12),  # M1, M2 and N1
        "present_parents_regional_team": (5, 5),  # Z1 and Z2
        "present_pupil_regional_team": (0, 5),
        "present_teacher_regional_team": (3, 5),  # Z1 only
    }
    for key, (met, total) in expected.items():
        assert (c[key].value(category="met"), c[key].value(category="not_met"), c[key].value()) == (
            met,
            total - met,
            total,
        ), key
    norms = {r[0]: r[1:] for r in region_year.table("norms").rows}

    def row(key):
        return norms[str(c[key].family.title)]

    # [present, of, percentage (rounded by hand), norm (none set)]
    assert row("present_parents_school_care_team") == [7, 12, 58, None]  # 7/12 = 58.3%
    assert row("present_pupil_school_care_team") == [5, 12, 42, None]  # 5/12 = 41.7%
    assert row("present_teacher_school_care_team") == [12, 12, 100, None]
    assert row("present_parents_regional_team") == [5, 5, 100, None]
    assert row("present_pupil_regional_team") == [0, 5, 0, None]
    # 3 present and 2 not: both under 5, so the count and the share are protected; the 5 discussions are shown.
    assert row("present_teacher_regional_team") == [SUPPRESSED, 5, SUPPRESSED, None]
    # The labels name the forum: "... (Zorgteam)" and "... (ZAT)".
    assert str(c["present_parents_regional_team"].family.title).endswith("(ZAT)")
    assert "norm_teacher" not in c  # the attendance-based stand-in is gone


def test_gaps_in_the_care_offer_per_kind_of_care_by_hand(region_year):
    """Gaps with a kind of care: d1 (Zuidstad, youth care), c1 and c2 (Noorddorp, youth mental health), d6
    (Zuidstad, youth mental health). d2's note has no kind and is not counted."""
    c = region_year.counted["bottlenecks"]
    kinds = {label: key for key, label in c.categories}
    assert list(kinds) == ["Jeugd-GGZ", "Jeugdhulp"]
    ggz, youth = kinds["Jeugd-GGZ"], kinds["Jeugdhulp"]
    expected = _complete({(NOORD, ggz): 2, (ZUID, ggz): 1, (ZUID, youth): 1}, [NOORD, ZUID], [ggz, youth])
    assert (expected[(TOTAL, ggz)], expected[(TOTAL, TOTAL)]) == (3, 4)
    assert_published(c, expected)  # every count is under 5: all shown as "<5"
    table = region_year.table("bottlenecks_by_unit")  # municipalities × kinds of care, with the totals
    assert [col.key for col in table.columns][1:] == ["c_0", "c_1", "total"]
    S = SUPPRESSED
    assert table.rows[:2] == [[NOORD, S, 0, S], [ZUID, S, S, S]]
    assert table.rows[2][1:] == [S, S, S]  # the region: 3, 1 and 4


def test_gaps_per_kind_of_care_for_a_school(lindestreek):
    """The school report of Zuid: d1 (youth care) and d6 (youth mental health, discussed in the ZAT)."""
    report = selectors.build_school_report(school=lindestreek.zuid, period=periods.school_year(YEAR))
    c = report.counted["bottlenecks"]
    kinds = {label: key for key, label in c.categories}
    assert [c.value(category=kinds[k]) for k in ("Jeugd-GGZ", "Jeugdhulp")] == [1, 1]
    assert c.value() == 2 and c.cell() is SUPPRESSED


def test_outcomes_by_hand(region_year):
    c = region_year.counted
    assert [c["goals_evaluation"].value(category=k) for k in ("achieved", "partly", "not_achieved")] == [
        1,
        1,
        1,
    ]
    assert [c["goals_aftercare"].value(category=k) for k in ("achieved", "partly", "not_achieved")] == [
        3,
        1,
        1,
    ]
    assert [c["satisfaction_school"].value(category=n) for n in range(1, 6)] == [0, 0, 1, 3, 1]
    assert [c["satisfaction_parents"].value(category=n) for n in range(1, 6)] == [0, 1, 0, 2, 2]
    satisfaction = {r[0]: r[1:] for r in region_year.table("satisfaction").rows}
    assert satisfaction["3"] == [SUPPRESSED, 0]
    # External referrals (Jeugd-GGZ), referred 20 days before help started: c1, c2 (Noorddorp), d6, e1 (Zuidstad);
    # c2 was first put on the waiting list.
    kind = c["external_kind"].categories[0][0]
    assert [c["external_kind"].value(unit=town, category=kind) for town in (NOORD, ZUID)] == [2, 2]
    assert [c["waiting_kind"].value(unit=town, category=kind) for town in (NOORD, ZUID)] == [1, 0]
    assert c["waiting_kind"].cell(unit=NOORD, category=kind) is SUPPRESSED


def test_the_school_report_of_noord_with_the_year_before(lindestreek):
    report = selectors.school_report(school=lindestreek.noord, period=periods.school_year(YEAR))
    signals = report.table("signals_source")
    rows = {r[0]: r[1:] for r in signals.rows}
    teacher, parent = (str(label) for key, label in report.counted["signals_source"].categories[:2])
    # 2024-2025: teacher 6, parent 2 (total 8): "2" is suppressed, and with it the 6 and the total, since 8 - 6
    # would give it away. 2023-2024: c9's signal only.
    assert rows[teacher] == [HIDDEN, SUPPRESSED, 0]
    assert rows[parent] == [SUPPRESSED, 0, 0]
    assert signals.rows[-1][1:] == [HIDDEN, SUPPRESSED, 0]  # the total
    assert report.counted["signals_source"].value(category="teacher") == 6
    meetings = {r[0]: r[1:] for r in report.table("meetings").rows}
    # Zorgteam Noord held M1 (5 discussions) and M2 (2). Its cases were discussed 7 times in the zorgteam and 3 in
    # the ZAT; the ZAT's 3 is suppressed, so the 7 is hidden with it (10 - 3).
    assert list(meetings.values()) == [[2, HIDDEN, HIDDEN, SUPPRESSED, 5]]
    assert report.counted["discussions_forum"].value(category="school_care_team") == 7
    lead = report.raw_lead_times
    assert lead["signal_zorgteam"].n == 7  # c1-c6 (30 days) and c7 (177)
    assert lead["signal_zorgteam"].values[50] == 30
    # Open today: c2's and c3's overdue actions, both carried by Noord's care coordinator.
    ib = lindestreek.ib["N"]
    name = f"{ib.first_name} {ib.last_name}".strip() or ib.username
    assert report.table("overdue_member").rows == [[name, SUPPRESSED, 0]]


def test_the_zat_report_by_school(lindestreek):
    report = selectors.zat_report(
        user=lindestreek.zat_chair, region=lindestreek.region, period=periods.school_year(YEAR)
    )
    noord, zuid, college = lindestreek.noord.pk, lindestreek.zuid.pk, lindestreek.college.pk
    schools = [noord, zuid, college]
    c = report.counted
    assert "signals_source" not in c and "referrals_forum" not in c  # the ZAT's own work only
    assert_published(
        c["discussions_kind"],
        _complete({(noord, "new"): 2, (noord, "follow_up"): 1, (zuid, "new"): 1, (college, "new"): 1}, schools,
                  ["new", "follow_up"]),
    )  # fmt: skip
    assert_published(
        c["referrals_source"],
        _complete({(noord, "teacher"): 2, (zuid, "jgz"): 1, (college, "absence"): 1}, schools,
                  ["teacher", "parent", "jgz", "absence", "none"]),
    )  # fmt: skip
    assert c["closures_reason"].value() == 0  # none of the ZAT's cases (c1, c2, d6, e1) closed
    # Signal to ZAT referral: c1 131, c2 140, d6 35, e1 9 days: four cases, too few for percentiles.
    assert report.raw_lead_times["signal_zat"].n == 4
    assert report.raw_lead_times["signal_zat"].values[50] == pytest.approx(83)  # (35 + 131) / 2
    by_school = report.table("discussions_kind_by_unit")
    assert [r[0] for r in by_school.rows][:3] == ["Basisschool Noord", "Basisschool Zuid", "College Zuid"]
    assert len(by_school.rows) == 4  # and the three together
