"""The report pages: an index of the reports the user may open, and one page per audience with a period selector.

Thin: access → form → selector → audit → render. A bad period is a form error on the page; no figures are computed
or audited then.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can_any
from zorgroute.reports import selectors, services
from zorgroute.reports.forms import period_form, year_form

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


def _page(
    request: HttpRequest, report: Any, form: Any, target: Any, title: str, **extra: Any
) -> HttpResponse:
    if report is not None:
        services.report_viewed(actor=request.user, report=report, target=target)
    return render(
        request,
        "reports/report.html",
        {"report": report, "form": form, "title": title, "crumbs": _crumbs((title, None)), **extra},
    )


@login_required
def school_report(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.REPORT_VIEW_SCHOOL)
    form, period = period_form(request.GET, custom=True)
    report = selectors.school_report(school=school, period=period) if period else None
    return _page(request, report, form, school, _("Care report of %(school)s") % {"school": school.name})


@login_required
def zat_report(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_REGION)
    form, period = period_form(request.GET, custom=True)
    report = selectors.zat_report(user=request.user, region=region, period=period) if period else None
    return _page(request, report, form, region, _("ZAT report of %(region)s") % {"region": region.name})


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
        annual_url=reverse("reports:annual", args=[region.uuid]),
    )


@login_required
def annual_report(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REPORT_VIEW_AGGREGATE)
    form, year = year_form(request.GET)
    report = selectors.annual_report(region=region, year=year) if year is not None else None
    return _page(request, report, form, region, _("Annual report of %(region)s") % {"region": region.name})
