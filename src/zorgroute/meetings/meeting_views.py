"""Meetings: the list of a user's meetings, one meeting (agenda, attendance, minimum composition, referrals to
decide on), and the summary of one agenda case as a member reads it (by name or anonymous, as consent allows)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can, can_any
from zorgroute.core.exceptions import DomainError
from zorgroute.meetings import meeting_selectors
from zorgroute.meetings import selectors as action_selectors
from zorgroute.meetings.decision_list import decision_list
from zorgroute.meetings.ical import meeting_calendar
from zorgroute.meetings.meeting_forms import (
    AttendanceForm,
    ConfirmForm,
    DiscussionActionForm,
    DiscussionForm,
    MeetingRolesForm,
)
from zorgroute.meetings.referral_views import render_pdf
from zorgroute.meetings.series_selectors import plannable_teams
from zorgroute.meetings.services import discussions as discussion_services
from zorgroute.meetings.services import meetings as meeting_services
from zorgroute.meetings.summary import forum_summary
from zorgroute.organisations.constants import TeamRole
from zorgroute.organisations.views._helpers import add_domain_error


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Meetings"), reverse("forum:meeting-list")), *more]


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = list(meeting_selectors.my_meetings(user=request.user)[:100])
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "meetings": meetings,
            "takes_referrals": can_any(request.user, Action.REFERRAL_INTAKE),
            "plannable_teams": list(plannable_teams(user=request.user)),
            "crumbs": [(_("Meetings"), None)],
        },
    )


@login_required
def meeting_detail(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    meeting = fetch.access_meeting(request.user, meeting_uuid)
    manage = can(request.user, Action.MEETING_MANAGE, meeting)
    page = meeting_selectors.meeting_page(user=request.user, meeting=meeting, manage=manage)
    decision_list = meeting.minutes_finalised_at is not None and can(
        request.user, Action.MEETING_DECISION_LIST, meeting
    )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "page": page,
            "meeting": meeting,
            "manage": manage,
            "decision_list": decision_list,
            "crumbs": _crumbs((str(meeting), None)),
        },
    )


@login_required
def meeting_decision_list(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    """The decision list of a meeting whose minutes are final, as a PDF in the product language: consent-aware per
    item for the reader's organisation (meetings.decision_list). Every download is audited per case; the file name
    names no pupil."""
    meeting = fetch.access_meeting(request.user, meeting_uuid, Action.MEETING_DECISION_LIST)
    if meeting.minutes_finalised_at is None:
        raise Http404
    partner_id = meeting_selectors.reader_partner(meeting=meeting, user=request.user)
    with translation.override(settings.LANGUAGE_CODE):
        document = decision_list(meeting=meeting, partner_id=partner_id)
        html = render_to_string("meetings/decision_list_pdf.html", {"doc": document})
    pdf = render_pdf(html)
    discussion_services.decision_list_downloaded(actor=request.user, meeting=meeting, items=document.items)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def meeting_ics(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    """The meeting as an iCalendar file for the user's own calendar."""
    meeting = fetch.access_meeting(request.user, meeting_uuid)
    response = HttpResponse(meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="overleg.ics"'
    return response


@login_required
def agenda_summary(request: HttpRequest, meeting_uuid: str, case_uuid: str) -> HttpResponse:
    """The summary of a case on this meeting's agenda, as consent allows it for the reader's organisation."""
    meeting = fetch.access_meeting(request.user, meeting_uuid)
    case = fetch.access_case_summary(request.user, case_uuid)
    if not meeting_selectors.is_on_agenda(meeting=meeting, case=case):
        raise Http404
    partner_id = meeting_selectors.reader_partner(meeting=meeting, user=request.user)
    try:
        summary = forum_summary(case=case, forum_kind=meeting.team.kind, partner_id=partner_id)
    except DomainError:  # consent withdrawn between the agenda and this request  # pragma: no cover - race
        raise Http404 from None
    title = _("Summary for %(meeting)s") % {"meeting": str(meeting)}
    return render(
        request,
        "meetings/case_summary.html",
        {
            "case": case,
            "summary": summary,
            "refusal": "",
            "title": title,
            "back_url": reverse("forum:meeting-detail", args=[meeting.uuid]),
            "crumbs": _crumbs(
                (str(meeting), reverse("forum:meeting-detail", args=[meeting.uuid])), (title, None)
            ),
        },
    )


# --- Running a meeting (its team's chair or coordinator; the school's care coordinator for a zorgteam) -----------


def _managed(request: HttpRequest, meeting_uuid: str) -> Any:
    meeting = fetch.access_meeting(request.user, meeting_uuid, Action.MEETING_MANAGE)
    return meeting


def _back(meeting: Any) -> HttpResponse:
    return redirect("forum:meeting-detail", meeting.uuid)


@login_required
@require_POST
def meeting_schedule(request: HttpRequest, meeting_uuid: str, referral_uuid: str) -> HttpResponse:
    meeting = _managed(request, meeting_uuid)
    referral = meeting_selectors.waiting_referral(meeting=meeting, key=referral_uuid)
    if referral is None:
        raise Http404
    try:
        meeting_services.referral_schedule(actor=request.user, referral=referral, meeting=meeting)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The case was put on the agenda."))
    return _back(meeting)


@login_required
@require_POST
def meeting_follow_ups(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    meeting = _managed(request, meeting_uuid)
    try:
        added = meeting_services.agenda_add_follow_ups(actor=request.user, meeting=meeting)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            ngettext("%(count)d follow-up was added.", "%(count)d follow-ups were added.", len(added))
            % {"count": len(added)},
        )
    return _back(meeting)


def _form_page(
    request: HttpRequest, meeting: Any, form: Any, title: str, submit: str, intro: str = ""
) -> HttpResponse:
    return render(
        request,
        "meetings/meeting_form.html",
        {
            "meeting": meeting,
            "form": form,
            "title": title,
            "submit_label": submit,
            "intro": intro,
            "cancel_url": reverse("forum:meeting-detail", args=[meeting.uuid]),
            "crumbs": _crumbs(
                (str(meeting), reverse("forum:meeting-detail", args=[meeting.uuid])), (title, None)
            ),
        },
    )


@login_required
def attendance_edit(request: HttpRequest, meeting_uuid: str, attendance_uuid: str) -> HttpResponse:
    meeting = _managed(request, meeting_uuid)
    attendance = meeting_selectors.attendance_in_meeting(meeting=meeting, key=attendance_uuid)
    if attendance is None:
        raise Http404
    form = AttendanceForm(
        request.POST if request.method == "POST" else None,
        members=meeting_selectors.meeting_members(meeting=meeting).exclude(pk=attendance.user_id),
        initial={
            "presence": attendance.presence,
            "substitute_for": getattr(attendance.substitute_for, "uuid", None),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.attendance_set(actor=request.user, attendance=attendance, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The attendance was saved."))
            return _back(meeting)
    name = attendance.user.get_full_name() or attendance.user.get_username()
    return _form_page(request, meeting, form, _("Attendance of %(name)s") % {"name": name}, _("Save"))


@login_required
def meeting_roles(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    """The meeting's chair and minute-taker (by default the team's chair and minute-taker)."""
    meeting = _managed(request, meeting_uuid)
    day = timezone.localtime(meeting.starts_at).date()
    chair = meeting.chair or meeting_services.team_role_holder(meeting.team, TeamRole.CHAIR, day)
    form = MeetingRolesForm(
        request.POST if request.method == "POST" else None,
        people=meeting_selectors.role_candidates(meeting=meeting),
        initial={
            "chair": getattr(chair, "uuid", None),
            "minute_taker": getattr(meeting.minute_taker, "uuid", None),
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting_services.meeting_set_roles(actor=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The chair and minute-taker were saved."))
            return _back(meeting)
    return _form_page(
        request,
        meeting,
        form,
        _("Chair and minute-taker"),
        _("Save"),
        intro=_("The decision list names them. Choose from the people invited and the team's members."),
    )


@login_required
def discussion_edit(request: HttpRequest, meeting_uuid: str, item_uuid: str) -> HttpResponse:
    """The case discussion of one agenda item, with the actions agreed in it."""
    meeting = _managed(request, meeting_uuid)
    item = meeting_selectors.item_in_meeting(meeting=meeting, key=item_uuid)
    if item is None:
        raise Http404
    case = fetch.access_case_summary(request.user, item.case.uuid)  # audited read of the case
    people = action_selectors.owner_candidates(case=case)
    discussion = meeting_selectors.discussion_of(item)
    initial: dict[str, Any] = {}
    if discussion is not None:
        initial = {name: getattr(discussion, name) for name in discussion_services.DISCUSSION_TEXTS}
        initial |= {name: getattr(getattr(discussion, name), "uuid", None) for name in DiscussionForm.PEOPLE}
        initial |= {name: getattr(discussion, name) for name in discussion_services.DISCUSSION_PRESENCE}
        initial |= {
            "verwijsindex": discussion.verwijsindex,
            "next_discussion_on": discussion.next_discussion_on,
            "bottleneck_kind": getattr(discussion.bottleneck_kind, "uuid", None),
        }
    care_kinds = meeting_selectors.bottleneck_kinds(
        meeting=meeting, current=discussion.bottleneck_kind if discussion is not None else None
    )
    form = DiscussionForm(
        request.POST if request.method == "POST" else None,
        people=people,
        care_kinds=care_kinds,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            discussion_services.discussion_record(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The discussion was saved."))
            return redirect("forum:discussion-edit", meeting.uuid, item.uuid)
    label = _("Anonymous pupil") if item.anonymous else item.case.pupil.full_name
    return render(
        request,
        "meetings/discussion_form.html",
        {
            "meeting": meeting,
            "item": item,
            "label": label,
            "form": form,
            "discussion": discussion,
            "action_form": DiscussionActionForm(people=people) if discussion is not None else None,
            "crumbs": _crumbs(
                (str(meeting), reverse("forum:meeting-detail", args=[meeting.uuid])), (str(label), None)
            ),
        },
    )


@login_required
@require_POST
def discussion_action_add(request: HttpRequest, meeting_uuid: str, item_uuid: str) -> HttpResponse:
    meeting = _managed(request, meeting_uuid)
    item = meeting_selectors.item_in_meeting(meeting=meeting, key=item_uuid)
    discussion = meeting_selectors.discussion_of(item) if item is not None else None
    if item is None or discussion is None:
        raise Http404
    form = DiscussionActionForm(request.POST, people=action_selectors.owner_candidates(case=item.case))
    if form.is_valid():
        try:
            discussion_services.discussion_action(
                actor=request.user, discussion=discussion, **form.cleaned_data
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The action was added."))
    else:
        messages.error(request, _("The action was not added: fill in what, who and by when."))
    return redirect("forum:discussion-edit", meeting.uuid, item.uuid)


@login_required
def meeting_finalise(request: HttpRequest, meeting_uuid: str) -> HttpResponse:
    meeting = _managed(request, meeting_uuid)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            discussion_services.meeting_finalise(actor=request.user, meeting=meeting)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The minutes are final. Feedback tasks were created."))
            return _back(meeting)
    problems = discussion_services.minutes_problems(meeting)
    intro = _("After this the minutes can no longer change; the feedback tasks go to the people named.")
    return render(
        request,
        "meetings/meeting_finalise.html",
        {
            "meeting": meeting,
            "form": form,
            "problems": problems,
            "intro": intro,
            "crumbs": _crumbs(
                (str(meeting), reverse("forum:meeting-detail", args=[meeting.uuid])),
                (_("Finalise the minutes"), None),
            ),
        },
    )
