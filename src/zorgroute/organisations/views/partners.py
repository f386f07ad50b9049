"""The sociale kaart: partner types per region, partner organisations (list and detail for every role with
partner.view, editing with partner.manage)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations import selectors, services
from zorgroute.organisations.forms import PartnerEditForm, PartnerFilterForm, PartnerForm, PartnerTypeForm
from zorgroute.organisations.models import PartnerOrganisation, Region
from zorgroute.organisations.views._helpers import (
    Crumbs,
    add_domain_error,
    paginate,
    region_crumbs,
    render_form,
)

_PARTNER_FIELDS = (
    "name",
    "phone",
    "email",
    "website",
    "street_address",
    "city",
    "legal_basis",
    "professional_secrecy",
)


def _partner_crumbs(partner: PartnerOrganisation | None = None) -> Crumbs:
    crumbs: Crumbs = [(_("Partner directory"), reverse("organisations:partner-list"))]
    if partner is not None:
        crumbs.append((partner.name, reverse("organisations:partner-detail", args=[partner.uuid])))
    return crumbs


def _render_types(request: HttpRequest, region: Region, form: PartnerTypeForm) -> HttpResponse:
    return render(
        request,
        "organisations/partnertype_list.html",
        {
            "region": region,
            "form": form,
            "partner_types": selectors.partner_types(region=region),
            "can_manage": can(request.user, Action.REGION_MANAGE, region),
            "crumbs": region_crumbs(region, (_("Partner types"), None)),
        },
    )


@login_required
def partnertype_list(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_VIEW)
    return _render_types(request, region, PartnerTypeForm())


@login_required
@require_POST
def partnertype_create(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    form = PartnerTypeForm(request.POST)
    if form.is_valid():
        try:
            services.partner_type_create(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The partner type was created."))
            return redirect("organisations:partnertype-list", region.uuid)
    return _render_types(request, region, form)


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    form = PartnerFilterForm(request.GET or None, partner_types=selectors.visible_partner_types(user=user))
    filters = form.cleaned_data if form.is_valid() else {}
    partners = selectors.partner_list(user=user, partner_type=filters.get("type"), query=filters.get("q", ""))
    return render(
        request,
        "organisations/partner_list.html",
        {
            "form": form,
            "page": paginate(request, partners),
            "managed_regions": selectors.managed_regions(user=user),
        },
    )


@login_required
def partner_create(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    form = PartnerForm(request.POST or None, partner_types=selectors.partner_types(region=region))
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The partner organisation was created."))
            return redirect("organisations:partner-detail", partner.uuid)
    return render_form(
        request,
        form=form,
        title=_("New partner organisation"),
        submit_label=_("Create"),
        cancel_url=reverse("organisations:partner-list"),
        crumbs=_partner_crumbs(),
        intro=_("Region: %(region)s") % {"region": region.name},
    )


@login_required
def partner_detail(request: HttpRequest, partner_uuid: str) -> HttpResponse:
    partner = fetch.access_partner(request.user, partner_uuid, Action.PARTNER_VIEW)
    return render(
        request,
        "organisations/partner_detail.html",
        {
            "partner": partner,
            "teams": selectors.partner_teams(partner=partner),
            "can_manage": can(request.user, Action.PARTNER_MANAGE, partner),
            "crumbs": [*_partner_crumbs(), (partner.name, None)],
        },
    )


@login_required
def partner_edit(request: HttpRequest, partner_uuid: str) -> HttpResponse:
    partner = fetch.access_partner(request.user, partner_uuid, Action.PARTNER_MANAGE)
    initial = {name: getattr(partner, name) for name in _PARTNER_FIELDS}
    form = PartnerEditForm(
        request.POST or None,
        partner_types=selectors.partner_types(region=partner.region),
        initial={**initial, "partner_type": partner.partner_type.uuid, "is_active": partner.is_active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(actor=request.user, partner=partner, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The partner organisation was saved."))
            return redirect("organisations:partner-detail", partner.uuid)
    return render_form(
        request,
        form=form,
        title=_("Edit partner organisation"),
        submit_label=_("Save"),
        cancel_url=reverse("organisations:partner-detail", args=[partner.uuid]),
        crumbs=_partner_crumbs(partner),
    )
