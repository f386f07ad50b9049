"""The case page: where the case stands, its escalation package and plan, the timeline; a pupil's cases; opening a
case from the pupil page.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.cases import case_selectors, selectors, services
from zorgroute.cases.forms import EscalateForm, NoteForm, OpenCaseForm, TimelineFilterForm
from zorgroute.core.exceptions import DomainError
from zorgroute.meetings import selectors as action_selectors
from zorgroute.organisations.views._helpers import add_domain_error
from zorgroute.plans import selectors as plan_selectors

TIMELINE_TARGET = "timeline"


@login_required
def case_detail(request: HttpRequest, case_uuid: str) -> HttpResponse:
    user = request.user
    case = fetch.access_case(user, case_uuid, Action.CASE_VIEW)
    filter_form = TimelineFilterForm(request.GET or None)
    events = selectors.case_timeline(user=user, case=case, kinds=filter_form.kinds())
    timeline = {"case": case, "events": events, "filter_form": filter_form}
    if getattr(request, "htmx", False) and request.htmx.target == TIMELINE_TARGET:  # type: ignore[attr-defined]
        response = render(request, "cases/_case_timeline.html", {**timeline, "oob": True})
    else:
        may = {
            "see_team": can(user, Action.CASE_VIEW_TEAM, case),
            "contribute": can(user, Action.CASE_CONTRIBUTE, case),
            "manage": can(user, Action.CASE_MANAGE, case),
            "edit_plan": can(user, Action.PLAN_EDIT, case),
        }
        plan = plan_selectors.current_plan(case=case) if may["see_team"] else None
        actions = action_selectors.case_actions(user=user, case=case) if may["see_team"] else []
        for case_action in actions:
            case_action.may_update = case_action.is_open and can(user, Action.ACTION_UPDATE, case_action)  # type: ignore[attr-defined]
        # Parent contact around the zorgteam and the ZAT: the consents app decides (lazy import, docs/architecture.md)
        from zorgroute.consents.conversation_selectors import case_touchpoints

        touchpoints = case_touchpoints(case) if may["see_team"] else None
        # Referrals to the zorgteam and the ZAT: the meetings app (lazy import, like the consents app above)
        from zorgroute.meetings.referral_selectors import case_referrals

        referrals = case_referrals(case=case) if may["see_team"] else None
        # External referrals to partner organisations and their back-reports: the referrals app (lazy import)
        from zorgroute.referrals.selectors import case_external_referrals

        may_refer_external = can(user, Action.EXTERNAL_REFERRAL_CREATE, case)
        external = case_external_referrals(user=user, case=case) if may["see_team"] else []
        response = render(
            request,
            "cases/case_detail.html",
            {
                **timeline,
                "may": may,
                # The page read the active plan already when the user sees the team's part of the case
                "overview": case_selectors.case_overview(
                    case=case, has_current_plan=(plan is not None) if may["see_team"] else None
                ),
                "plan": plan,
                "actions": actions,
                "plan_overdue": plan_selectors.is_evaluation_overdue(plan),
                "touchpoints": touchpoints,
                "referrals": referrals,
                "external_referrals": external if external or may_refer_external else None,
                "may_refer_external": may_refer_external,
                "note_form": NoteForm() if may["contribute"] else None,
                "escalate_form": EscalateForm() if may["manage"] else None,
                "crumbs": [
                    (case.pupil.full_name, reverse("pupils:pupil-detail", args=[case.pupil.uuid])),
                    (_("Cases"), reverse("cases:pupil-cases", args=[case.pupil.uuid])),
                    (_("Case"), None),
                ],
            },
        )
    patch_vary_headers(response, ("HX-Request", "HX-Target"))
    return response


@login_required
def pupil_cases(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    """The pupil's cases this user may see (linked from the pupil page)."""
    pupil = fetch.access_pupil(request.user, pupil_uuid, Action.PUPIL_VIEW)
    return render(
        request,
        "cases/pupil_cases.html",
        {
            "pupil": pupil,
            "cases": case_selectors.pupil_cases(user=request.user, pupil=pupil),
            "can_open": can(request.user, Action.CASE_OPEN, pupil),
            "crumbs": [
                (pupil.full_name, reverse("pupils:pupil-detail", args=[pupil.uuid])),
                (_("Cases"), None),
            ],
        },
    )


@login_required
def case_open(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    pupil = fetch.access_pupil(request.user, pupil_uuid, Action.CASE_OPEN)
    staff = case_selectors.school_staff(school=pupil.current_school)
    form = OpenCaseForm(
        request.POST or None, staff=staff, initial={"owner": getattr(request.user, "uuid", None)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, pupil=pupil, owner=form.cleaned_data["owner"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The case was opened."))
            return redirect("cases:case-detail", case.uuid)
    title = _("Open a case for %(name)s") % {"name": pupil.full_name}
    return render(
        request,
        "cases/case_open.html",
        {
            "pupil": pupil,
            "form": form,
            "title": title,
            "crumbs": [
                (pupil.full_name, reverse("pupils:pupil-detail", args=[pupil.uuid])),
                (_("Cases"), reverse("cases:pupil-cases", args=[pupil.uuid])),
                (title, None),
            ],
        },
    )
