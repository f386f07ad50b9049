"""Consent records per case × forum × partner × purpose, with each party's answer (DOMAIN §6, issue 4).

What a set of records allows is decided by consents/rules.py (pure functions); consents/selectors.py maps these
rows onto the rules' facts.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.constants import Visibility
from zorgroute.cases.models import Case
from zorgroute.consents.constants import (
    ConsentAnswer,
    ConsentAskedOutcome,
    ConsentMode,
    ConsentPurpose,
    ConversationKind,
    Evidence,
    LeafletChannel,
)
from zorgroute.core.models import BaseModel
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import PartnerOrganisation, Region, School
from zorgroute.pupils.models import Guardian


def _scan_path(record: ConsentRecord, filename: str) -> str:
    """consent/<case>/<record>.<ext>: no names in paths; the extension comes from the checked content."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"consent/{record.case.uuid}/{record.uuid}.{extension}"


class ConsentRecord(BaseModel):
    """One consent (or objection window, anonymous agreement, or head's decision) for one forum of a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="consent_records")
    forum_kind = models.CharField(_("forum"), max_length=20, choices=CareTeamKind.choices)
    purpose = models.CharField(
        _("purpose"), max_length=12, choices=ConsentPurpose.choices, default=ConsentPurpose.DISCUSSION
    )
    mode = models.CharField(_("kind of consent"), max_length=10, choices=ConsentMode.choices)
    partners = models.ManyToManyField(
        PartnerOrganisation, blank=True, related_name="+", verbose_name=_("partners named")
    )
    scope = models.TextField(_("what may be shared"), blank=True)
    recorded_on = models.DateField(_("date"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    objection_until = models.DateField(_("objection possible until"), null=True, blank=True)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    evidence = models.CharField(_("evidence"), max_length=12, choices=Evidence.choices)
    evidence_note = models.CharField(_("where the evidence is"), max_length=200, blank=True)
    evidence_file = models.FileField(_("scan of the signed form"), upload_to=_scan_path, blank=True)
    motivation = models.TextField(_("motivation"), blank=True)  # the head's decision: why, what is discussed
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-recorded_on", "-id"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")
        indexes = [
            models.Index(fields=["case", "forum_kind"], name="consent_case_forum"),
            models.Index(fields=["recorded_on"], name="consent_recorded_on"),  # reports: the consent mix
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("recorded_on")),
                name="consent_valid_after_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(mode=ConsentMode.OVERRIDE) | ~Q(motivation=""),
                name="consent_override_motivated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_mode_display()} ({self.get_forum_kind_display()}, {self.recorded_on:%d-%m-%Y})"

    @property
    def is_override(self) -> bool:
        return self.mode == ConsentMode.OVERRIDE


class ConsentPartyAnswer(BaseModel):
    """What one party answered on a record: a guardian, or the pupil (guardian empty)."""

    record = models.ForeignKey(ConsentRecord, on_delete=models.CASCADE, related_name="answers")
    guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="consent_answers"
    )
    answer = models.CharField(_("answer"), max_length=10, choices=ConsentAnswer.choices)
    answered_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["answered_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["record", "guardian"],
                name="consent_answer_per_guardian",
                condition=Q(guardian__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["record"], name="consent_answer_of_pupil", condition=Q(guardian__isnull=True)
            ),
        ]

    @property
    def is_pupil(self) -> bool:
        return self.guardian_id is None


# --- Parent conversations and the parent leaflet (issue 4 item 5) --------------------------------------------------

# The levels a conversation's timeline line may have: parents may read it, or the care team only (never private).
CONVERSATION_VISIBILITY = [(v.value, v.label) for v in (Visibility.PARENTS, Visibility.CARE_TEAM)]


class ParentConversation(BaseModel):
    """A conversation with the parents around a forum: before the discussion (reason, consent, home situation, the
    parents' own questions), after it (outcomes and decisions), a ZAT intake, or another conversation.

    Which fields a kind needs is decided in consents/conversation_services.py; whether the route's touchpoints are
    met, in consents/touchpoints.py.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parent_conversations")
    kind = models.CharField(_("kind of conversation"), max_length=10, choices=ConversationKind.choices)
    forum_kind = models.CharField(_("forum"), max_length=20, choices=CareTeamKind.choices, blank=True)
    held_on = models.DateField(_("date of the conversation"))
    participants = models.TextField(_("who took part"))
    reason = models.TextField(_("reason for the discussion"), blank=True)
    consent_asked = models.BooleanField(_("consent for the discussion asked"), default=False)
    consent_outcome = models.CharField(
        _("what the parents said about consent"),
        max_length=12,
        choices=ConsentAskedOutcome.choices,
        blank=True,
    )
    home_situation = models.TextField(_("how the child is doing at home"), blank=True)
    parents_questions = models.TextField(_("the parents' own questions"), blank=True)
    outcomes = models.TextField(_("outcomes"), blank=True)
    decisions = models.TextField(_("decisions and agreements"), blank=True)
    parents_view = models.TextField(_("the parents' own view"), blank=True)
    visibility = models.CharField(
        _("visible to"), max_length=10, choices=CONVERSATION_VISIBILITY, default=Visibility.PARENTS
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("conversation with the parents")
        verbose_name_plural = _("conversations with the parents")
        indexes = [models.Index(fields=["case", "held_on"], name="conversation_case_day")]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_asked=True) | Q(consent_outcome=""), name="conversation_outcome_if_asked"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.held_on:%d-%m-%Y})"


class ParentLeaflet(BaseModel):
    """The parent leaflet of a region ("Samen zorgen voor uw kind"), or a school's own version of it.

    A school without its own version hands out the region's. Every change raises `version`; a hand-out keeps a copy
    of the text it gave (LeafletGiven), so later changes never rewrite what parents received.
    """

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="parent_leaflets")
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="parent_leaflets"
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("parent leaflet")
        verbose_name_plural = _("parent leaflets")
        constraints = [
            models.UniqueConstraint(
                fields=["region"], condition=Q(school__isnull=True), name="leaflet_one_per_region"
            ),
            models.UniqueConstraint(
                fields=["school"], condition=Q(school__isnull=False), name="leaflet_one_per_school"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class LeafletGiven(BaseModel):
    """The parent leaflet given to a guardian (or the pupil: guardian empty) on a case, with a copy of its text."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="leaflets_given")
    leaflet = models.ForeignKey(
        ParentLeaflet, on_delete=models.SET_NULL, null=True, blank=True, related_name="given"
    )
    version = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text given"))
    guardian = models.ForeignKey(
        Guardian, on_delete=models.PROTECT, null=True, blank=True, related_name="leaflets_received"
    )
    given_on = models.DateField(_("given on"))
    channel = models.CharField(_("how"), max_length=10, choices=LeafletChannel.choices)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("parent leaflet given")
        verbose_name_plural = _("parent leaflets given")

    @property
    def is_pupil(self) -> bool:
        return self.guardian_id is None
