"""External referrals and the partner workspace.

- The care coordinator refers a case from the case page (`referral_create`, the case fetched with
  `external_referral.create`) and may withdraw a referral.
- The referral page is shared: the school's staff see it with a link to the case; the receiving partner's staff see
  the referral and nothing else of the case, give back-reports and name the worker who takes it on.
- The workspace is the partner's home: meetings, agenda summaries, actions, referrals.

Objects come through access/ (`access_external_referral`, `case_for`): not visible → 404, visible but not allowed
→ 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext

from zorgroute import audit
from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can, can_any
from zorgroute.cases.views._case import case_crumbs, case_for, case_url, render_case_form
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.views._helpers import add_domain_error, paginate, region_crumbs, render_form
from zorgroute.referrals import selectors, services
from zorgroute.referrals.constants import DEFAULT_BACK_REPORT_WEEKS, BackReportKind
from zorgroute.referrals.forms import BACK_REPORT_FORMS, CareKindForm, ReferForm, WithdrawForm, WorkerForm
from zorgroute.referrals.models import ExternalReferral
from zorgroute.referrals.workspace import partner_workspace

Crumbs = list[tuple[str, str | None]]

BACK_REPORT_TITLES = {
    BackReportKind.WAITING_LIST: gettext_lazy("Back-report: on the waiting list"),
    BackReportKind.STARTED: gettext_lazy("Back-report: the help started"),
    BackReportKind.RESULT: gettext_lazy("Back-report: the result"),
    BackReportKind.ENDED: gettext_lazy("Back-report: the help ended"),
}


def _detail_url(referral: ExternalReferral) -> str:
    return reverse("referrals:referral-detail", args=[referral.uuid])


def _crumbs(request: HttpRequest, referral: ExternalReferral, *more: tuple[str, str | None]) -> Crumbs:
    """The case's crumbs for the school's staff; the workspace for the partner's, who do not see the case."""
    title = _("Referral to %(partner)s") % {"partner": referral.partner.name}
    if can(request.user, Action.CASE_VIEW, referral.case):
        return case_crumbs(referral.case, (title, _detail_url(referral) if more else None), *more)
    return [
        (_("My workspace"), reverse("referrals:workspace")),
        (title, _detail_url(referral) if more else None),
        *more,
    ]


# --- Referring a case (the care coordinator) -------------------------------------------------------------------


@login_required
def referral_create(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.EXTERNAL_REFERRAL_CREATE)
    partners = selectors.partner_choices(user=request.user, case=case)
    kinds = selectors.care_kinds(region_id=case.school.region_id)
    form = ReferForm(
        request.POST or None,
        partners=partners,
        care_kinds=kinds,
        workers=selectors.worker_choices(partners=partners),
        discussions=selectors.discussion_choices(case=case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.external_referral_create(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, _("The case was referred. The partner sees the referral in their workspace.")
            )
            return redirect(case_url(case) + "#external-referrals-heading")
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Refer to a partner organisation"),
        submit_label=_("Refer"),
        intro=_(
            "The partner organisation's staff see this referral (the pupil, the question and who referred), not the "
            "rest of the case, and report back on it here."
        ),
        warning=""
        if kinds.exists()
        else _("No kinds of care are set up for your region yet. Ask the functional administrator."),
    )


# --- One referral ----------------------------------------------------------------------------------------------


@login_required
def referral_detail(request: HttpRequest, referral_uuid: str) -> HttpResponse:
    user = request.user
    referral = fetch.access_external_referral(user, referral_uuid)
    may_report = can(user, Action.EXTERNAL_REFERRAL_REPORT, referral) and not referral.is_closed
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "history": selectors.referral_history(referral=referral),
            "help_started_on": selectors.help_started_on(referral=referral),
            "can_see_case": can(user, Action.CASE_VIEW, referral.case),
            "may_report": may_report,
            "report_kinds": BackReportKind.choices if may_report else [],
            "may_withdraw": can(user, Action.EXTERNAL_REFERRAL_WITHDRAW, referral) and not referral.is_closed,
            "crumbs": _crumbs(request, referral),
        },
    )


def _render_form(
    request: HttpRequest,
    referral: ExternalReferral,
    *,
    form: Any,
    title: str,
    submit_label: str,
    danger: bool = False,
) -> HttpResponse:
    return render(
        request,
        "referrals/referral_form.html",
        {
            "referral": referral,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "danger": danger,
            "cancel_url": _detail_url(referral),
            "crumbs": _crumbs(request, referral, (title, None)),
        },
    )


@login_required
def back_report_add(request: HttpRequest, referral_uuid: str, kind: str) -> HttpResponse:
    if kind not in BACK_REPORT_FORMS:
        raise Http404
    referral = fetch.access_external_referral(request.user, referral_uuid, Action.EXTERNAL_REFERRAL_REPORT)
    form = BACK_REPORT_FORMS[kind](request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.back_report_add(actor=request.user, referral=referral, kind=kind, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Thank you: the school sees your back-report."))
            return redirect(_detail_url(referral))
    return _render_form(
        request,
        referral,
        form=form,
        title=str(BACK_REPORT_TITLES[BackReportKind(kind)]),
        submit_label=pgettext("back-report form button", "Report"),
    )


@login_required
def referral_assign(request: HttpRequest, referral_uuid: str) -> HttpResponse:
    referral = fetch.access_external_referral(request.user, referral_uuid, Action.EXTERNAL_REFERRAL_REPORT)
    form = WorkerForm(
        request.POST or None,
        workers=selectors.partner_workers(partner=referral.partner),
        initial={"worker": referral.worker.uuid if referral.worker else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.external_referral_assign(actor=request.user, referral=referral, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The worker was saved."))
            return redirect(_detail_url(referral))
    return _render_form(
        request, referral, form=form, title=_("Who takes the referral on?"), submit_label=_("Save")
    )


@login_required
def referral_withdraw(request: HttpRequest, referral_uuid: str) -> HttpResponse:
    referral = fetch.access_external_referral(request.user, referral_uuid, Action.EXTERNAL_REFERRAL_WITHDRAW)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.external_referral_withdraw(actor=request.user, referral=referral, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The referral was withdrawn."))
            return redirect(case_url(referral.case) + "#external-referrals-heading")
    return _render_form(
        request,
        referral,
        form=form,
        title=_("Withdraw the referral"),
        submit_label=_("Withdraw the referral"),
        danger=True,
    )


# --- Lists -----------------------------------------------------------------------------------------------------


@login_required
def referral_list(request: HttpRequest) -> HttpResponse:
    """The external referrals the user follows (the school's), overdue back-reports first."""
    if not can_any(request.user, Action.EXTERNAL_REFERRAL_VIEW):
        raise PermissionDenied(Action.EXTERNAL_REFERRAL_VIEW.value)  # a plain 403: the page names no pupil
    include_closed = request.GET.get("alle") == "1"
    page = paginate(request, selectors.referral_list(user=request.user, include_closed=include_closed))
    if page.object_list:
        audit.record(
            "case.listed",
            actor=request.user,
            changes={"list": "external_referrals", "rows": len(page.object_list), "page": page.number},
        )
    return render(
        request,
        "referrals/referral_list.html",
        {
            "page": page,
            "include_closed": include_closed,
            "overdue_count": selectors.overdue_count(user=request.user),
            "crumbs": [(_("External referrals"), None)],
        },
    )


@login_required
def workspace(request: HttpRequest) -> HttpResponse:
    """The partner's workspace: their meetings, the cases on those agendas, their actions and referrals."""
    fetch.require(request.user, Action.PARTNER_WORKSPACE)
    work = partner_workspace(user=request.user)
    if work.has_rows:
        audit.record("case.listed", actor=request.user, changes={"list": "partner_workspace", **work.counts})
    return render(request, "referrals/workspace.html", {"work": work, "crumbs": [(_("My workspace"), None)]})


# --- Kinds of care of a region (the functional administrator) --------------------------------------------------


def _care_kinds_url(region: Any) -> str:
    return reverse("referrals:care-kind-list", args=[region.uuid])


@login_required
def care_kind_list(request: HttpRequest, region_uuid: str) -> HttpResponse:
    """The region's kinds of care; a POST installs the defaults a region starts with."""
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    if request.method == "POST":
        created = services.care_kinds_install_defaults(actor=request.user, region=region)
        messages.success(
            request,
            ngettext("%(count)d kind of care was added.", "%(count)d kinds of care were added.", len(created))
            % {"count": len(created)}
            if created
            else _("The region already has every default kind of care."),
        )
        return redirect(_care_kinds_url(region))
    return render(
        request,
        "referrals/care_kind_list.html",
        {
            "region": region,
            "kinds": list(selectors.region_care_kinds(region_id=region.pk)),
            "crumbs": region_crumbs(region, (_("Kinds of care"), None)),
        },
    )


@login_required
def care_kind_edit(request: HttpRequest, region_uuid: str, kind_uuid: str | None = None) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    kind = None
    if kind_uuid is not None:
        kind = selectors.care_kind_in_region(region_id=region.pk, key=kind_uuid)
        if kind is None:
            raise Http404
    initial = (
        {
            "name": kind.name,
            "needs_indication": kind.needs_indication,
            "back_report_weeks": kind.back_report_weeks,
            "is_active": kind.is_active,
        }
        if kind
        else {"back_report_weeks": DEFAULT_BACK_REPORT_WEEKS, "is_active": True}
    )
    form = CareKindForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.care_kind_save(actor=request.user, region=region, kind=kind, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The kind of care was saved."))
            return redirect(_care_kinds_url(region))
    return render_form(
        request,
        form=form,
        title=_("Change a kind of care") if kind else _("Add a kind of care"),
        submit_label=_("Save"),
        cancel_url=_care_kinds_url(region),
        crumbs=region_crumbs(region, (_("Kinds of care"), _care_kinds_url(region))),
    )
