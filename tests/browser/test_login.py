"""Logging in as each persona through the real forms: password, then 2FA, then the right home page."""

from __future__ import annotations

import pytest

from tests.browser.helpers import (
    COORDINATOR_SECTIONS,
    device_code,
    login,
    secret_code,
    submit_code,
    submit_password,
    visible_home_sections,
)

pytestmark = pytest.mark.browser

# Which sections of templates/home/home.html each persona sees (exactly these, no others).
EXPECTED_HOME_SECTIONS = {
    "teacher": {"home-teacher", "home-work"},
    "ib_a": COORDINATOR_SECTIONS,
    "head_a": COORDINATOR_SECTIONS,
    "ib_b": COORDINATOR_SECTIONS,
    # a partner's worker in a team: the team's meetings, the partner workspace, the team's self-assessment
    "zorgteam_member": {"home-teams", "home-meetings", "home-work", "home-quality", "home-partner"},
    "zat_chair": {"home-teams", "home-meetings", "home-work", "home-quality", "home-reports"},
    "zat_member": {"home-teams", "home-meetings", "home-work", "home-quality", "home-partner"},
    "on_call_partner": {"home-teams", "home-meetings", "home-work", "home-quality", "home-partner"},
    "parent_with_authority": {"home-family"},
    "parent_without_authority": {"home-empty"},  # no authority: no portal access to the child's record
    "pupil_user": {"home-family"},
    "municipality_analyst": {"home-aggregates", "home-reports"},  # figures for the region, never a pupil
    "functional_admin": {"home-admin"},
    "privacy_officer": {"home-privacy"},
    "system_admin": {"home-admin"},
    "nobody": {"home-empty"},
}


def test_it_expects_a_home_page_for_every_persona():
    from zorgroute.testing.personas import World

    assert set(EXPECTED_HOME_SECTIONS) == set(World.persona_names())


@pytest.mark.parametrize("persona", list(EXPECTED_HOME_SECTIONS))
def test_it_logs_in_with_password_and_totp_and_shows_the_home_page_of_the_role(page, browser_world, persona):
    user = getattr(browser_world, persona)

    login(page, user)

    assert page.url.endswith("/"), page.url
    assert visible_home_sections(page) == EXPECTED_HOME_SECTIONS[persona]
    assert page.locator("header .user-name").inner_text().strip() in {user.get_full_name(), user.username}


def test_it_refuses_a_wrong_totp_code_and_stays_on_the_2fa_page(page, browser_world):
    from zorgroute.audit.models import AuditEvent

    submit_password(page, "leerkracht", _password())
    assert "/account/tweestaps/" in page.url
    right = device_code(browser_world.teacher)
    submit_code(page, f"{(int(right) + 500_000) % 1_000_000:06d}")

    assert "/account/tweestaps/" in page.url
    assert page.locator(".field-error #id_token").count() == 1
    assert page.locator("[data-testid^=home-]").count() == 0
    assert AuditEvent.objects.filter(event="auth.otp_failed", actor_username="leerkracht").exists()
    # The home page is still out of reach: the middleware sends the half-logged-in user back to 2FA.
    page.goto("/leerlingen/")
    assert "/account/tweestaps/" in page.url


def test_it_enrols_a_user_without_an_authenticator_on_first_login(page, browser_world):
    from django_otp.plugins.otp_static.models import StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from zorgroute.organisations import constants as oc
    from zorgroute.testing import factories as f

    newcomer = f.UserFactory(username="nieuwe_leerkracht")
    f.StaffRoleFactory(user=newcomer, role=oc.StaffRoleKind.TEACHER, school=browser_world.school_a)
    f.GroupTeacherFactory(group=browser_world.group_a2, user=newcomer)

    submit_password(page, newcomer.username, _password())
    assert "/account/tweestaps/instellen/" in page.url
    assert page.locator("svg").count() >= 1  # the QR code
    secret = page.locator("[data-testid=totp-secret]").inner_text()

    submit_code(page, secret_code(secret))

    codes = [c.strip() for c in page.locator("ul.codes code").all_inner_texts()]
    assert len(codes) == 10 and all(len(c) == 8 and c.isdigit() for c in codes)
    assert set(codes) == set(
        StaticToken.objects.filter(device__user=newcomer).values_list("token", flat=True)
    )
    assert TOTPDevice.objects.get(user=newcomer).confirmed
    with page.expect_navigation():
        page.click("main a.button")
    assert visible_home_sections(page) == {"home-teacher", "home-work"}
    assert page.get_by_text(browser_world.group_a2.name).is_visible()


def test_it_locks_the_account_after_five_wrong_passwords(page, browser_world):
    responses = [submit_password(page, "ib_a", f"wrong-password-{i}") for i in range(5)]

    assert [r.status for r in responses[:4]] == [200] * 4  # the login form again, with an error
    assert responses[4].status == 429
    assert page.locator("main h1").inner_text() == _locked_title(page)
    # Even the right password does not get in while locked.
    page.goto("/account/inloggen/")
    response = submit_password(page, "ib_a", _password())
    assert response.status == 429
    assert "/account/tweestaps/" not in page.url


def test_it_switches_the_language_to_english_and_back(page, browser_world):
    login(page, browser_world.ib_a)
    dutch_heading = page.locator("main h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "nl"
    assert dutch_heading.startswith("Welkom")

    page.select_option("#language-switch", "en")
    with page.expect_navigation():
        page.click("header form[action*='/taal/'] button")

    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").inner_text().startswith("Welcome")
    assert visible_home_sections(page) == COORDINATOR_SECTIONS  # same page, other language

    page.select_option("#language-switch", "nl")
    with page.expect_navigation():
        page.click("header form[action*='/taal/'] button")

    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("main h1").inner_text() == dutch_heading


def _password() -> str:
    from zorgroute.testing.factories import TEST_PASSWORD

    return TEST_PASSWORD


def _locked_title(page) -> str:
    return page.title().split(" · ")[0]
