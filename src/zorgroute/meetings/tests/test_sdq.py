"""The SDQ: scoring, missing answers, impact, bands, norms as data, re-measurement and the form. Hand-computed tables
plus properties (hypothesis). The scoring and norms modules are pure; only the form tests touch Django (no database).
"""

import json
import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from zorgroute.meetings import sdq
from zorgroute.meetings.sdq import (
    DIFFICULTY_SCALES,
    ITEMS,
    REVERSED,
    SCALES,
    Direction,
    Measure,
    SDQError,
    Version,
    compare,
    max_score,
    scale_items,
    score,
)
from zorgroute.meetings.sdq_forms import ITEM_TOPICS, SDQForm, impact_field, item_field
from zorgroute.meetings.sdq_norms import (
    DEFAULT_NORMS,
    GOODMAN_3BAND_PARENT,
    GOODMAN_3BAND_TEACHER,
    SDQINFO_4BAND_PARENT,
    SDQINFO_4BAND_TEACHER,
    SHIPPED_NORMS,
    Band,
    MeasureNorm,
    NormTable,
    default_norms,
    pick_norms,
)

PARENT, TEACHER = Version.PARENT, Version.TEACHER
E, C, H, P, S = SCALES
TOTAL, EXT, INT, IMPACT = (
    Measure.TOTAL_DIFFICULTIES,
    Measure.EXTERNALISING,
    Measure.INTERNALISING,
    Measure.IMPACT,
)


def answers_for(scale, *values):
    """Answers (as given, before reverse scoring) for the items of one scale, in item order."""
    return {item.number: value for item, value in zip(scale_items(scale), values, strict=True)}


def code(error):
    return error.value.code


# The teacher sample report in the source (seeds/003 Bijlage 3, L8828-8868; seed-notes-003.md §3.11): total 18
# "hoog", emotional 4 "grenswaarde", conduct 4 "hoog", hyperactivity 4 "gemiddeld", peer 6 "zeer hoog", prosocial 6
# "gemiddeld", impact 2 "hoog". These answers produce exactly those scores.
SAMPLE = {
    **answers_for(E, 2, 1, 1, 0, 0),  # 3, 8, 13, 16, 24 → 4
    **answers_for(C, 1, 0, 1, 0, 0),  # 5, 7 (not obedient: 2), 12, 18, 22 → 4
    **answers_for(H, 1, 0, 1, 1, 1),  # 2, 10, 15, 21 (1), 25 (1) → 4
    **answers_for(P, 2, 2, 0, 1, 1),  # 6, 11 (has a friend: 0), 14 (not liked: 2), 19, 23 → 6
    **answers_for(S, 1, 1, 2, 2, 0),  # 1, 4, 9, 17, 20 → 6
}
SAMPLE_IMPACT = {"difficulties": 2, "distress": 2, "peer_relations": 2, "classroom_learning": 1}  # 1 + 1 + 0


# --------------------------------------------------------------------------------------------------------------
# Items and scales
# --------------------------------------------------------------------------------------------------------------


def test_the_25_items_sit_on_five_scales_of_five():
    assert [item.number for item in ITEMS] == list(range(1, 26))
    assert {scale: [item.number for item in scale_items(scale)] for scale in SCALES} == {
        E: [3, 8, 13, 16, 24],
        C: [5, 7, 12, 18, 22],
        H: [2, 10, 15, 21, 25],
        P: [6, 11, 14, 19, 23],
        S: [1, 4, 9, 17, 20],
    }


def test_items_7_11_14_21_25_are_reverse_scored():
    assert frozenset({7, 11, 14, 21, 25}) == REVERSED
    for item in ITEMS:
        expected = [2, 1, 0] if item.number in REVERSED else [0, 1, 2]
        assert [item.score(answer) for answer in (0, 1, 2)] == expected


@pytest.mark.parametrize(
    "scale, given, expected",
    [
        (E, (0, 0, 0, 0, 0), 0),
        (E, (2, 2, 2, 2, 2), 10),
        (E, (2, 1, 0, 1, 2), 6),
        # conduct: item 7 (obedient) is reversed
        (C, (0, 0, 0, 0, 0), 2),
        (C, (0, 2, 0, 0, 0), 0),
        (C, (2, 0, 2, 2, 2), 10),
        (C, (1, 1, 1, 1, 1), 5),
        # hyperactivity: items 21 and 25 are reversed
        (H, (0, 0, 0, 0, 0), 4),
        (H, (0, 0, 0, 2, 2), 0),
        (H, (2, 2, 2, 0, 0), 10),
        (H, (1, 0, 2, 1, 0), 6),
        # peer: items 11 and 14 are reversed
        (P, (0, 0, 0, 0, 0), 4),
        (P, (0, 2, 2, 0, 0), 0),
        (P, (2, 0, 0, 2, 2), 10),
        (P, (1, 2, 1, 0, 2), 4),
        # prosocial: nothing reversed, higher is better
        (S, (2, 2, 2, 2, 2), 10),
        (S, (2, 2, 1, 0, 0), 5),
    ],
)
def test_scale_scores_by_hand(scale, given, expected):
    result = score(TEACHER, answers_for(scale, *given))
    assert result.value(scale) == expected
    assert result[scale].answered == 5
    assert not result[scale].prorated


def test_the_sample_report_total_externalising_and_internalising():
    result = score(TEACHER, SAMPLE, SAMPLE_IMPACT)
    assert {measure: result.value(measure) for measure in Measure} == {
        E: 4,
        C: 4,
        H: 4,
        P: 6,
        S: 6,
        TOTAL: 18,  # prosocial is not a difficulty
        EXT: 8,  # conduct + hyperactivity
        INT: 10,  # emotional + peer
        IMPACT: 2,
    }
    assert result.complete
    assert result.norms_key is None
    assert all(measure_score.band is None for measure_score in result.scores)


# --------------------------------------------------------------------------------------------------------------
# Missing answers
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "given, expected",
    [
        ((2, 1, 1, None, None), 7),  # 2 missing: 4 points over 3 items → 6.67 → 7
        ((1, 0, 0, None, None), 2),  # 1 over 3 → 1.67 → 2
        ((1, 1, 0, None, None), 3),  # 2 over 3 → 3.33 → 3
        ((1, 1, 0, 0, None), 3),  # 1 missing: 2 over 4 → 2.5 → 3 (half up, not to even)
        ((1, 0, 0, 0, None), 1),  # 1 over 4 → 1.25 → 1
        ((2, 1, 0, 0, None), 4),  # 3 over 4 → 3.75 → 4
        ((2, 2, 2, None, None), 10),
        ((2, 1, None, None, None), None),  # 3 missing: not scored
        ((None, None, None, None, None), None),
    ],
)
def test_a_scale_is_prorated_from_three_answers_and_not_scored_below(given, expected):
    result = score(PARENT, answers_for(E, *given))
    answered = sum(value is not None for value in given)
    assert result.value(E) == expected
    assert result[E].answered == answered
    assert result[E].prorated == (expected is not None and answered < 5)


def test_prorating_respects_reverse_scoring():
    # hyperactivity with 21 and 25 answered "certainly true" (0 each) and 2 answered "certainly true" (2):
    # 2 points over 3 items → 3.33 → 3
    assert score(TEACHER, {2: 2, 21: 2, 25: 2}).value(H) == 3


def test_missing_answers_are_never_an_error():
    empty = score(PARENT, {})
    assert all(measure_score.value is None for measure_score in empty.scores)
    assert empty.unanswered == tuple(range(1, 26))
    assert not empty.complete
    assert score(PARENT, dict.fromkeys(range(1, 26))).unanswered == tuple(range(1, 26))


def test_the_total_needs_all_four_difficulty_scales_and_prosocial_does_not_count():
    without_peer = {number: value for number, value in SAMPLE.items() if number not in (6, 11, 14)}
    result = score(TEACHER, without_peer)
    assert result.value(P) is None
    assert (result.value(TOTAL), result.value(INT), result.value(EXT)) == (None, None, 8)
    without_prosocial = {number: value for number, value in SAMPLE.items() if number not in (1, 4, 9)}
    assert score(TEACHER, without_prosocial).value(TOTAL) == 18


# --------------------------------------------------------------------------------------------------------------
# Impact
# --------------------------------------------------------------------------------------------------------------

MAX_PARENT = {
    "difficulties": 3,
    "chronicity": 3,
    "distress": 3,
    "home_life": 3,
    "friendships": 3,
    "classroom_learning": 3,
    "leisure": 3,
    "burden": 3,
}
MAX_TEACHER = {
    "difficulties": 3,
    "chronicity": 3,
    "distress": 3,
    "peer_relations": 3,
    "classroom_learning": 3,
    "burden": 3,
}


@pytest.mark.parametrize(
    "version, impact, expected",
    [
        (PARENT, MAX_PARENT, 10),  # distress + 4 interference items, 2 each
        (TEACHER, MAX_TEACHER, 6),  # distress + 2 interference items
        # "not at all" and "only a little" score 0, "quite a lot" 1, "a great deal" 2
        (PARENT, {"difficulties": 1, "distress": 0, "home_life": 1, "friendships": 2, "leisure": 3}, 3),
        (TEACHER, {"difficulties": 2, "distress": 1, "peer_relations": 2, "classroom_learning": 3}, 3),
        # no difficulties: 0, whatever else was ticked
        (PARENT, {"difficulties": 0}, 0),
        (TEACHER, {**MAX_TEACHER, "difficulties": 0}, 0),
        # duration and burden are asked, not scored
        (PARENT, {"difficulties": 2, "chronicity": 3, "burden": 3, "distress": 1}, 0),
        # an unanswered impact item counts 0 once any is answered (the scoring syntax recodes it to 0)
        (TEACHER, {"difficulties": 3, "distress": 3}, 2),
        (PARENT, {"distress": 2}, 1),  # the overall question left open
        # nothing to score
        (PARENT, {}, None),
        (PARENT, {"difficulties": 2}, None),
        (TEACHER, {"difficulties": None, "distress": None}, None),
        (TEACHER, {"difficulties": 1, "chronicity": 2, "burden": 2}, None),
    ],
)
def test_impact_by_hand(version, impact, expected):
    assert score(version, SAMPLE, impact).value(IMPACT) == expected


def test_impact_questions_differ_per_version():
    with pytest.raises(SDQError) as error:
        score(TEACHER, {}, {"home_life": 1})
    assert code(error) == "unknown_impact_question"
    with pytest.raises(SDQError) as error:
        score(PARENT, {}, {"peer_relations": 1})
    assert code(error) == "unknown_impact_question"
    assert max_score(IMPACT, PARENT) == 10
    assert max_score(IMPACT, TEACHER) == 6


# --------------------------------------------------------------------------------------------------------------
# Input errors
# --------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "version, answers, impact, expected_code",
    [
        ("youth", {}, None, "unknown_version"),
        ("", {}, None, "unknown_version"),
        (PARENT, {0: 1}, None, "unknown_item"),
        (PARENT, {26: 1}, None, "unknown_item"),
        (PARENT, {"x": 1}, None, "unknown_item"),
        (PARENT, {"-1": 1}, None, "unknown_item"),
        (PARENT, {True: 1}, None, "unknown_item"),
        (PARENT, {1.0: 1}, None, "unknown_item"),
        (PARENT, {7: 1, "7": 1}, None, "duplicate_item"),
        (PARENT, {1: 3}, None, "invalid_answer"),
        (PARENT, {1: -1}, None, "invalid_answer"),
        (PARENT, {1: "1"}, None, "invalid_answer"),
        (PARENT, {1: True}, None, "invalid_answer"),
        (PARENT, {1: 1.0}, None, "invalid_answer"),
        (PARENT, {}, {"distress": 4}, "invalid_impact_answer"),
        (PARENT, {}, {"distress": -1}, "invalid_impact_answer"),
        (PARENT, {}, {"distress": False}, "invalid_impact_answer"),
        (PARENT, {}, {"distress": "2"}, "invalid_impact_answer"),
        (PARENT, {}, {"impact": 1}, "unknown_impact_question"),
    ],
)
def test_bad_input_raises_a_value_error_with_a_code(version, answers, impact, expected_code):
    with pytest.raises(ValueError) as error:
        score(version, answers, impact)
    assert isinstance(error.value, SDQError)
    assert code(error) == expected_code
    assert expected_code in sdq.ERROR_CODES
    assert str(error.value).startswith(expected_code)


def test_item_numbers_may_come_back_from_json_as_strings():
    stored = json.loads(json.dumps(SAMPLE))
    assert set(stored) == {str(number) for number in SAMPLE}
    assert score(TEACHER, stored) == score(TEACHER, SAMPLE)
    assert score("teacher", SAMPLE).version is TEACHER


def test_norms_must_be_for_the_version_scored():
    with pytest.raises(SDQError) as error:
        score(PARENT, SAMPLE, norms=SDQINFO_4BAND_TEACHER)
    assert code(error) == "norms_version_mismatch"


def test_an_unknown_measure_is_an_error():
    with pytest.raises(SDQError) as error:
        score(PARENT, SAMPLE)["happiness"]
    assert code(error) == "unknown_measure"
    assert score(PARENT, SAMPLE)["peer"].measure is P


# --------------------------------------------------------------------------------------------------------------
# Bands
# --------------------------------------------------------------------------------------------------------------


def test_the_default_teacher_norms_reproduce_the_sample_report():
    result = score(TEACHER, SAMPLE, SAMPLE_IMPACT, norms=default_norms(TEACHER))
    bands = {measure: result[measure].band.code for measure in (TOTAL, E, C, H, P, S)}
    assert bands == {
        TOTAL: "high",  # "18 ** (16-18 is hoog)"
        E: "slightly_raised",  # "4 * (4 is grenswaarde)"
        C: "high",  # "4 ** (4 is hoog)"
        H: "close_to_average",  # "4 (0-5 is gemiddeld)"
        P: "very_high",  # "6 *** (6-10 is zeer hoog)"
        S: "close_to_average",  # "6 (6-10 is gemiddeld)"
    }
    assert result.norms_key == "sdqinfo-4band"
    assert result[EXT].band is None and result[INT].band is None  # no published bands
    assert result.as_dict()["bands"]["peer"] == "very_high"
    assert result.as_dict()["scores"]["total_difficulties"] == 18


def test_an_unscored_measure_has_no_band():
    result = score(TEACHER, {3: 2, **answers_for(C, 0, 0, 0, None, None)}, norms=SDQINFO_4BAND_TEACHER)
    assert result[E].value is None and result[E].band is None
    assert not result[E].scored
    # conduct from items 5, 7 (not obedient: 2) and 12: 2 points over 3 items → 3.33 → 3
    assert result[C].scored and result[C].value == 3 and result[C].band.code == "slightly_raised"


# Only cut-offs confirmed against a source are checked value by value (see sdq_norms' docstring); the values
# marked "to be confirmed" are checked for their structure below.
BOUNDARIES = [
    (SDQINFO_4BAND_TEACHER, TOTAL, [(0, "close_to_average"), (11, "close_to_average"), (12, "slightly_raised"),
                                    (15, "slightly_raised"), (16, "high"), (18, "high"), (19, "very_high"),
                                    (40, "very_high")]),
    (SDQINFO_4BAND_TEACHER, E, [(3, "close_to_average"), (4, "slightly_raised"), (5, "high"), (6, "very_high"),
                                (10, "very_high")]),
    (SDQINFO_4BAND_TEACHER, C, [(2, "close_to_average"), (3, "slightly_raised"), (4, "high"), (5, "very_high")]),
    (SDQINFO_4BAND_TEACHER, H, [(5, "close_to_average"), (6, "slightly_raised"), (7, "slightly_raised"),
                                (8, "high"), (9, "very_high")]),
    (SDQINFO_4BAND_TEACHER, P, [(2, "close_to_average"), (3, "slightly_raised"), (4, "slightly_raised"),
                                (5, "high"), (6, "very_high")]),
    (SDQINFO_4BAND_TEACHER, S, [(10, "close_to_average"), (6, "close_to_average"), (5, "slightly_lowered"),
                                (4, "low"), (3, "very_low"), (0, "very_low")]),
    (GOODMAN_3BAND_PARENT, TOTAL, [(13, "normal"), (14, "borderline"), (16, "borderline"), (17, "abnormal"),
                                   (40, "abnormal")]),
    (GOODMAN_3BAND_PARENT, E, [(3, "normal"), (4, "borderline"), (5, "abnormal")]),
    (GOODMAN_3BAND_PARENT, C, [(2, "normal"), (3, "borderline"), (4, "abnormal")]),
    (GOODMAN_3BAND_PARENT, H, [(5, "normal"), (6, "borderline"), (7, "abnormal")]),
    (GOODMAN_3BAND_PARENT, P, [(2, "normal"), (3, "borderline"), (4, "abnormal")]),
    (GOODMAN_3BAND_PARENT, S, [(6, "normal"), (5, "borderline"), (4, "abnormal"), (0, "abnormal")]),
    (GOODMAN_3BAND_TEACHER, E, [(4, "normal"), (5, "borderline"), (6, "abnormal")]),
    (GOODMAN_3BAND_TEACHER, C, [(2, "normal"), (3, "borderline"), (4, "abnormal")]),
    (GOODMAN_3BAND_TEACHER, H, [(5, "normal"), (6, "borderline"), (7, "abnormal")]),
    (GOODMAN_3BAND_TEACHER, P, [(3, "normal"), (4, "borderline"), (5, "abnormal")]),
]  # fmt: skip


@pytest.mark.parametrize(
    "table, measure, value, expected",
    [(table, measure, value, band) for table, measure, cases in BOUNDARIES for value, band in cases],
    ids=lambda value: getattr(value, "title", str(value)),
)
def test_confirmed_bands_at_each_boundary(table, measure, value, expected):
    assert not table.norm(measure).to_be_confirmed
    assert table.band(measure, value).code == expected


def test_what_is_to_be_confirmed_is_listed():
    assert SDQINFO_4BAND_TEACHER.unconfirmed == (IMPACT,)
    assert set(SDQINFO_4BAND_PARENT.unconfirmed) == {TOTAL, *SCALES, IMPACT}
    assert GOODMAN_3BAND_PARENT.unconfirmed == (IMPACT,)
    assert set(GOODMAN_3BAND_TEACHER.unconfirmed) == {TOTAL, S, IMPACT}
    for table in SHIPPED_NORMS:
        for norm in table.measures:
            assert norm.source, (table.title, norm.measure)


@pytest.mark.parametrize("table", SHIPPED_NORMS, ids=lambda table: table.title)
def test_every_shipped_table_bands_every_possible_score_once_and_in_order(table):
    assert {norm.measure for norm in table.measures} == {TOTAL, *SCALES, IMPACT}
    assert (table.age_from, table.age_to) == (4, 17)
    for norm in table.measures:
        levels = []
        for value in range(max_score(norm.measure, table.version) + 1):
            matching = [band for band in norm.bands if value in band]
            assert len(matching) == 1, (norm.measure, value)
            levels.append(matching[0].level)
        if norm.measure in sdq.HIGHER_IS_BETTER:
            levels.reverse()
        assert levels[0] == 0
        assert levels == sorted(levels)  # more concern as difficulties rise (as prosocial falls)
        assert len(set(levels)) == len(norm.bands) in (3, 4)


def test_default_norms_and_picking_a_regions_table_first():
    assert default_norms(PARENT) is SDQINFO_4BAND_PARENT
    assert default_norms("teacher", age=10) is SDQINFO_4BAND_TEACHER
    assert default_norms(TEACHER, age=18) is None
    assert {table.key for table in DEFAULT_NORMS} == {"sdqinfo-4band"}
    region = NormTable.from_data(
        {**GOODMAN_3BAND_PARENT.to_data(), "key": "region-6-11", "age_from": 6, "age_to": 11}
    )
    tables = (region, *DEFAULT_NORMS)
    assert pick_norms(tables, version=PARENT, age=8) is region
    assert pick_norms(tables, version=PARENT, age=12) is SDQINFO_4BAND_PARENT
    assert pick_norms(tables, version=TEACHER, age=8) is SDQINFO_4BAND_TEACHER
    assert pick_norms(tables, version=PARENT) is region
    assert pick_norms((), version=PARENT) is None


def test_a_norm_table_survives_its_configuration_shape():
    for table in SHIPPED_NORMS:
        data = json.loads(json.dumps(table.to_data()))
        assert NormTable.from_data(data) == table
    prosocial = SDQINFO_4BAND_TEACHER.to_data()["measures"]["prosocial"]["bands"]
    assert prosocial == [
        [6, 10, "close_to_average"],
        [5, 5, "slightly_lowered"],
        [4, 4, "low"],
        [0, 3, "very_low"],
    ]


def bands(*ranges):
    return tuple(Band(low, high, level, f"b{level}") for level, (low, high) in enumerate(ranges))


GOOD_TOTAL = MeasureNorm(TOTAL, bands((0, 13), (14, 16), (17, 40)))


@pytest.mark.parametrize(
    "build",
    [
        lambda: NormTable("", PARENT, "t", (GOOD_TOTAL,)),  # no key
        lambda: NormTable("k", "youth", "t", (GOOD_TOTAL,)),  # unknown version
        lambda: NormTable("k", PARENT, "t", (GOOD_TOTAL,), age_from=12, age_to=6),
        lambda: NormTable("k", PARENT, "t", (GOOD_TOTAL, GOOD_TOTAL)),  # two sets of bands
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, ()),)),  # no bands
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, bands((1, 3), (4, 10))),)),  # not from 0
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, bands((0, 3), (5, 10))),)),  # gap
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, bands((0, 4), (4, 10))),)),  # overlap
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, bands((0, 3), (4, 9))),)),  # not to the maximum
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, bands((0, 6), (5, 4))),)),  # high below low
        # impact runs to 10 for parents, to 6 for teachers
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(IMPACT, bands((0, 1), (2, 6))),)),
        lambda: NormTable("k", TEACHER, "t", (MeasureNorm(IMPACT, bands((0, 1), (2, 10))),)),
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, (Band(0, 3, 0, ""), Band(4, 10, 1, "x"))),)),
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, (Band(0, 3, 1, "a"), Band(4, 10, 2, "b"))),)),
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, (Band(0, 3, 1, "a"), Band(4, 10, 0, "b"))),)),
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(E, (Band(0, 3, 0, "a"), Band(4, 10, 0, "b"))),)),
        # prosocial: the typical band is the highest scores
        lambda: NormTable("k", PARENT, "t", (MeasureNorm(S, bands((0, 5), (6, 10))),)),
        lambda: MeasureNorm("happiness", bands((0, 10))),
        lambda: NormTable.from_data({"key": "k", "version": "parent"}),  # no measures
        lambda: NormTable.from_data({"key": "k", "version": "parent", "measures": {"total": {"bands": []}}}),
        lambda: NormTable.from_data(
            {"key": "k", "version": "parent", "measures": {"peer": {"bands": [[0, 10]]}}}
        ),
        lambda: NormTable.from_data(
            {"key": "k", "version": "parent", "measures": {"peer": {"bands": "0-10"}}}
        ),
        lambda: NormTable.from_data({"key": "k", "version": "parent", "measures": {"peer": {}}}),
        lambda: NormTable.from_data({"key": "k", "version": "parent", "measures": []}),
        lambda: NormTable.from_data({"key": "k", "version": "parent", "age_from": "four", "measures": {}}),
        lambda: NormTable.from_data(
            {"key": "k", "version": "parent", "measures": {"peer": {"bands": [[0, 2, "a"], [4, 10, "b"]]}}}
        ),
    ],
)
def test_an_inconsistent_norm_table_is_refused(build):
    with pytest.raises(SDQError) as error:
        build()
    assert code(error) == "invalid_norms"


def test_a_table_may_band_only_some_measures_and_name_them_as_strings():
    table = NormTable.from_data(
        {
            "key": "nl-example",
            "version": "parent",
            "measures": {
                "internalising": {"bands": [[0, 6, "normal"], [7, 8, "borderline"], [9, 20, "abnormal"]]}
            },
        }
    )
    assert table.version is PARENT and (table.age_from, table.age_to) == (4, 17)
    assert table.title == ""
    assert table.unconfirmed == ()
    result = score(PARENT, SAMPLE, norms=table)
    assert result.value(INT) == 10 and result[INT].band.code == "abnormal"
    assert result[TOTAL].band is None
    assert NormTable("k", "teacher", "t", ()).version is TEACHER


# --------------------------------------------------------------------------------------------------------------
# Re-measurement: baseline against evaluation
# --------------------------------------------------------------------------------------------------------------

EVALUATION = {
    **SAMPLE,
    **answers_for(C, 0, 1, 1, 0, 0),  # conduct 4 → 2
    **answers_for(H, 2, 2, 2, 1, 1),  # hyperactivity 4 → 8
    **answers_for(P, 1, 1, 1, 0, 0),  # peer 6 → 3
    **answers_for(S, 2, 2, 2, 2, 2),  # prosocial 6 → 10
}
EVALUATION_IMPACT = {"difficulties": 1, "distress": 1, "peer_relations": 1, "classroom_learning": 1}  # 0


def test_comparison_of_a_baseline_and_an_evaluation_by_hand():
    norms = default_norms(TEACHER)
    baseline = score(TEACHER, SAMPLE, SAMPLE_IMPACT, norms=norms)
    evaluation = score(TEACHER, EVALUATION, EVALUATION_IMPACT, norms=norms)
    comparison = compare(baseline, evaluation)
    rows = {
        change.measure: (change.difference, change.direction, change.band_improved, change.band_worsened)
        for change in comparison.changes
        if change.measure != IMPACT  # its bands are still to be confirmed
    }
    assert rows == {
        E: (0, Direction.SAME, False, False),  # 4 → 4, slightly raised both times
        C: (-2, Direction.BETTER, True, False),  # high → close to average
        H: (4, Direction.WORSE, False, True),  # close to average → high
        P: (-3, Direction.BETTER, True, False),  # very high → slightly raised
        S: (4, Direction.BETTER, False, False),  # higher is better; close to average both times
        TOTAL: (-1, Direction.BETTER, False, False),  # 18 → 17: high both times
        EXT: (2, Direction.WORSE, None, None),  # no bands
        INT: (-3, Direction.BETTER, None, None),
    }
    assert (comparison[IMPACT].difference, comparison[IMPACT].direction) == (-2, Direction.BETTER)
    assert [measure for measure in comparison.improved_bands if measure != IMPACT] == [C, P]
    assert [measure for measure in comparison.worsened_bands if measure != IMPACT] == [H]
    assert comparison["hyperactivity"].baseline.value == 4
    assert comparison.version is TEACHER


def test_comparison_without_bands_or_scores_says_unknown():
    baseline = score(PARENT, SAMPLE)
    evaluation = score(PARENT, {3: 1}, norms=SDQINFO_4BAND_PARENT)
    comparison = compare(baseline, evaluation)
    emotional = comparison[E]
    assert (emotional.difference, emotional.direction, emotional.band_improved, emotional.band_worsened) == (
        None,
        None,
        None,
        None,
    )
    assert comparison[S].band_improved is None  # the baseline was not banded
    assert comparison.improved_bands == () and comparison.worsened_bands == ()


def test_only_like_can_be_compared_with_like():
    with pytest.raises(SDQError) as error:
        compare(score(PARENT, SAMPLE), score(TEACHER, SAMPLE))
    assert code(error) == "version_mismatch"
    with pytest.raises(SDQError) as error:
        compare(
            score(TEACHER, SAMPLE, norms=SDQINFO_4BAND_TEACHER),
            score(TEACHER, SAMPLE, norms=GOODMAN_3BAND_TEACHER),
        )
    assert code(error) == "norms_mismatch"


# --------------------------------------------------------------------------------------------------------------
# Properties
# --------------------------------------------------------------------------------------------------------------

versions = st.sampled_from(list(Version))
complete = st.fixed_dictionaries({item.number: st.integers(0, 2) for item in ITEMS})
partial = st.fixed_dictionaries({item.number: st.one_of(st.none(), st.integers(0, 2)) for item in ITEMS})


@st.composite
def impacts(draw, version):
    keys = [question.key for question in sdq.IMPACT_QUESTIONS[version]]
    return {key: draw(st.one_of(st.none(), st.integers(0, 3))) for key in keys}


@st.composite
def administrations(draw):
    version = draw(versions)
    return version, draw(partial), draw(impacts(version))


@settings(max_examples=300, deadline=None)
@given(administrations())
def test_every_score_is_within_its_range_and_banded_when_scored(administration):
    version, answers, impact = administration
    result = score(version, answers, impact, norms=default_norms(version))
    for measure_score in result.scores:
        if measure_score.value is None:
            assert measure_score.band is None
            continue
        assert 0 <= measure_score.value <= max_score(measure_score.measure, version)
        if measure_score.measure not in (EXT, INT):
            assert measure_score.value in measure_score.band
    for scale in SCALES:
        answered = sum(answers[item.number] is not None for item in scale_items(scale))
        assert result[scale].answered == answered
        assert (result.value(scale) is None) == (answered < 3)


@settings(max_examples=200, deadline=None)
@given(versions, complete)
def test_complete_answers_add_up(version, answers):
    result = score(version, answers)
    assert result.value(TOTAL) == sum(result.value(scale) for scale in DIFFICULTY_SCALES)
    assert result.value(EXT) + result.value(INT) == result.value(TOTAL)
    for scale in SCALES:
        assert result.value(scale) == sum(item.score(answers[item.number]) for item in scale_items(scale))
        assert not result[scale].prorated


@settings(max_examples=200, deadline=None)
@given(versions, complete)
def test_mirrored_answers_mirror_every_scale(version, answers):
    # answering every item the other way round turns each scale score s into 10 - s
    result = score(version, answers)
    mirrored = score(version, {number: 2 - answer for number, answer in answers.items()})
    for scale in SCALES:
        assert mirrored.value(scale) == 10 - result.value(scale)
    assert mirrored.value(TOTAL) == 40 - result.value(TOTAL)


@settings(max_examples=300, deadline=None)
@given(versions, partial, st.sampled_from(ITEMS))
def test_a_stronger_answer_moves_its_scale_only_one_way(version, answers, item):
    # "certainly true" instead of "somewhat true" (or "somewhat" instead of "not true") never lowers the scale of
    # an item that counts up, and never raises the scale of a reverse-scored item; other scales do not move.
    assume(answers[item.number] in (0, 1))
    before = score(version, answers)
    after = score(version, {**answers, item.number: answers[item.number] + 1})
    if before.value(item.scale) is not None:
        if item.reverse:
            assert after.value(item.scale) <= before.value(item.scale)
        else:
            assert after.value(item.scale) >= before.value(item.scale)
    for scale in SCALES:
        if scale != item.scale:
            assert after.value(scale) == before.value(scale)


@settings(max_examples=200, deadline=None)
@given(administrations(), st.data())
def test_a_comparison_runs_both_ways(administration, data):
    version, answers, impact = administration
    other_answers, other_impact = data.draw(partial), data.draw(impacts(version))
    norms = default_norms(version)
    first = score(version, answers, impact, norms=norms)
    second = score(version, other_answers, other_impact, norms=norms)
    forward, backward = compare(first, second), compare(second, first)
    for measure in Measure:
        there, back = forward[measure], backward[measure]
        if there.difference is None:
            assert back.difference is None
        else:
            assert there.difference == -back.difference
        assert there.band_improved == back.band_worsened
    for change in compare(first, first).changes:
        assert change.difference in (0, None)
        assert change.band_improved in (False, None)


# --------------------------------------------------------------------------------------------------------------
# The form
# --------------------------------------------------------------------------------------------------------------


def form_data(answers, impact=None, prefix=""):
    key = (lambda name: f"{prefix}-{name}") if prefix else (lambda name: name)
    data = {key(item_field(number)): str(value) for number, value in answers.items() if value is not None}
    data.update(
        {key(impact_field(name)): str(value) for name, value in (impact or {}).items() if value is not None}
    )
    return data


def test_the_form_has_25_radio_groups_and_the_impact_questions_of_its_version():
    teacher, parent = SDQForm(version="teacher"), SDQForm(version=PARENT)
    assert [field.name for field in teacher.item_fields()] == [f"item_{number}" for number in range(1, 26)]
    assert [field.name for field in teacher.impact_fields()] == [
        "impact_difficulties",
        "impact_chronicity",
        "impact_distress",
        "impact_peer_relations",
        "impact_classroom_learning",
        "impact_burden",
    ]
    assert len(parent.impact_fields()) == 8
    assert [len(fields) for _, fields in parent.sections()] == [25, 8]
    for field in teacher.item_fields():
        assert [str(value) for value, _ in field.field.choices] == ["0", "1", "2"]
        assert not field.field.required


@pytest.fixture
def english():
    """These tests read the English message ids (the interface is Dutch by default)."""
    from django.utils import translation

    with translation.override("en"):
        yield


def test_the_form_shows_neutral_labels_unless_the_region_loads_the_licensed_wording(english):
    form = SDQForm(version=TEACHER)
    assert str(form["item_7"].label) == "Item 7 (obedience)"
    assert str(form["impact_burden"].label) == "Burden on the teacher or the class"
    assert str(SDQForm(version=PARENT)["impact_burden"].label) == "Burden on the family"
    loaded = SDQForm(version=TEACHER, item_texts={7: "Wording seven"}, impact_texts={"distress": "Wording D"})
    assert loaded["item_7"].label == "Wording seven"
    assert loaded["impact_distress"].label == "Wording D"
    assert str(loaded["item_8"].label) == "Item 8 (worries)"
    # the topics are short labels of our own, not the questionnaire's sentences
    assert set(ITEM_TOPICS) == {item.topic for item in ITEMS}
    assert all(len(str(topic).split()) <= 4 for topic in ITEM_TOPICS.values())


def test_a_filled_in_form_scores_like_the_pure_function():
    form = SDQForm(form_data(SAMPLE, SAMPLE_IMPACT), version=TEACHER)
    assert form.is_valid(), form.errors
    assert form.answers() == SAMPLE
    assert form.impact_answers() == {
        **dict.fromkeys(q.key for q in sdq.IMPACT_QUESTIONS[TEACHER]),
        **SAMPLE_IMPACT,
    }
    norms = default_norms(TEACHER)
    assert form.result(norms=norms) == score(TEACHER, SAMPLE, SAMPLE_IMPACT, norms=norms)
    assert form.result().value(TOTAL) == 18


def test_a_half_filled_form_is_valid_and_scored_as_far_as_it_goes():
    answers = answers_for(E, 2, 1, 1, None, None)
    form = SDQForm(form_data(answers), version=PARENT)
    assert form.is_valid(), form.errors
    result = form.result()
    assert (result.value(E), result[E].prorated, result.value(TOTAL), result.value(IMPACT)) == (
        7,
        True,
        None,
        None,
    )
    empty = SDQForm({}, version=PARENT)
    assert empty.is_valid() and all(value is None for value in empty.answers().values())


def test_a_bad_answer_is_a_field_error_and_the_other_answers_are_kept():
    data = {**form_data(SAMPLE, SAMPLE_IMPACT), "item_1": "3", "impact_distress": "9"}
    form = SDQForm(data, version=TEACHER)
    assert not form.is_valid()
    assert set(form.errors) == {"item_1", "impact_distress"}
    html = str(form)
    assert 'aria-describedby="id_item_1_error"' in html
    assert re.search(r'name="item_2" value="1" id="id_item_2_1" checked', html)


def test_the_form_renders_each_question_as_a_fieldset_with_a_legend_and_labelled_options(english):
    form = SDQForm(version=PARENT)
    html = str(form)
    assert html.count("<fieldset") == html.count("<legend>") == 25 + 8
    assert "<legend>Item 1 (consideration):</legend>" in html
    for item in ITEMS:
        for answer in (0, 1, 2):
            assert (
                f'<label for="id_item_{item.number}_{answer}"><input type="radio" name="item_{item.number}"'
                in html
            )
    assert 'aria-describedby="id_impact_distress_helptext"' in html  # "only when there are difficulties"
    assert "required" not in html


def test_two_questionnaires_in_one_page_and_a_stored_one_opened_again():
    data = {**form_data(SAMPLE, SAMPLE_IMPACT, prefix="teacher"), **form_data(EVALUATION, prefix="parent")}
    teacher = SDQForm(data, version=TEACHER, prefix="teacher")
    parent = SDQForm(data, version=PARENT, prefix="parent")
    assert teacher.is_valid() and parent.is_valid()
    assert teacher.answers() == SAMPLE and parent.answers() == EVALUATION
    initial = SDQForm.initial_for(SAMPLE, SAMPLE_IMPACT)
    assert initial["item_7"] == 0 and initial["impact_distress"] == 2
    reopened = SDQForm(version=TEACHER, initial=initial)
    assert 'value="0" id="id_item_7_0" checked' in str(reopened)
