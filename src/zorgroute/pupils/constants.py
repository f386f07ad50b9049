from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    FEMALE = "f", _("Girl")
    MALE = "m", _("Boy")
    OTHER = "x", _("Other / unknown")


class Authority(models.TextChoices):
    """Gezag of a guardian over this child."""

    JOINT = "joint", _("Joint authority")
    SOLE = "sole", _("Sole authority")
    GUARDIAN_INSTITUTION = "institution", _("Guardian institution (voogdij)")
    NONE = "none", _("No authority")


class Relationship(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    PARENT = "parent", _("Parent")
    FOSTER_PARENT = "foster", _("Foster parent")
    GUARDIAN = "guardian", _("Guardian (institution)")
    OTHER = "other", _("Other")


class PupilInforming(models.TextChoices):
    """What a pupil of 16+ said about informing this parent (DOMAIN §6; consents.rules.inform_guardian).

    16–17: a refusal means the parent is not informed. 18+: a parent is informed only when the pupil agreed.
    """

    NOT_STATED = "", _("Not stated")
    REFUSED = "refused", _("The pupil does not want this parent to be informed")
    AGREED = "agreed", _("The pupil agrees that this parent is informed")
