"""Agreed actions of a case: agree one, report it done, cancel it.

The case is fetched through access/ with the action it needs (cases.views._case.case_for); an action is fetched with
access_action, and must belong to the case in the URL, so an action of a hidden or another case answers like a
missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.cases.views._case import case_crumbs, case_for, render_case_form
from zorgroute.core.exceptions import DomainError
from zorgroute.meetings import selectors, services
from zorgroute.meetings.forms import ActionCancelForm, ActionDoneForm, ActionForm, AftercareForm
from zorgroute.meetings.models import CaseAction
from zorgroute.meetings.services import aftercare as aftercare_services
from zorgroute.meetings.summary import forum_summary
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.views._helpers import add_domain_error


def _action_for(request: HttpRequest, case_uuid: str, action_uuid: str, action: Action) -> CaseAction:
    case_action = fetch.access_action(request.user, action_uuid, action)
    if str(case_action.case.uuid) != str(case_uuid):
        raise Http404
    return case_action


# Where finishing an action may return to (`next`, given by the page that lists the action): a fixed set of pages,
# never a URL from the request. Anything else returns to the case page, or "My work" for who may not open the case.
RETURN_TARGETS = {"my-work": "cases:my-work", "workspace": "referrals:workspace"}
DEFAULT_RETURN = "my-work"


def _return_target(request: HttpRequest, *, can_see_case: bool) -> str:
    """The validated `next` of the request ("" for the case page)."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted in RETURN_TARGETS:
        return wanted
    return "" if can_see_case else DEFAULT_RETURN


def _back(request: HttpRequest, case_action: CaseAction) -> HttpResponse:
    """Back where the user came from: their work list or workspace, or the case page."""
    target = _return_target(request, can_see_case=can(request.user, Action.CASE_VIEW, case_action.case))
    if target:
        return redirect(RETURN_TARGETS[target])
    return redirect("cases:case-detail", case_action.case.uuid)


@login_required
def action_add(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_CONTRIBUTE)
    form = ActionForm(
        request.POST if request.method == "POST" else None, candidates=selectors.owner_candidates(case=case)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_agree(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The action was added."))
            return redirect("cases:case-detail", case.uuid)
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Agree an action"),
        submit_label=_("Add action"),
        intro=_(
            "Who does what, and by when. The person carrying it out sees it in their work list; the care "
            "coordinator sees it when it is overdue."
        ),
    )


def _finish_page(
    request: HttpRequest,
    case_uuid: str,
    action_uuid: str,
    *,
    form_class: type[ActionDoneForm] | type[ActionCancelForm],
    cancel: bool,
) -> HttpResponse:
    case_action = _action_for(request, case_uuid, action_uuid, Action.ACTION_UPDATE)
    form = form_class(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            if cancel:
                services.action_cancel(actor=request.user, action=case_action, **form.cleaned_data)
            else:
                services.action_complete(actor=request.user, action=case_action, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The action was cancelled.") if cancel else _("The action is done."))
            return _back(request, case_action)
    return render_case_form(
        request,
        case=case_action.case,
        form=form,
        title=_("Cancel an action") if cancel else _("Report an action done"),
        submit_label=_("Cancel the action") if cancel else _("Done"),
        intro=case_action.title,
        danger=cancel,
        extra=_finish_extra(request, case_action),
        template="meetings/action_form.html",
    )


def _finish_extra(request: HttpRequest, case_action: CaseAction) -> dict[str, object]:
    """Where 'back' leads: the page the action was listed on (`next`), else the case page for those who may see it,
    else the work list (an action's owner from a partner organisation sees the action, not the case)."""
    can_see_case = can(request.user, Action.CASE_VIEW, case_action.case)
    target = _return_target(request, can_see_case=can_see_case)
    return {
        "next": target,
        "can_see_case": can_see_case,
        "cancel_url": reverse(RETURN_TARGETS[target])
        if target
        else reverse("cases:case-detail", args=[case_action.case.uuid]),
    }


@login_required
def action_done(request: HttpRequest, case_uuid: str, action_uuid: str) -> HttpResponse:
    return _finish_page(request, case_uuid, action_uuid, form_class=ActionDoneForm, cancel=False)


@login_required
def action_cancel(request: HttpRequest, case_uuid: str, action_uuid: str) -> HttpResponse:
    return _finish_page(request, case_uuid, action_uuid, form_class=ActionCancelForm, cancel=True)


@login_required
def summary_preview(request: HttpRequest, case_uuid: str, forum_kind: str) -> HttpResponse:
    """What a forum will receive about the case: by name, or de-identified when only an anonymous discussion is
    allowed. The care coordinator checks it before the case goes on an agenda."""
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    if forum_kind not in CareTeamKind.values:
        raise Http404
    forum = str(CareTeamKind(forum_kind).label)
    try:
        summary = forum_summary(case=case, forum_kind=forum_kind)
    except DomainError as exc:
        summary, refusal = None, exc.message
    else:
        refusal = ""
    title = _("What %(forum)s receives") % {"forum": forum}
    return render(
        request,
        "meetings/case_summary.html",
        {
            "case": case,
            "summary": summary,
            "refusal": refusal,
            "title": title,
            "crumbs": case_crumbs(
                case, (_("Consent"), reverse("consents:consent-overview", args=[case.uuid])), (title, None)
            ),
        },
    )


@login_required
def aftercare_record(request: HttpRequest, case_uuid: str, aftercare_uuid: str) -> HttpResponse:
    """Record the aftercare: goal attainment, satisfaction, and close or reopen the case."""
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    aftercare = selectors.aftercare_in_case(case=case, key=aftercare_uuid)
    if aftercare is None:
        raise Http404
    form = AftercareForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            aftercare_services.aftercare_record(actor=request.user, aftercare=aftercare, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The aftercare was recorded."))
            return redirect("cases:case-detail", case.uuid)
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Aftercare"),
        submit_label=_("Record the aftercare"),
        intro=_(
            "Three months after the last discussion: contact the teacher and the parents. Were the goals achieved, "
            "and how did they experience the help?"
        ),
    )
