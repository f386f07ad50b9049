"""The privacy officer's view of the audit log. Viewing it is itself audited."""

from __future__ import annotations

import uuid

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgroute import audit
from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.audit import catalogue, selectors


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        return None


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    fetch.require(request.user, Action.AUDIT_VIEW)
    pupil_uuid = _uuid_or_none(request.GET.get("leerling", ""))
    actor_uuid = _uuid_or_none(request.GET.get("gebruiker", ""))
    event = request.GET.get("gebeurtenis", "")
    if event not in catalogue.CATALOGUE:
        event = ""
    if pupil_uuid is not None:
        qs = selectors.pupil_access_history(pupil_uuid=pupil_uuid)
    else:
        qs = selectors.event_list(actor_uuid=actor_uuid, event=event)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    audit.record(
        "audit.viewed",
        actor=request.user,
        changes={
            "filter": {
                "pupil": str(pupil_uuid) if pupil_uuid else None,
                "user": str(actor_uuid) if actor_uuid else None,
                "event": event or None,
            }
        },
    )
    return render(
        request,
        "audit/event_list.html",
        {
            "page": page,
            "events": sorted(catalogue.CATALOGUE.values(), key=lambda s: s.name),
            "selected_event": event,
            "pupil_uuid": pupil_uuid or "",
            "actor_uuid": actor_uuid or "",
        },
    )
