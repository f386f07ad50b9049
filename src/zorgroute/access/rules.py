"""Who may do what, as data. Every grant is (action, role, relation): a user holding `role` may perform `action` on
an object when `relation` holds between them (see relations.py). Anything not listed here is denied.

`docs/permissions.md` is generated from this table (`manage.py permissions_doc --write`); a test keeps them equal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from zorgroute.access.actions import Action as A


class Role(StrEnum):
    TEACHER = "teacher"
    CARE_COORDINATOR = "care_coordinator"
    SCHOOL_HEAD = "school_head"
    FUNCTIONAL_ADMIN = "functional_admin"
    POLICY_ANALYST = "policy_analyst"
    PRIVACY_OFFICER = "privacy_officer"
    PARTNER_STAFF = "partner_staff"
    SYSTEM_ADMIN = "system_admin"
    # Derived from care-team memberships
    TEAM_MEMBER = "team_member"  # any active membership (member, on call, minute-taker, chair, coordinator)
    TEAM_LEAD = "team_lead"  # active chair or coordinator of a team
    # Derived from family links
    GUARDIAN = "guardian"  # a guardian whose authority and flags give a right to the child's information
    PUPIL = "pupil"  # the pupil's own login (16+)


class Rel(StrEnum):
    ANY = "any"  # no object: the role alone suffices (pages, aggregates)
    TEACHES_PUPIL = "teaches_pupil"  # pupil is in a group the teacher teaches this school year
    AT_PUPIL_SCHOOL = "at_pupil_school"  # pupil is currently enrolled at a school where the role is held
    GUARDIAN_OF_PUPIL = "guardian_of_pupil"  # guardian link with an information right (see relations.py)
    IS_PUPIL = "is_pupil"  # the pupil themself
    SIGNAL_AT_SCHOOL = "signal_at_school"  # the signal concerns a pupil of a school where the role is held
    REPORTED_SIGNAL = "reported_signal"  # the user reported the signal
    TEACHES_CASE_PUPIL = "teaches_case_pupil"  # the case's pupil is in a group the teacher teaches
    NAMED_ON_CASE = "named_on_case"  # the user is the case owner or case coordinator, at the case's school
    CASE_AT_SCHOOL = "case_at_school"  # the case belongs to a school where the role is held
    GUARDIAN_OF_CASE_PUPIL = "guardian_of_case_pupil"  # guardian (with information right) of the case's pupil
    IS_CASE_PUPIL = "is_case_pupil"  # the case is the pupil's own
    OWN_EVENT = "own_event"  # the user wrote the timeline event (the only way to see a private note)
    TEAM_EVENT_OF_TAUGHT_PUPIL = "team_event_of_taught_pupil"  # care-team or parent level, pupil in own group
    TEAM_EVENT_AT_SCHOOL = "team_event_at_school"  # care-team or parent level, case at the role's school
    PARENT_EVENT_OF_GUARDED_PUPIL = "parent_event_of_guarded_pupil"  # parent level only, guardian's child
    PARENT_EVENT_OF_OWN_CASE = "parent_event_of_own_case"  # parent level only, the pupil's own case
    TEAM_EVENT_OF_NAMED_CASE = "team_event_of_named_case"  # care-team or parent level, user named on the case
    ON_INVITED_AGENDA = (
        "on_invited_agenda"  # the case is on an agenda the member is invited to, access window open,
    )
    # consent allows the forum for the member's partner
    INVITED_TO_MEETING = "invited_to_meeting"  # the member is invited to the meeting and access has not ended
    MEETING_OF_LED_TEAM = "meeting_of_led_team"  # the meeting is of a team the user chairs or coordinates
    MEETING_OF_SCHOOL_TEAM = "meeting_of_school_team"  # the meeting is of the zorgteam of the role's school
    REFERRAL_TO_LED_TEAM = (
        "referral_to_led_team"  # a submitted referral to a team the user chairs or coordinates
    )
    REFERRAL_TO_SCHOOL_TEAM = (
        "referral_to_school_team"  # a submitted referral to the zorgteam of the role's school
    )
    OWNS_ACTION = "owns_action"  # the user is who carries out the action
    ACTION_OF_TAUGHT_PUPIL = "action_of_taught_pupil"  # action on a case of a pupil in the teacher's group
    ACTION_OF_NAMED_CASE = "action_of_named_case"  # action on a case the user owns or coordinates
    ACTION_AT_SCHOOL = "action_at_school"  # action on a case of a school where the role is held
    EXTERNAL_REFERRAL_AT_SCHOOL = "external_referral_at_school"  # the referral's case is at the role's school
    EXTERNAL_REFERRAL_OF_NAMED_CASE = (
        "external_referral_of_named_case"  # the referral's case is one the user owns or coordinates
    )
    EXTERNAL_REFERRAL_TO_OWN_PARTNER = (
        "external_referral_to_own_partner"  # the referral goes to the partner organisation the user works at
    )
    TEACHES_GROUP = "teaches_group"  # the user teaches the group
    GROUP_AT_SCHOOL = "group_at_school"  # the group belongs to a school where the role is held
    AT_SCHOOL = "at_school"  # the school is where the role is held
    REGION_OF_SCHOOL = "region_of_school"  # the school lies in a region where the role is held
    IN_REGION = "in_region"  # the region is where the role is held (school roles: the region of their school)
    REGION_OF_PARTNER = "region_of_partner"  # the partner belongs to a region where the user works
    MEMBER_OF_TEAM = "member_of_team"  # an active membership of this team
    LEADS_TEAM = "leads_team"  # an active chair or coordinator membership of this team
    SCHOOL_OF_TEAM = "school_of_team"  # the team belongs to a school where the role is held
    REGION_OF_TEAM = "region_of_team"  # the team belongs to a region where the role is held
    LEADS_ZAT_IN_REGION = (
        "leads_zat_in_region"  # the user chairs or coordinates a regional team (ZAT) of the region
    )


@dataclass(frozen=True)
class Grant:
    action: A
    role: Role
    relation: Rel

    @property
    def protocol(self) -> str:
        """Authorisation protocol for the audit row (NEN 7513 'Autorisatieprotocol')."""
        return f"rules/{RULES_VERSION}:{self.action}:{self.role}:{self.relation}"


RULES_VERSION = "1"
R = Role

GRANTS: tuple[Grant, ...] = (
    # --- Pupils ---------------------------------------------------------------------------------------------------
    Grant(A.PUPIL_SEARCH, R.TEACHER, Rel.ANY),
    Grant(A.PUPIL_SEARCH, R.CARE_COORDINATOR, Rel.ANY),
    Grant(A.PUPIL_SEARCH, R.SCHOOL_HEAD, Rel.ANY),
    Grant(A.PUPIL_VIEW, R.TEACHER, Rel.TEACHES_PUPIL),
    Grant(A.PUPIL_VIEW, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    Grant(A.PUPIL_VIEW, R.SCHOOL_HEAD, Rel.AT_PUPIL_SCHOOL),
    Grant(A.PUPIL_VIEW, R.GUARDIAN, Rel.GUARDIAN_OF_PUPIL),
    Grant(A.PUPIL_VIEW, R.PUPIL, Rel.IS_PUPIL),
    Grant(A.PUPIL_VIEW_IDENTIFIERS, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    Grant(A.PUPIL_VIEW_IDENTIFIERS, R.SCHOOL_HEAD, Rel.AT_PUPIL_SCHOOL),
    Grant(A.PUPIL_EDIT, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    Grant(A.GUARDIAN_VIEW, R.TEACHER, Rel.TEACHES_PUPIL),
    Grant(A.GUARDIAN_VIEW, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    Grant(A.GUARDIAN_VIEW, R.SCHOOL_HEAD, Rel.AT_PUPIL_SCHOOL),
    # Guardians and pupils do not see the guardian table (other parent's contact details, OTS, withheld
    # information); the parent portal (issue 4) shows each guardian their own link.
    # The parent and pupil portal: a guardian with an information right, and the pupil (16+) about themself.
    Grant(A.PORTAL_VIEW, R.GUARDIAN, Rel.GUARDIAN_OF_PUPIL),
    Grant(A.PORTAL_VIEW, R.PUPIL, Rel.IS_PUPIL),
    Grant(A.PORTAL_VIEW, R.GUARDIAN, Rel.GUARDIAN_OF_CASE_PUPIL),
    Grant(A.PORTAL_VIEW, R.PUPIL, Rel.IS_CASE_PUPIL),
    # The care coordinator invites guardians and the pupil of 16+ to the portal (a login by e-mail invitation).
    Grant(A.FAMILY_INVITE, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    # A pupil of 16+ decides whether a parent is informed; the care coordinator records what the pupil said.
    Grant(A.PUPIL_INFORMING, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    Grant(A.PUPIL_INFORMING, R.PUPIL, Rel.IS_PUPIL),
    # "Who looked at my child's dossier" (AVG art. 15, NEN 7513): the family sees role and organisation.
    Grant(A.ACCESS_LOG_VIEW, R.GUARDIAN, Rel.GUARDIAN_OF_PUPIL),
    Grant(A.ACCESS_LOG_VIEW, R.PUPIL, Rel.IS_PUPIL),
    # --- Signals and cases ----------------------------------------------------------------------------------------
    Grant(A.SIGNAL_CREATE, R.TEACHER, Rel.TEACHES_PUPIL),
    Grant(A.SIGNAL_CREATE, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    Grant(A.SIGNAL_CREATE, R.SCHOOL_HEAD, Rel.AT_PUPIL_SCHOOL),
    Grant(A.SIGNAL_VIEW, R.TEACHER, Rel.REPORTED_SIGNAL),
    Grant(A.SIGNAL_VIEW, R.CARE_COORDINATOR, Rel.SIGNAL_AT_SCHOOL),
    Grant(A.SIGNAL_VIEW, R.SCHOOL_HEAD, Rel.SIGNAL_AT_SCHOOL),
    Grant(A.SIGNAL_TRIAGE, R.CARE_COORDINATOR, Rel.SIGNAL_AT_SCHOOL),
    Grant(A.CASE_OPEN, R.CARE_COORDINATOR, Rel.AT_PUPIL_SCHOOL),
    Grant(A.CASE_VIEW, R.TEACHER, Rel.TEACHES_CASE_PUPIL),
    Grant(A.CASE_VIEW, R.TEACHER, Rel.NAMED_ON_CASE),
    Grant(A.CASE_VIEW, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_VIEW, R.SCHOOL_HEAD, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_VIEW, R.GUARDIAN, Rel.GUARDIAN_OF_CASE_PUPIL),
    Grant(A.CASE_VIEW, R.PUPIL, Rel.IS_CASE_PUPIL),
    Grant(A.CASE_VIEW_TEAM, R.TEACHER, Rel.TEACHES_CASE_PUPIL),
    Grant(A.CASE_VIEW_TEAM, R.TEACHER, Rel.NAMED_ON_CASE),
    Grant(A.CASE_VIEW_TEAM, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_VIEW_TEAM, R.SCHOOL_HEAD, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_CONTRIBUTE, R.TEACHER, Rel.TEACHES_CASE_PUPIL),
    Grant(A.CASE_CONTRIBUTE, R.TEACHER, Rel.NAMED_ON_CASE),
    Grant(A.CASE_CONTRIBUTE, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_CONTRIBUTE, R.SCHOOL_HEAD, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_MANAGE, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    # Only the school head decides to discuss a pupil by name without consent (DOMAIN §6.4), in sudo mode.
    Grant(A.CONSENT_OVERRIDE, R.SCHOOL_HEAD, Rel.CASE_AT_SCHOOL),
    Grant(A.PLAN_EDIT, R.TEACHER, Rel.TEACHES_CASE_PUPIL),
    Grant(A.PLAN_EDIT, R.TEACHER, Rel.NAMED_ON_CASE),
    Grant(A.PLAN_EDIT, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    # The family in the portal: sign the current plan, answer consent, add an own view or question.
    Grant(A.PLAN_SIGN, R.GUARDIAN, Rel.GUARDIAN_OF_CASE_PUPIL),
    Grant(A.PLAN_SIGN, R.PUPIL, Rel.IS_CASE_PUPIL),
    Grant(A.CONSENT_ANSWER, R.GUARDIAN, Rel.GUARDIAN_OF_CASE_PUPIL),
    Grant(A.CONSENT_ANSWER, R.PUPIL, Rel.IS_CASE_PUPIL),
    Grant(A.CASE_ADD_VIEW, R.GUARDIAN, Rel.GUARDIAN_OF_CASE_PUPIL),
    Grant(A.CASE_ADD_VIEW, R.PUPIL, Rel.IS_CASE_PUPIL),
    Grant(A.TIMELINE_VIEW, R.TEACHER, Rel.OWN_EVENT),
    Grant(A.TIMELINE_VIEW, R.CARE_COORDINATOR, Rel.OWN_EVENT),
    Grant(A.TIMELINE_VIEW, R.SCHOOL_HEAD, Rel.OWN_EVENT),
    Grant(A.TIMELINE_VIEW, R.TEACHER, Rel.TEAM_EVENT_OF_TAUGHT_PUPIL),
    Grant(A.TIMELINE_VIEW, R.TEACHER, Rel.TEAM_EVENT_OF_NAMED_CASE),
    Grant(A.TIMELINE_VIEW, R.CARE_COORDINATOR, Rel.TEAM_EVENT_AT_SCHOOL),
    Grant(A.TIMELINE_VIEW, R.SCHOOL_HEAD, Rel.TEAM_EVENT_AT_SCHOOL),
    Grant(A.TIMELINE_VIEW, R.GUARDIAN, Rel.PARENT_EVENT_OF_GUARDED_PUPIL),
    Grant(A.TIMELINE_VIEW, R.PUPIL, Rel.PARENT_EVENT_OF_OWN_CASE),
    # Forums: a member sees only the summary of the cases on an agenda they are invited to, while access lasts and
    # consent allows; the team's chair or coordinator runs the meetings; the school's care coordinator its zorgteam's.
    Grant(A.CASE_SUMMARY_VIEW, R.TEAM_MEMBER, Rel.ON_INVITED_AGENDA),
    Grant(A.CASE_SUMMARY_VIEW, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.MEETING_VIEW, R.TEAM_MEMBER, Rel.INVITED_TO_MEETING),
    Grant(A.MEETING_VIEW, R.TEAM_LEAD, Rel.MEETING_OF_LED_TEAM),
    Grant(A.MEETING_VIEW, R.CARE_COORDINATOR, Rel.MEETING_OF_SCHOOL_TEAM),
    Grant(A.MEETING_MANAGE, R.TEAM_LEAD, Rel.MEETING_OF_LED_TEAM),
    Grant(A.MEETING_MANAGE, R.CARE_COORDINATOR, Rel.MEETING_OF_SCHOOL_TEAM),
    # The decision list of a finalised meeting: who ran it, and the invited members while their access lasts.
    Grant(A.MEETING_DECISION_LIST, R.TEAM_MEMBER, Rel.INVITED_TO_MEETING),
    Grant(A.MEETING_DECISION_LIST, R.TEAM_LEAD, Rel.MEETING_OF_LED_TEAM),
    Grant(A.MEETING_DECISION_LIST, R.CARE_COORDINATOR, Rel.MEETING_OF_SCHOOL_TEAM),
    Grant(A.REFERRAL_INTAKE, R.TEAM_LEAD, Rel.REFERRAL_TO_LED_TEAM),
    Grant(A.REFERRAL_INTAKE, R.CARE_COORDINATOR, Rel.REFERRAL_TO_SCHOOL_TEAM),
    # Agreed actions: whoever carries one out sees it and reports it done, also a partner's worker or a team member
    # without access to the rest of the case; the case's team sees the actions of the case.
    Grant(A.ACTION_VIEW, R.TEACHER, Rel.OWNS_ACTION),
    Grant(A.ACTION_VIEW, R.CARE_COORDINATOR, Rel.OWNS_ACTION),
    Grant(A.ACTION_VIEW, R.SCHOOL_HEAD, Rel.OWNS_ACTION),
    Grant(A.ACTION_VIEW, R.TEAM_MEMBER, Rel.OWNS_ACTION),
    Grant(A.ACTION_VIEW, R.PARTNER_STAFF, Rel.OWNS_ACTION),
    Grant(A.ACTION_VIEW, R.TEACHER, Rel.ACTION_OF_TAUGHT_PUPIL),
    Grant(A.ACTION_VIEW, R.TEACHER, Rel.ACTION_OF_NAMED_CASE),
    Grant(A.ACTION_VIEW, R.CARE_COORDINATOR, Rel.ACTION_AT_SCHOOL),
    Grant(A.ACTION_VIEW, R.SCHOOL_HEAD, Rel.ACTION_AT_SCHOOL),
    Grant(A.ACTION_UPDATE, R.TEACHER, Rel.OWNS_ACTION),
    Grant(A.ACTION_UPDATE, R.CARE_COORDINATOR, Rel.OWNS_ACTION),
    Grant(A.ACTION_UPDATE, R.SCHOOL_HEAD, Rel.OWNS_ACTION),
    Grant(A.ACTION_UPDATE, R.TEAM_MEMBER, Rel.OWNS_ACTION),
    Grant(A.ACTION_UPDATE, R.PARTNER_STAFF, Rel.OWNS_ACTION),
    Grant(A.ACTION_UPDATE, R.CARE_COORDINATOR, Rel.ACTION_AT_SCHOOL),
    Grant(A.GROUP_REVIEW, R.TEACHER, Rel.TEACHES_GROUP),
    Grant(A.GROUP_REVIEW, R.CARE_COORDINATOR, Rel.GROUP_AT_SCHOOL),
    Grant(A.ROUTE_MANAGE, R.FUNCTIONAL_ADMIN, Rel.IN_REGION),
    Grant(A.ROUTE_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_SCHOOL),
    # External referrals: the care coordinator refers a case to a partner and may take the referral back; the school's
    # care coordinator and head and the case's owner or coordinator follow it; the receiving partner's staff read
    # the referrals to their own organisation (nothing else of the case) and give the back-reports. A partner's staff
    # have a workspace of their own: meetings, agenda summaries, actions, referrals (each still checked per object).
    Grant(A.EXTERNAL_REFERRAL_CREATE, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.EXTERNAL_REFERRAL_VIEW, R.CARE_COORDINATOR, Rel.EXTERNAL_REFERRAL_AT_SCHOOL),
    Grant(A.EXTERNAL_REFERRAL_VIEW, R.SCHOOL_HEAD, Rel.EXTERNAL_REFERRAL_AT_SCHOOL),
    Grant(A.EXTERNAL_REFERRAL_VIEW, R.TEACHER, Rel.EXTERNAL_REFERRAL_OF_NAMED_CASE),
    Grant(A.EXTERNAL_REFERRAL_VIEW, R.PARTNER_STAFF, Rel.EXTERNAL_REFERRAL_TO_OWN_PARTNER),
    Grant(A.EXTERNAL_REFERRAL_REPORT, R.PARTNER_STAFF, Rel.EXTERNAL_REFERRAL_TO_OWN_PARTNER),
    Grant(A.EXTERNAL_REFERRAL_WITHDRAW, R.CARE_COORDINATOR, Rel.EXTERNAL_REFERRAL_AT_SCHOOL),
    Grant(A.PARTNER_WORKSPACE, R.PARTNER_STAFF, Rel.ANY),
    # --- Organisations --------------------------------------------------------------------------------------------
    Grant(A.REGION_VIEW, R.FUNCTIONAL_ADMIN, Rel.IN_REGION),
    Grant(A.REGION_VIEW, R.POLICY_ANALYST, Rel.IN_REGION),
    Grant(A.REGION_VIEW, R.PRIVACY_OFFICER, Rel.IN_REGION),
    Grant(A.REGION_VIEW, R.TEAM_LEAD, Rel.IN_REGION),
    Grant(A.REGION_MANAGE, R.FUNCTIONAL_ADMIN, Rel.IN_REGION),
    Grant(A.SCHOOL_VIEW, R.TEACHER, Rel.AT_SCHOOL),
    Grant(A.SCHOOL_VIEW, R.CARE_COORDINATOR, Rel.AT_SCHOOL),
    Grant(A.SCHOOL_VIEW, R.SCHOOL_HEAD, Rel.AT_SCHOOL),
    Grant(A.SCHOOL_VIEW, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_SCHOOL),
    Grant(A.SCHOOL_VIEW, R.TEAM_LEAD, Rel.REGION_OF_SCHOOL),
    Grant(A.SCHOOL_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_SCHOOL),
    Grant(A.GROUP_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_SCHOOL),
    Grant(A.GROUP_MANAGE, R.CARE_COORDINATOR, Rel.AT_SCHOOL),
    Grant(A.PARTNER_VIEW, R.TEACHER, Rel.REGION_OF_PARTNER),
    Grant(A.PARTNER_VIEW, R.CARE_COORDINATOR, Rel.REGION_OF_PARTNER),
    Grant(A.PARTNER_VIEW, R.SCHOOL_HEAD, Rel.REGION_OF_PARTNER),
    Grant(A.PARTNER_VIEW, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_PARTNER),
    Grant(A.PARTNER_VIEW, R.TEAM_MEMBER, Rel.REGION_OF_PARTNER),
    Grant(A.PARTNER_VIEW, R.PARTNER_STAFF, Rel.REGION_OF_PARTNER),
    Grant(A.PARTNER_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_PARTNER),
    Grant(A.CARETEAM_VIEW, R.TEAM_MEMBER, Rel.MEMBER_OF_TEAM),
    Grant(A.CARETEAM_VIEW, R.CARE_COORDINATOR, Rel.SCHOOL_OF_TEAM),
    Grant(A.CARETEAM_VIEW, R.SCHOOL_HEAD, Rel.SCHOOL_OF_TEAM),
    Grant(A.CARETEAM_VIEW, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_TEAM),
    Grant(A.CARETEAM_VIEW, R.TEAM_LEAD, Rel.REGION_OF_TEAM),
    Grant(A.CARETEAM_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_TEAM),
    Grant(A.CARETEAM_MANAGE, R.TEAM_LEAD, Rel.LEADS_TEAM),
    # The quality self-assessment is the team's own reflection, a mirror and not a verdict (issue 6): its members
    # read it and add comments; its chair or coordinator fills it in and finalises it, and for a school's zorgteam
    # so does the school's care coordinator (who runs its meetings); the school head reads the zorgteam's. Region
    # staff and administrators do not see it.
    Grant(A.QUALITY_VIEW, R.TEAM_MEMBER, Rel.MEMBER_OF_TEAM),
    Grant(A.QUALITY_VIEW, R.CARE_COORDINATOR, Rel.SCHOOL_OF_TEAM),
    Grant(A.QUALITY_VIEW, R.SCHOOL_HEAD, Rel.SCHOOL_OF_TEAM),
    Grant(A.QUALITY_ASSESS, R.TEAM_LEAD, Rel.LEADS_TEAM),
    Grant(A.QUALITY_ASSESS, R.CARE_COORDINATOR, Rel.SCHOOL_OF_TEAM),
    Grant(A.QUALITY_COMMENT, R.TEAM_MEMBER, Rel.MEMBER_OF_TEAM),
    Grant(A.QUALITY_COMMENT, R.CARE_COORDINATOR, Rel.SCHOOL_OF_TEAM),
    # A team's meeting series: the region's functional administrator, the team's own chair or coordinator, and for a
    # school's zorgteam the school's care coordinator (who runs its meetings). The minimum composition is the region's
    # quality norm (DOMAIN §2): only the functional administrator sets it; a team does not lower its own bar.
    Grant(A.MEETING_SERIES_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_TEAM),
    Grant(A.MEETING_SERIES_MANAGE, R.TEAM_LEAD, Rel.LEADS_TEAM),
    Grant(A.MEETING_SERIES_MANAGE, R.CARE_COORDINATOR, Rel.SCHOOL_OF_TEAM),
    Grant(A.COMPOSITION_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_TEAM),
    Grant(A.STAFFROLE_MANAGE, R.FUNCTIONAL_ADMIN, Rel.IN_REGION),
    # --- Accounts and oversight -----------------------------------------------------------------------------------
    Grant(A.USER_MANAGE, R.SYSTEM_ADMIN, Rel.ANY),
    Grant(A.USER_MANAGE, R.FUNCTIONAL_ADMIN, Rel.ANY),
    Grant(A.AUDIT_VIEW, R.PRIVACY_OFFICER, Rel.ANY),
    # Reports (DOMAIN §3, §9): the care coordinator and head see their own school; the ZAT's chair or coordinator the
    # ZAT's work in the region, by school; policy staff of the region or a municipality aggregates only (by
    # municipality, school years and quarters) and the annual report for funders.
    Grant(A.REPORT_VIEW_SCHOOL, R.CARE_COORDINATOR, Rel.AT_SCHOOL),
    Grant(A.REPORT_VIEW_SCHOOL, R.SCHOOL_HEAD, Rel.AT_SCHOOL),
    Grant(A.REPORT_VIEW_REGION, R.TEAM_LEAD, Rel.LEADS_ZAT_IN_REGION),
    Grant(A.REPORT_VIEW_AGGREGATE, R.POLICY_ANALYST, Rel.IN_REGION),
)

GRANTS_BY_ACTION: dict[A, tuple[Grant, ...]] = {
    action: tuple(g for g in GRANTS if g.action == action) for action in A
}
