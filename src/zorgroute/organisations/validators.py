from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.nl import brin


def validate_brin(value: str) -> None:
    """A school's BRIN: 2 digits + 2 letters (python-stdnum)."""
    try:
        compact = brin.validate(value)
    except StdnumError as exc:
        raise ValidationError(
            _("%(value)s is not a valid BRIN number (2 digits and 2 letters)."),
            params={"value": value},
            code="invalid_brin",
        ) from exc
    if len(compact) != 4:
        raise ValidationError(
            _("Enter the BRIN number without location code (4 characters)."), code="brin_length"
        )
