"""Writes on the intervention log."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import TimelineKind
from zorgroute.cases.models import Case
from zorgroute.cases.services import timeline_add
from zorgroute.cases.services._common import _text
from zorgroute.core.exceptions import ValidationError
from zorgroute.core.time import today
from zorgroute.plans.constants import Effect
from zorgroute.plans.models import Intervention
from zorgroute.plans.services._common import _open


def intervention_add(
    *,
    actor: Any,
    case: Case,
    description: str,
    started_on: dt.date,
    ended_on: dt.date | None = None,
    effect: str = Effect.UNKNOWN,
    effect_notes: str = "",
) -> Intervention:
    _open(case)
    if effect not in Effect.values:
        raise ValidationError(_("Choose the effect."), field="effect")
    if ended_on is not None and ended_on < started_on:
        raise ValidationError(_("The end date lies before the start date."), field="ended_on")
    if started_on > today():
        raise ValidationError(_("The date lies in the future."), field="started_on")
    with transaction.atomic():
        intervention = Intervention.objects.create(
            case=case,
            performed_by=actor,
            description=_text(description, "description", required=True),
            started_on=started_on,
            ended_on=ended_on,
            effect=effect,
            effect_notes=_text(effect_notes, "effect_notes"),
        )
        timeline_add(
            case=case,
            kind=TimelineKind.INTERVENTION,
            actor=actor,
            ref_uuid=intervention.uuid,
            title=lambda: _("Intervention: %(effect)s") % {"effect": intervention.get_effect_display()},
            body=f"{intervention.description}\n\n{intervention.effect_notes}".strip(),
        )
        audit.record(
            "intervention.added",
            actor=actor,
            target=intervention,
            case=case,
            pupil=case.pupil,
            changes={"effect": effect},
        )
    return intervention
