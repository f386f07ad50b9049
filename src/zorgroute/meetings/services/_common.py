"""Shared by the meetings services."""

from __future__ import annotations

from typing import Any

from zorgroute.accounts.models import User

TEXT_LIMIT = 5000
SYSTEM_LABEL = "zorgroute (dagelijkse taak)"  # the actor of what the daily commands do


def name_of(user: User | Any) -> str:
    return user.get_full_name() or user.get_username()
