"""Moving a case along its route: escalate, step back, skip steps with a reason, close, reopen.

The route (cases/route.py, through the services) decides whether a move is allowed; a refusal is shown on the form
with the service's message, listing what is missing, and with what was entered.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from zorgroute.access.actions import Action
from zorgroute.cases import case_selectors, services
from zorgroute.cases.constants import TransitionKind
from zorgroute.cases.forms import CloseForm, EscalateForm, ReopenForm, SkipForm, StepBackForm
from zorgroute.cases.models import Case
from zorgroute.cases.views._case import case_for, render_case_form
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.views._helpers import add_domain_error


def _done(request: HttpRequest, case: Case, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("cases:case-detail", case.uuid)


@login_required
def case_escalate(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    form = EscalateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_transition(
                actor=request.user,
                case=case,
                kind=TransitionKind.ESCALATE,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return _done(request, case, _("The case was escalated to '%(step)s'.") % {"step": case.step.name})
    overview = case_selectors.case_overview(case=case)
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Escalate"),
        submit_label=_("Escalate"),
        extra={"overview": overview, "show_escalation": True},
    )


@login_required
def case_step_back(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    form = StepBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_transition(
                actor=request.user,
                case=case,
                kind=TransitionKind.STEP_BACK,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return _done(
                request, case, _("The case went back to the step '%(step)s'.") % {"step": case.step.name}
            )
    overview = case_selectors.case_overview(case=case)
    intro = ""
    if overview.previous_step is not None:
        intro = _("The case goes back from '%(from)s' to '%(to)s'.") % {
            "from": case.step.name,
            "to": overview.previous_step.name,
        }
    return render_case_form(
        request, case=case, form=form, title=_("Step back"), submit_label=_("Step back"), intro=intro
    )


@login_required
def case_skip(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    form = SkipForm(request.POST or None, targets=case_selectors.skip_targets(case=case))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.case_transition(
                actor=request.user,
                case=case,
                kind=TransitionKind.SKIP,
                reason=data["reason"],
                target_position=data["target"].position,
                skip_reason=data["skip_reason"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return _done(request, case, _("The case moved on to '%(step)s'.") % {"step": case.step.name})
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Skip steps"),
        submit_label=_("Skip steps"),
        intro=_(
            "Skip steps when the complexity is clear (direct referral), in a crisis, or when the pupil came in "
            "through another entry point. Except in a crisis, the escalation package must be complete."
        ),
    )


@login_required
def case_close(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_close(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return _done(request, case, _("The case was closed."))
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Close the case"),
        submit_label=_("Close the case"),
        danger=True,
        intro=_("A closed case can be reopened later."),
    )


@login_required
def case_reopen(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_reopen(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return _done(request, case, _("The case was reopened."))
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Reopen the case"),
        submit_label=_("Reopen"),
        intro=_("The case continues in the step '%(step)s'.") % {"step": case.step.name},
    )
