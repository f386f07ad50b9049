"""A team's planning pages: its meeting series (create, change, end, plan the next meetings) and its minimum
composition.

Who: the series are managed by the region's functional administrator, the team's chair or coordinator, and for a
school's zorgteam the school's care coordinator (Action.MEETING_SERIES_MANAGE); the minimum composition by the
functional administrator only (Action.COMPOSITION_MANAGE). The team comes from access/ (`access_careteam`: not
visible → 404, visible but not allowed → 403); a series or composition line is looked up within that team only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.core.exceptions import DomainError
from zorgroute.core.time import today
from zorgroute.meetings import series_selectors as selectors
from zorgroute.meetings.models import CompositionRequirement, MeetingSeries
from zorgroute.meetings.series_forms import DEFAULTS, CompositionForm, PlanForm, SeriesEndForm, SeriesForm
from zorgroute.meetings.services import series as services
from zorgroute.organisations.models import CareTeam
from zorgroute.organisations.views._helpers import add_domain_error

Crumbs = list[tuple[str, str | None]]


def _planning_url(team: CareTeam) -> str:
    return reverse("forum:team-planning", args=[team.uuid])


def _series_url(series: MeetingSeries) -> str:
    return reverse("forum:series-detail", args=[series.team.uuid, series.uuid])


def _crumbs(team: CareTeam, *more: tuple[str, str | None]) -> Crumbs:
    base: Crumbs = [
        (_("Care teams"), reverse("organisations:careteam-list")),
        (team.name, reverse("organisations:careteam-detail", args=[team.uuid])),
    ]
    if not more:
        return [*base, (_("Meetings and composition"), None)]
    return [*base, (_("Meetings and composition"), _planning_url(team)), *more]


def _form_page(
    request: HttpRequest,
    *,
    team: CareTeam,
    form: Any,
    title: str,
    submit: str,
    cancel_url: str,
    crumbs: Crumbs,
    intro: str = "",
    danger: bool = False,
) -> HttpResponse:
    return render(
        request,
        "meetings/team_form.html",
        {
            "team": team,
            "form": form,
            "title": title,
            "submit_label": submit,
            "cancel_url": cancel_url,
            "intro": intro,
            "danger": danger,
            "crumbs": [*crumbs, (title, None)],
        },
    )


@login_required
def team_planning(request: HttpRequest, team_uuid: str) -> HttpResponse:
    """The team's meeting series and minimum composition, for who manages either."""
    team = fetch.access_careteam(request.user, team_uuid)
    may_series = can(request.user, Action.MEETING_SERIES_MANAGE, team)
    may_composition = can(request.user, Action.COMPOSITION_MANAGE, team)
    if not (may_series or may_composition):
        raise PermissionDenied
    return render(
        request,
        "meetings/team_planning.html",
        {
            "team": team,
            "planning": selectors.team_planning(team=team),
            "is_forum": team.kind in services.FORUM_KINDS,
            "may_series": may_series,
            "may_composition": may_composition,
            "crumbs": _crumbs(team),
        },
    )


# --- Meeting series -----------------------------------------------------------------------------------------------


def _series_team(request: HttpRequest, team_uuid: str) -> CareTeam:
    return fetch.access_careteam(request.user, team_uuid, Action.MEETING_SERIES_MANAGE)


def _series(request: HttpRequest, team_uuid: str, series_uuid: str) -> MeetingSeries:
    team = _series_team(request, team_uuid)
    series = selectors.series_in_team(team=team, key=series_uuid)
    if series is None:
        raise Http404
    return series


@login_required
def series_create(request: HttpRequest, team_uuid: str) -> HttpResponse:
    team = _series_team(request, team_uuid)
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        members=selectors.member_choices(team=team),
        initial={**DEFAULTS, "name": team.name, "first_date": today()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            series = services.series_create(actor=request.user, team=team, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The meeting series was created. Plan its first meetings below."))
            return redirect(_series_url(series))
    return _form_page(
        request,
        team=team,
        form=form,
        title=_("New meeting series"),
        submit=_("Create"),
        cancel_url=_planning_url(team),
        crumbs=_crumbs(team),
    )


@login_required
def series_detail(request: HttpRequest, team_uuid: str, series_uuid: str) -> HttpResponse:
    series = _series(request, team_uuid, series_uuid)
    return render(
        request,
        "meetings/series_detail.html",
        {
            "series": series,
            "team": series.team,
            "page": selectors.series_page(user=request.user, series=series),
            "plan_form": PlanForm(),
            "crumbs": _crumbs(series.team, (series.name, None)),
        },
    )


@login_required
def series_edit(request: HttpRequest, team_uuid: str, series_uuid: str) -> HttpResponse:
    series = _series(request, team_uuid, series_uuid)
    if not series.is_active:
        messages.info(request, _("This meeting series has ended."))
        return redirect(_series_url(series))
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        members=selectors.member_choices(team=series.team),
        initial=SeriesForm.initial_for(series),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.series_update(actor=request.user, series=series, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The meeting series was saved."))
            return redirect(_series_url(series))
    return _form_page(
        request,
        team=series.team,
        form=form,
        title=_("Change %(series)s") % {"series": series.name},
        submit=_("Save"),
        cancel_url=_series_url(series),
        crumbs=_crumbs(series.team, (series.name, _series_url(series))),
        intro=_(
            "Changes apply to the meetings planned from now on. Meetings already planned keep their date, time, "
            "place and invitations."
        ),
    )


@login_required
def series_end(request: HttpRequest, team_uuid: str, series_uuid: str) -> HttpResponse:
    series = _series(request, team_uuid, series_uuid)
    if not series.is_active:
        messages.info(request, _("This meeting series has ended."))
        return redirect(_series_url(series))
    form = SeriesEndForm(request.POST if request.method == "POST" else None, initial={"last_date": today()})
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = services.series_end(actor=request.user, series=series, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                ngettext(
                    "The meeting series was ended; %(count)d meeting was cancelled.",
                    "The meeting series was ended; %(count)d meetings were cancelled.",
                    len(cancelled),
                )
                % {"count": len(cancelled)},
            )
            return redirect(_series_url(series))
    return _form_page(
        request,
        team=series.team,
        form=form,
        title=_("End %(series)s") % {"series": series.name},
        submit=_("End the series"),
        cancel_url=_series_url(series),
        crumbs=_crumbs(series.team, (series.name, _series_url(series))),
        intro=_(
            "Meetings up to and including the last date stay. Later planned meetings are cancelled and the "
            "invited members are told; a later meeting with cases on its agenda must be dealt with first."
        ),
        danger=True,
    )


@login_required
@require_POST
def series_plan(request: HttpRequest, team_uuid: str, series_uuid: str) -> HttpResponse:
    """Plan the next N meetings of the series (the ones that exist are kept)."""
    series = _series(request, team_uuid, series_uuid)
    form = PlanForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Choose how many meetings to plan: from 1 to %(n)d.") % {"n": services.MAX_PLAN_AHEAD}
        )
        return redirect(_series_url(series))
    try:
        created = services.series_plan_next(actor=request.user, series=series, **form.cleaned_data)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        if created:
            messages.success(
                request,
                ngettext(
                    "%(count)d meeting was planned and its members invited.",
                    "%(count)d meetings were planned and their members invited.",
                    len(created),
                )
                % {"count": len(created)},
            )
        else:
            messages.info(request, _("These meetings were already planned: nothing was added."))
    return redirect(_series_url(series) + "#meetings-heading")


# --- Minimum composition ------------------------------------------------------------------------------------------


def _composition_team(request: HttpRequest, team_uuid: str) -> CareTeam:
    return fetch.access_careteam(request.user, team_uuid, Action.COMPOSITION_MANAGE)


def _line(request: HttpRequest, team_uuid: str, line_uuid: str) -> CompositionRequirement:
    team = _composition_team(request, team_uuid)
    line = selectors.composition_in_team(team=team, key=line_uuid)
    if line is None:
        raise Http404
    return line


@login_required
def composition_create(request: HttpRequest, team_uuid: str) -> HttpResponse:
    team = _composition_team(request, team_uuid)
    form = CompositionForm(
        request.POST if request.method == "POST" else None,
        partner_types=selectors.partner_type_choices(team=team),
        initial={"minimum": 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.composition_create(actor=request.user, team=team, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The line was added to the minimum composition."))
            return redirect(_planning_url(team) + "#composition-heading")
    return _form_page(
        request,
        team=team,
        form=form,
        title=_("Add to the minimum composition"),
        submit=_("Add"),
        cancel_url=_planning_url(team),
        crumbs=_crumbs(team),
        intro=_(
            "A meeting page warns when fewer people are present than a line asks. Someone counts for one line "
            "only; a substitute counts in the role of who they replace."
        ),
    )


@login_required
def composition_edit(request: HttpRequest, team_uuid: str, line_uuid: str) -> HttpResponse:
    line = _line(request, team_uuid, line_uuid)
    team = line.team
    initial = {
        "label": line.label,
        "team_role": line.team_role,
        "partner_type": line.partner_type.uuid if line.partner_type else None,
        "school_role": line.school_role,
        "minimum": line.minimum,
    }
    form = CompositionForm(
        request.POST if request.method == "POST" else None,
        partner_types=selectors.partner_type_choices(team=team),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.composition_update(actor=request.user, line=line, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The line was saved."))
            return redirect(_planning_url(team) + "#composition-heading")
    return _form_page(
        request,
        team=team,
        form=form,
        title=_("Change %(line)s") % {"line": line.label},
        submit=_("Save"),
        cancel_url=_planning_url(team),
        crumbs=_crumbs(team),
    )


@login_required
def composition_remove(request: HttpRequest, team_uuid: str, line_uuid: str) -> HttpResponse:
    line = _line(request, team_uuid, line_uuid)
    team = line.team
    if request.method == "POST":
        services.composition_remove(actor=request.user, line=line)
        messages.success(request, _("The line was removed from the minimum composition."))
        return redirect(_planning_url(team) + "#composition-heading")
    title = _("Remove %(line)s") % {"line": line.label}
    return render(
        request,
        "organisations/confirm.html",
        {
            "title": title,
            "question": _("Remove this line from the team's minimum composition?"),
            "submit_label": _("Remove"),
            "cancel_url": _planning_url(team),
            "crumbs": [*_crumbs(team), (title, None)],
        },
    )
