"""Reading and exporting a report are recorded in the audit log (decision 0008): who read or downloaded which
report, of which school or region, over which period (an export also: the format and the purpose given). Never a
figure: the row says what was looked at, not what it showed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import translation

from zorgroute import audit
from zorgroute.reports import exports
from zorgroute.reports.forms import EXPORT_FORMATS as _FORMATS
from zorgroute.reports.selectors import Report

EXPORT_FORMATS = tuple(key for key, _label in _FORMATS)


def report_viewed(*, actor: Any, report: Report, target: Any) -> None:
    period = report.period
    audit.record(
        "report.viewed",
        actor=actor,
        target=target,
        changes={
            "report": report.kind,
            "period": period.key,
            "start": period.start.isoformat(),
            "end": period.end.isoformat(),
        },
    )


def _export_file(report: Report, fmt: str) -> exports.Export:
    """The whole report (every table of every section) in one file; the annual report as its PDF with contents."""
    stem = exports.file_stem(report.title, report.period.key)
    period = report.period.label
    organisation = report.scope.label
    with translation.override(settings.LANGUAGE_CODE):
        if fmt == "csv":
            return exports.csv_report_export(report.tables, stem=stem, title=report.title, period=period)
        if fmt == "xlsx":
            return exports.xlsx_export(report.tables, title=report.title, period=period, stem=stem)
        if report.kind == "annual":
            sections = [exports.Section(str(s.title), tables=s.tables) for s in report.sections]
            return exports.annual_report_pdf(
                sections, title=report.title, period=period, organisation=organisation, stem=stem
            )
        return exports.pdf_export(
            report.tables, title=report.title, period=period, organisation=organisation, stem=stem
        )


def report_exported(*, actor: Any, report: Report, target: Any, fmt: str, reason: str) -> exports.Export:
    """The report as a file, and the export in the audit log with the reason given: which report of which school or
    region, over which period, in which format. Never a figure."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    export = _export_file(report, fmt)
    period = report.period
    with transaction.atomic():
        audit.record(
            "report.exported",
            actor=actor,
            target=target,
            changes={
                "report": report.kind,
                "scope": report.scope.kind,
                "period": period.key,
                "start": period.start.isoformat(),
                "end": period.end.isoformat(),
                "format": fmt,
            },
            reason=reason,
        )
    return export
