"""Care teams (group review, school zorgteam, regional ZAT) and their memberships."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.accounts.models import User
from zorgroute.accounts.sudo import sudo_required
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations import selectors, services
from zorgroute.organisations.forms import (
    CareTeamCreateForm,
    CareTeamEditForm,
    EndForm,
    MembershipCreateForm,
    MembershipForm,
)
from zorgroute.organisations.models import CareTeam, Membership, PartnerOrganisation
from zorgroute.organisations.views._helpers import Crumbs, add_domain_error, region_crumbs, render_form


def _team_crumbs(team: CareTeam) -> Crumbs:
    return [
        (_("Care teams"), reverse("organisations:careteam-list")),
        (team.name, reverse("organisations:careteam-detail", args=[team.uuid])),
    ]


@login_required
def careteam_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "organisations/careteam_list.html",
        {
            "teams": selectors.careteam_list(user=user),
            "managed_regions": selectors.managed_regions(user=user),
        },
    )


@login_required
def careteam_create(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    form = CareTeamCreateForm(request.POST or None, schools=selectors.schools_of_region(region=region))
    if request.method == "POST" and form.is_valid():
        try:
            team = services.careteam_create(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The care team was created."))
            return redirect("organisations:careteam-detail", team.uuid)
    return render_form(
        request,
        form=form,
        title=_("New care team"),
        submit_label=_("Create"),
        cancel_url=reverse("organisations:careteam-list"),
        crumbs=region_crumbs(region),
    )


@login_required
def careteam_detail(request: HttpRequest, team_uuid: str) -> HttpResponse:
    team = fetch.access_careteam(request.user, team_uuid, Action.CARETEAM_VIEW)
    return render(
        request,
        "organisations/careteam_detail.html",
        {
            "team": team,
            "memberships": selectors.team_memberships(team=team),
            "can_manage": can(request.user, Action.CARETEAM_MANAGE, team),
            # The team's meeting series and minimum composition live in the meetings app (forum:team-planning).
            "can_plan": can(request.user, Action.MEETING_SERIES_MANAGE, team)
            or can(request.user, Action.COMPOSITION_MANAGE, team),
            "crumbs": [(_("Care teams"), reverse("organisations:careteam-list")), (team.name, None)],
        },
    )


@login_required
def careteam_edit(request: HttpRequest, team_uuid: str) -> HttpResponse:
    team = fetch.access_careteam(request.user, team_uuid, Action.CARETEAM_MANAGE)
    form = CareTeamEditForm(request.POST or None, initial={"name": team.name, "is_active": team.is_active})
    if request.method == "POST" and form.is_valid():
        try:
            services.careteam_update(actor=request.user, team=team, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The care team was saved."))
            return redirect("organisations:careteam-detail", team.uuid)
    return render_form(
        request,
        form=form,
        title=_("Edit care team"),
        submit_label=_("Save"),
        cancel_url=reverse("organisations:careteam-detail", args=[team.uuid]),
        crumbs=_team_crumbs(team),
    )


def _membership_choices(team: CareTeam) -> tuple[QuerySet[User], QuerySet[PartnerOrganisation]]:
    return selectors.region_people(region=team.region), selectors.partners_of_region(region=team.region)


@login_required
def membership_create(request: HttpRequest, team_uuid: str) -> HttpResponse:
    team = fetch.access_careteam(request.user, team_uuid, Action.CARETEAM_MANAGE)
    people, partners = _membership_choices(team)
    form = MembershipCreateForm(request.POST or None, people=people, partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_create(actor=request.user, team=team, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The member was added."))
            return redirect("organisations:careteam-detail", team.uuid)
    return render_form(
        request,
        form=form,
        title=_("Add member"),
        submit_label=_("Add"),
        cancel_url=reverse("organisations:careteam-detail", args=[team.uuid]),
        crumbs=_team_crumbs(team),
    )


def _membership_or_404(
    request: HttpRequest, team_uuid: str, membership_uuid: str
) -> tuple[CareTeam, Membership]:
    team = fetch.access_careteam(request.user, team_uuid, Action.CARETEAM_MANAGE)
    membership = selectors.membership_in_team(team=team, key=membership_uuid)
    if membership is None:
        raise Http404
    return team, membership


@login_required
def membership_edit(request: HttpRequest, team_uuid: str, membership_uuid: str) -> HttpResponse:
    team, membership = _membership_or_404(request, team_uuid, membership_uuid)
    initial = {
        "role": membership.role,
        "function": membership.function,
        "is_fixed": membership.is_fixed,
        "partner": membership.partner.uuid if membership.partner else None,
        "substitute": membership.substitute.uuid if membership.substitute else None,
        "valid_from": membership.valid_from,
        "valid_to": membership.valid_to,
    }
    people, partners = _membership_choices(team)
    form = MembershipForm(request.POST or None, initial=initial, people=people, partners=partners)
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_update(actor=request.user, membership=membership, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The membership was saved."))
            return redirect("organisations:careteam-detail", team.uuid)
    person = membership.user.get_full_name() or membership.user.username
    return render_form(
        request,
        form=form,
        title=_("Edit membership of %(person)s") % {"person": person},
        submit_label=_("Save"),
        cancel_url=reverse("organisations:careteam-detail", args=[team.uuid]),
        crumbs=_team_crumbs(team),
    )


@login_required
@sudo_required
def membership_end(request: HttpRequest, team_uuid: str, membership_uuid: str) -> HttpResponse:
    team, membership = _membership_or_404(request, team_uuid, membership_uuid)
    form = EndForm(
        request.POST or None, initial={"end_date": services.earliest_immediate_end(membership.valid_from)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_end(actor=request.user, membership=membership, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The membership was ended."))
            return redirect("organisations:careteam-detail", team.uuid)
    person = membership.user.get_full_name() or membership.user.username
    return render_form(
        request,
        form=form,
        title=_("End membership of %(person)s") % {"person": person},
        submit_label=_("End membership"),
        cancel_url=reverse("organisations:careteam-detail", args=[team.uuid]),
        crumbs=_team_crumbs(team),
        danger=True,
        warning=_("After the last day, %(person)s no longer sees this team's cases and meetings.")
        % {"person": person},
    )
