"""The route template editor of the functional administrator (issue 3 item 2).

A region's routes with their versions and the route each school follows; a version with its steps; editing
publishes a new version (running cases keep theirs until moved explicitly); a school's own adjustment of one step;
switching a school to another region route. Access: Action.ROUTE_MANAGE on the region or the school.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.cases import route_selectors as rs
from zorgroute.cases import services
from zorgroute.cases.models import RouteTemplate
from zorgroute.cases.route_forms import (
    MigrateForm,
    RouteNameForm,
    SchoolChoiceForm,
    SchoolStepForm,
    StepFormSet,
)
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.models import Region, School

Crumbs = list[tuple[str, str | None]]


def _crumbs(region: Region, *more: tuple[str, str | None]) -> Crumbs:
    return [
        (_("Regions"), reverse("organisations:region-list")),
        (region.name, reverse("organisations:region-detail", args=[region.uuid])),
        (_("Care routes"), reverse("cases:route-list", args=[region.uuid])),
        *more,
    ]


def _version_label(template: RouteTemplate) -> str:
    return _("%(name)s, version %(version)d") % {"name": template.name, "version": template.version}


def _version_url(template: RouteTemplate) -> str:
    return reverse("cases:route-version", args=[template.region.uuid, template.uuid])


def _school_crumbs(school: School, *more: tuple[str, str | None]) -> Crumbs:
    return _crumbs(school.region, (school.name, reverse("cases:route-school", args=[school.uuid])), *more)


def _template(region: Region, key: str) -> RouteTemplate:
    template = rs.route_in_region(region=region, key=key)
    if template is None:
        raise Http404
    return template


def _form_error(form: forms.Form, exc: DomainError) -> None:
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def _render_form(
    request: HttpRequest, *, form: forms.Form, title: str, submit_label: str, cancel_url: str, crumbs: Crumbs
) -> HttpResponse:
    return render(
        request,
        "organisations/form.html",
        {
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "crumbs": [*crumbs, (title, None)],
        },
    )


@login_required
def route_list(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.ROUTE_MANAGE)
    routes, own_routes = rs.region_routes(region=region)
    return render(
        request,
        "cases/route_list.html",
        {
            "region": region,
            "routes": routes,
            "own_routes": own_routes,
            "schools": rs.school_routes(region=region),
            "How": rs.How,
            "crumbs": [*_crumbs(region)[:-1], (_("Care routes"), None)],
        },
    )


@login_required
def route_version(request: HttpRequest, region_uuid: str, template_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.ROUTE_MANAGE)
    template = _template(region, template_uuid)
    waiting = rs.waiting_cases(template=template) if template.is_current else []
    context: dict[str, Any] = {
        "region": region,
        "template": template,
        "steps": rs.step_rows(template),
        "family": rs.family_versions(template=template),
        "waiting": waiting,
        "migrate_form": (
            MigrateForm(sources=rs.older_versions_with_cases(template=template)) if waiting else None
        ),
        "crumbs": _crumbs(region, (_version_label(template), None)),
    }
    return render(request, "cases/route_version.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def route_publish(request: HttpRequest, region_uuid: str, template_uuid: str) -> HttpResponse:
    """Edit a version: the result is published as the route's new current version."""
    region = fetch.access_region(request.user, region_uuid, Action.ROUTE_MANAGE)
    template = _template(region, template_uuid)
    post = request.POST if request.method == "POST" else None
    name_form = RouteNameForm(post, initial={"name": template.name})
    formset = StepFormSet(post, initial=services.steps_as_data(template), prefix="steps")
    error = ""
    if post is not None and name_form.is_valid() and formset.is_valid():
        try:
            published = services.route_edit(
                actor=request.user,
                template=template,
                steps=formset.steps(),  # type: ignore[attr-defined]
                name=name_form.cleaned_data["name"],
            )
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(
                request,
                _("Version %(version)d was published. Running cases keep the version they started with.")
                % {"version": published.version},
            )
            return redirect(_version_url(published))
    title = _("New version of %(name)s") % {"name": template.name}
    return render(
        request,
        "cases/route_publish.html",
        {
            "region": region,
            "template": template,
            "name_form": name_form,
            "formset": formset,
            "error": error,
            "title": title,
            "crumbs": _crumbs(region, (_version_label(template), _version_url(template)), (title, None)),
        },
        status=200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def route_migrate(request: HttpRequest, region_uuid: str, template_uuid: str) -> HttpResponse:
    """Move the running cases of an older version to this (current) version, with a reason."""
    region = fetch.access_region(request.user, region_uuid, Action.ROUTE_MANAGE)
    template = _template(region, template_uuid)
    form = MigrateForm(request.POST or None, sources=rs.older_versions_with_cases(template=template))
    if request.method == "POST" and form.is_valid():
        try:
            moved, blocked = services.route_migrate_cases(
                actor=request.user,
                source=form.cleaned_data["source"],
                target=template,
                reason=form.cleaned_data["reason"],
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d case now follows version %(version)d.",
                    "%(count)d cases now follow version %(version)d.",
                    moved,
                )
                % {"count": moved, "version": template.version},
            )
            for step_name, count in blocked.items():
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d case stays on its version: the new version has no step '%(step)s'.",
                        "%(count)d cases stay on their version: the new version has no step '%(step)s'.",
                        count,
                    )
                    % {"count": count, "step": step_name},
                )
            return redirect(_version_url(template))
    return _render_form(
        request,
        form=form,
        title=_("Move running cases to version %(version)d") % {"version": template.version},
        submit_label=_("Move cases"),
        cancel_url=_version_url(template),
        crumbs=_crumbs(region, (_version_label(template), _version_url(template))),
    )


@login_required
def route_school(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.ROUTE_MANAGE)
    followed = rs.school_route(school=school)
    routes = rs.region_route_choices(region=school.region)
    chosen = followed.template if followed.how != rs.How.OWN else None
    return render(
        request,
        "cases/route_school.html",
        {
            "school": school,
            "followed": followed,
            "How": rs.How,
            "steps": rs.step_rows(followed.template) if followed.template else [],
            "choice_form": SchoolChoiceForm(
                routes=routes, initial={"template": chosen.uuid if chosen else None}
            ),
            "crumbs": [*_school_crumbs(school)[:-1], (school.name, None)],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def route_school_choose(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.ROUTE_MANAGE)
    form = SchoolChoiceForm(request.POST or None, routes=rs.region_route_choices(region=school.region))
    if request.method == "POST" and form.is_valid():
        try:
            services.route_school_follow(
                actor=request.user, school=school, template=form.cleaned_data["template"]
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("New cases at %(school)s now follow %(route)s. Running cases keep their route.")
                % {"school": school.name, "route": form.cleaned_data["template"].name},
            )
            return redirect("cases:route-school", school.uuid)
    return _render_form(
        request,
        form=form,
        title=_("Choose the route of %(school)s") % {"school": school.name},
        submit_label=_("Save"),
        cancel_url=reverse("cases:route-school", args=[school.uuid]),
        crumbs=_school_crumbs(school),
    )


@login_required
@require_http_methods(["GET", "POST"])
def route_school_step(request: HttpRequest, school_uuid: str, step_code: str) -> HttpResponse:
    """Adjust one step for this school only (a school-specific adjustment of the route)."""
    school = fetch.access_school(request.user, school_uuid, Action.ROUTE_MANAGE)
    followed = rs.school_route(school=school)
    step = (
        next((s for s in followed.template.steps.all() if s.code == step_code), None)
        if followed.template
        else None
    )
    if step is None:
        raise Http404
    initial = next(s for s in services.steps_as_data(followed.template) if s["code"] == step_code)  # type: ignore[arg-type]
    form = SchoolStepForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.route_override_step(
                actor=request.user, school=school, code=step_code, values=form.step_data()
            )
        except DomainError as exc:
            _form_error(form, exc)
        else:
            messages.success(
                request,
                _("The step '%(step)s' was adjusted for %(school)s. New cases follow the adjusted route.")
                % {"step": form.cleaned_data["name"], "school": school.name},
            )
            return redirect("cases:route-school", school.uuid)
    title = _("Adjust the step '%(step)s' for %(school)s") % {"step": step.name, "school": school.name}
    return render(
        request,
        "cases/route_school_step.html",
        {
            "school": school,
            "step": step,
            "form": form,
            "title": title,
            "crumbs": _school_crumbs(school, (title, None)),
        },
    )
