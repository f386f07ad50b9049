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
    PORTAL_VIEW = (
        "portal.view"  # the family's portal pages of a pupil or case: own child, or own record (16+)
    )
    FAMILY_INVITE = "family.invite"  # invite a guardian, or the pupil of 16+, to the portal
    PUPIL_INFORMING = "pupil.informing"  # record the pupil's (16+) choice about informing each parent
    ACCESS_LOG_VIEW = "pupil.access_log"  # who accessed the pupil's dossier (role and organisation)
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
    PLAN_SIGN = "plan.sign"  # a guardian or the pupil signs the current plan version
    CONSENT_ANSWER = (
        "consent.answer"  # a guardian or the pupil gives, refuses or withdraws consent in the portal
    )
    CASE_ADD_VIEW = "case.add_view"  # a guardian or the pupil adds an own view or question (parent-visible)
    CONSENT_OVERRIDE = "consent.override"  # decide to discuss a pupil by name without consent (school head)
    CASE_SUMMARY_VIEW = (
        "case.summary_view"  # the summary a forum receives (by name or anonymous, per consent)
    )
    MEETING_VIEW = "meeting.view"  # a meeting: date, agenda, attendance
    MEETING_MANAGE = "meeting.manage"  # plan meetings, build the agenda, record attendance and minutes
    MEETING_DECISION_LIST = (
        "meeting.decision_list"  # download the decision list (besluitenlijst) of a finalised meeting
    )
    REFERRAL_INTAKE = (
        "referral.intake"  # a forum's intake of a referral: intake, direct answer, onto an agenda
    )
    ACTION_VIEW = "action.view"  # an agreed action on a case (its owner, and the case's team)
    ACTION_UPDATE = "action.update"  # mark an action done or cancel it
    TIMELINE_VIEW = "timeline.view"  # one timeline event, by its visibility level
    GROUP_REVIEW = "group.review"  # the group overview for a group review
    ROUTE_MANAGE = "route.manage"  # route templates of a region, a school's override
    # External referrals (verwijzing) to a partner organisation and the partner's back-reports
    EXTERNAL_REFERRAL_CREATE = "external_referral.create"  # on a case: refer it to a partner organisation
    EXTERNAL_REFERRAL_VIEW = "external_referral.view"  # a referral with its back-reports
    EXTERNAL_REFERRAL_REPORT = (
        "external_referral.report"  # the receiving partner: back-reports, assign a worker
    )
    EXTERNAL_REFERRAL_WITHDRAW = "external_referral.withdraw"  # the school takes a referral back
    PARTNER_WORKSPACE = (
        "partner.workspace"  # a partner's staff: meetings, agenda summaries, actions, referrals
    )
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
    # The quality-framework self-assessment of a zorgteam or ZAT (on the team)
    QUALITY_VIEW = "quality.view"  # the team's self-assessments: scores, notes, comments, years compared
    QUALITY_ASSESS = "quality.assess"  # start a school year, score, write notes and conclusions, finalise
    QUALITY_COMMENT = "quality.comment"  # add to the discussion while the year is open
    MEETING_SERIES_MANAGE = "meeting_series.manage"  # a team's recurring meetings: create, change, end, plan
    COMPOSITION_MANAGE = "composition.manage"  # a team's minimum composition (who must be present)
    STAFFROLE_MANAGE = "staffrole.manage"
    # Accounts and oversight
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    # Reports (issue 6): figures only, every count under 5 suppressed (decision 0008)
    REPORT_VIEW_SCHOOL = (
        "report.view_school"  # the care report of one school: its own route, zorgteam and ZAT cases
    )
    REPORT_VIEW_REGION = "report.view_region"  # the ZAT's report of a region, by school
    REPORT_VIEW_AGGREGATE = (
        "report.view_aggregate"  # a region's aggregates by municipality and the annual report
    )
