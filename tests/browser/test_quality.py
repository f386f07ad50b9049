"""The quality-framework self-assessment in a browser (issue 6 point 7), with axe on every page.

The ZAT's chair opens it from the home page, starts this school year, scores two items and writes notes and a
conclusion; a member adds a comment; the chair finalises the year, which then reads without a form; the years
compared show the chart with its table alternative.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import login

pytestmark = pytest.mark.browser


def test_a_zat_reflects_on_the_quality_framework(page: Any, browser_world: Any, axe_check: Any) -> None:
    from zorgroute.quality.models import ItemScore, SelfAssessment

    world = browser_world
    login(page, world.zat_chair)
    page.goto("/")
    with page.expect_navigation():
        page.click("[data-testid=home-quality] a[href='/kwaliteit/']")
    axe_check(page, "quality index")
    with page.expect_navigation():
        page.click("main form.start-form button[type=submit]")
    assessment = SelfAssessment.objects.get(team=world.zat)
    assert page.url.endswith(f"/kwaliteit/{assessment.uuid}/")
    axe_check(page, "quality assessment (chair)")

    page.check("#id_score_K4_2")  # the third choice: 3 · largely
    page.fill("#id_notes_K4", "De voorzitter bewaakt de tijd; afspraken worden nagelopen.")
    page.check("#id_score_F26_0")  # 1 · not yet
    page.fill("#id_summary", "Volgend jaar: vervanging bij afwezigheid regelen.")
    with page.expect_navigation():
        page.click("main form.quality-form button[type=submit]")
    scores = {s.item.code: s.score for s in ItemScore.objects.select_related("item")}
    assert scores == {"K4": 3, "F26": 1}
    expect(page.locator("#id_notes_K4")).to_have_value(
        "De voorzitter bewaakt de tijd; afspraken worden nagelopen."
    )

    page.context.clear_cookies()
    login(page, world.zat_member)
    page.goto(f"/kwaliteit/{assessment.uuid}/")
    expect(page.locator("input[type=radio]")).to_have_count(0)  # members read, they do not score
    page.select_option("#id_item", "F26")
    page.fill("#id_text", "Ik regel een vaste vervanger.")
    with page.expect_navigation():
        page.click("form[action$='/reactie/'] button[type=submit]")
    expect(page.locator("#item-F26 .quality-comments")).to_contain_text("Ik regel een vaste vervanger.")
    axe_check(page, "quality assessment (member, with a comment)")

    page.context.clear_cookies()
    login(page, world.zat_chair)
    page.goto(f"/kwaliteit/{assessment.uuid}/afronden/")
    axe_check(page, "quality finalise")
    page.check("#id_confirm")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assessment.refresh_from_db()
    assert assessment.is_final
    expect(page.locator("input[type=radio]")).to_have_count(0)
    axe_check(page, "quality assessment (finalised)")

    page.goto(f"/kwaliteit/teams/{world.zat.uuid}/vergelijken/")
    expect(page.locator("svg[role=img]")).to_have_count(1)
    page.click("details.chart-table summary")
    expect(page.locator("details.chart-table table")).to_be_visible()
    axe_check(page, "quality years compared")
