"""Writes on consent: a record with each party's answer, an answer given or withdrawn later, a withdrawal of the whole
record, and the school head's decision to discuss a pupil by name without consent.

Each write adds a parent-visible line to the case timeline (parents see what was recorded about their consent) and
an audit row in the same transaction. Withdrawal takes effect on the next request: access and gates read the records
live (consents.selectors.case_consent).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import CaseStatus, TimelineKind, Visibility
from zorgroute.cases.models import Case
from zorgroute.cases.services import timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.consents.constants import ConsentAnswer, ConsentMode, ConsentPurpose, Evidence
from zorgroute.consents.models import ConsentPartyAnswer, ConsentRecord
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import PartnerOrganisation
from zorgroute.pupils.models import Guardian

MAX_NOTE = 200
MIN_MOTIVATION = 40  # a motivation says why, what will be discussed and with whom: more than a few words

Answers = Mapping[Guardian | None, str]  # None: the pupil


def _forum_of_route(case: Case, forum_kind: str) -> str:
    if (
        forum_kind not in CareTeamKind.values
        or not case.template.steps.filter(forum_kind=forum_kind).exists()
    ):
        raise ValidationError(_("Choose a forum of the case's route."), field="forum_kind")
    return forum_kind


def _party_code(guardian: Guardian | None) -> str:
    return "pupil" if guardian is None else str(guardian.uuid)


def _check_answers(case: Case, answers: Answers) -> None:
    known = set(case.pupil.guardian_links.values_list("guardian_id", flat=True))
    for guardian, answer in answers.items():
        if answer not in ConsentAnswer.values:
            raise ValidationError(_("Choose an answer."), field="answers")
        if guardian is not None and guardian.pk not in known:
            raise ValidationError(_("Only the pupil's own guardians can answer."), field="answers")


def _check_partners(case: Case, partners: Iterable[PartnerOrganisation]) -> list[PartnerOrganisation]:
    chosen = list(partners)
    if any(p.region_id != case.school.region_id for p in chosen):
        raise ValidationError(_("Choose partners of the case's region."), field="partners")
    return chosen


def consent_record(
    *,
    actor: Any,
    case: Case,
    forum_kind: str,
    mode: str,
    recorded_on: dt.date,
    evidence: str,
    answers: Answers,
    partners: Iterable[PartnerOrganisation] = (),
    purpose: str = ConsentPurpose.DISCUSSION,
    scope: str = "",
    valid_until: dt.date | None = None,
    objection_until: dt.date | None = None,
    evidence_note: str = "",
    scan: Any = None,
) -> ConsentRecord:
    """Record a consent for one forum of the case (written, assent with an objection window, or anonymous), with
    the scan of the signed paper form when there is one."""
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
    _forum_of_route(case, forum_kind)
    if mode not in ConsentMode.values or mode == ConsentMode.OVERRIDE:
        raise ValidationError(_("Choose the kind of consent."), field="mode")
    if purpose not in ConsentPurpose.values:
        raise ValidationError(_("Choose the purpose."), field="purpose")
    if evidence not in Evidence.values or evidence == Evidence.DECISION:
        raise ValidationError(_("Choose how the consent was given."), field="evidence")
    if recorded_on > today():
        raise ValidationError(_("The date lies in the future."), field="recorded_on")
    if valid_until is not None and valid_until < recorded_on:
        raise ValidationError(_("The end of the validity lies before the date."), field="valid_until")
    if mode == ConsentMode.ASSENT and (objection_until is None or objection_until < recorded_on):
        raise ValidationError(
            _("An assent needs the last day on which the parents can object, on or after the date."),
            field="objection_until",
        )
    if mode == ConsentMode.WRITTEN and not answers:
        raise ValidationError(_("Record who gave or refused consent."), field="answers")
    _check_answers(case, answers)
    chosen = _check_partners(case, partners)
    scan_kind = _check_scan(scan) if scan is not None else None
    with transaction.atomic():
        record = ConsentRecord.objects.create(
            case=case,
            forum_kind=forum_kind,
            purpose=purpose,
            mode=mode,
            scope=_text(scope, "scope"),
            recorded_on=recorded_on,
            valid_until=valid_until,
            objection_until=objection_until if mode == ConsentMode.ASSENT else None,
            evidence=evidence,
            evidence_note=_text(evidence_note, "evidence_note")[:MAX_NOTE],
            recorded_by=actor,
        )
        record.partners.set(chosen)
        if scan is not None and scan_kind is not None:
            scan.seek(0)
            record.evidence_file.save(f"scan.{scan_kind}", scan, save=True)
        ConsentPartyAnswer.objects.bulk_create(
            ConsentPartyAnswer(
                record=record, guardian=guardian, answer=answer, answered_on=recorded_on, recorded_by=actor
            )
            for guardian, answer in answers.items()
        )
        timeline_add(
            case=case,
            kind=TimelineKind.CONSENT,
            actor=actor,
            visibility=Visibility.PARENTS,
            ref_uuid=record.uuid,
            title=lambda: (
                _("Consent recorded for %(forum)s: %(mode)s")
                % {"forum": record.get_forum_kind_display(), "mode": record.get_mode_display()}
            ),
        )
        audit.record(
            "consent.recorded",
            actor=actor,
            target=record,
            case=case,
            pupil=case.pupil,
            changes={
                "forum": forum_kind,
                "mode": mode,
                "purpose": purpose,
                "partners": sorted(str(p.uuid) for p in chosen),
                "answers": {_party_code(g): a for g, a in answers.items()},
                "valid_until": valid_until.isoformat() if valid_until else None,
                "scan": scan_kind,
            },
        )
    return record


SCAN_MAX_BYTES = 5 * 1024 * 1024
SCAN_KINDS = ((b"%PDF-", "pdf"), (b"\xff\xd8\xff", "jpg"), (b"\x89PNG\r\n\x1a\n", "png"))


def _check_scan(scan: Any) -> str:
    """The kind of an uploaded scan from its first bytes (not its name): PDF, JPEG or PNG, at most 5 MB."""
    if scan.size > SCAN_MAX_BYTES:
        raise ValidationError(_("The scan is larger than 5 MB."), field="scan")
    scan.seek(0)
    head = scan.read(16)
    scan.seek(0)
    for magic, kind in SCAN_KINDS:
        if head.startswith(magic):
            return kind
    raise ValidationError(_("Upload the scan as a PDF, JPEG or PNG file."), field="scan")


def consent_answer(
    *, actor: Any, record: ConsentRecord, guardian: Guardian | None, answer: str
) -> ConsentPartyAnswer:
    """A party gives, refuses or withdraws consent on an existing record (from the portal, or recorded by staff)."""
    _check_answers(record.case, {guardian: answer})
    with transaction.atomic():
        record = (
            ConsentRecord.objects.select_for_update().select_related("case", "case__pupil").get(pk=record.pk)
        )
        if record.mode == ConsentMode.OVERRIDE:
            raise DomainError(
                _("A decision of the school head is not answered by parents; it can only be ended.")
            )
        if record.withdrawn_on is not None:
            raise DomainError(_("This consent was withdrawn. Record a new one."))
        existing = (
            ConsentPartyAnswer.objects.select_for_update().filter(record=record, guardian=guardian).first()
        )
        old = existing.answer if existing else None
        if old == answer:
            return existing  # type: ignore[return-value]
        if existing is None:
            row = ConsentPartyAnswer.objects.create(
                record=record, guardian=guardian, answer=answer, answered_on=today(), recorded_by=actor
            )
        else:
            existing.answer, existing.answered_on, existing.recorded_by = answer, today(), actor
            existing.save(update_fields=["answer", "answered_on", "recorded_by", "updated_at"])
            row = existing
        who = _("the pupil") if guardian is None else guardian.full_name
        timeline_add(
            case=record.case,
            kind=TimelineKind.CONSENT,
            actor=actor,
            visibility=Visibility.PARENTS,
            ref_uuid=record.uuid,
            title=lambda: (
                _("Consent for %(forum)s: %(who)s %(answer)s")
                % {
                    "forum": record.get_forum_kind_display(),
                    "who": who,
                    "answer": row.get_answer_display().lower(),
                }
            ),
        )
        audit.record(
            "consent.answered",
            actor=actor,
            target=record,
            case=record.case,
            pupil=record.case.pupil,
            changes={"party": _party_code(guardian), "answer": {"old": old, "new": answer}},
        )
    return row


def consent_withdraw(*, actor: Any, record: ConsentRecord) -> ConsentRecord:
    """End a whole record today (a withdrawal told to staff, or the end of a head's decision)."""
    with transaction.atomic():
        current = (
            ConsentRecord.objects.select_for_update().select_related("case", "case__pupil").get(pk=record.pk)
        )
        if current.withdrawn_on is not None:
            raise DomainError(_("This consent was already withdrawn."))
        current.withdrawn_on, current.withdrawn_by = today(), actor
        current.save(update_fields=["withdrawn_on", "withdrawn_by", "updated_at"])
        timeline_add(
            case=current.case,
            kind=TimelineKind.CONSENT,
            actor=actor,
            visibility=Visibility.PARENTS,
            ref_uuid=current.uuid,
            title=lambda: (
                _("Consent for %(forum)s withdrawn: %(mode)s")
                % {"forum": current.get_forum_kind_display(), "mode": current.get_mode_display()}
            ),
        )
        audit.record(
            "consent.withdrawn",
            actor=actor,
            target=current,
            case=current.case,
            pupil=current.case.pupil,
            changes={"forum": current.forum_kind, "mode": current.mode},
        )
    return current


def consent_override(
    *, actor: Any, case: Case, forum_kind: str, motivation: str, valid_until: dt.date | None = None
) -> ConsentRecord:
    """The school head decides to discuss the pupil by name without consent: serious concern, refusing parents.

    The caller made sure the head confirmed in sudo mode. The motivation (why, what will be discussed, with whom) is
    kept with the record and is the audit row's reason; parents see in the timeline that the decision was taken.
    """
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
    _forum_of_route(case, forum_kind)
    motivation = _text(motivation, "motivation", required=True)
    if len(motivation) < MIN_MOTIVATION:
        raise ValidationError(
            _("Motivate the decision: why, what will be discussed and with whom (at least %(n)d characters).")
            % {"n": MIN_MOTIVATION},
            field="motivation",
        )
    if valid_until is not None and valid_until < today():
        raise ValidationError(_("The end of the validity lies in the past."), field="valid_until")
    with transaction.atomic():
        record = ConsentRecord.objects.create(
            case=case,
            forum_kind=forum_kind,
            mode=ConsentMode.OVERRIDE,
            recorded_on=today(),
            valid_until=valid_until,
            evidence=Evidence.DECISION,
            motivation=motivation,
            recorded_by=actor,
        )
        timeline_add(
            case=case,
            kind=TimelineKind.CONSENT,
            actor=actor,
            visibility=Visibility.PARENTS,
            ref_uuid=record.uuid,
            title=lambda: (
                _("The school head decided: %(forum)s discusses the pupil by name without consent")
                % {"forum": record.get_forum_kind_display()}
            ),
        )
        audit.record(
            "consent.overridden",
            actor=actor,
            target=record,
            case=case,
            pupil=case.pupil,
            changes={"forum": forum_kind, "valid_until": valid_until.isoformat() if valid_until else None},
            reason=motivation,
        )
    return record


def consent_scan_downloaded(*, actor: Any, record: ConsentRecord) -> None:
    """Log that someone opened the scan of a signed form (a read of personal data)."""
    audit.record(
        "consent.scan_downloaded", actor=actor, target=record, case=record.case, pupil=record.case.pupil
    )
