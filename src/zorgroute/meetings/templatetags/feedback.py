"""`{% feedback_chains case actions as chains %}`: the feedback chains of a case from the actions its page already
loaded (meetings.selectors.feedback_chains), for the case page's referrals section."""

from __future__ import annotations

from typing import Any

from django import template

from zorgroute.meetings.selectors import FeedbackChain
from zorgroute.meetings.selectors import feedback_chains as build_chains

register = template.Library()


@register.simple_tag
def feedback_chains(case: Any, actions: Any) -> list[FeedbackChain]:
    if not case or not actions:
        return []
    return build_chains(case=case, actions=list(actions))
