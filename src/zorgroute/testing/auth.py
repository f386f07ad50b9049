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


def count_queries(client: Client, url: str, **params: str) -> int:
    """Number of database queries one GET of `url` takes (asserting it succeeds).

    A first, unmeasured request warms up what happens once per session or database (the audit chain head row).
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, params)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)
