"""Append-only, hash-chained audit events (NEN 7513 field set, dutch-standards.md §3).

Rows reference people and objects by UUID and a label, never by foreign key: the log outlives what it describes.
"""

from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAppendOnlyError(RuntimeError):
    pass


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditAppendOnlyError("Audit events cannot be updated")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise AuditAppendOnlyError("Audit events cannot be deleted")


class Result(models.TextChoices):
    SUCCESS = "success", _("Success")
    REFUSED = "refused", _("Refused")
    ERROR = "error", _("Error")


class AuditEvent(models.Model):
    seq = models.BigAutoField(primary_key=True)
    occurred_at = models.DateTimeField(_("time"), db_index=True)  # UTC, microseconds
    event = models.CharField(_("event"), max_length=60)
    action_code = models.CharField(_("action code"), max_length=1)  # C R U D E (NEN 7513 Actiecode)
    result = models.CharField(_("result"), max_length=10, choices=Result.choices, default=Result.SUCCESS)
    # Gebruiker
    actor_uuid = models.UUIDField(_("user id"), null=True)
    actor_username = models.CharField(_("local user id"), max_length=150, blank=True)
    actor_name = models.CharField(_("user name"), max_length=200, blank=True)
    actor_role = models.CharField(_("role"), max_length=60, blank=True)
    client_ip = models.CharField(_("access point"), max_length=45, blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    # Object
    target_type = models.CharField(_("object type"), max_length=60, blank=True)
    target_uuid = models.UUIDField(_("object id"), null=True)
    target_label = models.CharField(_("object"), max_length=200, blank=True)
    pupil_uuid = models.UUIDField(_("pupil"), null=True)
    case_uuid = models.UUIDField(_("case"), null=True)
    authorization = models.CharField(_("authorisation protocol"), max_length=200, blank=True)
    consent_profile = models.CharField(_("consent profile"), max_length=100, blank=True)
    changes = models.JSONField(_("changes"), null=True)
    reason = models.TextField(_("reason"), blank=True)
    # Loggegevens
    source = models.CharField(_("source"), max_length=60)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [
            models.Index(fields=["pupil_uuid", "occurred_at"], name="audit_pupil_time"),
            models.Index(fields=["case_uuid", "occurred_at"], name="audit_case_time"),
            models.Index(fields=["actor_uuid", "occurred_at"], name="audit_actor_time"),
            models.Index(fields=["target_uuid"], name="audit_target"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditAppendOnlyError("Audit events cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditAppendOnlyError("Audit events cannot be deleted")


class AuditChainHead(models.Model):
    """One row: the last sequence number and hash. Lets `audit_verify` notice a deleted tail."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"head #{self.last_seq}"
