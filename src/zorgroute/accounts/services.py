"""Account writes: creation, two-factor enrolment, backup codes, sudo grants. Each one is audited."""

from __future__ import annotations

import base64
import secrets
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute import audit
from zorgroute.accounts.models import User
from zorgroute.core.exceptions import ValidationError

BACKUP_CODE_COUNT = 10


def user_create(
    *,
    actor: Any,
    username: str,
    first_name: str,
    last_name: str,
    email: str = "",
    password: str | None = None,
) -> User:
    with transaction.atomic():
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is already taken."), field="username")
        user = User(username=username, first_name=first_name, last_name=last_name, email=email)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        audit.record("user.created", actor=actor, target=user)
    return user


def otp_enrol_start(*, user: User) -> TOTPDevice:
    """Create (or reuse) the unconfirmed authenticator-app device shown on the set-up page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def otp_enrol_confirm(*, user: User, device: TOTPDevice, token: str) -> list[str]:
    """Confirm the device with a code from the app; returns fresh backup codes (shown once)."""
    if device.user_id != user.pk or device.confirmed:
        raise ValidationError(_("This device can no longer be confirmed. Please start again."))
    if not device.verify_token(token.strip().replace(" ", "")):
        raise ValidationError(
            _("The code is not correct. Check the time on your phone and try again."), field="token"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record("auth.otp_enrolled", actor=user, target=user)
        codes = _replace_backup_codes(user)
    return codes


def _replace_backup_codes(user: User) -> list[str]:
    static, _ = StaticDevice.objects.get_or_create(user=user, name="backup", defaults={"confirmed": True})
    static.token_set.all().delete()
    codes = [f"{secrets.randbelow(10**8):08d}" for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=static, token=code) for code in codes])
    return codes


def backup_codes_generate(*, user: User) -> list[str]:
    with transaction.atomic():
        codes = _replace_backup_codes(user)
        audit.record("auth.backup_codes_generated", actor=user, target=user)
    return codes


def otp_reset(*, actor: User, user: User, reason: str) -> None:
    """An administrator removes someone's second factor (lost phone); they must enrol again at next login."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        audit.record("auth.otp_reset", actor=actor, target=user, reason=reason)


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
