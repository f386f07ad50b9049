"""Consent rules as pure functions over plain data (no database, no Django; table-tested).

Who must consent depends on the pupil's age, who holds authority (*gezag*) and the purpose; what a consent record
allows depends on its mode (DOMAIN §6). A consent is recorded per forum and per partner (and per purpose), so
every question is asked for one forum, one partner (or none: the forum itself with the school's own staff) and one
purpose. Models and services map their rows onto the frozen dataclasses below; views show the reason codes
translated (``REASON_CODES`` explains each in English).

Sources cited next to each rule:
  DOMAIN §6           /work/shared/domain/DOMAIN.md §6 "Consent, parents and the pupil"
  S3 §1.1 / §1.2      seed-notes-003.md §1.1 (pupil, privacy rights by age), §1.2 (parents, gezag variants)
  S3 §2.19 / §4.3     seed-notes-003.md §2.19 (consent workflow per case), §4.3 (consent modes, design rules)
  S1 §4.1             seed-notes-001.md §4.1 (consent & parents, R1–R8)
  STD §2.2            dutch-standards.md §2.2 (UAVG art. 5, art. 1:377c BW)

Decisions where the sources leave room (see the module's tests for each):
  * Discussion at 12–15: the authority holders decide alone (UAVG art. 5 lid 1, STD §2.2; S3 §1.1 "onder de 16 jaar
    treden de ouders in hun rechten"; S3 §4.3 "plus the pupil's own consent for 12-15 *treatment*"). A pupil of
    12–15 who refuses does not block a discussion, but the decision carries ``pupil_refused_under_16`` so the
    professionals weigh it. (school-care-systems.md §5.4 says "12–16: both"; it summarises youth-care dossiers,
    i.e. treatment under the WGBO, which the TREATMENT purpose encodes.)
  * Consent is per purpose as well (S3 §4.3 "Consent is per forum ... and per purpose"), so ``ConsentFacts`` has a
    ``purpose`` field (default DISCUSSION). Only a WRITTEN record can carry TREATMENT: assent, an anonymous record and
    a head's override are ways of *discussing* a pupil (S3 §2.19), not consent to treatment (WGBO, S3 §1.1).
  * A refusal, objection or withdrawal by a required party covers the forum itself, and a partner only ever takes
    part in that forum's discussion; so it beats every *older* written consent or assent for the same forum and
    purpose, whichever partners that record named. Consents, like refusals, are ordered by (date, id): on the same
    day the record created later (higher id) is the newer one, so "withdraw and re-record with fewer partners" on one
    day works.
  * An override is a decision *against* refusing parents (DOMAIN §6.4, S1 R3), so later refusals do not beat it;
    it ends only by its own expiry or withdrawal. Neither does a refusal touch an ANONYMOUS record: "without
    consent the case is discussed anonymously" (STD §2.1).
  * A parent under a court information arrangement (art. 1:377c lid 2 BW; S3 §1.2 L6050-6058) gets ``NONE`` from
    ``may_inform_guardian``, with reason ``court_arrangement``: the court's arrangement, not the default rule, says
    what the school gives; a person reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

# --------------------------------------------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------------------------------------------


class AuthorityKind(StrEnum):
    """Mirror of ``zorgroute.pupils.constants.Authority`` (kept in step by a test), without importing Django."""

    JOINT = "joint"
    SOLE = "sole"
    GUARDIAN_INSTITUTION = "institution"
    NONE = "none"


# Holders of gezag: joint (both parents, or a parent and a non-parent), sole, and a guardian institution or third
# person under a voogdijmaatregel (S3 §1.2, L6097-6113). A parent without gezag is no holder (S3 §1.2, L6018-6022).
AUTHORITY_HOLDERS = frozenset({AuthorityKind.JOINT, AuthorityKind.SOLE, AuthorityKind.GUARDIAN_INSTITUTION})

CONSENT_AGE = 16  # UAVG art. 5 lid 1: under 16 the legal representative consents (STD §2.2; S3 §1.1 L2829)
TREATMENT_DUAL_AGE = 12  # WGBO: 12–15 "dubbele toestemming" for treatment (S3 §1.1 L5483-5487)
ADULT_AGE = 18  # S3 §1.1 L5140-5144: parents only with the pupil's consent


class Mode(StrEnum):
    """How a consent record came about (DOMAIN §6; S3 §2.19, §4.3; S1 §4.1 R4)."""

    WRITTEN = "written"  # schriftelijke toestemming naming the external partners
    ASSENT = "assent"  # instemming: informed in writing, may object within a window
    ANONYMOUS = "anonymous"  # anonieme bespreking: no personal data reach the forum
    OVERRIDE = "override"  # op naam zonder toestemming: the head's motivated decision


class Answer(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class Purpose(StrEnum):
    DISCUSSION = "discussion"  # discussing the pupil in a forum (zorgteam, ZAT, ...)
    TREATMENT = "treatment"  # referral to help / care by a partner (WGBO: 12–15 needs parents AND pupil)


class Verdict(StrEnum):
    BY_NAME = "by_name"  # discuss by name, share the necessary data
    OUTSIDE_INFO = "outside_info"  # by name, but partners share only outside information
    ANONYMOUS = "anonymous"  # only a de-identified presentation
    NOT_ALLOWED = "not_allowed"  # not at all


# Ordering used to pick the most permissive record and by the "a withdrawal never loosens" property.
_RANK: Mapping[Verdict, int] = {
    Verdict.NOT_ALLOWED: 0,
    Verdict.ANONYMOUS: 1,
    Verdict.OUTSIDE_INFO: 2,
    Verdict.BY_NAME: 3,
}


def rank(verdict: Verdict) -> int:
    """NOT_ALLOWED < ANONYMOUS < OUTSIDE_INFO < BY_NAME."""
    return _RANK[verdict]


def strongest(*verdicts: Verdict) -> Verdict:
    """The most permissive of the verdicts; NOT_ALLOWED for none."""
    return max(verdicts, key=rank, default=Verdict.NOT_ALLOWED)


class InformRight(StrEnum):
    FULL = "full"  # inform as an authority holder (or as the adult pupil allows)
    IMPORTANT_ON_REQUEST = "important_on_request"  # important facts (progress, a care route) on request
    NONE = "none"  # nothing by default


# Every reason code a function here returns, with an English explanation (the UI translates by code).
REASON_CODES: dict[str, str] = {
    # What a record allows
    "written_consent": "Written consent from everyone whose consent is required covers this forum and partner.",
    "assent_no_objection": (
        "The parents (or the pupil of 16+) were informed and did not object within the window: by name with data of "
        "direct importance only; external partners share only outside information."
    ),
    "assent_agreed": (
        "Everyone who could object said explicitly that they agree with the assent: by name with data of direct "
        "importance only; external partners share only outside information."
    ),
    "anonymous": "Only an anonymous discussion is recorded: no personal data may reach the forum.",
    "override": (
        "The head of school decided, motivated, to discuss the pupil by name without consent (serious concern and "
        "refusing parents)."
    ),
    # Why a record does not count
    "no_consent_record": "There is no consent record for this forum and purpose.",
    "consent_for_other_forum": "Consent records exist, but only for other forums; consent is per forum.",
    "consent_for_other_purpose": "Consent records exist for this forum, but only for another purpose.",
    "partner_not_named": "A written consent exists for this forum, but it does not name this partner.",
    "not_yet_in_effect": "The consent record is dated in the future.",
    "expired": "The consent record's validity has ended.",
    "withdrawn": "The consent was withdrawn; a withdrawal takes effect at once.",
    "refused": "A person whose consent is required refused.",
    "awaiting_parties": "Not everyone whose consent is required has given it yet.",
    "objection_window_open": (
        "The parents (or the pupil of 16+) may still object: nothing by name until the window ends."
    ),
    "objection_window_unknown": "The assent record has no end of its objection window: nothing by name.",
    "objected": "An objection was made against the assent: the pupil is not discussed by name.",
    "newer_refusal": "A refusal recorded after this consent beats it.",
    "newer_objection": "An objection made after this consent beats it.",
    "newer_withdrawal": "A withdrawal made after this consent beats it.",
    "mode_not_valid_for_treatment": (
        "Referral to treatment needs written consent; assent, an anonymous discussion or an override do not suffice."
    ),
    # About the people involved
    "no_authority_holder": "The pupil is under 16 and no guardian with authority is known: nobody can consent.",
    "supervision_order": (
        "A supervision order (OTS) applies: the parents keep their authority, but the family guardian may limit it; "
        "check with the family guardian."
    ),
    "pupil_refused_under_16": (
        "The pupil (under 16) refused; for a discussion the authority holders decide, but weigh the pupil's view."
    ),
    "guardian_without_say_refused": (
        "A parent whose consent is not required (no authority, or the pupil is 16+) refused; not decisive."
    ),
    "answer_from_unknown_party": "An answer on the record comes from someone not (or no longer) a known guardian.",
    # Informing a guardian (may_inform_guardian / inform_guardian)
    "guardian_has_authority": "The guardian holds authority and is informed about the pupil.",
    "important_info_on_request": (
        "A parent without authority has a right to important information (such as progress, or that a care route "
        "started) when he or she asks."
    ),
    "parent_asked": "The parent without authority asked: the school must give the important facts.",
    "withheld_in_child_interest": "Information is withheld from this parent in the child's interest.",
    "court_arrangement": (
        "A court set an information arrangement for this parent: follow the court's arrangement, not the default."
    ),
    "withhold_flag_ignored_for_authority_holder": (
        "Information is marked to be withheld, but this guardian holds authority and must be informed; check the "
        "marking (for instance with the family guardian)."
    ),
    "pupil_16_plus_refused_informing": "The pupil is 16 or older and refused that this parent is informed.",
    "pupil_under_16_cannot_refuse_informing": (
        "The pupil is under 16: the pupil's refusal to inform this parent does not bind the school."
    ),
    "adult_pupil_consented": "The pupil is 18 or older and consented that this parent is informed.",
    "adult_pupil_no_consent": "The pupil is 18 or older: parents are informed only with the pupil's consent.",
}

# Codes in Decision.missing (templates; <id> is a guardian id). Not reason codes, documented for the UI.
MISSING_CODES: dict[str, str] = {
    "guardian:<id>": "This guardian's consent is still needed.",
    "pupil": "The pupil's own consent is still needed.",
    "authority_holder": "Record who holds authority over the pupil first: nobody can consent yet.",
}


# --------------------------------------------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuardianFacts:
    guardian_id: int
    authority: str  # an AuthorityKind / pupils.constants.Authority value
    supervision_order: bool = False  # OTS (ondertoezichtstelling) applies
    withhold_information: bool = False  # the school withholds information in the child's interest
    court_information_arrangement: bool = False  # a court set an information (and consultation) arrangement

    def __post_init__(self) -> None:
        AuthorityKind(self.authority)  # unknown value -> ValueError

    @property
    def holds_authority(self) -> bool:
        return AuthorityKind(self.authority) in AUTHORITY_HOLDERS


@dataclass(frozen=True)
class Party:
    guardian_id: int | None  # None = the pupil

    @property
    def code(self) -> str:
        return "pupil" if self.guardian_id is None else f"guardian:{self.guardian_id}"


PUPIL = Party(None)


@dataclass(frozen=True)
class ConsentFacts:
    id: int
    mode: Mode
    forum: str  # forum kind key, e.g. "school_care_team", "regional_team"
    # Partners named. Empty: WRITTEN covers the school's staff only; the other modes cover the whole forum.
    partner_ids: frozenset[int]
    answers: Mapping[Party, Answer]  # per party who answered
    recorded_on: date
    valid_until: date | None
    objection_until: date | None = None  # ASSENT: last day on which an objection can be made
    withdrawn_on: date | None = None
    purpose: Purpose = Purpose.DISCUSSION  # consent is per purpose too (S3 §4.3)


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    consent_id: int | None  # the record the verdict rests on (None when NOT_ALLOWED)
    reasons: tuple[str, ...]  # REASON_CODES keys
    missing: tuple[str, ...]  # MISSING_CODES: still needed for BY_NAME, e.g. ("guardian:12", "pupil")

    @property
    def by_name(self) -> bool:
        return self.verdict in (Verdict.BY_NAME, Verdict.OUTSIDE_INFO)


@dataclass(frozen=True)
class InformDecision:
    right: InformRight
    reasons: tuple[str, ...]


# --------------------------------------------------------------------------------------------------------------
# Who must consent
# --------------------------------------------------------------------------------------------------------------


def _check_age(age: int) -> None:
    if age < 0:
        raise ValueError(f"age must not be negative, got {age}")


def _authority_holders(guardians: Iterable[GuardianFacts]) -> list[GuardianFacts]:
    return [g for g in guardians if g.holds_authority]


def required_parties(*, age: int, guardians: Sequence[GuardianFacts], purpose: Purpose) -> frozenset[Party]:
    """The parties whose consent is required; every one of them must give it.

    Under 16 an empty set of authority holders is a data gap, not "nobody needs to agree": ``decide`` refuses then.
    """
    _check_age(age)
    if age >= CONSENT_AGE:
        # 16+: the pupil decides alone about own data and gives consent for treatment (S3 §1.1 L5519-5523; STD §2.2;
        # DOMAIN §6). 18+: the same, as an adult (S3 §1.1 L5140-5144).
        return frozenset({PUPIL})
    # Under 16 the parents with authority decide (UAVG art. 5; S3 §1.1 L2829; DOMAIN §6):
    #  - joint authority (also after divorce): each holder, both equally (S3 §1.2 L6026-6034);
    #  - sole authority: that parent; the other parent has no say (S3 §1.2 L6044-6047);
    #  - voogdij: the institution or third person holding it (S3 §1.2 L6097-6113);
    #  - a parent without authority gives no consent and is not required (S3 §1.2 L6018-6022; STD §2.2);
    #  - OTS leaves authority with the parents (S3 §1.2 L6091-6095: "gezag stays; the gezinsvoogd can limit it").
    #    The family guardian is no authority holder; decide() flags ``supervision_order`` so someone checks.
    parties = {Party(g.guardian_id) for g in _authority_holders(guardians)}
    if purpose is Purpose.TREATMENT and age >= TREATMENT_DUAL_AGE:
        # 12–15 treatment (WGBO): "dubbele toestemming", holders AND the pupil (S3 §1.1 L5483-5487; S3 §4.3; DOMAIN §6).
        # The WGBO's exceptions (serious harm; the young person's well-considered wish, S3 §1.1 L5489-5517) are the
        # care provider's decision, not the school's, and are not modelled here.
        parties.add(PUPIL)
    # Discussion at 12–15: holders only (S3 §4.3 design rules; STD §2.2). See the module docstring.
    return frozenset(parties)


def _sorted_codes(parties: Iterable[Party]) -> tuple[str, ...]:
    return tuple(p.code for p in sorted(parties, key=lambda p: (p.guardian_id is None, p.guardian_id or 0)))


# --------------------------------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------------------------------

# Records that rest on what parents / the pupil said, and so are beaten by a newer refusal, objection or withdrawal.
_PARENTAL = frozenset({Mode.WRITTEN, Mode.ASSENT})
_SAYS_NO = frozenset({Answer.REFUSED, Answer.WITHDRAWN})
# Tie-break between records with the same verdict: a consent-based basis before an override (DOMAIN §6.4: the
# override is the exception), then the newest.
_MODE_PREFERENCE: Mapping[Mode, int] = {Mode.WRITTEN: 3, Mode.ASSENT: 2, Mode.ANONYMOUS: 1, Mode.OVERRIDE: 0}


def _expired(consent: ConsentFacts, today: date) -> bool:
    return consent.valid_until is not None and consent.valid_until < today


def _withdrawn(consent: ConsentFacts, today: date) -> bool:
    return consent.withdrawn_on is not None and consent.withdrawn_on <= today  # takes effect at once


def is_active(consent: ConsentFacts, today: date) -> bool:
    """The record is in force today: recorded, not expired, not withdrawn (answers are judged by ``decide``)."""
    return consent.recorded_on <= today and not _expired(consent, today) and not _withdrawn(consent, today)


def covers_partner(consent: ConsentFacts, partner_id: int | None) -> bool:
    """Does the record cover this partner (None: the forum itself with the school's staff)?"""
    if partner_id is None:
        return True  # every record is about the forum itself
    if consent.partner_ids:
        # Written consent names its external partners; others need a new consent (S3 §2.19 mode 1; S3 §4.3).
        return partner_id in consent.partner_ids
    # Empty: a written consent covers the school's own staff only; assent, anonymous and override concern the
    # forum's discussion as a whole (S3 §2.19 modes 2–3 and the exception; partners are limited by the verdict).
    return consent.mode is not Mode.WRITTEN


@dataclass(frozen=True)
class _Outcome:
    verdict: Verdict
    consent: ConsentFacts
    reasons: tuple[str, ...]


def _answer_notes(consent: ConsentFacts, required: frozenset[Party], known: frozenset[Party]) -> list[str]:
    notes: list[str] = []
    for party, answer in consent.answers.items():
        if party in required:
            continue
        if party not in known:
            notes.append("answer_from_unknown_party")
        elif answer in _SAYS_NO:
            notes.append("pupil_refused_under_16" if party == PUPIL else "guardian_without_say_refused")
    return notes


def _evaluate(
    consent: ConsentFacts,
    *,
    required: frozenset[Party],
    holders_missing: bool,
    purpose: Purpose,
    today: date,
) -> tuple[Verdict, list[str]]:
    answers = consent.answers
    if consent.mode is Mode.ANONYMOUS:
        if purpose is Purpose.TREATMENT:
            return Verdict.NOT_ALLOWED, ["mode_not_valid_for_treatment"]
        # Anonymous: no personal data reach the forum; partners advise (S3 §2.19 mode 3; S1 R4; DOMAIN §6.3).
        return Verdict.ANONYMOUS, ["anonymous"]
    if consent.mode is Mode.OVERRIDE:
        if purpose is Purpose.TREATMENT:
            return Verdict.NOT_ALLOWED, ["mode_not_valid_for_treatment"]
        # By name without consent: the head's motivated decision, needs no parties, still per forum
        # (S3 §2.19 "Exceptional"; S1 R3; DOMAIN §6.4).
        return Verdict.BY_NAME, ["override"]
    if holders_missing:
        return Verdict.NOT_ALLOWED, ["no_authority_holder"]
    if consent.mode is Mode.WRITTEN:
        # Written consent by every required party (S3 §2.19 mode 1; DOMAIN §6.1; joint authority: both, S3 §1.2).
        said = [answers.get(p) for p in required]
        if Answer.WITHDRAWN in said:
            return Verdict.NOT_ALLOWED, ["withdrawn"]
        if Answer.REFUSED in said:
            return Verdict.NOT_ALLOWED, ["refused"]
        if any(a is not Answer.GIVEN for a in said):
            return Verdict.NOT_ALLOWED, ["awaiting_parties"]
        return Verdict.BY_NAME, ["written_consent"]
    # ASSENT (instemming): S3 §2.19 mode 2; S3 §1.2 L2885-2887; DOMAIN §6.2.
    if purpose is Purpose.TREATMENT:
        return Verdict.NOT_ALLOWED, ["mode_not_valid_for_treatment"]
    if any(answers.get(p) in _SAYS_NO for p in required):
        return Verdict.NOT_ALLOWED, ["objected"]  # objection -> in principle not discussed
    if all(answers.get(p) is Answer.GIVEN for p in required):
        return Verdict.OUTSIDE_INFO, ["assent_agreed"]  # nobody left who could object
    if consent.objection_until is None:
        return Verdict.NOT_ALLOWED, ["objection_window_unknown"]
    if today <= consent.objection_until:
        return Verdict.NOT_ALLOWED, ["objection_window_open"]
    # No objection: limited data; external partners give only "buitenkantinformatie".
    return Verdict.OUTSIDE_INFO, ["assent_no_objection"]


def _blockers(
    consents: Iterable[ConsentFacts], *, required: frozenset[Party], today: date
) -> list[tuple[tuple[date, int], str]]:
    """Refusals, objections and withdrawals by required parties, keyed by when they happened.

    Each beats the written consents and assents of the same forum and purpose made before it (S3 §1.2
    L2885-2887; STD §2.1 "withdrawable"). A withdrawal takes effect on ``withdrawn_on``; a refusal or objection
    written on a record counts from the record's date (answers carry no date of their own).
    """
    found: list[tuple[tuple[date, int], str]] = []
    for consent in consents:
        if consent.mode not in _PARENTAL or consent.recorded_on > today or _expired(consent, today):
            continue
        said = [consent.answers.get(p) for p in required]
        if any(a in _SAYS_NO for a in said):
            if consent.mode is Mode.ASSENT:
                kind = "newer_objection"
            elif Answer.WITHDRAWN in said:
                kind = "newer_withdrawal"
            else:
                kind = "newer_refusal"
            found.append(((consent.recorded_on, consent.id), kind))
        if consent.withdrawn_on is not None and consent.withdrawn_on <= today:
            found.append(((consent.withdrawn_on, consent.id), "newer_withdrawal"))
    return found


def _dedupe(codes: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(codes))


def decide(
    *,
    age: int,
    guardians: Sequence[GuardianFacts],
    consents: Sequence[ConsentFacts],
    forum: str,
    partner_id: int | None,
    purpose: Purpose,
    today: date,
) -> Decision:
    """What may happen with this pupil in this forum, for this partner (None: the forum itself) and purpose.

    The most permissive record in force wins (S3 §4.3). Records of other forums or purposes do not count
    (consent is per forum and purpose, S3 §4.3); no record at all means not by name (S1 R2; S3 §4.3 "A case cannot
    be placed on a named zorgteam/ZAT agenda without a consent record or a directeur override").
    """
    required = required_parties(age=age, guardians=guardians, purpose=purpose)
    known = frozenset({PUPIL} | {Party(g.guardian_id) for g in guardians})
    holders_missing = age < CONSENT_AGE and not _authority_holders(guardians)

    context: list[str] = []
    if age < ADULT_AGE and any(g.supervision_order for g in guardians):
        context.append("supervision_order")  # S3 §1.2 L6091-6095
    if holders_missing:
        context.append("no_authority_holder")

    in_forum = [c for c in consents if c.forum == forum]
    scoped = [c for c in in_forum if c.purpose is purpose]
    if not scoped:
        context.append("no_consent_record")
        if consents and not in_forum:
            context.append("consent_for_other_forum")
        if in_forum:
            context.append("consent_for_other_purpose")

    blockers = _blockers(scoped, required=required, today=today)
    outcomes: list[_Outcome] = []
    skipped: list[str] = []
    for consent in scoped:
        if not covers_partner(consent, partner_id):
            skipped.append("partner_not_named")
            continue
        if consent.recorded_on > today:
            skipped.append("not_yet_in_effect")
            continue
        if _expired(consent, today):
            skipped.append("expired")  # valid_until < today
            continue
        if _withdrawn(consent, today):
            skipped.append("withdrawn")  # withdrawn_on <= today
            continue
        verdict, reasons = _evaluate(
            consent, required=required, holders_missing=holders_missing, purpose=purpose, today=today
        )
        if verdict is not Verdict.NOT_ALLOWED and consent.mode in _PARENTAL:
            newer = [kind for key, kind in blockers if key > (consent.recorded_on, consent.id)]
            if newer:  # the record stood, but a later "no" beats it: say only that
                verdict, reasons = Verdict.NOT_ALLOWED, newer
        reasons += _answer_notes(consent, required, known)
        outcomes.append(_Outcome(verdict, consent, tuple(reasons)))

    best = max(
        outcomes,
        key=lambda o: (
            rank(o.verdict),
            _MODE_PREFERENCE[o.consent.mode],
            o.consent.recorded_on,
            o.consent.id,
        ),
        default=None,
    )
    if best is not None and best.verdict is Verdict.BY_NAME:
        return Decision(best.verdict, best.consent.id, _dedupe([*best.reasons, *context]), ())
    verdict = best.verdict if best is not None else Verdict.NOT_ALLOWED

    # Below BY_NAME: explain every record, the winner first, and say whose consent is still needed.
    others = [code for o in outcomes if o is not best for code in o.reasons]
    return Decision(
        verdict,
        best.consent.id if best is not None and verdict is not Verdict.NOT_ALLOWED else None,
        _dedupe([*(best.reasons if best is not None else ()), *others, *skipped, *context]),
        _missing(outcomes, required=required, holders_missing=holders_missing),
    )


def _missing(
    outcomes: Sequence[_Outcome], *, required: frozenset[Party], holders_missing: bool
) -> tuple[str, ...]:
    """Whose written consent is still needed: the fewest outstanding on any written record here, else everyone."""
    if holders_missing:
        return ("authority_holder", *_sorted_codes(required))
    outstanding = [
        {p for p in required if o.consent.answers.get(p) is not Answer.GIVEN}
        for o in outcomes
        if o.consent.mode is Mode.WRITTEN
    ]
    fewest = min((s for s in outstanding if s), key=len, default=set(required))
    return _sorted_codes(fewest)


# --------------------------------------------------------------------------------------------------------------
# Informing a guardian
# --------------------------------------------------------------------------------------------------------------


def inform_guardian(
    *,
    age: int,
    guardian: GuardianFacts,
    pupil_refuses_informing: bool,
    asked: bool = False,
    pupil_consents_informing: bool = False,
) -> InformDecision:
    """May the school inform this guardian about the pupil, and how much? With the reasons."""
    _check_age(age)
    if age >= ADULT_AGE:
        # 18+: the school contacts parents only with the pupil's consent (S3 §1.1 L5140-5144; DOMAIN §6).
        if pupil_consents_informing and not pupil_refuses_informing:
            return InformDecision(InformRight.FULL, ("adult_pupil_consented",))
        return InformDecision(InformRight.NONE, ("adult_pupil_no_consent",))
    notes: list[str] = []
    if pupil_refuses_informing:
        if age >= CONSENT_AGE:
            # 16+: the pupil may refuse that information goes to (one of) the parents (S3 §1.1 L6047-6050;
            # beroepsgeheim also toward the parents, L5519-5523; DOMAIN §6).
            return InformDecision(InformRight.NONE, ("pupil_16_plus_refused_informing",))
        notes.append("pupil_under_16_cannot_refuse_informing")
    if guardian.holds_authority:
        # Authority holders are informed (informatieplicht, S3 §1.2 L5216-5222; joint: both equally, L6026-6034).
        if guardian.withhold_information or guardian.court_information_arrangement:
            notes.append("withhold_flag_ignored_for_authority_holder")
        return InformDecision(InformRight.FULL, ("guardian_has_authority", *notes))
    # Parent without authority: important information on request (art. 1:377c BW; S3 §1.2 L6034-6047; STD §2.2;
    # DOMAIN §6) — unless a court arranged otherwise (L6050-6058) or the child's interest opposes (L6058-6066).
    if guardian.court_information_arrangement:
        return InformDecision(InformRight.NONE, ("court_arrangement", *notes))
    if guardian.withhold_information:
        return InformDecision(InformRight.NONE, ("withheld_in_child_interest", *notes))
    return InformDecision(
        InformRight.IMPORTANT_ON_REQUEST,
        ("parent_asked" if asked else "important_info_on_request", *notes),
    )


def may_inform_guardian(
    *,
    age: int,
    guardian: GuardianFacts,
    pupil_refuses_informing: bool,
    asked: bool = False,
    pupil_consents_informing: bool = False,
) -> InformRight:
    """FULL / IMPORTANT_ON_REQUEST / NONE; ``inform_guardian`` gives the reasons too.

    ``asked`` does not change the right of a parent without authority (it exists on request), only the reason: once
    asked, the school must give the important facts. ``pupil_consents_informing`` matters from 18 only.
    """
    return inform_guardian(
        age=age,
        guardian=guardian,
        pupil_refuses_informing=pupil_refuses_informing,
        asked=asked,
        pupil_consents_informing=pupil_consents_informing,
    ).right
