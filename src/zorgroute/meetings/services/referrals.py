"""Referrals to a forum (aanmelding) and the forum's intake: draft (pre-filled from the case, and for the ZAT from
the zorgteam's referral), submit (the case moves to the forum's step through the route's own gate), intake, and the
decision to put it on an agenda or answer it directly."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import CaseStatus, SkipReason, TimelineKind, TransitionKind, Visibility
from zorgroute.cases.models import Case
from zorgroute.cases.services import case_transition, timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now
from zorgroute.meetings.constants import IntakeMode, ReferralStatus
from zorgroute.meetings.models import Referral
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import CareTeam

FORUMS = (CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM)
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
)
# What a referral must say besides the route's escalation package (DOMAIN §5 "Referral to a forum").
REQUIRED_TEXTS = ("strengths", "nature_and_severity")


def forum_team(case: Case, forum_kind: str) -> CareTeam | None:
    """The team that is the forum for this case: the school's zorgteam, or the ZAT of the school's region."""
    teams = CareTeam.objects.filter(kind=forum_kind, is_active=True)
    if forum_kind == CareTeamKind.SCHOOL_CARE_TEAM:
        return teams.filter(school_id=case.school_id).order_by("pk").first()
    return teams.filter(school__isnull=True, region_id=case.school.region_id).order_by("pk").first()


def _already_done(case: Case) -> str:
    from zorgroute.plans.selectors import intervention_list

    lines = []
    for item in intervention_list(case=case):
        period = item.started_on.strftime("%d-%m-%Y")
        effect = item.get_effect_display()
        result = f" {item.effect_notes}" if item.effect_notes else ""
        lines.append(f"- {period}: {item.description} ({effect}).{result}")
    return "\n".join(lines)


def referral_start(*, actor: Any, case: Case, forum_kind: str) -> Referral:
    """A draft referral, pre-filled from the case (help questions, limits, the intervention log) and, for the ZAT,
    from the last referral to the zorgteam."""
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
    if forum_kind not in FORUMS:
        raise ValidationError(_("Choose the zorgteam or the ZAT."), field="forum_kind")
    team = forum_team(case, forum_kind)
    if team is None:
        raise ValidationError(_("There is no active team for this forum."), field="forum_kind")
    open_one = Referral.objects.filter(
        case=case, forum_kind=forum_kind, status__in=[ReferralStatus.DRAFT, ReferralStatus.SUBMITTED]
    ).first()
    if open_one is not None:
        raise DomainError(_("There is already a referral to this forum that is not finished."))
    earlier = None
    if forum_kind == CareTeamKind.REGIONAL_TEAM:
        earlier = (
            Referral.objects.filter(case=case, forum_kind=CareTeamKind.SCHOOL_CARE_TEAM)
            .exclude(status=ReferralStatus.DRAFT)
            .order_by("-created_at")
            .first()
        )
    values = {
        "help_question_school": case.help_question_school,
        "help_question_parents": case.help_question_parents,
        "help_question_pupil": case.help_question_pupil,
        "school_limits": case.school_limits,
        "already_done": _already_done(case),
    }
    if earlier is not None:
        for name in ("strengths", "child_factors", "family_factors", "school_factors", "nature_and_severity"):
            values[name] = getattr(earlier, name)
        values["teacher_questions"] = earlier.teacher_questions
    with transaction.atomic():
        referral = Referral.objects.create(
            case=case, team=team, forum_kind=forum_kind, based_on=earlier, created_by=actor, **values
        )
        audit.record(
            "referral.started",
            actor=actor,
            target=referral,
            case=case,
            pupil=case.pupil,
            changes={"forum": forum_kind, "based_on": str(earlier.uuid) if earlier else None},
        )
    return referral


def referral_update(*, actor: Any, referral: Referral, crisis: bool = False, **texts: str) -> Referral:
    if referral.status != ReferralStatus.DRAFT:
        raise DomainError(_("A submitted referral can no longer be changed."))
    unknown = set(texts) - set(REFERRAL_TEXTS)
    if unknown:
        raise ValueError(f"unknown referral fields: {sorted(unknown)}")
    changed = []
    for name, value in texts.items():
        cleaned = _text(value, name)
        if getattr(referral, name) != cleaned:
            setattr(referral, name, cleaned)
            changed.append(name)
    if referral.crisis != crisis:
        referral.crisis = crisis
        changed.append("crisis")
    if not changed:
        return referral
    with transaction.atomic():
        referral.save()
        audit.record(
            "referral.updated",
            actor=actor,
            target=referral,
            case=referral.case,
            pupil=referral.case.pupil,
            changes={"fields": sorted(changed)},
        )
    return referral


def referral_missing(referral: Referral) -> list[str]:
    """What the referral itself still lacks (the route's gate checks the escalation package and consent)."""
    if referral.crisis:
        return []
    labels = {
        "strengths": _("the pupil's strengths and chances"),
        "nature_and_severity": _("the nature and severity of the problems"),
    }
    return [labels[name] for name in REQUIRED_TEXTS if not getattr(referral, name).strip()]


def referral_submit(*, actor: Any, referral: Referral) -> Referral:
    """Submit: the case moves to the forum's step through the route's gate (escalate to the next step, or skip to
    it as a direct referral or a crisis), so every missing piece is refused with the route's own message."""
    if referral.status != ReferralStatus.DRAFT:
        raise DomainError(_("This referral was already submitted."))
    missing = referral_missing(referral)
    if missing:
        raise DomainError(
            _("The referral cannot be submitted yet. Missing: %(items)s.") % {"items": "; ".join(missing)}
        )
    with transaction.atomic():
        case = Case.objects.select_for_update().select_related("step", "pupil").get(pk=referral.case_id)
        if case.step.forum_kind != referral.forum_kind:
            target = case.template.steps.filter(forum_kind=referral.forum_kind).order_by("position").first()
            if target is None:
                raise DomainError(_("The case's route has no step with this forum."))
            if target.position == case.step.position + 1:
                case = case_transition(actor=actor, case=case, kind=TransitionKind.ESCALATE, reason="")
            elif target.position > case.step.position:
                case = case_transition(
                    actor=actor,
                    case=case,
                    kind=TransitionKind.SKIP,
                    target_position=target.position,
                    skip_reason=SkipReason.CRISIS if referral.crisis else SkipReason.DIRECT_REFERRAL,
                    reason=_("Referral to %(forum)s") % {"forum": referral.get_forum_kind_display()},
                )
            else:
                raise DomainError(_("The case is already past this forum's step; step back first."))
        referral.status = ReferralStatus.SUBMITTED
        referral.submitted_at, referral.submitted_by = now(), actor
        for name in ("help_question_school", "help_question_parents", "help_question_pupil", "school_limits"):
            if not getattr(referral, name).strip():
                setattr(referral, name, getattr(case, name))
        referral.save()
        timeline_add(
            case=case,
            kind=TimelineKind.TRANSITION,
            actor=actor,
            visibility=Visibility.PARENTS,
            ref_uuid=referral.uuid,
            title=lambda: (
                (_("Referred to %(forum)s (crisis)") if referral.crisis else _("Referred to %(forum)s"))
                % {"forum": referral.team.name}
            ),
        )
        audit.record(
            "referral.submitted",
            actor=actor,
            target=referral,
            case=case,
            pupil=case.pupil,
            changes={"forum": referral.forum_kind, "crisis": referral.crisis},
        )
    return referral


def referral_intake(*, actor: Any, referral: Referral, mode: str, notes: str = "") -> Referral:
    """The team's coordinator starts the intake: with school and parents together, separately, or none."""
    if referral.status != ReferralStatus.SUBMITTED:
        raise DomainError(_("Only a submitted referral can go into intake."))
    if mode not in IntakeMode.values:
        raise ValidationError(_("Choose how the intake takes place."), field="mode")
    with transaction.atomic():
        referral.status, referral.intake_mode = ReferralStatus.IN_INTAKE, mode
        referral.intake_notes = _text(notes, "notes")
        referral.save(update_fields=["status", "intake_mode", "intake_notes", "updated_at"])
        audit.record(
            "referral.intake",
            actor=actor,
            target=referral,
            case=referral.case,
            pupil=referral.case.pupil,
            changes={"intake_mode": mode},
        )
    return referral


def referral_answer(*, actor: Any, referral: Referral, answer: str) -> Referral:
    """Answer the referral directly (advice without a discussion): the school and parents read the answer."""
    if referral.status not in (ReferralStatus.SUBMITTED, ReferralStatus.IN_INTAKE):
        raise DomainError(_("This referral was already decided."))
    answer = _text(answer, "answer", required=True)
    with transaction.atomic():
        referral.status, referral.direct_answer = ReferralStatus.ANSWERED, answer
        referral.decided_at, referral.decided_by = now(), actor
        referral.save(update_fields=["status", "direct_answer", "decided_at", "decided_by", "updated_at"])
        timeline_add(
            case=referral.case,
            kind=TimelineKind.NOTE,
            actor=actor,
            visibility=Visibility.PARENTS,
            ref_uuid=referral.uuid,
            title=lambda: (
                _("%(team)s answered the referral without a discussion") % {"team": referral.team.name}
            ),
            body=answer,
        )
        audit.record(
            "referral.answered", actor=actor, target=referral, case=referral.case, pupil=referral.case.pupil
        )
    return referral
