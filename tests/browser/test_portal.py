"""The parent portal in a browser, on a phone (390 × 844), in Dutch, with axe on every page (issue 4 items 6-8).

The care coordinator invites a new parent of Sanne (joint authority) from the pupil page; the parent opens the link
from the e-mail, chooses a password, sets up the authenticator app, finds Sanne's care route, reads the
parent-visible line, signs the current plan, withdraws the zorgteam consent (the forum loses Sanne's name at once)
and looks at who opened the record: role and school, no staff names. Every portal page is then checked again at a
desktop width.

Interface texts are looked up in the catalogue: a pattern accepts the Dutch text and its English source, so the test
holds while the Dutch catalogue of these pages is being filled.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.utils import translation
from playwright.sync_api import Page, expect

from tests.browser.helpers import login, secret_code

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PASSWORD = "een lange zin om te onthouden"
EMAIL = "eva.jansen@example.org"


def ui(msgid: str, **params: object) -> re.Pattern[str]:
    """The Dutch text or its English source (while the catalogue is being filled)."""
    variants = set()
    for language in ("nl", "en"):
        with translation.override(language):
            text = translation.gettext(msgid)
        variants.add(text % params if params else text)
    return re.compile("|".join(re.escape(v) for v in sorted(variants, key=len, reverse=True)))


@pytest.fixture
def portal_world(browser_world: Any) -> Any:
    """Sanne gets a second parent with joint authority and no login yet, a current plan and a zorgteam consent
    both parents gave."""
    from zorgroute.cases.tests.case_helpers import current_plan
    from zorgroute.testing import consent
    from zorgroute.testing import factories as f

    world = browser_world
    guardian = f.GuardianFactory(first_name="Eva", name_prefix="", last_name="Jansen", email="", user=None)
    f.PupilGuardianFactory(pupil=world.pupil_a1, guardian=guardian, relationship="parent", authority="joint")
    world.new_guardian = guardian
    world.plan = current_plan(world.case_a1, world.ib_a)
    world.consent = consent.give(world.case_a1, world.ib_a, "school_care_team")
    return world


@pytest.fixture
def phone(browser: Any, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", timezone_id="Europe/Amsterdam", viewport=PHONE
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def invite_from_the_pupil_page(page: Page, world: Any, axe_check: Any) -> str:
    """The care coordinator sends the invitation; returns the link from the e-mail."""
    login(page, world.ib_a)
    page.goto(f"/leerlingen/{world.pupil_a1.uuid}/")
    page.get_by_role("link", name=ui("Portal logins and invitations")).click()
    axe_check(page, "portal: family logins (care coordinator)")
    panel = page.locator(f"[data-testid=member-{world.new_guardian.uuid}]")
    panel.get_by_label(ui("E-mail address")).fill(EMAIL)
    panel.get_by_role("button", name=ui("Send invitation")).click()
    expect(page.locator("main .messages")).to_contain_text(EMAIL)
    axe_check(page, "portal: family logins after the invitation")
    assert [m.to for m in mail.outbox] == [[EMAIL]]
    link = re.search(r"https?://\S+/account/uitnodiging/\S+/", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    return urlparse(link.group(0)).path


def test_a_parent_accepts_the_invitation_signs_the_plan_withdraws_consent_and_sees_the_access_log(
    page: Page, phone: Page, portal_world: Any, axe_check: Any
) -> None:
    from zorgroute.consents import rules, selectors
    from zorgroute.plans.models import PlanSignature

    world = portal_world
    path = invite_from_the_pupil_page(page, world, axe_check)

    # The parent, on a phone: the link, a password, the authenticator app.
    phone.goto(path)
    axe_check(phone, "portal: invitation (phone)")
    expect(phone.get_by_test_id("invited-username")).to_have_text(EMAIL)
    phone.locator("#id_password1").fill(PASSWORD)
    phone.locator("#id_password2").fill(PASSWORD)
    phone.get_by_role("button", name=ui("Set my password")).click()
    expect(phone).to_have_url(re.compile("/account/tweestaps/instellen/"))
    axe_check(phone, "portal: two-step set-up (phone)")
    secret = phone.get_by_test_id("totp-secret").inner_text()
    phone.locator("#id_token").fill(secret_code(secret))
    phone.locator("main button[type=submit]").click()
    axe_check(phone, "portal: backup codes (phone)")
    phone.locator("main a.button").click()

    # The portal: Sanne, her care route, the line meant for parents.
    phone.goto("/ouders/")
    axe_check(phone, "portal: my children (phone)")
    phone.get_by_role("link", name=ui("Open the record of %(name)s", name="Sanne")).click()
    axe_check(phone, "portal: child (phone)")
    phone.get_by_role("link", name=ui("Plan, consent and messages")).click()
    axe_check(phone, "portal: care route (phone)")
    timeline = phone.get_by_test_id("portal-timeline")
    expect(timeline).to_contain_text("Gesprek met ouders gepland")
    expect(timeline).not_to_contain_text("Voor het zorgteam")
    case_url = phone.url

    # Sign the current plan.
    phone.get_by_role("button", name=ui("I agree with this plan and sign it")).click()
    expect(phone.get_by_test_id("plan-signed")).to_be_visible()
    axe_check(phone, "portal: plan signed (phone)")
    signature = PlanSignature.objects.get()
    assert (signature.guardian_id, signature.version) == (world.new_guardian.pk, world.plan.version)

    # Withdraw the zorgteam consent: the forum may no longer discuss Sanne by name.
    before = selectors.case_consent(world.case_a1).basis("school_care_team")
    assert before.decision.verdict is rules.Verdict.BY_NAME
    record = phone.get_by_test_id(f"consent-{world.consent.uuid}")
    record.get_by_role("button", name=ui("Withdraw my consent")).click()
    expect(phone.get_by_test_id(f"consent-{world.consent.uuid}").get_by_test_id("my-answer")).to_contain_text(
        ui("Withdrew consent")
    )
    axe_check(phone, "portal: consent withdrawn (phone)")
    after = selectors.case_consent(world.case_a1).basis("school_care_team")
    assert after.decision.verdict is rules.Verdict.NOT_ALLOWED

    # Who looked at Sanne's record: the care coordinator of her school, by role, never by name.
    phone.get_by_role("link", name=re.compile("Sanne")).first.click()
    phone.get_by_role("link", name=ui("Who looked at the record")).click()
    axe_check(phone, "portal: access log (phone)")
    log = phone.get_by_test_id("access-log")
    expect(log).to_contain_text(world.school_a.name)
    expect(log).to_contain_text(ui("Care coordinator"))
    assert world.ib_a.last_name not in log.inner_text()
    log_url = phone.url

    # The same pages at a desktop width, and the used link's page on both.
    phone.goto(path)
    expect(phone.get_by_test_id("invitation-refused")).to_be_visible()
    axe_check(phone, "portal: used invitation link (phone)")
    phone.set_viewport_size(DESKTOP)
    child_url = f"/ouders/{world.pupil_a1.uuid}/"
    for address, name in (
        ("/ouders/", "my children"),
        (child_url, "child"),
        (case_url, "care route"),
        (log_url, "access log"),
        (path, "used invitation link"),
    ):
        phone.goto(address)
        axe_check(phone, f"portal: {name} (desktop)")


def test_the_pupil_of_16_refuses_a_parent_who_then_loses_access(
    page: Page, phone: Page, browser_world: Any, axe_check: Any
) -> None:
    from zorgroute.testing import factories as f
    from zorgroute.testing.factories import give_totp

    world = browser_world
    parent = f.UserFactory(username="moeder_bram")
    give_totp(parent)
    link = f.PupilGuardianFactory(
        pupil=world.pupil_16,
        guardian=f.GuardianFactory(user=parent),
        relationship="mother",
        authority="joint",
    )
    login(page, parent)
    page.goto(f"/ouders/{world.pupil_16.uuid}/")
    axe_check(page, "portal: child of a parent of a pupil of 16 (desktop)")

    login(phone, world.pupil_user)
    phone.goto("/ouders/")
    axe_check(phone, "portal: my record (pupil, phone)")
    phone.get_by_role("link", name=ui("Open my record")).click()
    phone.get_by_role("link", name=ui("Which parents may see my record")).click()
    axe_check(phone, "portal: informing choice (pupil, phone)")
    phone.get_by_role("group", name=re.compile(link.guardian.full_name)).get_by_role(
        "radio", name=ui("May not see my record")
    ).check()
    phone.get_by_role("button", name=ui("Save my choice")).click()
    expect(phone.locator("main .messages")).to_be_visible()
    phone.set_viewport_size(DESKTOP)
    phone.goto(f"/ouders/{world.pupil_16.uuid}/meekijken/")
    axe_check(phone, "portal: informing choice (pupil, desktop)")

    response = page.goto(f"/ouders/{world.pupil_16.uuid}/")
    assert response is not None and response.status == 404
