"""Helpers shared by the organisations tests: an administrator of another region, sudo mode, page comparison."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.audit.models import AuditEvent
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.testing import factories as f
from zorgroute.testing.auth import login_verified, page_fingerprint
from zorgroute.testing.factories import TEST_PASSWORD

MISSING = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def outsider(world):
    """A functional administrator of another region: holds every admin action, but not here."""
    user = f.UserFactory(username="beheerder_elders")
    f.StaffRoleFactory(user=user, role=StaffRoleKind.FUNCTIONAL_ADMIN, region=world.other_region)
    return user


@pytest.fixture
def admin_client(client, world):
    return login_verified(client, world.functional_admin)


def enter_sudo(client, user) -> None:
    """Re-authenticate through the real sudo page (password + a fresh TOTP code)."""
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    response = client.post(
        reverse("accounts:sudo"),
        {"password": TEST_PASSWORD, "token": f"{totp(device.bin_key):06d}", "next": "/"},
    )
    assert response.status_code == 302, response.content


def assert_same_as_missing(client, hidden_url: str, missing_url: str, method: str = "get") -> None:
    """The hidden object answers exactly like a missing one: status 404 and the same page."""
    call = getattr(client, method)
    hidden, missing = call(hidden_url), call(missing_url)
    assert hidden.status_code == missing.status_code == 404
    assert page_fingerprint(hidden.content, hidden_url) == page_fingerprint(missing.content, missing_url)


def last_event(name: str) -> AuditEvent:
    return AuditEvent.objects.filter(event=name).order_by("-seq").first()
