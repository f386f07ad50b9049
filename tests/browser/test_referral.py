"""A referral to the zorgteam in a browser, as the care coordinator makes it (issue 5 item 1), with axe on every page.

Set-up (services, as the care-route walk leaves a case): Sanne's case stands at the group review with an intervention
logged, a current plan, the help questions of school and parents, the school's limits and the parents' consent for
the zorgteam; the pupil's own help question is still missing. The care coordinator starts the referral from the case
page, reads what is missing, writes the strengths and the nature and severity, follows the link to add the pupil's
help question, adds the teacher's SDQ, submits, and lands on the case page with the case in the zorgteam step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import login
from tests.browser.test_care_route import (
    GROUP_REVIEW,
    ZORGTEAM,
    click_button,
    click_link,
    dutch,
    expect_step,
    field,
    message,
    ui,
)

pytestmark = pytest.mark.browser

STRENGTHS = "Sanne tekent graag en helpt jongere kinderen bij het opruimen."
SEVERITY = "Sanne trekt zich sinds drie maanden terug in de kring; het wordt erger ondanks het maatje."
PUPIL_QUESTION = "Ik wil in de kring durven praten."


@pytest.fixture
def prepared(browser_world: Any) -> Any:
    from zorgroute.cases import services as case_services
    from zorgroute.cases.tests.case_helpers import current_plan, log_intervention
    from zorgroute.testing import consent

    world = browser_world
    case = world.case_a1
    log_intervention(case, world.teacher)
    case = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")
    case_services.case_update_package(
        actor=world.ib_a,
        case=case,
        help_question_school="Hoe helpen we Sanne in de kring?",
        help_question_parents="Wat kunnen wij thuis doen?",
        help_question_pupil="",
        school_limits="De leerkracht kan twee keer per week extra begeleiden.",
    )
    current_plan(case, world.ib_a)
    consent.give(case, world.ib_a, "school_care_team")
    return world


def test_the_care_coordinator_refers_a_case_to_the_zorgteam(
    page: Page, prepared: Any, axe_check: Callable[[Page, str], None]
) -> None:
    world = prepared
    login(page, world.ib_a)
    page.goto(f"/zorg/zorgtrajecten/{world.case_a1.uuid}/")
    expect_step(page, 2, GROUP_REVIEW)
    referrals = page.get_by_test_id("case-referrals")
    expect(referrals).to_contain_text(ui("This case has not been referred to a forum."))
    axe_check(page, "case page with the referrals section")

    # Start: what is taken over from the case, then the draft.
    click_link(referrals, "Refer to %(forum)s", exact=True, forum=dutch("the zorgteam"))
    expect(page.locator("main h1")).to_have_text(
        ui("Refer to %(forum)s", exact=True, forum=dutch("the zorgteam"))
    )
    expect(page.locator("main")).to_contain_text("Hoe helpen we Sanne in de kring?")
    axe_check(page, "referral start")
    click_button(page, "Start the referral")
    expect(message(page)).to_contain_text(ui("The referral was started. Complete it and submit it."))
    axe_check(page, "referral form (draft with gaps)")

    # The check lists what is missing, each with where to fix it.
    check = page.get_by_test_id("referral-check")
    expect(check).to_contain_text(ui("the pupil's strengths and chances"))
    expect(check).to_contain_text(ui("the nature and severity of the problems"))
    expect(check).to_contain_text(ui("the help question of %(who)s", who=dutch("pupil")))
    field(page, "Strengths and chances").fill(STRENGTHS)
    field(page, "Nature and severity").fill(SEVERITY)
    click_button(page, "Save")
    expect(message(page)).to_contain_text(ui("The referral was saved."))
    expect(check).not_to_contain_text(ui("the pupil's strengths and chances"))
    expect(field(page, "Strengths and chances")).to_have_value(STRENGTHS)

    check.get_by_role("link", name=ui("Change the help question and the school's limits")).click()
    field(page, "Help question of the pupil").fill(PUPIL_QUESTION)
    axe_check(page, "case package (from the referral's check)")
    click_button(page, "Save")
    expect(message(page)).to_contain_text(ui("The help question and the school's limits were saved."))
    page.get_by_test_id("case-referrals").get_by_role(
        "link",
        name=ui(
            "%(label)s: continue the draft", label=dutch("Refer to %(forum)s", forum=dutch("the zorgteam"))
        ),
    ).click()
    expect(page.get_by_test_id("referral-check")).to_contain_text(
        ui("Everything the referral and the route's step need is there.")
    )
    axe_check(page, "referral form (complete)")

    # The teacher's SDQ, typed in from the paper form.
    click_link(page, "SDQ of the teacher", exact=True)
    axe_check(page, "SDQ form (teacher)")
    field(page, "Filled in by").fill("Juf Ans, groep 5a")
    for number in range(1, 26):
        page.locator(f"fieldset#id_item_{number}").get_by_role(
            "radio", name=ui("Somewhat true", exact=True)
        ).check()
    page.locator("fieldset#id_impact_difficulties").get_by_role(
        "radio", name=ui("Yes, definite difficulties", exact=True)
    ).check()
    click_button(page, "Add the questionnaire")
    expect(message(page)).to_contain_text(ui("The questionnaire was added."))
    result = page.get_by_test_id("sdq-result")
    expect(result).to_have_count(1)
    expect(result.get_by_role("row").filter(has_text=ui("Emotional symptoms"))).to_contain_text("5 / 10")
    expect(result).to_contain_text("Juf Ans, groep 5a")
    axe_check(page, "referral page (draft with SDQ)")

    # Submit: what happens, then the case is in the zorgteam step.
    click_link(page, "Submit the referral", exact=True)
    expect(page.locator("main")).to_contain_text(
        ui("The case moves from '%(here)s' to '%(to)s'.", here=GROUP_REVIEW, to=ZORGTEAM)
    )
    axe_check(page, "referral submit confirmation")
    click_button(page, "Submit the referral")
    expect(message(page)).to_contain_text(
        ui(
            "The referral was submitted to %(team)s. The case is now in the step '%(step)s'.",
            team=world.zorgteam_a.name,
            step=ZORGTEAM,
        )
    )
    expect_step(page, 3, ZORGTEAM)
    row = page.get_by_test_id("case-referrals").get_by_role("row").filter(has_text=world.zorgteam_a.name)
    expect(row).to_contain_text(ui("Submitted, awaiting intake"))
    axe_check(page, "case page after the referral")
    row.get_by_role("link", name=world.zorgteam_a.name).click()
    expect(page.get_by_role("link", name=ui("Download as PDF", exact=True))).to_be_visible()
    axe_check(page, "referral page (submitted)")
