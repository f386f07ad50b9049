"""`{% uuid_url "app:name" obj.uuid … %}`: `{% url %}` for URLs whose arguments are UUIDs, for links in list rows
(core/urlcache.py)."""

from __future__ import annotations

from typing import Any

from django import template

from zorgroute.core.urlcache import reverse_uuids

register = template.Library()


@register.simple_tag
def uuid_url(name: str, *values: Any) -> str:
    return reverse_uuids(name, *values)
