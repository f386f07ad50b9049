"""Writes of the self-assessment: start a school year, record scores and notes, add a comment, finalise.

The caller got the team or assessment through `access` (fetch.access_careteam / access_self_assessment); these
functions check the domain rules only. Audit rows name the items (K1, F12) and the old and new scores, never the
notes or comments themselves.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.core.exceptions import ConflictError, DomainError, ValidationError
from zorgroute.core.time import current_school_year, now, school_year_label
from zorgroute.organisations.models import CareTeam
from zorgroute.quality.constants import ASSESSED_TEAM_KINDS, EARLIEST_YEAR, AssessmentStatus, Score
from zorgroute.quality.models import (
    NOTES_LIMIT,
    AssessmentComment,
    Framework,
    FrameworkItem,
    ItemScore,
    SelfAssessment,
)

COMMENT_LIMIT = 2000


@dataclass(frozen=True)
class Answer:
    """What the team settled on for one item: a score 1–4, "not applicable", or neither yet; and its notes."""

    score: int | None = None
    not_applicable: bool = False
    notes: str = ""


def _text(value: str, field: str, limit: int) -> str:
    value = (value or "").strip()
    if len(value) > limit:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": limit}, field=field)
    return value


def _open(assessment: SelfAssessment) -> None:
    if assessment.is_final:
        raise DomainError(_("This self-assessment is finalised and can no longer be changed."))


def framework_install_default(*, actor: Any = None) -> Framework:
    """The kwaliteitskader edition of quality/kwaliteitskader.py in the database (migration 0002 does this; this is
    for a database emptied since, such as a browser test's). Idempotent."""
    from zorgroute.quality import kwaliteitskader as edition

    with transaction.atomic():
        framework, created = Framework.objects.get_or_create(
            code=edition.CODE, defaults={"name": edition.NAME, "source": edition.SOURCE}
        )
        if created:
            FrameworkItem.objects.bulk_create(
                FrameworkItem(framework=framework, **row) for row in edition.items()
            )
            audit.record(
                "quality.framework_installed",
                actor=actor,
                actor_label="" if actor else "zorgroute",
                target=framework,
                changes={"code": edition.CODE, "items": len(edition.items())},
            )
    return framework


def current_framework() -> Framework:
    """The newest active framework: new self-assessments are held against it."""
    framework = Framework.objects.filter(is_active=True).order_by("-created_at").first()
    return framework or framework_install_default()


def assessment_start(*, actor: Any, team: CareTeam, year: int) -> SelfAssessment:
    """Open the self-assessment of `team` for the school year starting in `year` (this year or an earlier one)."""
    if team.kind not in ASSESSED_TEAM_KINDS:
        raise DomainError(_("Only a zorgteam or a ZAT assesses itself against the quality framework."))
    if not team.is_active:
        raise DomainError(_("This team is no longer active."))
    if not EARLIEST_YEAR <= year <= current_school_year():
        raise ValidationError(
            _("Choose a school year from %(first)s up to this one.")
            % {"first": school_year_label(EARLIEST_YEAR)},
            field="year",
        )
    framework = current_framework()
    try:
        with transaction.atomic():
            assessment = SelfAssessment.objects.create(
                team=team, framework=framework, year=year, started_by=actor
            )
            audit.record(
                "quality.assessment_started",
                actor=actor,
                target=assessment,
                changes={"team": str(team.uuid), "year": year, "framework": framework.code},
            )
    except IntegrityError:
        raise ConflictError(
            _("%(team)s already has a self-assessment for %(year)s.")
            % {"team": team.name, "year": school_year_label(year)},
            field="year",
        ) from None
    return assessment


def _clean(item: FrameworkItem, answer: Answer) -> Answer:
    if answer.score is not None and answer.score not in Score.values:
        raise ValidationError(_("Choose a score from 1 to 4."), field=f"score_{item.code}")
    if answer.not_applicable and answer.score is not None:
        raise ValidationError(
            _("Give a score or choose not applicable, not both."), field=f"score_{item.code}"
        )
    return Answer(answer.score, answer.not_applicable, _text(answer.notes, f"notes_{item.code}", NOTES_LIMIT))


def assessment_record(
    *,
    actor: Any,
    assessment: SelfAssessment,
    answers: Mapping[str, Answer],
    summary: str | None = None,
) -> list[str]:
    """Store the answers (keyed by item code: "K1", "F12") and the conclusions; returns what changed (item codes,
    and "summary").

    Items not in `answers` keep what they had. One audit row lists the changed scores (old → new) and which items'
    notes changed.
    """
    _open(assessment)
    items = {item.code: item for item in assessment.framework.items.all()}
    unknown = sorted(set(answers) - set(items))
    if unknown:
        raise ValidationError(_("Unknown item: %(code)s.") % {"code": unknown[0]})
    cleaned = {code: _clean(items[code], answer) for code, answer in answers.items()}
    new_summary = None if summary is None else _text(summary, "summary", NOTES_LIMIT)
    with transaction.atomic():
        locked = SelfAssessment.objects.select_for_update().get(pk=assessment.pk)
        _open(locked)
        existing = {s.item_id: s for s in ItemScore.objects.filter(assessment=locked)}
        score_changes: dict[str, list[Any]] = {}
        notes_changed: list[str] = []
        to_create: list[ItemScore] = []
        to_update: list[ItemScore] = []
        for code, answer in cleaned.items():
            item = items[code]
            row = existing.get(item.pk)
            old = row or ItemScore(assessment=locked, item=item)
            before = _shown(old)
            after = "n/a" if answer.not_applicable else answer.score
            if before == after and old.notes == answer.notes:
                continue
            if before != after:
                score_changes[code] = [before, after]
            if old.notes != answer.notes:
                notes_changed.append(code)
            old.score, old.not_applicable, old.notes = answer.score, answer.not_applicable, answer.notes
            (to_update if row else to_create).append(old)
        ItemScore.objects.bulk_create(to_create)
        ItemScore.objects.bulk_update(to_update, ["score", "not_applicable", "notes", "updated_at"])
        summary_changed = new_summary is not None and new_summary != locked.summary
        if summary_changed:
            locked.summary = new_summary or ""
            locked.save(update_fields=["summary", "updated_at"])
            assessment.summary = locked.summary
        changed = sorted({*score_changes, *notes_changed}, key=lambda c: items[c].position)
        if changed or summary_changed:
            audit.record(
                "quality.assessment_saved",
                actor=actor,
                target=locked,
                changes={
                    "scores": score_changes,
                    "notes_changed": sorted(notes_changed, key=lambda c: items[c].position),
                    "summary_changed": summary_changed,
                },
            )
    return [*changed, "summary"] if summary_changed else changed


def _shown(row: ItemScore) -> int | str | None:
    return "n/a" if row.not_applicable else row.score


def assessment_comment(
    *, actor: Any, assessment: SelfAssessment, text: str, item: FrameworkItem | None = None
) -> AssessmentComment:
    """A member's contribution to the discussion, on one item or on the whole (while the year is open)."""
    _open(assessment)
    text = _text(text, "text", COMMENT_LIMIT)
    if not text:
        raise ValidationError(_("Write a comment first."), field="text")
    if item is not None and item.framework_id != assessment.framework_id:
        raise ValidationError(_("Unknown item."), field="item")
    with transaction.atomic():
        comment = AssessmentComment.objects.create(assessment=assessment, item=item, author=actor, text=text)
        audit.record(
            "quality.comment_added",
            actor=actor,
            target=assessment,
            changes={"item": item.code if item else None},
        )
    return comment


def assessment_finalise(*, actor: Any, assessment: SelfAssessment) -> SelfAssessment:
    """Close the year: from now on the scores, notes and comments are read-only (a record for later years)."""
    _open(assessment)
    if not ItemScore.objects.filter(assessment=assessment).exists() and not assessment.summary:
        raise DomainError(_("Nothing has been filled in yet: score at least one item before finalising."))
    with transaction.atomic():
        updated = SelfAssessment.objects.filter(pk=assessment.pk, status=AssessmentStatus.DRAFT).update(
            status=AssessmentStatus.FINAL, finalised_at=now(), finalised_by=actor, updated_at=now()
        )
        if not updated:  # pragma: no cover - finalised by someone else between the check and the update
            raise DomainError(_("This self-assessment is finalised and can no longer be changed."))
        assessment.refresh_from_db()
        audit.record(
            "quality.assessment_finalised",
            actor=actor,
            target=assessment,
            changes={"status": [AssessmentStatus.DRAFT.value, AssessmentStatus.FINAL.value]},
        )
    return assessment
