"""The reports in a browser (issue 6), with axe on every page: the care coordinator opens the school's report from
the home page and chooses a quarter and dates of her own (a wrong date gives a message); the ZAT's chair reads the
ZAT's work by school; policy staff read the region's aggregates and the annual report, without dates of their own."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login

pytestmark = pytest.mark.browser


def test_each_audience_reads_its_report(page: Any, browser_world: Any, axe_check: Any) -> None:
    from zorgroute.core.time import current_school_year
    from zorgroute.reports.tests.helpers import grow

    world = browser_world
    grow(world, 6)
    grow(world, 3, school=world.school_b, team=world.zat)
    year = current_school_year()

    login(page, world.ib_a)
    page.goto("/")
    with page.expect_navigation():
        page.click("[data-testid=home-reports] a")
    axe_check(page, "reports index (care coordinator)")
    with page.expect_navigation():
        page.click(f"[data-testid=report-schools] a[href$='/school/{world.school_a.uuid}/']")
    expect(page.locator("[data-testid=section-registration]")).to_be_visible()
    expect(page.locator("[data-testid=table-referrals_forum] caption")).to_contain_text(world.school_a.name)
    axe_check(page, "school report")
    page.select_option("#id_periode", f"{year}-q2")
    with page.expect_navigation():
        page.click("form.report-period button[type=submit]")
    expect(page.locator("[data-testid=report-period]")).to_contain_text("2")
    page.select_option("#id_periode", "custom")
    page.fill("#id_van", f"{year + 1}-03-01")
    page.fill("#id_tot", f"{year}-09-01")
    with page.expect_navigation():
        page.click("form.report-period button[type=submit]")
    expect(page.locator("[data-testid=report-no-period]")).to_be_visible()
    expect(page.locator("#id_tot_error")).to_be_visible()
    axe_check(page, "school report with a wrong period")

    page.context.clear_cookies()
    login(page, world.zat_chair)
    page.goto(f"/zorg/rapportages/zat/{world.region.uuid}/")
    expect(page.locator("[data-testid=table-discussions_kind_by_unit]")).to_contain_text(world.school_b.name)
    axe_check(page, "ZAT report by school")

    page.context.clear_cookies()
    login(page, world.municipality_analyst)
    page.goto(f"/zorg/rapportages/regio/{world.region.uuid}/")
    expect(page.locator("#id_van")).to_have_count(0)  # no dates of one's own for aggregates
    expect(page.locator("[data-testid=table-quarters]")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(world.school_a.name)
    axe_check(page, "region report")
    with page.expect_navigation():
        page.click("main a[href$='/jaarverslag/']")
    expect(page.locator("[data-testid=table-comparison]")).to_be_visible()
    axe_check(page, "annual report")


def test_a_report_downloads_after_its_purpose_is_given(page: Any, browser_world: Any, axe_check: Any) -> None:
    world = browser_world
    login(page, world.municipality_analyst)
    page.goto(f"/zorg/rapportages/regio/{world.region.uuid}/jaarverslag/")
    page.fill("#id_doel", "kort")
    with page.expect_navigation():
        page.click("[data-testid=report-export] button[value=pdf]")
    expect(page.locator("#id_doel_error")).to_be_visible()
    expect(page.locator("#id_doel")).to_have_attribute("aria-invalid", "true")
    axe_check(page, "download form with a short purpose")
    page.fill("#id_doel", "Jaarverslag voor de financiers")
    with page.expect_download() as download:
        page.click("[data-testid=report-export] button[value=pdf]")
    assert download.value.suggested_filename.endswith(".pdf")
    page.goto(f"/zorg/rapportages/regio/{world.region.uuid}/")
    page.fill("#id_doel", "Cijfers voor de gemeenteraad")
    with page.expect_download() as sheet:
        page.keyboard.press("Tab")  # the first button after the purpose: CSV, by keyboard
        page.keyboard.press("Enter")
    assert sheet.value.suggested_filename.endswith(".csv")
