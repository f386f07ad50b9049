"""`site_url(path)`: the address of a page of ours for a link outside the browser (an e-mail, a calendar entry).

`reverse_uuids(name, *uuids)`: `reverse(name, args=uuids)` for the URLs whose arguments are UUIDs (all of ours,
conventions: public ids are UUIDs), without resolving the name on every call.

Lists put a link in every row (My work: about 125). Django's reverse() looks the name up through the namespaces on
each call, about 18 µs; this reverses each URL name once per URL configuration and script prefix, with placeholder
UUIDs, and afterwards only puts the row's UUIDs in their places. URLs here do not depend on the language (no
translated paths, no i18n_patterns). Anything that is not a UUID instance goes to reverse() as before.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_PLACEHOLDERS = tuple(uuid.UUID(f"0ddba11c-0ffe-4e11-8a5e-{i:012x}") for i in range(8))
_FIND = re.compile("|".join(re.escape(str(p)) for p in _PLACEHOLDERS))

# (name, number of arguments, script prefix, urlconf) -> the URL cut at the arguments: literal parts and the index of
# the argument between them; None when the placeholders did not come through (then reverse() answers every time)
_cuts: dict[tuple[str, int, str, Any], tuple[list[str], list[int]] | None] = {}


def reverse_uuids(name: str, *values: Any) -> str:
    if len(values) > len(_PLACEHOLDERS) or not all(type(value) is uuid.UUID for value in values):
        return reverse(name, args=values)
    key = (name, len(values), get_script_prefix(), get_urlconf())
    if key not in _cuts:
        _cuts[key] = _cut(reverse(name, args=_PLACEHOLDERS[: len(values)]), len(values))
    cut = _cuts[key]
    if cut is None:
        return reverse(name, args=values)
    literals, order = cut
    parts = [literals[0]]
    for literal, index in zip(literals[1:], order, strict=True):
        parts += (str(values[index]), literal)
    return "".join(parts)


def _cut(url: str, count: int) -> tuple[list[str], list[int]] | None:
    literals = _FIND.split(url)
    order = [_PLACEHOLDERS.index(uuid.UUID(found)) for found in _FIND.findall(url)]
    if sorted(order) != list(range(count)):
        return None
    return literals, order


def site_url(path: str) -> str:
    """`path` (from reverse()) on SITE_URL, the address users reach Zorgroute on."""
    return str(settings.SITE_URL).rstrip("/") + path
