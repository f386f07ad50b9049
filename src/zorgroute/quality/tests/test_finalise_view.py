"""Finalising a year: a confirmation page that says what is still open, then read-only for good."""

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.cases.tests.case_helpers import in_dutch
from zorgroute.quality import services
from zorgroute.quality.services import Answer
from zorgroute.testing.auth import count_queries, login_verified

from .helpers import started, url

pytestmark = pytest.mark.django_db


def test_the_chair_confirms_and_the_year_is_final(client, world):
    assessment = started(world, K1=Answer(score=3), F2=Answer(not_applicable=True))
    login_verified(client, world.zat_chair)
    page = client.get(url("assessment-finalise", assessment))
    assert page.status_code == 200
    assert page.context["counts"] == {"items": 44, "scored": 1, "not_applicable": 1, "open": 42}
    unconfirmed = client.post(url("assessment-finalise", assessment), {})
    assert unconfirmed.status_code == 200 and unconfirmed.context["form"].errors["confirm"]
    response = client.post(url("assessment-finalise", assessment), {"confirm": "on"})
    assert response.status_code == 302 and response["Location"] == url("assessment", assessment)
    assessment.refresh_from_db()
    assert assessment.is_final
    assert AuditEvent.objects.filter(event="quality.assessment_finalised").count() == 1
    again = client.get(url("assessment-finalise", assessment))
    assert again.status_code == 302  # already final: back to the (read-only) year


def test_an_empty_year_cannot_be_finalised(client, world):
    assessment = started(world)
    login_verified(client, world.zat_chair)
    response = client.post(url("assessment-finalise", assessment), {"confirm": "on"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert in_dutch("Nothing has been filled in yet: score at least one item before finalising.") in (
        response.content.decode()
    )
    assessment.refresh_from_db()
    assert not assessment.is_final


def test_members_may_not_finalise_and_outsiders_get_404(client, world):
    assessment = started(world, K1=Answer(score=3))
    login_verified(client, world.zat_member)
    assert client.get(url("assessment-finalise", assessment)).status_code == 403
    assert client.post(url("assessment-finalise", assessment), {"confirm": "on"}).status_code == 403
    client.logout()
    login_verified(client, world.ib_a)
    assert client.post(url("assessment-finalise", assessment), {"confirm": "on"}).status_code == 404
    client.logout()
    response = client.get(url("assessment-finalise", assessment))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assessment.refresh_from_db()
    assert not assessment.is_final


def test_the_query_count_does_not_grow_with_the_scores(client, world):
    assessment = started(world, K1=Answer(score=3))
    login_verified(client, world.zat_chair)
    one = count_queries(client, url("assessment-finalise", assessment))
    services.assessment_record(
        actor=world.zat_chair, assessment=assessment, answers={f"F{n}": Answer(score=2) for n in range(1, 37)}
    )
    assert count_queries(client, url("assessment-finalise", assessment)) == one
