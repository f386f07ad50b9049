"""Sudo mode: dangerous actions need a fresh password (and second factor) within the last few minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from zorgroute.core.time import now

_SESSION_KEY = "zorgroute_sudo_until"


def has_sudo(request: HttpRequest) -> bool:
    until = request.session.get(_SESSION_KEY)
    return isinstance(until, str) and dt.datetime.fromisoformat(until) > now()


def grant_sudo(request: HttpRequest) -> None:
    request.session[_SESSION_KEY] = (now() + dt.timedelta(minutes=settings.SUDO_MODE_MINUTES)).isoformat()


def revoke_sudo(request: HttpRequest) -> None:
    request.session.pop(_SESSION_KEY, None)


def sudo_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if has_sudo(request):
            return view(request, *args, **kwargs)
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{reverse('accounts:sudo')}?{query}")

    return wrapper
