"""The idle timeout without a database write on every request.

The session expires `SESSION_COOKIE_AGE` seconds after it was last saved. Saving it on every request (Django's
SESSION_SAVE_EVERY_REQUEST) costs a write transaction per page view; this middleware marks the session as active
at most once per `ACTIVITY_STEP_SECONDS`, which renews the expiry. The idle timeout is then exact to within that
step (30 minutes ± 1).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

ACTIVITY_STEP_SECONDS = 60
_SEEN = "zorgroute_seen"


class SessionActivityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            moment = int(time.time())
            if moment - int(session.get(_SEEN, 0)) >= ACTIVITY_STEP_SECONDS:
                session[_SEEN] = moment  # modified: the session middleware saves it and renews the expiry
        return response
