"""Reading a report is recorded in the audit log (decision 0008): who read which report, of which school or region,
over which period. Never a figure: the row says what was looked at, not what it showed."""

from __future__ import annotations

from typing import Any

from zorgroute import audit
from zorgroute.reports.selectors import Report


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
