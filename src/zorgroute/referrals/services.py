"""Writes of the referrals app: refer a case to a partner, the partner's back-reports, assigning a worker,
withdrawing a referral, and a region's default kinds of care.

Each write validates its rules, writes the case timeline where the case changes, and records an audit event in the
same transaction. Callers obtained the objects through access/; services decide domain rules, not permissions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.cases.constants import CaseStatus, TimelineKind
from zorgroute.cases.models import Case
from zorgroute.cases.services import timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import ConflictError, DomainError, ValidationError
from zorgroute.core.time import now, today
from zorgroute.organisations.models import PartnerOrganisation, Region
from zorgroute.referrals import defaults
from zorgroute.referrals.constants import (
    CLOSED_STATUSES,
    STATUS_AFTER,
    BackReportKind,
    BackReportResult,
    ExternalReferralStatus,
)
from zorgroute.referrals.models import BackReport, CareKind, ExternalReferral
from zorgroute.referrals.selectors import partner_workers

MAX_RESULT_TEXT = 1000  # "a short text" with a result


def _day(value: dt.date) -> str:
    return date_format(value, "j F Y")


def _uuid(obj: Any) -> str | None:
    return str(obj.uuid) if obj is not None else None


# --- Configuration ------------------------------------------------------------------------------------------------


def care_kinds_install_defaults(*, actor: Any, region: Region) -> list[CareKind]:
    """Give a region the default kinds of care (idempotent: a name the region has is left as it is)."""
    created: list[CareKind] = []
    with transaction.atomic():
        for position, (name, needs_indication, weeks) in enumerate(defaults.CARE_KINDS):
            kind, is_new = CareKind.objects.get_or_create(
                region=region,
                name=name,
                defaults={
                    "position": position,
                    "needs_indication": needs_indication,
                    "back_report_weeks": weeks,
                },
            )
            if is_new:
                created.append(kind)
        if created:
            audit.record(
                "care_kind.installed",
                actor=actor,
                target=region,
                changes={"kinds": [k.name for k in created]},
            )
    return created


# --- Referring a case ---------------------------------------------------------------------------------------------


def _check_worker(worker: User | None, partner: PartnerOrganisation) -> None:
    if worker is not None and not partner_workers(partner=partner).filter(pk=worker.pk).exists():
        raise ValidationError(_("Choose someone who works at this partner organisation."), field="worker")


def external_referral_create(
    *,
    actor: Any,
    case: Case,
    partner: PartnerOrganisation,
    care_kind: CareKind,
    question: str,
    family_agreed: bool,
    referred_on: dt.date | None = None,
    worker: User | None = None,
    discussion: Any = None,
) -> ExternalReferral:
    """Refer the case to a partner organisation for a kind of care; the partner's staff then give back-reports."""
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
    region_id = case.school.region_id
    if partner.region_id != region_id or not partner.is_active:
        raise ValidationError(
            _("Choose an active partner organisation of the school's region."), field="partner"
        )
    if care_kind.region_id != region_id or not care_kind.is_active:
        raise ValidationError(_("Choose a kind of care of the school's region."), field="care_kind")
    question = _text(question, "question", required=True)
    if not family_agreed:
        raise ValidationError(
            _("Refer only when the parents (and the pupil from 12) know of the referral and agreed to it."),
            field="family_agreed",
        )
    referred_on = referred_on or today()
    if referred_on > today():
        raise ValidationError(_("The date of the referral lies in the future."), field="referred_on")
    if referred_on < case.opened_at.date():
        raise ValidationError(_("The case was not open yet on that date."), field="referred_on")
    _check_worker(worker, partner)
    if discussion is not None and discussion.item.case_id != case.pk:
        raise ValidationError(_("Choose a discussion of this case."), field="discussion")
    with transaction.atomic():
        if (
            ExternalReferral.objects.filter(case=case, partner=partner, care_kind=care_kind)
            .exclude(status__in=CLOSED_STATUSES)
            .exists()
        ):
            raise ConflictError(
                _("This case already has an open referral to this partner for this kind of care."),
                field="partner",
            )
        referral = ExternalReferral.objects.create(
            case=case,
            partner=partner,
            care_kind=care_kind,
            question=question,
            referred_on=referred_on,
            referred_by=actor,
            family_agreed=True,
            worker=worker,
            discussion=discussion,
            back_report_due_on=referred_on + dt.timedelta(weeks=care_kind.back_report_weeks),
        )
        timeline_add(
            case=case,
            kind=TimelineKind.NOTE,
            actor=actor,
            ref_uuid=referral.uuid,
            title=lambda: (
                _("Referred to %(partner)s: %(kind)s") % {"partner": partner.name, "kind": care_kind.name}
            ),
            body=question,
        )
        audit.record(
            "external_referral.created",
            actor=actor,
            target=referral,
            case=case,
            pupil=case.pupil,
            changes={
                "partner": str(partner.uuid),
                "care_kind": str(care_kind.uuid),
                "referred_on": referred_on.isoformat(),
                "worker": _uuid(worker),
                "discussion": _uuid(discussion),
            },
        )
    return referral


def _locked(referral: ExternalReferral) -> ExternalReferral:
    """The referral, locked for this transaction; refused once it has ended or was withdrawn."""
    current = (
        ExternalReferral.objects.select_for_update(of=("self",))
        .select_related("case", "case__pupil", "partner", "care_kind", "worker")
        .get(pk=referral.pk)
    )
    if current.status == ExternalReferralStatus.WITHDRAWN:
        raise DomainError(_("This referral was withdrawn."))
    if current.status == ExternalReferralStatus.ENDED:
        raise DomainError(_("This referral has ended."))
    return current


def external_referral_assign(
    *, actor: Any, referral: ExternalReferral, worker: User | None
) -> ExternalReferral:
    """Name the partner's worker who takes the referral on (or none)."""
    _check_worker(worker, referral.partner)
    with transaction.atomic():
        current = _locked(referral)
        old = current.worker
        if old == worker:
            return current
        current.worker = worker
        current.save(update_fields=["worker", "updated_at"])
        audit.record(
            "external_referral.assigned",
            actor=actor,
            target=current,
            case=current.case,
            pupil=current.case.pupil,
            changes={"worker": {"old": _uuid(old), "new": _uuid(worker)}},
        )
    return current


def external_referral_withdraw(*, actor: Any, referral: ExternalReferral, reason: str) -> ExternalReferral:
    """The school withdraws a referral (sent by mistake, the family changed its mind); the reason is kept."""
    reason = _text(reason, "reason", required=True)
    with transaction.atomic():
        current = _locked(referral)
        old = current.status
        current.status = ExternalReferralStatus.WITHDRAWN
        current.withdrawn_at = now()
        current.withdrawn_by = actor
        current.withdrawal_reason = reason
        current.save(
            update_fields=["status", "withdrawn_at", "withdrawn_by", "withdrawal_reason", "updated_at"]
        )
        timeline_add(
            case=current.case,
            kind=TimelineKind.NOTE,
            actor=actor,
            ref_uuid=current.uuid,
            title=lambda: _("Referral to %(partner)s withdrawn") % {"partner": current.partner.name},
            body=reason,
        )
        audit.record(
            "external_referral.withdrawn",
            actor=actor,
            target=current,
            case=current.case,
            pupil=current.case.pupil,
            changes={"status": {"old": old, "new": ExternalReferralStatus.WITHDRAWN}},
        )
    return current


# --- The partner's back-reports -----------------------------------------------------------------------------------


def _back_report_title(referral: ExternalReferral, report: BackReport) -> str:
    values = {"partner": referral.partner.name}
    if report.kind == BackReportKind.WAITING_LIST:
        assert report.date is not None
        return _("%(partner)s: on the waiting list, expected start %(date)s") % {
            **values,
            "date": _day(report.date),
        }
    if report.kind == BackReportKind.STARTED:
        assert report.date is not None
        return _("%(partner)s: help started on %(date)s") % {**values, "date": _day(report.date)}
    if report.kind == BackReportKind.ENDED:
        assert report.date is not None
        return _("%(partner)s: help ended on %(date)s") % {**values, "date": _day(report.date)}
    return _("%(partner)s: result: %(result)s") % {**values, "result": report.get_result_display()}


def _check_back_report(
    referral: ExternalReferral, kind: str, date: dt.date | None, result: str, text: str
) -> tuple[dt.date | None, str, str]:
    """The back-report's date, result and text as stored, or a ValidationError on the field that is wrong."""
    if kind not in BackReportKind.values:
        raise ValidationError(_("Choose what you report back."), field="kind")
    if kind == BackReportKind.RESULT:
        if result not in BackReportResult.values:
            raise ValidationError(_("Choose the result."), field="result")
        text = _text(text, "text")
        if len(text) > MAX_RESULT_TEXT:
            raise ValidationError(
                _("Keep this under %(max)d characters.") % {"max": MAX_RESULT_TEXT}, field="text"
            )
        return None, result, text
    if date is None:
        messages = {
            BackReportKind.WAITING_LIST: _("Give the expected start date."),
            BackReportKind.STARTED: _("Give the date the help started."),
            BackReportKind.ENDED: _("Give the date the help ended."),
        }
        raise ValidationError(messages[BackReportKind(kind)], field="date")
    if date < referral.referred_on:
        raise ValidationError(_("This date lies before the referral."), field="date")
    if kind != BackReportKind.WAITING_LIST and date > today():
        raise ValidationError(_("This date lies in the future."), field="date")
    text = _text(text, "text", required=kind == BackReportKind.ENDED)
    return date, "", text


def back_report_add(
    *,
    actor: Any,
    referral: ExternalReferral,
    kind: str,
    date: dt.date | None = None,
    result: str = "",
    text: str = "",
) -> BackReport:
    """Record one back-report of the partner; the referral's status follows it. Earlier ones are kept."""
    with transaction.atomic():
        current = _locked(referral)
        date, result, text = _check_back_report(current, kind, date, result, text)
        report = BackReport.objects.create(
            referral=current,
            kind=kind,
            date=date,
            result=result,
            text=text,
            reported_at=now(),
            reported_by=actor,
        )
        old = current.status
        current.status = STATUS_AFTER[kind]
        current.save(update_fields=["status", "updated_at"])
        timeline_add(
            case=current.case,
            kind=TimelineKind.NOTE,
            actor=actor,
            ref_uuid=current.uuid,
            title=lambda: _back_report_title(current, report),
            body=text,
        )
        audit.record(
            "external_referral.back_reported",
            actor=actor,
            target=current,
            case=current.case,
            pupil=current.case.pupil,
            changes={
                "kind": kind,
                "date": date.isoformat() if date else None,
                "result": result or None,
                "status": {"old": old, "new": current.status},
            },
        )
    return report


MAX_CARE_KIND_WEEKS = 52


def care_kind_save(
    *,
    actor: Any,
    region: Region,
    kind: CareKind | None,
    name: str,
    needs_indication: bool,
    back_report_weeks: int,
    is_active: bool = True,
) -> CareKind:
    """Add a kind of care to the region, or change one. A changed term counts for referrals made from now on."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError(_("This field is required."), field="name")
    if len(name) > 120:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": 120}, field="name")
    if not 1 <= back_report_weeks <= MAX_CARE_KIND_WEEKS:
        raise ValidationError(
            _("Choose between 1 and %(max)d weeks.") % {"max": MAX_CARE_KIND_WEEKS}, field="back_report_weeks"
        )
    values = {
        "name": name,
        "needs_indication": needs_indication,
        "back_report_weeks": back_report_weeks,
        "is_active": is_active,
    }
    with transaction.atomic():
        taken = CareKind.objects.filter(region=region, name__iexact=name)
        if kind is not None:
            taken = taken.exclude(pk=kind.pk)
        if taken.exists():
            raise ConflictError(_("The region already has a kind of care with this name."), field="name")
        if kind is None:
            position = CareKind.objects.filter(region=region).count()
            kind = CareKind.objects.create(region=region, position=position, **values)
            audit.record("care_kind.created", actor=actor, target=kind, changes=values)
            return kind
        changes = {
            field: {"old": getattr(kind, field), "new": value}
            for field, value in values.items()
            if getattr(kind, field) != value
        }
        if changes:
            for field, value in values.items():
                setattr(kind, field, value)
            kind.save(update_fields=[*values, "updated_at"])
            audit.record("care_kind.updated", actor=actor, target=kind, changes=changes)
    return kind
