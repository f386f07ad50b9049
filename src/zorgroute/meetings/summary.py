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


@dataclass
class Identifiers:
    """What identifies one case's pupil: the people and strings the record knows, and the staff among them (user
    ids) whose names would point to the school."""

    people: list[KnownPerson]
    places: list[str]
    user_ids: set[int]


def known_identifiers(case: Case) -> tuple[list[KnownPerson], list[str]]:
    """Every person and identifying string the record knows about this case (five queries)."""
    found = identifiers_of([case])[case.pk]
    return found.people, found.places


def identifiers_of(cases: list[Case]) -> dict[int, Identifiers]:
    """known_identifiers for many cases in five queries whatever their number: the pupil, guardians and their
    addresses, siblings (other children of the same guardians), the school's staff, the case's owner and
    coordinator, the group's teachers, the school and the group. The cases come with pupil, current group and
    school loaded."""
    from zorgroute.accounts.models import User
    from zorgroute.organisations.models import StaffRole

    pupil_ids = {c.pupil_id for c in cases}
    links = list(PupilGuardian.objects.filter(pupil_id__in=pupil_ids).select_related("guardian"))
    guardian_ids = {link.guardian_id for link in links}
    children: dict[int, list[Pupil]] = {}  # guardian id -> the children linked to them
    for link in PupilGuardian.objects.filter(guardian_id__in=guardian_ids).select_related("pupil"):
        children.setdefault(link.guardian_id, []).append(link.pupil)
    school_ids = {c.school_id for c in cases}
    staff_by_school: dict[int, set[int]] = {}
    for user_id, school_id in StaffRole.objects.filter(school_id__in=school_ids).values_list(
        "user_id", "school_id"
    ):
        staff_by_school.setdefault(school_id, set()).add(user_id)
    group_ids = {c.pupil.current_group_id for c in cases if c.pupil.current_group_id}
    teachers_by_group: dict[int, set[int]] = {}
    for user_id, group_id in GroupTeacher.objects.filter(group_id__in=group_ids).values_list(
        "user_id", "group_id"
    ):
        teachers_by_group.setdefault(group_id, set()).add(user_id)
    wanted: dict[int, set[int]] = {}
    for case in cases:
        ids = set(staff_by_school.get(case.school_id, set()))
        ids |= {uid for uid in (case.owner_id, case.coordinator_id) if uid}
        ids |= teachers_by_group.get(case.pupil.current_group_id or 0, set())
        wanted[case.pk] = ids
    users = {u.pk: u for u in User.objects.filter(pk__in=set().union(*wanted.values()) if wanted else set())}
    result: dict[int, Identifiers] = {}
    for case in cases:
        pupil = case.pupil
        people: list[KnownPerson | None] = [_person(pupil.first_name, pupil.name_prefix, pupil.last_name)]
        places: list[str] = [v for v in (pupil.bsn, pupil.education_number, pupil.eck_id) if v]
        own = [link for link in links if link.pupil_id == pupil.pk]
        for link in own:
            g = link.guardian
            people.append(_person(g.first_name, g.name_prefix, g.last_name))
            places += [
                v for v in (g.street_address, g.postal_code, g.city, g.phone, g.email, g.institution) if v
            ]
        siblings = {child.pk: child for link in own for child in children.get(link.guardian_id, [])}
        siblings.pop(pupil.pk, None)
        for sibling in siblings.values():
            people.append(_person(sibling.first_name, sibling.name_prefix, sibling.last_name))
        for user_id in sorted(wanted[case.pk]):
            user = users.get(user_id)
            if user is not None:
                people.append(_person(user.first_name, "", user.last_name))
        school = case.school
        places += [v for v in (school.name, school.city, school.brin) if v]
        if pupil.current_group is not None:
            places.append(pupil.current_group.name)
        result[case.pk] = Identifiers(
            people=[p for p in people if p is not None],
            places=sorted(set(places), key=len, reverse=True),
            user_ids=wanted[case.pk],
        )
    return result


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


def anonymous_label(case: Case) -> str:
    """How a forum names a pupil it may not know by name: age and kind of school."""
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
        labels[referral.pk] = referral.case.pupil.full_name if by_name else anonymous_label(referral.case)
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
        label=anonymous_label(referral.case),
        anonymous=True,
        texts={
            name: deidentify(text, people=people, places=places) if text else ""
            for name, text in texts.items()
        },
    )
