"""Fixtures for Playwright (sync API) tests against pytest-django's live_server, driving Debian's chromium.

Never a downloaded browser. The root conftest.py skips these tests when chromium is absent, or fails them when
ZORGROUTE_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser.helpers import AXE_TAGS, CHROMIUM, CHROMIUM_ARGS, format_violations

# Playwright's sync API runs an asyncio event loop in this thread, and Django's ORM refuses to run in a
# thread with a running loop unless told it is safe. Here it is: the test thread only waits for the browser.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_REPORT_DIR = Path(os.environ.get("ZORGROUTE_AXE_REPORT_DIR", "test-results"))


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        timezone_id="Europe/Amsterdam",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def browser_world(transactional_db: None) -> Any:
    """The personas' world, committed so the live server sees it; everyone has a confirmed authenticator."""
    from zorgroute.testing.factories import give_totp
    from zorgroute.testing.personas import World, build_world

    world = build_world()
    for name in World.persona_names():
        give_totp(getattr(world, name))
    return world


@pytest.fixture(scope="session")
def _axe_results() -> Iterator[dict[str, Any]]:
    """Every page checked, with its violations, written to test-results/axe-<worker>.json at the end."""
    results: dict[str, Any] = {}
    yield results
    if results:
        AXE_REPORT_DIR.mkdir(parents=True, exist_ok=True)
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        target = AXE_REPORT_DIR / f"axe-{worker}.json"
        target.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def axe_check(_axe_results: dict[str, Any]) -> Callable[[Any, str], None]:
    """`axe_check(page, "name")`: axe-core (bundled in axe-playwright-python), WCAG 2.0/2.1 A and AA.

    Fails listing every violation with its rule and elements. No rule is ever switched off here.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page: Any, name: str) -> None:
        page.wait_for_load_state("load")
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        violations = axe.run(page, options=options).response["violations"]
        _axe_results[name] = {"url": page.url, "violations": len(violations), "details": violations}
        assert not violations, (
            f"axe: {len(violations)} violation(s) on {name} ({page.url}):\n" + format_violations(violations)
        )

    return check
