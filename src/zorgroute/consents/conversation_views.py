"""The parent touchpoints of a case: its conversations with the parents and the leaflets given, recording a
conversation (before or after a forum, a ZAT intake, another one) and the leaflet as given; and the leaflet text of a
region or a school for the functional administrator.

Cases are fetched through access/ (cases.views._case.case_for): reading needs CASE_VIEW_TEAM, recording
CASE_CONTRIBUTE. Regions and schools through access.fetch with ROUTE_MANAGE (the functional administrator).
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.cases.case_selectors import route_forums
from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case
from zorgroute.cases.views._case import case_crumbs, case_for, render_case_form
from zorgroute.consents import conversation_selectors as selectors
from zorgroute.consents import conversation_services as services
from zorgroute.consents.constants import ConversationKind
from zorgroute.consents.conversation_forms import (
    ConversationForm,
    LeafletForm,
    LeafletGiveForm,
    LeafletRemoveForm,
)
from zorgroute.consents.selectors import age_on, guardian_links
from zorgroute.consents.touchpoints import CONTACT_FORUMS
from zorgroute.core.exceptions import DomainError
from zorgroute.core.time import today
from zorgroute.organisations.models import Region, School
from zorgroute.organisations.views._helpers import add_domain_error

KIND_TITLES: dict[str, Callable[[], str]] = {
    ConversationKind.BEFORE: lambda: _("Record the conversation before a discussion"),
    ConversationKind.AFTER: lambda: _("Record the conversation after a discussion"),
    ConversationKind.INTAKE: lambda: _("Record an intake conversation"),
    ConversationKind.OTHER: lambda: _("Record another conversation with the parents"),
}


def _list_url(case: Case) -> str:
    return reverse("consents:conversation-list", args=[case.uuid])


def _kind(request: HttpRequest) -> str:
    kind = request.GET.get("kind", "")
    return kind if kind in ConversationKind.values else ConversationKind.BEFORE


def _forums(case: Case, kind: str) -> list[tuple[str, str]]:
    forums = route_forums(case=case)
    if kind == ConversationKind.OTHER:
        return forums
    return [(k, label) for k, label in forums if k in CONTACT_FORUMS]


def _default_forum(case: Case, kind: str, choices: list[tuple[str, str]], asked: str) -> str:
    """The forum asked for in the link; else the one of the current step; else the next forum of the route."""
    keys = [k for k, _label in choices]
    if asked in keys:
        return asked
    if kind == ConversationKind.OTHER:
        return ""
    if case.step.forum_kind in keys:
        return case.step.forum_kind
    following = case.template.steps.filter(position__gt=case.step.position, forum_kind__in=keys)
    return following.order_by("position").values_list("forum_kind", flat=True).first() or (
        keys[0] if keys else ""
    )


@login_required
def conversation_list(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_VIEW_TEAM)
    return render(
        request,
        "consents/conversation_list.html",
        {
            "case": case,
            "touchpoints": selectors.case_touchpoints(case),
            "conversations": selectors.case_conversations(case),
            "leaflets": selectors.case_leaflets_given(case),
            "may_record": can(request.user, Action.CASE_CONTRIBUTE, case) and case.status == CaseStatus.OPEN,
            "kinds": ConversationKind,
            "crumbs": case_crumbs(case, (_("Parent contact"), None)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def conversation_add(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_CONTRIBUTE)
    kind = _kind(request)
    forums = _forums(case, kind)
    form = ConversationForm(
        request.POST or None,
        kind=kind,
        forums=forums,
        initial={
            "held_on": today(),
            "forum_kind": _default_forum(case, kind, forums, request.GET.get("forum", "")),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.conversation_record(actor=request.user, case=case, **form.values())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The conversation was recorded."))
            return redirect(_list_url(case))
    title = KIND_TITLES[kind]()
    return render_case_form(
        request,
        case=case,
        form=form,
        title=title,
        submit_label=_("Record conversation"),
        extra={
            "cancel_url": _list_url(case),
            "kind": kind,
            "kinds": [(k, KIND_TITLES[k]()) for k in ConversationKind.values if k != kind],
            "forum": request.GET.get("forum", ""),
        },
        template="consents/conversation_form.html",
    )


@login_required
@require_http_methods(["GET", "POST"])
def leaflet_give(request: HttpRequest, case_uuid: str) -> HttpResponse:
    case = case_for(request, case_uuid, Action.CASE_CONTRIBUTE)
    leaflet = selectors.leaflet_in_force(case.school)
    pupil_label = _("%(name)s (the pupil, %(age)d years)") % {
        "name": case.pupil.full_name,
        "age": age_on(case.pupil, today()),
    }
    form = LeafletGiveForm(
        request.POST or None,
        links=guardian_links(case.pupil),
        pupil_label=pupil_label,
        initial={"given_on": today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.leaflet_give(
                actor=request.user,
                case=case,
                recipients=form.chosen_recipients(),
                given_on=form.cleaned_data["given_on"],
                channel=form.cleaned_data["channel"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The leaflet was recorded as given."))
            return redirect(_list_url(case))
    return render_case_form(
        request,
        case=case,
        form=form,
        title=_("Record the parent leaflet as given"),
        submit_label=_("Record"),
        extra={"cancel_url": _list_url(case), "leaflet": leaflet},
        template="consents/leaflet_give.html",
    )


# --- The leaflet text (functional administrator) -----------------------------------------------------------------


def _region_url(region: Region) -> str:
    return reverse("leaflets:leaflet-region", args=[region.uuid])


def _admin_crumbs(region: Region, *more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        (_("Regions"), reverse("organisations:region-list")),
        (region.name, reverse("organisations:region-detail", args=[region.uuid])),
        (_("Care routes"), reverse("cases:route-list", args=[region.uuid])),
        *more,
    ]


@login_required
@require_http_methods(["GET", "POST"])
def leaflet_region(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.ROUTE_MANAGE)
    current, schools = selectors.region_leaflets(region)
    initial = {"title": current.title, "body": current.body} if current else {}
    form = LeafletForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.leaflet_save(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request, _("The leaflet was saved (version %(version)d).") % {"version": saved.version}
            )
            return redirect(_region_url(region))
    return render(
        request,
        "consents/leaflet_region.html",
        {
            "region": region,
            "leaflet": current,
            "schools": schools,
            "form": form,
            "crumbs": _admin_crumbs(region, (_("Parent leaflet"), None)),
        },
    )


def _school_page(
    request: HttpRequest, school: School, form: LeafletForm | LeafletRemoveForm, **extra: object
) -> HttpResponse:
    region = school.region
    return render(
        request,
        "consents/leaflet_school.html",
        {
            "school": school,
            "region": region,
            "own": selectors.leaflet_of(region=region, school=school),
            "region_leaflet": selectors.leaflet_of(region=region),
            "form": form,
            "crumbs": _admin_crumbs(region, (_("Parent leaflet"), _region_url(region)), (school.name, None)),
            **extra,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def leaflet_school(request: HttpRequest, school_uuid: str) -> HttpResponse:
    """A school's own version of the leaflet (it replaces the region's for this school)."""
    school = fetch.access_school(request.user, school_uuid, Action.ROUTE_MANAGE)
    region = school.region
    start = selectors.leaflet_of(region=region, school=school) or selectors.leaflet_of(region=region)
    form = LeafletForm(
        request.POST or None, initial={"title": start.title, "body": start.body} if start else {}
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.leaflet_save(
                actor=request.user, region=region, school=school, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("%(school)s now hands out its own leaflet (version %(version)d).")
                % {"school": school.name, "version": saved.version},
            )
            return redirect(_region_url(region))
    return _school_page(request, school, form)


@login_required
@require_http_methods(["GET", "POST"])
def leaflet_school_remove(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.ROUTE_MANAGE)
    own = selectors.leaflet_of(region=school.region, school=school)
    if own is None:
        return redirect("leaflets:leaflet-school", school.uuid)
    form = LeafletRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.leaflet_remove_override(actor=request.user, leaflet=own)
        except DomainError as exc:  # pragma: no cover - the school's own version is always removable
            add_domain_error(form, exc)
        else:
            messages.success(
                request, _("%(school)s hands out the region's leaflet again.") % {"school": school.name}
            )
            return redirect(_region_url(school.region))
    return render(
        request,
        "organisations/form.html",
        {
            "form": form,
            "title": _("Remove the own leaflet of %(school)s") % {"school": school.name},
            "submit_label": _("Remove"),
            "danger": True,
            "intro": _("Leaflets already given keep the text they gave."),
            "cancel_url": reverse("leaflets:leaflet-school", args=[school.uuid]),
            "crumbs": _admin_crumbs(
                school.region,
                (_("Parent leaflet"), _region_url(school.region)),
                (school.name, reverse("leaflets:leaflet-school", args=[school.uuid])),
                (_("Remove"), None),
            ),
        },
    )
