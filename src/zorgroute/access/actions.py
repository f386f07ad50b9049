"""The closed list of things a user can do.

Adding a member means adding rules and a row in the matrix test (the tests fail otherwise).
"""

from enum import StrEnum


class Action(StrEnum):
    # Pupils
    PUPIL_SEARCH = "pupil.search"
    PUPIL_VIEW = "pupil.view"
    PUPIL_VIEW_IDENTIFIERS = "pupil.view_identifiers"  # BSN / onderwijsnummer
    PUPIL_EDIT = "pupil.edit"
    GUARDIAN_VIEW = "guardian.view"
    # Signals and cases
    SIGNAL_CREATE = "signal.create"  # on a pupil
    SIGNAL_VIEW = "signal.view"
    SIGNAL_TRIAGE = "signal.triage"
    CASE_OPEN = "case.open"  # on a pupil
    CASE_VIEW = "case.view"  # the case, its step and parent-visible records
    CASE_VIEW_TEAM = "case.view_team"  # care-team-level records of the case
    CASE_CONTRIBUTE = "case.contribute"  # notes, interventions, conversations
    CASE_MANAGE = "case.manage"  # route transitions, owner, coordinator, escalation package
    PLAN_EDIT = "plan.edit"
    TIMELINE_VIEW = "timeline.view"  # one timeline event, by its visibility level
    GROUP_REVIEW = "group.review"  # the group overview for a group review
    ROUTE_MANAGE = "route.manage"  # route templates of a region, a school's override
    # Organisations
    REGION_VIEW = "region.view"
    REGION_MANAGE = "region.manage"
    SCHOOL_VIEW = "school.view"
    SCHOOL_MANAGE = "school.manage"
    GROUP_MANAGE = "group.manage"
    PARTNER_VIEW = "partner.view"
    PARTNER_MANAGE = "partner.manage"
    CARETEAM_VIEW = "careteam.view"
    CARETEAM_MANAGE = "careteam.manage"
    STAFFROLE_MANAGE = "staffrole.manage"
    # Accounts and oversight
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    REPORT_VIEW_AGGREGATE = "report.view_aggregate"
