"""Writes on signals, cases and route templates, one module per subject; import them from here."""

from zorgroute.cases.services._common import MAX_TEXT, timeline_add
from zorgroute.cases.services.cases import (
    case_close,
    case_migrate_template,
    case_open,
    case_reopen,
    case_set_people,
    case_transition,
    case_update_package,
    note_add,
)
from zorgroute.cases.services.groups import group_review_record
from zorgroute.cases.services.routes import (
    route_choose_for_school,
    route_edit,
    route_migrate_cases,
    route_override_for_school,
    route_override_step,
    route_publish_version,
    route_school_follow,
    routes_install_defaults,
    steps_as_data,
)
from zorgroute.cases.services.signals import (
    signal_create,
    signal_keep_in_class,
    signal_link,
    signal_open_case,
)

__all__ = [
    "MAX_TEXT",
    "case_close",
    "case_migrate_template",
    "case_open",
    "case_reopen",
    "case_set_people",
    "case_transition",
    "case_update_package",
    "group_review_record",
    "note_add",
    "route_choose_for_school",
    "route_edit",
    "route_migrate_cases",
    "route_override_for_school",
    "route_override_step",
    "route_publish_version",
    "route_school_follow",
    "routes_install_defaults",
    "signal_create",
    "signal_keep_in_class",
    "signal_link",
    "signal_open_case",
    "steps_as_data",
    "timeline_add",
]
