"""Consent in the demo's case histories: written consent of whoever must give it, or an assent whose objection
window has passed. Decided by the same rules as the product (consents.rules.required_parties)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zorgroute.cases.models import Case
from zorgroute.consents import rules, selectors
from zorgroute.consents import services as consent_services
from zorgroute.consents.constants import ConsentAnswer, ConsentMode, Evidence
from zorgroute.consents.models import ConsentRecord


def give(*, actor: Any, case: Case, forum_kind: str, mode: str, day: dt.date) -> ConsentRecord:
    """Record consent for the forum on `day` (the demo clock stands on that day)."""
    if mode == ConsentMode.ASSENT:
        return consent_services.consent_record(
            actor=actor,
            case=case,
            forum_kind=forum_kind,
            mode=mode,
            recorded_on=day - dt.timedelta(days=14),
            objection_until=day - dt.timedelta(days=1),
            evidence=Evidence.LETTER,
            evidence_note="Informatiebrief meegegeven en per e-mail verstuurd",
            answers={},
        )
    links = selectors.guardian_links(case.pupil)
    parties = rules.required_parties(
        age=selectors.age_on(case.pupil, day),
        guardians=selectors.guardian_facts(links),
        purpose=rules.Purpose.DISCUSSION,
    )
    answers: dict[Any, str] = {
        link.guardian: ConsentAnswer.GIVEN for link in links if rules.Party(link.guardian_id) in parties
    }
    if rules.PUPIL in parties:
        answers[None] = ConsentAnswer.GIVEN
    return consent_services.consent_record(
        actor=actor,
        case=case,
        forum_kind=forum_kind,
        mode=mode,
        recorded_on=day,
        evidence=Evidence.PAPER,
        evidence_note="Ondertekend bij het oudergesprek",
        answers=answers,
    )
