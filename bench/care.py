"""The care routes of one benchmark school: signals, cases spread over the route steps, their transitions and
timeline, interventions, action plans with goals and evaluations, consent records and agreed actions.

Rows are what the services would have written (same titles, in Dutch, same visibility levels), but bulk-inserted:
no per-row service, no per-row audit (the audit log records that the benchmark region was loaded, once).
Texts come from the demo's Dutch case texts (demo/case_texts.py).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Any

from batch import Batch
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from world import SchoolPeople, World

from zorgroute.accounts.models import User
from zorgroute.cases.constants import (
    CaseStatus,
    ClosureReason,
    RequiredRecord,
    Severity,
    SignalStatus,
    StepOwner,
    TimelineKind,
    TransitionKind,
    Visibility,
)
from zorgroute.cases.models import (
    Case,
    CaseTransition,
    ProblemDomain,
    RouteStep,
    RouteTemplate,
    Signal,
    TimelineEvent,
)
from zorgroute.demo import case_texts as T
from zorgroute.meetings.constants import ActionStatus
from zorgroute.meetings.models import CaseAction
from zorgroute.organisations.constants import SchoolType
from zorgroute.plans.constants import Effect, GoalResult, PlanKind, PlanStatus
from zorgroute.plans.models import ActionPlan, Evaluation, Goal, GoalEvaluation, Intervention
from zorgroute.pupils.models import Pupil

# Where open cases stand: more in the early steps of a route than in the late ones.
STEP_WEIGHTS = {SchoolType.PRIMARY: (30, 25, 20, 10, 10, 5), SchoolType.SECONDARY: (30, 25, 20, 15, 10)}
STUCK_SHARE = 0.2  # open cases past their step's norm
CLOSURES = ("solved", "solved", "institution", "regional_team")
EVALUATION_WEEKS = 6


@dataclass
class Route:
    template: RouteTemplate
    steps: list[RouteStep]


@dataclass
class Care:
    """Region-wide inputs of the care builder."""

    routes: dict[str, Route]
    domains: dict[str, ProblemDomain]
    now: dt.datetime
    titles: dict[tuple[Any, ...], str] = field(default_factory=dict)


def title(care: Care, msgid: str, **values: Any) -> str:
    """A timeline title as the services write it: translated into the product language (cached per value)."""
    key = (msgid, *sorted((name, str(value)) for name, value in values.items()))
    if key not in care.titles:
        with translation.override(settings.LANGUAGE_CODE):
            care.titles[key] = (_(msgid) % values if values else _(msgid))[:300]
    return care.titles[key]


class CareBuilder:
    def __init__(self, *, world: World, care: Care, people: SchoolPeople, number: int) -> None:
        self.rng = random.Random(f"{world.seed}:care:{number}")
        self.world, self.care, self.people = world, care, people
        self.batch: Batch = world.batch
        self.route = care.routes[people.school.school_type]
        self.primary = people.school.school_type == SchoolType.PRIMARY
        self.case: Case | None = None
        self.has_plan = False

    # --- helpers --------------------------------------------------------------------------------------------------
    def uuid(self) -> Any:
        return World.uuid(self.rng)

    def at(self, days_ago: float) -> dt.datetime:
        return self.care.now - dt.timedelta(days=days_ago, minutes=self.rng.randint(0, 480))

    def event(self, moment: dt.datetime, kind: str, text: str, author: User, **extra: Any) -> None:
        self.batch.add(
            TimelineEvent(
                uuid=self.uuid(),
                case=self.case,
                kind=kind,
                occurred_at=moment,
                author=author,
                author_name=f"{author.first_name} {author.last_name}",
                title=text,
                **extra,
            )
        )

    def teacher(self, pupil: Pupil) -> User:
        return self.people.teachers_of_group[id(pupil.current_group)]

    def fill(self, text: str, pupil: Pupil) -> str:
        return text.replace("{name}", pupil.first_name)

    # --- the school's care ----------------------------------------------------------------------------------------
    def build(self, *, open_cases: int, closed_cases: int, new_signals: int) -> None:
        pupils = self.rng.sample(
            self.people.pupils, min(len(self.people.pupils), open_cases + closed_cases + new_signals)
        )
        for index, pupil in enumerate(pupils):
            if index < open_cases + closed_cases:
                self.route_case(pupil, closed=index >= open_cases)
            else:
                self.signal(pupil, self.at(self.rng.randint(0, 14)), status=SignalStatus.NEW)

    def signal(self, pupil: Pupil, moment: dt.datetime, *, status: str, case: Case | None = None) -> Signal:
        domains, severity, text = self.rng.choice(T.SIGNALS_PO if self.primary else T.SIGNALS_VO)
        triaged = status != SignalStatus.NEW
        signal = self.batch.add(
            Signal(
                uuid=self.uuid(),
                pupil=pupil,
                school=self.people.school,
                reported_by=self.teacher(pupil),
                observed_on=moment.date() - dt.timedelta(days=self.rng.randint(0, 5)),
                observed_behaviour=self.fill(text, pupil),
                severity=severity,
                status=status,
                case=case,
                triaged_by=self.people.coordinator if triaged else None,
                triaged_at=moment if triaged else None,
            )
        )
        for name in domains:
            self.batch.add(Signal.domains.through(signal=signal, problemdomain=self.care.domains[name]))
        return signal

    def route_case(self, pupil: Pupil, *, closed: bool) -> None:
        rng, steps = self.rng, self.route.steps
        target = rng.choices(range(len(steps)), weights=STEP_WEIGHTS[self.people.school.school_type])[0]
        stays = [rng.randint(14, 45) for _ in range(target)]
        norm = steps[target].norm_days
        in_step = (
            norm + rng.randint(3, 40) if rng.random() < STUCK_SHARE else rng.randint(1, max(2, norm - 2))
        )
        tail = rng.randint(10, 200) if closed else 0
        day = sum(stays) + in_step + tail  # days ago the case opened
        coordinator, teacher = self.people.coordinator, self.teacher(pupil)
        entered = self.at(day - sum(stays))
        self.has_plan = False
        case = self.case = self.batch.add(
            Case(
                uuid=self.uuid(),
                pupil=pupil,
                school=self.people.school,
                template=self.route.template,
                step=steps[target],
                owner=coordinator,
                coordinator=teacher if steps[target].forum_kind and rng.random() < 0.5 else None,
                opened_at=self.at(day),
                step_entered_at=entered,
            )
        )
        signal = self.signal(pupil, case.opened_at, status=SignalStatus.CASE_OPENED, case=case)
        self.event(
            case.opened_at,
            TimelineKind.SIGNAL,
            title(
                self.care,
                "Signal (%(severity)s) by %(name)s",
                severity=Severity(signal.severity).label,
                name=f"{teacher.first_name} {teacher.last_name}",
            ),
            teacher,
            body=signal.observed_behaviour,
            ref_uuid=signal.uuid,
        )
        self.transition(TransitionKind.OPEN, None, steps[0], case.opened_at)
        self.event(
            case.opened_at,
            TimelineKind.TRANSITION,
            title(self.care, "Case opened in the step '%(step)s'", step=steps[0].name),
            coordinator,
        )
        start = day
        for position in range(target + 1):
            stay = stays[position] if position < target else in_step
            self.step_activity(pupil, position, days_ago=start, stay=stay)
            start -= stay
            if position < target:
                moment = self.at(start)
                self.transition(TransitionKind.ESCALATE, steps[position], steps[position + 1], moment)
                self.event(
                    moment,
                    TimelineKind.TRANSITION,
                    title(self.care, "Escalated to '%(step)s'", step=steps[position + 1].name),
                    coordinator,
                    body="Onvoldoende resultaat in deze stap; de hulpvraag gaat naar de volgende stap.",
                    visibility=Visibility.PARENTS,
                )
        if closed:
            self.close(pupil, tail)
        else:
            self.actions(pupil, in_step)

    def transition(self, kind: str, origin: RouteStep | None, target: RouteStep, moment: dt.datetime) -> None:
        self.batch.add(
            CaseTransition(
                uuid=self.uuid(),
                case=self.case,
                kind=kind,
                from_step=origin,
                to_step=target,
                actor=self.people.coordinator,
            )
        )

    def step_activity(self, pupil: Pupil, position: int, *, days_ago: int, stay: int) -> None:
        """What happens while the case is in a step: interventions, the package, a plan, evaluations, notes."""
        rng, step, case = self.rng, self.route.steps[position], self.case
        assert case is not None
        if step.min_interventions or step.owner == StepOwner.TEACHER or rng.random() < 0.3:
            self.intervention(pupil, days_ago=days_ago - 1, length=min(stay - 1, rng.randint(10, 28)))
        required = set(step.required_records)
        if required & {RequiredRecord.HELP_QUESTION, RequiredRecord.SCHOOL_LIMITS} and not case.school_limits:
            case.help_question_school = self.fill(rng.choice(T.HELP_SCHOOL), pupil)
            case.help_question_parents = self.fill(rng.choice(T.HELP_PARENTS), pupil)
            case.help_question_pupil = rng.choice(T.HELP_PUPIL)
            case.school_limits = rng.choice(T.SCHOOL_LIMITS)
            self.event(
                self.at(days_ago),
                TimelineKind.NOTE,
                title(self.care, "Help question and limits updated"),
                self.people.coordinator,
            )
        # Consent records for the forums a case goes through: bench/meetings.py (after the routes, with the agendas).
        if (step.action_plan_required or step.code == "team_leader") and not self.has_plan:
            self.plan(pupil, days_ago=days_ago - min(3, stay // 2), stay=stay)
        for _note in range(rng.choice((0, 0, 1, 1, 2))):
            visibility = rng.choice(
                [Visibility.PRIVATE, Visibility.CARE_TEAM, Visibility.CARE_TEAM, Visibility.PARENTS]
            )
            author = self.teacher(pupil) if visibility == Visibility.PRIVATE else self.people.coordinator
            self.event(
                self.at(days_ago - rng.randint(0, max(0, stay - 1))),
                TimelineKind.NOTE,
                title(self.care, "Note"),
                author,
                body=self.fill(rng.choice(T.NOTES[visibility]), pupil),
                visibility=visibility,
            )

    def intervention(self, pupil: Pupil, *, days_ago: int, length: int) -> None:
        rng = self.rng
        started = (self.care.now - dt.timedelta(days=days_ago)).date()
        ended = started + dt.timedelta(days=max(1, length))
        finished = ended < self.care.now.date()
        effect = (
            rng.choice([Effect.HELPED, Effect.PARTLY, Effect.PARTLY, Effect.NOT])
            if finished
            else Effect.UNKNOWN
        )
        teacher = self.teacher(pupil)
        intervention = self.batch.add(
            Intervention(
                uuid=self.uuid(),
                case=self.case,
                performed_by=teacher,
                description=self.fill(
                    rng.choice(T.INTERVENTIONS_PO if self.primary else T.INTERVENTIONS_VO), pupil
                ),
                started_on=started,
                ended_on=ended if finished else None,
                effect=effect,
                effect_notes=rng.choice(T.EFFECT_NOTES[effect]) if finished else "",
            )
        )
        self.event(
            self.at(days_ago - length if finished else days_ago),
            TimelineKind.INTERVENTION,
            title(self.care, "Intervention: %(effect)s", effect=Effect(effect).label),
            teacher,
            body=intervention.description,
            ref_uuid=intervention.uuid,
        )

    def plan(self, pupil: Pupil, *, days_ago: int, stay: int) -> None:
        rng, case, coordinator = self.rng, self.case, self.people.coordinator
        assert case is not None
        self.has_plan = True
        made = self.at(days_ago)
        evaluation = made.date() + dt.timedelta(weeks=EVALUATION_WEEKS)
        kind = PlanKind.OPP if not self.primary and rng.random() < 0.3 else PlanKind.ACTION_PLAN
        plan = self.batch.add(
            ActionPlan(
                uuid=self.uuid(),
                case=case,
                kind=kind,
                version=1,
                status=PlanStatus.ACTIVE,
                needs=self.fill(rng.choice(T.PLAN_NEEDS), pupil),
                approach=self.fill(T.PLAN_APPROACH, pupil),
                advice_school=T.PLAN_ADVICE_SCHOOL,
                advice_home=T.PLAN_ADVICE_HOME,
                pupil_view=self.fill(T.PLAN_PUPIL_VIEW, pupil),
                evaluation_date=evaluation,
                evaluation_method="Evaluatiegesprek met leerkracht, ouders en leerling",
                parents_agreed_on=made.date() + dt.timedelta(days=2),
                created_by=coordinator,
                activated_at=made,
            )
        )
        goals = [
            self.batch.add(
                Goal(uuid=self.uuid(), plan=plan, position=n, description=self.fill(g, pupil), measure=m)
            )
            for n, (g, m) in enumerate(rng.sample(T.PLAN_GOALS, 2))
        ]
        name = f"{PlanKind(kind).label} v1"
        self.event(made, TimelineKind.PLAN, title(self.care, "%(plan)s drafted", plan=name), coordinator)
        self.event(
            made,
            TimelineKind.PLAN,
            title(
                self.care,
                "%(plan)s is now the current plan (evaluation on %(date)s)",
                plan=name,
                date=evaluation.strftime("%d-%m-%Y"),
            ),
            coordinator,
            visibility=Visibility.PARENTS,
        )
        # Evaluations that took place: most plans are evaluated on time, the rest are overdue in the worklist.
        while evaluation < self.care.now.date() - dt.timedelta(days=3) and rng.random() < 0.75:
            results = [rng.choice(GoalResult.values) for _ in goals]
            done = self.batch.add(
                Evaluation(
                    uuid=self.uuid(),
                    plan=plan,
                    evaluated_on=evaluation,
                    evaluated_by=coordinator,
                    participants="Leerkracht, intern begeleider, ouders",
                    conclusion="Geëvalueerd met leerkracht en ouders (PDCA): aanpak voortzetten waar het werkt.",
                    next_evaluation_date=evaluation + dt.timedelta(weeks=EVALUATION_WEEKS),
                )
            )
            for goal, result in zip(goals, results, strict=True):
                self.batch.add(
                    GoalEvaluation(
                        uuid=self.uuid(),
                        evaluation=done,
                        goal=goal,
                        result=result,
                        next_step=T.EVALUATION_NEXT[result],
                    )
                )
            counts = {value: results.count(value) for value in GoalResult.values}
            self.event(
                self.at((self.care.now.date() - evaluation).days),
                TimelineKind.EVALUATION,
                title(
                    self.care,
                    "Evaluation of %(plan)s: %(achieved)d achieved, %(partly)d partly, %(not)d not",
                    plan=name,
                    achieved=counts["achieved"],
                    partly=counts["partly"],
                    **{"not": counts["not_achieved"]},
                ),
                coordinator,
                body=done.conclusion,
                ref_uuid=done.uuid,
                visibility=Visibility.PARENTS,
            )
            evaluation = done.next_evaluation_date
            plan.evaluation_date = evaluation

    def actions(self, pupil: Pupil, in_step: int) -> None:
        """Actions agreed in the current step: some done, some open, some overdue by now."""
        rng, coordinator = self.rng, self.people.coordinator
        for owner, texts in ((self.teacher(pupil), T.ACTIONS_TEACHER), (coordinator, T.ACTIONS_COORDINATOR)):
            if rng.random() < 0.5:
                continue
            agreed = self.at(max(0, in_step - 2))
            due = agreed.date() + dt.timedelta(days=rng.randint(7, 28))
            done = due < self.care.now.date() and rng.random() < 0.5
            finished = self.care.now - dt.timedelta(days=max(0, (self.care.now.date() - due).days))
            self.batch.add(
                CaseAction(
                    uuid=self.uuid(),
                    case=self.case,
                    description=self.fill(rng.choice(texts), pupil),
                    owner=owner,
                    due_on=due,
                    status=ActionStatus.DONE if done else ActionStatus.OPEN,
                    agreed_by=coordinator,
                    finished_at=finished if done else None,
                    finished_by=owner if done else None,
                    result=rng.choice(T.ACTION_RESULTS) if done else "",
                )
            )
            self.event(
                agreed,
                TimelineKind.ACTION,
                title(
                    self.care,
                    "Action agreed: %(owner)s, by %(date)s",
                    owner=f"{owner.first_name} {owner.last_name}",
                    date=due.strftime("%d-%m-%Y"),
                ),
                coordinator,
            )

    def close(self, pupil: Pupil, days_ago: int) -> None:
        case = self.case
        assert case is not None
        outcome = self.rng.choice(CLOSURES)
        moment = self.at(days_ago)
        case.status, case.closed_at, case.closure_reason = CaseStatus.CLOSED, moment, outcome
        self.batch.add(
            CaseTransition(
                uuid=self.uuid(),
                case=case,
                kind=TransitionKind.CLOSE,
                from_step=case.step,
                actor=self.people.coordinator,
                reason=T.CLOSE_NOTES[outcome],
            )
        )
        reason = ClosureReason(outcome).label
        self.event(
            moment,
            TimelineKind.TRANSITION,
            title(self.care, "Closed: %(reason)s", reason=reason),
            self.people.coordinator,
            body=T.CLOSE_NOTES[outcome],
            visibility=Visibility.PARENTS,
        )
