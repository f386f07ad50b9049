"""The intervention log of a case: list for the care team, add for who contributes."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    last_event,
    log_intervention,
    url,
)
from zorgroute.core.time import today
from zorgroute.plans.models import Intervention
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

LIST = "plans:intervention-list"
ADD = "plans:intervention-add"


def data(**change):
    return {
        "description": "Vaste plek naast de juf",
        "started_on": (today() - dt.timedelta(days=10)).isoformat(),
        "ended_on": "",
        "effect": "partly",
        "effect_notes": "Iets rustiger",
        **change,
    }


def test_the_teacher_logs_an_intervention_as_herself(client, world):
    login_verified(client, world.teacher)
    page = client.get(url(LIST, world.case_a1))
    assert page.status_code == 200 and page.context["form"] is not None
    response = client.post(url(ADD, world.case_a1), data())
    assert response.status_code == 302 and response["Location"] == url(LIST, world.case_a1)
    item = Intervention.objects.get()
    assert (item.performed_by, item.effect, item.ended_on) == (world.teacher, "partly", None)
    assert last_event("intervention.added").actor_uuid == world.teacher.uuid
    assert "Vaste plek naast de juf" in client.get(url(LIST, world.case_a1)).content.decode()


def test_a_refused_intervention_keeps_what_was_entered(client, world):
    login_verified(client, world.teacher)
    response = client.post(
        url(ADD, world.case_a1), data(ended_on=(today() - dt.timedelta(days=20)).isoformat())
    )
    assert response.status_code == 200
    assert response.context["form"].errors["ended_on"]
    assert response.context["form"]["description"].value() == "Vaste plek naast de juf"
    assert not Intervention.objects.exists()


def test_anonymous_users_go_to_login(client, world):
    for name in (LIST, ADD):
        response = client.get(url(name, world.case_a1))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_case(client, world):
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, url(LIST, world.case_a1), url(LIST, MISSING))
    assert_same_as_missing(client, url(ADD, world.case_a1), url(ADD, MISSING), method="post", data=data())
    assert events("intervention.added") == 0


def test_a_parent_sees_the_case_but_not_the_log(client, world):
    login_verified(client, world.parent_with_authority)
    assert client.get(url(LIST, world.case_a1)).status_code == 403
    assert client.post(url(ADD, world.case_a1), data()).status_code == 403
    assert not Intervention.objects.exists()


def test_the_log_takes_constant_queries_as_it_grows(client, world):
    login_verified(client, world.ib_a)
    log_intervention(world.case_a1, world.teacher)
    small = count_queries(client, url(LIST, world.case_a1))
    for person in (world.ib_a, world.head_a, world.teacher) * 5:
        log_intervention(world.case_a1, person)
    assert count_queries(client, url(LIST, world.case_a1)) == small
