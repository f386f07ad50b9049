from django.db import models
from django.utils.translation import gettext_lazy as _


class ExternalReferralStatus(models.TextChoices):
    """Where an external referral stands. It follows the partner's latest back-report (services.back_report_add)."""

    REFERRED = "referred", _("Referred, awaiting the partner")
    WAITING_LIST = "waiting_list", _("On the waiting list")
    STARTED = "started", _("Help started")
    RESULT = "result", _("Result reported")
    ENDED = "ended", _("Ended")
    WITHDRAWN = "withdrawn", _("Withdrawn by the school")


class BackReportKind(models.TextChoices):
    """The structured back-reports a partner gives (DOMAIN §5: "trajectory started", result)."""

    WAITING_LIST = "waiting_list", _("On the waiting list")
    STARTED = "started", _("Help started")
    RESULT = "result", _("Result")
    ENDED = "ended", _("Ended")


class BackReportResult(models.TextChoices):
    ACHIEVED = "achieved", _("Achieved")
    PARTLY = "partly", _("Partly achieved")
    NOT_ACHIEVED = "not_achieved", _("Not achieved")
    STOPPED_EARLY = "stopped_early", _("Stopped early")


# The status a referral takes after a back-report of each kind.
STATUS_AFTER: dict[str, str] = {
    BackReportKind.WAITING_LIST: ExternalReferralStatus.WAITING_LIST,
    BackReportKind.STARTED: ExternalReferralStatus.STARTED,
    BackReportKind.RESULT: ExternalReferralStatus.RESULT,
    BackReportKind.ENDED: ExternalReferralStatus.ENDED,
}

# No back-report is taken any more once a referral is in one of these.
CLOSED_STATUSES = (ExternalReferralStatus.ENDED, ExternalReferralStatus.WITHDRAWN)

DEFAULT_BACK_REPORT_WEEKS = 6
