"""The intervention log, plan versions, the parents' agreement and evaluations: state, audit, timeline, refusals."""

import datetime as dt

import pytest

from zorgroute.cases import services as case_services
from zorgroute.cases.constants import ClosureReason, TimelineKind, Visibility
from zorgroute.cases.models import TimelineEvent
from zorgroute.cases.tests.case_helpers import events, in_dutch, last_event
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.plans import services
from zorgroute.plans.constants import Effect, GoalResult, PlanKind, PlanStatus
from zorgroute.plans.models import ActionPlan, Evaluation, Goal, GoalEvaluation, Intervention

pytestmark = pytest.mark.django_db

SOON = today() + dt.timedelta(days=42)
GOALS = [("Sanne doet mee in de kring", "Observatie"), ("Sanne leest AVI E4", "AVI-toets")]


def draft(world, **kwargs):
    values = {"needs": "Structuur", "evaluation_date": SOON, "goals": GOALS, **kwargs}
    return services.plan_create(actor=world.teacher, case=world.case_a1, **values)


def last_line(case) -> TimelineEvent:
    return TimelineEvent.objects.filter(case=case).order_by("-occurred_at", "-id").first()


def close(world):
    case_services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    world.case_a1.refresh_from_db()


# --- Interventions ------------------------------------------------------------------------------------------------


def test_an_intervention_is_logged_by_its_actor_on_the_timeline_and_audited_without_text(world):
    item = services.intervention_add(
        actor=world.teacher,
        case=world.case_a1,
        description="Vaste plek in de kring",
        started_on=today() - dt.timedelta(days=14),
        ended_on=today(),
        effect=Effect.HELPED,
        effect_notes="Rustiger",
    )
    assert (item.performed_by, item.effect) == (world.teacher, Effect.HELPED)
    line = last_line(world.case_a1)
    assert (line.kind, line.visibility, line.ref_uuid) == (
        TimelineKind.INTERVENTION,
        Visibility.CARE_TEAM,
        item.uuid,
    )
    assert "Vaste plek in de kring" in line.body and "Rustiger" in line.body
    event = last_event("intervention.added")
    assert event.changes == {"effect": "helped"} and event.case_uuid == world.case_a1.uuid


@pytest.mark.parametrize(
    "change, field",
    [
        ({"effect": "magic"}, "effect"),
        ({"ended_on": today() - dt.timedelta(days=30)}, "ended_on"),
        ({"started_on": today() + dt.timedelta(days=1), "ended_on": None}, "started_on"),
        ({"description": "  "}, "description"),
    ],
)
def test_an_invalid_intervention_is_refused(world, change, field):
    values = {
        "description": "Iets",
        "started_on": today() - dt.timedelta(days=3),
        "effect": Effect.NOT,
        **change,
    }
    with pytest.raises(ValidationError) as exc:
        services.intervention_add(actor=world.teacher, case=world.case_a1, **values)
    assert exc.value.field == field
    assert not Intervention.objects.exists() and events("intervention.added") == 0


def test_a_closed_case_takes_no_interventions_or_plans(world):
    close(world)
    with pytest.raises(DomainError) as exc:
        services.intervention_add(
            actor=world.teacher, case=world.case_a1, description="x", started_on=today()
        )
    assert exc.value.message == in_dutch("This case is closed. Reopen it first.")
    with pytest.raises(DomainError):
        draft(world)


# --- Plans --------------------------------------------------------------------------------------------------------


def test_a_draft_gets_the_next_version_with_its_goals_in_order(world):
    plan = draft(world, kind=PlanKind.OPP, approach="Klein groepje")
    assert (plan.version, plan.status, plan.kind, plan.created_by) == (
        1,
        PlanStatus.DRAFT,
        "opp",
        world.teacher,
    )
    assert [(g.position, g.description, g.measure) for g in plan.goals.order_by("position")] == [
        (0, *GOALS[0]),
        (1, *GOALS[1]),
    ]
    line = last_line(world.case_a1)
    assert (line.kind, line.visibility) == (
        TimelineKind.PLAN,
        Visibility.CARE_TEAM,
    )  # a draft is not for parents
    assert last_event("plan.created").changes == {"version": 1, "goals": 2}


@pytest.mark.parametrize(
    "change, field",
    [
        ({"goals": []}, "goals"),
        ({"goals": [("  ", "x")]}, "goals"),
        ({"goals": [("Doel", " ")]}, "goals"),
        ({"goals": [("Doel", "m" * 301)]}, "goals"),
        ({"evaluation_date": today()}, "evaluation_date"),
        ({"needs": " "}, "needs"),
        ({"kind": "wish_list"}, "kind"),
        ({"advice_home": "x" * 5001}, "advice_home"),
    ],
)
def test_an_invalid_plan_is_refused(world, change, field):
    with pytest.raises(ValidationError) as exc:
        draft(world, **change)
    assert exc.value.field == field
    assert not ActionPlan.objects.exists()


def test_a_second_draft_is_refused_until_the_first_is_made_current(world):
    first = draft(world)
    with pytest.raises(DomainError) as exc:
        draft(world)
    assert exc.value.message == in_dutch("There is already a draft version; finish or change that one.")
    services.plan_activate(actor=world.ib_a, plan=first)
    assert draft(world).version == 2


def test_activating_supersedes_the_current_version_and_tells_the_parents(world):
    first = services.plan_activate(actor=world.ib_a, plan=draft(world))
    assert first.status == PlanStatus.ACTIVE and first.activated_at is not None
    line = last_line(world.case_a1)
    assert line.visibility == Visibility.PARENTS and first.evaluation_date.strftime("%d-%m-%Y") in line.title
    second = services.plan_activate(actor=world.ib_a, plan=draft(world))
    first.refresh_from_db()
    assert (first.status, second.status) == (PlanStatus.SUPERSEDED, PlanStatus.ACTIVE)
    assert last_event("plan.activated").changes == {"version": 2}
    with pytest.raises(DomainError) as exc:
        services.plan_activate(actor=world.ib_a, plan=second)
    assert exc.value.message == in_dutch("Only a draft can be made current.")


def test_a_draft_can_be_changed_and_only_a_draft(world):
    plan = draft(world)
    changed = services.plan_update_draft(
        actor=world.teacher,
        plan=plan,
        needs="Structuur en rust",
        evaluation_date=SOON + dt.timedelta(days=7),
        goals=[("Nieuw doel", "Gesprek")],
    )
    assert changed.needs == "Structuur en rust"
    assert list(Goal.objects.filter(plan=plan).values_list("description", "measure")) == [
        ("Nieuw doel", "Gesprek")
    ]
    event = last_event("plan.updated")
    assert event.changes["needs"] == "changed"
    assert event.changes["goals"] == {"old": 2, "new": 1}
    assert event.changes["evaluation_date"] == str(SOON + dt.timedelta(days=7))
    # Saving the same values again changes nothing and audits nothing.
    services.plan_update_draft(
        actor=world.teacher,
        plan=plan,
        needs="Structuur en rust",
        evaluation_date=SOON + dt.timedelta(days=7),
        goals=[("Nieuw doel", "Gesprek")],
    )
    assert events("plan.updated") == 1
    services.plan_activate(actor=world.ib_a, plan=plan)
    with pytest.raises(DomainError) as exc:
        services.plan_update_draft(
            actor=world.teacher, plan=plan, needs="x", evaluation_date=SOON, goals=GOALS
        )
    assert exc.value.message == in_dutch("Only a draft can be changed; make a new version instead.")
    with pytest.raises(ValidationError):
        services.plan_update_draft(actor=world.teacher, plan=plan, needs="x", evaluation_date=SOON, goals=[])


def test_the_parents_agreement_is_recorded_but_not_for_a_replaced_version_or_a_future_date(world):
    first = services.plan_activate(actor=world.ib_a, plan=draft(world))
    services.plan_record_agreement(actor=world.ib_a, plan=first, agreed_on=today(), note="Getekend op papier")
    first.refresh_from_db()
    assert (first.parents_agreed_on, first.parents_agreement_note) == (today(), "Getekend op papier")
    assert last_line(world.case_a1).visibility == Visibility.PARENTS
    assert last_event("plan.agreement_recorded").changes == {"agreed_on": str(today())}
    with pytest.raises(ValidationError) as exc:
        services.plan_record_agreement(
            actor=world.ib_a, plan=first, agreed_on=today() + dt.timedelta(days=1), note="x"
        )
    assert exc.value.field == "agreed_on"
    with pytest.raises(ValidationError) as exc:
        services.plan_record_agreement(actor=world.ib_a, plan=first, agreed_on=today(), note=" ")
    assert exc.value.field == "note"
    services.plan_activate(actor=world.ib_a, plan=draft(world))
    first.refresh_from_db()
    with pytest.raises(DomainError):
        services.plan_record_agreement(actor=world.ib_a, plan=first, agreed_on=today(), note="Later")


# --- Evaluations ----------------------------------------------------------------------------------------------


def active(world):
    return services.plan_activate(actor=world.ib_a, plan=draft(world))


def results_for(plan, *values):
    goals = list(plan.goals.order_by("position"))
    return {
        goal.pk: (value, f"Volgende stap {i}")
        for i, (goal, value) in enumerate(zip(goals, values, strict=True))
    }


def test_an_evaluation_records_every_goal_moves_the_date_and_tells_the_parents(world):
    plan = active(world)
    later = today() + dt.timedelta(days=60)
    evaluation = services.evaluation_record(
        actor=world.teacher,
        plan=plan,
        evaluated_on=today(),
        results=results_for(plan, GoalResult.ACHIEVED, GoalResult.PARTLY),
        conclusion="Goed op weg",
        participants="leerkracht, ouders",
        next_evaluation_date=later,
    )
    assert Evaluation.objects.get() == evaluation
    assert sorted(GoalEvaluation.objects.values_list("result", flat=True)) == ["achieved", "partly"]
    plan.refresh_from_db()
    assert plan.evaluation_date == later
    line = last_line(world.case_a1)
    assert (line.kind, line.visibility, line.body) == (
        TimelineKind.EVALUATION,
        Visibility.PARENTS,
        "Goed op weg",
    )
    assert last_event("plan.evaluated").changes == {
        "results": {"achieved": 1, "partly": 1, "not_achieved": 0}
    }


def test_an_evaluation_needs_every_goal_a_known_result_and_sensible_dates(world):
    plan = active(world)
    goal = plan.goals.order_by("position").first()
    cases = [
        ({"results": {goal.pk: ("achieved", "")}}, "results"),
        ({"results": results_for(plan, "achieved", "great")}, "results"),
        (
            {
                "results": results_for(plan, "achieved", "partly"),
                "evaluated_on": today() + dt.timedelta(days=1),
            },
            "evaluated_on",
        ),
        (
            {"results": results_for(plan, "achieved", "partly"), "next_evaluation_date": today()},
            "next_evaluation_date",
        ),
    ]
    for kwargs, field in cases:
        values = {"evaluated_on": today(), **kwargs}
        with pytest.raises(ValidationError) as exc:
            services.evaluation_record(actor=world.teacher, plan=plan, **values)
        assert exc.value.field == field
    assert not Evaluation.objects.exists() and events("plan.evaluated") == 0


def test_only_the_current_plan_of_an_open_case_is_evaluated(world):
    plan = draft(world)
    with pytest.raises(DomainError) as exc:
        services.evaluation_record(actor=world.teacher, plan=plan, evaluated_on=today(), results={})
    assert exc.value.message == in_dutch("Only the current plan can be evaluated.")
    services.plan_activate(actor=world.ib_a, plan=plan)
    close(world)
    plan.refresh_from_db()
    with pytest.raises(DomainError) as exc:
        services.evaluation_record(
            actor=world.teacher,
            plan=plan,
            evaluated_on=today(),
            results=results_for(plan, "achieved", "partly"),
        )
    assert exc.value.message == in_dutch("This case is closed. Reopen it first.")
