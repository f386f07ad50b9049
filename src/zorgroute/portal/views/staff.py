"""The care coordinator's page about a pupil's family and the portal (/leerlingen/<pupil>/ouderportaal/): each
guardian's right to information and login, invitations by e-mail (also the pupil of 16+), and the pupil's choice
about informing each parent.
"""

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
from zorgroute.portal import selectors, services
from zorgroute.portal.forms import InviteForm, StaffInformingForm
from zorgroute.pupils import services as pupil_services
from zorgroute.pupils.models import Pupil


def _page(
    request: HttpRequest, pupil: Pupil, *, bound: tuple[str, Any] | None = None, status: int = 200
) -> HttpResponse:
    """The page; `bound` = (key, form) puts a refused form back in its place with what was entered."""
    data = selectors.family_logins(pupil=pupil)
    for member in data["members"]:
        key = str(member.link.guardian.uuid)
        member.invite_form = (  # type: ignore[attr-defined]
            bound[1]
            if bound and bound[0] == f"invite:{key}"
            else InviteForm(initial={"email": member.link.guardian.email}, prefix=f"g{key[:8]}")
        )
        member.show_invite = member.may_invite or (bound is not None and bound[0] == f"invite:{key}")  # type: ignore[attr-defined]
        member.informing_form = (  # type: ignore[attr-defined]
            bound[1]
            if bound and bound[0] == f"informing:{key}"
            else StaffInformingForm(initial={"choice": member.link.pupil_informing}, prefix=f"i{key[:8]}")
        )
    pupil_form = bound[1] if bound and bound[0] == "invite:pupil" else InviteForm(prefix="pupil")
    return render(
        request,
        "portal/family_access.html",
        {
            **data,
            "pupil": pupil,
            "pupil_form": pupil_form,
            "may_informing": can(request.user, Action.PUPIL_INFORMING, pupil),
            "crumbs": [
                (pupil.full_name, reverse("pupils:pupil-detail", args=[pupil.uuid])),
                (_("Portal"), None),
            ],
        },
        status=status,
    )


def _pupil_for(request: HttpRequest, pupil_uuid: str, action: Action) -> Pupil:
    pupil = fetch.access_pupil(request.user, pupil_uuid, action)
    if request.method == "GET":  # the page shows the family: audit it as a read of the pupil's record
        pupil = fetch.access_pupil(request.user, pupil.uuid, Action.PUPIL_VIEW)
    return pupil


def _member(pupil: Pupil, guardian_uuid: str) -> Any:
    member = next(
        (
            m
            for m in selectors.family_logins(pupil=pupil)["members"]
            if str(m.link.guardian.uuid) == guardian_uuid
        ),
        None,
    )
    if member is None:
        raise Http404
    return member


def _done(pupil: Pupil) -> HttpResponse:
    return redirect("portal:family-access", pupil.uuid)


@login_required
def family_access(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    pupil = _pupil_for(request, pupil_uuid, Action.FAMILY_INVITE)
    return _page(request, pupil)


@login_required
@require_POST
def invite_guardian(request: HttpRequest, pupil_uuid: str, guardian_uuid: str) -> HttpResponse:
    pupil = _pupil_for(request, pupil_uuid, Action.FAMILY_INVITE)
    member = _member(pupil, guardian_uuid)
    form = InviteForm(request.POST, prefix=f"g{guardian_uuid[:8]}")
    if form.is_valid():
        try:
            services.guardian_invite(
                actor=request.user,
                pupil=pupil,
                link=member.link,
                email=form.cleaned_data["email"],
                base_url=request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works for 7 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return _done(pupil)
    return _page(request, pupil, bound=(f"invite:{guardian_uuid}", form))


@login_required
@require_POST
def invite_pupil(request: HttpRequest, pupil_uuid: str) -> HttpResponse:
    pupil = _pupil_for(request, pupil_uuid, Action.FAMILY_INVITE)
    form = InviteForm(request.POST, prefix="pupil")
    if form.is_valid():
        try:
            services.pupil_invite(
                actor=request.user,
                pupil=pupil,
                email=form.cleaned_data["email"],
                base_url=request.build_absolute_uri("/"),
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("An invitation was sent to %(email)s. The link works for 7 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return _done(pupil)
    return _page(request, pupil, bound=("invite:pupil", form))


@login_required
@require_POST
def informing_set(request: HttpRequest, pupil_uuid: str, guardian_uuid: str) -> HttpResponse:
    """The care coordinator records what the pupil (16+) said about informing this parent."""
    pupil = _pupil_for(request, pupil_uuid, Action.PUPIL_INFORMING)
    member = _member(pupil, guardian_uuid)
    form = StaffInformingForm(request.POST, prefix=f"i{guardian_uuid[:8]}")
    if form.is_valid():
        try:
            pupil_services.pupil_informing_set(
                actor=request.user, link=member.link, choice=form.cleaned_data["choice"]
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The pupil's choice has been recorded."))
            return _done(pupil)
    return _page(request, pupil, bound=(f"informing:{guardian_uuid}", form))
