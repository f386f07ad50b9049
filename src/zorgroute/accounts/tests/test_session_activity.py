"""The idle timeout: activity renews the session at most once a minute, so a page view is not a database write."""

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from zorgroute.accounts import middleware
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


def test_activity_renews_the_session_once_a_minute(client, world, monkeypatch):
    clock = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: clock[0])
    login_verified(client, world.teacher)
    client.get(reverse("home:home"))
    first = expiry(client)
    clock[0] += 30  # within the step: no write, the expiry stays
    client.get(reverse("home:home"))
    assert expiry(client) == first
    clock[0] += 31  # a minute after the last renewal: renewed
    client.get(reverse("home:home"))
    assert expiry(client) > first
