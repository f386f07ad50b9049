"""The signal form (cases:signal-create): from the pupil page or the group overview, with and without htmx."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.cases.constants import Severity, SignalStatus
from zorgroute.cases.models import ProblemDomain, Signal
from zorgroute.cases.tests.signal_helpers import domains
from zorgroute.core.time import today
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified, page_fingerprint

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(pupil):
    return reverse("cases:signal-create", args=[pupil.uuid])


def _post(world, **extra):
    chosen = domains(world, "Leren", "Echtscheiding")
    data = {
        "observed_behaviour": "Sanne kan zich slecht concentreren na de pauze.",
        "severity": Severity.MEDIUM,
        "source": "teacher",
        "observed_on": today().isoformat(),
        "domains_child": [str(d.uuid) for d in chosen if d.category == "child"],
        "domains_family": [str(d.uuid) for d in chosen if d.category == "family"],
    }
    return data | extra


def test_the_teacher_gets_the_form_with_domains_grouped_by_area_and_today_as_date(client, world):
    login_verified(client, world.teacher)
    response = client.get(url(world.pupil_a1))
    assert response.status_code == 200
    form = response.context["form"]
    assert [bf.name for bf in form.domain_fields()] == ["domains_child", "domains_family", "domains_school"]
    assert "Leren" in dict(form.fields["domains_child"].choices).values()
    assert form["observed_on"].value() == today()
    assert response.templates[0].name == "cases/signal_form.html"


def test_with_htmx_the_form_comes_as_a_panel(client, world):
    login_verified(client, world.teacher)
    response = client.get(url(world.pupil_a1), **HTMX)
    assert response.templates[0].name == "cases/_signal_panel.html"
    assert b"<html" not in response.content and b'hx-post="' in response.content


def test_posting_records_the_signal_audits_and_returns_to_the_pupil_page(client, world):
    login_verified(client, world.teacher)
    response = client.post(url(world.pupil_a1), _post(world))
    assert response.status_code == 302
    assert response["Location"] == reverse("pupils:pupil-detail", args=[world.pupil_a1.uuid])
    signal = Signal.objects.latest("created_at")
    assert signal.pupil == world.pupil_a1 and signal.reported_by == world.teacher
    assert signal.status == SignalStatus.NEW and signal.severity == Severity.MEDIUM
    assert {d.name for d in signal.domains.all()} == {"Leren", "Echtscheiding"}
    event = AuditEvent.objects.filter(event="signal.created").latest("seq")
    assert event.target_uuid == signal.uuid and event.actor_uuid == world.teacher.uuid


def test_it_returns_to_the_group_overview_it_came_from_but_never_to_another_site(client, world):
    login_verified(client, world.teacher)
    back = reverse("cases:group-overview", args=[world.group_a1.uuid])
    assert client.post(url(world.pupil_a1), _post(world, next=back))["Location"] == back
    evil = client.post(url(world.pupil_a1), _post(world, next="https://evil.example/"))
    assert evil["Location"] == reverse("pupils:pupil-detail", args=[world.pupil_a1.uuid])


def test_with_htmx_posting_returns_the_confirmation_panel(client, world):
    login_verified(client, world.teacher)
    response = client.post(url(world.pupil_a1), _post(world), **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "cases/_signal_done.html"
    assert Signal.objects.filter(reported_by=world.teacher).count() == 2


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"observed_behaviour": ""}, "observed_behaviour"),
        ({"severity": ""}, "severity"),
        ({"observed_on": (dt.date.today() + dt.timedelta(days=3)).isoformat()}, "observed_on"),
    ],
)
def test_invalid_input_shows_the_error_on_its_field_and_records_nothing(client, world, change, field):
    login_verified(client, world.teacher)
    before = Signal.objects.count()
    response = client.post(url(world.pupil_a1), _post(world, **change), **HTMX)
    assert response.status_code == 200
    assert response.templates[0].name == "cases/_signal_panel.html"
    assert response.context["form"].errors[field]
    assert Signal.objects.count() == before


def test_a_domain_of_another_region_is_not_a_valid_choice(client, world):
    foreign = ProblemDomain.objects.create(region=world.other_region, category="child", name="Vreemd")
    login_verified(client, world.teacher)
    response = client.post(url(world.pupil_a1), _post(world, domains_child=[str(foreign.uuid)]))
    assert response.status_code == 200 and response.context["form"].errors["domains_child"]


def test_anonymous_goes_to_login(client, world):
    response = client.get(url(world.pupil_a1))
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_the_same_404_as_for_a_missing_pupil(client, world, method):
    login_verified(client, world.ib_b)
    missing = reverse("cases:signal-create", args=[uuid.uuid4()])
    outsider = getattr(client, method)(url(world.pupil_a1), _post(world) if method == "post" else None)
    absent = getattr(client, method)(missing, _post(world) if method == "post" else None)
    assert outsider.status_code == absent.status_code == 404
    assert page_fingerprint(outsider.content, url(world.pupil_a1)) == page_fingerprint(
        absent.content, missing
    )
    assert not Signal.objects.filter(reported_by=world.ib_b, pupil=world.pupil_a1).exists()


def test_a_parent_who_may_see_the_pupil_may_not_signal(client, world):
    login_verified(client, world.parent_with_authority)
    assert client.get(url(world.pupil_a1)).status_code == 403
    assert client.post(url(world.pupil_a1), _post(world)).status_code == 403
    assert Signal.objects.filter(pupil=world.pupil_a1).count() == 1


def test_the_pupil_page_offers_signalling_only_to_who_may(client, world):
    link = url(world.pupil_a1).encode()
    login_verified(client, world.teacher)
    assert link in client.get(reverse("pupils:pupil-detail", args=[world.pupil_a1.uuid])).content
    client.logout()
    login_verified(client, world.parent_with_authority)
    assert link not in client.get(reverse("pupils:pupil-detail", args=[world.pupil_a1.uuid])).content


def test_query_count_is_constant_when_domains_and_signals_grow(client, world):
    login_verified(client, world.teacher)
    small = count_queries(client, url(world.pupil_a1))
    for i in range(20):
        ProblemDomain.objects.create(region=world.region, category="school", name=f"Extra {i}")
        f.PupilFactory.enrolled(world.group_a1)
    assert count_queries(client, url(world.pupil_a1)) == small
