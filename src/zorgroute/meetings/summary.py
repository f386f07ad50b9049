"""The summary of a case that goes to a forum (zorgteam or ZAT): only what the forum's question needs, and for an
anonymous discussion nothing that identifies the pupil or the family (issue 4 item 4, DOMAIN §6–7).

Whether the forum sees the case by name or anonymously is the consent engine's verdict for that forum and partner
(consents.selectors.case_consent). Anonymous:
- structured fields that identify are dropped: name, BSN, education number, address, date of birth (age in years
  stays), school, group, the names of staff;
- every free text is de-identified (consents.deidentify): exact replacement of every name and place the record
  knows (pupil, guardians, siblings, teachers and staff, case people, the school, addresses, identifiers), then
  deduce for the names and details the record does not know.

The summary is built here because the forum's agenda (meetings) is its reader; it reads cases, plans and consents.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _

from zorgroute.cases.models import Case, ProblemDomain
from zorgroute.consents import rules
from zorgroute.consents.deidentify import KnownPerson, deidentify
from zorgroute.consents.selectors import age_on, case_consent
from zorgroute.core.exceptions import DomainError
from zorgroute.core.time import today
from zorgroute.organisations.models import GroupTeacher
from zorgroute.pupils.models import Pupil, PupilGuardian


@dataclass(frozen=True)
class SummaryIntervention:
    description: str
    effect: str
    result: str
    period: str


@dataclass(frozen=True)
class SummaryGoal:
    description: str
    measure: str


@dataclass
class CaseSummary:
    forum_kind: str
    verdict: str  # consents.rules.Verdict value
    pupil: str  # the pupil as the forum may know them
    age: int
    school: str
    step: str
    domains: list[str]
    help_question_school: str
    help_question_parents: str
    help_question_pupil: str
    school_limits: str
    interventions: list[SummaryIntervention] = field(default_factory=list)
    plan_needs: str = ""
    plan_approach: str = ""
    goals: list[SummaryGoal] = field(default_factory=list)

    @property
    def anonymous(self) -> bool:
        return self.verdict == rules.Verdict.ANONYMOUS

    @property
    def outside_info_only(self) -> bool:
        return self.verdict == rules.Verdict.OUTSIDE_INFO

    def texts(self) -> list[str]:
        """Every piece of text in the summary (for tests and checks)."""
        parts = [self.pupil, self.school, self.step, *self.domains, self.help_question_school]
        parts += [self.help_question_parents, self.help_question_pupil, self.school_limits]
        parts += [self.plan_needs, self.plan_approach]
        for item in self.interventions:
            parts += [item.description, item.effect, item.result, item.period]
        for goal in self.goals:
            parts += [goal.description, goal.measure]
        return parts


def _person(first: str, prefix: str, last: str) -> KnownPerson | None:
    if not (first or last):
        return None
    return KnownPerson(first_name=first or "", last_name=last or "", name_prefix=prefix or "")


def known_identifiers(case: Case) -> tuple[list[KnownPerson], list[str]]:
    """Every person and identifying string the record knows about this case (five queries)."""
    pupil = case.pupil
    people: list[KnownPerson | None] = [_person(pupil.first_name, pupil.name_prefix, pupil.last_name)]
    places: list[str] = [v for v in (pupil.bsn, pupil.education_number, pupil.eck_id) if v]
    links = list(PupilGuardian.objects.filter(pupil=pupil).select_related("guardian"))
    for link in links:
        g = link.guardian
        people.append(_person(g.first_name, g.name_prefix, g.last_name))
        places += [v for v in (g.street_address, g.postal_code, g.city, g.phone, g.email, g.institution) if v]
    guardian_ids = [link.guardian_id for link in links]
    for sibling in Pupil.objects.filter(guardian_links__guardian_id__in=guardian_ids).exclude(pk=pupil.pk):
        people.append(_person(sibling.first_name, sibling.name_prefix, sibling.last_name))
    staff_filter = Q(staff_roles__school_id=case.school_id) | Q(pk__in=[case.owner_id, case.coordinator_id])
    if pupil.current_group_id:
        group_teachers = GroupTeacher.objects.filter(group_id=pupil.current_group_id).values("user_id")
        staff_filter |= Q(pk__in=group_teachers)
    from zorgroute.accounts.models import User

    for user in User.objects.filter(staff_filter).distinct():
        people.append(_person(user.first_name, "", user.last_name))
    school = case.school
    places += [v for v in (school.name, school.city, school.brin) if v]
    if pupil.current_group is not None:
        places.append(pupil.current_group.name)
    return [p for p in people if p is not None], sorted(set(places), key=len, reverse=True)


def forum_summary(*, case: Case, forum_kind: str, partner_id: int | None = None) -> CaseSummary:
    """What the forum gets about the case, by name or de-identified, as the consent engine decides.

    Raises DomainError when the case may not be discussed in the forum at all.
    """
    basis = case_consent(case, partner_id=partner_id).basis(forum_kind)
    if basis is None or not basis.is_valid:
        raise DomainError(
            _("This case may not be discussed in this forum: there is no valid consent basis for it.")
        )
    verdict = basis.decision.verdict
    anonymous = verdict == rules.Verdict.ANONYMOUS
    if anonymous:
        people, places = known_identifiers(case)

        def clean(text: str) -> str:
            return deidentify(text, people=people, places=places) if text else ""
    else:
        clean = _as_is
    return _build(case, forum_kind, verdict.value, clean, anonymous)


def _as_is(text: str) -> str:
    return text


def _build(
    case: Case, forum_kind: str, verdict: str, clean: Callable[[str], str], anonymous: bool
) -> CaseSummary:
    from zorgroute.plans import selectors as plan_selectors

    pupil = case.pupil
    age = age_on(pupil, today())
    if anonymous:
        who = _("A pupil of %(age)d (%(kind)s)") % {"age": age, "kind": case.school.get_school_type_display()}
        school = _("(not shown: anonymous discussion)")
    else:
        group = f", {pupil.current_group.name}" if pupil.current_group else ""
        who = f"{pupil.full_name}{group}"
        school = case.school.name
    domains = sorted(
        {d.name for d in ProblemDomain.objects.filter(signals__case=case).distinct()}, key=str.lower
    )
    interventions = [
        SummaryIntervention(
            description=clean(i.description),
            effect=str(i.get_effect_display()),
            result=clean(i.effect_notes),
            period=_period(i, anonymous),
        )
        for i in plan_selectors.intervention_list(case=case)
    ]
    plan = plan_selectors.current_plan(case=case)
    return CaseSummary(
        forum_kind=forum_kind,
        verdict=verdict,
        pupil=who,
        age=age,
        school=school,
        step=case.step.name,
        domains=domains,
        help_question_school=clean(case.help_question_school),
        help_question_parents=clean(case.help_question_parents),
        help_question_pupil=clean(case.help_question_pupil),
        school_limits=clean(case.school_limits),
        interventions=interventions,
        plan_needs=clean(plan.needs) if plan else "",
        plan_approach=clean(plan.approach) if plan else "",
        goals=[SummaryGoal(clean(g.description), clean(g.measure)) for g in plan.goals.all()] if plan else [],
    )


def _period(intervention: Any, anonymous: bool) -> str:
    """Month and year only when anonymous (exact dates narrow down who it is)."""
    fmt = "%m-%Y" if anonymous else "%d-%m-%Y"
    start = intervention.started_on.strftime(fmt)
    end = intervention.ended_on.strftime(fmt) if intervention.ended_on else _("ongoing")
    return f"{start} – {end}"


# --- A referral as the forum's intake reads it ---------------------------------------------------------------------

REFERRAL_TEXTS = (
    "help_question_school",
    "help_question_parents",
    "help_question_pupil",
    "already_done",
    "school_limits",
    "strengths",
    "child_factors",
    "family_factors",
    "school_factors",
    "nature_and_severity",
    "teacher_questions",
    "intake_notes",
    "direct_answer",
)


def _anonymous_label(case: Case) -> str:
    return _("A pupil of %(age)d (%(kind)s)") % {
        "age": age_on(case.pupil, today()),
        "kind": case.school.get_school_type_display(),
    }


def referral_labels(referrals: list[Any]) -> dict[int, str]:
    """How the forum's intake names each referral's pupil: by name only when consent allows the forum to know the
    case by name (four queries for the whole list)."""
    from zorgroute.consents.selectors import forum_verdicts

    keys = {(r.case_id, r.forum_kind, None) for r in referrals}
    verdicts = forum_verdicts(keys)
    labels: dict[int, str] = {}
    for referral in referrals:
        verdict = verdicts.get((referral.case_id, referral.forum_kind, None))
        by_name = verdict in (rules.Verdict.BY_NAME, rules.Verdict.OUTSIDE_INFO)
        labels[referral.pk] = referral.case.pupil.full_name if by_name else _anonymous_label(referral.case)
    return labels


@dataclass
class ReferralView:
    label: str
    anonymous: bool
    texts: dict[str, str]


def referral_view(referral: Any) -> ReferralView:
    """The referral's texts for the forum: as written when the forum may know the case by name, de-identified
    otherwise (the same rules as the summary)."""
    basis = case_consent(referral.case).basis(referral.forum_kind)
    by_name = basis is not None and basis.by_name
    texts = {name: getattr(referral, name) or "" for name in REFERRAL_TEXTS}
    if by_name:
        return ReferralView(label=referral.case.pupil.full_name, anonymous=False, texts=texts)
    people, places = known_identifiers(referral.case)
    return ReferralView(
        label=_anonymous_label(referral.case),
        anonymous=True,
        texts={
            name: deidentify(text, people=people, places=places) if text else ""
            for name, text in texts.items()
        },
    )
