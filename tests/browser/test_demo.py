"""The demo region of `manage.py load_demo`: every printed demo login works through the real login and 2FA forms
and lands on the home page its role should see. Also takes the README's screenshots (fictitious data only).
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.browser.helpers import secret_code, submit_code, submit_password, visible_home_sections
from zorgroute.demo.credentials import DEFAULT_SEED, logins

pytestmark = pytest.mark.browser

# The smallest size that still has every role; the logins do not depend on the scale.
DEMO_SCALE = 0.3  # enough pupils for a case in every route step


@pytest.fixture
def demo_region(transactional_db):
    out = io.StringIO()
    call_command("load_demo", seed=DEFAULT_SEED, scale=DEMO_SCALE, force=True, stdout=out)
    return out.getvalue()


def _log_in(page, demo) -> None:
    submit_password(page, demo.username, demo.password)
    assert "/account/tweestaps/" in page.url, f"{demo.username}: password refused ({page.url})"
    submit_code(page, secret_code(demo.totp_secret_base32))
    assert "/account/" not in page.url, f"{demo.username}: second factor refused ({page.url})"


@pytest.mark.parametrize("demo", logins(DEFAULT_SEED), ids=lambda demo: demo.username)
def test_it_logs_in_as_the_demo_role_and_shows_its_home_page(page, demo_region, demo, axe_check):
    assert demo.username in demo_region and demo.totp_secret_base32 in demo_region  # printed by load_demo

    _log_in(page, demo)

    assert demo.home_section in visible_home_sections(page), (
        f"{demo.role_label} ({demo.username}) should see {demo.home_section}, sees {visible_home_sections(page)}"
    )
    axe_check(page, f"demo home ({demo.username})")


def test_it_takes_the_readme_screenshots_of_the_care_coordinators_pages(
    page, demo_region, tmp_path, axe_check
):
    """Set ZORGROUTE_SCREENSHOT_DIR=docs/screenshots to refresh the committed ones."""
    target = Path(os.environ.get("ZORGROUTE_SCREENSHOT_DIR") or tmp_path)
    target.mkdir(parents=True, exist_ok=True)
    coordinator = next(demo for demo in logins(DEFAULT_SEED) if demo.home_section == "home-coordinator")
    page.set_viewport_size({"width": 1280, "height": 860})
    _log_in(page, coordinator)
    expect(page.locator("[data-testid=home-coordinator]")).to_be_visible()
    page.screenshot(path=str(target / "home-care-coordinator.png"), full_page=True)

    page.goto("/leerlingen/")
    first_pupil = page.locator("#pupil-results tbody tr a").first
    with page.expect_navigation():
        first_pupil.click()
    expect(page.locator("main h1")).to_be_visible()
    assert "/leerlingen/" in page.url and page.locator("main table").count() >= 1
    axe_check(page, "demo pupil detail (care coordinator)")
    page.screenshot(path=str(target / "pupil-detail.png"), full_page=True)

    for name in ("home-care-coordinator.png", "pupil-detail.png"):
        png = (target / name).read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000, name
