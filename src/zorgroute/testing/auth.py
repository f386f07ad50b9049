"""Log a test client in as a user who passed both factors."""

from __future__ import annotations

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.accounts.models import User
from zorgroute.testing.factories import give_totp


def login_verified(client: Client, user: User) -> Client:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or give_totp(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def page_fingerprint(content: bytes, path: str) -> bytes:
    """A page with its per-render CSRF tokens and the requested path removed, to compare two responses."""
    import re

    text = re.sub(rb'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', rb"\1", content)
    return text.replace(path.encode(), b"<path>")
