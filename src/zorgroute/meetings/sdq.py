"""The SDQ (Strengths and Difficulties Questionnaire): items, scoring, bands and re-measurement as pure functions.

No database and no Django: the referral form, a model and a report map their data onto the plain values below.
Table- and property-tested in ``meetings/tests/test_sdq.py``.

What the sources say (DOMAIN §5 "Instruments"; seed-notes-003.md §3.11, from seeds/003 Bijlage 3, L8597-8874):
teacher and parent versions (4–17), 25 items on five scales of five, an impact supplement, bands "from the official
norms, configurable", and the SDQ is repeated for evaluation (the sample report is a *beginsituatie*). The notes
say that 0/1/2 scoring and reverse scoring are not in the source but standard (Goodman); they are implemented here
as published by youthinmind in "Scoring the SDQ for age 4-17" (sdqinfo.org) and in its scoring syntax:

* every item is answered "not true" (0), "somewhat true" (1) or "certainly true" (2); items 7, 11, 14, 21 and 25
  are worded positively and scored 2 − answer;
* emotional 3, 8, 13, 16, 24; conduct 5, 7, 12, 18, 22; hyperactivity 2, 10, 15, 21, 25; peer 6, 11, 14, 19, 23;
  prosocial 1, 4, 9, 17, 20 (0–10 each);
* a scale is scored when at least 3 of its 5 items are answered: the mean of the answered items × 5, rounded half
  up (4 points over 3 items → 6.67 → 7; 2 points over 4 items → 2.5 → 3);
* total difficulties = emotional + conduct + hyperactivity + peer (0–40), only when all four are scored;
  externalising = conduct + hyperactivity, internalising = emotional + peer (0–20 each);
* impact: distress plus the interference items (parent: home life, friendships, classroom learning, leisure;
  teacher: peer relations, classroom learning), "not at all" and "only a little" 0, "quite a lot" 1,
  "a great deal" 2 (parent 0–10, teacher 0–6). It is 0 when the respondent says there are no difficulties; it is
  not scored when none of its items is answered; an unanswered item counts 0 otherwise (as the scoring syntax
  recodes missing impact items). Overall difficulties, their duration and the burden on others are asked but not
  scored.

Copyright: the SDQ item and question texts belong to youthinmind (© Robert Goodman) and may not be copied or
changed. This repository therefore stores NO item wording: only the item number (1–25), its scale, whether it is
reverse-scored and a short topic key of our own (``obedient`` for item 7); the form shows "Item 7 (obedient)"
unless the region loads the licensed wording (for example the Dutch version it obtained) as configuration text,
per version, and passes it to ``sdq_forms.SDQForm``. The same holds for the impact questions.

Norms are data (``sdq_norms.NormTable``), validated when built, so a region can load its own, for example Dutch
norms, per version and age group; ``sdq_norms.py`` also ships the published UK cut-offs and says where they come
from. This module only reads a table (``norms.band(measure, value)``).

Errors: bad input raises ``SDQError`` (a ``ValueError``) with a ``code`` from ``ERROR_CODES``. Unanswered items are
never an error: a scale that lacks answers is simply not scored (``None``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum, StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zorgroute.meetings.sdq_norms import Band, NormTable

# --------------------------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------------------------

ERROR_CODES: Mapping[str, str] = {
    "unknown_version": "The SDQ version is not one of the versions this module scores.",
    "unknown_item": "An item number is not 1–25.",
    "duplicate_item": 'An item is answered twice (for example as 7 and as "7").',
    "invalid_answer": "An item answer is not 0 (not true), 1 (somewhat true), 2 (certainly true) or empty.",
    "unknown_impact_question": "An impact question is not asked in this version.",
    "invalid_impact_answer": "An impact answer is not one of the question's options (0–3) or empty.",
    "unknown_measure": "The measure is not an SDQ score.",
    "invalid_norms": "A norm table is incomplete or inconsistent.",
    "norms_version_mismatch": "The norm table is for another version of the SDQ.",
    "version_mismatch": "Two administrations of different versions cannot be compared.",
    "norms_mismatch": "Two administrations banded with different norm tables cannot be compared band by band.",
}


class SDQError(ValueError):
    """Bad input. ``code`` is a key of ``ERROR_CODES``; the message says which value was wrong."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.detail = message


# --------------------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------------------


class Version(StrEnum):
    """Who fills in the questionnaire. Both versions are for pupils aged 4–17 (``AGES``)."""

    PARENT = "parent"
    TEACHER = "teacher"


AGES: Mapping[Version, tuple[int, int]] = {Version.PARENT: (4, 17), Version.TEACHER: (4, 17)}


class Measure(StrEnum):
    EMOTIONAL = "emotional"
    CONDUCT = "conduct"
    HYPERACTIVITY = "hyperactivity"
    PEER = "peer"
    PROSOCIAL = "prosocial"
    TOTAL_DIFFICULTIES = "total_difficulties"
    EXTERNALISING = "externalising"
    INTERNALISING = "internalising"
    IMPACT = "impact"


SCALES: tuple[Measure, ...] = (
    Measure.EMOTIONAL,
    Measure.CONDUCT,
    Measure.HYPERACTIVITY,
    Measure.PEER,
    Measure.PROSOCIAL,
)
DIFFICULTY_SCALES: tuple[Measure, ...] = SCALES[:4]
# For these a higher score is better; for all others a lower score is.
HIGHER_IS_BETTER: frozenset[Measure] = frozenset({Measure.PROSOCIAL})


class Answer(IntEnum):
    """An item's answer as given (before reverse scoring)."""

    NOT_TRUE = 0
    SOMEWHAT_TRUE = 1
    CERTAINLY_TRUE = 2


ITEMS_PER_SCALE = 5
MIN_ANSWERED = 3  # a scale is scored when at least 3 of its 5 items are answered


@dataclass(frozen=True)
class Item:
    """One of the 25 items. ``topic`` is our own short key, not the licensed wording."""

    number: int
    topic: str
    scale: Measure
    reverse: bool = False

    def score(self, answer: int) -> int:
        return 2 - answer if self.reverse else answer


_E, _C, _H, _P, _S = SCALES
ITEMS: tuple[Item, ...] = (
    Item(1, "considerate", _S),
    Item(2, "restless", _H),
    Item(3, "somatic", _E),
    Item(4, "shares", _S),
    Item(5, "tempers", _C),
    Item(6, "solitary", _P),
    Item(7, "obedient", _C, reverse=True),
    Item(8, "worries", _E),
    Item(9, "helpful", _S),
    Item(10, "fidgety", _H),
    Item(11, "good_friend", _P, reverse=True),
    Item(12, "fights", _C),
    Item(13, "unhappy", _E),
    Item(14, "liked", _P, reverse=True),
    Item(15, "distractible", _H),
    Item(16, "nervous_new", _E),
    Item(17, "kind_younger", _S),
    Item(18, "lies", _C),
    Item(19, "bullied", _P),
    Item(20, "volunteers", _S),
    Item(21, "reflects", _H, reverse=True),
    Item(22, "steals", _C),
    Item(23, "adult_oriented", _P),
    Item(24, "fears", _E),
    Item(25, "attention", _H, reverse=True),
)
ITEM_BY_NUMBER: Mapping[int, Item] = {item.number: item for item in ITEMS}
REVERSED: frozenset[int] = frozenset(item.number for item in ITEMS if item.reverse)


def scale_items(scale: Measure) -> tuple[Item, ...]:
    return tuple(item for item in ITEMS if item.scale == scale)


# The impact supplement ----------------------------------------------------------------------------------------


class ImpactKind(StrEnum):
    DIFFICULTIES = "difficulties"  # overall: no / minor / definite / severe difficulties (not scored)
    CHRONICITY = "chronicity"  # how long: < 1 month / 1–5 / 6–12 months / > 1 year (not scored)
    DISTRESS = "distress"  # scored
    INTERFERENCE = "interference"  # scored, one question per area of everyday life
    BURDEN = "burden"  # on the family (parent) or on the teacher and the class (teacher) (not scored)


SCORED_IMPACT: frozenset[ImpactKind] = frozenset({ImpactKind.DISTRESS, ImpactKind.INTERFERENCE})
IMPACT_OPTIONS = 4  # every impact question has four options, coded 0–3 in the order printed
NO_DIFFICULTIES = 0  # the first option of the overall question
# "not at all", "only a little", "quite a lot", "a great deal" → 0, 0, 1, 2
IMPACT_ITEM_SCORE: tuple[int, ...] = (0, 0, 1, 2)


@dataclass(frozen=True)
class ImpactQuestion:
    key: str
    kind: ImpactKind

    @property
    def scored(self) -> bool:
        return self.kind in SCORED_IMPACT


_DIFFICULTIES = ImpactQuestion("difficulties", ImpactKind.DIFFICULTIES)
_CHRONICITY = ImpactQuestion("chronicity", ImpactKind.CHRONICITY)
_DISTRESS = ImpactQuestion("distress", ImpactKind.DISTRESS)
_BURDEN = ImpactQuestion("burden", ImpactKind.BURDEN)
IMPACT_QUESTIONS: Mapping[Version, tuple[ImpactQuestion, ...]] = {
    Version.PARENT: (
        _DIFFICULTIES,
        _CHRONICITY,
        _DISTRESS,
        ImpactQuestion("home_life", ImpactKind.INTERFERENCE),
        ImpactQuestion("friendships", ImpactKind.INTERFERENCE),
        ImpactQuestion("classroom_learning", ImpactKind.INTERFERENCE),
        ImpactQuestion("leisure", ImpactKind.INTERFERENCE),
        _BURDEN,
    ),
    Version.TEACHER: (
        _DIFFICULTIES,
        _CHRONICITY,
        _DISTRESS,
        ImpactQuestion("peer_relations", ImpactKind.INTERFERENCE),
        ImpactQuestion("classroom_learning", ImpactKind.INTERFERENCE),
        _BURDEN,
    ),
}


def max_score(measure: Measure, version: Version) -> int:
    """The highest score a measure can reach in a version."""
    if measure in SCALES:
        return 2 * ITEMS_PER_SCALE
    if measure == Measure.TOTAL_DIFFICULTIES:
        return 2 * ITEMS_PER_SCALE * len(DIFFICULTY_SCALES)
    if measure in (Measure.EXTERNALISING, Measure.INTERNALISING):
        return 4 * ITEMS_PER_SCALE
    scored = [question for question in IMPACT_QUESTIONS[version] if question.scored]
    return max(IMPACT_ITEM_SCORE) * len(scored)


# --------------------------------------------------------------------------------------------------------------
# Scoring
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureScore:
    """One score of an administration. ``value`` is None when too few items were answered. ``answered`` is the
    number of items answered, for the five scales only."""

    measure: Measure
    value: int | None
    band: Band | None = None
    answered: int | None = None

    @property
    def scored(self) -> bool:
        return self.value is not None

    @property
    def prorated(self) -> bool:
        return self.value is not None and self.answered is not None and self.answered < ITEMS_PER_SCALE


@dataclass(frozen=True)
class Result:
    """All scores of one administration, in ``Measure`` order. Index it by measure: ``result[Measure.PEER]``."""

    version: Version
    scores: tuple[MeasureScore, ...]
    norms_key: str | None = None
    unanswered: tuple[int, ...] = ()

    def __getitem__(self, measure: Measure | str) -> MeasureScore:
        wanted = _measure(measure)
        return next(score for score in self.scores if score.measure == wanted)

    def value(self, measure: Measure | str) -> int | None:
        return self[measure].value

    @property
    def complete(self) -> bool:
        """All 25 items answered."""
        return not self.unanswered

    def as_dict(self) -> dict[str, object]:
        """Plain data to store next to the answers (a JSON field) or show in a report."""
        return {
            "version": str(self.version),
            "norms": self.norms_key,
            "scores": {str(score.measure): score.value for score in self.scores},
            "bands": {str(score.measure): score.band.code for score in self.scores if score.band is not None},
            "unanswered": list(self.unanswered),
        }


def as_version(version: Version | str) -> Version:
    try:
        return Version(version)
    except ValueError:
        raise SDQError("unknown_version", f"{version!r} is not one of {[str(v) for v in Version]}") from None


def _measure(measure: Measure | str) -> Measure:
    try:
        return Measure(measure)
    except ValueError:
        raise SDQError("unknown_measure", f"{measure!r} is not one of {[str(m) for m in Measure]}") from None


def _item_number(key: object) -> int:
    number: int | None = None
    if isinstance(key, int) and not isinstance(key, bool):
        number = key
    elif isinstance(key, str) and key.isascii() and key.isdigit():
        number = int(key)  # item numbers stored as JSON object keys come back as strings
    if number is None or number not in ITEM_BY_NUMBER:
        raise SDQError("unknown_item", f"{key!r} is not an item number (1–25)")
    return number


def clean_answers(answers: Mapping[int, int | None] | Mapping[str, int | None]) -> dict[int, int]:
    """The given answers by item number, without the unanswered ones; ``SDQError`` for anything else."""
    cleaned: dict[int, int] = {}
    seen: set[int] = set()
    for key, answer in answers.items():
        number = _item_number(key)
        if number in seen:
            raise SDQError("duplicate_item", f"item {number} is given twice")
        seen.add(number)
        if answer is None:
            continue
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in (0, 1, 2):
            raise SDQError("invalid_answer", f"item {number}: {answer!r} is not 0, 1, 2 or empty")
        cleaned[number] = answer
    return cleaned


def clean_impact(version: Version | str, impact: Mapping[str, int | None] | None) -> dict[str, int]:
    """The given impact answers by question key (see ``IMPACT_QUESTIONS``), without the unanswered ones."""
    keys = {question.key for question in IMPACT_QUESTIONS[as_version(version)]}
    cleaned: dict[str, int] = {}
    for key, answer in (impact or {}).items():
        if key not in keys:
            raise SDQError("unknown_impact_question", f"{key!r} is not asked in the {version} version")
        if answer is None:
            continue
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer < IMPACT_OPTIONS:
            raise SDQError("invalid_impact_answer", f"{key}: {answer!r} is not 0–3 or empty")
        cleaned[key] = answer
    return cleaned


def _round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


def scale_score(scale: Measure, answers: Mapping[int, int]) -> tuple[int | None, int]:
    """(score, items answered) of one of the five scales from cleaned answers: prorated when 3 or 4 items are
    answered, None when fewer than 3 are."""
    scores = [item.score(answers[item.number]) for item in scale_items(scale) if item.number in answers]
    if len(scores) < MIN_ANSWERED:
        return None, len(scores)
    return _round_half_up(ITEMS_PER_SCALE * sum(scores), len(scores)), len(scores)


def impact_score(version: Version | str, impact: Mapping[str, int]) -> int | None:
    """The impact score from cleaned impact answers (see the module's docstring for the rule)."""
    if impact.get(ImpactKind.DIFFICULTIES.value) == NO_DIFFICULTIES:
        return 0
    scored = [question.key for question in IMPACT_QUESTIONS[as_version(version)] if question.scored]
    given = [impact[key] for key in scored if key in impact]
    if not given:
        return None
    return sum(IMPACT_ITEM_SCORE[answer] for answer in given)


def _sum(*values: int | None) -> int | None:
    if any(value is None for value in values):
        return None
    return sum(value for value in values if value is not None)


def score(
    version: Version | str,
    answers: Mapping[int, int | None] | Mapping[str, int | None],
    impact: Mapping[str, int | None] | None = None,
    *,
    norms: NormTable | None = None,
) -> Result:
    """Score one administration. ``answers`` maps item numbers (1–25) to 0/1/2 as answered (None or absent:
    unanswered); ``impact`` maps impact question keys (``IMPACT_QUESTIONS``) to option codes 0–3. With ``norms``
    (a table for the same version) every measure that has bands gets its band."""
    wanted = as_version(version)
    if norms is not None and norms.version != wanted:
        raise SDQError("norms_version_mismatch", f"norms {norms.key!r} are for {norms.version}, not {wanted}")
    given = clean_answers(answers)
    values: dict[Measure, int | None] = {}
    answered: dict[Measure, int] = {}
    for scale in SCALES:
        values[scale], answered[scale] = scale_score(scale, given)
    values[Measure.TOTAL_DIFFICULTIES] = _sum(*(values[scale] for scale in DIFFICULTY_SCALES))
    values[Measure.EXTERNALISING] = _sum(values[Measure.CONDUCT], values[Measure.HYPERACTIVITY])
    values[Measure.INTERNALISING] = _sum(values[Measure.EMOTIONAL], values[Measure.PEER])
    values[Measure.IMPACT] = impact_score(wanted, clean_impact(wanted, impact))
    scores = tuple(
        MeasureScore(
            measure=measure,
            value=values[measure],
            band=norms.band(measure, values[measure]) if norms is not None else None,
            answered=answered.get(measure),
        )
        for measure in Measure
    )
    return Result(
        version=wanted,
        scores=scores,
        norms_key=norms.key if norms is not None else None,
        unanswered=tuple(item.number for item in ITEMS if item.number not in given),
    )


# --------------------------------------------------------------------------------------------------------------
# Re-measurement: baseline (beginsituatie) against an evaluation
# --------------------------------------------------------------------------------------------------------------


class Direction(StrEnum):
    BETTER = "better"
    SAME = "same"
    WORSE = "worse"


@dataclass(frozen=True)
class Change:
    """One measure at baseline and at evaluation."""

    measure: Measure
    baseline: MeasureScore
    evaluation: MeasureScore

    @property
    def difference(self) -> int | None:
        """Evaluation minus baseline; None when either is not scored."""
        if self.baseline.value is None or self.evaluation.value is None:
            return None
        return self.evaluation.value - self.baseline.value

    @property
    def direction(self) -> Direction | None:
        """Better means fewer difficulties (or, for prosocial, a higher score)."""
        difference = self.difference
        if difference is None:
            return None
        if difference == 0:
            return Direction.SAME
        lower_is_better = self.measure not in HIGHER_IS_BETTER
        return Direction.BETTER if (difference < 0) == lower_is_better else Direction.WORSE

    @property
    def band_improved(self) -> bool | None:
        """The band moved towards the typical band; None when either administration has no band."""
        if self.baseline.band is None or self.evaluation.band is None:
            return None
        return self.evaluation.band.level < self.baseline.band.level

    @property
    def band_worsened(self) -> bool | None:
        if self.baseline.band is None or self.evaluation.band is None:
            return None
        return self.evaluation.band.level > self.baseline.band.level


@dataclass(frozen=True)
class Comparison:
    version: Version
    changes: tuple[Change, ...]

    def __getitem__(self, measure: Measure | str) -> Change:
        wanted = _measure(measure)
        return next(change for change in self.changes if change.measure == wanted)

    @property
    def improved_bands(self) -> tuple[Measure, ...]:
        return tuple(change.measure for change in self.changes if change.band_improved)

    @property
    def worsened_bands(self) -> tuple[Measure, ...]:
        return tuple(change.measure for change in self.changes if change.band_worsened)


def compare(baseline: Result, evaluation: Result) -> Comparison:
    """Change per measure from a baseline to a later administration of the same version. Bands are compared
    only when both were banded with the same norm table."""
    if baseline.version != evaluation.version:
        raise SDQError(
            "version_mismatch", f"baseline is {baseline.version}, evaluation is {evaluation.version}"
        )
    if baseline.norms_key and evaluation.norms_key and baseline.norms_key != evaluation.norms_key:
        raise SDQError(
            "norms_mismatch",
            f"baseline used {baseline.norms_key!r}, evaluation used {evaluation.norms_key!r}",
        )
    return Comparison(
        version=baseline.version,
        changes=tuple(Change(measure, baseline[measure], evaluation[measure]) for measure in Measure),
    )
