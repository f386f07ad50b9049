"""Server-side SVG charts of `ReportTable`s, drawn with matplotlib (Agg, no pyplot, no downloads).

How a table is read (`ReportTable.chart` picks the kind):

- the first column of kind ``"label"`` names the categories (route steps, schools, quarters); without one, rows are
  numbered;
- the *series* are the numeric columns (count, percent, days, score) of the same kind as the first numeric column,
  or the column keys given in ``columns=``;
- ``"bar"``: grouped bars per category (a histogram is a bar chart over bucket rows); ``"stacked"``: the series stacked
  per category; ``"line"``: one line per series over the categories (quarters); ``"funnel"``: the first series as
  centred horizontal bars, one per route step, top to bottom;
- ``"box"``: one box per row from summary columns keyed ``p25``, ``median``, ``p75`` with whiskers from ``p10``/``p90``
  (or ``min``/``max``); selectors give statistics, never the underlying per-pupil values.

A protected cell — `SUPPRESSED` ("<5", fewer than 5) or `HIDDEN` ("×", 5 or more hidden so that a "<5" cannot be
worked out from a total; decision 0008) — or an empty one (None) is never drawn: its bar, point or box is left out,
its marker ("<5" or "×") marks the gap where there is room, and a note under the chart says how many values were left
out. Every SVG carries
``role="img"``, an ``aria-label`` and a ``<title>``; the page shows the table itself as the accessible alternative
(`templates/reports/_chart.html`). Output is deterministic: the hash salt and every id derive from the table's key.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import matplotlib

matplotlib.use("Agg")  # before anything imports pyplot; this module itself never does

from django.core.cache import cache
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from zorgroute.reports.tables import HIDDEN, SUPPRESSED, Cell, Column, ReportTable, is_hidden

NUMERIC_KINDS = ("count", "percent", "days", "score")
CHART_KINDS = ("bar", "stacked", "line", "box", "funnel")
# Okabe–Ito: distinguishable with the common colour-vision deficiencies; hatches and markers add a second cue.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
BOX_KEYS = ("p25", "median", "p75")
WHISKER_KEYS = (("p10", "p90"), ("min", "max"))

_RC: dict[str, Any] = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, no glyph paths
    "font.family": "DejaVu Sans",  # ships inside matplotlib: nothing to download or install
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
}


class ChartError(ValueError):
    """The table cannot be drawn as the asked kind of chart (a programming error in the caller)."""


# --- Cells as text: one way of showing a value, for chart labels, the table alternative and the PDF ---------------


def is_suppressed(cell: Cell) -> bool:
    """A marker instead of a number: `SUPPRESSED` ("<5") or `HIDDEN` ("×", hidden so that a suppressed cell cannot be
    worked out). Never drawn, never written as a number; shown as its own text. Same as `tables.is_hidden`."""
    return is_hidden(cell)


def marker_title(cell: Cell) -> str:
    """What a marker means, for a tooltip or abbreviation next to it."""
    if cell is SUPPRESSED:
        return _("fewer than 5: hidden to protect privacy")
    return _("hidden so that a number under 5 cannot be worked out")


def is_number(cell: Cell) -> bool:
    return isinstance(cell, int | float) and not isinstance(cell, bool) and not math.isnan(cell)


def cell_text(cell: Cell, kind: str = "count") -> str:
    """A cell as the reader sees it: "<5" when suppressed, "–" when empty, numbers in the active locale."""
    if is_suppressed(cell):
        return str(cell)
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return "–"
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, int | float) and kind in NUMERIC_KINDS:
        whole = float(cell).is_integer()  # 12 days, 50%; otherwise one decimal: 12,5 days, 33,3%
        text = number_format(
            int(cell) if whole else cell, 0 if whole else 1, use_l10n=True, force_grouping=True
        )
        return f"{text}%" if kind == "percent" else text
    return str(cell)


@dataclass(frozen=True)
class DisplayCell:
    text: str
    numeric: bool  # right-aligned in tables
    suppressed: bool  # a marker ("<5"), explained by `title`
    title: str = ""


def display_rows(table: ReportTable) -> list[list[DisplayCell]]:
    """The table's rows as text cells, for the HTML table alternative and the PDF."""
    kinds = [c.kind for c in table.columns]
    return [
        [
            DisplayCell(
                cell_text(cell, kind),
                kind in NUMERIC_KINDS,
                is_suppressed(cell),
                marker_title(cell) if is_suppressed(cell) else "",
            )
            for cell, kind in zip(row, kinds, strict=False)
        ]
        for row in table.rows
    ]


def has_suppressed(table: ReportTable) -> bool:
    """Any protected cell: "<5" or "×"."""
    return any(is_hidden(cell) for row in table.rows for cell in row)


def has_small(table: ReportTable) -> bool:
    """A "<5" cell (fewer than 5)."""
    return any(cell is SUPPRESSED for row in table.rows for cell in row)


def has_secondary(table: ReportTable) -> bool:
    """A "×" cell (5 or more, hidden to protect a "<5")."""
    return any(cell is HIDDEN for row in table.rows for cell in row)


# --- Reading a table ----------------------------------------------------------------------------------------------


def _value(cell: Cell) -> float | None:
    """The drawable value of a cell, or None when it must be left out (suppressed, empty, not a number)."""
    if is_hidden(cell) or not is_number(cell):  # "<5" and "×" alike: never a height, a point or a box
        return None
    return float(cell)  # type: ignore[arg-type]


def categories(table: ReportTable) -> list[str]:
    label_index = next((i for i, c in enumerate(table.columns) if c.kind == "label"), None)
    if label_index is None:
        return [str(n) for n in range(1, len(table.rows) + 1)]
    return [cell_text(row[label_index], "label") for row in table.rows]


def series_columns(table: ReportTable, keys: Sequence[str] | None = None) -> list[tuple[int, Column]]:
    """(index, column) of the numeric columns drawn as series."""
    indexed = list(enumerate(table.columns))
    if keys is not None:
        by_key = {c.key: (i, c) for i, c in indexed}
        missing = [k for k in keys if k not in by_key]
        if missing:
            raise ChartError(f"{table.key}: no column {missing}")
        return [by_key[k] for k in keys]
    numeric = [(i, c) for i, c in indexed if c.kind in NUMERIC_KINDS]
    if not numeric:
        raise ChartError(f"{table.key}: no numeric column to draw")
    first_kind = numeric[0][1].kind
    return [(i, c) for i, c in numeric if c.kind == first_kind]


# --- Drawing ------------------------------------------------------------------------------------------------------


@dataclass
class _Drawing:
    table: ReportTable
    fig: Figure
    ax: Axes
    left_out: int = 0
    labelled: set[str] = field(default_factory=set)


def _once(d: _Drawing, label: str) -> str | None:
    """A series' legend label on its first drawn bar only (a suppressed first bar must not lose the legend)."""
    if label in d.labelled:
        return None
    d.labelled.add(label)
    return label


def _axis_label(columns: list[tuple[int, Column]]) -> str:
    if len(columns) == 1:
        return columns[0][1].label
    return {
        "count": _("Number"),
        "percent": _("Percent"),
        "days": _("Days"),
        "score": _("Score"),
    }.get(columns[0][1].kind, "")


def _gap(d: _Drawing, gid: str, cell: Cell, x: float, y: float = 0, horizontal: bool = False) -> None:
    """Mark a suppressed value: its marker ("<5") where the bar would have been (never its number)."""
    _note(d, str(cell), gid, (y, x) if horizontal else (x, y), horizontal)


def _label_bar(d: _Drawing, bar: Any, text: str, gid: str, horizontal: bool = False) -> None:
    """The value at the end of its bar, so the chart reads without telling colours or lengths apart."""
    if horizontal:
        at = (bar.get_x() + bar.get_width(), bar.get_y() + bar.get_height() / 2)
    else:
        at = (bar.get_x() + bar.get_width() / 2, bar.get_y() + bar.get_height())
    _note(d, text, gid, at, horizontal)


def _note(d: _Drawing, text: str, gid: str, at: tuple[float, float], horizontal: bool) -> None:
    d.ax.annotate(
        text,
        at,
        xytext=(3, 0) if horizontal else (0, 2),
        textcoords="offset points",
        va="center" if horizontal else "bottom",
        ha="left" if horizontal else "center",
        fontsize=8,
        gid=gid,
    )


def _draw_bar(d: _Drawing, columns: list[tuple[int, Column]]) -> None:
    cats = categories(d.table)
    width = 0.8 / len(columns)
    for s, (index, column) in enumerate(columns):
        offset = (s - (len(columns) - 1) / 2) * width
        for r, row in enumerate(d.table.rows):
            x = r + offset
            value = _value(row[index])
            if value is None:
                d.left_out += 1
                if is_suppressed(row[index]):
                    _gap(d, f"zr-gap-{r}-{index}", row[index], x)
                continue
            (bar,) = d.ax.bar(
                x,
                value,
                width,
                color=PALETTE[s % len(PALETTE)],
                hatch=HATCHES[s % len(HATCHES)],
                edgecolor="white" if not HATCHES[s % len(HATCHES)] else "#333333",
                linewidth=0.5,
                label=_once(d, column.label),
                gid=f"zr-bar-{r}-{index}",
            )
            _label_bar(d, bar, cell_text(row[index], column.kind), f"zr-value-{r}-{index}")
    _category_axis(d, cats)
    d.ax.set_ylabel(_axis_label(columns))
    d.ax.set_ylim(bottom=0)
    if len(columns) > 1:
        _legend(d, columns)


def _draw_stacked(d: _Drawing, columns: list[tuple[int, Column]]) -> None:
    cats = categories(d.table)
    bottoms = [0.0] * len(d.table.rows)
    for s, (index, column) in enumerate(columns):
        for r, row in enumerate(d.table.rows):
            value = _value(row[index])
            if value is None:
                d.left_out += 1  # left out of the stack: its height is unknown, so nothing stands in for it
                continue
            d.ax.bar(
                r,
                value,
                0.6,
                bottom=bottoms[r],
                color=PALETTE[s % len(PALETTE)],
                hatch=HATCHES[s % len(HATCHES)],
                edgecolor="#333333",
                linewidth=0.5,
                label=_once(d, column.label),
                gid=f"zr-bar-{r}-{index}",
            )
            bottoms[r] += value
    _category_axis(d, cats)
    d.ax.set_ylabel(_axis_label(columns))
    _legend(d, columns)


def _draw_line(d: _Drawing, columns: list[tuple[int, Column]]) -> None:
    cats = categories(d.table)
    for s, (index, column) in enumerate(columns):
        values = []
        for row in d.table.rows:
            value = _value(row[index])
            if value is None:
                d.left_out += 1
            values.append(math.nan if value is None else value)  # NaN breaks the line: a gap, not a zero
        d.ax.plot(
            range(len(cats)),
            values,
            color=PALETTE[s % len(PALETTE)],
            marker=MARKERS[s % len(MARKERS)],
            linestyle=("-", "--", ":", "-.")[s % 4],
            label=column.label,
            gid=f"zr-line-{index}",
        )
    _category_axis(d, cats, rotate=len(cats) > 6)
    d.ax.set_ylabel(_axis_label(columns))
    d.ax.set_ylim(bottom=0)
    if len(columns) > 1:
        _legend(d, columns)


def _draw_funnel(d: _Drawing, columns: list[tuple[int, Column]]) -> None:
    cats = categories(d.table)
    index, column = columns[0]
    values = [_value(row[index]) for row in d.table.rows]
    widest = max((v for v in values if v is not None), default=0.0)
    for r, value in enumerate(values):
        y = len(values) - 1 - r  # the first step on top
        if value is None:
            d.left_out += 1
            if is_suppressed(d.table.rows[r][index]):
                _gap(d, f"zr-gap-{r}-{index}", d.table.rows[r][index], y, widest / 2, horizontal=True)
            continue
        (bar,) = d.ax.barh(
            y,
            value,
            0.7,
            left=(widest - value) / 2,
            color=PALETTE[0],
            gid=f"zr-bar-{r}-{index}",
        )
        _label_bar(
            d, bar, cell_text(d.table.rows[r][index], column.kind), f"zr-value-{r}-{index}", horizontal=True
        )
    d.ax.set_yticks(range(len(values)), list(reversed(cats)))
    d.ax.set_xlabel(column.label)
    d.ax.set_xlim(0, (widest or 1) * 1.15)
    d.ax.spines["left"].set_visible(False)


def _draw_box(d: _Drawing) -> None:
    cats = categories(d.table)
    keys = [c.key for c in d.table.columns]
    if not all(k in keys for k in BOX_KEYS):
        raise ChartError(f"{d.table.key}: a box chart needs the columns {BOX_KEYS}")
    whiskers = next(((lo, hi) for lo, hi in WHISKER_KEYS if lo in keys and hi in keys), None)
    upper = next((hi for _lo, hi in WHISKER_KEYS if hi in keys), None)
    wanted = [*BOX_KEYS, *(whiskers or ())]
    stats: list[dict[str, Any]] = []
    positions: list[int] = []
    for r, row in enumerate(d.table.rows):
        values = {k: _value(row[keys.index(k)]) for k in wanted}
        if any(v is None for v in values.values()):
            d.left_out += 1
            marker = next((row[keys.index(k)] for k in wanted if is_suppressed(row[keys.index(k)])), None)
            if marker is not None:
                _gap(d, f"zr-gap-{r}", marker, r)
            continue
        low, high = (values[whiskers[0]], values[whiskers[1]]) if whiskers else (values["p25"], values["p75"])
        if not whiskers and upper is not None:  # only a p90 (the lead times): a whisker up, none down
            high = _value(row[keys.index(upper)])
            if high is None:
                high = values["p75"]
        stats.append(
            {
                "q1": values["p25"],
                "med": values["median"],
                "q3": values["p75"],
                "whislo": low,
                "whishi": high,
                "fliers": [],
                "label": cats[r],
            }
        )
        positions.append(r)
    if stats:
        d.ax.bxp(
            stats,
            positions=positions,
            showfliers=False,
            patch_artist=True,
            boxprops={"facecolor": PALETTE[4], "edgecolor": "#333333"},
            medianprops={"color": "#000000", "linewidth": 2},
        )
        for artist, r in zip(d.ax.patches, positions, strict=False):
            artist.set_gid(f"zr-box-{r}")
    _category_axis(d, cats)
    d.ax.set_ylim(bottom=0)
    days = next((c for c in d.table.columns if c.key == "median"), None)
    d.ax.set_ylabel(_("Days") if days is not None and days.kind == "days" else "")


def _category_axis(d: _Drawing, cats: list[str], rotate: bool | None = None) -> None:
    """Every category gets its tick, also one whose values were all left out (the axis must not end early)."""
    if rotate is None:
        rotate = max(map(len, cats), default=0) > 10
    d.ax.set_xticks(range(len(cats)), cats, rotation=30 if rotate else 0, ha="right" if rotate else "center")
    d.ax.set_xlim(-0.6, len(cats) - 0.4)


def _legend(d: _Drawing, columns: list[tuple[int, Column]]) -> None:
    if any(label for label in d.ax.get_legend_handles_labels()[1]):
        d.ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))


def _left_out_note(count: int, suppressed: bool) -> str:
    if suppressed:
        return ngettext(
            "%(count)d value is not drawn: fewer than 5 (“<5”), hidden to protect such a number (“×”), or no figure. "
            "The table shows every value.",
            "%(count)d values are not drawn: fewer than 5 (“<5”), hidden to protect such a number (“×”), or no "
            "figure. The table shows every value.",
            count,
        ) % {"count": count}
    return ngettext(
        "%(count)d value has no figure and is not drawn. The table shows every value.",
        "%(count)d values have no figure and are not drawn. The table shows every value.",
        count,
    ) % {"count": count}


# --- SVG ----------------------------------------------------------------------------------------------------------


def chart_id(table: ReportTable) -> str:
    return "chart-" + (slugify(table.key) or "table")


def _figure(table: ReportTable) -> tuple[Figure, Axes]:
    rows = len(table.rows)
    height = 3.4 if table.chart != "funnel" else max(2.2, 0.45 * rows + 1.0)
    fig = Figure(figsize=(7.2, height), layout="constrained")
    ax = fig.add_subplot()
    return fig, ax


_ID = re.compile(r' id="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^")]+)')


def _accessible_svg(raw: str, *, prefix: str, label: str, description: str) -> str:
    """matplotlib's SVG made fit to sit inline in a page: no XML prologue or metadata, only the ids something
    refers to (prefixed, so two charts on a page never share one), and role, aria-label, title and desc."""
    svg = raw[raw.index("<svg") :]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    referenced = {m.group(2) for m in _REF.finditer(svg)}

    def keep_id(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.startswith("zr-"):
            return f' id="{prefix}-{name[3:]}"'
        return f' id="{prefix}-{name}"' if name in referenced else ""

    svg = _ID.sub(keep_id, svg)
    svg = _REF.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    title_id, desc_id = f"{prefix}-title", f"{prefix}-desc"
    head = f'<svg role="img" aria-label="{escape(label)}" aria-describedby="{desc_id}" class="chart" id="{prefix}"'
    svg = svg.replace("<svg", head, 1)
    opening_end = svg.index(">") + 1
    return (
        svg[:opening_end]
        + f'\n <title id="{title_id}">{escape(label)}</title>\n <desc id="{desc_id}">{escape(description)}</desc>'
        + svg[opening_end:]
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


SVG_CACHE_SECONDS = (
    24 * 3600
)  # the key is the table's whole content: a cached drawing can never be out of date


def _svg_cache_key(table: ReportTable, columns: Sequence[str] | None, kind: str) -> str:
    content = repr(
        (
            kind,
            tuple(columns or ()),
            table.key,
            table.title,
            table.caption,
            tuple((c.key, c.label, c.kind) for c in table.columns),
            tuple(tuple(repr(cell) for cell in row) for row in table.rows),
            get_language(),
        )
    )
    return "reports.chart." + hashlib.sha256(content.encode()).hexdigest()


def chart_svg(table: ReportTable, *, columns: Sequence[str] | None = None, kind: str | None = None) -> str:
    """The table drawn as an accessible, deterministic SVG document fragment (a string starting with ``<svg``).

    Drawing takes matplotlib 50–150 ms a chart, so drawings are kept in Django's cache under a digest of everything
    drawn (the table's figures and texts, the kind, the language): the same figures are drawn once."""
    kind = kind or table.chart
    key = _svg_cache_key(table, columns, kind)
    cached = cache.get(key)
    if cached is not None:
        return str(cached)
    svg = _draw_svg(table, columns=columns, kind=kind)
    cache.set(key, svg, SVG_CACHE_SECONDS)
    return svg


def _draw_svg(table: ReportTable, *, columns: Sequence[str] | None, kind: str) -> str:
    if kind not in CHART_KINDS:
        raise ChartError(f"{table.key}: no chart kind {kind!r}")
    prefix = chart_id(table)
    with matplotlib.rc_context({**_RC, "svg.hashsalt": prefix}):  # type: ignore[dict-item]
        fig, ax = _figure(table)
        d = _Drawing(table, fig, ax)
        if kind == "box":
            _draw_box(d)
        else:
            picked = series_columns(table, columns)
            {"bar": _draw_bar, "stacked": _draw_stacked, "line": _draw_line, "funnel": _draw_funnel}[kind](
                d, picked
            )
        note = _left_out_note(d.left_out, has_suppressed(table)) if d.left_out else ""
        if note:
            fig.supxlabel(note, fontsize=8, x=0.01, ha="left")
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    sentences = [
        table.caption,
        note,
        _("The same figures are in the table with this chart."),
    ]
    description = " ".join(_sentence(part) for part in sentences if part.strip())
    label = table.title
    return _accessible_svg(buffer.getvalue(), prefix=prefix, label=label, description=description)


@dataclass(frozen=True)
class Chart:
    """A table with its chart, as `templates/reports/_chart.html` renders it (the table is the text alternative)."""

    table: ReportTable
    svg: SafeString
    id: str

    @property
    def rows(self) -> list[list[DisplayCell]]:
        return display_rows(self.table)

    @property
    def suppressed(self) -> bool:
        return has_suppressed(self.table)

    @property
    def small(self) -> bool:
        return has_small(self.table)

    @property
    def secondary(self) -> bool:
        return has_secondary(self.table)


def render(table: ReportTable, *, columns: Sequence[str] | None = None) -> Chart:
    """The chart of `table` for a page: ``{% include "reports/_chart.html" with chart=chart %}``.

    A table whose ``chart`` is empty renders as the table alone."""
    svg = chart_svg(table, columns=columns) if table.chart else ""
    return Chart(table=table, svg=mark_safe(svg), id=chart_id(table))  # noqa: S308 - built and escaped above
