"""Every configuration page under /organisaties/ (discovered from organisations/urls.py), as the functional
administrator of the region would open it: it renders, and axe finds no WCAG 2.0/2.1 A or AA violation.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import COORDINATOR_SECTIONS, device_code, login
from zorgroute.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.browser


def _kwargs_for(world) -> dict[str, str]:
    """A real object for every URL parameter the organisation pages take."""
    from zorgroute.organisations.models import GroupTeacher, Membership, StaffRole

    teacher_role = StaffRole.objects.get(user=world.teacher)
    return {
        "region_uuid": str(world.region.uuid),
        "board_uuid": str(world.school_a.board.uuid),
        "school_uuid": str(world.school_a.uuid),
        "group_uuid": str(world.group_a1.uuid),
        "link_uuid": str(GroupTeacher.objects.get(group=world.group_a1, user=world.teacher).uuid),
        "partner_uuid": str(world.partner_jgz.uuid),
        "team_uuid": str(world.zat.uuid),
        "membership_uuid": str(Membership.objects.get(team=world.zat, user=world.zat_member).uuid),
        "role_uuid": str(teacher_role.uuid),
        "person_uuid": str(world.teacher.uuid),
    }


def _organisation_urls(world) -> dict[str, str]:
    from django.urls import URLPattern, reverse

    from zorgroute.organisations import urls

    kwargs = _kwargs_for(world)
    found = {}
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        names = list(pattern.pattern.converters)
        missing = [n for n in names if n not in kwargs]
        assert not missing, f"no test object for {missing} in {pattern.name}: extend _kwargs_for"
        found[pattern.name] = reverse(f"organisations:{pattern.name}", kwargs={n: kwargs[n] for n in names})
    return found


def _grant_sudo(page, user) -> None:
    page.goto("/account/bevestigen/?next=/account/mijn-account/")
    page.fill("#id_password", TEST_PASSWORD)
    page.fill("#id_token", device_code(user))
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert page.url.endswith("/account/mijn-account/"), page.url


def test_it_has_no_violations_on_any_organisation_page(page, browser_world, axe_check):
    admin = browser_world.functional_admin
    login(page, admin)
    _grant_sudo(page, admin)  # some pages (ending a membership, revoking a role) ask for it first
    statuses: dict[str, int] = {}
    failures: list[str] = []

    for name, url in _organisation_urls(browser_world).items():
        if page.request.get(url, max_redirects=0).status == 405:
            statuses[name] = (
                405  # a POST-only endpoint, used by a form on another page; chromium shows no page
            )
            continue
        response = page.goto(url)
        statuses[name] = response.status
        if response.status != 200 or "/account/" in page.url:
            failures.append(f"{name}: {url} gave {response.status} at {page.url}")
            continue
        expect(page.locator("main h1")).to_be_visible()
        try:
            axe_check(page, f"organisations: {name}")
        except AssertionError as exc:
            failures.append(str(exc))

    pages = [name for name, status in statuses.items() if status == 200]
    assert len(pages) >= 20, statuses
    assert not failures, "\n\n".join(failures)


def test_it_has_no_violations_on_an_organisation_form_with_errors(page, browser_world, axe_check):
    from django.urls import reverse

    login(page, browser_world.functional_admin)
    page.goto(reverse("organisations:school-create", kwargs={"region_uuid": str(browser_world.region.uuid)}))
    with page.expect_navigation():
        page.click("main form.config-form button[type=submit]")

    assert page.locator("main .field-error").count() >= 1
    axe_check(page, "organisations: school form with errors")


def test_it_lets_the_administrator_create_a_care_coordinator_who_then_enrols_and_logs_in(
    browser, live_server, page, browser_world, axe_check
):
    from django.urls import reverse

    from tests.browser.helpers import secret_code, submit_code, submit_password, visible_home_sections

    login(page, browser_world.functional_admin)
    page.goto(reverse("organisations:person-create", kwargs={"region_uuid": str(browser_world.region.uuid)}))
    page.fill("#id_first_name", "Noor")
    page.fill("#id_last_name", "Testvelt")
    page.fill("#id_username", "noor_ib")
    page.select_option("#id_role", "care_coordinator")
    page.select_option("#id_school", str(browser_world.school_a.uuid))
    with page.expect_navigation():
        page.click("main form.config-form button[type=submit]")
    password = page.locator("[data-testid=initial-password]").inner_text().strip()
    assert len(password) >= 12
    axe_check(page, "organisations: account created")

    # The new person, in another browser session: password, 2FA set-up, backup codes, home.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    newcomer = context.new_page()
    try:
        submit_password(newcomer, "noor_ib", password)
        assert "/account/tweestaps/instellen/" in newcomer.url
        submit_code(newcomer, secret_code(newcomer.locator("[data-testid=totp-secret]").inner_text()))
        assert newcomer.locator("ul.codes li").count() == 10
        with newcomer.expect_navigation():
            newcomer.click("main a.button")
        assert visible_home_sections(newcomer) == COORDINATOR_SECTIONS
        assert browser_world.school_a.name in newcomer.locator("[data-testid=home-coordinator]").inner_text()
    finally:
        context.close()
