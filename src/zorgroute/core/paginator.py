"""`CountingPaginator`: Django's Paginator over a query set, where a page in range costs one query instead of two.

Paginator counts the whole list (one query) and then reads the page (another). Here the page's rows bring the total
along, as a window count over the whole list taken before the limit (`COUNT(*) OVER ()`); a page past the end finds
no rows and falls back to Paginator's way (count, then the last page).
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

_TOTAL = "paginator_total_rows"


class CountingPaginator(Paginator):
    def __init__(self, object_list: QuerySet[Any], per_page: int, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.queryset = object_list
        if self.orphans:
            raise ValueError("CountingPaginator reads exactly one page: orphans are not supported")

    def get_page(self, number: Any) -> Page:
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        bottom = (number - 1) * self.per_page
        rows = list(self.queryset.annotate(**{_TOTAL: Window(Count("pk"))})[bottom : bottom + self.per_page])
        if rows:
            self.count = getattr(rows[0], _TOTAL)
        elif number == 1:
            self.count = 0
        else:
            return super().get_page(number)
        return Page(rows, number, self)
