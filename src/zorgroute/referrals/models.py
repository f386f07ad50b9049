"""External referrals (DOMAIN §5): a case referred to help outside the school, and the partner's back-reports.

The kinds of care are configuration data per region (`CareKind`), like partner types and problem domains. A referral
names the partner organisation that receives it; that partner's staff enter the back-reports, which are kept as a
history (never overwritten): the referral's status follows the latest one.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.models import Case
from zorgroute.core.models import BaseModel
from zorgroute.core.time import today
from zorgroute.organisations.models import PartnerOrganisation, Region
from zorgroute.referrals.constants import (
    DEFAULT_BACK_REPORT_WEEKS,
    BackReportKind,
    BackReportResult,
    ExternalReferralStatus,
)


class CareKind(BaseModel):
    """A kind of help outside the school (youth care, youth mental health, special education, ...) in one region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="care_kinds")
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    needs_indication = models.BooleanField(
        _("needs an indication"),
        default=False,
        help_text=_("The help needs an indication or decision first, e.g. a youth-care decision or a TLV."),
    )
    back_report_weeks = models.PositiveSmallIntegerField(
        _("first back-report expected within (weeks)"),
        default=DEFAULT_BACK_REPORT_WEEKS,
        help_text=_("After this many weeks without a back-report, the referral shows as overdue."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("kind of care")
        verbose_name_plural = _("kinds of care")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="carekind_unique_name"),
            models.CheckConstraint(condition=Q(back_report_weeks__gte=1), name="carekind_weeks_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class ExternalReferral(BaseModel):
    """The case referred to a partner organisation for a kind of care (verwijzing), with the question it answers."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="external_referrals")
    partner = models.ForeignKey(
        PartnerOrganisation,
        on_delete=models.PROTECT,
        related_name="external_referrals",
        verbose_name=_("partner organisation"),
    )
    care_kind = models.ForeignKey(
        CareKind, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("kind of care")
    )
    question = models.TextField(_("question and reason"))
    referred_on = models.DateField(_("referred on"))
    referred_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    family_agreed = models.BooleanField(_("the family agreed"), default=False)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_external_referrals",
        verbose_name=_("worker at the partner"),
    )
    discussion = models.ForeignKey(
        "meetings.CaseDiscussion",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="external_referrals",
        verbose_name=_("decided in the discussion of"),
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=ExternalReferralStatus.choices,
        default=ExternalReferralStatus.REFERRED,
    )
    # The first back-report is expected by this date (referred_on + the care kind's weeks, fixed when referred).
    back_report_due_on = models.DateField(_("first back-report expected by"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("why it was withdrawn"), blank=True)

    class Meta:
        ordering = ["-referred_on", "-created_at"]
        verbose_name = _("external referral")
        verbose_name_plural = _("external referrals")
        indexes = [
            models.Index(fields=["partner", "status"], name="extref_partner_status"),
            models.Index(fields=["case", "referred_on"], name="extref_case_referred"),
            models.Index(fields=["status", "back_report_due_on"], name="extref_status_due"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(back_report_due_on__gte=models.F("referred_on")), name="extref_due_after_referral"
            ),
            models.CheckConstraint(
                condition=Q(status=ExternalReferralStatus.WITHDRAWN, withdrawn_at__isnull=False)
                | (~Q(status=ExternalReferralStatus.WITHDRAWN) & Q(withdrawn_at__isnull=True)),
                name="extref_withdrawn_when_withdrawn",
            ),
        ]

    def __str__(self) -> str:
        # No personal data: this label lands in the audit log.
        return f"{_('External referral')} {self.referred_on:%d-%m-%Y}"

    @property
    def is_closed(self) -> bool:
        return self.status in (ExternalReferralStatus.ENDED, ExternalReferralStatus.WITHDRAWN)

    @property
    def back_report_overdue(self) -> bool:
        """No back-report yet and the agreed term has passed (selectors.overdue_q says the same in the database)."""
        return self.status == ExternalReferralStatus.REFERRED and self.back_report_due_on < today()


class BackReport(BaseModel):
    """One structured back-report of the partner (terugkoppeling), dated and kept: a later one adds, never replaces.

    `date` is the date the report is about: the expected start (waiting list), the start of the help (started), the
    end (ended); a result needs none.
    """

    referral = models.ForeignKey(ExternalReferral, on_delete=models.CASCADE, related_name="back_reports")
    kind = models.CharField(_("back-report"), max_length=15, choices=BackReportKind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=15, choices=BackReportResult.choices, blank=True)
    text = models.TextField(_("explanation"), blank=True)
    reported_at = models.DateTimeField(_("reported"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["referral", "reported_at", "pk"]
        verbose_name = _("back-report")
        verbose_name_plural = _("back-reports")
        indexes = [models.Index(fields=["referral", "kind", "date"], name="backreport_referral_kind")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=BackReportKind.RESULT) | Q(date__isnull=False), name="backreport_date_given"
            ),
            models.CheckConstraint(
                condition=(Q(kind=BackReportKind.RESULT) & ~Q(result=""))
                | (~Q(kind=BackReportKind.RESULT) & Q(result="")),
                name="backreport_result_only_for_result",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reported_at:%d-%m-%Y}"


class BackReportReminder(BaseModel):
    """One e-mail to one person about a referral's overdue back-report (reminders.back_report_reminders_send): sent
    once per referral, person and kind, so the daily command can run again."""

    referral = models.ForeignKey(ExternalReferral, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)  # "overdue"
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["referral", "recipient", "kind"], name="backreport_reminder_once_per_kind"
            )
        ]
