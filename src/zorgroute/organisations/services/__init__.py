"""Writes on the organisations configuration (DOMAIN §2-§3): validate, save and audit in one transaction.

One module per kind of object; import the functions from here.
"""

from zorgroute.organisations.services._common import MAX_REASON_LENGTH
from zorgroute.organisations.services.careteams import (
    careteam_create,
    careteam_update,
    membership_create,
    membership_end,
    membership_update,
)
from zorgroute.organisations.services.partners import partner_create, partner_type_create, partner_update
from zorgroute.organisations.services.people import (
    earliest_immediate_end,
    person_create,
    person_otp_reset,
    staffrole_grant,
    staffrole_revoke,
)
from zorgroute.organisations.services.regions import board_create, board_update, region_update
from zorgroute.organisations.services.schools import (
    group_create,
    group_teacher_add,
    group_teacher_remove,
    group_update,
    school_create,
    school_update,
)

__all__ = [
    "MAX_REASON_LENGTH",
    "board_create",
    "board_update",
    "careteam_create",
    "careteam_update",
    "earliest_immediate_end",
    "group_create",
    "group_teacher_add",
    "group_teacher_remove",
    "group_update",
    "membership_create",
    "membership_end",
    "membership_update",
    "partner_create",
    "partner_type_create",
    "partner_update",
    "person_create",
    "person_otp_reset",
    "region_update",
    "school_create",
    "school_update",
    "staffrole_grant",
    "staffrole_revoke",
]
