"""The self-assessment pages: the teams and their years, one year's checklist (read, fill in, comment), finalising a
year, and the years side by side."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.core.exceptions import DomainError
from zorgroute.organisations.views._helpers import add_domain_error
from zorgroute.quality import selectors, services
from zorgroute.quality.constants import ASSESSED_TEAM_KINDS
from zorgroute.quality.forms import CommentForm, ConfirmForm, ScoresForm, StartForm
from zorgroute.quality.models import SelfAssessment
from zorgroute.reports import charts


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Quality framework"), reverse("quality:index")), *more]


def _assessment_url(assessment: SelfAssessment) -> str:
    return reverse("quality:assessment", args=[assessment.uuid])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The zorgteams and ZATs the user reflects with, each with its years."""
    rows = selectors.team_overview(user=request.user)
    for row in rows:
        if row.start_years:
            row.form = StartForm(years=row.start_years, auto_id=f"start-{row.team.uuid}-%s")
    return render(request, "quality/index.html", {"rows": rows, "crumbs": [(_("Quality framework"), None)]})


@login_required
@require_POST
def assessment_start(request: HttpRequest, team_uuid: str) -> HttpResponse:
    team = fetch.access_careteam(request.user, team_uuid, Action.QUALITY_ASSESS)
    existing = set(SelfAssessment.objects.filter(team=team).values_list("year", flat=True))
    form = StartForm(request.POST, years=selectors.start_years(existing))
    if not form.is_valid():
        messages.error(request, _("Choose one of the school years offered."))
        return redirect("quality:index")
    try:
        assessment = services.assessment_start(actor=request.user, team=team, year=form.cleaned_data["year"])
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("quality:index")
    messages.success(
        request, _("The self-assessment for %(year)s was started.") % {"year": assessment.year_label}
    )
    return redirect(_assessment_url(assessment))


def _detail(
    request: HttpRequest,
    assessment: SelfAssessment,
    *,
    form: ScoresForm | None = None,
    comment_form: CommentForm | None = None,
) -> HttpResponse:
    page = selectors.assessment_page(assessment=assessment)
    team = assessment.team
    may_assess = not assessment.is_final and can(request.user, Action.QUALITY_ASSESS, team)
    may_comment = not assessment.is_final and can(request.user, Action.QUALITY_COMMENT, team)
    if may_assess:
        form = form or ScoresForm(initial=page.initial(), items=page.items)
        form.bind_rows(page)
    else:
        form = None
    if may_comment:
        comment_form = comment_form or CommentForm(items=page.items)
    title = _("Self-assessment %(year)s") % {"year": assessment.year_label}
    return render(
        request,
        "quality/assessment.html",
        {
            "assessment": assessment,
            "team": team,
            "page": page,
            "form": form,
            "comment_form": comment_form if may_comment else None,
            "may_finalise": may_assess,
            "title": title,
            "crumbs": _crumbs((f"{team.name}: {assessment.year_label}", None)),
        },
    )


@login_required
def assessment_detail(request: HttpRequest, assessment_uuid: str) -> HttpResponse:
    """One year's checklist: read by the team; filled in by its chair or coordinator while it is open."""
    if request.method != "POST":
        return _detail(request, fetch.access_self_assessment(request.user, assessment_uuid))
    assessment = fetch.access_self_assessment(request.user, assessment_uuid, Action.QUALITY_ASSESS)
    if assessment.is_final:
        messages.error(request, _("This self-assessment is finalised and can no longer be changed."))
        return redirect(_assessment_url(assessment))
    items = list(assessment.framework.items.order_by("position"))
    form = ScoresForm(request.POST, items=items)
    if form.is_valid():
        try:
            changed = services.assessment_record(
                actor=request.user,
                assessment=assessment,
                answers=form.answers(),
                summary=form.cleaned_data["summary"],
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            if changed:
                messages.success(request, _("The self-assessment was saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect(_assessment_url(assessment))
    return _detail(request, assessment, form=form)


@login_required
@require_POST
def assessment_comment(request: HttpRequest, assessment_uuid: str) -> HttpResponse:
    assessment = fetch.access_self_assessment(request.user, assessment_uuid, Action.QUALITY_COMMENT)
    if assessment.is_final:
        messages.error(request, _("This self-assessment is finalised and can no longer be changed."))
        return redirect(_assessment_url(assessment))
    form = CommentForm(request.POST, items=list(assessment.framework.items.order_by("position")))
    if form.is_valid():
        try:
            services.assessment_comment(
                actor=request.user,
                assessment=assessment,
                text=form.cleaned_data["text"],
                item=form.chosen_item(),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect(_assessment_url(assessment) + "#comments")
    return _detail(request, assessment, comment_form=form)


@login_required
def assessment_finalise(request: HttpRequest, assessment_uuid: str) -> HttpResponse:
    assessment = fetch.access_self_assessment(request.user, assessment_uuid, Action.QUALITY_ASSESS)
    if assessment.is_final:
        messages.info(request, _("This self-assessment is already finalised."))
        return redirect(_assessment_url(assessment))
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_finalise(actor=request.user, assessment=assessment)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The self-assessment was finalised. It can no longer be changed."))
            return redirect(_assessment_url(assessment))
    page = selectors.assessment_page(assessment=assessment)
    title = _("Finalise the self-assessment %(year)s") % {"year": assessment.year_label}
    return render(
        request,
        "quality/finalise.html",
        {
            "assessment": assessment,
            "counts": page.counts,
            "form": form,
            "title": title,
            "crumbs": _crumbs(
                (f"{assessment.team.name}: {assessment.year_label}", _assessment_url(assessment)),
                (title, None),
            ),
        },
    )


@login_required
def team_compare(request: HttpRequest, team_uuid: str) -> HttpResponse:
    """This year and earlier years side by side, per item and per group, and the characteristics as a chart."""
    team = fetch.access_careteam(request.user, team_uuid, Action.QUALITY_VIEW)
    if team.kind not in ASSESSED_TEAM_KINDS:
        raise Http404
    data = selectors.comparison(team=team)
    chart: Any = charts.render(data.characteristics) if data.characteristics else None
    title = _("%(team)s: the years compared") % {"team": team.name}
    return render(
        request,
        "quality/compare.html",
        {"team": team, "data": data, "chart": chart, "title": title, "crumbs": _crumbs((title, None))},
    )
