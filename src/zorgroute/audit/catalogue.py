"""The registered audit events. `audit.record` refuses any name that is not here.

Each event carries its NEN 7513 action code (C create, R read, U update, D delete, E execute) and whether a reason
is mandatory. `docs/audit.md` is generated from this catalogue (`manage.py audit_catalogue --write`) and a test keeps
the two equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class ActionCode(StrEnum):
    CREATE = "C"
    READ = "R"
    UPDATE = "U"
    DELETE = "D"
    EXECUTE = "E"


@dataclass(frozen=True)
class EventSpec:
    name: str
    code: ActionCode
    label: str | Promise
    reason_required: bool = False


_EVENTS: tuple[EventSpec, ...] = (
    # Authentication
    EventSpec("auth.login", ActionCode.EXECUTE, _("Logged in")),
    EventSpec("auth.login_failed", ActionCode.EXECUTE, _("Login failed")),
    EventSpec("auth.locked_out", ActionCode.EXECUTE, _("Account locked after repeated failures")),
    EventSpec("auth.logout", ActionCode.EXECUTE, _("Logged out")),
    EventSpec("auth.otp_verified", ActionCode.EXECUTE, _("Second factor verified")),
    EventSpec("auth.otp_failed", ActionCode.EXECUTE, _("Second factor rejected")),
    EventSpec("auth.otp_enrolled", ActionCode.CREATE, _("Two-factor authentication set up")),
    EventSpec("auth.backup_codes_generated", ActionCode.CREATE, _("New backup codes generated")),
    EventSpec(
        "auth.otp_reset",
        ActionCode.DELETE,
        _("Two-factor authentication reset by an administrator"),
        reason_required=True,
    ),
    EventSpec("auth.sudo_granted", ActionCode.EXECUTE, _("Re-authenticated for a sensitive action")),
    EventSpec("auth.sudo_failed", ActionCode.EXECUTE, _("Re-authentication failed")),
    # Pupils
    EventSpec("pupil.viewed", ActionCode.READ, _("Pupil record viewed")),
    EventSpec("pupil.listed", ActionCode.READ, _("Pupil list or search viewed")),
    EventSpec("pupil.created", ActionCode.CREATE, _("Pupil created")),
    EventSpec("pupil.updated", ActionCode.UPDATE, _("Pupil updated")),
    EventSpec("enrolment.created", ActionCode.CREATE, _("Enrolment created")),
    EventSpec("enrolment.ended", ActionCode.UPDATE, _("Enrolment ended")),
    EventSpec("guardian.created", ActionCode.CREATE, _("Guardian created")),
    EventSpec("guardian.linked", ActionCode.CREATE, _("Guardian linked to pupil")),
    EventSpec("guardian.authority_changed", ActionCode.UPDATE, _("Guardian's authority changed")),
    EventSpec(
        "pupil.informing_set", ActionCode.UPDATE, _("Pupil's choice about informing a parent recorded")
    ),
    # Signals and cases
    EventSpec("signal.created", ActionCode.CREATE, _("Signal recorded")),
    EventSpec("signal.viewed", ActionCode.READ, _("Signal viewed")),
    EventSpec("signal.triaged", ActionCode.UPDATE, _("Signal triaged")),
    EventSpec("signal.listed", ActionCode.READ, _("Signal list viewed")),
    EventSpec("case.opened", ActionCode.CREATE, _("Case opened")),
    EventSpec("case.viewed", ActionCode.READ, _("Case viewed")),
    EventSpec("case.listed", ActionCode.READ, _("Case list viewed")),
    EventSpec("case.transitioned", ActionCode.UPDATE, _("Case moved to another route step")),
    EventSpec("case.closed", ActionCode.UPDATE, _("Case closed"), reason_required=True),
    EventSpec("case.reopened", ActionCode.UPDATE, _("Case reopened"), reason_required=True),
    EventSpec("case.updated", ActionCode.UPDATE, _("Case details updated")),
    EventSpec("case.consent_recorded", ActionCode.UPDATE, _("Consent basis for a forum recorded")),
    EventSpec(
        "case.template_migrated",
        ActionCode.UPDATE,
        _("Case moved to a new route version"),
        reason_required=True,
    ),
    EventSpec("case.note_added", ActionCode.CREATE, _("Note added to a case")),
    EventSpec("intervention.added", ActionCode.CREATE, _("Intervention logged")),
    EventSpec("plan.created", ActionCode.CREATE, _("Action plan version created")),
    EventSpec("plan.updated", ActionCode.UPDATE, _("Draft action plan changed")),
    EventSpec("plan.activated", ActionCode.UPDATE, _("Action plan version made current")),
    EventSpec("plan.agreement_recorded", ActionCode.UPDATE, _("Parents' agreement with the plan recorded")),
    EventSpec("plan.evaluated", ActionCode.CREATE, _("Action plan evaluated")),
    EventSpec("plan.signed", ActionCode.CREATE, _("Action plan signed by a parent or the pupil")),
    EventSpec(
        "case.family_contribution_added",
        ActionCode.CREATE,
        _("Own view or question of a parent or the pupil added"),
    ),
    EventSpec("consent.recorded", ActionCode.CREATE, _("Consent recorded")),
    EventSpec("consent.answered", ActionCode.UPDATE, _("Consent given, refused or withdrawn by a party")),
    EventSpec("consent.scan_downloaded", ActionCode.READ, _("Scan of a signed consent form opened")),
    EventSpec("consent.withdrawn", ActionCode.UPDATE, _("Consent record withdrawn")),
    EventSpec(
        "consent.overridden",
        ActionCode.CREATE,
        _("By name without consent (school head)"),
        reason_required=True,
    ),
    EventSpec("referral.started", ActionCode.CREATE, _("Referral to a forum started")),
    EventSpec("referral.updated", ActionCode.UPDATE, _("Referral changed")),
    EventSpec("referral.submitted", ActionCode.UPDATE, _("Referral submitted")),
    EventSpec("referral.viewed", ActionCode.READ, _("Referral read by the forum")),
    EventSpec("referral.intake", ActionCode.UPDATE, _("Referral taken into intake")),
    EventSpec("referral.answered", ActionCode.UPDATE, _("Referral answered without a discussion")),
    EventSpec(
        "referral.questionnaire_recorded", ActionCode.CREATE, _("SDQ questionnaire added to a referral")
    ),
    EventSpec("referral.pdf_downloaded", ActionCode.READ, _("Referral downloaded as PDF")),
    EventSpec("meeting.planned", ActionCode.CREATE, _("Meetings planned")),
    EventSpec("meeting.invited", ActionCode.UPDATE, _("Invited to a meeting")),
    EventSpec("meeting.attendance", ActionCode.UPDATE, _("Attendance recorded")),
    EventSpec("meeting.roles_set", ActionCode.UPDATE, _("Chair and minute-taker of a meeting named")),
    EventSpec(
        "meeting.summaries_released", ActionCode.EXECUTE, _("Members told the summaries are available")
    ),
    EventSpec("meeting.finalised", ActionCode.UPDATE, _("Minutes finalised")),
    EventSpec(
        "meeting.decision_list_downloaded", ActionCode.READ, _("Decision list of a meeting downloaded as PDF")
    ),
    EventSpec("meeting_series.created", ActionCode.CREATE, _("Meeting series created")),
    EventSpec("meeting_series.updated", ActionCode.UPDATE, _("Meeting series changed")),
    EventSpec("meeting_series.ended", ActionCode.UPDATE, _("Meeting series ended")),
    EventSpec("composition.created", ActionCode.CREATE, _("Minimum composition line added")),
    EventSpec("composition.updated", ActionCode.UPDATE, _("Minimum composition line changed")),
    EventSpec("composition.removed", ActionCode.DELETE, _("Minimum composition line removed")),
    EventSpec("agenda.item_added", ActionCode.CREATE, _("Case put on an agenda")),
    EventSpec("discussion.recorded", ActionCode.UPDATE, _("Case discussion recorded")),
    EventSpec("aftercare.created", ActionCode.CREATE, _("Aftercare created")),
    EventSpec("aftercare.recorded", ActionCode.UPDATE, _("Aftercare recorded")),
    EventSpec("action.reminders_sent", ActionCode.EXECUTE, _("Action reminders sent")),
    EventSpec("case.summary_viewed", ActionCode.READ, _("Forum summary of a case viewed")),
    EventSpec("action.agreed", ActionCode.CREATE, _("Action agreed on a case")),
    EventSpec("action.viewed", ActionCode.READ, _("Action viewed")),
    EventSpec("action.completed", ActionCode.UPDATE, _("Action reported done")),
    EventSpec("action.cancelled", ActionCode.UPDATE, _("Action cancelled")),
    EventSpec("action.feedback_created", ActionCode.CREATE, _("Feedback task created")),
    EventSpec("group.reviewed", ActionCode.CREATE, _("Group review outcome recorded")),
    EventSpec("route.installed", ActionCode.CREATE, _("Default routes and problem domains installed")),
    EventSpec("route.published", ActionCode.CREATE, _("Route template version published")),
    EventSpec("route.school_choice", ActionCode.UPDATE, _("School's route changed")),
    # External referrals to partner organisations and their back-reports
    EventSpec("external_referral.created", ActionCode.CREATE, _("Case referred to a partner organisation")),
    EventSpec("external_referral.viewed", ActionCode.READ, _("External referral read")),
    EventSpec("external_referral.assigned", ActionCode.UPDATE, _("Partner's worker for a referral named")),
    EventSpec(
        "external_referral.withdrawn", ActionCode.UPDATE, _("External referral withdrawn by the school")
    ),
    EventSpec("external_referral.back_reported", ActionCode.CREATE, _("Back-report of a partner recorded")),
    EventSpec(
        "external_referral.reminders_sent", ActionCode.EXECUTE, _("Reminders about overdue back-reports sent")
    ),
    EventSpec("care_kind.installed", ActionCode.CREATE, _("Default kinds of care installed")),
    EventSpec("care_kind.created", ActionCode.CREATE, _("Kind of care added to a region")),
    EventSpec("care_kind.updated", ActionCode.UPDATE, _("Kind of care changed")),
    # Parent conversations and the parent leaflet
    EventSpec("conversation.recorded", ActionCode.CREATE, _("Conversation with the parents recorded")),
    EventSpec("leaflet.saved", ActionCode.UPDATE, _("Parent leaflet text saved (region or school)")),
    EventSpec("leaflet.override_removed", ActionCode.DELETE, _("School's own parent leaflet removed")),
    EventSpec("leaflet.given", ActionCode.CREATE, _("Parent leaflet given to a parent or the pupil")),
    # Quality-framework self-assessment of a zorgteam or ZAT (scores and item codes only, never the notes)
    EventSpec(
        "quality.assessment_started",
        ActionCode.CREATE,
        _("Quality self-assessment started for a school year"),
    ),
    EventSpec(
        "quality.assessment_saved", ActionCode.UPDATE, _("Quality self-assessment scores or notes saved")
    ),
    EventSpec("quality.comment_added", ActionCode.CREATE, _("Comment added to a quality self-assessment")),
    EventSpec("quality.assessment_finalised", ActionCode.UPDATE, _("Quality self-assessment finalised")),
    EventSpec("quality.framework_installed", ActionCode.CREATE, _("Quality framework installed")),
    # Organisations (configuration)
    EventSpec("region.created", ActionCode.CREATE, _("Region created")),
    EventSpec("region.updated", ActionCode.UPDATE, _("Region updated")),
    EventSpec("board.created", ActionCode.CREATE, _("School board created")),
    EventSpec("board.updated", ActionCode.UPDATE, _("School board updated")),
    EventSpec("school.created", ActionCode.CREATE, _("School created")),
    EventSpec("school.updated", ActionCode.UPDATE, _("School updated")),
    EventSpec("group.created", ActionCode.CREATE, _("Group created")),
    EventSpec("group.updated", ActionCode.UPDATE, _("Group updated")),
    EventSpec("group.teacher_added", ActionCode.CREATE, _("Teacher added to group")),
    EventSpec("group.teacher_removed", ActionCode.DELETE, _("Teacher removed from group")),
    EventSpec("partner.created", ActionCode.CREATE, _("Partner organisation created")),
    EventSpec("partner.updated", ActionCode.UPDATE, _("Partner organisation updated")),
    EventSpec("partner_type.created", ActionCode.CREATE, _("Partner type created")),
    EventSpec("careteam.created", ActionCode.CREATE, _("Care team created")),
    EventSpec("careteam.updated", ActionCode.UPDATE, _("Care team updated")),
    EventSpec("membership.created", ActionCode.CREATE, _("Team membership created")),
    EventSpec("membership.updated", ActionCode.UPDATE, _("Team membership updated")),
    EventSpec("membership.ended", ActionCode.UPDATE, _("Team membership ended"), reason_required=True),
    EventSpec("staffrole.granted", ActionCode.CREATE, _("Role granted")),
    EventSpec("staffrole.revoked", ActionCode.UPDATE, _("Role revoked"), reason_required=True),
    EventSpec("user.created", ActionCode.CREATE, _("User account created")),
    EventSpec("account.invited", ActionCode.CREATE, _("Invitation to log in sent")),
    EventSpec("account.invitation_accepted", ActionCode.EXECUTE, _("Invitation accepted: password set")),
    EventSpec(
        "account.invitation_refused",
        ActionCode.EXECUTE,
        _("Invitation link refused (expired, used or replaced)"),
    ),
    # Parent and pupil portal
    EventSpec("portal.children_listed", ActionCode.READ, _("Portal: own children listed")),
    EventSpec("portal.access_log_viewed", ActionCode.READ, _("Portal: who accessed the dossier viewed")),
    # Reports: what was read, never the figures (decision 0008)
    EventSpec("report.viewed", ActionCode.READ, _("Report with aggregated figures viewed")),
    EventSpec(
        "report.exported", ActionCode.READ, _("Report with aggregated figures exported"), reason_required=True
    ),
    # Audit itself
    EventSpec("audit.viewed", ActionCode.READ, _("Audit log viewed")),
    EventSpec("audit.verified", ActionCode.EXECUTE, _("Audit chain verified")),
    # Demo data
    EventSpec("demo.loaded", ActionCode.EXECUTE, _("Demo region loaded")),
)

CATALOGUE: dict[str, EventSpec] = {spec.name: spec for spec in _EVENTS}


class UnknownAuditEvent(KeyError):
    pass


def get(name: str) -> EventSpec:
    try:
        return CATALOGUE[name]
    except KeyError:
        raise UnknownAuditEvent(f"Audit event {name!r} is not registered in audit/catalogue.py") from None
