"""The forum's intake queue (ZAT coordinator or chair; the school's care coordinator for its zorgteam): referrals
submitted to the team, pre-selection, intake with school and parents (together or separately), and the decision:
put the case on an agenda, or answer the referral directly."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgroute.access import fetch
from zorgroute.access.policy import visible_meetings, visible_referrals
from zorgroute.cases.services import MAX_TEXT
from zorgroute.core.exceptions import DomainError
from zorgroute.meetings import referral_selectors
from zorgroute.meetings.constants import IntakeMode, MeetingStatus, ReferralStatus
from zorgroute.meetings.models import Referral
from zorgroute.meetings.referral_views import render_pdf
from zorgroute.meetings.services import meetings as meeting_services
from zorgroute.meetings.services import referral_documents
from zorgroute.meetings.services import referrals as referral_services
from zorgroute.meetings.summary import referral_labels, referral_view
from zorgroute.organisations.views._helpers import add_domain_error

WAITING = (ReferralStatus.SUBMITTED, ReferralStatus.IN_INTAKE)


class IntakeForm(forms.Form):
    mode = forms.ChoiceField(
        label=gettext_lazy("Intake"), choices=IntakeMode.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=gettext_lazy("Intake notes"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=gettext_lazy("Answer to the school and the parents"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Advice without a discussion in the meeting. The parents read it in the timeline."
        ),
    )


class ScheduleForm(forms.Form):
    meeting = forms.ChoiceField(label=gettext_lazy("Meeting"))

    def __init__(self, *args: Any, meetings: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = {str(m.uuid): m for m in meetings}
        self.fields["meeting"].choices = [  # type: ignore[attr-defined]
            (str(m.uuid), f"{timezone.localtime(m.starts_at):%d-%m-%Y %H:%M} · {m.team.name}")
            for m in meetings
        ]


def _crumbs(*more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        (_("Meetings"), reverse("forum:meeting-list")),
        (_("Referrals"), reverse("forum:intake-queue")),
        *more,
    ]


@login_required
def intake_queue(request: HttpRequest) -> HttpResponse:
    referrals = list(
        visible_referrals(request.user)
        .select_related("case__pupil", "case__school", "team")
        .order_by("-crisis", "submitted_at")
        .filter(status__in=WAITING)[:200]
    )
    labels = referral_labels(referrals)
    for referral in referrals:
        referral.label = labels[referral.pk]  # type: ignore[attr-defined]
    return render(
        request,
        "meetings/intake_queue.html",
        {
            "referrals": referrals,
            "crumbs": [(_("Meetings"), reverse("forum:meeting-list")), (_("Referrals"), None)],
        },
    )


def _planned(request: HttpRequest, referral: Referral) -> list[Any]:
    return list(
        visible_meetings(request.user)
        .filter(team_id=referral.team_id, status=MeetingStatus.PLANNED, starts_at__gte=timezone.now())
        .select_related("team")
        .order_by("starts_at")[:12]
    )


@login_required
def intake_referral(request: HttpRequest, referral_uuid: str) -> HttpResponse:
    referral = fetch.access_referral(request.user, referral_uuid)
    meetings = _planned(request, referral)
    forms_ = {
        "intake": IntakeForm(request.POST if request.POST.get("step") == "intake" else None, prefix="intake"),
        "answer": AnswerForm(request.POST if request.POST.get("step") == "answer" else None, prefix="answer"),
        "schedule": ScheduleForm(
            request.POST if request.POST.get("step") == "schedule" else None,
            meetings=meetings,
            prefix="schedule",
        ),
    }
    step = request.POST.get("step")
    if request.method == "POST":
        if step not in forms_:
            raise Http404
        form = forms_[step]
        if form.is_valid():
            try:
                if step == "intake":
                    referral_services.referral_intake(
                        actor=request.user, referral=referral, **form.cleaned_data
                    )
                    messages.success(request, _("The intake was recorded."))
                elif step == "answer":
                    referral_services.referral_answer(
                        actor=request.user, referral=referral, **form.cleaned_data
                    )
                    messages.success(request, _("The referral was answered."))
                else:
                    meeting = form.meetings[form.cleaned_data["meeting"]]  # type: ignore[attr-defined]
                    meeting_services.referral_schedule(actor=request.user, referral=referral, meeting=meeting)
                    messages.success(request, _("The case was put on the agenda."))
                    return redirect("forum:meeting-detail", meeting.uuid)
            except DomainError as exc:
                add_domain_error(form, exc)
            else:
                return redirect("forum:intake-referral", referral.uuid)
    view = referral_view(referral)
    return render(
        request,
        "meetings/intake_referral.html",
        {
            "referral": referral,
            "view": view,
            "questionnaires": referral_selectors.referral_questionnaires(referral=referral),
            "forms": forms_,
            "waiting": referral.status in WAITING,
            "crumbs": _crumbs((view.label, None)),
        },
    )


@login_required
def intake_referral_pdf(request: HttpRequest, referral_uuid: str) -> HttpResponse:
    """The referral as a PDF for the forum's intake: the same document the school downloads (meetings:referral-pdf),
    by name only when the forum may see the case by name. Whoever takes in the referral may download it; every
    download is audited and the file name never names the pupil."""
    referral = fetch.access_referral(request.user, referral_uuid)
    with translation.override(settings.LANGUAGE_CODE):
        document = referral_selectors.referral_document(referral=referral)
        html = render_to_string("meetings/referral_pdf.html", {"doc": document, "referral": referral})
    pdf = render_pdf(html)
    referral_documents.referral_pdf_downloaded(
        actor=request.user, referral=referral, anonymous=document.anonymous
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    response["Cache-Control"] = "no-store"
    return response
