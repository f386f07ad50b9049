"""Fixtures and hooks shared by every test (src/zorgroute/*/tests and tests/).

Two kinds of test only mean something in a particular environment:
- `@pytest.mark.browser` needs Debian's chromium (Playwright drives it);
- `@pytest.mark.postgres` needs the database to be PostgreSQL.
Elsewhere they skip, with the reason in the summary. CI sets ZORGROUTE_REQUIRE_BROWSER=1 and
ZORGROUTE_REQUIRE_POSTGRES=1: then a missing browser or a database other than PostgreSQL FAILS those tests instead,
so a skip can never hide in a green run. The terminal summary ends with one line per marker saying how many ran.
"""

from __future__ import annotations

import importlib
import os
import shutil
from collections import Counter
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("ZORGROUTE_CHROMIUM", "/usr/bin/chromium")
_TRUE = {"1", "true", "yes", "on"}
_COUNTED_MARKERS = ("browser", "postgres")


def _required(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in _TRUE


def _browser_unavailable_reason() -> str | None:
    path = CHROMIUM if os.path.isabs(CHROMIUM) else shutil.which(CHROMIUM)
    if not (path and os.path.isfile(path) and os.access(path, os.X_OK)):
        return f"chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        importlib.import_module("playwright.sync_api")
        importlib.import_module("axe_playwright_python.sync_playwright")
    except ImportError as exc:
        return f"playwright or axe-playwright-python is not installed: {exc}"
    return None


def pytest_runtest_setup(item: pytest.Item) -> None:
    if item.get_closest_marker("browser"):
        reason = _browser_unavailable_reason()
        if reason:
            if _required("ZORGROUTE_REQUIRE_BROWSER"):
                pytest.fail(f"ZORGROUTE_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
            pytest.skip(reason)
    if item.get_closest_marker("postgres"):
        from django.db import connection

        if connection.vendor != "postgresql":
            reason = f"needs PostgreSQL (DATABASE_URL=postgres://...), the database is {connection.vendor}"
            if _required("ZORGROUTE_REQUIRE_POSTGRES"):
                pytest.fail(f"ZORGROUTE_REQUIRE_POSTGRES=1 but {reason}", pytrace=False)
            pytest.skip(reason)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # type: ignore[no-untyped-def]
    """One line per environment-bound marker: `zorgroute browser tests: 12 passed, 0 failed, 0 skipped, 0 errors`.

    Works under pytest-xdist (reports carry their markers as keywords). With ZORGROUTE_MARKER_REPORT=path the counts
    are also appended to that file, which .ci/run reads to prove these tests ran.
    """
    if hasattr(config, "workerinput"):
        return  # a pytest-xdist worker: the controller reports for everyone
    counts: dict[str, Counter[str]] = {marker: Counter() for marker in _COUNTED_MARKERS}
    for outcome in ("passed", "failed", "skipped", "error"):
        for report in terminalreporter.stats.get(outcome, []):
            if outcome == "passed" and getattr(report, "when", "call") != "call":
                continue
            keywords = getattr(report, "keywords", None) or {}
            for marker in _COUNTED_MARKERS:
                if marker in keywords:
                    counts[marker][outcome] += 1
    terminalreporter.write_sep("-", "environment-bound tests")
    for marker, c in counts.items():
        terminalreporter.write_line(
            f"zorgroute {marker} tests: {c['passed']} passed, {c['failed']} failed, "
            f"{c['skipped']} skipped, {c['error']} errors"
        )
    target = os.environ.get("ZORGROUTE_MARKER_REPORT")
    if target:
        with Path(target).open("a", encoding="utf-8") as fh:
            for marker, c in counts.items():
                fh.write(
                    f"{marker} passed={c['passed']} failed={c['failed']} skipped={c['skipped']} errors={c['error']}\n"
                )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """After the test database is created: permit flushing the append-only audit table between tests."""
    from zorgroute.testing import audit_permit

    with django_db_blocker.unblock():
        audit_permit.grant()


@pytest.fixture
def world(db):
    from zorgroute.testing.personas import build_world

    return build_world()
