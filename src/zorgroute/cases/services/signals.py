"""Signals and their triage by the care coordinator.

Each service validates, saves, writes the case timeline and audits in one transaction. Callers obtained the
objects through access/; services decide domain rules, not permissions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.cases.constants import (
    CaseStatus,
    Severity,
    SignalSource,
    SignalStatus,
    TimelineKind,
)
from zorgroute.cases.models import (
    Case,
    ProblemDomain,
    Signal,
)
from zorgroute.cases.services._common import _text, timeline_add
from zorgroute.cases.services.cases import case_open
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now, today
from zorgroute.pupils.models import Pupil


def signal_create(
    *,
    actor: Any,
    pupil: Pupil,
    observed_behaviour: str,
    severity: str,
    domains: Iterable[ProblemDomain] = (),
    source: str = SignalSource.TEACHER,
    observed_on: dt.date | None = None,
) -> Signal:
    if pupil.current_school_id is None:
        raise DomainError(_("This pupil is not enrolled at a school."))
    observed_on = observed_on or today()
    if observed_on > today():
        raise ValidationError(_("The date lies in the future."), field="observed_on")
    if severity not in Severity.values:
        raise ValidationError(_("Choose a severity."), field="severity")
    if source not in SignalSource.values:
        raise ValidationError(_("Choose a source."), field="source")
    domains = list(domains)
    school = pupil.current_school
    assert school is not None
    if any(d.region_id != school.region_id or not d.is_active for d in domains):
        raise ValidationError(_("Choose problem domains of your region."), field="domains")
    with transaction.atomic():
        signal = Signal.objects.create(
            pupil=pupil,
            school_id=pupil.current_school_id,
            reported_by=actor,
            observed_on=observed_on,
            observed_behaviour=_text(observed_behaviour, "observed_behaviour", required=True),
            severity=severity,
            source=source,
        )
        signal.domains.set(domains)
        audit.record(
            "signal.created",
            actor=actor,
            target=signal,
            pupil=pupil,
            changes={"severity": severity, "source": source, "domains": sorted(d.name for d in domains)},
        )
    return signal


def _triage(signal: Signal, actor: Any, status: str, *, case: Case | None = None, reason: str = "") -> None:
    if signal.status != SignalStatus.NEW:
        raise DomainError(_("This signal has already been handled."))
    signal.status = status
    signal.case = case
    signal.triaged_by = actor
    signal.triaged_at = now()
    signal.triage_reason = reason
    signal.save(update_fields=["status", "case", "triaged_by", "triaged_at", "triage_reason", "updated_at"])
    audit.record(
        "signal.triaged",
        actor=actor,
        target=signal,
        pupil=signal.pupil,
        case=case,
        changes={"status": status},
    )
    if case is not None:
        timeline_add(
            case=case,
            kind=TimelineKind.SIGNAL,
            actor=signal.reported_by,
            ref_uuid=signal.uuid,
            occurred_at=signal.created_at,
            title=lambda: (
                _("Signal (%(severity)s) by %(name)s")
                % {
                    "severity": signal.get_severity_display(),
                    "name": signal.reported_by.get_full_name() or signal.reported_by.get_username(),
                }
            ),
            body=signal.observed_behaviour,
        )


def signal_open_case(*, actor: Any, signal: Signal, owner: User | None = None) -> Case:
    with transaction.atomic():
        case = case_open(actor=actor, pupil=signal.pupil, owner=owner or actor)
        _triage(signal, actor, SignalStatus.CASE_OPENED, case=case)
    return case


def signal_link(*, actor: Any, signal: Signal, case: Case) -> Signal:
    if case.pupil_id != signal.pupil_id:
        raise DomainError(_("The case belongs to another pupil."))
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
    with transaction.atomic():
        _triage(signal, actor, SignalStatus.LINKED, case=case)
    return signal


def signal_keep_in_class(*, actor: Any, signal: Signal, reason: str) -> Signal:
    with transaction.atomic():
        _triage(signal, actor, SignalStatus.KEPT_IN_CLASS, reason=_text(reason, "reason", required=True))
    return signal
