"""Consent of a case: what the records allow per forum, recording a consent and the parties' answers, withdrawal,
and the school head's decision to discuss a pupil by name without consent (in sudo mode).

Every view fetches the case through access/ (cases.views._case.case_for); a record is looked up inside that case
only, so a record of a hidden or another case answers like a missing one.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgroute.access.actions import Action
from zorgroute.access.policy import can, visible_partners
from zorgroute.accounts.sudo import sudo_required
from zorgroute.cases.case_selectors import route_forums
from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case
from zorgroute.cases.views._case import case_crumbs, case_for, render_case_form
from zorgroute.consents import selectors, services
from zorgroute.consents.forms import (
    ConsentAnswerForm,
    ConsentOverrideForm,
    ConsentRecordForm,
    ConsentWithdrawForm,
)
from zorgroute.consents.models import ConsentRecord
from zorgroute.core.exceptions import DomainError
from zorgroute.core.time import today
from zorgroute.organisations.views._helpers import add_domain_error


def _overview_url(case: Case) -> str:
    return reverse("consents:consent-overview", args=[case.uuid])


def _pupil_label(case: Case) -> str:
    return _("%(name)s (the pupil, %(age)d years)") % {
        "name": case.pupil.full_name,
        "age": selectors.age_on(case.pupil, today()),
    }


def _record_in(case: Case, record_uuid: str) -> ConsentRecord:
    record = selectors.record_in_case(case=case, key=record_uuid)
    if record is None:
        raise Http404
    return record


@login_required
def consent_overview(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_VIEW_TEAM)
    picture = selectors.case_consent(case)
    is_open = case.status == CaseStatus.OPEN
    return render(
        request,
        "consents/consent_overview.html",
        {
            "case": case,
            "picture": picture,
            "may_manage": can(request.user, Action.CASE_MANAGE, case) and is_open,
            "may_override": can(request.user, Action.CONSENT_OVERRIDE, case) and is_open,
            "crumbs": case_crumbs(case, (_("Consent"), None)),
        },
    )


@login_required
def consent_add(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    form = ConsentRecordForm(
        request.POST or None,
        request.FILES or None,
        forums=route_forums(case=case),
        partners=visible_partners(request.user)
        .filter(region_id=case.school.region_id, is_active=True)
        .select_related("partner_type")
        .order_by("name"),
        links=selectors.guardian_links(case.pupil),
        pupil_label=_pupil_label(case),
        initial={"forum_kind": request.GET.get("forum"), "recorded_on": today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(actor=request.user, case=case, **form.record_values())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect(_overview_url(case))
    parties = selectors.required_party_links(case)
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Record consent"),
        submit_label=_("Record consent"),
        extra={"cancel_url": _overview_url(case), "parties": parties},
        template="consents/consent_form.html",
    )


@login_required
def consent_answer(request: HttpRequest, case_uuid: str, record_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    record = _record_in(case, record_uuid)
    form = ConsentAnswerForm(
        request.POST or None, links=selectors.guardian_links(case.pupil), pupil_label=_pupil_label(case)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_answer(
                actor=request.user,
                record=record,
                guardian=form.guardian(),
                answer=form.cleaned_data["answer"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The answer was recorded."))
            return redirect(_overview_url(case))
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Record an answer"),
        submit_label=_("Record answer"),
        intro=str(record),
        extra={"cancel_url": _overview_url(case)},
    )


@login_required
def consent_withdraw(request: HttpRequest, case_uuid: str, record_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    record = _record_in(case, record_uuid)
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(actor=request.user, record=record)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The consent was withdrawn. It no longer counts from now on."))
            return redirect(_overview_url(case))
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Withdraw consent"),
        submit_label=_("Withdraw"),
        intro=str(record),
        warning=_("The forum and its partners lose what this consent allowed at once."),
        danger=True,
        extra={"cancel_url": _overview_url(case)},
    )


@login_required
def consent_scan(request: HttpRequest, case_uuid: str, record_uuid: str) -> FileResponse:
    """The scan of a signed consent form, for who manages the case; every download is audited."""
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    record = _record_in(case, record_uuid)
    if not record.evidence_file:
        raise Http404
    services.consent_scan_downloaded(actor=request.user, record=record)
    kind = record.evidence_file.name.rsplit(".", 1)[-1]
    return FileResponse(
        record.evidence_file.open("rb"),
        as_attachment=True,
        filename=f"toestemming-{record.recorded_on:%Y%m%d}.{kind}",
        content_type=SCAN_TYPES.get(kind, "application/octet-stream"),
    )


SCAN_TYPES = {"pdf": "application/pdf", "jpg": "image/jpeg", "png": "image/png"}


@login_required
@sudo_required
def consent_override(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CONSENT_OVERRIDE)
    form = ConsentOverrideForm(
        request.POST or None, forums=route_forums(case=case), initial={"forum_kind": request.GET.get("forum")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_override(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Your decision was recorded. The parents see it in the timeline."))
            return redirect(_overview_url(case))
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Discuss by name without consent"),
        submit_label=_("Record my decision"),
        intro=_(
            "Only with a serious concern and parents who refuse. Your decision, with its motivation, is kept in the "
            "dossier and the audit log, marked wherever the case appears and counted in the reports."
        ),
        danger=True,
        extra={"cancel_url": _overview_url(case)},
    )
