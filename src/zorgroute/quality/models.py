"""The quality-framework self-assessment (DOMAIN §9, issue 6 point 7): a zorgteam or ZAT scores, once a school year,
how far it realises each characteristic and factor of the kwaliteitskader, with notes from its discussion.

The framework itself is configuration data (Framework, FrameworkItem), seeded from quality/kwaliteitskader.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.core.models import BaseModel
from zorgroute.core.time import school_year_label
from zorgroute.organisations.models import CareTeam
from zorgroute.quality.constants import AssessmentStatus, ItemKind, Score

NOTES_LIMIT = 4000


class Framework(BaseModel):
    """One published edition of a quality framework. New assessments use the newest active one."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    source = models.TextField(_("source"))
    is_active = models.BooleanField(_("offered for new self-assessments"), default=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("quality framework")
        verbose_name_plural = _("quality frameworks")

    def __str__(self) -> str:
        return self.name


class FrameworkItem(BaseModel):
    """A characteristic (kenmerk) or factor of a framework, verbatim from its source."""

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    group = models.CharField(_("group"), max_length=200)
    subgroup = models.CharField(_("sub-heading"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    source_ref = models.CharField(_("where in the source"), max_length=80, blank=True)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["framework", "position"]
        verbose_name = _("framework item")
        verbose_name_plural = _("framework items")
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "kind", "number"], name="quality_item_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def code(self) -> str:
        """K1–K8 for the characteristics (kenmerken), F1–F36 for the factors: stable labels for tables and audit."""
        return f"{'K' if self.kind == ItemKind.CHARACTERISTIC else 'F'}{self.number}"

    @property
    def label(self) -> str:
        return self.short_name or self.code


class SelfAssessment(BaseModel):
    """A team's reflection on the framework for one school year. Finalised, it no longer changes."""

    team = models.ForeignKey(
        CareTeam, on_delete=models.PROTECT, related_name="self_assessments", verbose_name=_("team")
    )
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="assessments")
    year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("The year the school year starts in.")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    summary = models.TextField(_("conclusions and points for improvement"), blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("started by")
    )
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("finalised by"),
    )

    class Meta:
        ordering = ["team", "-year"]
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        constraints = [
            models.UniqueConstraint(fields=["team", "year"], name="quality_one_assessment_per_team_year"),
            models.CheckConstraint(
                condition=Q(status=AssessmentStatus.DRAFT, finalised_at__isnull=True)
                | Q(status=AssessmentStatus.FINAL, finalised_at__isnull=False),
                name="quality_final_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} {self.year_label}"

    @property
    def year_label(self) -> str:
        return school_year_label(self.year)

    @property
    def is_final(self) -> bool:
        return self.status == AssessmentStatus.FINAL


class ItemScore(BaseModel):
    """The team's score on one item, or "not applicable", with the notes of its discussion."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="scores")
    item = models.ForeignKey(FrameworkItem, on_delete=models.PROTECT, related_name="scores")
    score = models.PositiveSmallIntegerField(_("score"), choices=Score.choices, null=True, blank=True)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    notes = models.TextField(_("discussion notes"), blank=True)

    class Meta:
        ordering = ["assessment", "item__position"]
        verbose_name = _("item score")
        verbose_name_plural = _("item scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "item"], name="quality_one_score_per_item"),
            models.CheckConstraint(
                condition=Q(not_applicable=False) | Q(score__isnull=True),
                name="quality_not_applicable_has_no_score",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=4), name="quality_score_in_scale"
            ),
        ]


class AssessmentComment(BaseModel):
    """A team member's contribution to the discussion, on one item or on the whole, while it is in progress."""

    assessment = models.ForeignKey(SelfAssessment, on_delete=models.CASCADE, related_name="comments")
    item = models.ForeignKey(
        FrameworkItem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("item"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["assessment", "created_at"]
        verbose_name = _("comment on a self-assessment")
        verbose_name_plural = _("comments on a self-assessment")
