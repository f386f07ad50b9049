"""Schools (list, create, detail, edit) and their groups per school year with teachers and mentors."""

from __future__ import annotations

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
from zorgroute.core.time import current_school_year, school_year_label
from zorgroute.organisations import selectors, services
from zorgroute.organisations.forms import (
    GroupCreateForm,
    GroupForm,
    GroupTeacherForm,
    SchoolEditForm,
    SchoolForm,
    SearchForm,
)
from zorgroute.organisations.models import Group, School
from zorgroute.organisations.views._helpers import (
    Crumbs,
    add_domain_error,
    paginate,
    region_crumbs,
    render_form,
)

_SCHOOL_FIELDS = ("name", "brin", "location_code", "school_type", "street_address", "postal_code", "city")


def _school_crumbs(school: School, *more: tuple[str, str | None]) -> Crumbs:
    return [
        (_("Schools"), reverse("organisations:school-list")),
        (school.name, reverse("organisations:school-detail", args=[school.uuid])),
        *more,
    ]


def _group_crumbs(school: School, group: Group | None = None) -> Crumbs:
    crumbs = _school_crumbs(school, (_("Groups"), reverse("organisations:group-list", args=[school.uuid])))
    if group is not None:
        crumbs.append((group.name, reverse("organisations:group-detail", args=[school.uuid, group.uuid])))
    return crumbs


@login_required
def school_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    return render(
        request,
        "organisations/school_list.html",
        {
            "form": form,
            "query": query,
            "page": paginate(request, selectors.school_list(user=request.user, query=query)),
        },
    )


@login_required
def school_create(request: HttpRequest, region_uuid: str) -> HttpResponse:
    region = fetch.access_region(request.user, region_uuid, Action.REGION_MANAGE)
    form = SchoolForm(request.POST or None, boards=selectors.board_choices())
    if request.method == "POST" and form.is_valid():
        try:
            school = services.school_create(actor=request.user, region=region, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The school was created."))
            return redirect("organisations:school-detail", school.uuid)
    return render_form(
        request,
        form=form,
        title=_("New school"),
        submit_label=_("Create"),
        cancel_url=reverse("organisations:region-detail", args=[region.uuid]),
        crumbs=region_crumbs(region),
    )


@login_required
def school_detail(request: HttpRequest, school_uuid: str) -> HttpResponse:
    user = request.user
    school = fetch.access_school(user, school_uuid, Action.SCHOOL_VIEW)
    return render(
        request,
        "organisations/school_detail.html",
        {
            "school": school,
            "care_teams": selectors.school_care_teams(school=school),
            "can_manage": can(user, Action.SCHOOL_MANAGE, school),
            "can_manage_groups": can(user, Action.GROUP_MANAGE, school),
            "crumbs": [*_school_crumbs(school)[:-1], (school.name, None)],
        },
    )


@login_required
def school_edit(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.SCHOOL_MANAGE)
    initial = {name: getattr(school, name) for name in _SCHOOL_FIELDS}
    form = SchoolEditForm(
        request.POST or None,
        boards=selectors.board_choices(),
        initial={**initial, "board": school.board.uuid, "is_active": school.is_active},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.school_update(actor=request.user, school=school, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The school was saved."))
            return redirect("organisations:school-detail", school.uuid)
    return render_form(
        request,
        form=form,
        title=_("Edit school"),
        submit_label=_("Save"),
        cancel_url=reverse("organisations:school-detail", args=[school.uuid]),
        crumbs=_school_crumbs(school),
    )


def _school_year(request: HttpRequest) -> int:
    current = current_school_year()
    try:
        year = int(request.GET.get("jaar", current))
    except (TypeError, ValueError):
        return current
    return year if 2000 <= year <= current + 5 else current


@login_required
def group_list(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.GROUP_MANAGE)
    year = _school_year(request)
    years = sorted(
        {*selectors.school_years(school=school), current_school_year(), current_school_year() + 1},
        reverse=True,
    )
    return render(
        request,
        "organisations/group_list.html",
        {
            "school": school,
            "year": year,
            "year_label": school_year_label(year),
            "years": [(y, school_year_label(y)) for y in years],
            "groups": selectors.group_list(school=school, school_year=year),
            "crumbs": _school_crumbs(school, (_("Groups"), None)),
        },
    )


@login_required
def group_create(request: HttpRequest, school_uuid: str) -> HttpResponse:
    school = fetch.access_school(request.user, school_uuid, Action.GROUP_MANAGE)
    form = GroupCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(actor=request.user, school=school, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The group was created."))
            return redirect("organisations:group-detail", school.uuid, group.uuid)
    return render_form(
        request,
        form=form,
        title=_("New group"),
        submit_label=_("Create"),
        cancel_url=reverse("organisations:group-list", args=[school.uuid]),
        crumbs=_group_crumbs(school),
    )


def _group_or_404(request: HttpRequest, school_uuid: str, group_uuid: str) -> tuple[School, Group]:
    school = fetch.access_school(request.user, school_uuid, Action.GROUP_MANAGE)
    group = selectors.group_in_school(school=school, key=group_uuid)
    if group is None:
        raise Http404
    return school, group


def _render_group_detail(
    request: HttpRequest, school: School, group: Group, form: GroupTeacherForm
) -> HttpResponse:
    return render(
        request,
        "organisations/group_detail.html",
        {
            "school": school,
            "group": group,
            "form": form,
            "teachers": selectors.group_teachers(group=group),
            "crumbs": [*_group_crumbs(school), (group.name, None)],
        },
    )


@login_required
def group_detail(request: HttpRequest, school_uuid: str, group_uuid: str) -> HttpResponse:
    school, group = _group_or_404(request, school_uuid, group_uuid)
    form = GroupTeacherForm(candidates=selectors.teacher_candidates(group=group))
    return _render_group_detail(request, school, group, form)


@login_required
def group_edit(request: HttpRequest, school_uuid: str, group_uuid: str) -> HttpResponse:
    school, group = _group_or_404(request, school_uuid, group_uuid)
    form = GroupForm(request.POST or None, initial={"name": group.name, "grade": group.grade})
    if request.method == "POST" and form.is_valid():
        try:
            services.group_update(actor=request.user, group=group, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("organisations:group-detail", school.uuid, group.uuid)
    return render_form(
        request,
        form=form,
        title=_("Edit group"),
        submit_label=_("Save"),
        cancel_url=reverse("organisations:group-detail", args=[school.uuid, group.uuid]),
        crumbs=_group_crumbs(school, group),
    )


@login_required
@require_POST
def group_teacher_add(request: HttpRequest, school_uuid: str, group_uuid: str) -> HttpResponse:
    school, group = _group_or_404(request, school_uuid, group_uuid)
    form = GroupTeacherForm(request.POST, candidates=selectors.teacher_candidates(group=group))
    if form.is_valid():
        try:
            services.group_teacher_add(actor=request.user, group=group, **form.cleaned_data)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            messages.success(request, _("The teacher was added to the group."))
            return redirect("organisations:group-detail", school.uuid, group.uuid)
    return _render_group_detail(request, school, group, form)


@login_required
def group_teacher_remove(
    request: HttpRequest, school_uuid: str, group_uuid: str, link_uuid: str
) -> HttpResponse:
    school, group = _group_or_404(request, school_uuid, group_uuid)
    link = selectors.teacher_link_in_group(group=group, key=link_uuid)
    if link is None:
        raise Http404
    detail_url = reverse("organisations:group-detail", args=[school.uuid, group.uuid])
    if request.method == "POST":
        services.group_teacher_remove(actor=request.user, link=link)
        messages.success(request, _("The teacher was removed from the group."))
        return redirect(detail_url)
    return render(
        request,
        "organisations/confirm.html",
        {
            "title": _("Remove teacher from group"),
            "question": _("Remove %(person)s from %(group)s?")
            % {"person": link.user.get_full_name() or link.user.username, "group": group.name},
            "submit_label": _("Remove"),
            "cancel_url": detail_url,
            "crumbs": [*_group_crumbs(school, group), (_("Remove teacher from group"), None)],
        },
    )
