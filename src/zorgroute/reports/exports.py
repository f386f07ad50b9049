"""Report exports: CSV, XLSX and PDF of `ReportTable`s, and the annual report as a PDF of sections.

Each builder returns an `Export` (bytes, a file name, a content type); the views send it and audit the export with
the reason the user gave (CONVENTIONS: "reason is required for exports"). A suppressed cell is written as the text
"<5" in every format, and a cell hidden to protect one (`HIDDEN`) as "×"; never as a number (the table does not
hold the number, see tables.py).

- CSV: Excel's Dutch dialect: ``;`` between fields, a decimal comma, UTF-8 with a byte-order mark so Excel reads
  the accents, CRLF line ends; one table per file, a header row of column labels and nothing else, so it reads back.
  A text cell that starts like a formula (``= + - @``) gets a leading apostrophe (CSV injection).
- XLSX (openpyxl): one sheet per table: title, caption, a styled and frozen header row, numbers as numbers, "<5" as
  text, the notes under the table. Text is always stored as text, never as a formula.
- PDF (WeasyPrint): title, period, tables with their charts inline as SVG, and the suppression note; the annual
  report adds a contents list and a text per section. Nothing is fetched while rendering: the only resources are
  inline (the charts) and `url_fetcher` refuses everything else.

Render in the product language (``translation.override(settings.LANGUAGE_CODE)``), as the referral PDF does.
"""

from __future__ import annotations

import base64
import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from zorgroute.core.time import now
from zorgroute.reports import charts
from zorgroute.reports.tables import SMALL_CELL, Cell, ReportTable, is_hidden

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Export:
    content: bytes
    filename: (
        str  # safe for a Content-Disposition header: lowercase letters, digits, hyphens and one extension
    )
    content_type: str


def file_stem(*parts: str) -> str:
    """A file name without extension from its parts: "basisregistratie-2025-2026"; never a pupil's name (callers
    pass report keys, periods and organisation names only)."""
    return "-".join(p for p in (slugify(part) for part in parts) if p) or "rapport"


def suppression_note() -> str:
    """Both markers, "<5" and "×", explained once (decision 0008)."""
    return _(
        "Counts under %(n)d are shown as “<%(n)d”, and counts of %(n)d or more hidden so that such a count cannot "
        "be worked out from the totals as “×”. Neither is drawn in the charts, so that no pupil can be recognised."
    ) % {"n": SMALL_CELL}


# --- CSV ----------------------------------------------------------------------------------------------------------


class ExcelDutch(csv.excel):
    """Excel as installed in the Netherlands: semicolon-separated (the comma is the decimal sign)."""

    delimiter = ";"


def _csv_value(cell: Cell) -> str:
    if is_hidden(cell):
        return str(cell)
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ""
    if isinstance(cell, bool):
        return "1" if cell else "0"
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        return (str(int(cell)) if cell.is_integer() else repr(round(cell, 6))).replace(".", ",")
    text = str(cell)
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_export(table: ReportTable, *, stem: str = "") -> Export:
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=ExcelDutch)
    writer.writerow([c.label for c in table.columns])
    for row in table.rows:
        writer.writerow([_csv_value(cell) for cell in row])
    return Export(
        content=out.getvalue().encode("utf-8-sig"),
        filename=f"{stem or file_stem(table.key)}.csv",
        content_type=CSV_TYPE,
    )


def csv_report_export(
    tables: Sequence[ReportTable], *, title: str, period: str = "", stem: str = ""
) -> Export:
    """A whole report in one CSV: its title, then per table a row with the table's title, its header row, its rows
    and an empty row. Reads back with `csv_read`; the markers are text ("<5", "×") as in `csv_export`."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=ExcelDutch)
    writer.writerow([_csv_value(" · ".join(p for p in (title, period) if p))])
    writer.writerow([suppression_note()])
    writer.writerow([])
    for table in tables:
        writer.writerow([_csv_value(table.title)])
        writer.writerow([_csv_value(c.label) for c in table.columns])
        for row in table.rows:
            writer.writerow([_csv_value(cell) for cell in row])
        writer.writerow([])
    return Export(
        content=out.getvalue().encode("utf-8-sig"),
        filename=f"{stem or file_stem(title, period)}.csv",
        content_type=CSV_TYPE,
    )


def csv_read(content: bytes) -> list[list[str]]:
    """The rows of an export made by `csv_export` (for imports back and for tests): header first."""
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), dialect=ExcelDutch))


# --- XLSX ---------------------------------------------------------------------------------------------------------

_HEADER_FILL = PatternFill("solid", fgColor="DCE6EA")
_HEADER_FONT = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=13)
_THIN = Side(style="thin", color="8A96A3")
_NUMBER_FORMATS = {"count": "#,##0", "percent": '0.0"%"', "days": "0.0", "score": "0.0"}
_BAD_SHEET_CHARS = str.maketrans(dict.fromkeys("[]:*?/\\", " "))


def _sheet_title(title: str, taken: set[str]) -> str:
    base = (title.translate(_BAD_SHEET_CHARS).strip().strip("'") or _("Table"))[:31]
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _xlsx_cell(ws: Any, row: int, col: int, cell: Cell, kind: str) -> None:
    target = ws.cell(row=row, column=col)
    if is_hidden(cell):
        target.value = str(cell)
        target.data_type = "s"
        target.alignment = Alignment(horizontal="right")
    elif cell is None or (isinstance(cell, float) and math.isnan(cell)):
        target.value = None
    elif isinstance(cell, int | float) and not isinstance(cell, bool):
        target.value = cell
        target.number_format = _NUMBER_FORMATS.get(kind, "General")
    else:
        target.value = str(cell)
        target.data_type = "s"  # a text starting with "=" stays text, never a formula


def xlsx_export(tables: Sequence[ReportTable], *, title: str, period: str = "", stem: str = "") -> Export:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    workbook.properties.title = title
    workbook.properties.creator = "Zorgroute"
    taken: set[str] = set()
    for table in tables:
        ws = workbook.create_sheet(_sheet_title(table.title, taken))
        ws.cell(row=1, column=1, value=table.title).font = _TITLE_FONT
        ws.cell(row=1, column=1).data_type = "s"
        info = " · ".join(part for part in (table.caption, period) if part)
        if info:
            ws.cell(row=2, column=1, value=info).data_type = "s"
        header_row = 4
        for col, column in enumerate(table.columns, 1):
            head = ws.cell(row=header_row, column=col, value=column.label)
            head.data_type = "s"
            head.font, head.fill = _HEADER_FONT, _HEADER_FILL
            head.border = Border(bottom=_THIN)
            text_column = column.kind in ("label", "text")
            head.alignment = Alignment(horizontal="left" if text_column else "right", wrap_text=True)
        for r, row in enumerate(table.rows, header_row + 1):
            for col, (cell, column) in enumerate(zip(row, table.columns, strict=False), 1):
                _xlsx_cell(ws, r, col, cell, column.kind)
        ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
        below = header_row + len(table.rows) + 2
        notes = [*table.notes, *([suppression_note()] if charts.has_suppressed(table) else [])]
        for i, note in enumerate(notes):
            ws.cell(row=below + i, column=1, value=note).data_type = "s"
        for col, column in enumerate(table.columns, 1):
            widest = max(
                [len(column.label), *(len(charts.cell_text(row[col - 1], column.kind)) for row in table.rows)]
            )
            ws.column_dimensions[get_column_letter(col)].width = min(max(10, widest + 2), 50)
    if not tables:
        workbook.create_sheet(_("Report")).cell(row=1, column=1, value=title)
    out = io.BytesIO()
    workbook.save(out)
    return Export(
        content=out.getvalue(), filename=f"{stem or file_stem(title, period)}.xlsx", content_type=XLSX_TYPE
    )


# --- PDF ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One chapter of an annual report: a title, running text (paragraphs split on blank lines) and tables."""

    title: str
    text: str = ""
    tables: Sequence[ReportTable] = field(default_factory=tuple)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def render_pdf(html: str) -> bytes:
    """HTML to PDF. The fetcher allows only ``data:`` URLs (the charts), so rendering reads no file and no network."""
    from weasyprint import HTML  # imported here: only PDF exports need Pango
    from weasyprint.urls import URLFetcher

    pdf: bytes = HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()
    return pdf


def svg_data_uri(svg: str) -> str:
    """A chart as an image source for WeasyPrint (its SVG renderer draws it; inline SVG would go through the HTML
    style engine, which warns about every SVG property)."""
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def css_string(text: str) -> str:
    """`text` as a quoted CSS string (for the page footer): letters, digits and spaces as they are, the rest as CSS
    escapes, so nothing in a title can end the string or the style element."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _figures(tables: Sequence[ReportTable], *, with_charts: bool) -> list[dict[str, Any]]:
    return [
        {
            "table": table,
            "rows": charts.display_rows(table),
            "image": svg_data_uri(charts.chart_svg(table)) if with_charts and table.chart else "",
        }
        for table in tables
    ]


def _pdf(
    *,
    title: str,
    period: str,
    organisation: str,
    sections: Sequence[Section],
    contents: bool,
    with_charts: bool,
    stem: str,
) -> Export:
    html = render_to_string(
        "reports/export_pdf.html",
        {
            "title": title,
            "period": period,
            "organisation": organisation,
            "contents": contents,
            "sections": [
                {
                    "section": s,
                    "anchor": f"section-{n}",
                    "figures": _figures(s.tables, with_charts=with_charts),
                }
                for n, s in enumerate(sections, 1)
            ],
            "suppression_note": suppression_note(),
            "footer": mark_safe(css_string(" · ".join(p for p in (title, period) if p))),  # noqa: S308 - escaped
            "made_on": now(),
        },
    )
    return Export(
        content=render_pdf(html), filename=f"{stem or file_stem(title, period)}.pdf", content_type=PDF_TYPE
    )


def pdf_export(
    tables: Sequence[ReportTable],
    *,
    title: str,
    period: str,
    organisation: str = "",
    with_charts: bool = True,
    stem: str = "",
) -> Export:
    """One report as a PDF: its title and period, then every table with its chart."""
    return _pdf(
        title=title,
        period=period,
        organisation=organisation,
        sections=[Section(title="", tables=tables)],
        contents=False,
        with_charts=with_charts,
        stem=stem,
    )


def annual_report_pdf(
    sections: Sequence[Section], *, title: str, period: str, organisation: str = "", stem: str = ""
) -> Export:
    """The annual report (for funders, the board, the municipality): a title page with contents, then each section
    with its text, tables and charts."""
    return _pdf(
        title=title,
        period=period,
        organisation=organisation,
        sections=sections,
        contents=True,
        with_charts=True,
        stem=stem,
    )
