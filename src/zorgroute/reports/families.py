"""The counted figures of the reports, each a *family*: what is counted, on which date it falls in a period, which
category it belongs to. One grouped query per family returns (period bucket, unit, category, count) rows; nothing is
counted in Python.

Families with `additive=True` put every counted row in exactly one category (a referral has one source); the
others do not (a referral may have several problem domains), so they have no total over their categories.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear, TruncDate
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.constants import CaseStatus, ClosureReason, SignalSource
from zorgroute.cases.models import Case as CareCase
from zorgroute.cases.models import ProblemDomain, Signal
from zorgroute.consents.constants import ConsentMode, ConversationKind
from zorgroute.consents.models import ConsentRecord, ParentConversation
from zorgroute.core.time import today
from zorgroute.meetings.constants import (
    ActionKind,
    ActionStatus,
    AgendaKind,
    GoalAttainment,
    MeetingStatus,
)
from zorgroute.meetings.models import Aftercare, CaseAction, CaseDiscussion, Referral
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.plans.constants import GoalResult
from zorgroute.plans.models import GoalEvaluation
from zorgroute.reports import scopes as sc
from zorgroute.reports.periods import Period
from zorgroute.reports.sql import Buckets

Row = tuple[Any, Any, Any, int]  # (period bucket, unit, category, count)

MET, NOT_MET = "met", "not_met"
NO_SIGNAL = "none"
FEEDBACK_DAYS = (
    10  # the conversation after a discussion is judged once this many days have passed (meetings app)
)
AGE_BANDS = (
    (0, 7, _("7 or younger")),
    (8, 11, _("8 to 11")),
    (12, 15, _("12 to 15")),
    (16, 200, _("16 or older")),
)
FORUMS = ((CareTeamKind.SCHOOL_CARE_TEAM, _("Zorgteam")), (CareTeamKind.REGIONAL_TEAM, _("ZAT")))


@dataclass(frozen=True)
class Family:
    key: str
    title: str | Promise  # what one row counts, e.g. "Referrals to a forum"
    breakdown: str | Promise  # the categories, e.g. "by source"
    categories: Callable[[sc.Scope], list[tuple[Any, str]]]
    rows: Callable[[sc.Scope, Sequence[Period]], list[Row]]
    additive: bool = True
    by_unit: bool = True  # False: the figure is shown for the whole scope only (no unit dimension)
    scopes: tuple[str, ...] = (sc.SCHOOL, sc.ZAT, sc.REGION)


def _grouped(
    qs: QuerySet[Any],
    *,
    scope: sc.Scope,
    periods: Sequence[Period],
    date: str,
    is_datetime: bool,
    school: str,
    category: Any,
    by_unit: bool = True,
    distinct: bool = False,
) -> list[Row]:
    unit = scope.unit(school) if by_unit else Value(0, output_field=IntegerField())
    buckets = Buckets(tuple(periods))
    rows = (
        qs.filter(buckets.q(date, is_datetime=is_datetime))
        .annotate(**buckets.annotations(date, is_datetime=is_datetime), r_unit=unit, r_cat=category)
        .values(*buckets.keys, "r_unit", "r_cat")
        .annotate(r_n=Count("pk", distinct=distinct))
        .order_by()
    )
    return [(buckets.index(r), r["r_unit"], r["r_cat"], r["r_n"]) for r in rows]


def _choices(choices: Any) -> Callable[[sc.Scope], list[tuple[Any, str]]]:
    return lambda scope: [(value, str(label)) for value, label in choices]


def _met() -> Callable[[sc.Scope], list[tuple[Any, str]]]:
    return lambda scope: [(MET, str(_("Met"))), (NOT_MET, str(_("Not met")))]


def _met_when(condition: Q) -> Case:
    return Case(When(condition, then=Value(MET)), default=Value(NOT_MET), output_field=CharField())


# --- Signals ------------------------------------------------------------------------------------------------------


def _signals(scope: sc.Scope) -> QuerySet[Signal]:
    return Signal.objects.filter(scope.q(school="school"))


def signals_by_source(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _grouped(
        _signals(scope),
        scope=scope,
        periods=periods,
        date="observed_on",
        is_datetime=False,
        school="school",
        category=F("source"),
    )


def _domains(scope: sc.Scope) -> list[tuple[Any, str]]:
    return [
        (pk, f"{category_label}: {name}")
        for pk, name, category_label in (
            (d.pk, d.name, d.get_category_display())
            for d in ProblemDomain.objects.filter(region=scope.region).order_by(
                "category", "position", "name"
            )
        )
    ]


def signals_by_domain(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    through = Signal.domains.through.objects.filter(
        signal__in=_signals(scope).filter(Buckets(tuple(periods)).q("observed_on", is_datetime=False))
    )
    return _grouped(
        through,
        scope=scope,
        periods=periods,
        date="signal__observed_on",
        is_datetime=False,
        school="signal__school",
        category=F("problemdomain_id"),
    )


# --- Referrals to a forum (aanmeldingen) ---------------------------------------------------------------------------


def _referrals(scope: sc.Scope) -> QuerySet[Referral]:
    zat = Q(team_id__in=scope.team_ids) if scope.kind == sc.ZAT else None
    return Referral.objects.filter(
        scope.q(school="case__school", zat=zat),
        submitted_at__isnull=False,
        forum_kind__in=[CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM],
    )


def _referral_rows(scope: sc.Scope, periods: Sequence[Period], category: Any, **kw: Any) -> list[Row]:
    return _grouped(
        _referrals(scope),
        scope=scope,
        periods=periods,
        date="submitted_at",
        is_datetime=True,
        school="case__school",
        category=category,
        **kw,
    )


def first_signal_source(case: str = "case") -> Coalesce:
    """The source of the case's first signal ("none" when the case has no signal)."""
    first = (
        Signal.objects.filter(case=OuterRef(case))
        .order_by("observed_on", "created_at", "pk")
        .values("source")
    )
    return Coalesce(Subquery(first[:1]), Value(NO_SIGNAL), output_field=CharField())


def _age() -> Any:
    """Whole years from the birth date to the moment (annotated by `_with_age`), in the database."""
    had_birthday = Q(r_m__gt=F("r_bm")) | Q(r_m=F("r_bm"), r_d__gte=F("r_bd"))
    return (
        F("r_y")
        - F("r_by")
        - Case(When(had_birthday, then=Value(0)), default=Value(1), output_field=IntegerField())
    )


def _with_age(qs: QuerySet[Any], birth: str, moment: str) -> QuerySet[Any]:
    return qs.annotate(
        r_y=ExtractYear(moment),
        r_m=ExtractMonth(moment),
        r_d=ExtractDay(moment),
        r_by=ExtractYear(birth),
        r_bm=ExtractMonth(birth),
        r_bd=ExtractDay(birth),
    ).annotate(r_age=_age())


def _age_band() -> Case:
    return Case(
        *(When(r_age__range=(low, high), then=Value(str(low))) for low, high, _label in AGE_BANDS),
        default=Value(str(AGE_BANDS[0][0])),
        output_field=CharField(),
    )


def referrals_by_forum(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _referral_rows(scope, periods, F("forum_kind"))


def referrals_by_source(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _referral_rows(scope, periods, first_signal_source())


def referrals_by_age(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    qs = _with_age(_referrals(scope), "case__pupil__date_of_birth", "submitted_at")
    return _grouped(
        qs,
        scope=scope,
        periods=periods,
        date="submitted_at",
        is_datetime=True,
        school="case__school",
        category=_age_band(),
    )


def referrals_by_domain(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """A referral counts once under each problem domain of its case's signals."""
    return _grouped(
        _referrals(scope).filter(case__signals__domains__isnull=False),
        scope=scope,
        periods=periods,
        date="submitted_at",
        is_datetime=True,
        school="case__school",
        category=F("case__signals__domains"),
        distinct=True,
    )


# --- Discussions, actions, closures, consent -----------------------------------------------------------------------


def _discussions(scope: sc.Scope) -> QuerySet[CaseDiscussion]:
    zat = Q(item__meeting__team_id__in=scope.team_ids) if scope.kind == sc.ZAT else None
    return CaseDiscussion.objects.filter(scope.q(school="item__case__school", zat=zat)).exclude(
        item__meeting__status=MeetingStatus.CANCELLED
    )


def _discussion_rows(
    scope: sc.Scope, periods: Sequence[Period], category: Any, qs: Any = None, **kw: Any
) -> list[Row]:
    return _grouped(
        qs if qs is not None else _discussions(scope),
        scope=scope,
        periods=periods,
        date="item__meeting__starts_at",
        is_datetime=True,
        school="item__case__school",
        category=category,
        **kw,
    )


def discussions_by_forum(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _discussion_rows(scope, periods, F("item__meeting__team__kind"))


def discussions_by_kind(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _discussion_rows(scope, periods, F("item__kind"))


def bottlenecks_by_care_kind(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """Discussions that noted a gap in the care offer, per kind of care the gap is in (the region's kinds; by
    municipality in the region's figures). A note from before kinds were recorded has none and is not counted."""
    qs = _discussions(scope).filter(bottleneck_kind__isnull=False)
    return _discussion_rows(scope, periods, F("bottleneck_kind_id"), qs=qs)


ACTION_STATES = (
    ("done_on_time", _("Done on time")),
    ("done_late", _("Done late")),
    ("open", _("Open, not yet due")),
    ("overdue", _("Open and overdue")),
    ("cancelled", _("Cancelled")),
)


def _actions(scope: sc.Scope, kind: str) -> QuerySet[CaseAction]:
    zat = Q(discussion__item__meeting__team_id__in=scope.team_ids) if scope.kind == sc.ZAT else None
    return CaseAction.objects.filter(scope.q(school="case__school", zat=zat), kind=kind).annotate(
        r_done_day=TruncDate("finished_at")
    )


def actions_by_state(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    state = Case(
        When(status=ActionStatus.DONE, r_done_day__lte=F("due_on"), then=Value("done_on_time")),
        When(status=ActionStatus.DONE, then=Value("done_late")),
        When(status=ActionStatus.CANCELLED, then=Value("cancelled")),
        When(due_on__lt=today(), then=Value("overdue")),
        default=Value("open"),
        output_field=CharField(),
    )
    return _grouped(
        _actions(scope, ActionKind.ACTION),
        scope=scope,
        periods=periods,
        date="created_at",
        is_datetime=True,
        school="case__school",
        category=state,
    )


def _cases(scope: sc.Scope) -> QuerySet[CareCase]:
    zat = scope.zat_cases() if scope.kind == sc.ZAT else None
    return CareCase.objects.filter(scope.q(school="school", zat=zat))


def closures_by_reason(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _grouped(
        _cases(scope).filter(status=CaseStatus.CLOSED),
        scope=scope,
        periods=periods,
        date="closed_at",
        is_datetime=True,
        school="school",
        category=F("closure_reason"),
    )


def consent_by_mode(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    zat = (
        (scope.zat_cases("case") & Q(forum_kind=CareTeamKind.REGIONAL_TEAM)) if scope.kind == sc.ZAT else None
    )
    return _grouped(
        ConsentRecord.objects.filter(scope.q(school="case__school", zat=zat)),
        scope=scope,
        periods=periods,
        date="recorded_on",
        is_datetime=False,
        school="case__school",
        category=F("mode"),
    )


# --- Outcomes ------------------------------------------------------------------------------------------------------


def goals_at_evaluation(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _grouped(
        GoalEvaluation.objects.filter(scope.q(school="evaluation__plan__case__school")),
        scope=scope,
        periods=periods,
        date="evaluation__evaluated_on",
        is_datetime=False,
        school="evaluation__plan__case__school",
        category=F("result"),
    )


def _aftercare(scope: sc.Scope) -> QuerySet[Aftercare]:
    zat = Q(after_discussion__item__meeting__team_id__in=scope.team_ids) if scope.kind == sc.ZAT else None
    return Aftercare.objects.filter(scope.q(school="case__school", zat=zat))


def _aftercare_rows(scope: sc.Scope, periods: Sequence[Period], qs: Any, category: Any) -> list[Row]:
    return _grouped(
        qs,
        scope=scope,
        periods=periods,
        date="done_at",
        is_datetime=True,
        school="case__school",
        category=category,
    )


def goals_at_aftercare(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    return _aftercare_rows(
        scope, periods, _aftercare(scope).exclude(goal_attainment=""), F("goal_attainment")
    )


def satisfaction_school(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    qs = _aftercare(scope).filter(satisfaction_school__isnull=False)
    return _aftercare_rows(scope, periods, qs, F("satisfaction_school"))


def satisfaction_parents(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    qs = _aftercare(scope).filter(satisfaction_parents__isnull=False)
    return _aftercare_rows(scope, periods, qs, F("satisfaction_parents"))


# --- Gaps in the care offer: external referrals per kind of care (referrals app) ------------------------------------


def _care_kinds(scope: sc.Scope) -> list[tuple[Any, str]]:
    from zorgroute.referrals.models import CareKind

    return [(k.pk, k.name) for k in CareKind.objects.filter(region=scope.region).order_by("position", "name")]


def _external(scope: sc.Scope) -> QuerySet[Any]:
    from zorgroute.referrals.constants import ExternalReferralStatus
    from zorgroute.referrals.models import ExternalReferral

    zat = scope.zat_cases("case") if scope.kind == sc.ZAT else None
    return ExternalReferral.objects.filter(scope.q(school="case__school", zat=zat)).exclude(
        status=ExternalReferralStatus.WITHDRAWN
    )


def _external_rows(scope: sc.Scope, periods: Sequence[Period], qs: QuerySet[Any]) -> list[Row]:
    return _grouped(
        qs,
        scope=scope,
        periods=periods,
        date="referred_on",
        is_datetime=False,
        school="case__school",
        category=F("care_kind_id"),
    )


def external_by_care_kind(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """External referrals made in the period (not withdrawn), per kind of care."""
    return _external_rows(scope, periods, _external(scope))


def waiting_by_care_kind(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """External referrals made in the period that the partner put on a waiting list, per kind of care: where the
    care offer falls short (DOMAIN §9: gaps in the care offer)."""
    from zorgroute.referrals.constants import BackReportKind
    from zorgroute.referrals.models import BackReport

    waiting = BackReport.objects.filter(referral=OuterRef("pk"), kind=BackReportKind.WAITING_LIST)
    return _external_rows(scope, periods, _external(scope).filter(Exists(waiting)))


# --- Process norms: each counts what met a norm and what did not ----------------------------------------------------


def coordinator_named(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """Cases that reached their second agreed action in the period: was a case coordinator named (on the case, or in a
    discussion of it when the coordinator works for a partner)? Norm 100% (seed 001)."""
    second = (
        CaseAction.objects.filter(case=OuterRef("pk"), kind=ActionKind.ACTION)
        .exclude(status=ActionStatus.CANCELLED)
        .order_by("created_at", "pk")
        .values("created_at")[1:2]
    )
    named_in_discussion = CaseDiscussion.objects.filter(
        item__case=OuterRef("pk"), case_coordinator__isnull=False
    )
    qs = _cases(scope).annotate(r_second=Subquery(second), r_named=Exists(named_in_discussion))
    return _grouped(
        qs.filter(r_second__isnull=False),
        scope=scope,
        periods=periods,
        date="r_second",
        is_datetime=True,
        school="school",
        category=_met_when(Q(coordinator__isnull=False) | Q(r_named=True)),
        by_unit=False,
    )


def aftercare_on_time(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """Aftercare due in the period, done or overdue: done on or before its due date? Norm 100%."""
    qs = (
        _aftercare(scope)
        .filter(Q(done_at__isnull=False) | Q(due_on__lt=today()))
        .annotate(r_done_day=TruncDate("done_at"))
    )
    return _grouped(
        qs,
        scope=scope,
        periods=periods,
        date="due_on",
        is_datetime=False,
        school="case__school",
        category=_met_when(Q(r_done_day__lte=F("due_on"))),
        by_unit=False,
    )


def feedback_on_time(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """Feedback tasks due in the period, done or overdue: reported back on or before the due date?"""
    qs = (
        _actions(scope, ActionKind.FEEDBACK)
        .exclude(status=ActionStatus.CANCELLED)
        .filter(Q(status=ActionStatus.DONE) | Q(due_on__lt=today()))
    )
    return _grouped(
        qs,
        scope=scope,
        periods=periods,
        date="due_on",
        is_datetime=False,
        school="case__school",
        category=_met_when(Q(status=ActionStatus.DONE, r_done_day__lte=F("due_on"))),
        by_unit=False,
    )


def _at_the_table(field: str, forum: str) -> Callable[[sc.Scope, Sequence[Period]], list[Row]]:
    """Discussions in one forum: did the parents, the pupil or the teacher (`field`) sit at the table, as the
    discussion records it?"""

    def rows(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
        qs = _discussions(scope).filter(item__meeting__team__kind=forum)
        return _discussion_rows(scope, periods, _met_when(Q(**{field: True})), qs=qs, by_unit=False)

    return rows


def _conversation(kinds: Sequence[str]) -> QuerySet[ParentConversation]:
    return ParentConversation.objects.filter(
        case=OuterRef("item__case"), forum_kind=OuterRef("item__meeting__team__kind"), kind__in=list(kinds)
    )


def parents_before(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """Discussions in the zorgteam or the ZAT: were the parents talked to beforehand, since the case's previous
    discussion in that forum (DOMAIN §6; for the ZAT an intake conversation counts)?"""
    previous = (
        CaseDiscussion.objects.filter(
            item__case=OuterRef("item__case"),
            item__meeting__team__kind=OuterRef("item__meeting__team__kind"),
            item__meeting__starts_at__lt=OuterRef("item__meeting__starts_at"),
        )
        .order_by("-item__meeting__starts_at")
        .annotate(r_day=TruncDate("item__meeting__starts_at"))
        .values("r_day")[:1]
    )
    qs = _discussions(scope).annotate(
        r_day=TruncDate("item__meeting__starts_at"),
        r_prev=Coalesce(Subquery(previous), Value(dt.date(1900, 1, 1))),
    )
    window = Q(held_on__lte=OuterRef("r_day"), held_on__gt=OuterRef("r_prev"))
    qs = qs.annotate(
        r_before=Exists(_conversation([ConversationKind.BEFORE]).filter(window)),
        r_intake=Exists(_conversation([ConversationKind.INTAKE]).filter(window)),
    )
    met = Q(r_before=True) | Q(item__meeting__team__kind=CareTeamKind.REGIONAL_TEAM, r_intake=True)
    return _discussion_rows(scope, periods, _met_when(met), qs=qs, by_unit=False)


def parents_after(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """Discussions at least `FEEDBACK_DAYS` ago: were the parents talked to afterwards?"""
    qs = (
        _discussions(scope)
        .annotate(r_day=TruncDate("item__meeting__starts_at"))
        .filter(r_day__lte=today() - dt.timedelta(days=FEEDBACK_DAYS))
        .annotate(r_ok=Exists(_conversation([ConversationKind.AFTER]).filter(held_on__gte=OuterRef("r_day"))))
    )
    return _discussion_rows(scope, periods, _met_when(Q(r_ok=True)), qs=qs, by_unit=False)


# --- The families, in the order the reports show them --------------------------------------------------------------

_ALL_SCOPES = (sc.SCHOOL, sc.ZAT, sc.REGION)
_NOT_ZAT = (sc.SCHOOL, sc.REGION)

SIGNALS_BY_SOURCE = Family(
    "signals_source", _("Signals recorded"), _("by source"), _choices(SignalSource.choices), signals_by_source,
    scopes=_NOT_ZAT,
)  # fmt: skip
SIGNALS_BY_DOMAIN = Family(
    "signals_domain", _("Signals recorded"), _("by problem domain"), _domains, signals_by_domain,
    additive=False, scopes=_NOT_ZAT,
)  # fmt: skip
REFERRALS_BY_FORUM = Family(
    "referrals_forum", _("Referrals to a forum"), _("by forum"), _choices(FORUMS), referrals_by_forum,
    scopes=_NOT_ZAT,
)  # fmt: skip
REFERRALS_BY_SOURCE = Family(
    "referrals_source", _("Referrals to a forum"), _("by source of the first signal"),
    _choices([*SignalSource.choices, (NO_SIGNAL, _("No signal recorded"))]), referrals_by_source,
)  # fmt: skip
REFERRALS_BY_AGE = Family(
    "referrals_age", _("Referrals to a forum"), _("by age of the pupil"),
    _choices([(str(low), label) for low, _high, label in AGE_BANDS]), referrals_by_age,
)  # fmt: skip
REFERRALS_BY_DOMAIN = Family(
    "referrals_domain", _("Referrals to a forum"), _("by problem domain"), _domains, referrals_by_domain,
    additive=False,
)  # fmt: skip
DISCUSSIONS_BY_FORUM = Family(
    "discussions_forum", _("Case discussions"), _("by forum"), _choices(FORUMS), discussions_by_forum,
    scopes=_NOT_ZAT,
)  # fmt: skip
DISCUSSIONS_BY_KIND = Family(
    "discussions_kind", _("Case discussions"), _("new or follow-up"), _choices(AgendaKind.choices),
    discussions_by_kind,
)  # fmt: skip
ACTIONS_BY_STATE = Family(
    "actions_state", _("Actions agreed"), _("and where they stand"), _choices(ACTION_STATES), actions_by_state
)
CLOSURES_BY_REASON = Family(
    "closures_reason", _("Cases closed"), _("by reason"), _choices(ClosureReason.choices), closures_by_reason
)
CONSENT_BY_MODE = Family(
    "consent_mode", _("Consent records"), _("by kind, with the decisions by name without consent"),
    _choices(ConsentMode.choices), consent_by_mode,
)  # fmt: skip
BOTTLENECKS = Family(
    "bottlenecks", _("Discussions that noted a gap in the care offer"), _("by kind of care"), _care_kinds,
    bottlenecks_by_care_kind,
)  # fmt: skip
GOALS_AT_EVALUATION = Family(
    "goals_evaluation", _("Goals evaluated"), _("by result"), _choices(GoalResult.choices), goals_at_evaluation,
    scopes=_NOT_ZAT,
)  # fmt: skip
GOALS_AT_AFTERCARE = Family(
    "goals_aftercare", _("Aftercare recorded"), _("by goal attainment"), _choices(GoalAttainment.choices),
    goals_at_aftercare,
)  # fmt: skip
SCORES = [(n, str(n)) for n in range(1, 6)]
SATISFACTION_SCHOOL = Family(
    "satisfaction_school", _("Satisfaction of the school"), _("score 1 to 5"), _choices(SCORES), satisfaction_school,
    by_unit=False,
)  # fmt: skip
SATISFACTION_PARENTS = Family(
    "satisfaction_parents", _("Satisfaction of the parents"), _("score 1 to 5"), _choices(SCORES),
    satisfaction_parents, by_unit=False,
)  # fmt: skip

AT_THE_TABLE = (
    ("parents_present", _("The parents at the table")),
    ("pupil_present", _("The pupil at the table")),
    ("teacher_present", _("The teacher at the table")),
)
# Who sat at the table, per forum: one met/not-met family each (protected like the norms), the share shown beside
# them. The zorgteam's are not part of a ZAT report.
PRESENCE = tuple(
    Family(
        f"present_{field.removesuffix('_present')}_{forum}", format_lazy("{} ({})", title, forum_label), "", _met(),
        _at_the_table(field, forum), by_unit=False,
        scopes=_ALL_SCOPES if forum == CareTeamKind.REGIONAL_TEAM else _NOT_ZAT,
    )
    for forum, forum_label in FORUMS
    for field, title in AT_THE_TABLE
)  # fmt: skip

NORMS = (
    Family("norm_coordinator", _("A case coordinator named where more than one action is agreed"), "", _met(),
           coordinator_named, by_unit=False),
    Family("norm_aftercare", _("Aftercare done on time (three months after the last discussion)"), "", _met(),
           aftercare_on_time, by_unit=False),
    Family("norm_feedback", _("Feedback given on time"), "", _met(), feedback_on_time, by_unit=False),
    Family("norm_parents_before", _("The parents talked to before the discussion"), "", _met(), parents_before,
           by_unit=False),
    Family("norm_parents_after", _("The parents talked to after the discussion"), "", _met(), parents_after,
           by_unit=False),
    *PRESENCE,
)  # fmt: skip
NORM_TARGETS = {"norm_coordinator": 100, "norm_aftercare": 100, "norm_feedback": 100, "norm_parents_before": 100,
                "norm_parents_after": 100}  # fmt: skip

REGISTRATION = (
    SIGNALS_BY_SOURCE,
    SIGNALS_BY_DOMAIN,
    REFERRALS_BY_FORUM,
    REFERRALS_BY_SOURCE,
    REFERRALS_BY_AGE,
    REFERRALS_BY_DOMAIN,
    DISCUSSIONS_BY_FORUM,
    DISCUSSIONS_BY_KIND,
    ACTIONS_BY_STATE,
    CLOSURES_BY_REASON,
)
EXTERNAL_BY_KIND = Family(
    "external_kind", _("External referrals"), _("by kind of care"), _care_kinds, external_by_care_kind
)
WAITING_BY_KIND = Family(
    "waiting_kind", _("External referrals put on a waiting list"), _("by kind of care"), _care_kinds,
    waiting_by_care_kind,
)  # fmt: skip
OUTCOMES = (
    GOALS_AT_EVALUATION,
    GOALS_AT_AFTERCARE,
    SATISFACTION_SCHOOL,
    SATISFACTION_PARENTS,
    BOTTLENECKS,
    EXTERNAL_BY_KIND,
    WAITING_BY_KIND,
)
