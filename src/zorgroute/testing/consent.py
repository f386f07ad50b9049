"""Consent in tests: a record for one forum answered by everyone whose answer the rules require."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zorgroute.cases.models import Case
from zorgroute.consents import rules, selectors, services
from zorgroute.consents.constants import ConsentAnswer, ConsentMode, Evidence
from zorgroute.consents.models import ConsentRecord
from zorgroute.core.time import today


def give(
    case: Case,
    actor: Any,
    forum_kind: str,
    *,
    mode: str = ConsentMode.WRITTEN,
    answer: str = ConsentAnswer.GIVEN,
) -> ConsentRecord:
    if mode == ConsentMode.ASSENT:
        return services.consent_record(
            actor=actor,
            case=case,
            forum_kind=forum_kind,
            mode=mode,
            recorded_on=today() - dt.timedelta(days=14),
            objection_until=today() - dt.timedelta(days=1),
            evidence=Evidence.LETTER,
            answers={},
        )
    links = selectors.guardian_links(case.pupil)
    parties = rules.required_parties(
        age=selectors.age_on(case.pupil, today()),
        guardians=selectors.guardian_facts(links),
        purpose=rules.Purpose.DISCUSSION,
    )
    answers: dict[Any, str] = {
        link.guardian: answer for link in links if rules.Party(link.guardian_id) in parties
    }
    if rules.PUPIL in parties:
        answers[None] = answer
    return services.consent_record(
        actor=actor,
        case=case,
        forum_kind=forum_kind,
        mode=mode,
        recorded_on=today(),
        evidence=Evidence.PAPER,
        answers=answers,
    )
