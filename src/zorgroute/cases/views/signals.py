"""Signals: a teacher records a concern in under a minute; the care coordinator triages them in an inbox."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.access import fetch, policy
from zorgroute.access.actions import Action
from zorgroute.cases import services, work_selectors
from zorgroute.cases.forms_signals import SignalForm, TriageForm
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.views._helpers import add_domain_error

INBOX_PAGE_SIZE = 25


def _back_url(request: HttpRequest, default: str) -> str:
    """Where to return after recording a signal: the page it was opened from (same site only)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
def signal_create(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    """The signal form; a full page without JavaScript, a panel on the pupil page or group overview with htmx."""
    pupil = fetch.access_pupil(request.user, pupil_uuid, Action.SIGNAL_CREATE)
    school = pupil.current_school
    domains = work_selectors.problem_domains(region_id=school.region_id) if school else {}
    form = SignalForm(request.POST or None, domains=domains)
    back = _back_url(request, reverse("pupils:pupil-detail", args=[pupil.uuid]))
    htmx = bool(getattr(request, "htmx", False))
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_create(actor=request.user, pupil=pupil, **form.service_kwargs())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if htmx:
                return render(request, "cases/_signal_done.html", {"pupil": pupil, "back": back})
            messages.success(request, _("The signal was recorded. The care coordinator will look at it."))
            return redirect(back)
    template = "cases/_signal_panel.html" if htmx else "cases/signal_form.html"
    return render(request, template, {"form": form, "pupil": pupil, "back": back})


@login_required
def signal_inbox(request: HttpRequest) -> HttpResponse:
    """The care coordinator's triage inbox: every signal of their schools that awaits a decision."""
    if not work_selectors.triage_allowed(user=request.user):
        raise PermissionDenied(Action.SIGNAL_TRIAGE.value)
    page = Paginator(work_selectors.triage_inbox(user=request.user), INBOX_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    audit.record("signal.listed", actor=request.user, changes={"results": page.paginator.count})
    return render(request, "cases/signal_inbox.html", {"page": page, "decision": TriageForm})


@login_required
def signal_triage(request: HttpRequest, signal_uuid: str) -> HttpResponse:
    """One signal with the three decisions: open a case, add it to the open case, keep it in the classroom."""
    user = request.user
    signal = fetch.access_signal(user, signal_uuid, Action.SIGNAL_TRIAGE)
    open_case_uuid = work_selectors.signal_open_case_uuid(user=user, signal=signal)
    form = TriageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            if decision == TriageForm.OPEN:
                policy.require(user, Action.CASE_OPEN, signal.pupil)
                case = services.signal_open_case(actor=user, signal=signal)
                messages.success(
                    request, _("A case was opened for %(name)s.") % {"name": signal.pupil.full_name}
                )
                return redirect("cases:case-detail", case_uuid=case.uuid)
            elif decision == TriageForm.LINK:
                case = fetch.access_case(user, form.cleaned_data["case"], Action.CASE_CONTRIBUTE)
                services.signal_link(actor=user, signal=signal, case=case)
                message = _("The signal about %(name)s was added to the open case.")
            else:
                services.signal_keep_in_class(actor=user, signal=signal, reason=form.cleaned_data["reason"])
                message = _("The signal about %(name)s stays in the classroom.")
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, message % {"name": signal.pupil.full_name})
            return redirect("cases:signal-inbox")
    return render(
        request,
        "cases/signal_triage.html",
        {
            "signal": signal,
            "domains": list(signal.domains.all()),
            "form": form,
            "open_case_uuid": open_case_uuid,
            "decision": TriageForm,
        },
    )
