"""Evaluating the current plan per goal (achieved / partly / not achieved + next step) with a conclusion."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    current_plan,
    events,
    in_dutch,
    last_event,
    url,
)
from zorgroute.core.time import today
from zorgroute.plans import services
from zorgroute.plans.models import ActionPlan, Evaluation
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

GOALS = [("Meedoen in de kring", "Observatie"), ("AVI E4", "Toets")]


def evaluation_data(plan, *results, **change):
    data = {
        "evaluated_on": today().isoformat(),
        "participants": "leerkracht, ouders",
        "conclusion": "Goed op weg",
        "next_evaluation_date": (today() + dt.timedelta(days=42)).isoformat(),
        **change,
    }
    for goal, result in zip(plan.goals.order_by("position"), results, strict=False):
        data[f"result_{goal.uuid}"] = result
        data[f"next_step_{goal.uuid}"] = f"Verder met {goal.description}"
    return data


def test_the_teacher_evaluates_every_goal(client, world):
    plan = current_plan(world.case_a1, world.ib_a, goals=GOALS)
    login_verified(client, world.teacher)
    page = client.get(url("plans:plan-evaluate", world.case_a1, plan))
    assert page.status_code == 200
    assert [goal.description for _n, goal, _r, _s in page.context["form"].goal_rows()] == [
        g for g, _m in GOALS
    ]
    response = client.post(
        url("plans:plan-evaluate", world.case_a1, plan), evaluation_data(plan, "achieved", "not_achieved")
    )
    assert response.status_code == 302 and response["Location"] == url(
        "plans:plan-detail", world.case_a1, plan
    )
    evaluation = Evaluation.objects.get()
    assert evaluation.evaluated_by == world.teacher
    results = {r.goal.description: (r.result, r.next_step) for r in evaluation.goal_results.all()}
    assert results["AVI E4"] == ("not_achieved", "Verder met AVI E4")
    assert ActionPlan.objects.get(pk=plan.pk).evaluation_date == today() + dt.timedelta(days=42)
    assert last_event("plan.evaluated").changes["results"]["not_achieved"] == 1
    detail = client.get(url("plans:plan-detail", world.case_a1, plan)).content.decode()
    assert "Verder met AVI E4" in detail and "Goed op weg" in detail


def test_a_missing_goal_result_is_refused_and_the_entries_are_kept(client, world):
    plan = current_plan(world.case_a1, world.ib_a, goals=GOALS)
    login_verified(client, world.teacher)
    response = client.post(url("plans:plan-evaluate", world.case_a1, plan), evaluation_data(plan, "partly"))
    assert response.status_code == 200
    form = response.context["form"]
    second = plan.goals.order_by("position")[1]
    assert list(form.errors) == [f"result_{second.uuid}"]
    assert form["conclusion"].value() == "Goed op weg"
    assert 'role="alert"' in response.content.decode()
    assert not Evaluation.objects.exists()


def test_a_next_evaluation_in_the_past_is_refused_with_the_services_message(client, world):
    plan = current_plan(world.case_a1, world.ib_a, goals=GOALS)
    login_verified(client, world.teacher)
    data = evaluation_data(plan, "partly", "partly", next_evaluation_date=today().isoformat())
    response = client.post(url("plans:plan-evaluate", world.case_a1, plan), data)
    assert response.status_code == 200
    assert response.context["form"].errors["next_evaluation_date"] == [
        in_dutch("The next evaluation lies after this one, in the future.")
    ]


def test_a_draft_cannot_be_evaluated(client, world):
    plan = services.plan_create(
        actor=world.ib_a,
        case=world.case_a1,
        needs="x",
        evaluation_date=today() + dt.timedelta(days=5),
        goals=GOALS,
    )
    login_verified(client, world.ib_a)
    response = client.post(
        url("plans:plan-evaluate", world.case_a1, plan), evaluation_data(plan, "partly", "partly")
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        in_dutch("Only the current plan can be evaluated.")
    ]
    assert events("plan.evaluated") == 0


def test_anonymous_outsider_and_who_may_not_edit(client, world):
    plan = current_plan(world.case_a1, world.ib_a, goals=GOALS)
    target = url("plans:plan-evaluate", world.case_a1, plan)
    response = client.get(target)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, target, url("plans:plan-evaluate", MISSING, plan))
    client.logout()
    login_verified(client, world.head_a)
    assert client.get(target).status_code == 403
    assert client.post(target, evaluation_data(plan, "partly", "partly")).status_code == 403
    assert not Evaluation.objects.exists()


def test_the_plan_page_takes_constant_queries_as_evaluations_grow(client, world):
    plan = current_plan(world.case_a1, world.ib_a, goals=GOALS)
    login_verified(client, world.ib_a)
    goals = list(plan.goals.order_by("position"))

    def evaluate():
        services.evaluation_record(
            actor=world.ib_a,
            plan=plan,
            evaluated_on=today(),
            results={g.pk: ("partly", "Door") for g in goals},
        )

    evaluate()
    small = count_queries(client, url("plans:plan-detail", world.case_a1, plan))
    evaluate_page = count_queries(client, url("plans:plan-evaluate", world.case_a1, plan))
    for _ in range(6):
        evaluate()
    assert count_queries(client, url("plans:plan-detail", world.case_a1, plan)) == small
    assert count_queries(client, url("plans:plan-evaluate", world.case_a1, plan)) == evaluate_page
