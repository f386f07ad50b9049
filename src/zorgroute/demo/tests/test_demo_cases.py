"""The demo's care routes (loaded once for the module, see conftest.demo_output): a case in every step of both
routes, every kind of record, and the three scenarios from the seeds with their timelines."""

from __future__ import annotations

from collections import Counter

import pytest

from zorgroute.access.policy import visible_timeline
from zorgroute.accounts.models import User
from zorgroute.audit.models import AuditEvent
from zorgroute.audit.services import verify_chain
from zorgroute.cases.constants import (
    CaseStatus,
    ClosureReason,
    DomainCategory,
    SignalSource,
    SignalStatus,
    SkipReason,
    TimelineKind,
    TransitionKind,
    Visibility,
)
from zorgroute.cases.defaults import PROBLEM_DOMAINS
from zorgroute.cases.models import Case, CaseTransition, ProblemDomain, RouteTemplate, Signal, TimelineEvent
from zorgroute.core.time import now, today
from zorgroute.demo import scenarios
from zorgroute.demo.credentials import Username
from zorgroute.organisations.constants import SchoolType
from zorgroute.plans.constants import PlanStatus
from zorgroute.plans.models import ActionPlan, Evaluation, Intervention

pytestmark = pytest.mark.usefixtures("demo_output", "db")


def scenario_case(marker: str) -> Case:
    cases = {
        s.case for s in Signal.objects.filter(observed_behaviour__startswith=marker).select_related("case")
    }
    assert len(cases) == 1, cases
    return cases.pop()


def kinds(case: Case) -> set[str]:
    return set(case.timeline.values_list("kind", flat=True))


def transitions(case: Case) -> list[tuple[str, str]]:
    return [
        (t.kind, t.to_step.code if t.to_step else "")
        for t in CaseTransition.objects.filter(case=case)
        .select_related("to_step")
        .order_by("created_at", "pk")
    ]


def test_it_installs_the_default_routes_and_problem_domains():
    routes = RouteTemplate.objects.filter(school__isnull=True, is_current=True)
    assert sorted(routes.values_list("school_type", flat=True)) == [SchoolType.PRIMARY, SchoolType.SECONDARY]
    assert ProblemDomain.objects.count() == sum(len(names) for names in PROBLEM_DOMAINS.values())
    assert AuditEvent.objects.filter(event="route.installed").count() == 1


def test_every_step_of_both_routes_has_an_open_case():
    for template in RouteTemplate.objects.filter(school__isnull=True):
        open_steps = set(
            Case.objects.filter(template=template, status=CaseStatus.OPEN).values_list(
                "step__code", flat=True
            )
        )
        assert open_steps == set(template.steps.values_list("code", flat=True)), template.name


def test_it_has_closed_provisional_reopened_stuck_and_overdue_cases():
    closed = Case.objects.filter(status=CaseStatus.CLOSED)
    assert set(closed.values_list("closure_reason", flat=True)) == set(ClosureReason.values)
    assert (
        closed.filter(closure_provisional=True).exists() and closed.filter(closure_provisional=False).exists()
    )
    assert CaseTransition.objects.filter(kind=TransitionKind.REOPEN, case__status=CaseStatus.OPEN).exists()
    stuck = [
        case
        for case in Case.objects.filter(status=CaseStatus.OPEN).select_related("step")
        if (today() - case.step_entered_at.date()).days > case.step.norm_days
    ]
    assert stuck
    overdue = ActionPlan.objects.filter(
        status=PlanStatus.ACTIVE, case__status=CaseStatus.OPEN, evaluation_date__lt=today()
    )
    assert overdue.exists()


def test_it_has_every_kind_of_record():
    assert set(Signal.objects.values_list("status", flat=True)) == set(SignalStatus.values)
    notes = TimelineEvent.objects.filter(kind=TimelineKind.NOTE)
    assert set(notes.values_list("visibility", flat=True)) == set(Visibility.values)
    effects = set(Intervention.objects.values_list("effect", flat=True))
    assert {"helped", "partly", "not"} <= effects
    assert ActionPlan.objects.filter(goals__isnull=False, parents_agreed_on__isnull=False).exists()
    assert ActionPlan.objects.filter(status=PlanStatus.SUPERSEDED).exists()  # plan versions
    assert Evaluation.objects.filter(goal_results__isnull=False).exists()
    assert Case.objects.filter(coordinator__isnull=False).exists()


def test_every_case_has_a_consistent_timeline_and_audit_trail():
    moment = now()
    cases = list(Case.objects.select_related("step"))
    opened = Counter(AuditEvent.objects.filter(event="case.opened").values_list("case_uuid", flat=True))
    for case in cases:
        events = list(case.timeline.order_by("occurred_at", "id"))
        assert events and events[0].kind in (TimelineKind.SIGNAL, TimelineKind.TRANSITION), case
        assert case.opened_at <= case.step_entered_at <= moment
        assert all(event.occurred_at <= moment for event in events)
        first_signal = case.signals.order_by("created_at").first()
        assert first_signal is not None and first_signal.observed_on <= case.opened_at.date()
        assert opened[case.uuid] == 1
        assert case.step.template_id == case.template_id
        moves = CaseTransition.objects.filter(case=case).exclude(kind=TransitionKind.OPEN).count()
        # a referral to the forum of the step the case is in shows as a move without changing the step
        referred = case.referrals.values("uuid")
        shown = case.timeline.filter(kind=TimelineKind.TRANSITION).exclude(ref_uuid__in=referred).count()
        assert moves == shown - 1
    assert verify_chain() == []


def test_it_is_the_seed_000_speech_scenario():
    case = scenario_case(scenarios.SPEECH_MARKER)
    assert case.school.name == scenarios.SPEECH_SCHOOL and case.pupil.current_group.name.startswith(
        "Groep 1/2"
    )
    assert case.step.code == "specialised_care" and case.status == CaseStatus.OPEN
    assert transitions(case) == [
        ("open", "signal"),
        ("escalate", "group_review"),
        ("skip", "regional_team"),
        ("escalate", "specialised_care"),
    ]
    skip = CaseTransition.objects.get(case=case, kind=TransitionKind.SKIP)
    assert skip.skip_reason == SkipReason.DIRECT_REFERRAL
    signal = case.signals.get()
    assert set(signal.domains.values_list("name", flat=True)) == {"Spraak en taal", "Ontwikkeling"}
    assert {"signal", "transition", "intervention", "plan", "evaluation", "note"} <= kinds(case)
    assert case.timeline.filter(body__contains="logopedist").count() >= 2


def test_it_is_the_seed_002_removal_room_scenario():
    case = scenario_case(scenarios.REMOVAL_MARKER)
    assert case.school.name == scenarios.REMOVAL_SCHOOL and case.template.school_type == SchoolType.SECONDARY
    assert case.step.code == "internal_care_team"
    sources = Counter(case.signals.values_list("source", flat=True))
    assert sources[SignalSource.REMOVAL_ROOM] == 3 and sources[SignalSource.ABSENCE] == 1
    assert [kind for kind, _step in transitions(case)] == ["open", "escalate", "escalate", "escalate"]
    plan = case.plans.get(status=PlanStatus.ACTIVE)
    assert plan.goals.count() == 2 and plan.evaluations.exists()
    assert case.interventions.count() >= 4


def test_it_is_the_seed_003_family_scenario_seen_by_each_role_at_its_level():
    case = scenario_case(scenarios.FAMILY_MARKER)
    assert case.step.code == "school_care_team"
    categories = set(case.signals.first().domains.values_list("category", flat=True))
    assert DomainCategory.FAMILY in categories
    assert set(case.timeline.filter(kind="note").values_list("visibility", flat=True)) == set(
        Visibility.values
    )
    parent = User.objects.get(username=Username.PARENT_WITH_AUTHORITY)
    seen_by_parent = set(visible_timeline(parent, case).values_list("visibility", flat=True))
    assert seen_by_parent == {Visibility.PARENTS}
    teacher = User.objects.get(username=Username.TEACHER)
    private = case.timeline.get(visibility=Visibility.PRIVATE)
    assert private.author == teacher
    assert visible_timeline(teacher, case).filter(pk=private.pk).exists()
    coordinator = User.objects.get(username=Username.CARE_COORDINATOR)
    assert not visible_timeline(coordinator, case).filter(pk=private.pk).exists()
    assert visible_timeline(coordinator, case).filter(visibility=Visibility.CARE_TEAM).exists()
    # the demo teacher also has a signal of this week waiting in the care coordinator's triage inbox
    assert Signal.objects.filter(reported_by=teacher, status=SignalStatus.NEW).exists()


def test_cases_that_reach_the_zorgteam_or_zat_carry_parent_contact_and_some_show_the_flag():
    from zorgroute.consents.conversation_selectors import case_touchpoints, leaflet_in_force
    from zorgroute.consents.models import LeafletGiven, ParentConversation

    assert all(leaflet_in_force(case.school) is not None for case in Case.objects.select_related("school"))
    assert set(ParentConversation.objects.values_list("kind", flat=True)) == {"before", "after", "intake"}
    assert LeafletGiven.objects.exists()
    family = scenario_case(scenarios.FAMILY_MARKER)
    (zorgteam,) = [row for row in case_touchpoints(family).forums if row.forum_kind == "school_care_team"]
    assert [p.state for p in zorgteam.points] == ["done", "done", "done"]
    parent = User.objects.get(username=Username.PARENT_WITH_AUTHORITY)
    assert visible_timeline(parent, family).filter(kind=TimelineKind.CONVERSATION).count() == 3
    in_forum = Case.objects.filter(
        status=CaseStatus.OPEN, step__forum_kind__in=["school_care_team", "regional_team"]
    )
    assert any(case_touchpoints(case).missing_count for case in in_forum)  # the demo shows the flag too
