"""Parent contact in a browser (issue 4 item 5), in Dutch, with axe on every page.

The care coordinator opens Sanne's case, which waits in the group review with the zorgteam next: the escalation
section flags the missing parent contact without blocking it. She follows the flag, records the conversation before
the zorgteam (reason, consent asked, home situation, the parents' questions) and the leaflet as given to the mother;
the flag is gone and the touchpoint reads done. The functional administrator reaches the leaflet text from the route
editor and gives school A its own version.

Set-up shortcuts only: Sanne's case is taken to the group review with a complete escalation package, and the region
has a leaflet text, through the services.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import login

pytestmark = pytest.mark.browser

REASON = "Sanne huilt bij het afscheid en zegt in de kring niets; de aanpak in de groep helpt onvoldoende."
HOME = "Thuis slaapt Sanne slecht sinds de verhuizing."
QUESTIONS = "Moeder vraagt hoe zij het afscheid makkelijker kan maken."


def ui(msgid: str, *, exact: bool = False, **params: object) -> re.Pattern[str]:
    """A pattern accepting the Dutch text of a message and its English source (while it is not translated)."""
    variants = set()
    for language in ("nl", "en"):
        with translation.override(language):
            text = translation.gettext(msgid)
        variants.add(text % params if params else text)
    either = "|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True))
    return re.compile(rf"^\s*(?:{either})\s*\*?\s*$" if exact else f"(?:{either})")


def field(scope: Page | Locator, msgid: str) -> Locator:
    return scope.get_by_label(ui(msgid, exact=True))


@pytest.fixture
def zorgteam_next(browser_world: Any) -> Any:
    from zorgroute.cases.tests.case_helpers import ready_for_zorgteam
    from zorgroute.consents import conversation_services

    ready_for_zorgteam(browser_world.case_a1, browser_world.ib_a)
    conversation_services.leaflet_save(
        actor=browser_world.functional_admin,
        region=browser_world.region,
        title="Samen zorgen voor uw kind",
        body="Het zorgteam van de school.\n\nHet ZAT van de regio.",
    )
    return browser_world


def test_the_care_coordinator_records_the_conversation_before_the_zorgteam(
    page: Page, zorgteam_next: Any, axe_check: Any
) -> None:
    world = zorgteam_next
    mother = world.pupil_a1.guardian_links.get(authority="joint").guardian
    login(page, world.ib_a)
    page.goto(f"/zorg/zorgtrajecten/{world.case_a1.uuid}/")
    contact = page.get_by_test_id("parent-contact")
    expect(contact.get_by_role("heading", level=2)).to_contain_text(ui("Parent contact"))
    expect(page.get_by_test_id("parent-contact-missing")).to_be_visible()
    flag = page.get_by_test_id("parent-contact-flag")
    expect(flag).to_be_visible()
    expect(
        page.get_by_role("button", name=ui("Escalate", exact=True))
    ).to_be_enabled()  # flagged, not blocked
    axe_check(page, "case page with the parent contact flag")

    flag.get_by_role("link", name=ui("Conversation before the discussion")).click()
    expect(page.locator("main h1")).to_have_text(
        ui("Record the conversation before a discussion", exact=True)
    )
    axe_check(page, "record the conversation before")
    field(page, "Who took part").fill("Moeder, leerkracht en intern begeleider")
    field(page, "Reason for the discussion").fill(REASON)
    field(page, "How the child is doing at home").fill(HOME)
    field(page, "The parents' own questions").fill(QUESTIONS)
    page.get_by_role("button", name=ui("Record conversation", exact=True)).click()
    # the consent question was left out: refused, with what was typed still there
    expect(page.locator(".form-errors")).to_be_visible()
    expect(field(page, "Reason for the discussion")).to_have_value(REASON)
    axe_check(page, "conversation refused without the consent question")
    field(page, "I asked the parents for consent for the discussion").check()
    page.get_by_label(ui("The parents give consent", exact=True)).check()
    page.get_by_role("button", name=ui("Record conversation", exact=True)).click()

    expect(page.locator("main h1")).to_contain_text(
        ui("Parent contact for the case of %(name)s", name="Sanne Jansen")
    )
    expect(page.get_by_test_id("conversation")).to_have_count(1)
    expect(page.get_by_test_id("conversation")).to_contain_text(HOME)
    axe_check(page, "conversations with the parents")

    page.get_by_role("link", name=ui("Leaflet given", exact=True)).click()
    axe_check(page, "record the leaflet as given")
    page.get_by_label(re.compile(re.escape(mother.full_name))).check()
    page.get_by_label(ui("On paper", exact=True)).check()
    page.get_by_role("button", name=ui("Record", exact=True)).click()
    expect(page.locator("main h1")).to_contain_text(
        ui("Parent contact for the case of %(name)s", name="Sanne Jansen")
    )

    page.goto(f"/zorg/zorgtrajecten/{world.case_a1.uuid}/")
    expect(page.get_by_test_id("parent-contact-flag")).to_have_count(0)
    expect(page.get_by_test_id("parent-contact-missing")).to_have_count(0)
    row = page.get_by_test_id("touchpoints-school_care_team")
    expect(row.locator("td").nth(0)).to_have_attribute("data-state", "done")
    expect(row.locator("td").nth(2)).to_have_attribute("data-state", "done")
    axe_check(page, "case page with parent contact done")


def test_the_administrator_gives_a_school_its_own_leaflet(
    page: Page, zorgteam_next: Any, axe_check: Any
) -> None:
    world = zorgteam_next
    login(page, world.functional_admin)
    page.goto(f"/zorg/zorgroutes/regio/{world.region.uuid}/")
    page.get_by_test_id("leaflet-link").click()
    expect(page.locator("main h1")).to_have_text(
        ui("Parent leaflet of %(region)s", exact=True, region=world.region.name)
    )
    axe_check(page, "the region's parent leaflet")
    page.get_by_test_id("leaflet-schools").get_by_role("link", name=world.school_a.name).click()
    axe_check(page, "a school's parent leaflet")
    field(page, "Title").fill("Zorg op De Regenboog")
    page.get_by_role("button", name=ui("Save the school's own leaflet", exact=True)).click()
    schools = page.get_by_test_id("leaflet-schools")
    expect(schools.get_by_role("row").filter(has_text=world.school_a.name)).to_contain_text(
        ui("Own version (version %(version)s)", version=1)
    )
