"""What goes with a referral besides its texts: SDQ questionnaires of the teacher and the parents (scored with the
norms for the pupil's age when filled in, repeatable for evaluation), and the audited download of its PDF."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.services._common import _text
from zorgroute.consents.selectors import age_on
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings import sdq
from zorgroute.meetings.constants import ReferralStatus
from zorgroute.meetings.models import Referral, ReferralQuestionnaire
from zorgroute.meetings.sdq_norms import NormTable, default_norms

RESPONDENT_LIMIT = 200


def questionnaire_norms(referral: Referral, version: str, filled_on: dt.date) -> NormTable | None:
    """The norm table for the pupil's age on the day the questionnaire was filled in (None outside 4–17)."""
    return default_norms(version, age_on(referral.case.pupil, filled_on))


def referral_questionnaire_record(
    *,
    actor: Any,
    referral: Referral,
    version: str,
    respondent: str,
    filled_on: dt.date,
    answers: Mapping[int, int | None],
    impact: Mapping[str, int | None] | None = None,
) -> ReferralQuestionnaire:
    """Store one SDQ administration on the referral with its result. The first of a version is the baseline; a
    later one is an evaluation. Allowed until the referral is withdrawn, so the SDQ can be repeated afterwards."""
    if referral.status == ReferralStatus.WITHDRAWN:
        raise DomainError(_("This referral was withdrawn."))
    try:
        wanted = sdq.as_version(version)
        given = sdq.clean_answers(answers)
        given_impact = sdq.clean_impact(wanted, impact)
    except sdq.SDQError as exc:
        raise ValidationError(
            _("The questionnaire could not be read. Check the answers."), field=None
        ) from exc
    respondent = _text(respondent, "respondent", required=True)
    if len(respondent) > RESPONDENT_LIMIT:
        raise ValidationError(
            _("Use at most %(n)d characters.") % {"n": RESPONDENT_LIMIT}, field="respondent"
        )
    if filled_on > today():
        raise ValidationError(_("The date cannot be in the future."), field="filled_on")
    if filled_on < referral.case.pupil.date_of_birth:
        raise ValidationError(_("The date is before the pupil was born."), field="filled_on")
    if not given:
        raise ValidationError(_("Answer at least one statement."), field=None)
    norms = questionnaire_norms(referral, wanted, filled_on)
    result = sdq.score(wanted, given, given_impact, norms=norms)
    with transaction.atomic():
        questionnaire = ReferralQuestionnaire.objects.create(
            referral=referral,
            version=wanted.value,
            respondent=respondent,
            answers={str(number): answer for number, answer in sorted(given.items())},
            impact=given_impact,
            result=result.as_dict(),
            filled_on=filled_on,
            recorded_by=actor,
        )
        audit.record(
            "referral.questionnaire_recorded",
            actor=actor,
            target=questionnaire,
            case=referral.case,
            pupil=referral.case.pupil,
            changes={
                "referral": str(referral.uuid),
                "version": wanted.value,
                "answered": len(given),
                "norms": result.norms_key,
            },
        )
    return questionnaire


def referral_pdf_downloaded(*, actor: Any, referral: Referral, anonymous: bool) -> None:
    """Record that the referral left the system as a PDF (and whether it named the pupil)."""
    audit.record(
        "referral.pdf_downloaded",
        actor=actor,
        target=referral,
        case=referral.case,
        pupil=referral.case.pupil,
        changes={"forum": referral.forum_kind, "anonymous": anonymous},
    )
