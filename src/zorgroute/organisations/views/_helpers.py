"""Small helpers shared by the configuration views: form errors from services, pagination, breadcrumbs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from zorgroute.core.exceptions import DomainError

PAGE_SIZE = 50

Crumbs = list[tuple[str, str | None]]


def add_domain_error(form: forms.Form, exc: DomainError) -> None:
    """Show a service's DomainError on its field, or above the form when the field is not on it."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)


def paginate(request: HttpRequest, items: Any) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def region_crumbs(region: Any, *more: tuple[str, str | None]) -> Crumbs:
    return [
        (_("Regions"), reverse("organisations:region-list")),
        (str(region), reverse("organisations:region-detail", args=[region.uuid])),
        *more,
    ]


def render_form(
    request: HttpRequest,
    *,
    form: forms.Form,
    title: str,
    submit_label: str,
    cancel_url: str,
    crumbs: Crumbs,
    intro: str = "",
    warning: str = "",
    danger: bool = False,
    status: int = 200,
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
            "intro": intro,
            "warning": warning,
            "danger": danger,
        },
        status=status,
    )
