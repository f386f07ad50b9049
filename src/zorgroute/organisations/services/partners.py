"""Partner types and partner organisations (sociale kaart).

Services do not check permissions: the caller obtained every object through `access/`. Free text never goes
into an audit row's `changes`, only that the field changed.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.core.exceptions import ConflictError, ValidationError
from zorgroute.organisations.models import (
    PartnerOrganisation,
    PartnerType,
    Region,
)
from zorgroute.organisations.services._common import (
    _clean,
    _created,
    _update,
)


def partner_type_create(*, actor: Any, region: Region, name: str) -> PartnerType:
    name = name.strip()
    if region.partner_types.filter(name__iexact=name).exists():
        raise ConflictError(_("This region already has a partner type with this name."), field="name")
    partner_type = PartnerType(region=region, name=name)
    _clean(partner_type, exclude=["uuid"])
    with transaction.atomic():
        partner_type.save()
        audit.record(
            "partner_type.created",
            actor=actor,
            target=partner_type,
            changes=_created(partner_type, ["region", "name"]),
        )
    return partner_type


_PARTNER_FIELDS = (
    "partner_type",
    "name",
    "phone",
    "email",
    "website",
    "street_address",
    "city",
    "legal_basis",
    "professional_secrecy",
)


def _check_partner(
    region: Region, partner_type: PartnerType, name: str, partner: PartnerOrganisation | None = None
) -> None:
    if partner_type.region_id != region.pk:
        raise ValidationError(_("Choose a partner type of this region."), field="partner_type")
    qs = region.partners.filter(name__iexact=name)
    if partner is not None:
        qs = qs.exclude(pk=partner.pk)
    if qs.exists():
        raise ConflictError(_("This region already has a partner organisation with this name."), field="name")


def partner_create(
    *,
    actor: Any,
    region: Region,
    partner_type: PartnerType,
    name: str,
    phone: str = "",
    email: str = "",
    website: str = "",
    street_address: str = "",
    city: str = "",
    legal_basis: str = "",
    professional_secrecy: bool = False,
) -> PartnerOrganisation:
    name = name.strip()
    _check_partner(region, partner_type, name)
    partner = PartnerOrganisation(
        region=region,
        partner_type=partner_type,
        name=name,
        phone=phone.strip(),
        email=email.strip(),
        website=website.strip(),
        street_address=street_address.strip(),
        city=city.strip(),
        legal_basis=legal_basis.strip(),
        professional_secrecy=professional_secrecy,
    )
    _clean(partner, exclude=["uuid"])
    with transaction.atomic():
        partner.save()
        audit.record(
            "partner.created",
            actor=actor,
            target=partner,
            changes=_created(partner, ["region", *_PARTNER_FIELDS]),
        )
    return partner


def partner_update(
    *,
    actor: Any,
    partner: PartnerOrganisation,
    partner_type: PartnerType,
    name: str,
    phone: str = "",
    email: str = "",
    website: str = "",
    street_address: str = "",
    city: str = "",
    legal_basis: str = "",
    professional_secrecy: bool = False,
    is_active: bool = True,
) -> PartnerOrganisation:
    name = name.strip()
    _check_partner(partner.region, partner_type, name, partner)
    values = {
        "partner_type": partner_type,
        "name": name,
        "phone": phone.strip(),
        "email": email.strip(),
        "website": website.strip(),
        "street_address": street_address.strip(),
        "city": city.strip(),
        "legal_basis": legal_basis.strip(),
        "professional_secrecy": professional_secrecy,
        "is_active": is_active,
    }
    _update(partner, values, event="partner.updated", actor=actor)
    return partner
