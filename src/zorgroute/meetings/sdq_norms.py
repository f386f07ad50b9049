"""SDQ norms as data: the band tables (``NormTable``) and the tables shipped by default.

A norm table gives, for one version of the SDQ (parent or teacher) and one age range, the bands of each measure.
It is plain data, validated when built, so a region can load its own from configuration (``NormTable.from_data``
reads the JSON shape that ``to_data`` writes) and put it before the defaults: ``pick_norms(region_tables +
DEFAULT_NORMS, version=..., age=...)`` takes the first table that fits.

What is shipped, and where it comes from
----------------------------------------
The published UK cut-offs of the SDQ's author, for pupils aged 4–17:

``sdqinfo-4band`` (the default, ``DEFAULT_NORMS``): the four-band categorisation "close to average / slightly
raised / high / very high" (prosocial: "... slightly lowered / low / very low") of youthinmind, "Scoring the
Strengths & Difficulties Questionnaire for age 4-17" (sdqinfo.org, 19 August 2014). It is the default because the
source of this project uses it: the teacher sample report in seeds/003 (Bijlage 3, L8828-8868; seed-notes-003.md
§3.11) bands total 18 "hoog", emotional 4 "grenswaarde", conduct 4 "hoog", hyperactivity 4 "gemiddeld", peer 6
"zeer hoog", prosocial 6 "gemiddeld" and impact 2 "hoog", exactly as the teacher table below does (tested).
  * Teacher, total and the five scales: confirmed against the table as reproduced from sdqinfo.org in Table 1 of
    PMC4830858 (pmc.ncbi.nlm.nih.gov/articles/PMC4830858/table/Tab1) and against the sample report.
  * Teacher impact (0 / 1 / 2 / 3–6): TO BE CONFIRMED against the sdqinfo document; the sample report confirms
    only that 2 is "high".
  * Parent, all measures: TO BE CONFIRMED. The values are those of the same sdqinfo document as we know them, but
    we could not check them against the document itself here.

``goodman-3band`` (``GOODMAN_3BAND``): the original three bands "normal / borderline / abnormal" (Goodman R. The
Strengths and Difficulties Questionnaire: a research note. J Child Psychol Psychiatry 1997;38(5):581-6; the
cut-offs as published on sdqinfo.org), chosen so that about 80 % / 10 % / 10 % of a UK community sample fall in
each band.
  * Parent, total and the five scales: confirmed against the UK 4–17 borderline/abnormal cut-offs in Table 2 of
    BMC Pediatrics 2023 (doi:10.1186/s12887-023-03837-1) and, for the four difficulty scales, the SDQ's scoring
    summary on Wikipedia.
  * Teacher, emotional, conduct, hyperactivity and peer: confirmed against that same Wikipedia summary.
  * Parent impact (0 / 1 / 2–10), teacher total (0–11 / 12–15 / 16–40), teacher prosocial (6–10 / 5 / 0–4) and
    teacher impact (0 / 1 / 2–6): TO BE CONFIRMED.

A value marked ``to_be_confirmed`` is shipped so the bands are complete, and ``NormTable.unconfirmed`` lists the
measures concerned so a page can say so; the tests check its structure, not the value.

Dutch norms
-----------
UK cut-offs are not Dutch ones. Dutch norm studies report lower cut-offs that differ per age group, for example
for the parent form: Maurice-Stam H, Haverman L, Splinter A, et al. Dutch norms for the Strengths and Difficulties
Questionnaire (SDQ) – parent form for children aged 2–18 years. Health Qual Life Outcomes 2018
(doi:10.1186/s12955-018-0948-1); Theunissen MHC, de Wolff MS, Eekhout I, et al. The Strengths and Difficulties
Questionnaire Parent Form: Dutch norms and validity. BMC Pediatr 2022;22:202 (doi:10.1186/s12887-022-03274-6),
which found clinical total-difficulties cut-offs between >10 and >14 by age against the UK's >16. A region that
wants Dutch norms configures one table per version and age group (``age_from``/``age_to``) from such a study; no
Dutch numbers are shipped here, because we cannot check them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from zorgroute.meetings.sdq import HIGHER_IS_BETTER, Measure, SDQError, Version, as_version, max_score

# --------------------------------------------------------------------------------------------------------------
# The table
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Band:
    """Scores ``low``–``high`` (inclusive). ``level`` 0 is the typical band; a higher level is of more concern
    (for prosocial: a *lower* score). ``code`` names it (``close_to_average``, ``borderline``, ...)."""

    low: int
    high: int
    level: int
    code: str

    def __contains__(self, value: object) -> bool:
        return isinstance(value, int) and self.low <= value <= self.high


@dataclass(frozen=True)
class MeasureNorm:
    """The bands of one measure, in ascending score order, with where they come from."""

    measure: Measure
    bands: tuple[Band, ...]
    source: str = ""
    to_be_confirmed: bool = False

    def __post_init__(self) -> None:
        try:  # a table loaded from the database may name its measure as a string
            object.__setattr__(self, "measure", Measure(self.measure))
        except ValueError:
            raise SDQError("invalid_norms", f"unknown measure {self.measure!r}") from None

    def band_for(self, value: int) -> Band | None:
        return next((band for band in self.bands if value in band), None)


@dataclass(frozen=True)
class NormTable:
    """The bands for one version of the SDQ and one age range. Validated when built (``SDQError`` with code
    ``invalid_norms``): per measure the bands start at 0, end at the measure's maximum, follow each other without
    gap or overlap, and their level rises towards the concerning end. Measures without bands are not banded."""

    key: str
    version: Version
    title: str
    measures: tuple[MeasureNorm, ...]
    age_from: int = 4
    age_to: int = 17

    def __post_init__(self) -> None:
        try:  # a table loaded from the database may name its version as a string
            object.__setattr__(self, "version", Version(self.version))
        except ValueError:
            raise SDQError(
                "invalid_norms", f"{self.key or '(no key)'}: unknown version {self.version!r}"
            ) from None
        check_norm_table(self)

    def norm(self, measure: Measure) -> MeasureNorm | None:
        return next((norm for norm in self.measures if norm.measure == measure), None)

    def band(self, measure: Measure, value: int | None) -> Band | None:
        norm = self.norm(measure)
        if norm is None or value is None:
            return None
        return norm.band_for(value)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> NormTable:
        """A table from configuration (a JSON object), the shape ``to_data`` writes::

            {"key": "nl-parent-6-11", "version": "parent", "title": "...", "age_from": 6, "age_to": 11,
             "measures": {"total_difficulties": {"bands": [[0, 10, "normal"], [11, 13, "borderline"],
                                                           [14, 40, "abnormal"]],
                                                 "source": "...", "to_be_confirmed": false}, ...}}

        Bands are listed from the typical band to the most concerning one (as norm studies print them), so for
        prosocial from the highest scores down. Anything unreadable raises ``SDQError("invalid_norms")``."""
        try:
            measures = tuple(
                MeasureNorm(
                    measure=Measure(name),
                    bands=_bands([(int(low), int(high), str(code)) for low, high, code in spec["bands"]]),
                    source=str(spec.get("source", "")),
                    to_be_confirmed=bool(spec.get("to_be_confirmed", False)),
                )
                for name, spec in data["measures"].items()
            )
            return cls(
                key=str(data["key"]),
                version=Version(data["version"]),
                title=str(data.get("title", "")),
                measures=measures,
                age_from=int(data.get("age_from", 4)),
                age_to=int(data.get("age_to", 17)),
            )
        except SDQError:
            raise
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise SDQError("invalid_norms", f"cannot read the norm table: {error!r}") from None

    def to_data(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "version": str(self.version),
            "title": self.title,
            "age_from": self.age_from,
            "age_to": self.age_to,
            "measures": {
                str(norm.measure): {
                    "bands": [
                        [band.low, band.high, band.code] for band in sorted(norm.bands, key=lambda b: b.level)
                    ],
                    "source": norm.source,
                    "to_be_confirmed": norm.to_be_confirmed,
                }
                for norm in self.measures
            },
        }

    @property
    def unconfirmed(self) -> tuple[Measure, ...]:
        """The measures whose cut-offs are shipped "to be confirmed" against the cited source."""
        return tuple(norm.measure for norm in self.measures if norm.to_be_confirmed)


def _bands(published: Sequence[tuple[int, int, str]]) -> tuple[Band, ...]:
    """Bands in ascending score order from bands listed typical-first; the level is the place in that list."""
    ranked = [Band(low, high, level, code) for level, (low, high, code) in enumerate(published)]
    return tuple(sorted(ranked, key=lambda band: band.low))


def _invalid(table: NormTable, message: str) -> SDQError:
    return SDQError("invalid_norms", f"{table.key or '(no key)'}: {message}")


def check_norm_table(table: NormTable) -> None:
    """Raise ``SDQError("invalid_norms")`` unless ``table`` is complete and consistent (see ``NormTable``)."""
    if not table.key:
        raise _invalid(table, "a norm table needs a key")
    if not 0 <= table.age_from <= table.age_to:
        raise _invalid(table, f"ages {table.age_from}–{table.age_to} are not a range")
    seen: set[Measure] = set()
    for norm in table.measures:
        if norm.measure in seen:
            raise _invalid(table, f"{norm.measure} has two sets of bands")
        seen.add(norm.measure)
        _check_bands(table, norm)


def _check_bands(table: NormTable, norm: MeasureNorm) -> None:
    measure, bands = norm.measure, norm.bands
    if not bands:
        raise _invalid(table, f"{measure} has no bands")
    top = max_score(measure, table.version)
    expected_low = 0
    for band in bands:
        if not band.code:
            raise _invalid(table, f"{measure}: every band needs a code")
        if band.low != expected_low or band.high < band.low:
            raise _invalid(table, f"{measure}: the bands must run from 0 to {top} without gap or overlap")
        expected_low = band.high + 1
    if bands[-1].high != top:
        raise _invalid(table, f"{measure}: the last band must end at {top}")
    levels = [band.level for band in bands]
    if measure in HIGHER_IS_BETTER:
        levels.reverse()
    if levels[0] != 0 or any(later <= earlier for earlier, later in pairwise(levels)):
        end = "highest" if measure in HIGHER_IS_BETTER else "lowest"
        raise _invalid(table, f"{measure}: levels must start at 0 for the {end} scores and rise band by band")


def pick_norms(
    tables: Iterable[NormTable], *, version: Version | str, age: int | None = None
) -> NormTable | None:
    """The first table for ``version`` whose age range holds ``age`` (any age when ``age`` is None). A region's
    own tables go first, the shipped defaults after them: the first match wins."""
    wanted = as_version(version)
    for table in tables:
        if table.version == wanted and (age is None or table.age_from <= age <= table.age_to):
            return table
    return None


# --------------------------------------------------------------------------------------------------------------
# The shipped tables
# --------------------------------------------------------------------------------------------------------------

# Band codes. Pages translate them (sdq_forms.BAND_LABELS).
CLOSE_TO_AVERAGE = "close_to_average"
RAISED = (CLOSE_TO_AVERAGE, "slightly_raised", "high", "very_high")
LOWERED = (CLOSE_TO_AVERAGE, "slightly_lowered", "low", "very_low")
THREE_BANDS = ("normal", "borderline", "abnormal")

SDQINFO_2014 = 'youthinmind, "Scoring the SDQ for age 4-17" (sdqinfo.org, 2014), four bands'
SDQINFO_2014_CHECKED = (
    f"{SDQINFO_2014}; checked against PMC4830858 Table 1 and the sample report in seeds/003"
)
GOODMAN_1997 = "Goodman 1997 (J Child Psychol Psychiatry 38:581-6), three bands as on sdqinfo.org"
GOODMAN_1997_PARENT = (
    f"{GOODMAN_1997}; checked against BMC Pediatr 2023 doi:10.1186/s12887-023-03837-1 Table 2"
)
GOODMAN_1997_TEACHER = f"{GOODMAN_1997}; checked against the SDQ scoring summary on Wikipedia"


def _norm(
    measure: Measure,
    *ranges: tuple[int, int],
    codes: Sequence[str],
    source: str,
    to_be_confirmed: bool = False,
) -> MeasureNorm:
    """Bands written as published: from the typical band to the most concerning one."""
    return MeasureNorm(
        measure=measure,
        bands=_bands([(low, high, codes[level]) for level, (low, high) in enumerate(ranges)]),
        source=source,
        to_be_confirmed=to_be_confirmed,
    )


def _four(
    measure: Measure, *ranges: tuple[int, int], source: str, to_be_confirmed: bool = False
) -> MeasureNorm:
    codes = LOWERED if measure in HIGHER_IS_BETTER else RAISED
    return _norm(measure, *ranges, codes=codes, source=source, to_be_confirmed=to_be_confirmed)


def _three(
    measure: Measure, *ranges: tuple[int, int], source: str, to_be_confirmed: bool = False
) -> MeasureNorm:
    return _norm(measure, *ranges, codes=THREE_BANDS, source=source, to_be_confirmed=to_be_confirmed)


M = Measure
TBC = True  # to be confirmed

SDQINFO_4BAND_TEACHER = NormTable(
    key="sdqinfo-4band",
    version=Version.TEACHER,
    title="Four bands (youthinmind, UK), teacher, 4-17",
    measures=(
        _four(M.TOTAL_DIFFICULTIES, (0, 11), (12, 15), (16, 18), (19, 40), source=SDQINFO_2014_CHECKED),
        _four(M.EMOTIONAL, (0, 3), (4, 4), (5, 5), (6, 10), source=SDQINFO_2014_CHECKED),
        _four(M.CONDUCT, (0, 2), (3, 3), (4, 4), (5, 10), source=SDQINFO_2014_CHECKED),
        _four(M.HYPERACTIVITY, (0, 5), (6, 7), (8, 8), (9, 10), source=SDQINFO_2014_CHECKED),
        _four(M.PEER, (0, 2), (3, 4), (5, 5), (6, 10), source=SDQINFO_2014_CHECKED),
        _four(M.PROSOCIAL, (6, 10), (5, 5), (4, 4), (0, 3), source=SDQINFO_2014_CHECKED),
        _four(M.IMPACT, (0, 0), (1, 1), (2, 2), (3, 6), source=SDQINFO_2014, to_be_confirmed=TBC),
    ),
)

SDQINFO_4BAND_PARENT = NormTable(
    key="sdqinfo-4band",
    version=Version.PARENT,
    title="Four bands (youthinmind, UK), parent, 4-17",
    measures=(
        _four(
            M.TOTAL_DIFFICULTIES,
            (0, 13),
            (14, 16),
            (17, 19),
            (20, 40),
            source=SDQINFO_2014,
            to_be_confirmed=TBC,
        ),
        _four(M.EMOTIONAL, (0, 3), (4, 4), (5, 6), (7, 10), source=SDQINFO_2014, to_be_confirmed=TBC),
        _four(M.CONDUCT, (0, 2), (3, 3), (4, 5), (6, 10), source=SDQINFO_2014, to_be_confirmed=TBC),
        _four(M.HYPERACTIVITY, (0, 5), (6, 7), (8, 8), (9, 10), source=SDQINFO_2014, to_be_confirmed=TBC),
        _four(M.PEER, (0, 2), (3, 3), (4, 4), (5, 10), source=SDQINFO_2014, to_be_confirmed=TBC),
        _four(M.PROSOCIAL, (8, 10), (7, 7), (6, 6), (0, 5), source=SDQINFO_2014, to_be_confirmed=TBC),
        _four(M.IMPACT, (0, 0), (1, 1), (2, 2), (3, 10), source=SDQINFO_2014, to_be_confirmed=TBC),
    ),
)

GOODMAN_3BAND_PARENT = NormTable(
    key="goodman-3band",
    version=Version.PARENT,
    title="Three bands (Goodman 1997, UK), parent, 4-17",
    measures=(
        _three(M.TOTAL_DIFFICULTIES, (0, 13), (14, 16), (17, 40), source=GOODMAN_1997_PARENT),
        _three(M.EMOTIONAL, (0, 3), (4, 4), (5, 10), source=GOODMAN_1997_PARENT),
        _three(M.CONDUCT, (0, 2), (3, 3), (4, 10), source=GOODMAN_1997_PARENT),
        _three(M.HYPERACTIVITY, (0, 5), (6, 6), (7, 10), source=GOODMAN_1997_PARENT),
        _three(M.PEER, (0, 2), (3, 3), (4, 10), source=GOODMAN_1997_PARENT),
        _three(M.PROSOCIAL, (6, 10), (5, 5), (0, 4), source=GOODMAN_1997_PARENT),
        _three(M.IMPACT, (0, 0), (1, 1), (2, 10), source=GOODMAN_1997, to_be_confirmed=TBC),
    ),
)

GOODMAN_3BAND_TEACHER = NormTable(
    key="goodman-3band",
    version=Version.TEACHER,
    title="Three bands (Goodman 1997, UK), teacher, 4-17",
    measures=(
        _three(M.TOTAL_DIFFICULTIES, (0, 11), (12, 15), (16, 40), source=GOODMAN_1997, to_be_confirmed=TBC),
        _three(M.EMOTIONAL, (0, 4), (5, 5), (6, 10), source=GOODMAN_1997_TEACHER),
        _three(M.CONDUCT, (0, 2), (3, 3), (4, 10), source=GOODMAN_1997_TEACHER),
        _three(M.HYPERACTIVITY, (0, 5), (6, 6), (7, 10), source=GOODMAN_1997_TEACHER),
        _three(M.PEER, (0, 3), (4, 4), (5, 10), source=GOODMAN_1997_TEACHER),
        _three(M.PROSOCIAL, (6, 10), (5, 5), (0, 4), source=GOODMAN_1997, to_be_confirmed=TBC),
        _three(M.IMPACT, (0, 0), (1, 1), (2, 6), source=GOODMAN_1997, to_be_confirmed=TBC),
    ),
)

DEFAULT_NORMS: tuple[NormTable, ...] = (SDQINFO_4BAND_PARENT, SDQINFO_4BAND_TEACHER)
GOODMAN_3BAND: tuple[NormTable, ...] = (GOODMAN_3BAND_PARENT, GOODMAN_3BAND_TEACHER)
SHIPPED_NORMS: tuple[NormTable, ...] = DEFAULT_NORMS + GOODMAN_3BAND


def default_norms(version: Version | str, age: int | None = None) -> NormTable | None:
    """The shipped default table for a version (None outside its ages)."""
    return pick_norms(DEFAULT_NORMS, version=version, age=age)
