"""Signals, cases, route templates (as data) and the case timeline (DOMAIN §4, §5)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.constants import (
    CaseStatus,
    ClosureReason,
    DomainCategory,
    ReviewOutcome,
    Severity,
    SignalSource,
    SignalStatus,
    SkipReason,
    StepOwner,
    TimelineKind,
    TransitionKind,
    Visibility,
)
from zorgroute.core.models import BaseModel
from zorgroute.organisations.constants import CareTeamKind, SchoolType
from zorgroute.organisations.models import Group, Region, School
from zorgroute.pupils.models import Pupil


class ProblemDomain(BaseModel):
    """A problem domain of the region's taxonomy (learning, behaviour, divorce, poverty, ...)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="problem_domains")
    category = models.CharField(_("area"), max_length=10, choices=DomainCategory.choices)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["category", "position", "name"]
        verbose_name = _("problem domain")
        verbose_name_plural = _("problem domains")
        constraints = [
            models.UniqueConstraint(fields=["region", "category", "name"], name="domain_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class RouteTemplate(BaseModel):
    """One version of a care route. A region's template, or a school's override of one.

    Versions of the same route share `family`. A case keeps the version it started with; published versions are
    never edited (a change publishes a new version).
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="route_templates")
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="route_overrides",
        help_text=_("Set for a school's own override."),
    )
    school_type = models.CharField(_("school type"), max_length=2, choices=SchoolType.choices)
    name = models.CharField(_("name"), max_length=120)
    family = models.UUIDField(default=uuid.uuid4, db_index=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_current = models.BooleanField(_("current version"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["region", "school_type", "name", "-version"]
        verbose_name = _("route template")
        verbose_name_plural = _("route templates")
        constraints = [
            models.UniqueConstraint(fields=["family", "version"], name="route_unique_version"),
            models.UniqueConstraint(
                fields=["family"], condition=Q(is_current=True), name="route_one_current"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"


class RouteStep(BaseModel):
    template = models.ForeignKey(RouteTemplate, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(_("position"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120)
    owner = models.CharField(_("owner"), max_length=20, choices=StepOwner.choices)
    forum_kind = models.CharField(_("forum"), max_length=20, choices=CareTeamKind.choices, blank=True)
    required_records = models.JSONField(_("required records"), default=list, blank=True)
    action_plan_required = models.BooleanField(_("action plan mandatory"), default=False)
    evaluation_weeks = models.PositiveSmallIntegerField(_("evaluation interval (weeks)"), default=6)
    min_interventions = models.PositiveSmallIntegerField(
        _("minimum interventions before escalation"), default=0
    )
    allowed_outcomes = models.JSONField(_("allowed outcomes"), default=list, blank=True)
    norm_days = models.PositiveSmallIntegerField(_("norm (days in step)"), default=56)

    class Meta:
        ordering = ["template", "position"]
        verbose_name = _("route step")
        verbose_name_plural = _("route steps")
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="step_unique_position"),
            models.UniqueConstraint(fields=["template", "code"], name="step_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"


class SchoolRouteChoice(BaseModel):
    """Which region route family a school follows (a PO school may choose the VO route, and back)."""

    school = models.OneToOneField(School, on_delete=models.CASCADE, related_name="route_choice")
    family = models.UUIDField()


class Case(BaseModel):
    """A pupil's care route (zorgtraject)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="cases")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="cases")
    template = models.ForeignKey(RouteTemplate, on_delete=models.PROTECT, related_name="cases")
    step = models.ForeignKey(RouteStep, on_delete=models.PROTECT, related_name="cases")
    status = models.CharField(_("status"), max_length=10, choices=CaseStatus.choices, default=CaseStatus.OPEN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("case owner"),
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_cases",
        verbose_name=_("case coordinator"),
    )
    opened_at = models.DateTimeField(_("opened"))
    step_entered_at = models.DateTimeField(_("in this step since"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=20, choices=ClosureReason.choices, blank=True
    )
    closure_provisional = models.BooleanField(_("provisionally closed"), default=False)
    # The escalation package (DOMAIN §4): kept current on the case, copied into each transition's snapshot.
    help_question_school = models.TextField(_("help question of the school"), blank=True)
    help_question_parents = models.TextField(_("help question of the parents"), blank=True)
    help_question_pupil = models.TextField(_("help question of the pupil"), blank=True)
    school_limits = models.TextField(_("the school's possibilities and limits"), blank=True)

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=CaseStatus.OPEN, closed_at__isnull=True)
                | Q(status=CaseStatus.CLOSED, closed_at__isnull=False),
                name="case_closed_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["school", "status", "step"]),
            models.Index(fields=["pupil", "status"]),
            models.Index(fields=["owner", "status"]),
            models.Index(fields=["school", "closed_at"], name="case_school_closed"),  # reports: closures
        ]

    def __str__(self) -> str:
        return f"Case {str(self.uuid)[:8]}"


class Signal(BaseModel):
    """A concern a teacher (or another source) records about a pupil (signalering)."""

    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="signals")
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="signals")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signals"
    )
    observed_on = models.DateField(_("observed on"))
    observed_behaviour = models.TextField(_("what did you observe?"))
    domains = models.ManyToManyField(ProblemDomain, related_name="signals", verbose_name=_("problem domains"))
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    source = models.CharField(
        _("source"), max_length=20, choices=SignalSource.choices, default=SignalSource.TEACHER
    )
    status = models.CharField(
        _("status"), max_length=20, choices=SignalStatus.choices, default=SignalStatus.NEW
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, null=True, blank=True, related_name="signals")
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    triaged_at = models.DateTimeField(null=True, blank=True)
    triage_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        ordering = ["-observed_on", "-created_at"]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        indexes = [
            models.Index(fields=["school", "status"]),
            models.Index(fields=["reported_by", "status"]),
            models.Index(fields=["school", "observed_on"], name="signal_school_observed"),  # reports: signals
        ]

    def __str__(self) -> str:
        return f"Signal {str(self.uuid)[:8]}"


class CaseTransition(BaseModel):
    """A move of a case through its route: opened, escalated, stepped back, skipped, closed, reopened."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    kind = models.CharField(max_length=12, choices=TransitionKind.choices)
    from_step = models.ForeignKey(
        RouteStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_step = models.ForeignKey(RouteStep, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    skip_reason = models.CharField(max_length=20, choices=SkipReason.choices, blank=True)
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at"]


class TimelineEvent(BaseModel):
    """One line of the case's chronology. Written by the services that change a case, read in one query.

    `title` is a short generated description; `body` holds the text a person wrote (notes). Every event has a
    visibility level; access.visible_timeline(user, case) decides who sees which.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(_("kind"), max_length=20, choices=TimelineKind.choices)
    occurred_at = models.DateTimeField(_("time"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_name = models.CharField(max_length=200, blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=Visibility.choices, default=Visibility.CARE_TEAM
    )
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"), blank=True)
    ref_uuid = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["case", "occurred_at"]), models.Index(fields=["case", "kind"])]

    def __str__(self) -> str:
        return self.title


# --- Group review (groepsbespreking) ------------------------------------------------------------------------------


class GroupReview(BaseModel):
    """One group review: the teacher and the care coordinator go through the group (≥ 3 times per school year)."""

    group = models.ForeignKey(
        Group, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("group")
    )
    held_on = models.DateField(_("held on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    notes = models.TextField(_("notes on the group"), blank=True)

    class Meta:
        ordering = ["-held_on", "-created_at"]
        verbose_name = _("group review")
        verbose_name_plural = _("group reviews")
        constraints = [models.UniqueConstraint(fields=["group", "held_on"], name="review_one_per_day")]

    def __str__(self) -> str:
        return f"Group review {self.held_on:%Y-%m-%d}"


class GroupReviewOutcome(BaseModel):
    """What the group review decided for one pupil."""

    review = models.ForeignKey(GroupReview, on_delete=models.CASCADE, related_name="outcomes")
    pupil = models.ForeignKey(Pupil, on_delete=models.PROTECT, related_name="review_outcomes")
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReviewOutcome.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["review", "pupil__last_name", "pupil__first_name"]
        verbose_name = _("group review outcome")
        verbose_name_plural = _("group review outcomes")
        constraints = [models.UniqueConstraint(fields=["review", "pupil"], name="review_outcome_once")]
        indexes = [models.Index(fields=["pupil", "review"])]
