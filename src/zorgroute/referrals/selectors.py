"""Reads of external referrals: a case's referrals with their back-reports, the lists of the school and the partner,
overdue back-reports, the choices of the referral form, and the start of help for the reports.

Lists start from access.visible_external_referrals; every function takes a fixed number of queries whatever the
number of referrals or back-reports.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)

from zorgroute.access.actions import Action
from zorgroute.access.policy import visible_external_referrals, visible_partners
from zorgroute.accounts.models import User
from zorgroute.cases.models import Case
from zorgroute.core.time import today
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.organisations.models import PartnerOrganisation, StaffRole
from zorgroute.referrals.constants import CLOSED_STATUSES, BackReportKind, ExternalReferralStatus
from zorgroute.referrals.models import BackReport, CareKind, ExternalReferral

REFERRAL_RELATED = ("partner", "care_kind", "worker", "referred_by")
LIST_RELATED = (*REFERRAL_RELATED, "case", "case__pupil", "case__pupil__current_group", "case__school")


# --- Overdue back-reports and the start of help (database expressions, for lists, counts and reports) -------------


def overdue_q(prefix: str = "", *, on: dt.date | None = None) -> Q:
    """No back-report yet (the status is still "referred") and the agreed term has passed (before `on`, today by
    default: the daily command's reminders use the day it runs as)."""
    return Q(
        **{
            f"{prefix}status": ExternalReferralStatus.REFERRED,
            f"{prefix}back_report_due_on__lt": on or today(),
        }
    )


def due_q(prefix: str = "") -> Q:
    """No back-report yet and the agreed term has come (today or earlier): what the partner should answer now."""
    return Q(
        **{f"{prefix}status": ExternalReferralStatus.REFERRED, f"{prefix}back_report_due_on__lte": today()}
    )


def with_overdue(referrals: QuerySet[ExternalReferral]) -> QuerySet[ExternalReferral]:
    """Annotate `overdue` (see overdue_q) and `due` (see due_q)."""
    return referrals.annotate(
        overdue=ExpressionWrapper(overdue_q(), output_field=BooleanField()),
        due=ExpressionWrapper(due_q(), output_field=BooleanField()),
    )


def with_help_started(referrals: QuerySet[ExternalReferral]) -> QuerySet[ExternalReferral]:
    """Annotate `help_started_on`: the earliest "help started" date the partner reported (None while it has not).

    The start of help of the lead times (DOMAIN §9: signal → referral → first discussion → start of help → ...).
    """
    first_start = (
        BackReport.objects.filter(referral=OuterRef("pk"), kind=BackReportKind.STARTED)
        .order_by()
        .values("referral")
        .annotate(first=Min("date"))
        .values("first")
    )
    return referrals.annotate(help_started_on=Subquery(first_start))


def cases_with_help_started(cases: QuerySet[Case]) -> QuerySet[Case]:
    """Annotate `help_started_on` on cases: the earliest start of help over all the case's external referrals
    (withdrawn ones included: a start the partner reported did happen). None while no help has started."""
    first_start = (
        BackReport.objects.filter(referral__case=OuterRef("pk"), kind=BackReportKind.STARTED)
        .order_by()
        .values("referral__case")
        .annotate(first=Min("date"))
        .values("first")
    )
    return cases.annotate(help_started_on=Subquery(first_start))


# --- The case page --------------------------------------------------------------------------------------------------


def _with_reports(referrals: QuerySet[ExternalReferral]) -> QuerySet[ExternalReferral]:
    return referrals.prefetch_related(
        Prefetch(
            "back_reports",
            queryset=BackReport.objects.select_related("reported_by").order_by("reported_at", "pk"),
        )
    )


def case_external_referrals(*, user: Any, case: Case) -> list[ExternalReferral]:
    """The case's external referrals this user may see, newest first, each with its back-reports (two queries)."""
    referrals: list[ExternalReferral] = list(
        _with_reports(with_help_started(with_overdue(visible_external_referrals(user).filter(case=case))))
        .select_related(*REFERRAL_RELATED)
        .order_by("-referred_on", "-created_at")
    )
    for referral in referrals:
        referral.case = case  # the rules look at the case; it is the one already loaded
    return referrals


def referral_history(*, referral: ExternalReferral) -> list[BackReport]:
    """The back-reports of one referral, oldest first (one query)."""
    return list(
        BackReport.objects.filter(referral=referral)
        .select_related("reported_by")
        .order_by("reported_at", "pk")
    )


def help_started_on(*, referral: ExternalReferral) -> dt.date | None:
    """The earliest "help started" date of one referral (see with_help_started; one query)."""
    first: dt.date | None = BackReport.objects.filter(
        referral=referral, kind=BackReportKind.STARTED
    ).aggregate(first=Min("date"))["first"]
    return first


# --- Lists: the school's referrals, the partner's referrals ------------------------------------------------------


def referral_list(
    *, user: Any, action: Action = Action.EXTERNAL_REFERRAL_VIEW, include_closed: bool = False
) -> QuerySet[ExternalReferral]:
    """The referrals the user may see (or act on), overdue ones first, then by the date their back-report is due."""
    referrals = visible_external_referrals(user, action)
    if not include_closed:
        referrals = referrals.exclude(status__in=CLOSED_STATUSES)
    return (
        with_help_started(with_overdue(referrals))
        .select_related(*LIST_RELATED)
        .annotate(has_reports=Exists(BackReport.objects.filter(referral=OuterRef("pk"))))
        .order_by("-overdue", "back_report_due_on", "referred_on", "pk")
    )


def overdue_count(*, user: Any, action: Action = Action.EXTERNAL_REFERRAL_VIEW) -> int:
    return visible_external_referrals(user, action).filter(overdue_q()).count()


# --- The referral form's choices -------------------------------------------------------------------------------


def care_kinds(*, region_id: int) -> QuerySet[CareKind]:
    return CareKind.objects.filter(region_id=region_id, is_active=True).order_by("position", "name")


def partner_choices(*, user: Any, case: Case) -> QuerySet[PartnerOrganisation]:
    """Active partner organisations of the case's region the user may see (the sociale kaart)."""
    return (
        visible_partners(user)
        .filter(region_id=case.school.region_id, is_active=True)
        .select_related("partner_type")
        .order_by("name")
    )


def partner_workers(*, partner: PartnerOrganisation) -> QuerySet[User]:
    """Who works at the partner organisation now (an active partner-staff role there)."""
    day = today()
    roles = StaffRole.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        partner=partner,
        role=StaffRoleKind.PARTNER_STAFF,
        valid_from__lte=day,
    ).values("user_id")
    return User.objects.filter(pk__in=roles, is_active=True).order_by("last_name", "first_name", "username")


def worker_choices(
    *, partners: QuerySet[PartnerOrganisation]
) -> list[tuple[PartnerOrganisation, list[User]]]:
    """The workers of each partner, for a select grouped by partner (two queries)."""
    day = today()
    partner_list = list(partners)
    by_partner: dict[int, list[User]] = {p.pk: [] for p in partner_list}
    for role in (
        StaffRole.objects.filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            partner_id__in=list(by_partner),
            role=StaffRoleKind.PARTNER_STAFF,
            valid_from__lte=day,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    ):
        assert role.partner_id is not None
        if role.user not in by_partner[role.partner_id]:
            by_partner[role.partner_id].append(role.user)
    return [(p, by_partner[p.pk]) for p in partner_list if by_partner[p.pk]]


def discussion_choices(*, case: Case) -> QuerySet[Any]:
    """The case's discussions in a meeting, newest first (a referral may say which one decided it)."""
    from zorgroute.meetings.models import CaseDiscussion

    return (
        CaseDiscussion.objects.filter(item__case=case)
        .select_related("item__meeting", "item__meeting__team")
        .order_by("-item__meeting__starts_at")
    )


def region_care_kinds(*, region_id: int) -> QuerySet[CareKind]:
    """All kinds of care of a region, active or not, with how many referrals each has (one query)."""
    from django.db.models import Count

    return (
        CareKind.objects.filter(region_id=region_id)
        .annotate(referral_count=Count("referrals"))
        .order_by("-is_active", "position", "name")
    )


def care_kind_in_region(*, region_id: int, key: Any) -> CareKind | None:
    import uuid as uuid_lib

    try:
        parsed = uuid_lib.UUID(str(key))
    except ValueError:
        return None
    return CareKind.objects.filter(region_id=region_id, uuid=parsed).first()
