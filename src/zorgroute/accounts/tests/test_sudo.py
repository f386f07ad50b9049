import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.audit.models import AuditEvent
from zorgroute.testing.auth import login_verified
from zorgroute.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_new_backup_codes_need_a_fresh_password_and_code(client, world):
    login_verified(client, world.ib_a)
    response = client.post(reverse("accounts:backup-codes"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:sudo"))
    device = TOTPDevice.objects.get(user=world.ib_a)
    bad = client.post(reverse("accounts:sudo"), {"password": "wrong", "token": "000000"})
    assert bad.status_code == 200 and AuditEvent.objects.filter(event="auth.sudo_failed").exists()
    good = client.post(
        reverse("accounts:sudo"),
        {
            "password": TEST_PASSWORD,
            "token": f"{totp(device.bin_key):06d}",
            "next": reverse("accounts:profile"),
        },
    )
    assert good["Location"] == reverse("accounts:profile")
    response = client.post(reverse("accounts:backup-codes"))
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    assert AuditEvent.objects.filter(event="auth.backup_codes_generated").exists()


def test_sudo_expires(client, world, settings):
    from zorgroute.accounts.sudo import grant_sudo, has_sudo, revoke_sudo

    login_verified(client, world.ib_a)
    request = type("R", (), {"session": {}})()
    assert not has_sudo(request)
    grant_sudo(request)
    assert has_sudo(request)
    revoke_sudo(request)
    assert not has_sudo(request)
    settings.SUDO_MODE_MINUTES = -1
    grant_sudo(request)
    assert not has_sudo(request)


def test_sudo_required_decorator_redirects_then_passes(rf, world):
    from django.http import HttpResponse

    from zorgroute.accounts.sudo import grant_sudo, sudo_required

    view = sudo_required(lambda request: HttpResponse("ok"))
    request = rf.post("/gevaarlijk/")
    request.session = {}
    assert view(request).status_code == 302
    grant_sudo(request)
    assert view(request).content == b"ok"


def test_profile_page(client, world):
    login_verified(client, world.teacher)
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 200 and response.context["has_device"]
