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
    CASE_AT_SCHOOL = "case_at_school"  # the case belongs to a school where the role is held
    GUARDIAN_OF_CASE_PUPIL = "guardian_of_case_pupil"  # guardian (with information right) of the case's pupil
    IS_CASE_PUPIL = "is_case_pupil"  # the case is the pupil's own
    OWN_EVENT = "own_event"  # the user wrote the timeline event (the only way to see a private note)
    TEAM_EVENT_OF_TAUGHT_PUPIL = "team_event_of_taught_pupil"  # care-team or parent level, pupil in own group
    TEAM_EVENT_AT_SCHOOL = "team_event_at_school"  # care-team or parent level, case at the role's school
    PARENT_EVENT_OF_GUARDED_PUPIL = "parent_event_of_guarded_pupil"  # parent level only, guardian's child
    PARENT_EVENT_OF_OWN_CASE = "parent_event_of_own_case"  # parent level only, the pupil's own case
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
    Grant(A.CASE_VIEW, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_VIEW, R.SCHOOL_HEAD, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_VIEW, R.GUARDIAN, Rel.GUARDIAN_OF_CASE_PUPIL),
    Grant(A.CASE_VIEW, R.PUPIL, Rel.IS_CASE_PUPIL),
    Grant(A.CASE_VIEW_TEAM, R.TEACHER, Rel.TEACHES_CASE_PUPIL),
    Grant(A.CASE_VIEW_TEAM, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_VIEW_TEAM, R.SCHOOL_HEAD, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_CONTRIBUTE, R.TEACHER, Rel.TEACHES_CASE_PUPIL),
    Grant(A.CASE_CONTRIBUTE, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_CONTRIBUTE, R.SCHOOL_HEAD, Rel.CASE_AT_SCHOOL),
    Grant(A.CASE_MANAGE, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.PLAN_EDIT, R.TEACHER, Rel.TEACHES_CASE_PUPIL),
    Grant(A.PLAN_EDIT, R.CARE_COORDINATOR, Rel.CASE_AT_SCHOOL),
    Grant(A.TIMELINE_VIEW, R.TEACHER, Rel.OWN_EVENT),
    Grant(A.TIMELINE_VIEW, R.CARE_COORDINATOR, Rel.OWN_EVENT),
    Grant(A.TIMELINE_VIEW, R.SCHOOL_HEAD, Rel.OWN_EVENT),
    Grant(A.TIMELINE_VIEW, R.TEACHER, Rel.TEAM_EVENT_OF_TAUGHT_PUPIL),
    Grant(A.TIMELINE_VIEW, R.CARE_COORDINATOR, Rel.TEAM_EVENT_AT_SCHOOL),
    Grant(A.TIMELINE_VIEW, R.SCHOOL_HEAD, Rel.TEAM_EVENT_AT_SCHOOL),
    Grant(A.TIMELINE_VIEW, R.GUARDIAN, Rel.PARENT_EVENT_OF_GUARDED_PUPIL),
    Grant(A.TIMELINE_VIEW, R.PUPIL, Rel.PARENT_EVENT_OF_OWN_CASE),
    Grant(A.GROUP_REVIEW, R.TEACHER, Rel.TEACHES_GROUP),
    Grant(A.GROUP_REVIEW, R.CARE_COORDINATOR, Rel.GROUP_AT_SCHOOL),
    Grant(A.ROUTE_MANAGE, R.FUNCTIONAL_ADMIN, Rel.IN_REGION),
    Grant(A.ROUTE_MANAGE, R.FUNCTIONAL_ADMIN, Rel.REGION_OF_SCHOOL),
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
    Grant(A.STAFFROLE_MANAGE, R.FUNCTIONAL_ADMIN, Rel.IN_REGION),
    # --- Accounts and oversight -----------------------------------------------------------------------------------
    Grant(A.USER_MANAGE, R.SYSTEM_ADMIN, Rel.ANY),
    Grant(A.USER_MANAGE, R.FUNCTIONAL_ADMIN, Rel.ANY),
    Grant(A.AUDIT_VIEW, R.PRIVACY_OFFICER, Rel.ANY),
    Grant(A.REPORT_VIEW_AGGREGATE, R.POLICY_ANALYST, Rel.ANY),
    Grant(A.REPORT_VIEW_AGGREGATE, R.CARE_COORDINATOR, Rel.ANY),
    Grant(A.REPORT_VIEW_AGGREGATE, R.TEAM_LEAD, Rel.ANY),
)

GRANTS_BY_ACTION: dict[A, tuple[Grant, ...]] = {
    action: tuple(g for g in GRANTS if g.action == action) for action in A
}
