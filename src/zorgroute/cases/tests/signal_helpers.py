"""Shared set-up for the signal, worklist and group review tests: grow the world by pupils with care data."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zorgroute.cases import services
from zorgroute.cases.constants import ReviewOutcome, Severity
from zorgroute.cases.models import Case, ProblemDomain
from zorgroute.core.time import now, today
from zorgroute.plans import services as plan_services
from zorgroute.plans.models import ActionPlan
from zorgroute.testing import factories as f
from zorgroute.testing.personas import World


def domains(world: World, *names: str) -> list[ProblemDomain]:
    return list(ProblemDomain.objects.filter(region=world.region, name__in=names))


def active_plan(actor, case: Case, *, evaluation_in_days: int = 30) -> ActionPlan:
    plan = plan_services.plan_create(
        actor=actor,
        case=case,
        needs="Rust en structuur",
        evaluation_date=today() + dt.timedelta(days=30),
        goals=[("Doel", "Observatie")],
    )
    plan = plan_services.plan_activate(actor=actor, plan=plan)
    ActionPlan.objects.filter(pk=plan.pk).update(
        evaluation_date=today() + dt.timedelta(days=evaluation_in_days)
    )
    plan.refresh_from_db()
    return plan


def stick(case: Case, days: int) -> None:
    """Pretend the case entered its step `days` local calendar days ago (at noon, a moment every day has: a day
    across a daylight-saving change is not 24 hours, and the route counts calendar days)."""
    entered = timezone.make_aware(dt.datetime.combine(today() - dt.timedelta(days=days), dt.time(12)))
    Case.objects.filter(pk=case.pk).update(step_entered_at=min(entered, now()))


def grow(world: World, n: int, *, start: int = 0) -> None:
    """Add `n` pupils to the teacher's group, each with a new signal, an open stuck case with an overdue plan,
    and an outcome in a group review, so every list and count on the pages has more rows."""
    learning = domains(world, "Leren", "Echtscheiding")
    outcomes = {}
    for i in range(start, start + n):
        pupil = f.PupilFactory.enrolled(world.group_a1, first_name=f"Kind{i}", last_name=f"Groei{i}")
        services.signal_create(
            actor=world.teacher,
            pupil=pupil,
            severity=Severity.HIGH if i % 2 else Severity.LOW,
            observed_behaviour=f"Observatie {i}",
            domains=learning,
        )
        services.signal_create(
            actor=world.ib_a, pupil=pupil, severity=Severity.MEDIUM, observed_behaviour=f"Tweede {i}"
        )
        case = services.case_open(actor=world.ib_a, pupil=pupil, owner=world.ib_a)
        active_plan(world.ib_a, case, evaluation_in_days=-3 if i % 2 else 5)
        stick(case, 100)
        outcomes[pupil.pk] = (ReviewOutcome.OBSERVE, f"Notitie {i}")
    services.group_review_record(
        actor=world.ib_a,
        group=world.group_a1,
        held_on=today() - dt.timedelta(days=start + 1),
        outcomes=outcomes,
    )
