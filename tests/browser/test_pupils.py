"""Pupil pages in a browser: an outsider cannot tell a hidden pupil from a missing one; search as you type."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from zorgroute.testing.auth import page_fingerprint

pytestmark = pytest.mark.browser


def test_it_shows_an_outsider_the_same_404_page_for_another_schools_pupil_as_for_a_missing_one(
    page, browser_world
):
    login(page, browser_world.ib_b)
    own_path = f"/leerlingen/{browser_world.pupil_b1.uuid}/"
    hidden_path = f"/leerlingen/{browser_world.pupil_a1.uuid}/"
    missing_path = f"/leerlingen/{uuid.uuid4()}/"

    own = page.goto(own_path)
    assert own.status == 200 and browser_world.pupil_b1.last_name in page.locator("main h1").inner_text()

    hidden = page.goto(hidden_path)
    hidden_body, hidden_title = hidden.body(), page.title()
    assert browser_world.pupil_a1.first_name not in page.content()
    missing = page.goto(missing_path)

    assert hidden.status == missing.status == 404
    assert hidden_title == page.title()
    assert page_fingerprint(hidden_body, hidden_path) == page_fingerprint(missing.body(), missing_path)


def test_it_updates_the_pupil_search_results_as_the_coordinator_types_without_loading_a_page(
    page, browser_world
):
    login(page, browser_world.ib_a)
    page.goto("/leerlingen/")
    results = page.locator("#pupil-results")
    expect(results).to_contain_text("Jansen")
    expect(results).to_contain_text("Vries")
    page.evaluate("window.__sameDocument = true")

    with page.expect_request(lambda r: "q=Sann" in r.url and r.headers.get("hx-request") == "true"):
        page.locator("#pupil-q").press_sequentially("Sann", delay=60)

    expect(results).not_to_contain_text("Vries")
    expect(results.locator("tbody tr")).to_have_count(1)
    expect(results).to_contain_text("Jansen")
    assert page.evaluate("window.__sameDocument === true"), "the search reloaded the page"
    assert "q=Sann" in page.url  # hx-push-url: the address bar keeps the search

    # Another school's pupil never turns up, however precisely searched.
    page.locator("#pupil-q").fill("")
    with page.expect_request(lambda r: "q=Lotte" in r.url and r.headers.get("hx-request") == "true"):
        page.locator("#pupil-q").press_sequentially("Lotte", delay=60)
    expect(results.locator("tbody tr")).to_have_count(0)
    expect(results).not_to_contain_text("Bakker")
    assert page.evaluate("window.__sameDocument === true")
