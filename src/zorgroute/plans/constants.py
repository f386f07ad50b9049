from django.db import models
from django.utils.translation import gettext_lazy as _


class Effect(models.TextChoices):
    HELPED = "helped", _("Helped")
    PARTLY = "partly", _("Helped partly")
    NOT = "not", _("Did not help")
    UNKNOWN = "unknown", _("Too early to say")


class PlanKind(models.TextChoices):
    ACTION_PLAN = "action_plan", _("Action plan (handelingsplan)")
    OPP = "opp", _("Development perspective plan (OPP)")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ACTIVE = "active", _("Current")
    SUPERSEDED = "superseded", _("Replaced by a newer version")


class GoalResult(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")


# What parents and the pupil see of a plan version in the portal (decision 0007), in this order, with the goals and
# how each is measured, the evaluation date and method, and the evaluations' results and next steps. Not shown:
# the facilities and the advice for school (the school's working instructions, which may name arrangements and
# budgets with partners), who drew it up, the participants of evaluations and staff's note on how the parents agreed.
PARENT_VISIBLE_PLAN_FIELDS = ("needs", "approach", "advice_home", "pupil_view")
