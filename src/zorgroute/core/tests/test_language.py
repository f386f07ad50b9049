import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_dutch_is_shown_whatever_the_browser_asks_for(client):
    response = client.get(reverse("accounts:login"), headers={"Accept-Language": "en-US,en;q=0.9"})
    assert response["Content-Language"] == "nl"
    assert '<html lang="nl">' in response.content.decode()


def test_the_switch_sets_english_and_back(client):
    client.post(reverse("set-language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert client.get(reverse("accounts:login"))["Content-Language"] == "en"
    client.post(reverse("set-language"), {"language": "nl", "next": "/"})
    assert client.get(reverse("accounts:login"))["Content-Language"] == "nl"


def test_an_unknown_language_cookie_falls_back_to_dutch(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get(reverse("accounts:login"))["Content-Language"] == "nl"
