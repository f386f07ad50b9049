from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgroute.access.actions import Action
from zorgroute.access.policy import can, can_any
from zorgroute.access.principal import load
from zorgroute.access.rules import Role
from zorgroute.cases import work_selectors
from zorgroute.home import selectors

REPORT_ACTIONS = (Action.REPORT_VIEW_SCHOOL, Action.REPORT_VIEW_REGION, Action.REPORT_VIEW_AGGREGATE)

STAFF_ROLES = {
    Role.TEACHER,
    Role.CARE_COORDINATOR,
    Role.SCHOOL_HEAD,
    Role.TEAM_MEMBER,
    Role.TEAM_LEAD,
    Role.PARTNER_STAFF,
}


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """One page, a section per role the user holds (someone can be teacher and care coordinator)."""
    user = request.user
    roles = load(user).roles
    context = {
        "roles": roles,
        "is_teacher": Role.TEACHER in roles,
        "is_coordinator": bool(roles & {Role.CARE_COORDINATOR, Role.SCHOOL_HEAD}),
        "is_team_member": bool(roles & {Role.TEAM_MEMBER, Role.TEAM_LEAD}),
        "is_admin": can(user, Action.USER_MANAGE) or Role.FUNCTIONAL_ADMIN in roles,
        "is_family": bool(roles & {Role.GUARDIAN, Role.PUPIL}),
        "can_audit": can(user, Action.AUDIT_VIEW),
        "can_reports": any(can_any(user, action) for action in REPORT_ACTIONS),
        "can_quality": can_any(user, Action.QUALITY_VIEW),
        "can_search": can(user, Action.PUPIL_SEARCH),
        "is_partner": can(user, Action.PARTNER_WORKSPACE),
    }
    if roles & STAFF_ROLES:
        context["work"] = work_selectors.work_counts(user=user)
    if context["is_teacher"]:
        context["groups"] = selectors.teacher_groups(user=user)
    if context["is_coordinator"]:
        context["schools"] = selectors.coordinator_schools(user=user)
    if context["is_partner"] or context["is_coordinator"]:
        # External referrals and the partner workspace: the referrals app (lazy import, like the sections above)
        from zorgroute.referrals import selectors as referral_selectors
        from zorgroute.referrals.workspace import workspace_counts

        if context["is_partner"]:
            context["partner_work"] = workspace_counts(user=user)
        if context["is_coordinator"]:
            context["external_overdue"] = referral_selectors.overdue_count(user=user)
    if context["is_team_member"]:
        context["teams"] = selectors.region_teams(user=user)
        context["meetings"] = selectors.upcoming_meetings(user=user)
    if Role.FUNCTIONAL_ADMIN in roles:
        context["regions"] = selectors.admin_regions(user=user)
    if Role.POLICY_ANALYST in roles:
        context["aggregates"] = selectors.region_aggregates(user=user)
        context["consent_mix"] = selectors.consent_mix(user=user)
    if context["is_family"]:
        context["children"] = selectors.own_children(user=user)
    return render(request, "home/home.html", context)
