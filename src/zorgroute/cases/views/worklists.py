"""My work: what waits for a teacher and for a care coordinator, with counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from zorgroute import audit
from zorgroute.cases import work_selectors


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    work = work_selectors.my_work(user=request.user)
    if work.has_rows:
        audit.record("case.listed", actor=request.user, changes={"list": "my_work", **work.counts})
    return render(request, "cases/my_work.html", {"work": work})


@login_required
def my_work_section(request: HttpRequest, section: str) -> HttpResponse:
    """One list of My work with every row, a page at a time. A list the user's My work does not have is a 404."""
    found = work_selectors.work_section(user=request.user, slug=section)
    if found is None:
        raise Http404("no such list on My work")
    page = Paginator(found.rows(request.user), work_selectors.SECTION_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    if page.object_list:
        audit.record(
            "case.listed",
            actor=request.user,
            changes={"list": f"my_work:{found.slug}", "page": page.number, "rows": len(page.object_list)},
        )
    return render(request, "cases/my_work_section.html", {"section": found, "page": page})
