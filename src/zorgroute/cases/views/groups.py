"""The group overview for the group review (groepsbespreking) and recording its outcome per pupil."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgroute import audit
from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.cases import services, work_selectors
from zorgroute.cases.forms_signals import GroupReviewForm
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.models import Group
from zorgroute.organisations.views._helpers import add_domain_error


def _render(request: HttpRequest, group: Group, form: GroupReviewForm | None = None) -> HttpResponse:
    overview = work_selectors.group_overview(user=request.user, group=group)
    form = form or GroupReviewForm(pupils=overview.pupils)
    audit.record(
        "case.listed",
        actor=request.user,
        target=group,
        changes={"list": "group_overview", "pupils": len(overview.pupils)},
    )
    return render(request, "cases/group_overview.html", {"overview": overview, "group": group, "form": form})


@login_required
def group_overview(request: HttpRequest, group_uuid: str) -> HttpResponse:
    group = fetch.access_group(request.user, group_uuid, Action.GROUP_REVIEW)
    return _render(request, group)


@login_required
@require_POST
def group_review_record(request: HttpRequest, group_uuid: str) -> HttpResponse:
    group = fetch.access_group(request.user, group_uuid, Action.GROUP_REVIEW)
    pupils = work_selectors.group_pupils(user=request.user, group=group)
    form = GroupReviewForm(request.POST, pupils=pupils)
    if form.is_valid():
        try:
            services.group_review_record(
                actor=request.user,
                group=group,
                held_on=form.cleaned_data["held_on"],
                outcomes=form.outcomes(),
                notes=form.cleaned_data["notes"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The group review was recorded."))
            return redirect("cases:group-overview", group.uuid)
    return _render(request, group, form)
