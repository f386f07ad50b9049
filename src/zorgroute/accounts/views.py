"""Login, second factor, re-authentication and the user's own account page."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute import audit
from zorgroute.accounts import services
from zorgroute.accounts.forms import ChoosePasswordForm, ConfirmDeviceForm, LoginForm, SudoForm, TokenForm
from zorgroute.accounts.models import User
from zorgroute.accounts.sudo import grant_sudo, has_sudo
from zorgroute.audit.models import Result
from zorgroute.core.exceptions import DomainError, ValidationError


class ZorgrouteLoginView(LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        audit.record("auth.login", actor=form.get_user(), target=form.get_user())
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username = (form.data.get("username") or "")[:150]
        audit.record("auth.login_failed", actor=None, actor_label=username, result=Result.REFUSED)
        return super().form_invalid(form)

    def get_success_url(self) -> str:
        user = self.request.user
        if not services.has_confirmed_device(user):  # type: ignore[arg-type]
            return reverse("accounts:otp-setup")
        return f"{reverse('accounts:otp-verify')}?next={self.get_redirect_url() or reverse('home:home')}"


def locked_out(
    request: HttpRequest, credentials: dict[str, Any] | None = None, *args: Any, **kwargs: Any
) -> HttpResponse:
    """django-axes calls this when a username is locked: a clear Dutch page, status 429."""
    username = ((credentials or {}).get("username") or request.POST.get("username") or "")[:150]
    audit.record("auth.locked_out", actor=None, actor_label=username, result=Result.REFUSED)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "accounts/locked_out.html", {"minutes": minutes}, status=429)


def _safe_next(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


@login_required
def otp_verify(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if user.is_verified():  # type: ignore[attr-defined]
        return redirect(_safe_next(request, reverse("home:home")))
    if not services.has_confirmed_device(user):
        return redirect("accounts:otp-setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].replace(" ", ""))
        if device is not None:
            otp_login(request, device)
            audit.record("auth.otp_verified", actor=user, target=user)
            return redirect(_safe_next(request, reverse("home:home")))
        audit.record("auth.otp_failed", actor=user, target=user, result=Result.REFUSED)
        form.add_error("token", _("This code is not correct or has already been used."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request, "")})


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


@login_required
def otp_setup(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if services.has_confirmed_device(user) and not user.is_verified():  # type: ignore[attr-defined]
        return redirect("accounts:otp-verify")
    device: TOTPDevice = services.otp_enrol_start(user=user)
    form = ConfirmDeviceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.otp_enrol_confirm(user=user, device=device, token=form.cleaned_data["token"])
        except DomainError as exc:
            form.add_error("token", exc.message)
        else:
            otp_login(request, device)
            return render(request, "accounts/backup_codes.html", {"codes": codes, "first_time": True})
    secret = services.totp_secret_base32(device)
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - generated by qrcode, no user input
        },
    )


@login_required
def sudo(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    target = _safe_next(request, reverse("accounts:profile"))
    form = SudoForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        password_ok = user.check_password(form.cleaned_data["password"])
        device = match_token(user, form.cleaned_data["token"].replace(" ", "")) if password_ok else None
        if password_ok and device is not None:
            grant_sudo(request)
            audit.record("auth.sudo_granted", actor=user, target=user)
            return HttpResponseRedirect(target)
        audit.record("auth.sudo_failed", actor=user, target=user, result=Result.REFUSED)
        form.add_error(None, _("Password or code is not correct."))
    return render(request, "accounts/sudo.html", {"form": form, "next": target})


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    return render(
        request,
        "accounts/profile.html",
        {
            "has_device": services.has_confirmed_device(user),
            "has_sudo": has_sudo(request),
            "idle_minutes": settings.SESSION_IDLE_TIMEOUT_MINUTES,
        },
    )


@login_required
@require_POST
def backup_codes(request: HttpRequest) -> HttpResponse:
    if not has_sudo(request):
        return redirect(f"{reverse('accounts:sudo')}?next={reverse('accounts:profile')}")
    codes = services.backup_codes_generate(user=request.user)  # type: ignore[arg-type]
    messages.success(request, _("New backup codes were generated. The old ones no longer work."))
    return render(request, "accounts/backup_codes.html", {"codes": codes, "first_time": False})


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        audit.record("auth.logout", actor=request.user, target=request.user)
    auth_logout(request)
    messages.info(request, _("You have been logged out."))
    return redirect("accounts:login")


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """The link from an invitation e-mail: choose a password, then set up the second factor (otp_setup)."""
    try:
        invitation = services.invitation_open(token)
    except services.InvitationRefused as exc:
        return render(request, "accounts/invitation_refused.html", {"message": exc.message}, status=410)
    form = ChoosePasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(invitation=invitation, password=form.cleaned_data["password1"])
        except ValidationError as exc:
            form.add_error("password1", exc.message)
        except services.InvitationRefused as exc:
            return render(request, "accounts/invitation_refused.html", {"message": exc.message}, status=410)
        else:
            auth_login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            audit.record("auth.login", actor=user, target=user)
            messages.success(request, _("Your password is set. Now set up the second step of logging in."))
            return redirect("accounts:otp-setup")
    return render(
        request,
        "accounts/invitation_accept.html",
        {"form": form, "username": invitation.user.get_username(), "expires_at": invitation.expires_at},
    )
