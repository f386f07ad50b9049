"""Organisations: configuration data a functional administrator maintains (DOMAIN §2)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.core.models import BaseModel
from zorgroute.core.time import school_year_label
from zorgroute.organisations.constants import (
    CareTeamKind,
    GroupTeacherRole,
    SchoolType,
    StaffRoleKind,
    TeamRole,
)
from zorgroute.organisations.validators import validate_brin


class Region(BaseModel):
    """Samenwerkingsverband passend onderwijs: owns the ZAT, route templates, partner catalogue and reporting."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.CharField(
        _("code"), max_length=20, blank=True, help_text=_("E.g. the SWV number, PO 26-01.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name


class SchoolBoard(BaseModel):
    """Schoolbestuur (bevoegd gezag): the legal controller of the pupil data."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    competent_authority_number = models.CharField(
        _("competent authority number"),
        max_length=10,
        blank=True,
        validators=[RegexValidator(r"^\d{5}$", _("Enter the 5-digit number of the competent authority."))],
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("school board")
        verbose_name_plural = _("school boards")

    def __str__(self) -> str:
        return self.name


class School(BaseModel):
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="schools", verbose_name=_("region")
    )
    board = models.ForeignKey(
        SchoolBoard, on_delete=models.PROTECT, related_name="schools", verbose_name=_("school board")
    )
    name = models.CharField(_("name"), max_length=200)
    brin = models.CharField(_("BRIN"), max_length=4, validators=[validate_brin])
    location_code = models.CharField(
        _("location code"),
        max_length=2,
        default="00",
        validators=[RegexValidator(r"^\d{2}$", _("Enter a two-digit location code."))],
    )
    school_type = models.CharField(_("school type"), max_length=2, choices=SchoolType.choices)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=7, blank=True)
    city = models.CharField(_("city"), max_length=100)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("schools")
        constraints = [
            models.UniqueConstraint(fields=["brin", "location_code"], name="school_unique_brin_location"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def brin_location(self) -> str:
        return f"{self.brin}{self.location_code}"


class Group(BaseModel):
    """A group (PO) or class (VO) in one school year."""

    school = models.ForeignKey(
        School, on_delete=models.PROTECT, related_name="groups", verbose_name=_("school")
    )
    school_year = models.PositiveSmallIntegerField(
        _("school year"), help_text=_("Starting year: 2026 = 2026-2027.")
    )
    name = models.CharField(_("name"), max_length=50)
    grade = models.PositiveSmallIntegerField(_("grade / year"), null=True, blank=True)
    teachers: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="GroupTeacher", related_name="taught_groups"
    )

    class Meta:
        ordering = ["school_year", "name"]
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year", "name"], name="group_unique_name_per_year"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({school_year_label(self.school_year)})"


class GroupTeacher(BaseModel):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="teacher_links")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_links")
    role = models.CharField(
        _("role"), max_length=10, choices=GroupTeacherRole.choices, default=GroupTeacherRole.TEACHER
    )

    class Meta:
        verbose_name = _("group teacher")
        verbose_name_plural = _("group teachers")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="groupteacher_unique")]


class PartnerType(BaseModel):
    """Kind of partner (JGZ, school social work, leerplicht, ...): data, because names change with law."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="partner_types")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner type")
        verbose_name_plural = _("partner types")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="partnertype_unique_name")]

    def __str__(self) -> str:
        return self.name


class PartnerOrganisation(BaseModel):
    """An entry of the sociale kaart."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="partners", verbose_name=_("region")
    )
    partner_type = models.ForeignKey(
        PartnerType, on_delete=models.PROTECT, related_name="partners", verbose_name=_("type")
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    street_address = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_("The statutory task under which this partner processes data."),
    )
    professional_secrecy = models.BooleanField(_("bound by professional secrecy"), default=False)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        constraints = [models.UniqueConstraint(fields=["region", "name"], name="partner_unique_name")]

    def __str__(self) -> str:
        return self.name


class CareTeam(BaseModel):
    """A forum: group review, a school's zorgteam, or a regional ZAT."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="care_teams", verbose_name=_("region")
    )
    school = models.ForeignKey(
        School,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="care_teams",
        verbose_name=_("school"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CareTeamKind.choices)
    name = models.CharField(_("name"), max_length=200)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("care team")
        verbose_name_plural = _("care teams")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=CareTeamKind.REGIONAL_TEAM, school__isnull=True)
                | (~Q(kind=CareTeamKind.REGIONAL_TEAM) & Q(school__isnull=False)),
                name="careteam_school_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(BaseModel):
    """Who sits in a care team, in which role, for which period."""

    team = models.ForeignKey(
        CareTeam, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("person"),
    )
    partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("on behalf of"),
    )
    role = models.CharField(
        _("role in the team"), max_length=20, choices=TeamRole.choices, default=TeamRole.MEMBER
    )
    function = models.CharField(
        _("function"), max_length=120, blank=True, help_text=_("E.g. youth doctor, school social worker.")
    )
    is_fixed = models.BooleanField(_("fixed member"), default=True, help_text=_("Unchecked: joins on call."))
    substitute = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="substitute_for",
        verbose_name=_("substitute"),
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ["team", "role", "user__last_name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_period",
            ),
            models.CheckConstraint(
                condition=~Q(substitute=models.F("user")), name="membership_substitute_not_self"
            ),
        ]
        indexes = [models.Index(fields=["user", "valid_from", "valid_to"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"


class StaffRole(BaseModel):
    """A role a person holds in a school, a region or a partner organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="staff_roles",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=30, choices=StaffRoleKind.choices)
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="staff_roles"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="staff_roles"
    )
    partner = models.ForeignKey(
        PartnerOrganisation, on_delete=models.PROTECT, null=True, blank=True, related_name="staff_roles"
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("staff role")
        verbose_name_plural = _("staff roles")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        role__in=["teacher", "care_coordinator", "school_head"],
                        school__isnull=False,
                        region__isnull=True,
                        partner__isnull=True,
                    )
                    | Q(
                        role__in=["functional_admin", "policy_analyst", "privacy_officer"],
                        school__isnull=True,
                        region__isnull=False,
                        partner__isnull=True,
                    )
                    | Q(role="partner_staff", school__isnull=True, region__isnull=True, partner__isnull=False)
                    | Q(role="system_admin", school__isnull=True, region__isnull=True, partner__isnull=True)
                ),
                name="staffrole_scope_matches_role",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="staffrole_valid_period",
            ),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        scope = self.school or self.region or self.partner or ""
        return f"{self.get_role_display()} – {scope}"
