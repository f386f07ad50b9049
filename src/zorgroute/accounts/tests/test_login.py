import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.audit.models import AuditEvent
from zorgroute.testing.factories import TEST_PASSWORD, give_totp

pytestmark = pytest.mark.django_db
LOGIN = reverse("accounts:login")


def code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def test_password_then_code_logs_in_and_audits_both_steps(client, world):
    device = give_totp(world.ib_a)
    response = client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:otp-verify"))
    assert client.get(reverse("home:home")).status_code == 302  # not yet verified
    response = client.post(reverse("accounts:otp-verify"), {"token": code(device)})
    assert response.status_code == 302 and response["Location"] == reverse("home:home")
    assert client.get(reverse("home:home")).status_code == 200
    events = list(AuditEvent.objects.filter(event__startswith="auth.").values_list("event", flat=True))
    assert events == ["auth.login", "auth.otp_verified"]


def test_a_wrong_password_is_refused_and_audited_without_a_user(client, world):
    response = client.post(LOGIN, {"username": "ib_a", "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
    event = AuditEvent.objects.get(event="auth.login_failed")
    assert event.actor_username == "ib_a" and event.result == "refused" and event.actor_uuid is None


def test_a_wrong_code_is_refused(client, world):
    give_totp(world.ib_a)
    client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    response = client.post(reverse("accounts:otp-verify"), {"token": "000000"})
    assert response.status_code == 200 and "token" in response.context["form"].errors
    assert AuditEvent.objects.filter(event="auth.otp_failed").exists()
    assert client.get(reverse("home:home")).status_code == 302


def test_a_backup_code_works_once(client, world):
    from zorgroute.accounts import services

    give_totp(world.ib_a)
    backup = services.backup_codes_generate(user=world.ib_a)[0]
    client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    assert client.post(reverse("accounts:otp-verify"), {"token": backup}).status_code == 302
    assert not StaticToken.objects.filter(token=backup).exists()


def test_lockout_after_repeated_failures(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(LOGIN, {"username": "ib_a", "password": "wrong"})
    response = client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "geblokkeerd" in response.content.decode() or "locked" in response.content.decode()
    assert AuditEvent.objects.filter(event="auth.locked_out").exists()


def test_a_user_without_a_device_is_sent_to_enrolment(client, world):
    response = client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    assert response["Location"] == reverse("accounts:otp-setup")


def test_enrolment_confirms_the_device_and_shows_backup_codes(client, world):
    client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    page = client.get(reverse("accounts:otp-setup"))
    assert page.status_code == 200 and b"<svg" in page.content
    device = TOTPDevice.objects.get(user=world.ib_a, confirmed=False)
    assert client.post(reverse("accounts:otp-setup"), {"token": "123"}).context["form"].errors
    device.refresh_from_db()
    device.throttle_reset()  # django-otp backs off after a failure; a person would simply wait a second
    response = client.post(reverse("accounts:otp-setup"), {"token": code(device)})
    assert response.status_code == 200 and len(response.context["codes"]) == 10
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("home:home")).status_code == 200
    assert AuditEvent.objects.filter(event="auth.otp_enrolled").exists()


def test_a_user_with_a_device_cannot_enrol_a_second_one_before_verifying(client, world):
    give_totp(world.ib_a)
    client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    assert client.get(reverse("accounts:otp-setup"))["Location"] == reverse("accounts:otp-verify")


def test_logout_ends_the_session(client, world):
    from zorgroute.testing.auth import login_verified

    login_verified(client, world.ib_a)
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("home:home")).status_code == 302
    assert AuditEvent.objects.filter(event="auth.logout").exists()


def test_open_redirects_are_refused_after_verification(client, world):
    device = give_totp(world.ib_a)
    client.post(LOGIN, {"username": "ib_a", "password": TEST_PASSWORD})
    response = client.post(
        reverse("accounts:otp-verify"), {"token": code(device), "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home:home")


def test_security_settings_are_production_safe_by_default():
    """Production settings with nothing but a secret in the environment."""
    import json
    import subprocess
    import sys

    script = (
        "import json; from zorgroute.conf import base as b; print(json.dumps([b.PASSWORD_HASHERS[0], b.DEBUG,"
        " b.SESSION_COOKIE_AGE, b.SESSION_SAVE_EVERY_REQUEST, b.SESSION_COOKIE_SECURE, b.CSRF_COOKIE_SECURE,"
        " b.SECURE_SSL_REDIRECT, b.SECURE_HSTS_SECONDS > 0, b.LANGUAGE_CODE, b.ALLOWED_HOSTS]))"
    )
    env = {"SECRET_KEY": "x", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.SRC_DIR.parent)}
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True)
    assert json.loads(out.stdout) == [
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        False,
        1800,
        False,  # the session is renewed once a minute by SessionActivityMiddleware instead
        True,
        True,
        True,
        True,
        "nl",
        [],
    ]


def test_production_settings_refuse_to_start_without_a_secret():
    import subprocess
    import sys

    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(settings.SRC_DIR.parent)}
    result = subprocess.run(
        [sys.executable, "-c", "import zorgroute.conf.base"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
