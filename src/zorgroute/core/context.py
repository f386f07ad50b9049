"""Per-request context (request id, client address) available to the audit layer without passing the request."""

from __future__ import annotations

import contextvars
import uuid
from dataclasses import dataclass, field


@dataclass
class RequestContext:
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    client_ip: str = ""
    path: str = ""
    # The role under which the current request acts; set by access/ when it grants an action, read by audit/.
    role: str = ""
    authorization: str = ""


_current: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "zorgroute_request", default=None
)


def current() -> RequestContext | None:
    return _current.get()


def bind(ctx: RequestContext) -> contextvars.Token[RequestContext | None]:
    return _current.set(ctx)


def unbind(token: contextvars.Token[RequestContext | None]) -> None:
    _current.reset(token)


def note_grant(role: str, authorization: str) -> None:
    """Remember which role and rule allowed the current request's action (for the audit row)."""
    ctx = _current.get()
    if ctx is not None:
        ctx.role = role
        ctx.authorization = authorization
