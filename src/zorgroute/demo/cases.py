"""Care routes in the demo region, built through the real services under a simulated clock (demo/clock.py), so
every timeline, plan version and audit row is what the application itself would have written.

Deterministic from the seed (`random.Random(f"{seed}:cases")`, pupils and staff in database order); only the dates
follow today, like the rest of the demo. What it builds:
- the default PO and VO routes and the problem domains (cases.services.routes_install_defaults);
- open cases in every step of both routes, with interventions and their effects, action plans with goals,
  evaluations, notes at all three visibility levels; closed and provisionally closed cases, a reopened case,
  cases stuck beyond their step's norm and plans whose evaluation is overdue;
- signals awaiting triage, signals kept in the classroom and signals added to an existing case;
- three scenarios from the seeds (see scenarios.py).
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass

from zorgroute.accounts.models import User
from zorgroute.cases import route
from zorgroute.cases import services as cs
from zorgroute.cases.constants import (
    CaseStatus,
    RequiredRecord,
    SignalSource,
    StepOwner,
    TransitionKind,
    Visibility,
)
from zorgroute.cases.models import Case, ProblemDomain, RouteStep, RouteTemplate, Signal
from zorgroute.cases.selectors import case_package, step_spec
from zorgroute.consents.constants import ConsentMode
from zorgroute.demo import case_texts as T
from zorgroute.demo import consent, parents
from zorgroute.demo import portal as portal_demo
from zorgroute.demo import referrals as referrals_demo
from zorgroute.demo.clock import Clock, simulated
from zorgroute.meetings import services as ms
from zorgroute.organisations.constants import CareTeamKind, SchoolType, StaffRoleKind
from zorgroute.organisations.models import GroupTeacher, Region, School, StaffRole
from zorgroute.plans import services as ps
from zorgroute.plans.constants import Effect, GoalResult
from zorgroute.plans.models import ActionPlan
from zorgroute.pupils.models import Pupil

ROUTES_INSTALLED_DAYS_AGO = 400
CASES_PER_STEP_PER_SCHOOL = 1  # open cases in every step, per school of that route, at scale 1
NEW_SIGNALS_PER_SCHOOL = 3
LONG_IN_ZAT_DAYS = (125, 140)  # the stuck cases in the ZAT step: since before the oldest demo ZAT meeting
MIN_IN_ZAT = 3  # open cases in the ZAT step per route at any scale: the next ZAT meeting has an agenda
LONG_IN_ZORGTEAM = 2  # extra cases long in the zorgteam step at the demo care coordinator's school
CLOSED_PO = ((0, "solved", False), (1, "solved", False), (2, "regional_team", True), (4, "institution", False),
             (5, "solved", False))  # fmt: skip
CLOSED_VO = ((0, "solved", False), (2, "solved", False), (4, "institution", True))


@dataclass
class SchoolContext:
    school: School
    coordinator: User
    head: User
    template: RouteTemplate
    steps: list[RouteStep]
    specs: list[route.StepSpec]
    teacher_of_group: dict[int, User]
    pupils: list[Pupil]
    staff_since: dict[int, dt.date]  # user id -> first day of a school role here (older demo databases vary)

    @property
    def primary(self) -> bool:
        return self.school.school_type == SchoolType.PRIMARY


@dataclass
class CaseState:
    """What the builder tracks of a case while it writes its history."""

    case: Case
    ctx: SchoolContext
    pupil: Pupil
    teacher: User
    plan: ActionPlan | None = None
    next_evaluation: dt.date | None = None
    coordinator_named: bool = False


@dataclass
class Stats:
    cases: int = 0
    closed: int = 0
    signals: int = 0


class CaseBuilder:
    def __init__(self, *, seed: int, scale: float, region: Region, clock: Clock) -> None:
        self.rng = random.Random(f"{seed}:cases")
        self.scale = scale
        self.region = region
        self.clock = clock
        self.today = clock.today
        self.used: set[int] = set()
        self.stats = Stats()

    # --- set-up ---------------------------------------------------------------------------------------------------
    def _load(self) -> None:
        region = self.region
        roles = StaffRole.objects.filter(
            school__region=region, role__in=[StaffRoleKind.CARE_COORDINATOR, StaffRoleKind.SCHOOL_HEAD]
        ).select_related("user")
        by_school: dict[tuple[int, str], User] = {}
        for role in roles.order_by("pk"):
            by_school.setdefault((role.school_id, role.role), role.user)  # type: ignore[arg-type]
        staff_since: dict[int, dict[int, dt.date]] = defaultdict(dict)
        for school_id, user_id, since in StaffRole.objects.filter(school__region=region).values_list(
            "school_id", "user_id", "valid_from"
        ):
            known = staff_since[school_id].get(user_id)
            staff_since[school_id][user_id] = since if known is None else min(known, since)
        teachers: dict[int, User] = {}
        for link in (
            GroupTeacher.objects.filter(group__school__region=region).select_related("user").order_by("pk")
        ):
            teachers.setdefault(link.group_id, link.user)
        pupils: dict[int, list[Pupil]] = defaultdict(list)
        for pupil in (
            Pupil.objects.filter(current_school__region=region, user__isnull=True)
            .select_related("current_school", "current_group")
            .order_by("pk")
        ):
            pupils[pupil.current_school_id].append(pupil)  # type: ignore[index]
        self.domains = {d.name: d for d in ProblemDomain.objects.filter(region=region)}
        self.schools: list[SchoolContext] = []
        templates = {t.school_type: t for t in RouteTemplate.objects.filter(region=region, is_current=True)}
        for school in region.schools.order_by("pk"):
            template = templates[school.school_type]
            steps = list(template.steps.order_by("position"))
            self.schools.append(
                SchoolContext(
                    school=school,
                    coordinator=by_school[(school.pk, StaffRoleKind.CARE_COORDINATOR)],
                    head=by_school[(school.pk, StaffRoleKind.SCHOOL_HEAD)],
                    template=template,
                    steps=steps,
                    specs=[step_spec(s) for s in steps],
                    teacher_of_group=teachers,
                    pupils=pupils[school.pk],
                    staff_since=staff_since[school.pk],
                )
            )

    def context(self, name: str) -> SchoolContext:
        return next(ctx for ctx in self.schools if ctx.school.name == name)

    def take(self, ctx: SchoolContext, pupil: Pupil | None = None) -> Pupil:
        """A pupil of the school without a demo case yet (or the given one, reserved)."""
        if pupil is None:
            pupil = self.rng.choice([p for p in ctx.pupils if p.pk not in self.used])
        self.used.add(pupil.pk)
        return pupil

    def take_near(self, ctx: SchoolContext) -> tuple[SchoolContext, Pupil] | None:
        """A free pupil of this school, or else of another school of the same type (a small demo runs out)."""
        for candidate in (ctx, *(c for c in self.schools if c.primary == ctx.primary and c is not ctx)):
            if any(p.pk not in self.used for p in candidate.pupils):
                return candidate, self.take(candidate)
        return None

    def teacher(self, ctx: SchoolContext, pupil: Pupil) -> User:
        return ctx.teacher_of_group[pupil.current_group_id]  # type: ignore[index]

    def domain_list(self, names: tuple[str, ...]) -> list[ProblemDomain]:
        return [self.domains[name] for name in names]

    @staticmethod
    def fill(text: str, pupil: Pupil) -> str:
        return text.replace("{name}", pupil.first_name)

    # --- the whole build ------------------------------------------------------------------------------------------
    def build(self, *, admin: User) -> Stats:
        from zorgroute.demo import scenarios

        with simulated(self.clock):
            self.clock.days_ago(ROUTES_INSTALLED_DAYS_AGO)
            cs.routes_install_defaults(actor=admin, region=self.region)
            parents.install_leaflet(admin=admin, region=self.region)
            self._load()
            scenarios.build_all(self)
            portal_demo.build(self)
            for primary, closed in ((True, CLOSED_PO), (False, CLOSED_VO)):
                self._route_cases(primary, closed)
            self._signals()
            referrals_demo.build(self)
        return self.stats

    def _route_cases(self, primary: bool, closed: tuple[tuple[int, str, bool], ...]) -> None:
        schools = [ctx for ctx in self.schools if ctx.primary == primary]
        steps = len(schools[0].steps)
        per_step = max(1, round(CASES_PER_STEP_PER_SCHOOL * len(schools) * self.scale))
        special = max(1, round(2 * self.scale))
        turn = 0
        for position in range(steps):
            forum = schools[0].specs[position].forum_kind
            count = max(per_step, MIN_IN_ZAT) if forum == CareTeamKind.REGIONAL_TEAM else per_step
            for index in range(count):
                ctx = schools[turn % len(schools)]
                turn += 1
                stuck = index < special and position in ((2, 3) if primary else (3, 4))  # zorgteam, ZAT
                self.route_case(ctx, target=position, stuck=stuck)
        # The zorgteam of the demo care coordinator's school meets with cases long in its step (demo/meetings.py)
        from zorgroute.demo.build import LOGIN_SCHOOL

        login = next((ctx for ctx in schools if ctx.school.name == LOGIN_SCHOOL), None)
        if login is not None:
            zorgteam = next(
                i for i, s in enumerate(login.steps) if s.forum_kind == CareTeamKind.SCHOOL_CARE_TEAM
            )
            for _ in range(LONG_IN_ZORGTEAM):
                self.route_case(login, target=zorgteam, stuck=True)
        # Plans whose evaluation is overdue (group review / team leader), a reopened case, closed cases
        for index in range(special):
            self.route_case(schools[index % len(schools)], target=1 if primary else 2, overdue=True)
        if primary:
            self.route_case(schools[0], target=1, outcome="solved", reopen=True)
        for position, outcome, provisional in closed:
            for index in range(max(1, round(self.scale))):
                ctx = schools[(turn + index) % len(schools)]
                self.route_case(ctx, target=position, outcome=outcome, provisional=provisional)

    # --- one case -------------------------------------------------------------------------------------------------
    def route_case(
        self,
        ctx: SchoolContext,
        *,
        target: int,
        outcome: str = "",
        provisional: bool = False,
        stuck: bool = False,
        overdue: bool = False,
        reopen: bool = False,
    ) -> Case | None:
        found = self.take_near(ctx)
        if found is None:
            return None  # every pupil of this school type has a demo case already
        (ctx, pupil), rng = found, self.rng
        spec = ctx.specs[target]
        durations = [rng.randint(18, 40) for _ in range(target)]
        if stuck and spec.forum_kind == CareTeamKind.REGIONAL_TEAM:
            # long in the ZAT: discussed in the demo's oldest ZAT meetings, aftercare due (demo/meetings.py)
            in_step = rng.randint(*LONG_IN_ZAT_DAYS)
        elif stuck:
            in_step = spec.norm_days + rng.randint(8, 40)
        elif overdue:
            in_step = rng.randint(30, 36)
        else:
            in_step = rng.randint(4, max(5, min(spec.norm_days - 4, 40)))
        tail = rng.randint(5, 60) if outcome else 0
        day = self.today - dt.timedelta(days=sum(durations) + in_step + tail + (25 if reopen else 0))
        domains, severity, text = rng.choice(T.SIGNALS_PO if ctx.primary else T.SIGNALS_VO)
        state = self.open_case(ctx, pupil, day=day, text=text, domains=domains, severity=severity)
        for position in range(target + 1):
            stay = durations[position] if position < target else in_step
            self.step_activity(
                state, position, entered=day, stay=stay, last=position == target, overdue=overdue
            )
            if position < target:
                day += dt.timedelta(days=stay)
                self.escalate(state, position, day=day)
        if outcome:
            closed_on = self.today - dt.timedelta(days=tail + (25 if reopen else 0))
            self.finish_actions(state, before=closed_on)
            self.clock.on(closed_on)
            state.case = cs.case_close(
                actor=ctx.coordinator,
                case=state.case,
                closure_reason=outcome,
                provisional=provisional,
                note=T.CLOSE_NOTES[outcome],
            )
            if reopen:
                self.clock.on(self.today - dt.timedelta(days=rng.randint(3, 15)))
                state.case = cs.case_reopen(
                    actor=ctx.coordinator,
                    case=state.case,
                    reason="De zorgen zijn teruggekomen na de zomervakantie; opnieuw oppakken in de groepsbespreking.",
                )
        self.stats.cases += 1
        self.stats.closed += state.case.status == CaseStatus.CLOSED
        return state.case

    def open_case(
        self,
        ctx: SchoolContext,
        pupil: Pupil,
        *,
        day: dt.date,
        text: str,
        domains: tuple[str, ...],
        severity: str,
        source: str = SignalSource.TEACHER,
    ) -> CaseState:
        teacher = self.teacher(ctx, pupil)
        observed = day - dt.timedelta(days=self.rng.randint(1, 6))
        self.clock.on(observed)
        signal = cs.signal_create(
            actor=teacher,
            pupil=pupil,
            observed_behaviour=self.fill(text, pupil),
            severity=severity,
            domains=self.domain_list(domains),
            source=source,
            observed_on=observed,
        )
        self.stats.signals += 1
        self.clock.on(day)
        case = cs.signal_open_case(actor=ctx.coordinator, signal=signal, owner=ctx.coordinator)
        return CaseState(case=case, ctx=ctx, pupil=pupil, teacher=teacher)

    def step_activity(
        self, state: CaseState, position: int, *, entered: dt.date, stay: int, last: bool, overdue: bool
    ) -> None:
        """What happens while a case is in a step: interventions, plans, evaluations, notes."""
        rng, ctx, case = self.rng, state.ctx, state.case
        step, spec = ctx.steps[position], ctx.specs[position]
        end = min(entered + dt.timedelta(days=stay), self.today)
        if step.code in T.STEP_NOTES and stay > 1:
            self.clock.on(entered + dt.timedelta(days=1))
            public = step.code in ("specialised_care", "aftercare")
            self.note(
                state,
                ctx.coordinator,
                T.STEP_NOTES[step.code],
                Visibility.PARENTS if public else Visibility.CARE_TEAM,
            )
        coordinator = ctx.coordinator if ctx.primary else state.teacher
        named_on = entered + dt.timedelta(days=2)
        on_staff = all(
            ctx.staff_since.get(u.pk, named_on) <= named_on for u in (ctx.coordinator, coordinator)
        )
        if step.forum_kind and not state.coordinator_named and stay > 2 and on_staff:
            self.clock.on(named_on)
            cs.case_set_people(
                actor=ctx.coordinator, case=case, owner=ctx.coordinator, coordinator=coordinator
            )
            state.coordinator_named = True
        if step.owner == StepOwner.TEACHER or rng.random() < 0.4:
            started = entered + dt.timedelta(days=min(2, stay - 1) if stay > 1 else 0)
            finished = started + dt.timedelta(days=rng.randint(10, 28))
            if finished < end:
                self.intervention(state, started=started, ended=finished)
            elif last and started < end:
                self.clock.on(started)
                ps.intervention_add(
                    actor=state.teacher,
                    case=case,
                    description=rng.choice(T.INTERVENTIONS_PO if ctx.primary else T.INTERVENTIONS_VO),
                    started_on=started,
                )
        wants_plan = spec.action_plan_required or step.code == "team_leader" or (last and overdue)
        if wants_plan and (state.plan is None or (last and overdue)) and stay > 3:
            weeks = 3 if last and overdue else step.evaluation_weeks
            self.plan(
                state,
                day=entered + dt.timedelta(days=3),
                evaluation=entered + dt.timedelta(days=3 + 7 * weeks),
            )
        if step.forum_kind and state.plan is not None and stay > 6 and rng.random() < 0.6:
            # the forum's advice is worked into a new version of the plan
            self.plan(
                state,
                day=entered + dt.timedelta(days=5),
                evaluation=entered + dt.timedelta(days=5 + 7 * step.evaluation_weeks),
                approach=T.PLAN_APPROACH + " " + T.FORUM_ADVICE,
            )
        if rng.random() < 0.5 and stay > 4:
            self.clock.on(entered + dt.timedelta(days=4))
            visibility = rng.choice([Visibility.PRIVATE, Visibility.CARE_TEAM, Visibility.PARENTS])
            author = state.teacher if visibility == Visibility.PRIVATE else ctx.coordinator
            self.note(state, author, rng.choice(T.NOTES[visibility]), visibility)
        if last and stay > 3 and rng.random() < 0.7:
            self.actions(state, agreed=entered + dt.timedelta(days=2), end=end)
        if last and stay > 20:  # the forum discussed the case; the parents heard the outcome
            parents.after(self, state, forum=step.forum_kind, day=entered + dt.timedelta(days=14))
        skip_due = last and overdue
        while state.plan is not None and state.next_evaluation is not None and not skip_due:
            due = state.next_evaluation
            if not (entered < due < end):
                break
            self.evaluate(state, due)

    def escalate(self, state: CaseState, position: int, *, day: dt.date) -> None:
        self.fulfil(state, position, position + 1, day=day - dt.timedelta(days=1))
        self.clock.on(day)
        state.case = cs.case_transition(
            actor=state.ctx.coordinator,
            case=state.case,
            kind=TransitionKind.ESCALATE,
            reason="Onvoldoende resultaat in deze stap; de hulpvraag gaat naar de volgende stap.",
        )

    def fulfil(self, state: CaseState, position: int, target: int, *, day: dt.date) -> None:
        """Complete what the route's escalation gate asks for (cases.route.missing_for), in the case's history."""
        ctx, case, rng = state.ctx, state.case, self.rng
        current, goal = ctx.specs[position], ctx.specs[target]
        self.clock.on(day)
        package = case_package(case)
        missing = {m.code for m in route.missing_for(current, goal, package)}
        if RequiredRecord.INTERVENTIONS in missing:
            needed = max(current.min_interventions, 1)
            for _ in range(needed - package.interventions):
                self.intervention(state, started=day - dt.timedelta(days=rng.randint(14, 21)), ended=day)
        if missing & {RequiredRecord.HELP_QUESTION, RequiredRecord.SCHOOL_LIMITS}:
            self.clock.on(day)
            cs.case_update_package(
                actor=ctx.coordinator,
                case=case,
                help_question_school=self.fill(rng.choice(T.HELP_SCHOOL), state.pupil),
                help_question_parents=self.fill(rng.choice(T.HELP_PARENTS), state.pupil),
                help_question_pupil=rng.choice(T.HELP_PUPIL),
                school_limits=rng.choice(T.SCHOOL_LIMITS),
            )
        if RequiredRecord.ACTION_PLAN in missing:
            self.plan(
                state, day=day, evaluation=day + dt.timedelta(days=7 * ctx.steps[position].evaluation_weeks)
            )
        if RequiredRecord.CONSENT in missing:
            self.clock.on(day)
            mode = rng.choice([ConsentMode.WRITTEN, ConsentMode.WRITTEN, ConsentMode.ASSENT])
            consent.give(actor=ctx.coordinator, case=case, forum_kind=goal.forum_kind, mode=mode, day=day)
        # Parent contact: the conversation after the forum the case leaves, the one before the forum it goes to
        parents.after(self, state, forum=current.forum_kind, day=day)
        parents.before(self, state, forum=goal.forum_kind, day=day)

    # --- records --------------------------------------------------------------------------------------------------
    def intervention(
        self, state: CaseState, *, started: dt.date, ended: dt.date, effect: str = "", text: str = ""
    ) -> None:
        rng = self.rng
        effect = effect or rng.choice([Effect.HELPED, Effect.PARTLY, Effect.PARTLY, Effect.NOT])
        self.clock.on(ended)
        ps.intervention_add(
            actor=state.teacher,
            case=state.case,
            description=self.fill(
                text or rng.choice(T.INTERVENTIONS_PO if state.ctx.primary else T.INTERVENTIONS_VO),
                state.pupil,
            ),
            started_on=started,
            ended_on=ended,
            effect=effect,
            effect_notes=rng.choice(T.EFFECT_NOTES[effect]),
        )

    def plan(
        self,
        state: CaseState,
        *,
        day: dt.date,
        evaluation: dt.date,
        goals: list[tuple[str, str]] | None = None,
        **texts: str,
    ) -> ActionPlan:
        rng, pupil, ctx = self.rng, state.pupil, state.ctx
        self.clock.on(day)
        chosen = [
            (self.fill(g, pupil), self.fill(m, pupil)) for g, m in (goals or rng.sample(T.PLAN_GOALS, 2))
        ]
        values = {
            "needs": rng.choice(T.PLAN_NEEDS),
            "approach": T.PLAN_APPROACH,
            "advice_school": T.PLAN_ADVICE_SCHOOL,
            "advice_home": T.PLAN_ADVICE_HOME,
            "pupil_view": T.PLAN_PUPIL_VIEW,
            **texts,
        }
        plan = ps.plan_create(
            actor=ctx.coordinator,
            case=state.case,
            evaluation_date=evaluation,
            goals=chosen,
            kind="opp" if not ctx.primary and rng.random() < 0.3 else "action_plan",
            evaluation_method="Evaluatiegesprek met leerkracht, ouders en leerling",
            **{key: self.fill(value, pupil) for key, value in values.items()},
        )
        plan = ps.plan_activate(actor=ctx.coordinator, plan=plan)
        agreed = min(day + dt.timedelta(days=rng.randint(1, 5)), self.today - dt.timedelta(days=1))
        if agreed < evaluation:
            self.clock.on(agreed)
            plan = ps.plan_record_agreement(
                actor=ctx.coordinator,
                plan=plan,
                agreed_on=agreed,
                note="Besproken met ouders; zij gaan akkoord.",
            )
        state.plan, state.next_evaluation = plan, evaluation
        return plan

    def evaluate(self, state: CaseState, day: dt.date, results: list[str] | None = None) -> None:
        plan = state.plan
        assert plan is not None
        self.clock.on(day)
        goals = list(plan.goals.order_by("position"))
        chosen = results or [
            self.rng.choice([GoalResult.ACHIEVED, GoalResult.PARTLY, GoalResult.NOT_ACHIEVED]) for _ in goals
        ]
        following = day + dt.timedelta(days=42)
        ps.evaluation_record(
            actor=state.ctx.coordinator,
            plan=plan,
            evaluated_on=day,
            results={g.pk: (r, T.EVALUATION_NEXT[r]) for g, r in zip(goals, chosen, strict=True)},
            conclusion="Geëvalueerd met leerkracht en ouders (PDCA): aanpak voortzetten waar het werkt.",
            participants="Leerkracht, intern begeleider, ouders",
            next_evaluation_date=following,
        )
        state.next_evaluation = following

    def actions(self, state: CaseState, *, agreed: dt.date, end: dt.date) -> None:
        """Actions agreed in the current step: some done, some open, some overdue by now."""
        rng, ctx = self.rng, state.ctx
        for owner, texts in ((state.teacher, T.ACTIONS_TEACHER), (ctx.coordinator, T.ACTIONS_COORDINATOR)):
            if ctx.staff_since.get(owner.pk, agreed) > agreed:
                continue
            self.clock.on(agreed)
            action = ms.action_agree(
                actor=ctx.coordinator,
                case=state.case,
                description=self.fill(rng.choice(texts), state.pupil),
                owner=owner,
                due_on=agreed + dt.timedelta(days=rng.randint(7, 28)),
            )
            if action.due_on < end and rng.random() < 0.5:
                self.clock.on(action.due_on)
                ms.action_complete(actor=owner, action=action, result=rng.choice(T.ACTION_RESULTS))

    def finish_actions(self, state: CaseState, *, before: dt.date) -> None:
        """Before a case closes, its open actions are done (on their due date, or the day before closing)."""
        for action in state.case.actions.filter(status="open").select_related("owner"):
            self.clock.on(min(action.due_on, before - dt.timedelta(days=1)))
            ms.action_complete(actor=action.owner, action=action, result=self.rng.choice(T.ACTION_RESULTS))

    def note(self, state: CaseState, author: User, text: str, visibility: str) -> None:
        cs.note_add(actor=author, case=state.case, text=self.fill(text, state.pupil), visibility=visibility)

    # --- signals that did not (yet) become a case ---------------------------------------------------------------
    def _signals(self) -> None:
        rng = self.rng
        per_school = max(1, round(NEW_SIGNALS_PER_SCHOOL * self.scale))
        open_cases = {
            case.pupil_id: case
            for case in Case.objects.filter(
                school__region=self.region, status=CaseStatus.OPEN
            ).select_related("pupil")
        }
        for ctx in self.schools:
            pool = T.SIGNALS_PO if ctx.primary else T.SIGNALS_VO
            for index in range(per_school + 1):
                found = self.take_near(ctx)
                if found is None:
                    break
                at, pupil = found
                domains, severity, text = rng.choice(pool)
                observed = self.today - dt.timedelta(
                    days=rng.randint(0, 12) if index else rng.randint(30, 90)
                )
                self.clock.on(observed)
                signal = cs.signal_create(
                    actor=self.teacher(at, pupil),
                    pupil=pupil,
                    observed_behaviour=self.fill(text, pupil),
                    severity=severity,
                    domains=self.domain_list(domains),
                    observed_on=observed,
                )
                self.stats.signals += 1
                if index == 0:  # the oldest one was looked at and kept in the classroom
                    self.clock.on(observed + dt.timedelta(days=3))
                    cs.signal_keep_in_class(
                        actor=at.coordinator, signal=signal, reason=rng.choice(T.KEEP_IN_CLASS)
                    )
            # a second signal about a pupil who already has an open case, added to that case
            candidates = [case for case in open_cases.values() if case.school_id == ctx.school.pk]
            if candidates:
                case = candidates[rng.randrange(len(candidates))]
                self.link_signal(ctx, case, days_ago=rng.randint(1, 5))

    def link_signal(
        self,
        ctx: SchoolContext,
        case: Case,
        *,
        days_ago: int,
        text: str = "",
        source: str = SignalSource.TEACHER,
        domains: tuple[str, ...] = (),
        author: User | None = None,
    ) -> Signal:
        rng = self.rng
        default_domains, severity, default_text = rng.choice(T.SIGNALS_PO if ctx.primary else T.SIGNALS_VO)
        observed = self.today - dt.timedelta(days=days_ago)
        self.clock.on(observed)
        signal = cs.signal_create(
            actor=author or self.teacher(ctx, case.pupil),
            pupil=case.pupil,
            observed_behaviour=self.fill(text or default_text, case.pupil),
            severity=severity,
            domains=self.domain_list(domains or default_domains),
            source=source,
            observed_on=observed,
        )
        self.stats.signals += 1
        self.clock.on(observed + dt.timedelta(days=1 if days_ago > 1 else 0))
        cs.signal_link(actor=ctx.coordinator, signal=signal, case=case)
        return signal


def build_cases(*, region: Region, seed: int, scale: float, clock: Clock | None = None) -> Stats:
    """Install the routes and build the demo's cases and signals (call inside the demo's transaction)."""
    from django.utils import timezone

    admin = (
        StaffRole.objects.filter(region=region, role=StaffRoleKind.FUNCTIONAL_ADMIN)
        .select_related("user")
        .order_by("pk")
    ).first()
    assert admin is not None
    builder = CaseBuilder(seed=seed, scale=scale, region=region, clock=clock or Clock(timezone.now()))
    return builder.build(admin=admin.user)
