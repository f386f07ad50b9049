"""The assembled reports kept for a while in Django's cache (issue 7: the region report took 0.5–0.9 s a request).

What is kept is the report as it is shown: every cell already protected (small cells suppressed, secondary
suppression applied, decision 0008). The raw counts behind it (`Report.counted`, `Report.raw_lead_times`, which hold
the unprotected numbers) are dropped before the report is stored, and a report served while caching is on never has
them, whether it was just built or came from the cache. No row about a pupil is ever in a report.

The key says exactly whose figures these are, so one audience can never be handed another's report:

- the kind of report (school, zat, region, annual);
- its scope: the school, the region, and for a ZAT report the sorted ids of the regional teams the reader leads (two
  readers leading the same teams see the same figures; a reader leading other teams gets other figures);
- the period (its kind, first and last day) and the active language (tables hold translated labels).

Access is checked before a report is asked for (`access.fetch`), and every page view writes its `report.viewed`
audit row in the view whether the figures were cached or not. Figures may be up to `REPORT_CACHE_SECONDS` old
(default 600; 0 turns the cache off); the page says when they were computed. There is no way to skip the cache.
"""

from __future__ import annotations

import dataclasses
import logging
import pickle
from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from zorgroute.reports import periods as pr

if TYPE_CHECKING:
    from zorgroute.reports.selectors import Report

logger = logging.getLogger(__name__)

KEY_VERSION = 2  # raise when the shape of a Report changes, so a shared cache never hands out an old one
DEFAULT_SECONDS = 600


def seconds() -> int:
    return max(0, int(getattr(settings, "REPORT_CACHE_SECONDS", DEFAULT_SECONDS)))


def period_part(period: pr.Period) -> str:
    return f"{period.kind}:{period.start.isoformat()}:{period.end.isoformat()}"


def key(kind: str, scope: str, period: pr.Period) -> str:
    """`scope` names whose figures these are: `school:<id>`, `region:<id>`, `region:<id>:teams:<ids>`."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    return f"reports.report:v{KEY_VERSION}:{kind}:{scope}:{period_part(period)}:{language}"


def protected_only(report: Report, cache_key: str = "") -> Report:
    """The report without the raw counts behind its cells, stamped with the moment it was computed."""
    return dataclasses.replace(
        report, counted={}, raw_lead_times={}, computed_at=timezone.now(), cache_key=cache_key
    )


def drawn(report: Report, draw: Callable[[], str]) -> str:
    """The report's sections as HTML (tables and charts, some thousand cells at region scale), drawn once per cached
    report instead of on every page view: the same protected figures in the same language give the same HTML. Only
    the figures are kept; the page around them (the reader, the period form, the export form) is drawn per request,
    and every view is still audited. A report that did not come through the cache is drawn every time."""
    if not report.cache_key or seconds() == 0:
        return draw()
    html_key = f"{report.cache_key}:html:{report.computed_at.isoformat()}"
    html = cache.get(html_key)
    if not isinstance(html, str):
        html = draw()
        cache.set(html_key, html, seconds())
    return html


def cached(kind: str, scope: str, period: pr.Period, build: Callable[[], Report]) -> Report:
    """The report from the cache, or built, stripped to its protected figures and stored.

    With `REPORT_CACHE_SECONDS` = 0 the report is built every time and returned whole (the tests read its raw
    counts)."""
    ttl = seconds()
    if ttl == 0:
        return build()
    cache_key = key(kind, scope, period)
    try:
        hit = cache.get(cache_key)
    except (pickle.UnpicklingError, AttributeError, ImportError, TypeError, EOFError):
        # A report pickled by an older version of the code: build it anew.
        logger.warning("reports: unreadable cached report %s, building it again", cache_key)
        hit = None
    if hit is not None:
        return hit  # type: ignore[no-any-return]
    report = protected_only(build(), cache_key)
    cache.set(cache_key, report, ttl)
    return report
