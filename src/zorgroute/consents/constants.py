"""Choices of the consent records. The values are those of consents/rules.py, so rows map onto the rules' facts."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgroute.consents import rules


class ConsentMode(models.TextChoices):
    WRITTEN = rules.Mode.WRITTEN.value, _("Written consent naming the partners")
    ASSENT = rules.Mode.ASSENT.value, _("Assent: informed in writing, may object")
    ANONYMOUS = rules.Mode.ANONYMOUS.value, _("Anonymous discussion")
    OVERRIDE = rules.Mode.OVERRIDE.value, _("By name without consent (school head's decision)")


class ConsentAnswer(models.TextChoices):
    GIVEN = rules.Answer.GIVEN.value, _("Gives consent")
    REFUSED = rules.Answer.REFUSED.value, _("Refuses")
    WITHDRAWN = rules.Answer.WITHDRAWN.value, _("Withdrew consent")


class ConsentPurpose(models.TextChoices):
    DISCUSSION = rules.Purpose.DISCUSSION.value, _("Discussion in the forum")
    TREATMENT = rules.Purpose.TREATMENT.value, _("Referral to help or treatment")


class Evidence(models.TextChoices):
    PORTAL = "portal", _("Signed in the parent portal")
    PAPER = "paper", _("Signed paper form, kept in the pupil's file")
    CONVERSATION = "conversation", _("Given in a conversation, recorded by staff")
    LETTER = "letter", _("Information letter sent (assent)")
    DECISION = "decision", _("Decision of the school head")


class VerdictLabel(models.TextChoices):
    BY_NAME = rules.Verdict.BY_NAME.value, _("By name")
    OUTSIDE_INFO = rules.Verdict.OUTSIDE_INFO.value, _("By name; partners share outside information only")
    ANONYMOUS = rules.Verdict.ANONYMOUS.value, _("Anonymous only")
    NOT_ALLOWED = rules.Verdict.NOT_ALLOWED.value, _("Not allowed")


# --- Parent conversations and the parent leaflet (issue 4 item 5) --------------------------------------------------


class ConversationKind(models.TextChoices):
    """The parent touchpoints around a forum (DOMAIN §6; seed-notes-003 §1.2, seed-notes-001 §4.1 R5-R6)."""

    BEFORE = "before", _("Before the discussion in the forum")
    AFTER = "after", _("After the discussion in the forum")
    INTAKE = "intake", _("Intake or screening conversation (ZAT)")
    OTHER = "other", _("Other conversation with the parents")


class ConsentAskedOutcome(models.TextChoices):
    """What the parents said when consent for the discussion was asked in the conversation."""

    GIVEN = "given", _("The parents give consent")
    ANONYMOUS = "anonymous", _("The parents agree to an anonymous discussion only")
    CONSIDERING = "considering", _("The parents want time to think it over")
    REFUSED = "refused", _("The parents refuse")


class LeafletChannel(models.TextChoices):
    PAPER = "paper", _("On paper")
    EMAIL = "email", _("By e-mail")
    PORTAL = "portal", _("In the parent portal")
