"""My work: what waits for a teacher and for a care coordinator, with counts."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from zorgroute import audit
from zorgroute.cases import work_selectors


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    work = work_selectors.my_work(user=request.user)
    if work.has_rows:
        audit.record("case.listed", actor=request.user, changes={"list": "my_work", **work.counts})
    return render(request, "cases/my_work.html", {"work": work})
