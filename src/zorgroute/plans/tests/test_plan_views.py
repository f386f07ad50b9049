"""Plan versions of a case: the list, a draft with goals (formset), changing it, making it current, agreement."""

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
from zorgroute.plans.constants import PlanStatus
from zorgroute.plans.models import ActionPlan
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

SOON = (today() + dt.timedelta(days=42)).isoformat()


def plan_data(goals=(("Meedoen in de kring", "Observatie"),), extra_rows=1, **change):
    data = {
        "kind": "action_plan",
        "needs": "Veiligheid in de groep",
        "approach": "Klein groepje",
        "facilities": "",
        "advice_school": "",
        "advice_home": "Samen lezen",
        "pupil_view": "Ik wil meedoen",
        "evaluation_date": SOON,
        "evaluation_method": "Gesprek",
        "goals-TOTAL_FORMS": str(len(goals) + extra_rows),
        "goals-INITIAL_FORMS": "0",
        "goals-MIN_NUM_FORMS": "0",
        "goals-MAX_NUM_FORMS": "20",
        **change,
    }
    for i, (goal, measure) in enumerate(goals):
        data[f"goals-{i}-description"] = goal
        data[f"goals-{i}-measure"] = measure
    return data


def test_the_teacher_drafts_a_plan_with_goals(client, world):
    login_verified(client, world.teacher)
    assert client.get(url("plans:plan-create", world.case_a1)).status_code == 200
    goals = (("Meedoen in de kring", "Observatie"), ("AVI E4", "Toets"))
    response = client.post(url("plans:plan-create", world.case_a1), plan_data(goals))
    plan = ActionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == url(
        "plans:plan-detail", world.case_a1, plan
    )
    assert (plan.status, plan.version, plan.created_by, plan.advice_home) == (
        "draft",
        1,
        world.teacher,
        "Samen lezen",
    )
    assert list(plan.goals.values_list("description", "measure")) == list(goals)
    assert last_event("plan.created").changes == {"version": 1, "goals": 2}


def test_a_plan_without_goals_or_with_a_past_evaluation_date_is_refused_and_kept(client, world):
    login_verified(client, world.teacher)
    response = client.post(url("plans:plan-create", world.case_a1), plan_data(goals=()))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [in_dutch("Give at least one goal.")]
    assert response.context["form"]["needs"].value() == "Veiligheid in de groep"
    response = client.post(
        url("plans:plan-create", world.case_a1), plan_data(evaluation_date=today().isoformat())
    )
    assert response.status_code == 200
    assert response.context["form"].errors["evaluation_date"] == [
        in_dutch("The evaluation date lies in the future.")
    ]
    assert response.context["goals"].forms[0]["description"].value() == "Meedoen in de kring"
    assert 'role="alert"' in response.content.decode()
    assert not ActionPlan.objects.exists()


def test_a_goal_without_a_measure_is_refused(client, world):
    login_verified(client, world.teacher)
    response = client.post(url("plans:plan-create", world.case_a1), plan_data(goals=(("Doel", ""),)))
    assert response.status_code == 200 and response.context["goals"].forms[0].errors["measure"]
    assert not ActionPlan.objects.exists()


def test_add_another_goal_shows_one_more_row_and_saves_nothing(client, world):
    login_verified(client, world.teacher)
    response = client.post(url("plans:plan-create", world.case_a1), {**plan_data(), "more_goals": "1"})
    assert response.status_code == 200
    assert len(response.context["goals"].forms) == 3
    assert response.context["goals"].forms[0]["description"].value() == "Meedoen in de kring"
    assert not ActionPlan.objects.exists()


def test_a_new_version_starts_from_the_latest_one_and_a_second_draft_is_refused(client, world):
    current_plan(world.case_a1, world.ib_a, goals=[("Oud doel", "Oude maat")])
    login_verified(client, world.teacher)
    page = client.get(url("plans:plan-create", world.case_a1))
    assert page.context["form"]["needs"].value() == "Veiligheid in de groep"
    assert page.context["goals"].forms[0]["description"].value() == "Oud doel"
    assert client.post(url("plans:plan-create", world.case_a1), plan_data()).status_code == 302
    page = client.get(url("plans:plan-create", world.case_a1))
    assert page.context["draft"] is not None
    response = client.post(url("plans:plan-create", world.case_a1), plan_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        in_dutch("There is already a draft version; finish or change that one.")
    ]
    assert ActionPlan.objects.count() == 2


def test_the_draft_is_changed_then_made_current_replacing_the_old_version(client, world):
    old = current_plan(world.case_a1, world.ib_a)
    login_verified(client, world.teacher)
    client.post(url("plans:plan-create", world.case_a1), plan_data())
    plan = ActionPlan.objects.get(status=PlanStatus.DRAFT)
    edit = client.get(url("plans:plan-edit", world.case_a1, plan))
    assert edit.context["goals"].forms[0]["description"].value() == "Meedoen in de kring"
    data = plan_data(goals=(("Zelf beginnen", "Observatie"),), needs="Zelfstandigheid")
    assert client.post(url("plans:plan-edit", world.case_a1, plan), data).status_code == 302
    plan.refresh_from_db()
    assert plan.needs == "Zelfstandigheid" and [g.description for g in plan.goals.all()] == ["Zelf beginnen"]
    assert last_event("plan.updated") is not None
    assert client.get(url("plans:plan-activate", world.case_a1, plan)).context["current"] == old
    response = client.post(url("plans:plan-activate", world.case_a1, plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    old.refresh_from_db()
    assert (plan.status, old.status) == (PlanStatus.ACTIVE, PlanStatus.SUPERSEDED)
    again = client.post(url("plans:plan-activate", world.case_a1, plan))
    assert again.status_code == 200 and again.context["error"] == in_dutch(
        "Only a draft can be made current."
    )
    refused = client.post(url("plans:plan-edit", world.case_a1, plan), data)
    assert refused.context["form"].non_field_errors() == [
        in_dutch("Only a draft can be changed; make a new version instead.")
    ]


def test_the_parents_agreement_is_recorded_from_the_plan_page(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    login_verified(client, world.ib_a)
    detail = client.get(url("plans:plan-detail", world.case_a1, plan)).content.decode()
    assert url("plans:plan-agreement", world.case_a1, plan) in detail
    assert url("plans:plan-evaluate", world.case_a1, plan) in detail
    response = client.post(
        url("plans:plan-agreement", world.case_a1, plan),
        {"agreed_on": today().isoformat(), "note": "Getekend"},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.parents_agreed_on, plan.parents_agreement_note) == (today(), "Getekend")
    future = (today() + dt.timedelta(days=3)).isoformat()
    refused = client.post(
        url("plans:plan-agreement", world.case_a1, plan), {"agreed_on": future, "note": "Later"}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["agreed_on"]
    assert refused.context["form"]["note"].value() == "Later"


def test_the_versions_list_shows_every_version(client, world):
    current_plan(world.case_a1, world.ib_a)
    current_plan(world.case_a1, world.ib_a)
    login_verified(client, world.head_a)  # sees the care-team level, does not edit plans
    response = client.get(url("plans:plan-list", world.case_a1))
    assert [p.version for p in response.context["plans"]] == [2, 1]
    assert [p.goal_count for p in response.context["plans"]] == [1, 1]
    assert not response.context["may_edit"]
    assert url("plans:plan-create", world.case_a1) not in response.content.decode()


PLAN_PAGES = ("plans:plan-detail", "plans:plan-edit", "plans:plan-activate", "plans:plan-agreement")


def test_anonymous_users_go_to_login(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    targets = [url("plans:plan-list", world.case_a1), url("plans:plan-create", world.case_a1)]
    targets += [url(name, world.case_a1, plan) for name in PLAN_PAGES]
    for target in targets:
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_outsider_or_a_plan_of_another_case_answers_like_a_missing_one(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    other = current_plan(world.case_b1, world.ib_b)
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, url("plans:plan-list", world.case_a1), url("plans:plan-list", MISSING))
    assert_same_as_missing(
        client, url("plans:plan-create", world.case_a1), url("plans:plan-create", MISSING), method="post"
    )
    for name in PLAN_PAGES:
        assert_same_as_missing(client, url(name, world.case_a1, plan), url(name, MISSING, plan))
    # ib_b may edit case_b1's plans, but case_a1's plan is not found through case_b1.
    for name in PLAN_PAGES:
        assert_same_as_missing(client, url(name, world.case_b1, plan), url(name, world.case_b1, MISSING))
        assert client.get(url(name, world.case_b1, other)).status_code == 200
    assert_same_as_missing(
        client, url("plans:plan-detail", world.case_b1, "x"), url("plans:plan-detail", world.case_b1, MISSING)
    )


def test_who_sees_the_plan_but_may_not_edit_gets_403(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    login_verified(client, world.head_a)
    assert client.get(url("plans:plan-detail", world.case_a1, plan)).status_code == 200
    for name in ("plans:plan-edit", "plans:plan-activate", "plans:plan-agreement", "plans:plan-evaluate"):
        assert client.post(url(name, world.case_a1, plan), {}).status_code == 403
    assert client.post(url("plans:plan-create", world.case_a1), plan_data()).status_code == 403
    client.logout()
    login_verified(client, world.parent_with_authority)
    assert client.get(url("plans:plan-list", world.case_a1)).status_code == 403
    assert client.get(url("plans:plan-detail", world.case_a1, plan)).status_code == 403
    assert events("plan.created") == 1


def test_plan_pages_take_constant_queries_as_versions_and_goals_grow(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    login_verified(client, world.ib_a)
    pages = [url("plans:plan-list", world.case_a1), url("plans:plan-create", world.case_a1)]
    small = [count_queries(client, page) for page in pages]
    detail_small = count_queries(client, url("plans:plan-detail", world.case_a1, plan))
    many_goals = [(f"Doel {i}", f"Maat {i}") for i in range(8)]
    for _ in range(4):
        latest = current_plan(world.case_a1, world.ib_a, goals=many_goals)
        services.plan_record_agreement(actor=world.ib_a, plan=latest, agreed_on=today(), note="Ja")
    assert [count_queries(client, page) for page in pages] == small
    assert count_queries(client, url("plans:plan-detail", world.case_a1, latest)) == detail_small


def test_suggested_goals_of_the_previous_version_can_each_be_left_out(client, world):
    current_plan(world.case_a1, world.ib_a, goals=[("Eerste", "a"), ("Tweede", "b")])
    login_verified(client, world.teacher)
    page = client.get(url("plans:plan-create", world.case_a1))
    assert [form["description"].value() for form in page.context["goals"].forms] == ["Eerste", "Tweede", None]
    data = plan_data(goals=(("", ""), ("Tweede", "b")), extra_rows=0)
    assert client.post(url("plans:plan-create", world.case_a1), data).status_code == 302
    draft = ActionPlan.objects.get(status=PlanStatus.DRAFT)
    assert [g.description for g in draft.goals.all()] == ["Tweede"]
