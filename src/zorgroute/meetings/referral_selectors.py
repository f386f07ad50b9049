"""Reads for the referral pages (aanmelding): a case's referrals and the forums it may be referred to, one referral
with its SDQ questionnaires and history, the completeness check (what the referral and the route's gate still lack,
each with where to fix it), and the PDF's content by name or de-identified as consent allows.

The pages fetched the case through access/ (`case_for`); a referral is looked up within that case only. Every
function takes a fixed number of queries, whatever the number of questionnaires or agenda items.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgroute.cases import route
from zorgroute.cases.constants import CaseStatus, RequiredRecord, SkipReason, TransitionKind
from zorgroute.cases.models import Case, RouteStep
from zorgroute.cases.selectors import case_package, consent_picture, step_spec
from zorgroute.core.time import today
from zorgroute.meetings import sdq
from zorgroute.meetings.constants import ReferralStatus
from zorgroute.meetings.models import AgendaItem, Referral, ReferralQuestionnaire
from zorgroute.meetings.sdq_forms import BAND_LABELS, DIRECTION_LABELS, MEASURE_LABELS
from zorgroute.meetings.sdq_norms import SHIPPED_NORMS, NormTable
from zorgroute.meetings.services.referrals import FORUMS, REQUIRED_TEXTS, forum_team, referral_missing
from zorgroute.organisations.constants import CareTeamKind

OPEN = (ReferralStatus.DRAFT, ReferralStatus.SUBMITTED)
FORUM_SLUGS: dict[str, str] = {CareTeamKind.SCHOOL_CARE_TEAM: "zorgteam", CareTeamKind.REGIONAL_TEAM: "zat"}


def forum_short(forum_kind: str) -> str:
    """The forum as users call it: "the zorgteam", "the ZAT"."""
    return _("the zorgteam") if forum_kind == CareTeamKind.SCHOOL_CARE_TEAM else _("the ZAT")


# --- The case page ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForumChoice:
    forum_kind: str
    label: str  # "Refer to the zorgteam"
    draft: Referral | None  # a draft to this forum, to continue instead of starting one
    waiting: bool  # a referral to this forum is submitted and not taken in yet: no new one

    @property
    def slug(self) -> str:
        return FORUM_SLUGS[self.forum_kind]


@dataclass(frozen=True)
class CaseReferrals:
    referrals: list[Referral]
    forums: list[ForumChoice]  # the forums of the case's route with an active team


def case_referrals(*, case: Case) -> CaseReferrals:
    """The case's referrals, newest first, and the forums it can be referred to (four queries at most)."""
    referrals = list(Referral.objects.filter(case=case).select_related("team").order_by("-created_at"))
    on_route = set(
        RouteStep.objects.filter(template_id=case.template_id).values_list("forum_kind", flat=True)
    )
    forums = []
    for kind in FORUMS:
        if kind not in on_route or forum_team(case, kind) is None:
            continue
        draft = next(
            (r for r in referrals if r.forum_kind == kind and r.status == ReferralStatus.DRAFT), None
        )
        waiting = any(r.forum_kind == kind and r.status == ReferralStatus.SUBMITTED for r in referrals)
        label = _("Refer to %(forum)s") % {"forum": forum_short(kind)}
        forums.append(ForumChoice(kind, label, draft, waiting))
    return CaseReferrals(referrals, forums)


def earlier_zorgteam_referral(case: Case) -> Referral | None:
    """The zorgteam referral a ZAT referral builds on: the last one that was submitted (as referral_start takes)."""
    return (
        Referral.objects.filter(case=case, forum_kind=CareTeamKind.SCHOOL_CARE_TEAM)
        .exclude(status=ReferralStatus.DRAFT)
        .order_by("-created_at")
        .first()
    )


def referral_prefill(*, case: Case, forum_kind: str) -> list[tuple[str, str]]:
    """What a new referral to this forum will be pre-filled with, as (heading, text), the way referral_start fills
    it: the case's help questions and limits, the intervention log, and for the ZAT the zorgteam referral."""
    from zorgroute.meetings.services.referrals import _already_done  # the same text the service writes

    values = {
        "help_question_school": case.help_question_school,
        "help_question_parents": case.help_question_parents,
        "help_question_pupil": case.help_question_pupil,
        "school_limits": case.school_limits,
        "already_done": _already_done(case),
    }
    if forum_kind == CareTeamKind.REGIONAL_TEAM:
        earlier = earlier_zorgteam_referral(case)
        if earlier is not None:
            for name in (
                "strengths",
                "child_factors",
                "family_factors",
                "school_factors",
                "nature_and_severity",
                "teacher_questions",
            ):
                values[name] = getattr(earlier, name)
    return [(str(heading), values[name]) for name, heading in TEXT_HEADINGS if values.get(name, "").strip()]


def referral_in_case(*, case: Case, key: Any) -> Referral | None:
    """The case's referral with this uuid (None when absent or of another case)."""
    try:
        parsed = uuid_lib.UUID(str(key))
    except ValueError:
        return None
    referral = (
        Referral.objects.filter(case=case, uuid=parsed)
        .select_related("team", "based_on", "created_by", "submitted_by", "decided_by")
        .first()
    )
    if referral is not None:
        referral.case = case  # the one the page fetched (with its pupil, school, step and template)
    return referral


# --- The completeness check ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gap:
    message: str
    fix_url: str
    fix_label: str


@dataclass(frozen=True)
class ReferralCheck:
    referral_gaps: list[Gap]  # what the referral itself lacks
    route_gaps: list[Gap]  # what the route's gate lacks to move the case to the forum's step
    refusal: str  # a refusal no filling-in solves (closed case, no such step, already past it)
    target: RouteStep | None  # the step the case moves to; None when it is there already (or refused)
    transition: str  # TransitionKind.ESCALATE or SKIP, "" when the case does not move

    @property
    def ready(self) -> bool:
        return not (self.referral_gaps or self.route_gaps or self.refusal)


def _route_fix(case: Case, code: str) -> tuple[str, str]:
    if code in (RequiredRecord.HELP_QUESTION, RequiredRecord.SCHOOL_LIMITS):
        return reverse("cases:case-package", args=[case.uuid]), _(
            "Change the help question and the school's limits"
        )
    if code == RequiredRecord.INTERVENTIONS:
        return reverse("plans:intervention-add", args=[case.uuid]), _("Log an intervention")
    if code == RequiredRecord.ACTION_PLAN:
        return reverse("plans:plan-list", args=[case.uuid]), _("Action plans")
    return reverse("consents:consent-overview", args=[case.uuid]), _("Consent")


def referral_check(*, referral: Referral) -> ReferralCheck:
    """What stands between this draft and its submission: the referral's own required texts (referral_missing) and
    the route's gate as referral_submit will meet it (escalation to the next step, or a skip as a direct referral
    or crisis), each with a link to where it is filled in."""
    case = referral.case
    edit_url = reverse("meetings:referral-edit", args=[case.uuid, referral.uuid])
    names = [] if referral.crisis else [n for n in REQUIRED_TEXTS if not getattr(referral, n).strip()]
    referral_gaps = [
        Gap(label, f"{edit_url}#id_{name}", _("Fill it in"))
        for name, label in zip(names, referral_missing(referral), strict=True)
    ]
    steps = list(case.template.steps.order_by("position"))
    target = next((s for s in steps if s.forum_kind == referral.forum_kind), None)
    refusal, transition, result = "", "", None
    if case.status != CaseStatus.OPEN:
        refusal = _("This case is closed. Reopen it first.")
    elif case.step.forum_kind == referral.forum_kind:
        target = None  # already at the forum's step: submitting does not move the case
    elif target is None:
        refusal = _("The case's route has no step with this forum.")
    elif target.position <= case.step.position:
        refusal = _("The case is already past this forum's step; step back first.")
    else:
        specs = [step_spec(step) for step in steps]
        package = case_package(case, consent=consent_picture(case, steps=steps))
        if target.position == case.step.position + 1:
            transition = TransitionKind.ESCALATE
            result = route.decide(
                transition, specs, status=case.status, position=case.step.position, package=package
            )
        else:
            transition = TransitionKind.SKIP
            result = route.decide(
                transition,
                specs,
                status=case.status,
                position=case.step.position,
                package=package,
                target_position=target.position,
                skip_reason=SkipReason.CRISIS if referral.crisis else SkipReason.DIRECT_REFERRAL,
            )
        refusal = result.refusal
    route_gaps = [Gap(m.message, *_route_fix(case, m.code)) for m in (result.missing if result else ())]
    if refusal:
        target, transition = None, ""
    return ReferralCheck(referral_gaps, route_gaps, refusal, target, transition)


# --- SDQ questionnaires -------------------------------------------------------------------------------------------

NORMS_BY_KEY: dict[tuple[str, str], NormTable] = {
    (str(t.version), t.key): t for t in SHIPPED_NORMS
}  # keys per version


@dataclass(frozen=True)
class ScoreRow:
    measure: str
    label: str
    value: int | None
    maximum: int
    band: str  # the band's label, "" when not banded
    band_level: int | None
    change: int | None = None  # evaluation minus baseline
    direction: str = ""  # "Better", "Unchanged", "Worse"


@dataclass(frozen=True)
class QuestionnaireView:
    questionnaire: ReferralQuestionnaire
    is_baseline: bool
    rows: list[ScoreRow]
    norms_title: str
    unconfirmed: bool  # some bands come from values still to be confirmed against their source
    baseline: ReferralQuestionnaire | None = None
    unanswered: int = 0

    @property
    def version_label(self) -> str:
        return str(self.questionnaire.get_version_display())


def stored_result(questionnaire: ReferralQuestionnaire) -> sdq.Result:
    """The administration's result from its stored answers, banded with the norm table it was scored with."""
    norms = NORMS_BY_KEY.get((questionnaire.version, str(questionnaire.result.get("norms") or "")))
    return sdq.score(questionnaire.version, questionnaire.answers, questionnaire.impact, norms=norms)


def _rows(result: sdq.Result, comparison: sdq.Comparison | None) -> list[ScoreRow]:
    rows = []
    for score in result.scores:
        change = comparison[score.measure] if comparison is not None else None
        direction = change.direction if change is not None else None
        rows.append(
            ScoreRow(
                measure=str(score.measure),
                label=str(MEASURE_LABELS[score.measure]),
                value=score.value,
                maximum=sdq.max_score(score.measure, result.version),
                band=str(BAND_LABELS.get(score.band.code, score.band.code)) if score.band else "",
                band_level=score.band.level if score.band else None,
                change=change.difference if change is not None else None,
                direction=str(DIRECTION_LABELS[direction]) if direction is not None else "",
            )
        )
    return rows


def questionnaire_views(questionnaires: list[ReferralQuestionnaire]) -> list[QuestionnaireView]:
    """Each questionnaire with its scores and bands; a later one of the same version compared with the first
    (the baseline) through sdq.compare. No queries."""
    baselines: dict[str, tuple[ReferralQuestionnaire, sdq.Result]] = {}
    views = []
    for questionnaire in sorted(
        questionnaires, key=lambda q: (q.version != "teacher", q.filled_on, q.created_at)
    ):
        result = stored_result(questionnaire)
        first = baselines.get(questionnaire.version)
        comparison = None
        if first is not None:
            try:
                comparison = sdq.compare(first[1], result)
            except sdq.SDQError:  # banded with different tables: show the scores without the comparison
                comparison = None
        else:
            baselines[questionnaire.version] = (questionnaire, result)
        norms = NORMS_BY_KEY.get((str(result.version), result.norms_key or ""))
        views.append(
            QuestionnaireView(
                questionnaire=questionnaire,
                is_baseline=first is None,
                rows=_rows(result, comparison),
                norms_title=norms.title if norms else "",
                unconfirmed=bool(norms and norms.unconfirmed),
                baseline=first[0] if first else None,
                unanswered=len(result.unanswered),
            )
        )
    return views


def referral_questionnaires(*, referral: Referral) -> list[QuestionnaireView]:
    """The referral's SDQ questionnaires with their scores and bands (one query)."""
    return questionnaire_views(list(ReferralQuestionnaire.objects.filter(referral=referral)))


# --- History ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryLine:
    label: str
    when: dt.datetime | dt.date | None
    who: str = ""


def _name(user: Any) -> str:
    return (user.get_full_name() or user.get_username()) if user is not None else ""


def referral_history(referral: Referral, items: list[AgendaItem]) -> list[HistoryLine]:
    """The referral's course from its own record: started, submitted, intake, on an agenda, answered."""
    lines = [HistoryLine(_("Started"), referral.created_at, _name(referral.created_by))]
    if referral.submitted_at:
        lines.append(HistoryLine(_("Submitted"), referral.submitted_at, _name(referral.submitted_by)))
    if referral.intake_mode:
        lines.append(HistoryLine(_("Intake: %(mode)s") % {"mode": referral.get_intake_mode_display()}, None))
    for item in items:
        lines.append(
            HistoryLine(
                _("On the agenda of %(team)s") % {"team": item.meeting.team.name}, item.meeting.starts_at
            )
        )
        if item.meeting.minutes_finalised_at is not None:  # the referral is discussed (the minutes are final)
            lines.append(
                HistoryLine(
                    _("Discussed in %(team)s") % {"team": item.meeting.team.name},
                    item.meeting.minutes_finalised_at,
                )
            )
    if referral.status == ReferralStatus.ANSWERED:
        lines.append(
            HistoryLine(_("Answered without a discussion"), referral.decided_at, _name(referral.decided_by))
        )
    if referral.status == ReferralStatus.WITHDRAWN:
        lines.append(HistoryLine(_("Withdrawn"), None))
    return lines


# --- The referral page --------------------------------------------------------------------------------------------


@dataclass
class ReferralPage:
    referral: Referral
    questionnaires: list[QuestionnaireView]
    history: list[HistoryLine]
    check: ReferralCheck | None = None  # for a draft only
    may_add_questionnaire: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def referral_page(*, referral: Referral) -> ReferralPage:
    """Everything the read-only referral page shows, in a fixed number of queries."""
    questionnaires = list(
        ReferralQuestionnaire.objects.filter(referral=referral).select_related("recorded_by")
    )
    items = list(
        AgendaItem.objects.filter(referral=referral)
        .select_related("meeting", "meeting__team")
        .order_by("meeting__starts_at")
    )
    return ReferralPage(
        referral=referral,
        questionnaires=questionnaire_views(questionnaires),
        history=referral_history(referral, items),
        check=referral_check(referral=referral) if referral.status == ReferralStatus.DRAFT else None,
        may_add_questionnaire=referral.status != ReferralStatus.WITHDRAWN,
    )


# --- The PDF ------------------------------------------------------------------------------------------------------


@dataclass
class ReferralDocument:
    """The referral as it leaves the system: by name when the forum may see the case by name, otherwise
    de-identified like the forum's summary (meetings.summary)."""

    referral: Referral
    anonymous: bool
    pupil: str
    school: str
    team: str
    texts: list[tuple[str, str]]  # (heading, text) in the form's order
    questionnaires: list[tuple[QuestionnaireView, str]]  # with who filled it in, as the reader may know it
    history: list[HistoryLine]
    printed_on: dt.date

    @property
    def filename(self) -> str:
        day = (self.referral.submitted_at or self.referral.created_at).strftime("%Y%m%d")
        return f"aanmelding-{FORUM_SLUGS.get(self.referral.forum_kind, 'forum')}-{day}.pdf"


TEXT_HEADINGS = (
    ("help_question_school", gettext_lazy("Help question of the school")),
    ("help_question_parents", gettext_lazy("Help question of the parents")),
    ("help_question_pupil", gettext_lazy("Help question of the pupil")),
    ("already_done", gettext_lazy("What was done, with what result")),
    ("school_limits", gettext_lazy("The school's possibilities and limits")),
    ("strengths", gettext_lazy("Strengths and chances")),
    ("child_factors", gettext_lazy("Child factors")),
    ("family_factors", gettext_lazy("Family factors")),
    ("school_factors", gettext_lazy("School factors")),
    ("nature_and_severity", gettext_lazy("Nature and severity")),
    ("teacher_questions", gettext_lazy("The teacher's questions")),
)


def forum_may_name(referral: Referral) -> bool:
    """May the referral's forum see the case by name? The consent engine's verdict for that forum."""
    from zorgroute.consents.selectors import case_consent

    basis = case_consent(referral.case).basis(referral.forum_kind)
    return basis is not None and basis.by_name


def referral_document(*, referral: Referral) -> ReferralDocument:
    """The PDF's content. Anonymous: no name, school, group, staff or exact identifiers, and every free text
    de-identified (known names and places of the record, then deduce)."""
    from zorgroute.consents.selectors import age_on

    case = referral.case
    anonymous = not forum_may_name(referral)
    page = referral_page(referral=referral)
    clean: Callable[[str], str]
    if anonymous:
        from zorgroute.consents.deidentify import deidentify
        from zorgroute.meetings.summary import known_identifiers

        people, places = known_identifiers(case)

        def clean(text: str) -> str:
            return deidentify(text, people=people, places=places) if text.strip() else ""

        age = age_on(case.pupil, today())
        pupil = _("A pupil of %(age)d (%(kind)s)") % {
            "age": age,
            "kind": case.school.get_school_type_display(),
        }
        school = _("(not shown: anonymous discussion)")
        team = str(CareTeamKind(referral.forum_kind).label)
        questionnaires = [(view, view.version_label) for view in page.questionnaires]
        history = [HistoryLine(clean(line.label), line.when) for line in page.history]  # no staff names
    else:

        def clean(text: str) -> str:
            return text

        group = f", {case.pupil.current_group.name}" if case.pupil.current_group else ""
        pupil = f"{case.pupil.full_name}{group}"
        school = case.school.name
        team = referral.team.name
        questionnaires = [(view, view.questionnaire.respondent) for view in page.questionnaires]
        history = page.history
    texts = [(str(heading), clean(getattr(referral, name))) for name, heading in TEXT_HEADINGS]
    return ReferralDocument(
        referral=referral,
        anonymous=anonymous,
        pupil=pupil,
        school=school,
        team=team,
        texts=texts,
        questionnaires=questionnaires,
        history=history,
        printed_on=today(),
    )
