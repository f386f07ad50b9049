"""Every configuration URL requires a login (the access rule itself is checked in core/tests/test_conventions.py)."""

import pytest
from django.urls import URLPattern, reverse

from zorgroute.organisations import urls


def _all_urls():
    sample = "11111111-1111-1111-1111-111111111111"
    for pattern in urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        kwargs = dict.fromkeys(pattern.pattern.converters, sample)
        yield pattern.name, reverse(f"organisations:{pattern.name}", kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "url"), list(_all_urls()))
def test_every_configuration_page_requires_login(client, name, url):
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302, name
        assert response["Location"].startswith(reverse("accounts:login")), name
