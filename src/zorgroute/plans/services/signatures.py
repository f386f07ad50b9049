"""A guardian or the pupil signs the current plan version in the portal (DOMAIN §6: signing the action plan)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.services import timeline_add
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import now
from zorgroute.plans.constants import PlanStatus
from zorgroute.plans.models import ActionPlan, PlanSignature
from zorgroute.plans.services._common import _open
from zorgroute.pupils.models import Guardian


def plan_sign(*, actor: Any, plan: ActionPlan, guardian: Guardian | None) -> PlanSignature:
    """`guardian` signs this version (None: the pupil). Records who, when and which version; once per party.

    The caller got the case through access/ (plan.sign) and passes the actor's own guardian row, or None when the
    actor is the pupil.
    """
    with transaction.atomic():
        plan = ActionPlan.objects.select_for_update().select_related("case__pupil").get(pk=plan.pk)
        _open(plan.case)
        if plan.status != PlanStatus.ACTIVE:
            raise DomainError(_("Only the current version of the plan can be signed."))
        if guardian is not None and not plan.case.pupil.guardian_links.filter(guardian=guardian).exists():
            raise ValidationError(_("Only the pupil's own guardians can sign."), field="guardian")
        if PlanSignature.objects.filter(plan=plan, guardian=guardian).exists():
            raise DomainError(_("You already signed this version of the plan."))
        name = guardian.full_name if guardian is not None else plan.case.pupil.full_name
        signature = PlanSignature.objects.create(
            plan=plan,
            guardian=guardian,
            signed_by=actor,
            signer_name=name[:200],
            signed_at=now(),
            version=plan.version,
        )

        def title() -> str:
            if guardian is None:
                return _("The pupil signed %(plan)s") % {"plan": str(plan)}
            return _("%(name)s signed %(plan)s") % {"name": name, "plan": str(plan)}

        timeline_add(
            case=plan.case,
            kind=TimelineKind.PLAN,
            actor=actor,
            ref_uuid=plan.uuid,
            visibility=Visibility.PARENTS,
            title=title,
        )
        audit.record(
            "plan.signed",
            actor=actor,
            target=plan,
            case=plan.case,
            pupil=plan.case.pupil,
            changes={
                "version": plan.version,
                "party": "pupil" if guardian is None else str(guardian.uuid),
            },
        )
    return signature
