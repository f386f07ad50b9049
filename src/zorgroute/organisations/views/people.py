"""Staff roles per school, region or partner (grant, revoke) and people (list, create an account, reset 2FA).

Everything here hangs under a region the user manages staff roles for (`staffrole.manage`); creating
accounts and resetting a second factor also need `user.manage`. Revoking and resetting require sudo mode.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.policy import can
from zorgroute.accounts.models import User
from zorgroute.accounts.sudo import sudo_required
from zorgroute.core.exceptions import DomainError
from zorgroute.core.time import today
from zorgroute.organisations import selectors, services
from zorgroute.organisations.forms import (
    EndForm,
    PersonCreateForm,
    ReasonForm,
    SearchForm,
    StaffRoleGrantForm,
)
from zorgroute.organisations.models import Region
from zorgroute.organisations.views._helpers import (
    Crumbs,
    add_domain_error,
    paginate,
    region_crumbs,
    render_form,
)


def _roles_crumbs(region: Region) -> Crumbs:
    return region_crumbs(region, (_("Roles"), reverse("organisations:staffrole-list", args=[region.uuid])))


def _people_crumbs(region: Region, person: User | None = None) -> Crumbs:
    crumbs = region_crumbs(region, (_("People"), reverse("organisations:person-list", args=[region.uuid])))
    if person is not None:
        crumbs.append((str(person), reverse("organisations:person-detail", args=[region.uuid, person.uuid])))
    return crumbs


def _search(request: HttpRequest) -> tuple[SearchForm, str]:
    form = SearchForm(request.GET or None)
    return form, (form.cleaned_data["q"] if form.is_valid() else "")


def _person_or_404(region: Region, person_uuid: str) -> User:
    person = selectors.person_in_region(region=region, key=person_uuid)
    if person is None:
        raise Http404
    return person


# --- staff roles --------------------------------------------------------------------------------------------


@login_required
def staffrole_list(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.STAFFROLE_MANAGE)
    form, query = _search(request)
    include_ended = request.GET.get("beeindigd") == "1"
    roles = selectors.staffrole_list(region=region, include_ended=include_ended, query=query)
    return render(
        request,
        "organisations/staffrole_list.html",
        {
            "region": region,
            "form": form,
            "include_ended": include_ended,
            "today": today(),
            "page": paginate(request, roles),
            "crumbs": region_crumbs(region, (_("Roles"), None)),
        },
    )


@login_required
def staffrole_grant(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.STAFFROLE_MANAGE)
    form = StaffRoleGrantForm(
        request.POST or None,
        initial={"valid_from": today()},
        people=selectors.region_people(region=region),
        schools=selectors.schools_of_region(region=region),
        partners=selectors.partners_of_region(region=region),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staffrole_grant(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("organisations:staffrole-list", region.uuid)
    return render_form(
        request,
        form=form,
        title=_("Grant a role"),
        submit_label=_("Grant role"),
        cancel_url=reverse("organisations:staffrole-list", args=[region.uuid]),
        crumbs=_roles_crumbs(region),
        intro=_("To give a role to someone who has no account yet, create the person first."),
    )


@login_required
@sudo_required
def staffrole_revoke(request: HttpRequest, region_uuid: str, role_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.STAFFROLE_MANAGE)
    staff_role = selectors.staffrole_in_region(region=region, key=role_uuid)
    if staff_role is None:
        raise Http404
    form = EndForm(
        request.POST or None, initial={"end_date": services.earliest_immediate_end(staff_role.valid_from)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.staffrole_revoke(actor=request.user, staff_role=staff_role, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The role was revoked."))
            return redirect("organisations:staffrole-list", region.uuid)
    person = staff_role.user.get_full_name() or staff_role.user.username
    return render_form(
        request,
        form=form,
        title=_("Revoke a role"),
        submit_label=_("Revoke role"),
        danger=True,
        cancel_url=reverse("organisations:staffrole-list", args=[region.uuid]),
        crumbs=_roles_crumbs(region),
        warning=_("%(person)s loses the role “%(role)s” after the last day.")
        % {"person": person, "role": str(staff_role)},
    )


# --- people -------------------------------------------------------------------------------------------------


@login_required
def person_list(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.STAFFROLE_MANAGE)
    form, query = _search(request)
    return render(
        request,
        "organisations/person_list.html",
        {
            "region": region,
            "form": form,
            "page": paginate(request, selectors.person_list(region=region, query=query)),
            "can_create": can(request.user, Action.USER_MANAGE),
            "crumbs": region_crumbs(region, (_("People"), None)),
        },
    )


@login_required
@never_cache
def person_create(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.STAFFROLE_MANAGE)
    fetch.require(request.user, Action.USER_MANAGE)
    form = PersonCreateForm(
        request.POST or None,
        initial={"valid_from": today()},
        schools=selectors.schools_of_region(region=region),
        partners=selectors.partners_of_region(region=region),
    )
    if request.method == "POST" and form.is_valid():
        try:
            person, password = services.person_create(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            return render(
                request,
                "organisations/person_created.html",
                {
                    "region": region,
                    "person": person,
                    "password": password,
                    "crumbs": [*_people_crumbs(region), (_("Account created"), None)],
                },
            )
    return render_form(
        request,
        form=form,
        title=_("New person"),
        submit_label=_("Create account"),
        cancel_url=reverse("organisations:person-list", args=[region.uuid]),
        crumbs=_people_crumbs(region),
        intro=_(
            "You get a one-time initial password to hand over. The person sets up two-factor "
            "authentication at the first login."
        ),
    )


@login_required
def person_detail(request: HttpRequest, region_uuid: str, person_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.STAFFROLE_MANAGE)
    person = _person_or_404(region, person_uuid)
    return render(
        request,
        "organisations/person_detail.html",
        {
            "region": region,
            "person": person,
            "today": today(),
            "roles": selectors.person_roles(region=region, person=person),
            "memberships": selectors.person_memberships(region=region, person=person),
            "has_otp": selectors.person_has_otp(person=person),
            "can_reset": can(request.user, Action.USER_MANAGE) and person.pk != request.user.pk,
            "crumbs": [*_people_crumbs(region), (str(person), None)],
        },
    )


@login_required
@sudo_required
def person_otp_reset(request: HttpRequest, region_uuid: str, person_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.STAFFROLE_MANAGE)
    person = _person_or_404(region, person_uuid)
    fetch.require(request.user, Action.USER_MANAGE)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_otp_reset(actor=request.user, user=person, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(
                request,
                _("Two-factor authentication was reset. %(person)s sets it up again at the next login.")
                % {"person": str(person)},
            )
            return redirect("organisations:person-detail", region.uuid, person.uuid)
    return render_form(
        request,
        form=form,
        title=_("Reset two-factor authentication"),
        submit_label=_("Reset"),
        danger=True,
        cancel_url=reverse("organisations:person-detail", args=[region.uuid, person.uuid]),
        crumbs=_people_crumbs(region, person),
        warning=_(
            "The authenticator app and backup codes of %(person)s stop working. Do this only after "
            "checking who asks, for example when a phone was lost."
        )
        % {"person": str(person)},
    )
