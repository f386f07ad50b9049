"""Reads of the audit log."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from zorgroute.audit.models import AuditEvent


def pupil_access_history(*, pupil_uuid: uuid.UUID) -> QuerySet[AuditEvent]:
    """Everything recorded about one pupil, newest first: one query on the (pupil_uuid, occurred_at) index."""
    return AuditEvent.objects.filter(pupil_uuid=pupil_uuid).order_by("-occurred_at", "-seq")


def event_list(*, actor_uuid: uuid.UUID | None = None, event: str = "") -> QuerySet[AuditEvent]:
    qs = AuditEvent.objects.all()
    if actor_uuid is not None:
        qs = qs.filter(actor_uuid=actor_uuid)
    if event:
        qs = qs.filter(event=event)
    return qs.order_by("-seq")
