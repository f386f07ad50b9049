"""`{% work_section_link "vastgelopen" count rows %}`: under a list of My work that shows only its first rows, the link
to the whole list (cases.work_selectors.WORK_SECTIONS), saying how many there are. Nothing when every row is shown."""

from __future__ import annotations

from collections.abc import Sized
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from zorgroute.cases.work_selectors import WORK_SECTIONS

register = template.Library()


@register.simple_tag
def work_section_link(slug: str, count: Any, rows: Sized) -> SafeString | str:
    if not count or count <= len(rows):
        return ""
    section = WORK_SECTIONS[slug]
    return format_html(
        '<p class="show-all"><a href="{}">{}<span class="visually-hidden">: {}</span></a></p>',
        reverse("cases:my-work-section", args=[slug]),
        gettext("Show all %(count)s") % {"count": count},
        section.title,
    )
