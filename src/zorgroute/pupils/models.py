"""Pupils, their guardians with authority (gezag), and enrolments (DOMAIN §5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.core.models import BaseModel
from zorgroute.organisations.models import Group, School
from zorgroute.pupils.constants import Authority, Gender, PupilInforming, Relationship
from zorgroute.pupils.validators import validate_bsn, validate_onderwijsnummer


class Pupil(BaseModel):
    first_name = models.CharField(_("first name"), max_length=100)
    name_prefix = models.CharField(
        _("prefix"), max_length=20, blank=True, help_text=_("E.g. van, de, van der.")
    )
    last_name = models.CharField(_("last name"), max_length=100)
    date_of_birth = models.DateField(_("date of birth"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices, default=Gender.OTHER)
    bsn = models.CharField(
        _("BSN"), max_length=9, null=True, blank=True, unique=True, validators=[validate_bsn]
    )
    education_number = models.CharField(
        _("education number"),
        max_length=9,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_onderwijsnummer],
    )
    eck_id = models.CharField(_("ECK iD"), max_length=255, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pupil_profile",
        verbose_name=_("login"),
    )
    # Denormalised from the current enrolment so that lists and search need no subqueries.
    current_school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="current_pupils"
    )
    current_group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="current_pupils"
    )
    search_name = models.CharField(max_length=250, editable=False, db_index=True)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("pupil")
        verbose_name_plural = _("pupils")
        constraints = [
            models.CheckConstraint(
                condition=Q(bsn__isnull=False) | Q(education_number__isnull=False),
                name="pupil_has_identifier",
            ),
        ]
        indexes = [models.Index(fields=["current_school", "last_name"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.name_prefix, self.last_name) if part)

    @staticmethod
    def make_search_name(first_name: str, name_prefix: str, last_name: str) -> str:
        """Lower-case 'first prefix last' for case-insensitive search on both SQLite and PostgreSQL."""
        return " ".join(part for part in (first_name, name_prefix, last_name) if part).lower()

    @property
    def sort_name(self) -> str:
        prefix = f" {self.name_prefix}" if self.name_prefix else ""
        return f"{self.last_name}, {self.first_name}{prefix}"


class Enrolment(BaseModel):
    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="enrolments")
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("school")
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="enrolments",
        verbose_name=_("group"),
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="enrolment_valid_period",
            ),
        ]
        indexes = [models.Index(fields=["school", "end_date"]), models.Index(fields=["group", "end_date"])]


class Guardian(BaseModel):
    """A parent or carer (a person or a guardian institution's worker)."""

    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    name_prefix = models.CharField(_("prefix"), max_length=20, blank=True)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    institution = models.CharField(
        _("guardian institution"),
        max_length=200,
        blank=True,
        help_text=_("Filled when this guardian acts for a certified institution."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="guardian_profile",
        verbose_name=_("login"),
    )

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.name_prefix, self.last_name) if part)


class PupilGuardian(BaseModel):
    """The link between a child and a guardian, with that guardian's authority over this child."""

    pupil = models.ForeignKey(Pupil, on_delete=models.CASCADE, related_name="guardian_links")
    guardian = models.ForeignKey(Guardian, on_delete=models.CASCADE, related_name="pupil_links")
    relationship = models.CharField(_("relationship"), max_length=10, choices=Relationship.choices)
    authority = models.CharField(_("authority"), max_length=12, choices=Authority.choices)
    supervision_order = models.BooleanField(
        _("supervision order (OTS)"),
        default=False,
        help_text=_("The child is under a family supervision order (ondertoezichtstelling)."),
    )
    court_information_arrangement = models.BooleanField(
        _("court information arrangement"),
        default=False,
        help_text=_("A court decision regulates what information this parent receives."),
    )
    withhold_information = models.BooleanField(
        _("withhold information in the child's interest"),
        default=False,
        help_text=_("Information is not given to this parent because it is not in the child's interest."),
    )
    lives_with_child = models.BooleanField(_("child lives here"), default=True)
    # The pupil's own say (16+): recorded by the pupil in the portal or by the care coordinator; access/ reads it.
    pupil_informing = models.CharField(
        _("the pupil's choice about informing this parent"),
        max_length=10,
        choices=PupilInforming.choices,
        default=PupilInforming.NOT_STATED,
        blank=True,
    )

    class Meta:
        verbose_name = _("pupil-guardian link")
        verbose_name_plural = _("pupil-guardian links")
        constraints = [models.UniqueConstraint(fields=["pupil", "guardian"], name="pupilguardian_unique")]
