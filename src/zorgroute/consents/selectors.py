"""Reads of consent: the rows of a case mapped onto the pure rules (consents/rules.py), per forum of its route.

Four queries for a case whatever the number of records: guardian links, records, their answers, their partners.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from zorgroute.cases.models import Case, RouteStep
from zorgroute.consents import rules
from zorgroute.consents.constants import ConsentMode, VerdictLabel
from zorgroute.consents.labels import REASONS
from zorgroute.consents.models import ConsentPartyAnswer, ConsentRecord
from zorgroute.core.time import today
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.pupils.models import Pupil, PupilGuardian

# What a forum may do with a case, by verdict: a valid basis for the route's gate is anything but "not allowed".
VALID_BASIS = frozenset({rules.Verdict.BY_NAME, rules.Verdict.OUTSIDE_INFO, rules.Verdict.ANONYMOUS})


def age_on(pupil: Pupil, day: dt.date) -> int:
    born = pupil.date_of_birth
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def guardian_links(pupil: Pupil) -> list[PupilGuardian]:
    return list(
        PupilGuardian.objects.filter(pupil=pupil)
        .select_related("guardian")
        .order_by("guardian__last_name", "pk")
    )


def guardian_facts(links: Iterable[PupilGuardian]) -> list[rules.GuardianFacts]:
    return [
        rules.GuardianFacts(
            guardian_id=link.guardian_id,
            authority=link.authority,
            supervision_order=link.supervision_order,
            withhold_information=link.withhold_information,
            court_information_arrangement=link.court_information_arrangement,
        )
        for link in links
    ]


def case_records(case: Case) -> list[ConsentRecord]:
    return list(
        ConsentRecord.objects.filter(case=case)
        .select_related("recorded_by", "withdrawn_by")
        .prefetch_related(
            Prefetch("answers", queryset=ConsentPartyAnswer.objects.select_related("guardian")),
            "partners",
        )
        .order_by("-recorded_on", "-id")
    )


def consent_facts(record: ConsentRecord) -> rules.ConsentFacts:
    return rules.ConsentFacts(
        id=record.pk,
        mode=rules.Mode(record.mode),
        forum=record.forum_kind,
        partner_ids=frozenset(p.pk for p in record.partners.all()),
        answers={rules.Party(a.guardian_id): rules.Answer(a.answer) for a in record.answers.all()},
        recorded_on=record.recorded_on,
        valid_until=record.valid_until,
        objection_until=record.objection_until,
        withdrawn_on=record.withdrawn_on,
        purpose=rules.Purpose(record.purpose),
    )


@dataclass
class ForumBasis:
    """What the consent records allow for one forum of the case's route (the forum itself, for a discussion)."""

    forum_kind: str
    decision: rules.Decision
    records: list[ConsentRecord]
    is_required: bool  # a step of the route with this forum asks for a consent basis
    missing_names: list[str] = field(default_factory=list)

    @property
    def forum_label(self) -> str:
        return str(CareTeamKind(self.forum_kind).label)

    @property
    def verdict(self) -> str:
        return self.decision.verdict.value

    @property
    def verdict_label(self) -> str:
        return str(VerdictLabel(self.decision.verdict.value).label)

    @property
    def is_valid(self) -> bool:
        return self.decision.verdict in VALID_BASIS

    @property
    def by_name(self) -> bool:
        return self.decision.by_name

    @property
    def is_override(self) -> bool:
        chosen = next((r for r in self.records if r.pk == self.decision.consent_id), None)
        return chosen is not None and chosen.mode == ConsentMode.OVERRIDE

    @property
    def reasons(self) -> list[str]:
        return [str(REASONS[code]) for code in self.decision.reasons]


@dataclass
class CaseConsent:
    """The consent picture of a case: the pupil's age, the guardians and a basis per forum of the route."""

    age: int
    links: list[PupilGuardian]
    forums: list[ForumBasis]

    def basis(self, forum_kind: str) -> ForumBasis | None:
        return next((f for f in self.forums if f.forum_kind == forum_kind), None)

    @property
    def any_override(self) -> bool:
        return any(f.is_override for f in self.forums)


def _missing_names(codes: Iterable[str], links: list[PupilGuardian]) -> list[str]:
    by_id = {link.guardian_id: link.guardian for link in links}
    names: list[str] = []
    for code in codes:
        if code == "pupil":
            names.append(_("the pupil"))
        elif code == "authority_holder":
            names.append(_("a guardian with authority (none is recorded)"))
        elif code.startswith("guardian:"):
            guardian = by_id.get(int(code.split(":", 1)[1]))
            names.append(guardian.full_name if guardian else _("a guardian"))
    return names


def _route_forums(case: Case, steps: Iterable[RouteStep] | None = None) -> list[tuple[str, bool]]:
    """Forums of the case's route in route order, each with whether a step asks for a consent basis."""
    seen: dict[str, bool] = {}
    if steps is None:
        steps = RouteStep.objects.filter(template_id=case.template_id).order_by("position")
    for step in steps:
        # The group review is the school's own staff (teacher and care coordinator): no consent is asked for it.
        if step.forum_kind and step.forum_kind != CareTeamKind.GROUP_REVIEW:
            seen[step.forum_kind] = seen.get(step.forum_kind, False) or "consent" in (
                step.required_records or []
            )
    return list(seen.items())


def case_consent(
    case: Case,
    *,
    partner_id: int | None = None,
    purpose: rules.Purpose = rules.Purpose.DISCUSSION,
    day: dt.date | None = None,
    steps: Iterable[RouteStep] | None = None,
) -> CaseConsent:
    """What the recorded consents allow per forum of the case's route, decided by consents.rules.

    `steps`: the route's steps in order when the caller has them already (saves a query)."""
    day = day or today()
    links = guardian_links(case.pupil)
    guardians = guardian_facts(links)
    records = case_records(case)
    facts = [consent_facts(r) for r in records]
    age = age_on(case.pupil, day)
    forums = []
    for forum_kind, required in _route_forums(case, steps):
        decision = rules.decide(
            age=age,
            guardians=guardians,
            consents=facts,
            forum=forum_kind,
            partner_id=partner_id,
            purpose=purpose,
            today=day,
        )
        forums.append(
            ForumBasis(
                forum_kind=forum_kind,
                decision=decision,
                records=[r for r in records if r.forum_kind == forum_kind],
                is_required=required,
                missing_names=_missing_names(decision.missing, links),
            )
        )
    return CaseConsent(age=age, links=links, forums=forums)


def required_party_links(case: Case, *, purpose: rules.Purpose = rules.Purpose.DISCUSSION) -> dict[str, Any]:
    """Whose answer a record for this case needs: the guardians with authority, and whether the pupil answers."""
    links = guardian_links(case.pupil)
    age = age_on(case.pupil, today())
    parties = rules.required_parties(age=age, guardians=guardian_facts(links), purpose=purpose)
    return {
        "guardians": [link for link in links if rules.Party(link.guardian_id) in parties],
        "others": [link for link in links if rules.Party(link.guardian_id) not in parties],
        "pupil": rules.PUPIL in parties,
        "age": age,
    }


def record_in_case(*, case: Case, key: Any) -> ConsentRecord | None:
    """A consent record of this case by its UUID (None when absent, malformed or of another case)."""
    import uuid as uuid_lib

    try:
        parsed = uuid_lib.UUID(str(key))
    except ValueError:
        return None
    return ConsentRecord.objects.select_related("case", "case__pupil").filter(case=case, uuid=parsed).first()


def active_override_q(prefix: str = "") -> Any:
    """Filter on consent records: a school head's decision by name without consent, in force today."""
    from django.db.models import Q

    day = today()
    return Q(
        **{
            f"{prefix}mode": ConsentMode.OVERRIDE,
            f"{prefix}withdrawn_on__isnull": True,
            f"{prefix}recorded_on__lte": day,
        }
    ) & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": day}))


def with_override_flag(cases: Any) -> Any:
    """Annotate `without_consent`: a forum discusses the case by name without consent (marked wherever it shows)."""
    from django.db.models import Exists, OuterRef

    return cases.annotate(
        without_consent=Exists(ConsentRecord.objects.filter(active_override_q(), case=OuterRef("pk")))
    )


def _consent_facts_of_cases(case_ids: set[int]) -> dict[int, list[rules.ConsentFacts]]:
    """The rules' facts of every consent record of these cases, by case, in three queries of plain values (the same
    facts `consent_facts` takes from model instances; a member's agenda asks for them on every request)."""
    partners: dict[int, set[int]] = {}
    for record_id, partner_id in ConsentRecord.partners.through.objects.filter(
        consentrecord__case_id__in=case_ids
    ).values_list("consentrecord_id", "partnerorganisation_id"):
        partners.setdefault(record_id, set()).add(partner_id)
    answers: dict[int, dict[rules.Party, rules.Answer]] = {}
    for record_id, guardian_id, answer in (
        ConsentPartyAnswer.objects.filter(record__case_id__in=case_ids)
        .order_by("answered_on", "id")  # a later answer of the same party counts, as in consent_facts
        .values_list("record_id", "guardian_id", "answer")
    ):
        answers.setdefault(record_id, {})[rules.Party(guardian_id)] = rules.Answer(answer)
    records: dict[int, list[rules.ConsentFacts]] = {}
    fields = ("pk", "case_id", "mode", "forum_kind", "recorded_on", "valid_until", "objection_until")
    for pk, case_id, mode, forum, recorded, valid, objection, withdrawn, purpose in (
        ConsentRecord.objects.filter(case_id__in=case_ids)
        .order_by("-recorded_on", "-id")
        .values_list(*fields, "withdrawn_on", "purpose")
    ):
        records.setdefault(case_id, []).append(
            rules.ConsentFacts(
                id=pk,
                mode=rules.Mode(mode),
                forum=forum,
                partner_ids=frozenset(partners.get(pk, ())),
                answers=answers.get(pk, {}),
                recorded_on=recorded,
                valid_until=valid,
                objection_until=objection,
                withdrawn_on=withdrawn,
                purpose=rules.Purpose(purpose),
            )
        )
    return records


def forum_verdicts(
    requests: Iterable[tuple[int, str, int | None]], *, day: dt.date | None = None
) -> dict[tuple[int, str, int | None], rules.Verdict]:
    """The consent verdict for many (case id, forum kind, partner id) at once, in four queries whatever their
    number: for a member's agenda (access/principal.py), where one request decides what each case shows."""
    wanted = set(requests)
    if not wanted:
        return {}
    day = day or today()
    case_ids = {case_id for case_id, _forum, _partner in wanted}
    pupils = dict(Case.objects.filter(pk__in=case_ids).values_list("pk", "pupil__date_of_birth"))
    links: dict[int, list[rules.GuardianFacts]] = {}
    for case_id, guardian_id, authority, ots, withhold, court in PupilGuardian.objects.filter(
        pupil__cases__pk__in=case_ids
    ).values_list(
        "pupil__cases__pk",
        "guardian_id",
        "authority",
        "supervision_order",
        "withhold_information",
        "court_information_arrangement",
    ):
        links.setdefault(case_id, []).append(
            rules.GuardianFacts(
                guardian_id=guardian_id,
                authority=authority,
                supervision_order=ots,
                withhold_information=withhold,
                court_information_arrangement=court,
            )
        )
    records = _consent_facts_of_cases(case_ids)
    verdicts: dict[tuple[int, str, int | None], rules.Verdict] = {}
    for key in wanted:
        case_id, forum, partner_id = key
        born = pupils.get(case_id)
        if born is None:
            continue
        age = day.year - born.year - ((day.month, day.day) < (born.month, born.day))
        verdicts[key] = rules.decide(
            age=age,
            guardians=links.get(case_id, []),
            consents=records.get(case_id, []),
            forum=forum,
            partner_id=partner_id,
            purpose=rules.Purpose.DISCUSSION,
            today=day,
        ).verdict
    return verdicts
