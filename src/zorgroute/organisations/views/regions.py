"""Regions (list, detail, edit) and school boards (list, create, edit)."""

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
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations import selectors, services
from zorgroute.organisations.forms import BoardForm, RegionForm
from zorgroute.organisations.views._helpers import add_domain_error, paginate, region_crumbs, render_form


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "organisations/region_list.html", {"regions": selectors.region_list(user=request.user)}
    )


@login_required
def region_detail(request: HttpRequest, region_uuid: str) -> HttpResponse:
    user = request.user
    region = fetch.access_region(user, region_uuid, Action.REGION_VIEW)
    return render(
        request,
        "organisations/region_detail.html",
        {
            "region": region,
            "counts": selectors.region_summary(region=region),
            "can_manage": can(user, Action.REGION_MANAGE, region),
            "can_manage_staff": can(user, Action.STAFFROLE_MANAGE, region),
            "can_manage_users": can(user, Action.USER_MANAGE),
            "crumbs": [*region_crumbs(region)[:-1], (str(region), None)],
        },
    )


@login_required
def region_edit(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    form = RegionForm(request.POST or None, initial={"name": region.name, "code": region.code})
    if request.method == "POST" and form.is_valid():
        try:
            services.region_update(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The region was saved."))
            return redirect("organisations:region-detail", region.uuid)
    return render_form(
        request,
        form=form,
        title=_("Edit region"),
        submit_label=_("Save"),
        cancel_url=reverse("organisations:region-detail", args=[region.uuid]),
        crumbs=region_crumbs(region),
    )


@login_required
def board_list(request: HttpRequest, region_uuid: str) -> HttpResponse:
    user = request.user
    region = fetch.access_region(user, region_uuid, Action.REGION_VIEW)
    return render(
        request,
        "organisations/board_list.html",
        {
            "region": region,
            "page": paginate(request, selectors.board_list(region=region)),
            "can_manage": can(user, Action.REGION_MANAGE, region),
            "crumbs": region_crumbs(region, (_("School boards"), None)),
        },
    )


@login_required
def board_create(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    form = BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.board_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The school board was created."))
            return redirect("organisations:board-list", region.uuid)
    list_url = reverse("organisations:board-list", args=[region.uuid])
    return render_form(
        request,
        form=form,
        title=_("New school board"),
        submit_label=_("Create"),
        cancel_url=list_url,
        crumbs=region_crumbs(region, (_("School boards"), list_url)),
    )


@login_required
def board_edit(request: HttpRequest, region_uuid: str, board_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    board = selectors.board_in_region(region=region, key=board_uuid)
    if board is None:
        raise Http404
    form = BoardForm(
        request.POST or None,
        initial={
            "name": board.name,
            "competent_authority_number": board.competent_authority_number,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.board_update(actor=request.user, board=board, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The school board was saved."))
            return redirect("organisations:board-list", region.uuid)
    list_url = reverse("organisations:board-list", args=[region.uuid])
    return render_form(
        request,
        form=form,
        title=_("Edit school board"),
        submit_label=_("Save"),
        cancel_url=list_url,
        crumbs=region_crumbs(region, (_("School boards"), list_url)),
    )
