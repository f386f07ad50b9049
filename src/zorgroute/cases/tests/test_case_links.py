"""The `case_link` tag: a link to the case page, with the badge of a case discussed by name without consent."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.urls import reverse
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db

TEMPLATE = engines["django"].from_string("{% load case_links %}{% case_link case label %}")


def render(case, label="Sanne <Jansen>"):
    return TEMPLATE.render({"case": case, "label": label})


def test_it_links_the_escaped_label_to_the_case_page(world):
    html = render(world.case_a1)
    url = reverse("cases:case-detail", args=[world.case_a1.uuid])
    assert html == f'<a href="{url}">Sanne &lt;Jansen&gt;</a>'


def test_it_marks_a_case_discussed_by_name_without_consent(world):
    world.case_a1.without_consent = True
    badge = gettext("By name without consent")
    assert render(world.case_a1).endswith(f' <span class="badge badge-danger">{badge}</span>')
    world.case_a1.without_consent = False
    assert "badge" not in render(world.case_a1)


def test_without_a_case_it_shows_the_label_only():
    assert render(None) == "Sanne &lt;Jansen&gt;"
    assert render(SimpleNamespace(uuid="not a uuid/")) == "Sanne &lt;Jansen&gt;"


def test_the_included_partial_renders_the_same(world):
    world.case_a1.without_consent = True
    partial = engines["django"].from_string('{% include "cases/_case_link.html" with label="Sanne" %}')
    assert partial.render({"case": world.case_a1}).strip() == render(world.case_a1, "Sanne")
