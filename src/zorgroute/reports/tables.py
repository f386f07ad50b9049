"""The one shape every report figure takes before it is shown, charted or exported.

Selectors in `reports/` return `ReportTable`s; the pages render them as HTML tables, `charts.py` draws them, and
`exports.py` writes them to CSV, XLSX and PDF. A suppressed cell (fewer than `SMALL_CELL` people behind it) is kept
as `SUPPRESSED`, never as its number, so no renderer or export can leak it.

A second marker, `HIDDEN`, is a cell of 5 or more hidden on purpose so that a suppressed cell cannot be worked out
from a total (secondary suppression, `reports/disclosure.py`, decision 0008). It renders as "×" and, like
`SUPPRESSED`, is falsy and never a number: `is_hidden(cell)` is true for both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

SMALL_CELL = 5  # DOMAIN §9: every count under 5 is suppressed.


class _Suppressed:
    """A cell under the small-cell threshold. Renders as "<5"; sorts and sums as unknown."""

    _instance: _Suppressed | None = None

    def __new__(cls) -> _Suppressed:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return f"<{SMALL_CELL}"

    def __repr__(self) -> str:
        return "SUPPRESSED"

    def __bool__(self) -> bool:
        return False


SUPPRESSED = _Suppressed()


class _Hidden(_Suppressed):
    """A cell of 5 or more, hidden so that a suppressed cell cannot be derived from a total (secondary suppression).

    Renders as "×"; a subclass of the suppressed marker, so code asking "is this a number?" treats both alike.
    """

    _instance: _Hidden | None = None  # type: ignore[assignment]

    def __new__(cls) -> _Hidden:
        if cls._instance is None:
            cls._instance = object.__new__(cls)
        return cls._instance

    def __str__(self) -> str:
        return "×"

    def __repr__(self) -> str:
        return "HIDDEN"


HIDDEN = _Hidden()

Cell = int | float | str | None | _Suppressed  # _Suppressed covers both markers
Kind = Literal["label", "count", "percent", "days", "score", "text"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str  # translated, shown as the column header
    kind: Kind = "count"


@dataclass(frozen=True)
class ReportTable:
    """A titled table: `rows` hold one value per column, in column order."""

    key: str  # stable machine name, used in export file names and chart ids
    title: str
    columns: Sequence[Column]
    rows: Sequence[Sequence[Cell]]
    caption: str = ""  # what the figures are, over which period, for whom
    notes: Sequence[str] = field(default_factory=tuple)  # e.g. "Aantallen onder 5 zijn verborgen."
    chart: Literal["bar", "stacked", "line", "box", "funnel", ""] = (
        ""  # how charts.py draws it, "" = no chart
    )

    def column(self, key: str) -> list[Cell]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


def suppress(count: int | None) -> int | _Suppressed:
    """A count as it may be shown: 0 stays 0 (an empty cell reveals nobody), 1–4 become SUPPRESSED."""
    if count is None:
        return 0
    return SUPPRESSED if 0 < count < SMALL_CELL else count


def is_hidden(cell: object) -> bool:
    """True for both markers: a suppressed small cell and a cell hidden to protect one."""
    return isinstance(cell, _Suppressed)
