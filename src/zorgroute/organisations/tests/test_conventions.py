"""Conventions for the organisations pages that the project-wide check does not reach.

core/tests/test_conventions.py scans files named views.py and forms.py; the views here live in a package, so the
same rule is checked over it, and every configuration URL is shown to require a login.
"""

import ast
from pathlib import Path

import pytest
from django.urls import URLPattern, reverse

from zorgroute.organisations import urls

APP = Path(__file__).resolve().parents[1]
FORBIDDEN_CALLS = {"get_object_or_404", "get_list_or_404"}


def interface_files():
    return [APP / "forms.py", *sorted((APP / "views").glob("*.py"))]


def test_views_and_forms_never_look_objects_up_past_access():
    offences = []
    for path in interface_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Name) and node.id in FORBIDDEN_CALLS:
                offences.append(f"{path.name}:{node.lineno} {node.id}")
            if isinstance(node, ast.Attribute) and node.attr == "objects":
                offences.append(f"{path.name}:{node.lineno} .objects")
    assert offences == []


def test_the_check_sees_the_view_modules():
    names = {path.name for path in interface_files()}
    assert {"forms.py", "regions.py", "schools.py", "partners.py", "careteams.py", "people.py"} <= names


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
