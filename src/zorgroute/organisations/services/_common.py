"""Helpers shared by the organisations services.

Services do not check permissions: the caller obtained every object through `access/`. Free text never goes
into an audit row's `changes`, only that the field changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.core.exceptions import ValidationError

MAX_REASON_LENGTH = 500
INITIAL_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# Fields whose values are free text: audited as "changed", never with their content.
_FREE_TEXT = frozenset(
    {"street_address", "postal_code", "legal_basis", "function", "phone", "email", "website"}
)


def _audit_value(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value.uuid) if hasattr(value, "uuid") else None
    return value


def _change(name: str, old: Any, new: Any) -> dict[str, Any]:
    if name in _FREE_TEXT:
        return {"changed": True}
    return {"old": _audit_value(old), "new": _audit_value(new)}


def _created(obj: models.Model, names: Iterable[str]) -> dict[str, Any]:
    """The structured fields of a new object, as audit `changes` ({field: {"new": value}})."""
    result: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name)
        if name in _FREE_TEXT:
            if value:
                result[name] = {"changed": True}
        else:
            result[name] = {"new": _audit_value(value)}
    return result


def _clean(obj: models.Model, exclude: list[str] | None = None) -> None:
    """Model validation (field validators such as the BRIN check) as a DomainError with its field."""
    try:
        obj.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        first_field, errors = next(iter(exc.message_dict.items()))
        raise ValidationError(
            str(errors[0]), field=None if first_field == "__all__" else first_field
        ) from exc


def _update(
    obj: models.Model, values: dict[str, Any], *, event: str, actor: Any, **record: Any
) -> dict[str, Any]:
    """Apply `values` to `obj`, validate, save the changed fields, audit old/new. Nothing changes on error."""
    old = {name: getattr(obj, name) for name in values}
    changes = {name: _change(name, old[name], new) for name, new in values.items() if old[name] != new}
    if not changes:
        return {}
    for name in changes:
        setattr(obj, name, values[name])
    try:
        _clean(obj)
        with transaction.atomic():
            obj.save(update_fields=[*changes, "updated_at"])
            audit.record(event, actor=actor, target=obj, changes=changes, **record)
    except Exception:
        for name, value in old.items():
            setattr(obj, name, value)
        raise
    return changes


def _required_reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give a reason."), field="reason")
    if len(reason) > MAX_REASON_LENGTH:
        raise ValidationError(
            _("Keep the reason under %(max)d characters.") % {"max": MAX_REASON_LENGTH}, field="reason"
        )
    return reason


def _check_period(valid_from: dt.date, valid_to: dt.date | None, field: str = "valid_to") -> None:
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(_("The end date lies before the start date."), field=field)


def _active_on(day: dt.date) -> models.Q:
    return models.Q(valid_from__lte=day) & (models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day))


def _overlapping(valid_from: dt.date, valid_to: dt.date | None) -> models.Q:
    """Rows whose validity period overlaps [valid_from, valid_to] (open ends allowed)."""
    q = models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=valid_from)
    if valid_to is not None:
        q &= models.Q(valid_from__lte=valid_to)
    return q
