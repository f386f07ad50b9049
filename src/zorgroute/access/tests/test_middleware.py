import pytest
from django.urls import reverse

from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def test_a_password_only_session_can_reach_nothing_but_the_second_factor(client, world):
    client.force_login(world.ib_a)
    response = client.get(reverse("pupils:pupil-detail", args=[world.pupil_a1.uuid]))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:otp-verify")
    assert client.get(reverse("home:home")).status_code == 302
    assert client.get(reverse("accounts:otp-verify")).status_code in (200, 302)
    assert client.get(reverse("core:health")).status_code == 200


def test_a_verified_session_passes(client, world):
    login_verified(client, world.ib_a)
    assert client.get(reverse("home:home")).status_code == 200
