"""The parent and pupil portal (/ouders/): my children, a child's open care routes, one care route (parent-visible
lines, the current plan to sign, consent per forum to answer, an own view or question), who accessed the dossier,
and the pupil's (16+) choice about informing each parent.

Every object comes through access.fetch with a portal action (portal.view, plan.sign, consent.answer,
case.add_view, pupil.access_log, pupil.informing): an outsider gets the same 404 as a missing object, staff who may
see the pupil but are not family get 403. Reads are audited (pupil.viewed, case.viewed, portal.*).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgroute import audit
from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case
from zorgroute.consents import services as consent_services
from zorgroute.consents.rules import ADULT_AGE
from zorgroute.core.exceptions import DomainError
from zorgroute.core.time import age_on, today
from zorgroute.organisations.views._helpers import add_domain_error
from zorgroute.plans import selectors as plan_selectors
from zorgroute.plans import services as plan_services
from zorgroute.portal import selectors, services
from zorgroute.portal.forms import ConsentAnswerForm, ContributionForm, InformingForm
from zorgroute.pupils import services as pupil_services
from zorgroute.pupils.models import Guardian, Pupil


@login_required
def portal_home(request: HttpRequest) -> HttpResponse:
    data = selectors.portal_children(user=request.user)
    audit.record(
        "portal.children_listed",
        actor=request.user,
        changes={"children": len(data["children"]), "on_request": len(data["on_request"])},
    )
    return render(request, "portal/home.html", data)


@login_required
def child_detail(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    pupil = fetch.access_pupil(request.user, pupil_uuid, Action.PORTAL_VIEW)
    party = selectors.party_of(request.user, pupil)
    return render(
        request,
        "portal/child.html",
        {
            "pupil": pupil,
            "is_self": party is not None and party.is_pupil,
            "cases": selectors.child_cases(user=request.user, pupil=pupil),
            "may_see_log": can(request.user, Action.ACCESS_LOG_VIEW, pupil),
            "may_choose_informing": party is not None
            and party.is_pupil
            and can(request.user, Action.PUPIL_INFORMING, pupil),
        },
    )


def _guardian(pupil: Pupil, party: selectors.Party, links: list[Any]) -> Guardian | None:
    """The guardian row the party answers or signs as (None: the pupil)."""
    if party.is_pupil:
        return None
    link = next((link for link in links if link.guardian_id == party.guardian_id), None)
    if link is None:  # the principal said this guardian is linked; a link removed since then
        raise Http404
    return link.guardian


def _case_page(
    request: HttpRequest, case: Case, *, contribution: ContributionForm | None = None, status: int = 200
) -> HttpResponse:
    user = request.user
    party = selectors.party_of(user, case.pupil)
    is_open = case.status == CaseStatus.OPEN
    return render(
        request,
        "portal/case.html",
        {
            "case": case,
            "pupil": case.pupil,
            "is_self": party is not None and party.is_pupil,
            "events": selectors.family_timeline(user=user, case=case),
            "plan": selectors.family_plan(case=case, party=party),
            "forums": selectors.family_consents(case=case, party=party),
            "may_sign": is_open and can(user, Action.PLAN_SIGN, case),
            "may_answer": is_open and can(user, Action.CONSENT_ANSWER, case),
            "contribution": contribution
            if contribution is not None
            else (ContributionForm() if is_open and can(user, Action.CASE_ADD_VIEW, case) else None),
        },
        status=status,
    )


@login_required
def case_detail(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = fetch.access_case(request.user, case_uuid, Action.PORTAL_VIEW)
    return _case_page(request, case)


def _case_url(case: Case) -> str:
    return reverse("portal:case", args=[case.uuid])


@login_required
@require_POST
def plan_sign(request: HttpRequest, case_uuid: str, plan_uuid: str) -> HttpResponse:
    case = fetch.access_case(request.user, case_uuid, Action.PLAN_SIGN)
    plan = plan_selectors.plan_in_case(case=case, key=plan_uuid)
    party = selectors.party_of(request.user, case.pupil)
    if plan is None or party is None:
        raise Http404
    guardian = _guardian(case.pupil, party, list(case.pupil.guardian_links.select_related("guardian")))
    try:
        plan_services.plan_sign(actor=request.user, plan=plan, guardian=guardian)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, _("Thank you. You signed version %(version)d of the plan.") % {"version": plan.version}
        )
    return redirect(_case_url(case) + "#plan")


@login_required
@require_POST
def consent_answer(request: HttpRequest, case_uuid: str, record_uuid: str) -> HttpResponse:
    case = fetch.access_case(request.user, case_uuid, Action.CONSENT_ANSWER)
    party = selectors.party_of(request.user, case.pupil)
    item = selectors.consent_item(case=case, party=party, record_uuid=record_uuid)
    if item is None or party is None:
        raise Http404
    form = ConsentAnswerForm(request.POST, choices=item.choices)
    if not form.is_valid():
        messages.error(request, _("This answer is not possible for this consent."))
        return redirect(_case_url(case) + "#consent")
    guardian = _guardian(case.pupil, party, list(case.pupil.guardian_links.select_related("guardian")))
    try:
        consent_services.consent_answer(
            actor=request.user, record=item.record, guardian=guardian, answer=form.cleaned_data["answer"]
        )
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your answer has been recorded. It counts from now on."))
    return redirect(_case_url(case) + "#consent")


@login_required
@require_POST
def contribute(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = fetch.access_case(request.user, case_uuid, Action.CASE_ADD_VIEW)
    party = selectors.party_of(request.user, case.pupil)
    form = ContributionForm(request.POST)
    if form.is_valid():
        try:
            services.family_contribution_add(
                actor=request.user,
                case=case,
                kind=form.cleaned_data["kind"],
                text=form.cleaned_data["text"],
                is_pupil=party is not None and party.is_pupil,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Thank you. The school can read your message now."))
            return redirect(_case_url(case) + "#timeline")
    return _case_page(request, case, contribution=form, status=200)


@login_required
def access_log(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    pupil = fetch.access_pupil(request.user, pupil_uuid, Action.ACCESS_LOG_VIEW)
    rows = selectors.access_history(pupil=pupil, viewer=request.user)
    audit.record(
        "portal.access_log_viewed", actor=request.user, target=pupil, pupil=pupil, changes={"rows": len(rows)}
    )
    party = selectors.party_of(request.user, pupil)
    return render(
        request,
        "portal/access_log.html",
        {
            "pupil": pupil,
            "rows": rows,
            "days": selectors.ACCESS_LOG_DAYS,
            "is_self": party is not None and party.is_pupil,
        },
    )


@login_required
def informing(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    """The pupil (16+) chooses per parent whether that parent may see the record (DOMAIN §6)."""
    pupil = fetch.access_pupil(request.user, pupil_uuid, Action.PUPIL_INFORMING)
    pupil = fetch.access_pupil(request.user, pupil.uuid, Action.PORTAL_VIEW)  # the pupil themself, not staff
    members = selectors.family_logins(pupil=pupil)["members"]
    adult = age_on(pupil.date_of_birth, today()) >= ADULT_AGE
    form = InformingForm(request.POST if request.method == "POST" else None, members=members, adult=adult)
    if request.method == "POST" and form.is_valid():
        try:
            for member in members:
                choice = form.cleaned_data[str(member.link.guardian.uuid)]
                pupil_services.pupil_informing_set(actor=request.user, link=member.link, choice=choice)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Your choice has been saved. It counts from now on."))
            return redirect("portal:child", pupil.uuid)
    return render(request, "portal/informing.html", {"pupil": pupil, "form": form, "adult": adult})
