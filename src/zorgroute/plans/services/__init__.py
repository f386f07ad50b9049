"""Writes on the intervention log, action plans, evaluations and signatures; import them from here."""

from zorgroute.plans.services._common import MAX_MEASURE, PLAN_TEXT_FIELDS
from zorgroute.plans.services.evaluations import evaluation_record
from zorgroute.plans.services.interventions import intervention_add
from zorgroute.plans.services.signatures import plan_sign
from zorgroute.plans.services.versions import (
    plan_activate,
    plan_create,
    plan_record_agreement,
    plan_update_draft,
)

__all__ = [
    "MAX_MEASURE",
    "PLAN_TEXT_FIELDS",
    "evaluation_record",
    "intervention_add",
    "plan_activate",
    "plan_create",
    "plan_record_agreement",
    "plan_sign",
    "plan_update_draft",
]
