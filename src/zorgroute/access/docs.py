"""Generates docs/permissions.md from access/rules.py, so the document cannot drift from the rules."""

from __future__ import annotations

from zorgroute.access.actions import Action
from zorgroute.access.rules import GRANTS_BY_ACTION, RULES_VERSION, Rel, Role

RELATION_TEXT: dict[Rel, str] = {
    Rel.ANY: "always (no object involved)",
    Rel.TEACHES_PUPIL: "the pupil is in a group they teach this school year",
    Rel.AT_PUPIL_SCHOOL: "the pupil is enrolled at a school where they hold the role",
    Rel.GUARDIAN_OF_PUPIL: "they are a guardian with authority from whom information is not withheld",
    Rel.IS_PUPIL: "it is their own record",
    Rel.SIGNAL_AT_SCHOOL: "the signal concerns a pupil of a school where they hold the role",
    Rel.REPORTED_SIGNAL: "they reported the signal",
    Rel.TEACHES_CASE_PUPIL: "the case's pupil is in a group they teach, at their school",
    Rel.NAMED_ON_CASE: "they are the case owner or case coordinator, and work at the case's school",
    Rel.CASE_AT_SCHOOL: "the case belongs to a school where they hold the role",
    Rel.GUARDIAN_OF_CASE_PUPIL: "they are a guardian with an information right of the case's pupil",
    Rel.IS_CASE_PUPIL: "it is their own case",
    Rel.OWN_EVENT: "they wrote it (the only way to see a private working note)",
    Rel.TEAM_EVENT_OF_TAUGHT_PUPIL: "it is care-team or parent level, in a case of a pupil they teach",
    Rel.TEAM_EVENT_AT_SCHOOL: "it is care-team or parent level, in a case of their school",
    Rel.PARENT_EVENT_OF_GUARDED_PUPIL: "it is parent level, in a case of their child",
    Rel.PARENT_EVENT_OF_OWN_CASE: "it is parent level, in their own case",
    Rel.TEAM_EVENT_OF_NAMED_CASE: "it is care-team or parent level, in a case they own or coordinate",
    Rel.ON_INVITED_AGENDA: (
        "the case is on the agenda of a meeting they are invited to (or run as chair or coordinator), from the "
        "summary's release until their access "
        "ends, and consent allows the forum for their organisation (by name or anonymously)"
    ),
    Rel.INVITED_TO_MEETING: "they are invited to the meeting and their access has not ended",
    Rel.MEETING_OF_LED_TEAM: "the meeting is of a team they chair or coordinate",
    Rel.MEETING_OF_SCHOOL_TEAM: "the meeting is of the care team of their school",
    Rel.REFERRAL_TO_LED_TEAM: "the referral was submitted to a team they chair or coordinate",
    Rel.REFERRAL_TO_SCHOOL_TEAM: "the referral was submitted to the care team of their school",
    Rel.OWNS_ACTION: "they carry out the action",
    Rel.ACTION_OF_TAUGHT_PUPIL: "the action is on a case of a pupil they teach, at their school",
    Rel.ACTION_OF_NAMED_CASE: "the action is on a case they own or coordinate",
    Rel.ACTION_AT_SCHOOL: "the action is on a case of their school",
    Rel.EXTERNAL_REFERRAL_AT_SCHOOL: "the referral's case belongs to a school where they hold the role",
    Rel.EXTERNAL_REFERRAL_OF_NAMED_CASE: "the referral's case is one they own or coordinate, at their school",
    Rel.EXTERNAL_REFERRAL_TO_OWN_PARTNER: "the referral goes to the partner organisation they work at",
    Rel.TEACHES_GROUP: "they teach the group",
    Rel.GROUP_AT_SCHOOL: "the group belongs to a school where they hold the role",
    Rel.AT_SCHOOL: "it is a school where they hold the role",
    Rel.REGION_OF_SCHOOL: "the school lies in their region",
    Rel.IN_REGION: "it is their region",
    Rel.REGION_OF_PARTNER: "the partner belongs to their region",
    Rel.MEMBER_OF_TEAM: "they are an active member of the team",
    Rel.LEADS_TEAM: "they are the team's active chair or coordinator",
    Rel.SCHOOL_OF_TEAM: "the team belongs to a school where they hold the role",
    Rel.REGION_OF_TEAM: "the team belongs to their region",
    Rel.LEADS_ZAT_IN_REGION: "they chair or coordinate a regional team (ZAT) of the region",
}

ROLE_TEXT: dict[Role, str] = {
    Role.TEACHER: "Teacher / mentor",
    Role.CARE_COORDINATOR: "Care coordinator (IB)",
    Role.SCHOOL_HEAD: "School head",
    Role.FUNCTIONAL_ADMIN: "Functional administrator",
    Role.POLICY_ANALYST: "Policy staff (region/municipality)",
    Role.PRIVACY_OFFICER: "Privacy officer (FG)",
    Role.PARTNER_STAFF: "Partner organisation staff",
    Role.SYSTEM_ADMIN: "System administrator",
    Role.TEAM_MEMBER: "Care-team member (any active membership)",
    Role.TEAM_LEAD: "Care-team chair or coordinator",
    Role.GUARDIAN: "Parent / guardian",
    Role.PUPIL: "Pupil (own login, 16+)",
}


def render() -> str:
    lines = [
        "# Permissions",
        "",
        f"Generated from `src/zorgroute/access/rules.py` (rules version {RULES_VERSION}) by "
        "`manage.py permissions_doc --write`; a test fails when this file and the rules differ.",
        "",
        "Deny by default: an action is allowed only when a row below grants it. Someone who cannot see an object gets",
        "*404 Not Found*, exactly as for an object that does not exist; someone who can see it but may not perform",
        "the action gets *403 Forbidden*. Care-team membership, guardianship and the pupil's own login are roles",
        "derived from data (memberships with a validity period, guardian links with authority), not granted by hand.",
        "",
        "| Action | Role | Allowed when |",
        "|---|---|---|",
    ]
    for action in Action:
        for grant in GRANTS_BY_ACTION[action]:
            lines.append(f"| `{action.value}` | {ROLE_TEXT[grant.role]} | {RELATION_TEXT[grant.relation]} |")
    lines.append("")
    return "\n".join(lines)
