"""How a report cell is written in a page: numbers in the reader's locale, the two markers with a text for screen
readers, an empty cell as a dash."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from zorgroute.reports import charts
from zorgroute.reports.charts import Chart
from zorgroute.reports.tables import HIDDEN, SMALL_CELL, SUPPRESSED, Cell, ReportTable

register = template.Library()


@register.filter
def report_cell(cell: Cell, kind: str = "count") -> SafeString | str:
    if cell is SUPPRESSED:
        return format_html(
            '<abbr title="{}">&lt;{}</abbr>',
            _("fewer than %(n)d: hidden to protect privacy") % {"n": SMALL_CELL},
            SMALL_CELL,
        )
    if cell is HIDDEN:
        return format_html(
            '<abbr title="{}">×</abbr>',
            _("hidden so that a number under %(n)d cannot be worked out") % {"n": SMALL_CELL},
        )
    if cell is None:
        return format_html(
            '<span aria-hidden="true">–</span><span class="visually-hidden">{}</span>', _("none")
        )
    if isinstance(cell, bool):
        return _("yes") if cell else _("no")
    if isinstance(cell, int | float):
        text = number_format(cell, decimal_pos=1 if kind == "score" and isinstance(cell, float) else None)
        return f"{text}%" if kind == "percent" else text
    return str(cell)


@register.filter
def is_numeric_kind(kind: str) -> bool:
    return kind not in ("label", "text")


@register.filter
def with_columns(row: list[Cell], columns: list[object]) -> list[tuple[Cell, object]]:
    """The cells of a row each with its column: {% for cell, column in row|with_columns:table.columns %}."""
    return list(zip(row, columns, strict=False))


@register.filter
def report_chart(table: ReportTable) -> Chart:
    """A table's chart with its table alternative:
    {% include "reports/_chart.html" with chart=table|report_chart %}."""
    return charts.render(table)
