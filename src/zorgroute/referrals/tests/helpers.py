"""Shared set-up for the referrals tests: the region's kinds of care, a second partner with its own worker, and a
referral made through the service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from zorgroute.core.time import today
from zorgroute.organisations import constants as oc
from zorgroute.referrals import services
from zorgroute.referrals.models import CareKind, ExternalReferral
from zorgroute.testing import factories as f
from zorgroute.testing.personas import World


def kinds(world: World) -> dict[str, CareKind]:
    services.care_kinds_install_defaults(actor=world.functional_admin, region=world.region)
    return {k.name: k for k in CareKind.objects.filter(region=world.region)}


def kind(world: World, name: str = "Ambulante jeugdhulp") -> CareKind:
    return kinds(world)[name]


def other_partner(world: World) -> tuple[Any, Any]:
    """A school social work organisation in the region, with one worker (not a member of any team)."""
    smw_type = f.PartnerTypeFactory(region=world.region, name="Schoolmaatschappelijk werk")
    smw = f.PartnerFactory(region=world.region, partner_type=smw_type, name="SMW Teststreek")
    worker = f.UserFactory(username="smw_werker")
    f.StaffRoleFactory(user=worker, role=oc.StaffRoleKind.PARTNER_STAFF, partner=smw)
    return smw, worker


def refer(world: World, *, case: Any = None, partner: Any = None, **overrides: Any) -> ExternalReferral:
    values: dict[str, Any] = {
        "actor": world.ib_a,
        "case": case or world.case_a1,
        "partner": partner or world.partner_jgz,
        "care_kind": overrides.pop("care_kind", None) or kind(world),
        "question": "Ouders vragen hulp bij de opvoeding thuis.",
        "family_agreed": True,
    }
    values.update(overrides)
    if values["case"].school_id == world.school_b.pk and "actor" not in overrides:
        values["actor"] = world.ib_b
    return services.external_referral_create(**values)


def backdate(referral: ExternalReferral, days: int) -> ExternalReferral:
    """Move the referral `days` into the past, with the term of its first back-report."""
    weeks = referral.care_kind.back_report_weeks
    referred_on = today() - dt.timedelta(days=days)
    ExternalReferral.objects.filter(pk=referral.pk).update(
        referred_on=referred_on, back_report_due_on=referred_on + dt.timedelta(weeks=weeks)
    )
    referral.refresh_from_db()
    return referral
