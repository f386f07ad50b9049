"""What browser tests do again and again: codes, logging in through the real forms, reading the home page."""

from __future__ import annotations

import base64
import os
import re
import time
from typing import Any

# The same default as the root conftest, which skips (or, in CI, fails) browser tests when it is absent.
CHROMIUM = os.environ.get("ZORGROUTE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LOGIN_PATH = "/account/inloggen/"
OTP_PATH = "/account/tweestaps/"


def totp_code(key: bytes, *, not_before_step: int = 0) -> str:
    """A valid 6-digit code for a step no earlier than `not_before_step` (django-otp refuses reused steps)."""
    from django_otp.oath import totp

    now_step = int(time.time()) // 30
    drift = max(0, not_before_step - now_step)
    return f"{totp(key, drift=drift):06d}"


def device_code(user: Any) -> str:
    """A code from the user's confirmed authenticator that it will still accept."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return totp_code(device.bin_key, not_before_step=device.last_t + 1)


def secret_code(secret_base32: str) -> str:
    """A code from a base32 secret as an authenticator app gets it (spaces, missing padding allowed)."""
    secret = re.sub(r"\s+", "", secret_base32).upper()
    return totp_code(base64.b32decode(secret + "=" * (-len(secret) % 8)))


def submit_password(page: Any, username: str, password: str) -> Any:
    """Fill and send the real login form; returns the response to the POST."""
    if LOGIN_PATH not in page.url:
        page.goto(LOGIN_PATH)
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    with page.expect_response(lambda r: r.request.method == "POST" and LOGIN_PATH in r.url) as info:
        page.click("main button[type=submit]")
    page.wait_for_load_state()
    return info.value


def submit_code(page: Any, code: str) -> None:
    page.fill("#id_token", code)
    with page.expect_navigation():
        page.click("main button[type=submit]")


def login(page: Any, user: Any, password: str | None = None) -> None:
    """Password, then the 2FA page with a code from the user's authenticator; ends past the account pages."""
    from zorgroute.testing.factories import TEST_PASSWORD

    submit_password(page, user.username, password or TEST_PASSWORD)
    assert OTP_PATH in page.url, f"expected the 2FA page after the password, got {page.url}"
    submit_code(page, device_code(user))
    assert "/account/" not in page.url, f"2FA did not let {user.username} in: {page.url}"


# The care coordinator's and the head's home: their work, the school's reports, the zorgteam's self-assessment and
# the school's external referrals
COORDINATOR_SECTIONS = {
    "home-coordinator",
    "home-work",
    "home-reports",
    "home-quality",
    "home-external-referrals",
}


def visible_home_sections(page: Any) -> set[str]:
    return {
        element.get_attribute("data-testid")
        for element in page.locator("[data-testid^=home-]").all()
        if element.is_visible()
    }


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation.get('impact')}): {violation['help']} [{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:5]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def wait_until_code_accepted(user: Any, timeout: float = 10.0) -> None:
    """After a wrong code django-otp throttles the device (1 s, then 2 s, ...); a person would not notice."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    deadline = time.monotonic() + timeout
    for device in TOTPDevice.objects.filter(user=user):
        while not device.verify_is_allowed()[0]:
            assert time.monotonic() < deadline, "the authenticator stayed throttled"
            time.sleep(0.2)
            device.refresh_from_db()
