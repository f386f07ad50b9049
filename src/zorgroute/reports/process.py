"""Process figures that are not a simple count per period: meetings and their discussions, the minimum composition
of meetings, cases stuck beyond their step's norm today, and overdue actions per person and per organisation today.

All database aggregates; the minimum composition is the one rule judged here per meeting (not per case), from three
queries whatever the number of meetings: which people a team needs present is a rule over attendance rows
(meetings.calendar.composition_gaps), the same rule the meeting page shows.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from django.db.models import Count, IntegerField, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case, RouteStep
from zorgroute.cases.work_selectors import with_stuck
from zorgroute.core.time import now, today
from zorgroute.meetings.calendar import Attendee, Requirement, composition_gaps
from zorgroute.meetings.constants import ActionKind, ActionStatus, MeetingStatus, Presence
from zorgroute.meetings.models import Attendance, CaseAction, CaseDiscussion, CompositionRequirement, Meeting
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind
from zorgroute.organisations.models import StaffRole
from zorgroute.reports import scopes as sc
from zorgroute.reports.counting import Counted, notes_for
from zorgroute.reports.disclosure import TOTAL, Dim, protect
from zorgroute.reports.families import FORUMS, MET, NOT_MET, Row
from zorgroute.reports.periods import Period
from zorgroute.reports.sql import Buckets, within
from zorgroute.reports.tables import HIDDEN, SMALL_CELL, SUPPRESSED, Cell, Column, ReportTable


def _small(n: int | None) -> Cell:
    if n is None:
        return None
    return SUPPRESSED if 0 < n < SMALL_CELL else n


def meetings_in_scope(scope: sc.Scope) -> QuerySet[Meeting]:
    """Meetings of the scope's teams that took place: the school's own zorgteam, the ZAT, or every team of the
    region."""
    meetings = Meeting.objects.exclude(status=MeetingStatus.CANCELLED).filter(starts_at__lt=now())
    if scope.kind == sc.SCHOOL:
        return meetings.filter(team__school=scope.school)
    if scope.kind == sc.ZAT:
        return meetings.filter(team_id__in=scope.team_ids)
    return meetings.filter(team__region=scope.region)


def _discussion_count() -> Coalesce:
    per_meeting = (
        CaseDiscussion.objects.filter(item__meeting=OuterRef("pk"))
        .values("item__meeting")
        .annotate(c=Count("pk"))
        .values("c")
    )
    return Coalesce(Subquery(per_meeting, output_field=IntegerField()), Value(0))


def meetings_table(scope: sc.Scope, period: Period, discussions: Counted) -> ReportTable:
    """Per forum: meetings held, discussions (from the protected family), the average and the range per meeting."""
    rows_by_kind = {
        row["team__kind"]: row
        for row in meetings_in_scope(scope)
        .filter(within("starts_at", period, is_datetime=True))
        .annotate(d=_discussion_count())
        .values("team__kind")
        .annotate(meetings=Count("pk"), fewest=Min("d"), most=Max("d"), total=Sum("d"))
        .order_by()
    }
    columns = [
        Column("forum", _("Forum"), "label"),
        Column("meetings", _("Meetings held"), "count"),
        Column("discussions", _("Case discussions"), "count"),
        Column("average", _("Discussions per meeting"), "score"),
        Column("fewest", _("Fewest in a meeting"), "count"),
        Column("most", _("Most in a meeting"), "count"),
    ]
    rows: list[list[Cell]] = []
    for kind, label in FORUMS:
        if scope.kind == sc.ZAT and kind != CareTeamKind.REGIONAL_TEAM:
            continue
        row = rows_by_kind.get(kind)
        if row is None and scope.kind == sc.SCHOOL and kind == CareTeamKind.REGIONAL_TEAM:
            continue  # a school's report shows its own zorgteam's meetings
        held = row["meetings"] if row else 0
        shown = (
            discussions.cell(category=kind)
            if discussions.family.key == "discussions_forum"
            else discussions.cell()
        )
        average: Cell = None
        if isinstance(shown, int) and held:
            average = round(shown / held, 1)
        elif not isinstance(shown, int):
            average = shown
        rows.append(
            [
                str(label),
                held,
                shown,
                average,
                _small(row["fewest"]) if row else None,
                _small(row["most"]) if row else None,
            ]
        )
    notes = notes_for(rows)
    notes.append(_("Meetings are counted as they are: a number of meetings says nothing about a pupil."))
    return ReportTable(
        key="meetings",
        title=_("Meetings and discussions per meeting"),
        columns=columns,
        rows=rows,
        caption=_("Meetings held and case discussions, %(scope)s, %(period)s")
        % {"scope": scope.label, "period": period.label},
        notes=notes,
        chart="bar",
    )


def composition_rows(scope: sc.Scope, periods: Sequence[Period]) -> list[Row]:
    """Meetings held in the periods: did the people present meet the team's minimum composition? Meetings of teams
    without a minimum composition are not judged. Three queries."""
    buckets = Buckets(tuple(periods))
    meetings = list(
        meetings_in_scope(scope)
        .filter(buckets.q("starts_at", is_datetime=True), status=MeetingStatus.HELD)
        .annotate(**buckets.annotations("starts_at", is_datetime=True))
        .values("pk", "team_id", "team__school_id", *buckets.keys)
    )
    if not meetings:
        return []
    requirements: dict[int, list[Requirement]] = {}
    for r in CompositionRequirement.objects.filter(team_id__in={m["team_id"] for m in meetings}).order_by(
        "pk"
    ):
        requirements.setdefault(r.team_id, []).append(
            Requirement(
                label=r.label,
                minimum=r.minimum,
                team_role=r.team_role,
                partner_type_id=r.partner_type_id,
                school_role=r.school_role,
            )
        )
    attendance: dict[int, list[Any]] = {}
    for a in Attendance.objects.filter(meeting_id__in=[m["pk"] for m in meetings]).values(
        "meeting_id",
        "user_id",
        "presence",
        "substitute_for_id",
        "membership__role",
        "membership__partner__partner_type_id",
    ):
        attendance.setdefault(a["meeting_id"], []).append(a)
    roles: dict[tuple[int, int], set[str]] = {}
    school_ids = {m["team__school_id"] for m in meetings if m["team__school_id"]}
    user_ids = {a["user_id"] for rows in attendance.values() for a in rows}
    for user_id, school_id, role in StaffRole.objects.filter(
        school_id__in=school_ids,
        user_id__in=user_ids,
        role__in=[StaffRoleKind.CARE_COORDINATOR, StaffRoleKind.SCHOOL_HEAD, StaffRoleKind.TEACHER],
    ).values_list("user_id", "school_id", "role"):
        roles.setdefault((user_id, school_id), set()).add(role)
    counts: dict[tuple[int | None, str], int] = {}
    for meeting in meetings:
        needed = requirements.get(meeting["team_id"])
        if not needed:
            continue
        rows = attendance.get(meeting["pk"], [])
        by_user = {a["user_id"]: a for a in rows}
        present = []
        for a in rows:
            if a["presence"] != Presence.PRESENT:
                continue
            counted = by_user.get(a["substitute_for_id"], a) if a["substitute_for_id"] else a
            present.append(
                Attendee(
                    team_role=counted["membership__role"] or "",
                    partner_type_id=counted["membership__partner__partner_type_id"],
                    school_roles=frozenset(roles.get((a["user_id"], meeting["team__school_id"]), set())),
                )
            )
        key = (buckets.index(meeting), MET if not composition_gaps(needed, present) else NOT_MET)
        counts[key] = counts.get(key, 0) + 1
    return [(b, 0, category, n) for (b, category), n in counts.items()]


def stuck_table(scope: sc.Scope) -> ReportTable:
    """Open cases per route step today, and how many are in their step longer than its norm (one query)."""
    cases = Case.objects.filter(status=CaseStatus.OPEN)
    if scope.kind == sc.SCHOOL:
        cases = cases.filter(school=scope.school)
    elif scope.kind == sc.ZAT:
        cases = cases.filter(scope.zat_cases(), school__region=scope.region)
    else:
        cases = cases.filter(school__region=scope.region)
    grouped = list(
        with_stuck(cases)
        .values("template__name", "step__position", "step__name", "step__norm_days")
        .annotate(n=Count("pk"), stuck=Count("pk", filter=Q(is_stuck=True)))
        .order_by("template__name", "step__position")
    )
    steps = [(r["template__name"], r["step__position"]) for r in grouped]
    counts: dict[tuple[Any, ...], int] = {}
    for r in grouped:
        step = (r["template__name"], r["step__position"])
        counts[(step, "stuck")] = r["stuck"]
        counts[(step, "within")] = r["n"] - r["stuck"]
    result = protect([Dim.flat("step", steps), Dim.flat("state", ["stuck", "within"])], counts)
    columns = [
        Column("step", _("Route step"), "label"),
        Column("norm", _("Norm (days in the step)"), "days"),
        Column("open", _("Open cases"), "count"),
        Column("stuck", _("Longer than the norm"), "count"),
    ]
    rows: list[list[Cell]] = [
        [
            f"{r['template__name']}: {r['step__position']}. {r['step__name']}",
            r["step__norm_days"],
            result.cell((r["template__name"], r["step__position"]), TOTAL),
            result.cell((r["template__name"], r["step__position"]), "stuck"),
        ]
        for r in grouped
    ]
    rows.append([_("All steps"), None, result.cell(TOTAL, TOTAL), result.cell(TOTAL, "stuck")])
    return ReportTable(
        key="stuck",
        title=_("Cases stuck beyond the norm of their step"),
        columns=columns,
        rows=rows,
        caption=_("Open cases today, %(scope)s") % {"scope": scope.label},
        notes=notes_for(rows),
        chart="",  # norms in days beside counts: the table reads better than any one chart
    )


def _open_actions(scope: sc.Scope) -> QuerySet[CaseAction]:
    actions = CaseAction.objects.filter(status=ActionStatus.OPEN, kind=ActionKind.ACTION)
    if scope.kind == sc.SCHOOL:
        return actions.filter(case__school=scope.school)
    if scope.kind == sc.ZAT:
        return actions.filter(discussion__item__meeting__team_id__in=scope.team_ids)
    return actions.filter(case__school__region=scope.region)


def _overdue_counts() -> dict[str, Any]:
    return {
        "overdue": Count("pk", filter=Q(due_on__lt=today())),
        "not_due": Count("pk", filter=Q(due_on__gte=today())),
    }


def overdue_by_member(scope: sc.Scope) -> ReportTable:
    """Open actions today per person who carries them out: overdue, and not yet due (one query)."""
    grouped = (
        _open_actions(scope)
        .values("owner_id", "owner__first_name", "owner__last_name", "owner__username")
        .annotate(**_overdue_counts())
        .order_by("-overdue", "owner__last_name", "owner__first_name", "owner_id")
    )
    rows: list[list[Cell]] = [
        [
            " ".join(p for p in (r["owner__first_name"], r["owner__last_name"]) if p) or r["owner__username"],
            _small(r["overdue"]),
            _small(r["not_due"]),
        ]
        for r in grouped
    ]
    return ReportTable(
        key="overdue_member",
        title=_("Open actions per person"),
        columns=[
            Column("person", _("Person"), "label"),
            Column("overdue", _("Overdue"), "count"),
            Column("not_due", _("Not yet due"), "count"),
        ],
        rows=rows,
        caption=_("Open actions today per person who carries them out, %(scope)s") % {"scope": scope.label},
        notes=notes_for(rows),
        chart="",
    )


def overdue_by_organisation(scope: sc.Scope) -> ReportTable:
    """Open actions today per organisation of who carries them out: their partner organisation, or the school."""
    partner = (
        StaffRole.objects.filter(
            user_id=OuterRef("owner_id"), role=StaffRoleKind.PARTNER_STAFF, partner__isnull=False
        )
        .order_by("pk")
        .values("partner__name")[:1]
    )
    grouped = (
        _open_actions(scope)
        .annotate(r_org=Coalesce(Subquery(partner), Value("")))
        .values("r_org")
        .annotate(**_overdue_counts())
        .order_by("r_org")
    )
    rows: list[list[Cell]] = [
        [r["r_org"] or _("School staff"), _small(r["overdue"]), _small(r["not_due"])] for r in grouped
    ]
    return ReportTable(
        key="overdue_organisation",
        title=_("Open actions per organisation"),
        columns=[
            Column("organisation", _("Organisation"), "label"),
            Column("overdue", _("Overdue"), "count"),
            Column("not_due", _("Not yet due"), "count"),
        ],
        rows=rows,
        caption=_("Open actions today per organisation, %(scope)s") % {"scope": scope.label},
        notes=notes_for(rows),
        chart="",
    )


def _cases_in_scope(scope: sc.Scope) -> QuerySet[Case]:
    cases = Case.objects.all()
    if scope.kind == sc.SCHOOL:
        return cases.filter(school=scope.school)
    if scope.kind == sc.ZAT:
        return cases.filter(scope.zat_cases(), school__region=scope.region)
    return cases.filter(school__region=scope.region)


def funnel_table(scope: sc.Scope, period: Period) -> ReportTable:
    """The funnel per route step: of the cases opened in the period, how many reached each step of their route
    (their current step, or the step they were closed in, lies at or beyond it). Two queries: the cases per route
    and step (a database aggregate), and the steps of those routes (so a step nobody reached shows 0).

    Protection: the cases that stopped at each step form an additive cube (routes × steps under one total), protected
    like every count (decision 0008). A "reached" figure is a sum of those cells; it is shown only when the visible
    cells already give it away (every cell from the step on is visible, or the route's total and every cell before
    the step are), so two neighbouring steps can never be subtracted to reveal a hidden one. Otherwise it is "<5"
    (under 5) or "×"."""
    grouped = list(
        _cases_in_scope(scope)
        .filter(within("opened_at", period, is_datetime=True))
        .values("template__name", "step__position")
        .annotate(n=Count("pk"))
        .order_by("template__name", "step__position")
    )
    routes = sorted({r["template__name"] for r in grouped})
    step_names: dict[tuple[str, int], str] = {}
    if routes:
        for step in (
            RouteStep.objects.filter(template__name__in=routes, template__region=scope.region)
            .values("template__name", "position", "name")
            .order_by("template__name", "position", "name")
        ):
            step_names.setdefault((step["template__name"], step["position"]), step["name"])
    for r in grouped:
        step_names.setdefault((r["template__name"], r["step__position"]), "")
    steps = {route: sorted(pos for name, pos in step_names if name == route) for route in routes}
    counts: dict[tuple[Hashable, ...], int] = {
        ((r["template__name"], r["step__position"]),): r["n"] for r in grouped
    }
    children: dict[Any, list[Any]] = {TOTAL: list(routes)}
    for route in routes:
        children[route] = [(route, pos) for pos in steps[route]]
    result = protect([Dim.tree("step", TOTAL, children)], counts)

    def visible(node: Any) -> bool:
        return isinstance(result.cell(node), int)

    def reached(route: str, index: int) -> Cell:
        nodes = children[route]
        true = sum(result.true_value(node) for node in nodes[index:])
        after, before = nodes[index:], nodes[:index]
        if all(visible(n) for n in after) or (visible(route) and all(visible(n) for n in before)):
            return true
        return SUPPRESSED if 0 < true < SMALL_CELL else HIDDEN

    rows: list[list[Cell]] = []
    for route in routes:
        for index, (_route, pos) in enumerate(children[route]):
            label = f"{pos}. {step_names[(route, pos)]}".strip()
            rows.append([f"{route}: {label}" if len(routes) > 1 else label, reached(route, index)])
    notes = notes_for(rows)
    notes.append(
        _(
            "A case has reached a step when its current step, or the step it was closed in, is that step or a later "
            "one."
        )
    )
    return ReportTable(
        key="funnel",
        title=_("Cases per route step (funnel)"),
        columns=[
            Column("step", _("Route step"), "label"),
            Column("reached", _("Cases that reached it"), "count"),
        ],
        rows=rows,
        caption=_("Cases opened in %(period)s that reached each step of their route, %(scope)s")
        % {"period": period.label, "scope": scope.label},
        notes=notes,
        chart="funnel",
    )
