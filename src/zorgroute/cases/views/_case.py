"""Helpers shared by the case page and the pages of its actions: fetching the case, breadcrumbs, the form page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.cases.models import Case

Crumbs = list[tuple[str, str | None]]


def case_for(request: HttpRequest, case_uuid: str, action: Action) -> Case:
    """The case for an action page, fetched with the action (not visible or absent → 404, visible but not allowed
    → 403).

    A GET shows case data on the form page, so once the action is allowed the case is fetched again as a read,
    which access/ audits as `case.viewed` (a refused request leaves no read in the log).
    """
    case = fetch.access_case(request.user, case_uuid, action)
    if request.method == "GET" and action != Action.CASE_VIEW:
        case = fetch.access_case(request.user, case.uuid, Action.CASE_VIEW)
    return case


def case_url(case: Case) -> str:
    return reverse("cases:case-detail", args=[case.uuid])


def case_crumbs(case: Case, *more: tuple[str, str | None]) -> Crumbs:
    pupil = case.pupil
    return [
        (pupil.full_name, reverse("pupils:pupil-detail", args=[pupil.uuid])),
        (_("Cases"), reverse("cases:pupil-cases", args=[pupil.uuid])),
        (_("Case of %(date)s") % {"date": case.opened_at.strftime("%d-%m-%Y")}, case_url(case)),
        *more,
    ]


def render_case_form(
    request: HttpRequest,
    *,
    case: Case,
    form: forms.Form,
    title: str,
    submit_label: str,
    intro: str = "",
    warning: str = "",
    danger: bool = False,
    extra: dict[str, Any] | None = None,
    template: str = "cases/case_form.html",
) -> HttpResponse:
    """A page with one form about a case; shown again, with what was entered and the errors, when refused."""
    return render(
        request,
        template,
        {
            "case": case,
            "form": form,
            "title": title,
            "submit_label": submit_label,
            "cancel_url": case_url(case),
            "crumbs": case_crumbs(case, (title, None)),
            "intro": intro,
            "warning": warning,
            "danger": danger,
            **(extra or {}),
        },
    )
