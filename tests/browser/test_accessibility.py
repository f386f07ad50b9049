"""axe-core (WCAG 2.0 and 2.1, levels A and AA) on every page, in the state a real user reaches it.

Zero violations is the bar. Results per page are also written to test-results/axe-*.json.
"""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    device_code,
    login,
    secret_code,
    submit_code,
    submit_password,
    wait_until_code_accepted,
)
from tests.browser.test_login import EXPECTED_HOME_SECTIONS
from zorgroute.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def test_it_has_no_violations_on_the_login_page(page, browser_world, axe_check):
    page.goto("/account/inloggen/")
    axe_check(page, "login")

    submit_password(page, "ib_a", "not-the-password")
    expect(page.locator("main .form-errors, main .error").first).to_be_visible()
    axe_check(page, "login with an error")


def test_it_has_no_violations_on_the_2fa_pages(page, browser_world, axe_check):
    submit_password(page, browser_world.ib_a.username, TEST_PASSWORD)
    assert "/account/tweestaps/" in page.url
    axe_check(page, "2FA verify")

    submit_code(page, "12345")  # too short and wrong
    assert "/account/tweestaps/" in page.url
    axe_check(page, "2FA verify with an error")


def test_it_has_no_violations_on_the_2fa_setup_and_backup_codes_pages(page, browser_world, axe_check):
    from zorgroute.organisations import constants as oc
    from zorgroute.testing import factories as f

    newcomer = f.UserFactory(username="nieuwkomer")
    f.StaffRoleFactory(user=newcomer, role=oc.StaffRoleKind.CARE_COORDINATOR, school=browser_world.school_a)
    submit_password(page, newcomer.username, TEST_PASSWORD)
    assert "/account/tweestaps/instellen/" in page.url
    axe_check(page, "2FA setup")

    submit_code(page, "000")
    assert page.locator("main .error").count() == 1
    axe_check(page, "2FA setup with an error")

    wait_until_code_accepted(newcomer)
    submit_code(page, secret_code(page.locator("[data-testid=totp-secret]").inner_text()))
    assert page.locator("ul.codes li").count() == 10
    axe_check(page, "backup codes (first time)")


@pytest.mark.parametrize("persona", list(EXPECTED_HOME_SECTIONS))
def test_it_has_no_violations_on_the_home_page_of_each_role(page, browser_world, axe_check, persona):
    login(page, getattr(browser_world, persona))
    axe_check(page, f"home ({persona})")


def test_it_has_no_violations_on_the_pupil_pages(page, browser_world, axe_check):
    login(page, browser_world.ib_a)
    page.goto("/leerlingen/")
    expect(page.locator("#pupil-results tbody tr")).to_have_count(2)
    axe_check(page, "pupil list")

    page.locator("#pupil-q").press_sequentially("Jans", delay=40)
    expect(page.locator("#pupil-results tbody tr")).to_have_count(1)
    axe_check(page, "pupil list after an htmx search")

    page.locator("#pupil-q").fill("zzzz-niemand")
    expect(page.locator("#pupil-results tbody tr")).to_have_count(0)
    axe_check(page, "pupil list without results")

    page.goto(f"/leerlingen/{browser_world.pupil_a1.uuid}/")
    expect(page.locator("main h1")).to_contain_text(browser_world.pupil_a1.last_name)
    assert page.locator("main table").count() == 2  # guardians and enrolments
    axe_check(page, "pupil detail (care coordinator)")


def test_it_has_no_violations_on_the_pupil_page_a_parent_sees(page, browser_world, axe_check):
    login(page, browser_world.parent_with_authority)
    page.goto(f"/leerlingen/{browser_world.pupil_a1.uuid}/")
    expect(page.locator("main h1")).to_contain_text(browser_world.pupil_a1.last_name)
    axe_check(page, "pupil detail (parent)")


def test_it_has_no_violations_on_the_account_pages(page, browser_world, axe_check):
    user = browser_world.ib_a
    login(page, user)
    page.goto("/account/mijn-account/")
    axe_check(page, "my account")

    with page.expect_navigation():
        page.click("main form[action*='herstelcodes'] button")
    assert "/account/bevestigen/" in page.url
    axe_check(page, "sudo")

    page.fill("#id_password", "wrong-password-here")
    page.fill("#id_token", "123456")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.locator("main .form-errors").count() == 1
    axe_check(page, "sudo with an error")

    wait_until_code_accepted(user)
    page.fill("#id_password", TEST_PASSWORD)
    page.fill("#id_token", device_code(user))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/account/mijn-account/")
    with page.expect_navigation():
        page.click("main form[action*='herstelcodes'] button")
    assert page.locator("ul.codes li").count() == 10
    axe_check(page, "backup codes (regenerated)")


def test_it_has_no_violations_on_the_audit_log(page, browser_world, axe_check):
    login(page, browser_world.privacy_officer)
    page.goto("/audit/")
    assert page.locator("main tbody tr").count() >= 1
    axe_check(page, "audit log")


def test_it_has_no_violations_on_the_error_pages(page, browser_world, axe_check):
    login(page, browser_world.zat_member)
    response = page.goto(f"/leerlingen/{uuid.uuid4()}/")
    assert response.status == 404
    axe_check(page, "404")

    response = page.goto("/leerlingen/")  # a partner's staff member may not search pupils
    assert response.status == 403
    axe_check(page, "403")


def test_it_has_no_violations_on_the_locked_out_page(page, browser_world, axe_check):
    responses = [submit_password(page, "leerkracht", f"wrong-{i}") for i in range(5)]
    assert responses[-1].status == 429
    axe_check(page, "locked out")


def test_it_has_no_violations_on_the_english_pages(page, browser_world, axe_check):
    login(page, browser_world.ib_a)
    page.select_option("#language-switch", "en")
    with page.expect_navigation():
        page.click("header form[action*='/taal/'] button")
    assert page.locator("html").get_attribute("lang") == "en"
    axe_check(page, "home in English")
    page.goto(f"/leerlingen/{browser_world.pupil_a1.uuid}/")
    axe_check(page, "pupil detail in English")


def test_it_would_report_a_violation_if_a_page_had_one(page, browser_world, axe_check):
    """The check itself can fail: an image without a text alternative and an unlabeled field are caught."""
    page.goto("/account/inloggen/")
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<img src="/static/none.png"><input type="text" name="x">');
        }"""
    )
    with pytest.raises(AssertionError) as failure:
        axe_check(page, "deliberately broken login page")
    assert "image-alt" in str(failure.value)
    assert "label" in str(failure.value)
