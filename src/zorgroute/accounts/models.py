from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from zorgroute.core.models import BaseModel


class User(AbstractUser):
    """Every person who logs in: staff, partner members, guardians and pupils of 16+.

    What a user may do follows from their roles (organisations.StaffRole, care-team memberships, guardian and pupil
    links); `access/` reads those. `is_staff`/`is_superuser` are not used for permissions.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    job_title = models.CharField(_("job title"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Invitation(BaseModel):
    """An e-mailed link with which someone sets the password of their new login (guardians, pupils of 16+).

    Single use, expires after accounts.invitations.INVITATION_DAYS, and a newer invitation for the same user replaces
    every older one. The link carries a signed token (django.core.signing), never a secret stored here.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="invitations")
    sent_to = models.EmailField(_("sent to"))
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    expires_at = models.DateTimeField(_("valid until"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    replaced_at = models.DateTimeField(_("replaced by a newer invitation"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"Invitation {str(self.uuid)[:8]}"
