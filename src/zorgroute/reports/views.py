"""The report pages: an index of the reports the user may open, and one page per audience with a period selector.

Thin: access → form → selector → audit → render. A bad period is a form error on the page; no figures are computed
or audited then.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can_any
from zorgroute.reports import cache as report_cache
from zorgroute.reports import selectors, services
from zorgroute.reports.forms import ExportForm, period_form, year_form

REPORT_ACTIONS = (Action.REPORT_VIEW_SCHOOL, Action.REPORT_VIEW_REGION, Action.REPORT_VIEW_AGGREGATE)


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Reports"), reverse("reports:index")), *more]


@login_required
def report_index(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not any(can_any(user, action) for action in REPORT_ACTIONS):
        raise PermissionDenied("report.view")
    return render(
        request,
        "reports/report_index.html",
        {
            "schools": selectors.report_schools(user=user),
            "zat_regions": selectors.report_regions(user=user, action=Action.REPORT_VIEW_REGION),
            "aggregate_regions": selectors.report_regions(user=user, action=Action.REPORT_VIEW_AGGREGATE),
            "crumbs": [(_("Reports"), None)],
        },
    )


def _export_url(request: HttpRequest, name: str, uuid: Any) -> str:
    """Where the download form posts: the export of the same report, with the same period in the query string."""
    query = request.GET.urlencode()
    return reverse(name, args=[uuid]) + (f"?{query}" if query else "")


def _page(
    request: HttpRequest, report: Any, form: Any, target: Any, title: str, export: str, **extra: Any
) -> HttpResponse:
    sections = ""
    if report is not None:
        services.report_viewed(actor=request.user, report=report, target=target)
        sections = report_cache.drawn(
            report, lambda: render_to_string("reports/_sections.html", {"report": report})
        )
    return render(
        request,
        "reports/report.html",
        {
            "report": report,
            "sections": mark_safe(sections),  # noqa: S308 (our own template's output, escaped when it was drawn)
            "form": form,
            "title": title,
            "crumbs": _crumbs((title, None)),
            "export_form": ExportForm(),
            "export_url": _export_url(request, export, target.uuid),
            **extra,
        },
    )


def _export(
    request: HttpRequest, build: Callable[[], Any] | None, target: Any, title: str, page: str
) -> HttpResponse:
    """The download form (the purpose is required) and, once it is valid, the file; the export is audited."""
    page_url = reverse(page, args=[target.uuid]) + (f"?{request.GET.urlencode()}" if request.GET else "")
    form = ExportForm(request.POST or None)
    if request.method == "POST" and build is not None and form.is_valid():
        export = services.report_exported(
            actor=request.user,
            report=build(),
            target=target,
            fmt=form.cleaned_data["formaat"],
            reason=form.cleaned_data["doel"],
        )
        response = HttpResponse(export.content, content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        response["Cache-Control"] = "no-store"  # a downloaded report stays on the reader's machine only
        return response
    return render(
        request,
        "reports/export.html",
        {
            "export_form": form,
            "valid_period": build is not None,
            "title": title,
            "export_url": request.get_full_path(),
            "page_url": page_url,
            "crumbs": _crumbs((title, page_url), (_("Download"), None)),
            "annual": page == "reports:annual",
        },
    )


@login_required
def school_report(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.REPORT_VIEW_SCHOOL)
    form, period = period_form(request.GET, custom=True)
    report = selectors.school_report(school=school, period=period) if period else None
    return _page(
        request,
        report,
        form,
        school,
        _("Care report of %(school)s") % {"school": school.name},
        "reports:school-export",
    )


@login_required
def zat_report(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_REGION)
    form, period = period_form(request.GET, custom=True)
    report = selectors.zat_report(user=request.user, region=region, period=period) if period else None
    return _page(
        request,
        report,
        form,
        region,
        _("ZAT report of %(region)s") % {"region": region.name},
        "reports:zat-export",
    )


@login_required
def region_report(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_AGGREGATE)
    form, period = period_form(request.GET, custom=False)
    report = selectors.region_report(region=region, period=period) if period else None
    return _page(
        request,
        report,
        form,
        region,
        _("Figures of %(region)s") % {"region": region.name},
        "reports:region-export",
        annual_url=reverse("reports:annual", args=[region.uuid]),
    )


@login_required
def annual_report(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_AGGREGATE)
    form, year = year_form(request.GET)
    report = selectors.annual_report(region=region, year=year) if year is not None else None
    return _page(
        request,
        report,
        form,
        region,
        _("Annual report of %(region)s") % {"region": region.name},
        "reports:annual-export",
        annual=True,
    )


# --- Downloads: the same access as the page, a purpose, an audit row ------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def school_export(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.REPORT_VIEW_SCHOOL)
    _form, period = period_form(request.GET, custom=True)
    build = (lambda: selectors.school_report(school=school, period=period)) if period else None
    title = _("Care report of %(school)s") % {"school": school.name}
    return _export(request, build, school, title, "reports:school")


@login_required
@require_http_methods(["GET", "POST"])
def zat_export(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_REGION)
    _form, period = period_form(request.GET, custom=True)
    build = (
        (lambda: selectors.zat_report(user=request.user, region=region, period=period)) if period else None
    )
    title = _("ZAT report of %(region)s") % {"region": region.name}
    return _export(request, build, region, title, "reports:zat")


@login_required
@require_http_methods(["GET", "POST"])
def region_export(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_AGGREGATE)
    _form, period = period_form(request.GET, custom=False)
    build = (lambda: selectors.region_report(region=region, period=period)) if period else None
    title = _("Figures of %(region)s") % {"region": region.name}
    return _export(request, build, region, title, "reports:region")


@login_required
@require_http_methods(["GET", "POST"])
def annual_export(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_AGGREGATE)
    _form, year = year_form(request.GET)
    build = (lambda: selectors.annual_report(region=region, year=year)) if year is not None else None
    title = _("Annual report of %(region)s") % {"region": region.name}
    return _export(request, build, region, title, "reports:annual")
