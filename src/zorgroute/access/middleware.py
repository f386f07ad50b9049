from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from zorgroute.access.policy import requires_second_factor

# Paths a logged-in user may reach before their second factor is verified.
_OPEN_PREFIXES = (
    "/account/inloggen/",
    "/account/uitloggen/",
    "/account/tweestaps/",
    "/account/uitnodiging/",
    "/static/",
    "/taal/",
    "/health",
)


class TwoFactorRequiredMiddleware:
    """After the password, a user who needs a second factor can only reach the 2FA pages until it is verified."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[union-attr,attr-defined]
            and requires_second_factor(user)
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return HttpResponseRedirect(reverse("accounts:otp-verify"))
        return self.get_response(request)
