"""Shared by the plan services."""

from __future__ import annotations

from django.utils.translation import gettext as _

from zorgroute.cases.constants import CaseStatus
from zorgroute.cases.models import Case
from zorgroute.core.exceptions import DomainError

MAX_MEASURE = 300  # Goal.measure, evaluation method
PLAN_TEXT_FIELDS = ("needs", "approach", "facilities", "advice_school", "advice_home", "pupil_view")


def _open(case: Case) -> None:
    if case.status != CaseStatus.OPEN:
        raise DomainError(_("This case is closed. Reopen it first."))
