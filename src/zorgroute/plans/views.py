"""The intervention log and the action plans of a case: versions, a draft with goals, making it current, the
parents' agreement and the evaluation per goal.

Every view fetches the case through access/ (cases.views._case.case_for) with the action it needs; a plan is looked
up inside that case only, so a plan of a hidden case, or of another case, answers like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case
from zorgroute.cases.views._case import case_crumbs, case_for, render_case_form
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.views._helpers import add_domain_error
from zorgroute.plans import selectors, services
from zorgroute.plans.forms import (
    AgreementForm,
    EvaluationForm,
    InterventionForm,
    PlanForm,
    goal_formset,
    goals_from,
)
from zorgroute.plans.models import ActionPlan

MORE_GOALS = "more_goals"


def _plans_url(case: Case) -> str:
    return reverse("plans:plan-list", args=[case.uuid])


def _plan_url(plan: ActionPlan) -> str:
    return reverse("plans:plan-detail", args=[plan.case.uuid, plan.uuid])


def _plan_for(request: HttpRequest, case_uuid: str, plan_uuid: str, action: Action) -> ActionPlan:
    case = case_for(request, case_uuid, action)
    plan = selectors.plan_in_case(case=case, key=plan_uuid)
    if plan is None:
        raise Http404
    return plan


def _plan_crumbs(plan: ActionPlan, title: str | None = None) -> list[tuple[str, str | None]]:
    crumbs = case_crumbs(plan.case, (_("Action plans"), _plans_url(plan.case)))
    if title is None:
        return [*crumbs, (str(plan), None)]
    return [*crumbs, (str(plan), _plan_url(plan)), (title, None)]


# --- Intervention log ----------------------------------------------------------------------------------------------


@login_required
def intervention_list(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_VIEW_TEAM)
    may_add = can(request.user, Action.CASE_CONTRIBUTE, case)
    return render(
        request,
        "plans/intervention_list.html",
        {
            "case": case,
            "interventions": selectors.intervention_list(case=case),
            "form": InterventionForm() if may_add and case.status == CaseStatus.OPEN else None,
            "crumbs": case_crumbs(case, (_("Intervention log"), None)),
        },
    )


@login_required
def intervention_add(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_CONTRIBUTE)
    form = InterventionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.intervention_add(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The intervention was added to the log."))
            return redirect("plans:intervention-list", case.uuid)
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Log an intervention"),
        submit_label=_("Add to the log"),
        intro=_(
            "What was tried, over which period, and with what effect. You are recorded as the one who did it."
        ),
    )


# --- Action plans --------------------------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_VIEW_TEAM)
    return render(
        request,
        "plans/plan_list.html",
        {
            "case": case,
            "plans": selectors.plan_versions(case=case),
            "may_edit": can(request.user, Action.PLAN_EDIT, case) and case.status == CaseStatus.OPEN,
            "crumbs": case_crumbs(case, (_("Action plans"), None)),
        },
    )


def _plan_form_page(
    request: HttpRequest,
    *,
    case: Case,
    form: PlanForm,
    goals: Any,
    title: str,
    crumbs: list[tuple[str, str | None]],
    cancel_url: str,
    draft: ActionPlan | None = None,
) -> HttpResponse:
    return render(
        request,
        "plans/plan_form.html",
        {
            "case": case,
            "form": form,
            "goals": goals,
            "title": title,
            "crumbs": crumbs,
            "cancel_url": cancel_url,
            "draft": draft,
            "more_goals": MORE_GOALS,
        },
    )


def _plan_kwargs(form: PlanForm, goals: Any) -> dict[str, Any]:
    return {**form.cleaned_data, "goals": goals_from(goals)}


def _goal_error(form: PlanForm, exc: DomainError) -> None:
    """Errors about the goals as a whole are shown above the form, where the goal rows begin."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


@login_required
def plan_create(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.PLAN_EDIT)
    initial, initial_goals = selectors.plan_initial(case=case)
    data = request.POST if request.method == "POST" else None
    more = data is not None and MORE_GOALS in data
    form = PlanForm(data, initial=initial)
    goals = goal_formset(data, initial=initial_goals, more=more)
    if data is not None and not more and form.is_valid() and goals.is_valid():
        try:
            plan = services.plan_create(actor=request.user, case=case, **_plan_kwargs(form, goals))
        except DomainError as exc:
            _goal_error(form, exc)
        else:
            messages.success(request, _("The draft was saved. Make it the current plan when it is ready."))
            return redirect("plans:plan-detail", case.uuid, plan.uuid)
    title = _("New version of the action plan")
    return _plan_form_page(
        request,
        case=case,
        form=form,
        goals=goals,
        title=title,
        crumbs=case_crumbs(case, (_("Action plans"), _plans_url(case)), (title, None)),
        cancel_url=_plans_url(case),
        draft=selectors.draft_plan(case=case),
    )


@login_required
def plan_edit(request: HttpRequest, case_uuid: str, plan_uuid: str) -> HttpResponse:
    plan = _plan_for(request, case_uuid, plan_uuid, Action.PLAN_EDIT)
    initial, initial_goals = selectors.plan_draft_initial(plan=plan)
    data = request.POST if request.method == "POST" else None
    more = data is not None and MORE_GOALS in data
    form = PlanForm(data, initial=initial)
    goals = goal_formset(data, initial=initial_goals, more=more)
    if data is not None and not more and form.is_valid() and goals.is_valid():
        try:
            services.plan_update_draft(actor=request.user, plan=plan, **_plan_kwargs(form, goals))
        except DomainError as exc:
            _goal_error(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("plans:plan-detail", plan.case.uuid, plan.uuid)
    title = _("Change the draft")
    return _plan_form_page(
        request,
        case=plan.case,
        form=form,
        goals=goals,
        title=title,
        crumbs=_plan_crumbs(plan, title),
        cancel_url=_plan_url(plan),
    )


@login_required
def plan_detail(request: HttpRequest, case_uuid: str, plan_uuid: str) -> HttpResponse:
    plan = _plan_for(request, case_uuid, plan_uuid, Action.CASE_VIEW_TEAM)
    return render(
        request,
        "plans/plan_detail.html",
        {
            "case": plan.case,
            "plan": plan,
            "overdue": selectors.is_evaluation_overdue(plan),
            "evaluations": selectors.plan_evaluations(plan=plan),
            "signatures": selectors.plan_signatures(plan=plan),
            "may_edit": can(request.user, Action.PLAN_EDIT, plan.case)
            and plan.case.status == CaseStatus.OPEN,
            "crumbs": _plan_crumbs(plan),
        },
    )


@login_required
def plan_activate(request: HttpRequest, case_uuid: str, plan_uuid: str) -> HttpResponse:
    plan = _plan_for(request, case_uuid, plan_uuid, Action.PLAN_EDIT)
    error = ""
    if request.method == "POST":
        try:
            services.plan_activate(actor=request.user, plan=plan)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("%(plan)s is now the current plan.") % {"plan": str(plan)})
            return redirect("plans:plan-detail", plan.case.uuid, plan.uuid)
    title = _("Make %(plan)s the current plan") % {"plan": str(plan)}
    return render(
        request,
        "plans/plan_activate.html",
        {
            "case": plan.case,
            "plan": plan,
            "title": title,
            "error": error,
            "current": selectors.current_plan(case=plan.case),
            "crumbs": _plan_crumbs(plan, title),
        },
    )


@login_required
def plan_agreement(request: HttpRequest, case_uuid: str, plan_uuid: str) -> HttpResponse:
    plan = _plan_for(request, case_uuid, plan_uuid, Action.PLAN_EDIT)
    form = AgreementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_record_agreement(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The parents' agreement was recorded."))
            return redirect("plans:plan-detail", plan.case.uuid, plan.uuid)
    title = _("Parents' agreement with %(plan)s") % {"plan": str(plan)}
    return render_case_form(
        request,
        case=plan.case,
        form=form,
        title=title,
        submit_label=_("Record agreement"),
        intro=_("Record when and how the parents agreed with this version. Digital signing follows later."),
        extra={"crumbs": _plan_crumbs(plan, title), "cancel_url": _plan_url(plan)},
    )


@login_required
def plan_evaluate(request: HttpRequest, case_uuid: str, plan_uuid: str) -> HttpResponse:
    plan = _plan_for(request, case_uuid, plan_uuid, Action.PLAN_EDIT)
    form = EvaluationForm(request.POST or None, goals=list(plan.goals.all()))
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_record(actor=request.user, plan=plan, **form.service_kwargs())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The evaluation was recorded."))
            return redirect("plans:plan-detail", plan.case.uuid, plan.uuid)
    title = _("Evaluate %(plan)s") % {"plan": str(plan)}
    return render(
        request,
        "plans/plan_evaluate.html",
        {
            "case": plan.case,
            "plan": plan,
            "form": form,
            "title": title,
            "crumbs": _plan_crumbs(plan, title),
            "cancel_url": _plan_url(plan),
        },
    )
