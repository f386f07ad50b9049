"""Actions on a case that do not move it along the route: a note, the escalation package, the case owner and
coordinator. (Consent lives in the consents app.)
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from zorgroute.access.actions import Action
from zorgroute.cases import case_selectors, services
from zorgroute.cases.forms import NoteForm, PackageForm, PeopleForm
from zorgroute.cases.views._case import case_for, render_case_form
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.views._helpers import add_domain_error


@login_required
def case_note_add(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_CONTRIBUTE)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.note_add(
                actor=request.user,
                case=case,
                text=form.cleaned_data["text"],
                visibility=form.cleaned_data["visibility"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The note was added to the timeline."))
            return redirect("cases:case-detail", case.uuid)
    return render_case_form(request, case=case, form=form, title=_("Add a note"), submit_label=_("Add note"))


@login_required
def case_package(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    form = PackageForm.for_case(case, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update_package(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The help question and the school's limits were saved."))
            return redirect("cases:case-detail", case.uuid)
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Help question and the school's possibilities and limits"),
        submit_label=_("Save"),
        intro=_(
            "A referral to the care team or the ZAT needs the help question of the school, the parents and the "
            "pupil, and the school's possibilities and limits."
        ),
    )


@login_required
def case_people(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_MANAGE)
    staff = case_selectors.school_staff(school=case.school)
    initial = {
        "owner": case.owner.uuid,
        "coordinator": case.coordinator.uuid if case.coordinator else None,
    }
    form = PeopleForm(request.POST or None, staff=staff, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_set_people(actor=request.user, case=case, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The case owner and coordinator were saved."))
            return redirect("cases:case-detail", case.uuid)
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Case owner and case coordinator"),
        submit_label=_("Save"),
        intro=_("Choose among the staff of %(school)s.") % {"school": case.school.name},
    )
