from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgroute.organisations.constants import CareTeamKind

# The kwaliteitskader is written for zorgteams and ZATs; a group review is not a team that assesses itself.
ASSESSED_TEAM_KINDS = (CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM)
EARLIEST_YEAR = 2005  # the IKZ programme (2005-2008) the framework grew from; nothing to reflect on before it


class ItemKind(models.TextChoices):
    CHARACTERISTIC = "characteristic", _("Quality characteristic")
    FACTOR = "factor", _("Quality factor")


class Score(models.IntegerChoices):
    """How far the team finds a characteristic or factor realised: a mirror for the discussion, not a verdict.

    The source names no scale (its checklists were published separately); this is the simple four-step scale the
    issue asks for, from "not yet" to "fully", with "not applicable" kept apart (ItemScore.not_applicable).
    """

    NOT_YET = 1, _("Not yet")
    PARTLY = 2, _("Partly")
    LARGELY = 3, _("Largely")
    FULLY = 4, _("Fully")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("In progress")
    FINAL = "final", _("Finalised")
