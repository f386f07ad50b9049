"""`{% case_link case label %}`: the label as a link to the case page, with the badge of a case a forum discusses by
name without consent (the `without_consent` annotation, cases.selectors.with_consent_override).

Lists show one per row (My work: about a hundred), so this is a tag rather than an included template: an include
costs about six times as much per row, and a row whose case carries no `without_consent` annotation made the template
engine search the model for it before giving up. The URL comes from core.urlcache (the name is resolved once).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from zorgroute.core.urlcache import reverse_uuids

register = template.Library()


@register.simple_tag
def case_link(case: Any, label: Any) -> SafeString:
    try:
        link = format_html('<a href="{}">{}</a>', reverse_uuids("cases:case-detail", case.uuid), label)
    except (AttributeError, NoReverseMatch):
        link = conditional_escape(label)
    if getattr(case, "without_consent", False):
        badge = gettext("By name without consent")
        return format_html('{} <span class="badge badge-danger">{}</span>', link, badge)
    return SafeString(link)
