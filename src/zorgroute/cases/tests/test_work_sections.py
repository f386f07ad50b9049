"""The whole lists of My work (cases:my-work-section): My work shows the first rows of each list with its count and
"Show all"; the list's own page shows every row, a page at a time, only what the user may see, audited."""

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import work_selectors
from zorgroute.cases.tests.signal_helpers import grow
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
MY_WORK = reverse("cases:my-work")


def url(slug: str) -> str:
    return reverse("cases:my-work-section", args=[slug])


def test_my_work_links_to_the_whole_list_when_it_shows_only_the_first_rows(client, world, monkeypatch):
    monkeypatch.setattr(work_selectors, "LIST_LIMIT", 2)
    grow(world, 4)  # 4 stuck cases at school A
    login_verified(client, world.ib_a)
    page = client.get(MY_WORK).content.decode()
    assert f'href="{url("vastgelopen")}"' in page
    assert "Alle 4 tonen" in page  # Dutch: "Show all 4"
    monkeypatch.setattr(work_selectors, "LIST_LIMIT", 10)
    assert f'href="{url("vastgelopen")}"' not in client.get(MY_WORK).content.decode()  # every row shown


def test_the_list_page_shows_every_row_a_page_at_a_time(client, world, monkeypatch):
    monkeypatch.setattr(work_selectors, "SECTION_PAGE_SIZE", 3)
    grow(world, 4)
    login_verified(client, world.ib_a)
    first = client.get(url("vastgelopen"))
    assert first.status_code == 200
    assert first.context["page"].paginator.count == 4 and len(first.context["page"].object_list) == 3
    second = client.get(url("vastgelopen"), {"page": 2})
    shown = [c.pk for c in first.context["page"].object_list] + [
        c.pk for c in second.context["page"].object_list
    ]
    assert len(set(shown)) == 4  # every stuck case once, none twice across the pages
    # A page number that is not a number or out of range: a page, never an error.
    assert client.get(url("vastgelopen"), {"page": "x"}).context["page"].number == 1
    assert client.get(url("vastgelopen"), {"page": 99}).context["page"].number == 2


def test_each_view_of_a_list_with_rows_is_audited(client, world):
    grow(world, 2)
    login_verified(client, world.ib_a)
    before = AuditEvent.objects.filter(event="case.listed").count()
    client.get(url("vastgelopen"))
    row = AuditEvent.objects.filter(event="case.listed").order_by("-seq").first()
    assert AuditEvent.objects.filter(event="case.listed").count() == before + 1
    assert row.changes["list"] == "my_work:vastgelopen" and row.changes["rows"] == 2


def test_a_list_holds_only_what_the_user_may_see(client, world):
    grow(world, 3)  # school A
    login_verified(client, world.ib_b)
    page = client.get(url("vastgelopen"))
    assert page.status_code == 200
    assert "Groei" not in page.content.decode()
    assert all(case.school_id == world.school_b.pk for case in page.context["page"].object_list)


@pytest.mark.parametrize(
    ("persona", "slug"),
    [
        ("teacher", "acties"),
        ("teacher", "signalen"),
        ("teacher", "zorgtrajecten"),
        ("teacher", "te-evalueren"),
        ("ib_a", "acties"),
        ("ib_a", "vastgelopen"),
        ("ib_a", "evaluaties-verlopen"),
        ("ib_a", "acties-verlopen"),
        ("ib_a", "nazorg"),
        ("head_a", "vastgelopen"),
    ],
)
def test_every_list_of_the_users_my_work_has_its_page(client, world, persona, slug):
    grow(world, 2)
    login_verified(client, getattr(world, persona))
    page = client.get(url(slug))
    assert page.status_code == 200
    assert f'data-testid="work-section-{slug}"' in page.content.decode()


@pytest.mark.parametrize(
    ("persona", "slug"),
    [("teacher", "vastgelopen"), ("teacher", "nazorg"), ("ib_a", "signalen"), ("ib_a", "bestaat-niet")],
)
def test_a_list_that_is_not_on_the_users_my_work_is_not_found(client, world, persona, slug):
    login_verified(client, getattr(world, persona))
    assert client.get(url(slug)).status_code == 404


def test_anonymous_goes_to_the_login_page(client):
    response = client.get(url("vastgelopen"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("persona", "slug"), [("ib_a", "vastgelopen"), ("ib_a", "acties-verlopen"), ("teacher", "zorgtrajecten")]
)
def test_query_count_is_constant_as_rows_grow(client, world, persona, slug):
    login_verified(client, getattr(world, persona))
    grow(world, 2)
    small = count_queries(client, url(slug))
    grow(world, 10, start=2)
    assert count_queries(client, url(slug)) == small
