"""`record` is the only writer of audit events; `verify_chain` checks them."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction

from zorgroute.audit import catalogue
from zorgroute.audit.chain import GENESIS, HASHED_FIELDS, Problem, compute_hash, verify_rows
from zorgroute.audit.models import AuditChainHead, AuditEvent, Result
from zorgroute.core import context
from zorgroute.core.time import now


class MissingReason(ValueError):
    pass


def _json_safe(changes: dict[str, Any] | None) -> dict[str, Any] | None:
    if changes is None:
        return None
    loaded: dict[str, Any] = json.loads(json.dumps(changes, cls=DjangoJSONEncoder))
    return loaded


def _label(obj: Any) -> str:
    return str(obj)[:200]


def record(
    event: str,
    *,
    actor: Any,
    target: models.Model | None = None,
    case: models.Model | None = None,
    pupil: models.Model | None = None,
    changes: dict[str, Any] | None = None,
    reason: str = "",
    result: str = Result.SUCCESS,
    role: str = "",
    authorization: str = "",
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction (rolled back with it).

    `changes` holds field names with old/new values of structured fields only, never free text.
    """
    spec = catalogue.get(event)
    if spec.reason_required and not reason.strip():
        raise MissingReason(f"Audit event {event!r} requires a reason")
    ctx = context.current()
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(id=1)
        prev_hash = head.last_hash or GENESIS
        row: dict[str, Any] = {
            "seq": head.last_seq + 1,
            "occurred_at": now(),
            "event": spec.name,
            "action_code": spec.code.value,
            "result": str(result),
            "actor_uuid": actor.uuid if is_user else None,
            "actor_username": actor.get_username() if is_user else actor_label,
            "actor_name": (actor.get_full_name() if is_user else "")[:200],
            "actor_role": role or (ctx.role if ctx else "") or ("" if is_user else "system"),
            "client_ip": ctx.client_ip if ctx else "",
            "request_id": ctx.request_id if ctx else "",
            "target_type": target._meta.label_lower if target is not None else "",
            "target_uuid": getattr(target, "uuid", None),
            "target_label": _label(target) if target is not None else "",
            "pupil_uuid": getattr(pupil, "uuid", None),
            "case_uuid": getattr(case, "uuid", None),
            "authorization": authorization or (ctx.authorization if ctx else ""),
            "consent_profile": "",
            "changes": _json_safe(changes),
            "reason": reason,
            "source": settings.AUDIT_SOURCE_ID,
        }
        row["hash"] = compute_hash(row, prev_hash)
        row["prev_hash"] = prev_hash
        audit_event = AuditEvent.objects.create(**row)
        head.last_seq = audit_event.seq
        head.last_hash = audit_event.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return audit_event


def verify_chain() -> list[Problem]:
    head = AuditChainHead.objects.filter(id=1).first()
    fields = dict.fromkeys(("prev_hash", "hash", *HASHED_FIELDS))
    rows = AuditEvent.objects.order_by("seq").values(*fields).iterator(chunk_size=5000)
    return verify_rows(rows, head.last_seq if head else 0, head.last_hash if head else "")
