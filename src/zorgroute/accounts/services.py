"""Account writes: creation, two-factor enrolment, backup codes, sudo grants. Each one is audited."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import uuid
from typing import Any

from django.contrib.auth import password_validation
from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute import audit
from zorgroute.accounts.models import Invitation, User
from zorgroute.audit.models import Result
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now

BACKUP_CODE_COUNT = 10
INVITATION_DAYS = 7
_INVITATION_SALT = "zorgroute.accounts.invitation"


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


# --- Invitations: a login for a guardian or a pupil of 16+, by an e-mailed single-use link ---------------------------


class InvitationRefused(DomainError):
    """The link cannot be used. `reason`: invalid, expired, used or replaced."""

    def __init__(self, reason: str) -> None:
        messages = {
            "invalid": _("This link is not valid. Check that you copied the whole link from the e-mail."),
            "expired": _("This link has expired. Ask the school for a new invitation."),
            "used": _("This link has already been used. Log in with your username and password."),
            "replaced": _(
                "A newer invitation was sent; this link no longer works. Use the link in the latest e-mail."
            ),
        }
        super().__init__(messages[reason])
        self.reason = reason


def invitation_issue(
    *, actor: Any, user: User, email: str, pupil: Any = None, details: dict[str, str] | None = None
) -> tuple[Invitation, str]:
    """A new invitation for `user`; every earlier open one is replaced. Returns it with the token for its link.

    The caller sends the e-mail (after commit) with the link `invitation_path(token)`. `pupil` and `details`
    (structured labels only) go into the audit row.
    """
    with transaction.atomic():
        replaced = Invitation.objects.filter(
            user=user, accepted_at__isnull=True, replaced_at__isnull=True
        ).update(replaced_at=now())
        invitation = Invitation.objects.create(
            user=user,
            sent_to=email,
            created_by=actor,
            expires_at=now() + dt.timedelta(days=INVITATION_DAYS),
        )
        audit.record(
            "account.invited",
            actor=actor,
            target=user,
            pupil=pupil,
            changes={
                **(details or {}),
                "invitation": str(invitation.uuid),
                "expires_at": invitation.expires_at,
                "replaced": replaced,
            },
        )
    token = signing.TimestampSigner(salt=_INVITATION_SALT).sign_object({"i": str(invitation.uuid)})
    return invitation, token


def invitation_path(token: str) -> str:
    return reverse("accounts:invitation-accept", args=[token])


def _refuse(reason: str, invitation: Invitation | None = None) -> InvitationRefused:
    audit.record(
        "account.invitation_refused",
        actor=None,
        actor_label=invitation.user.get_username() if invitation else "",
        target=invitation.user if invitation else None,
        changes={"reason": reason, "invitation": str(invitation.uuid) if invitation else None},
        result=Result.REFUSED,
    )
    return InvitationRefused(reason)


def invitation_open(token: str) -> Invitation:
    """The open invitation a link's token names; an unusable link raises InvitationRefused (and is audited)."""
    signer = signing.TimestampSigner(salt=_INVITATION_SALT)
    try:
        value = signer.unsign_object(token, max_age=dt.timedelta(days=INVITATION_DAYS))
    except signing.SignatureExpired:
        raise _refuse("expired") from None
    except signing.BadSignature:
        raise _refuse("invalid") from None
    try:
        key = uuid.UUID(str(value["i"]))
    except (TypeError, KeyError, ValueError):
        raise _refuse("invalid") from None
    invitation = Invitation.objects.select_related("user").filter(uuid=key).first()
    if invitation is None:
        raise _refuse("invalid")
    if invitation.accepted_at is not None:
        raise _refuse("used", invitation)
    if invitation.replaced_at is not None:
        raise _refuse("replaced", invitation)
    if invitation.expires_at <= now():
        raise _refuse("expired", invitation)
    return invitation


def invitation_accept(*, invitation: Invitation, password: str) -> User:
    """Set the password of the invited user; the link is used up. The second factor is set up next (otp_setup)."""
    user = invitation.user
    try:
        password_validation.validate_password(password, user)
    except DjangoValidationError as exc:
        raise ValidationError(" ".join(exc.messages), field="password1") from exc
    with transaction.atomic():
        current = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if current.accepted_at is not None or current.replaced_at is not None:
            raise InvitationRefused("used" if current.accepted_at else "replaced")
        current.accepted_at = now()
        current.save(update_fields=["accepted_at", "updated_at"])
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        audit.record(
            "account.invitation_accepted", actor=user, target=user, changes={"invitation": str(current.uuid)}
        )
    return user
