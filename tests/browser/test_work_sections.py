"""My work's lists in a browser: with more stuck cases than My work shows, the care coordinator follows "Show all"
to the whole list, pages through it by keyboard-reachable links, and comes back; axe on both pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login
from zorgroute.cases import work_selectors
from zorgroute.cases.tests.signal_helpers import grow

pytestmark = pytest.mark.browser


def test_the_coordinator_opens_the_whole_list_of_stuck_cases(page, browser_world, axe_check, monkeypatch):
    monkeypatch.setattr(work_selectors, "SECTION_PAGE_SIZE", 5)
    grow(browser_world, 12)  # 12 more stuck cases at school A (and the personas' own)
    login(page, browser_world.ib_a)
    page.goto("/zorg/werk/")
    stuck = page.get_by_test_id("work-stuck")
    total = int(re.search(r"\((\d+)\)", stuck.get_by_role("heading").inner_text()).group(1))
    assert total > work_selectors.LIST_LIMIT
    expect(stuck.locator("tbody tr")).to_have_count(work_selectors.LIST_LIMIT)
    axe_check(page, "my work with show-all links")

    stuck.get_by_role("link", name=re.compile(rf"Alle {total} tonen")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Vastgelopen zorgtrajecten")
    rows = page.get_by_test_id("work-section-vastgelopen").locator("tbody tr")
    expect(rows).to_have_count(5)
    axe_check(page, "my work: the whole list of stuck cases")

    seen = set(rows.locator("td:first-child").all_inner_texts())
    pages = -(-total // 5)
    for _ in range(pages - 1):
        page.get_by_role("navigation", name="Pagina's").get_by_role("link", name="Volgende").click()
        seen |= set(rows.locator("td:first-child").all_inner_texts())
    assert len(seen) == total  # every stuck case once over the pages

    page.get_by_role("link", name="Terug naar Mijn werk").click()
    expect(page).to_have_url(re.compile(r"/zorg/werk/$"))
