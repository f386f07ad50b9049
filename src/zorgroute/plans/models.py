"""The intervention log, action plans with goals and versions, and evaluations (DOMAIN §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.models import Case
from zorgroute.core.models import BaseModel
from zorgroute.plans.constants import Effect, GoalResult, PlanKind, PlanStatus
from zorgroute.pupils.models import Guardian


class Intervention(BaseModel):
    """What was tried, by whom, over which period, with what effect."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interventions")
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("by")
    )
    description = models.TextField(_("what was tried"))
    started_on = models.DateField(_("from"))
    ended_on = models.DateField(_("until"), null=True, blank=True)
    effect = models.CharField(_("effect"), max_length=10, choices=Effect.choices, default=Effect.UNKNOWN)
    effect_notes = models.TextField(_("what was the result?"), blank=True)

    class Meta:
        ordering = ["-started_on", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="intervention_valid_period",
            ),
        ]

    def __str__(self) -> str:
        return f"Intervention {str(self.uuid)[:8]}"


class ActionPlan(BaseModel):
    """One version of a case's action plan (handelingsplan / OPP). A new version supersedes the previous one."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plans")
    kind = models.CharField(_("kind"), max_length=12, choices=PlanKind.choices, default=PlanKind.ACTION_PLAN)
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    needs = models.TextField(_("educational and care needs"))
    approach = models.TextField(_("approach"), blank=True)
    facilities = models.TextField(_("facilities"), blank=True)
    advice_school = models.TextField(_("advice for school"), blank=True)
    advice_home = models.TextField(_("advice for home"), blank=True)
    pupil_view = models.TextField(_("the pupil's own view"), blank=True)
    evaluation_date = models.DateField(_("evaluation date"))
    evaluation_method = models.CharField(_("evaluation method"), max_length=300, blank=True)
    parents_agreed_on = models.DateField(_("parents agreed on"), null=True, blank=True)
    parents_agreement_note = models.CharField(_("how the parents agreed"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    activated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["case", "version"], name="plan_unique_version"),
            models.UniqueConstraint(fields=["case"], condition=Q(status="active"), name="plan_one_active"),
        ]
        indexes = [models.Index(fields=["status", "evaluation_date"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class Goal(BaseModel):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="goals")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.TextField(_("goal"))
    measure = models.CharField(_("how we measure it"), max_length=300)

    class Meta:
        ordering = ["plan", "position"]

    def __str__(self) -> str:
        return self.description[:60]


class Evaluation(BaseModel):
    """An evaluation of a plan (PDCA): per goal achieved / partly / not, and the next step."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.PROTECT, related_name="evaluations")
    evaluated_on = models.DateField(_("evaluated on"))
    evaluated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    participants = models.CharField(_("who took part"), max_length=300, blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    next_evaluation_date = models.DateField(_("next evaluation"), null=True, blank=True)

    class Meta:
        ordering = ["-evaluated_on"]
        indexes = [models.Index(fields=["evaluated_on"], name="evaluation_on")]  # reports: goals evaluated


class GoalEvaluation(BaseModel):
    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="goal_results")
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="results")
    result = models.CharField(_("result"), max_length=12, choices=GoalResult.choices)
    next_step = models.TextField(_("next step"), blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["evaluation", "goal"], name="goal_evaluated_once")]


class PlanSignature(BaseModel):
    """A guardian's or the pupil's signature on one plan version, given in the portal: who, when, which version."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="signatures")
    guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="plan_signatures"
    )  # empty: the pupil signed
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signer_name = models.CharField(_("signed by"), max_length=200)  # the name as it was when signing
    signed_at = models.DateTimeField(_("signed at"))
    version = models.PositiveIntegerField(_("version"))  # the plan's version, kept with the signature

    class Meta:
        ordering = ["signed_at", "id"]
        verbose_name = _("plan signature")
        verbose_name_plural = _("plan signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "guardian"],
                condition=Q(guardian__isnull=False),
                name="plan_signed_once_by_guardian",
            ),
            models.UniqueConstraint(
                fields=["plan"], condition=Q(guardian__isnull=True), name="plan_signed_once_by_pupil"
            ),
        ]

    @property
    def is_pupil(self) -> bool:
        return self.guardian_id is None
