"""Reads for signals, the triage inbox, the worklists and the group review (issue 3 items 1, 6 and 7).

Every list starts from access.visible_*; every count is a database aggregate; every page takes a fixed number of
queries whatever the number of pupils, signals or cases.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Case as CaseWhen
from django.db.models import (
    Count,
    DateField,
    F,
    FilteredRelation,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext_lazy

from zorgroute.access.actions import Action
from zorgroute.access.policy import (
    can,
    can_any,
    visible_actions,
    visible_cases,
    visible_groups,
    visible_pupils,
    visible_signals,
)
from zorgroute.access.principal import load
from zorgroute.access.rules import Role
from zorgroute.cases.constants import CaseStatus, DomainCategory, Severity, SignalStatus
from zorgroute.cases.models import Case, GroupReview, GroupReviewOutcome, ProblemDomain, Signal
from zorgroute.cases.selectors import with_consent_override
from zorgroute.core.time import current_school_year, school_year_label, today
from zorgroute.organisations.models import Group
from zorgroute.pupils.models import Pupil

LIST_LIMIT = (
    10  # rows per list on My work; the count says how many there are, "Show all" opens the whole list
)
SECTION_PAGE_SIZE = 50  # rows per page of a whole list (work_section)
EVALUATION_HORIZON_DAYS = 14  # "plans to evaluate": evaluation date within two weeks, or overdue
REVIEWS_PER_YEAR = 3  # the norm: a group review at least three times per school year

# The fields a worklist row shows (cases/my_work.html, cases/_plan_rows.html, meetings/_action_rows.html). Rows load
# only these: a list row costs a fraction of a whole case with its pupil, step and owner. A template that shows another
# field adds it here; the query-count tests fail when a field is loaded row by row instead.
_PUPIL_NAME = ("first_name", "name_prefix", "last_name")
_USER_NAME = ("first_name", "last_name", "username")


def _of(relation: str, *names: str) -> tuple[str, ...]:
    return tuple(f"{relation}__{name}" for name in names)


CASE_ROW = (
    "uuid",
    "status",
    "step_entered_at",
    *_of("pupil", *_PUPIL_NAME, "current_group__name"),
    *_of("step", "name", "norm_days"),
    *_of("owner", *_USER_NAME),
)
CASE_ROW_RELATED = ("pupil", "pupil__current_group", "step", "owner")
PLAN_ROW = (
    "uuid",
    "kind",
    "version",
    "status",
    "evaluation_date",
    "case__uuid",
    *_of("case__pupil", *_PUPIL_NAME),
    "case__step__name",
)
PLAN_ROW_RELATED = ("case", "case__pupil", "case__step")
ACTION_ROW = (
    "uuid",
    "due_on",
    "status",
    "description",
    "kind",  # a feedback task's title is rendered from kind, feedback_to and the forum's name (CaseAction.title)
    "feedback_to",
    "forum__name",
    "case__uuid",
    *_of("case__pupil", *_PUPIL_NAME),
    *_of("owner", *_USER_NAME),
)
ACTION_ROW_RELATED = ("case", "case__pupil", "owner", "forum")

SEVERITY_RANK = CaseWhen(
    When(severity=Severity.ACUTE, then=Value(4)),
    When(severity=Severity.HIGH, then=Value(3)),
    When(severity=Severity.MEDIUM, then=Value(2)),
    default=Value(1),
    output_field=IntegerField(),
)


# --- Route norms as database expressions --------------------------------------------------------------------------


class AddDays(Func):
    """A date plus a number of days taken from an integer expression (a column such as a step's norm); a date.

    Django has no portable date-plus-integer: PostgreSQL adds an integer to a date, SQLite moves a 'YYYY-MM-DD' text
    with its date() modifiers.
    """

    arity = 2
    arg_joiner = " + "
    template = "(%(expressions)s)"
    output_field = DateField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra_context: Any) -> Any:
        day, days = (compiler.compile(e) for e in self.get_source_expressions())
        return f"date({day[0]}, '+' || ({days[0]}) || ' days')", (*day[1], *days[1])


def with_stuck(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `stuck_after` (the last local day within the step's norm, a date) and `is_stuck`, in the database.

    Same rule as route.is_stuck: whole local calendar days since the local date the case entered its step, so a day
    across a daylight-saving change counts as one day as it does on the case page. Stuck from the day after
    `stuck_after`.
    """
    entered_on = TruncDate("step_entered_at", tzinfo=timezone.get_current_timezone())
    return cases.annotate(stuck_after=AddDays(entered_on, F("step__norm_days"))).annotate(
        is_stuck=CaseWhen(
            When(Q(status=CaseStatus.OPEN, stuck_after__lt=today()), then=Value(True)),
            default=Value(False),
        )
    )


def stuck_cases(cases: QuerySet[Case]) -> QuerySet[Case]:
    return with_stuck(cases).filter(Q(is_stuck=True))


def _active_plans() -> Any:
    """Current action plans, with `is_overdue` (evaluation date passed). Plans depend on cases, hence the import."""
    from zorgroute.plans.constants import PlanStatus
    from zorgroute.plans.models import ActionPlan

    return ActionPlan.objects.filter(status=PlanStatus.ACTIVE).annotate(
        is_overdue=CaseWhen(When(evaluation_date__lt=today(), then=Value(True)), default=Value(False))
    )


def _first_rows(rows: QuerySet[Any], **totals: Any) -> tuple[list[Any], dict[str, int]]:
    """The first LIST_LIMIT rows and the totals over all rows, in one query: each total is a window aggregate over the
    whole list (``COUNT(...) OVER ()``), computed before the limit. An empty list has totals 0."""
    page = list(rows.annotate(**{name: Window(total) for name, total in totals.items()})[:LIST_LIMIT])
    return page, {name: getattr(page[0], name) if page else 0 for name in totals}


def _case_rows(cases: QuerySet[Case]) -> QuerySet[Case]:
    return with_consent_override(cases).select_related(*CASE_ROW_RELATED).only(*CASE_ROW)


def _plan_rows(plans: QuerySet[Any]) -> QuerySet[Any]:
    return plans.select_related(*PLAN_ROW_RELATED).only(*PLAN_ROW).order_by("evaluation_date")


def _action_rows(actions: QuerySet[Any]) -> QuerySet[Any]:
    return actions.select_related(None).select_related(*ACTION_ROW_RELATED).only(*ACTION_ROW)


def _actions() -> Any:
    """The agreed-actions selectors. Actions depend on cases (meetings app), hence the import here."""
    from zorgroute.meetings import selectors

    return selectors


# --- Signals ------------------------------------------------------------------------------------------------------


def problem_domains(*, region_id: int) -> dict[str, list[ProblemDomain]]:
    """The region's active problem domains by area (child, family, school), for the signal form (one query)."""
    grouped: dict[str, list[ProblemDomain]] = {category: [] for category in DomainCategory.values}
    for domain in ProblemDomain.objects.filter(region_id=region_id, is_active=True).order_by(
        "category", "position", "name"
    ):
        grouped[domain.category].append(domain)
    return grouped


def _open_case_of_pupil(user: Any, field_name: str) -> Subquery:
    return Subquery(
        visible_cases(user, Action.CASE_CONTRIBUTE)
        .filter(pupil_id=OuterRef("pupil_id"), status=CaseStatus.OPEN)
        .order_by("-opened_at")
        .values(field_name)[:1]
    )


def triage_allowed(*, user: Any) -> bool:
    """Does the user triage signals anywhere (care coordinator of at least one school)? No query."""
    return can_any(user, Action.SIGNAL_TRIAGE)


def triage_inbox(*, user: Any) -> QuerySet[Signal]:
    """Signals awaiting triage at the user's schools, most severe first, then newest; with the pupil's open case."""
    return (
        visible_signals(user, Action.SIGNAL_TRIAGE)
        .filter(status=SignalStatus.NEW)
        .select_related("pupil", "pupil__current_group", "school", "reported_by")
        .prefetch_related(
            Prefetch("domains", queryset=ProblemDomain.objects.order_by("category", "position"))
        )
        .annotate(
            severity_rank=SEVERITY_RANK,
            open_case_uuid=_open_case_of_pupil(user, "uuid"),
            open_case_step=_open_case_of_pupil(user, "step__name"),
        )
        .order_by("-severity_rank", "-observed_on", "-created_at")
    )


def signal_open_case_uuid(*, user: Any, signal: Signal) -> Any:
    """The UUID of the pupil's open case the user may add the signal to (None when there is none)."""
    return (
        visible_cases(user, Action.CASE_CONTRIBUTE)
        .filter(pupil_id=signal.pupil_id, status=CaseStatus.OPEN)
        .order_by("-opened_at")
        .values_list("uuid", flat=True)
        .first()
    )


# --- Worklists ----------------------------------------------------------------------------------------------------


@dataclass
class TeacherWork:
    signal_counts: dict[str, int]
    signals: list[Signal]
    open_case_count: int
    open_cases: list[Case]
    plans_due_count: int
    plans_due: list[Any]

    @property
    def signal_total(self) -> int:
        return sum(self.signal_counts.values())


@dataclass
class CoordinatorWork:
    can_triage: bool
    inbox_count: int
    caseload: list[dict[str, Any]]
    open_case_count: int
    stuck_count: int
    stuck: list[Case]
    overdue_count: int
    overdue: list[Any]
    overdue_action_count: int
    overdue_actions: list[Any]
    aftercare_count: int
    aftercare: list[Any]


@dataclass
class ActionWork:
    """The open actions the user carries out, whatever their role (teacher, coordinator, team member, partner)."""

    count: int
    overdue_count: int
    actions: list[Any]


def action_work(*, user: Any) -> ActionWork:
    actions, totals = _first_rows(
        my_action_rows(user),
        # The names must differ from the `overdue` annotation (PostgreSQL refuses the clash; SQLite counts 0).
        open_total=Count("pk"),
        late_total=Count("pk", filter=Q(overdue=True)),
    )
    return ActionWork(count=totals["open_total"], overdue_count=totals["late_total"], actions=actions)


def _status_counts(signals: QuerySet[Signal]) -> dict[str, int]:
    counts = signals.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in SignalStatus.values}
    )
    return {status: counts[status] or 0 for status in SignalStatus.values}


def _teacher_cases(user: Any) -> QuerySet[Case]:
    """Open cases of the pupils in the teacher's groups."""
    return visible_cases(user, Action.CASE_CONTRIBUTE).filter(
        status=CaseStatus.OPEN, pupil__current_group_id__in=sorted(load(user).taught_group_ids)
    )


def _plans_due(cases: QuerySet[Case]) -> QuerySet[Any]:
    horizon = today() + dt.timedelta(days=EVALUATION_HORIZON_DAYS)
    return _active_plans().filter(case__in=cases.values("pk"), evaluation_date__lte=horizon)


def _my_signals(user: Any) -> QuerySet[Signal]:
    return visible_signals(user, Action.SIGNAL_VIEW).filter(reported_by_id=user.pk)


# The lists of My work, each in its order. My work shows the first LIST_LIMIT rows of each; work_section the whole list.


def my_action_rows(user: Any) -> QuerySet[Any]:
    return _action_rows(_actions().my_open_actions(user=user))


def my_signal_rows(user: Any) -> QuerySet[Signal]:
    return (
        _my_signals(user)
        .select_related("pupil")
        .only("observed_on", "severity", "status", "triage_reason", *_of("pupil", *_PUPIL_NAME))
        .order_by("-observed_on", "-created_at", "pk")
    )


def teacher_case_rows(user: Any) -> QuerySet[Case]:
    return _case_rows(with_stuck(_teacher_cases(user))).order_by("step__position", "step_entered_at", "pk")


def plans_due_rows(user: Any) -> QuerySet[Any]:
    return _plan_rows(_plans_due(_teacher_cases(user))).order_by("evaluation_date", "pk")


def stuck_rows(user: Any) -> QuerySet[Case]:
    return _case_rows(stuck_cases(_coordinator_cases(user))).order_by("stuck_after", "step_entered_at", "pk")


def overdue_plan_rows(user: Any) -> QuerySet[Any]:
    cases = _coordinator_cases(user)
    plans = _active_plans().filter(case__in=cases.values("pk"), evaluation_date__lt=today())
    return _plan_rows(plans).order_by("evaluation_date", "pk")


def overdue_action_rows(user: Any) -> QuerySet[Any]:
    cases = _coordinator_cases(user)
    return _action_rows(_actions().with_overdue(_actions().overdue_actions(user=user, cases=cases)))


def aftercare_rows(user: Any) -> QuerySet[Any]:
    return (
        _actions()
        .open_aftercare(cases=visible_cases(user, Action.CASE_MANAGE))
        .select_related(None)
        .select_related("case", "case__pupil")
        .only("uuid", "due_on", "case__uuid", *_of("case__pupil", *_PUPIL_NAME))
        .order_by("due_on", "pk")
    )


def teacher_work(*, user: Any) -> TeacherWork:
    """A teacher's worklist: signals they reported, open cases and plans to evaluate of the pupils they teach."""
    open_cases, case_totals = _first_rows(teacher_case_rows(user), total=Count("pk"))
    plans_due, plan_totals = _first_rows(plans_due_rows(user), total=Count("pk"))
    return TeacherWork(
        signal_counts=_status_counts(_my_signals(user)),
        signals=list(my_signal_rows(user)[:LIST_LIMIT]),
        open_case_count=case_totals["total"],
        open_cases=open_cases,
        plans_due_count=plan_totals["total"],
        plans_due=plans_due,
    )


def _coordinator_cases(user: Any) -> QuerySet[Case]:
    """The open cases of the schools where the user coordinates care or leads (the caseload)."""
    return visible_cases(user, Action.CASE_VIEW).filter(status=CaseStatus.OPEN)


def _inbox_count(user: Any) -> int:
    """The number of signals in the triage inbox (triage_inbox's rows, without what only the list shows)."""
    return visible_signals(user, Action.SIGNAL_TRIAGE).filter(status=SignalStatus.NEW).count()


def coordinator_work(*, user: Any) -> CoordinatorWork:
    """A care coordinator's worklist: triage inbox, caseload by step, stuck cases and overdue evaluations.

    The caseload's rows per step also give the numbers of open and stuck cases; each list brings its own total.
    """
    steps = caseload(_coordinator_cases(user))
    overdue, plan_totals = _first_rows(overdue_plan_rows(user), total=Count("pk"))
    late_actions, action_totals = _first_rows(overdue_action_rows(user), total=Count("pk"))
    aftercare, aftercare_totals = _first_rows(aftercare_rows(user), total=Count("pk"))
    can_triage = triage_allowed(user=user)
    return CoordinatorWork(
        can_triage=can_triage,
        inbox_count=_inbox_count(user) if can_triage else 0,
        caseload=steps,
        open_case_count=sum(row["count"] for row in steps),
        stuck_count=sum(row["stuck"] for row in steps),
        stuck=list(stuck_rows(user)[:LIST_LIMIT]),
        overdue_count=plan_totals["total"],
        overdue=overdue,
        overdue_action_count=action_totals["total"],
        overdue_actions=late_actions,
        aftercare_count=aftercare_totals["total"],
        aftercare=aftercare,
    )


@dataclass(frozen=True)
class WorkSection:
    """One list of My work, as a page of its own with every row ("Show all")."""

    slug: str  # in the address: /zorg/werk/<slug>/
    title: Any  # a lazy translation
    kind: str  # which rows the template draws: actions, signals, cases, plans, stuck, overdue_actions, aftercare
    roles: (
        frozenset[str] | None
    )  # the list is on My work for these roles (None: for everyone who carries out actions)
    rows: Callable[[Any], QuerySet[Any]]


_TEACHER = frozenset({Role.TEACHER})
_COORDINATOR = frozenset({Role.CARE_COORDINATOR, Role.SCHOOL_HEAD})
WORK_SECTIONS = {
    section.slug: section
    for section in (
        WorkSection("acties", gettext_lazy("My actions"), "actions", None, my_action_rows),
        WorkSection("signalen", gettext_lazy("My signals"), "signals", _TEACHER, my_signal_rows),
        WorkSection(
            "zorgtrajecten", gettext_lazy("Open cases of my pupils"), "cases", _TEACHER, teacher_case_rows
        ),
        WorkSection("te-evalueren", gettext_lazy("Plans to evaluate"), "plans", _TEACHER, plans_due_rows),
        WorkSection("vastgelopen", gettext_lazy("Stuck cases"), "stuck", _COORDINATOR, stuck_rows),
        WorkSection(
            "evaluaties-verlopen",
            gettext_lazy("Overdue evaluations"),
            "plans",
            _COORDINATOR,
            overdue_plan_rows,
        ),
        WorkSection(
            "acties-verlopen",
            gettext_lazy("Overdue actions"),
            "overdue_actions",
            _COORDINATOR,
            overdue_action_rows,
        ),
        WorkSection("nazorg", gettext_lazy("Aftercare to do"), "aftercare", _COORDINATOR, aftercare_rows),
    )
}


def work_section(*, user: Any, slug: str) -> WorkSection | None:
    """The list `slug` of the user's My work, or None when My work has no such list for the user's roles. The rows
    come from access.visible_* like My work's, so a list never holds more than the user may see."""
    section = WORK_SECTIONS.get(slug)
    if section is None or (section.roles is not None and not load(user).roles & section.roles):
        return None
    return section


def caseload(cases: QuerySet[Case]) -> list[dict[str, Any]]:
    """Open cases per route step: how many, how many stuck, and the longest time in the step (one query)."""
    rows = list(
        with_stuck(cases)
        .values("template__name", "step__position", "step__name", "step__norm_days")
        .annotate(
            count=Count("pk"),
            stuck=Count("pk", filter=Q(is_stuck=True)),
            oldest=Min("step_entered_at"),
            newest=Max("step_entered_at"),
        )
        .order_by("template__name", "step__position")
    )
    day = today()
    for row in rows:  # local calendar days, as the case page counts them (case_selectors.days_in_step)
        row["longest_days"] = (day - timezone.localtime(row["oldest"]).date()).days if row["oldest"] else 0
        row["shortest_days"] = (day - timezone.localtime(row["newest"]).date()).days if row["newest"] else 0
    return rows


def work_counts(*, user: Any) -> dict[str, int]:
    """The numbers on the home page: what waits for this user. The same numbers as on My work, in fewer queries: one
    for all the actions, one for the caseload's stuck cases and overdue evaluations, one for the inbox; for a teacher
    one for their new signals and one for their plans to evaluate."""
    from zorgroute.meetings.constants import ActionStatus
    from zorgroute.plans.constants import PlanStatus

    roles = load(user).roles
    coordinator = bool(roles & {Role.CARE_COORDINATOR, Role.SCHOOL_HEAD})
    day = today()
    counts: dict[str, int] = {}
    # Actions: those the user carries out (meetings.selectors.my_open_actions) and, for a coordinator, the overdue
    # ones on the caseload, any owner (meetings.selectors.overdue_actions); both are open actions the user may see.
    mine = Q(owner_id=user.pk)
    late = Q(due_on__lt=day)
    wanted = {"my_actions": Count("pk", filter=mine), "my_overdue_actions": Count("pk", filter=mine & late)}
    actions = visible_actions(user).filter(status=ActionStatus.OPEN)
    if coordinator:
        on_caseload = Q(case__in=_coordinator_cases(user).values("pk")) & late
        actions = actions.filter(mine | on_caseload)
        wanted["overdue_actions"] = Count("pk", filter=on_caseload)
    else:
        actions = actions.filter(mine)
    counts.update({name: n or 0 for name, n in actions.aggregate(**wanted).items()})
    if Role.TEACHER in roles:
        counts["my_new_signals"] = (
            visible_signals(user, Action.SIGNAL_VIEW)
            .filter(reported_by_id=user.pk, status=SignalStatus.NEW)
            .count()
        )
        counts["plans_due"] = _plans_due(_teacher_cases(user)).count()
    if coordinator:
        if triage_allowed(user=user):
            counts["inbox"] = _inbox_count(user)
        # At most one active plan per case (plans' constraint plan_one_active): joining it adds no rows.
        caseload_counts = (
            with_stuck(_coordinator_cases(user))
            .annotate(active_plan=FilteredRelation("plans", condition=Q(plans__status=PlanStatus.ACTIVE)))
            .aggregate(
                stuck_total=Count("pk", filter=Q(is_stuck=True)),
                overdue_total=Count("pk", filter=Q(active_plan__evaluation_date__lt=day)),
            )
        )
        counts["stuck"] = caseload_counts["stuck_total"] or 0
        counts["overdue"] = caseload_counts["overdue_total"] or 0
    return counts


# --- Group review -------------------------------------------------------------------------------------------------


def school_year_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    return dt.date(start_year, 8, 1), dt.date(start_year + 1, 7, 31)


@dataclass
class GroupOverview:
    group: Group
    pupils: list[Any]  # Pupil with open_signals, open_case, current_plan, last_outcome, can_signal
    reviews: list[Any]  # GroupReview with outcome_count, concern_count

    norm: int = REVIEWS_PER_YEAR

    @property
    def school_year(self) -> str:
        return school_year_label(self.group.school_year)

    @property
    def review_count(self) -> int:
        return len(self.reviews)

    @property
    def reviews_missing(self) -> int:
        return max(REVIEWS_PER_YEAR - self.review_count, 0)


def group_overview(*, user: Any, group: Group) -> GroupOverview:
    """The group's pupils with their open signals, open case (step), current plan and last review outcome.

    Six queries whatever the size of the group: pupils, signals, cases, plans, last outcomes, reviews this year.
    Only what the user may see: signals by SIGNAL_VIEW (a teacher sees the ones they reported), cases and plans
    by CASE_VIEW_TEAM.
    """
    first, last = school_year_bounds(group.school_year)
    open_signals = (
        visible_signals(user, Action.SIGNAL_VIEW)
        .filter(status=SignalStatus.NEW)
        .select_related("reported_by")
        .order_by("-observed_on", "-created_at")
    )
    open_cases = (
        with_consent_override(
            with_stuck(visible_cases(user, Action.CASE_VIEW_TEAM).filter(status=CaseStatus.OPEN))
        )
        .select_related("step", "owner")
        .prefetch_related(Prefetch("plans", queryset=_active_plans(), to_attr="current_plans"))
    )
    outcomes = (
        GroupReviewOutcome.objects.filter(review__group=group)
        .select_related("review")
        .order_by("-review__held_on", "-review__created_at")
    )
    pupils = list(
        visible_pupils(user)
        .filter(current_group=group)
        .prefetch_related(
            Prefetch("signals", queryset=open_signals, to_attr="open_signals"),
            Prefetch("cases", queryset=open_cases, to_attr="open_cases"),
            Prefetch("review_outcomes", queryset=outcomes, to_attr="past_outcomes"),
        )
        .order_by("last_name", "first_name", "pk")
    )
    for pupil in pupils:
        pupil.open_case = pupil.open_cases[0] if pupil.open_cases else None  # type: ignore[attr-defined]
        pupil.current_plan = (  # type: ignore[attr-defined]
            pupil.open_case.current_plans[0]  # type: ignore[attr-defined]
            if pupil.open_case is not None and pupil.open_case.current_plans  # type: ignore[attr-defined]
            else None
        )
        pupil.last_outcome = pupil.past_outcomes[0] if pupil.past_outcomes else None  # type: ignore[attr-defined]
        pupil.can_signal = can(user, Action.SIGNAL_CREATE, pupil)  # type: ignore[attr-defined]
    reviews = list(
        GroupReview.objects.filter(group=group, held_on__range=(first, last))
        .select_related("recorded_by")
        .annotate(
            outcome_count=Count("outcomes"),
            concern_count=Count("outcomes", filter=~Q(outcomes__outcome="no_concerns")),
        )
        .order_by("-held_on")
    )
    return GroupOverview(group=group, pupils=pupils, reviews=reviews)


def group_pupils(*, user: Any, group: Group) -> list[Pupil]:
    """The group's pupils the user may see, for the review form (one query)."""
    return list(visible_pupils(user).filter(current_group=group).order_by("last_name", "first_name", "pk"))


def review_groups(*, user: Any) -> list[Group]:
    """Groups of this school year the user reviews, with the number of group reviews held so far (one query)."""
    year = current_school_year()
    first, last = school_year_bounds(year)
    return list(
        visible_groups(user, Action.GROUP_REVIEW)
        .filter(school_year=year)
        .select_related("school")
        .annotate(
            review_count=Count("reviews", filter=Q(reviews__held_on__range=(first, last)), distinct=True),
            last_review=Max("reviews__held_on"),
        )
        .order_by("school__name", "name")
    )


# --- My work: the page and the home page counts ------------------------------------------------------------------


@dataclass
class MyWork:
    teacher: TeacherWork | None
    coordinator: CoordinatorWork | None
    groups: list[Group]
    actions: ActionWork
    review_norm: int = REVIEWS_PER_YEAR

    @property
    def has_rows(self) -> bool:
        return self.teacher is not None or self.coordinator is not None or self.actions.count > 0

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {"my_actions": self.actions.count}
        if self.teacher is not None:
            counts.update(
                signals=self.teacher.signal_total,
                open_cases=self.teacher.open_case_count,
                plans_due=self.teacher.plans_due_count,
            )
        if self.coordinator is not None:
            counts.update(
                inbox=self.coordinator.inbox_count,
                caseload=self.coordinator.open_case_count,
                stuck=self.coordinator.stuck_count,
                overdue=self.coordinator.overdue_count,
                overdue_actions=self.coordinator.overdue_action_count,
            )
        return counts


def my_work(*, user: Any) -> MyWork:
    """A section per role the user holds: teacher, and care coordinator or school head."""
    roles = load(user).roles
    return MyWork(
        teacher=teacher_work(user=user) if Role.TEACHER in roles else None,
        coordinator=coordinator_work(user=user)
        if roles & {Role.CARE_COORDINATOR, Role.SCHOOL_HEAD}
        else None,
        groups=review_groups(user=user),
        actions=action_work(user=user),
    )
