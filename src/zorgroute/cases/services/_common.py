"""Shared by the case services: the timeline writer and text checks."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from zorgroute.cases.constants import (
    Visibility,
)
from zorgroute.cases.models import (
    Case,
    TimelineEvent,
)
from zorgroute.core.exceptions import ValidationError
from zorgroute.core.time import now

MAX_TEXT = 5000


def timeline_add(
    *,
    case: Case,
    kind: str,
    title: Callable[[], str],
    actor: Any,
    body: str = "",
    visibility: str = Visibility.CARE_TEAM,
    ref_uuid: Any = None,
    occurred_at: dt.datetime | None = None,
) -> TimelineEvent:
    """Append one line to the case's chronology (called by the services that change a case).

    `title` is a function that builds the line: it runs in the product language (settings.LANGUAGE_CODE), so the
    dossier reads the same whichever language the writer's screen is in. `body` is what a person wrote.
    """
    with translation.override(settings.LANGUAGE_CODE):
        text = title()
    return TimelineEvent.objects.create(
        case=case,
        kind=kind,
        title=text[:300],
        body=body,
        visibility=visibility,
        ref_uuid=ref_uuid,
        author=actor if getattr(actor, "pk", None) else None,
        author_name=(actor.get_full_name() or actor.get_username()) if getattr(actor, "pk", None) else "",
        occurred_at=occurred_at or now(),
    )


def _text(value: str, field: str, *, required: bool = False) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError(_("This field is required."), field=field)
    if len(value) > MAX_TEXT:
        raise ValidationError(_("Keep this under %(max)d characters.") % {"max": MAX_TEXT}, field=field)
    return value
