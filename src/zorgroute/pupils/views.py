from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgroute import audit
from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.core.paginator import CountingPaginator
from zorgroute.core.time import age_on, today
from zorgroute.pupils import selectors

PAGE_SIZE = 25


@login_required
def pupil_list(request: HttpRequest) -> HttpResponse:
    fetch.require(request.user, Action.PUPIL_SEARCH)
    query = request.GET.get("q", "")
    group_uuid = request.GET.get("groep", "")
    try:
        group_uuid = str(uuid.UUID(group_uuid)) if group_uuid else ""
    except ValueError:
        group_uuid = ""
    pupils = selectors.pupil_list(user=request.user, query=query, group_uuid=group_uuid or None)
    page = CountingPaginator(pupils, PAGE_SIZE).get_page(request.GET.get("page"))
    audit.record(
        "pupil.listed", actor=request.user, changes={"results": page.paginator.count, "searched": bool(query)}
    )
    template = "pupils/_pupil_results.html" if request.htmx else "pupils/pupil_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"page": page, "query": query})


@login_required
def pupil_detail(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    pupil = fetch.access_pupil(request.user, pupil_uuid, Action.PUPIL_VIEW)
    return render(
        request,
        "pupils/pupil_detail.html",
        {
            "pupil": pupil,
            "age": age_on(pupil.date_of_birth, today()),
            "show_identifiers": can(request.user, Action.PUPIL_VIEW_IDENTIFIERS, pupil),
            "can_open_case": can(request.user, Action.CASE_OPEN, pupil),
            "can_signal": can(request.user, Action.SIGNAL_CREATE, pupil),
            "can_invite": can(request.user, Action.FAMILY_INVITE, pupil),
            "guardian_links": selectors.pupil_guardians(user=request.user, pupil=pupil),
            "enrolments": selectors.pupil_enrolments(pupil=pupil),
        },
    )
