"""The school's side of a referral to a forum (aanmelding): start it (pre-filled), fill it in with the completeness
check beside it, add SDQ questionnaires of the teacher and the parents, submit it (the case moves to the forum's
step through the route's gate), read it, and download it as a PDF.

Who: the care coordinator, who manages the case (Action.CASE_MANAGE), writes and submits; the school's staff who see
the case's care-team records (Action.CASE_VIEW_TEAM) read it. The case comes from access/ (`case_for`: not visible
or absent → 404, visible but not allowed → 403); the referral is looked up within that case only, so a referral of
a hidden or another case answers like a missing one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.cases.views._case import case_crumbs, case_for
from zorgroute.core.exceptions import DomainError
from zorgroute.meetings import referral_selectors as selectors
from zorgroute.meetings import sdq
from zorgroute.meetings.constants import ReferralStatus
from zorgroute.meetings.models import Referral
from zorgroute.meetings.referral_forms import QuestionnaireAboutForm, ReferralForm
from zorgroute.meetings.sdq_forms import SDQForm
from zorgroute.meetings.services import referral_documents
from zorgroute.meetings.services import referrals as referral_services
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.views._helpers import add_domain_error

FORUM_BY_SLUG = {slug: kind for kind, slug in selectors.FORUM_SLUGS.items()}
VERSION_SLUGS = {sdq.Version.TEACHER: "leerkracht", sdq.Version.PARENT: "ouder"}
VERSION_BY_SLUG = {slug: version for version, slug in VERSION_SLUGS.items()}


def _referral_for(request: HttpRequest, case_uuid: str, referral_uuid: str, action: Action) -> Referral:
    case = case_for(request, case_uuid, action)
    referral = selectors.referral_in_case(case=case, key=referral_uuid)
    if referral is None:
        raise Http404
    return referral


def _detail_url(referral: Referral) -> str:
    return reverse("meetings:referral-detail", args=[referral.case.uuid, referral.uuid])


def _title(referral: Referral) -> str:
    return _("Referral to %(forum)s") % {"forum": selectors.forum_short(referral.forum_kind)}


def _crumbs(referral: Referral, *more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    if not more:
        return case_crumbs(referral.case, (_title(referral), None))
    return case_crumbs(referral.case, (_title(referral), _detail_url(referral)), *more)


@login_required
@require_http_methods(["GET", "POST"])
def referral_start(request: HttpRequest, case_uuid: str, forum_kind: str) -> HttpResponse:
    """GET: what the new referral will be pre-filled with, and a button. POST: the draft, then its form."""
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    kind = FORUM_BY_SLUG.get(forum_kind)
    if kind is None:
        raise Http404
    panel = selectors.case_referrals(case=case)
    choice = next((f for f in panel.forums if f.forum_kind == kind), None)
    if choice is not None and choice.draft is not None:
        return redirect("meetings:referral-edit", case.uuid, choice.draft.uuid)
    refusal = ""
    if request.method == "POST":
        try:
            referral = referral_services.referral_start(actor=request.user, case=case, forum_kind=kind)
        except DomainError as exc:
            refusal = exc.message
        else:
            messages.success(request, _("The referral was started. Complete it and submit it."))
            return redirect("meetings:referral-edit", case.uuid, referral.uuid)
    title = _("Refer to %(forum)s") % {"forum": selectors.forum_short(kind)}
    based_on = selectors.earlier_zorgteam_referral(case) if kind == CareTeamKind.REGIONAL_TEAM else None
    return render(
        request,
        "meetings/referral_start.html",
        {
            "case": case,
            "title": title,
            "forum": selectors.forum_short(kind),
            "prefill": selectors.referral_prefill(case=case, forum_kind=kind),
            "based_on": based_on,
            "refusal": refusal,
            "waiting": choice is not None and choice.waiting,
            "crumbs": case_crumbs(case, (title, None)),
        },
    )


def _check_context(referral: Referral) -> dict[str, Any]:
    return {"check": selectors.referral_check(referral=referral)}


@login_required
@require_http_methods(["GET", "POST"])
def referral_edit(request: HttpRequest, case_uuid: str, referral_uuid: str) -> HttpResponse:
    """All texts and the crisis flag, with what the referral and the route's gate still lack."""
    referral = _referral_for(request, case_uuid, referral_uuid, Action.CASE_MANAGE)
    if referral.status != ReferralStatus.DRAFT:
        messages.info(request, _("A submitted referral can no longer be changed."))
        return redirect(_detail_url(referral))
    initial = {name: getattr(referral, name) for name in referral_services.REFERRAL_TEXTS}
    form = ReferralForm(
        request.POST if request.method == "POST" else None, initial={**initial, "crisis": referral.crisis}
    )
    if request.method == "POST" and form.is_valid():
        try:
            referral_services.referral_update(actor=request.user, referral=referral, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The referral was saved."))
            if request.POST.get("next") == "submit":
                return redirect("meetings:referral-submit", referral.case.uuid, referral.uuid)
            return redirect("meetings:referral-edit", referral.case.uuid, referral.uuid)
    title = _title(referral)
    page = selectors.referral_page(referral=referral)
    return render(
        request,
        "meetings/referral_edit.html",
        {
            "case": referral.case,
            "referral": referral,
            "form": form,
            "page": page,
            "check": page.check,
            "title": title,
            "version_slugs": VERSION_SLUGS,
            "crumbs": _crumbs(referral, (_("Change"), None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_questionnaire(
    request: HttpRequest, case_uuid: str, referral_uuid: str, version: str
) -> HttpResponse:
    """One SDQ (teacher or parent version) on the referral; again later for evaluation."""
    referral = _referral_for(request, case_uuid, referral_uuid, Action.CASE_MANAGE)
    wanted = VERSION_BY_SLUG.get(version)
    if wanted is None:
        raise Http404
    data = request.POST if request.method == "POST" else None
    about = QuestionnaireAboutForm(data)
    sdq_form = SDQForm(data, version=wanted)
    if request.method == "POST" and about.is_valid() and sdq_form.is_valid():
        try:
            referral_documents.referral_questionnaire_record(
                actor=request.user,
                referral=referral,
                version=wanted,
                answers=sdq_form.answers(),
                impact=sdq_form.impact_answers(),
                **about.cleaned_data,
            )
        except DomainError as exc:
            add_domain_error(about, exc)
        else:
            messages.success(request, _("The questionnaire was added."))
            return redirect(_detail_url(referral) + "#sdq-heading")
    label = _("SDQ, teacher version") if wanted == sdq.Version.TEACHER else _("SDQ, parent version")
    return render(
        request,
        "meetings/referral_sdq.html",
        {
            "case": referral.case,
            "referral": referral,
            "about": about,
            "sdq_form": sdq_form,
            "title": label,
            "cancel_url": _detail_url(referral),
            "crumbs": _crumbs(referral, (label, None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def referral_submit(request: HttpRequest, case_uuid: str, referral_uuid: str) -> HttpResponse:
    """What submitting does, then the submission; a refusal shows the route's own message."""
    referral = _referral_for(request, case_uuid, referral_uuid, Action.CASE_MANAGE)
    if referral.status != ReferralStatus.DRAFT:
        messages.info(request, _("This referral was already submitted."))
        return redirect(_detail_url(referral))
    refusal = ""
    if request.method == "POST":
        try:
            referral_services.referral_submit(actor=request.user, referral=referral)
        except DomainError as exc:
            refusal = exc.message
        else:
            case = referral.case
            case.refresh_from_db(fields=["step"])  # the service moved it on its own copy
            messages.success(
                request,
                _("The referral was submitted to %(team)s. The case is now in the step '%(step)s'.")
                % {"team": referral.team.name, "step": case.step.name},
            )
            return redirect("cases:case-detail", case.uuid)
    title = _("Submit the referral")
    return render(
        request,
        "meetings/referral_submit.html",
        {
            "case": referral.case,
            "referral": referral,
            "title": title,
            "refusal": refusal,
            **_check_context(referral),
            "crumbs": _crumbs(referral, (title, None)),
        },
    )


@login_required
def referral_detail(request: HttpRequest, case_uuid: str, referral_uuid: str) -> HttpResponse:
    """The referral as it was sent (or as far as it is written): all sections, the SDQs, its course."""
    referral = _referral_for(request, case_uuid, referral_uuid, Action.CASE_VIEW_TEAM)
    may_manage = can(request.user, Action.CASE_MANAGE, referral.case)
    page = selectors.referral_page(referral=referral)
    return render(
        request,
        "meetings/referral_detail.html",
        {
            "case": referral.case,
            "referral": referral,
            "page": page,
            "texts": [(heading, getattr(referral, name)) for name, heading in selectors.TEXT_HEADINGS],
            "may_manage": may_manage,
            "version_slugs": VERSION_SLUGS,
            "title": _title(referral),
            "crumbs": _crumbs(referral),
        },
    )


def render_pdf(html: str) -> bytes:
    """HTML to PDF with WeasyPrint (imported here: only this page needs Pango)."""
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf


@login_required
def referral_pdf(request: HttpRequest, case_uuid: str, referral_uuid: str) -> HttpResponse:
    """The referral as a PDF for the forum, in the product language; by name only when the forum may see the case
    by name. Every download is audited; the file name never names the pupil."""
    referral = _referral_for(request, case_uuid, referral_uuid, Action.CASE_MANAGE)
    with translation.override(settings.LANGUAGE_CODE):
        document = selectors.referral_document(referral=referral)
        html = render_to_string("meetings/referral_pdf.html", {"doc": document, "referral": referral})
    pdf = render_pdf(html)
    referral_documents.referral_pdf_downloaded(
        actor=request.user, referral=referral, anonymous=document.anonymous
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response
