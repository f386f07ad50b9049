from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import bsn, onderwijsnummer


def validate_bsn(value: str) -> None:
    try:
        bsn.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("This is not a valid BSN (9 digits that pass the eleven test)."), code="invalid_bsn"
        ) from exc


def validate_onderwijsnummer(value: str) -> None:
    try:
        onderwijsnummer.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("This is not a valid education number (onderwijsnummer)."), code="invalid_onderwijsnummer"
        ) from exc
