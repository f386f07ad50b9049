"""Forms of a team's planning pages: a meeting series, ending it, planning its next meetings, and a line of the
minimum composition. They parse input; the services (meetings.services.series) validate the rules. Related objects
are posted as UUIDs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from zorgroute.meetings.models import MeetingSeries
from zorgroute.meetings.services.series import (
    COMPOSITION_SCHOOL_ROLES,
    MAX_ACCESS_DAYS,
    MAX_DURATION,
    MAX_EVERY_WEEKS,
    MAX_LEAD_DAYS,
    MAX_MINIMUM,
    MAX_PLAN_AHEAD,
    MIN_DURATION,
    NAME_LIMIT,
)
from zorgroute.organisations.constants import StaffRoleKind, TeamRole
from zorgroute.organisations.forms import DateInput, UUIDChoiceField
from zorgroute.organisations.models import Membership, PartnerType


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%H:%M")


def _number(label: Any, low: int, high: int, help_text: Any = "") -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=low, max_value=high, help_text=help_text)


class MemberChoices(forms.ModelMultipleChoiceField):
    """Team memberships as checkboxes, posted as UUIDs."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Membership.objects.none(), to_field_name="uuid", **kwargs)

    def label_from_instance(self, obj: Membership) -> str:  # type: ignore[override]
        name = obj.user.get_full_name() or obj.user.get_username()
        parts = [str(obj.get_role_display())]
        if obj.function:
            parts.append(obj.function)
        if obj.partner is not None:
            parts.append(obj.partner.name)
        return f"{name} ({', '.join(parts)})"


class SeriesForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=NAME_LIMIT, help_text=_("E.g. ZAT primary schools, zorgteam monthly.")
    )
    every_weeks = _number(
        _("Every so many weeks"), 1, MAX_EVERY_WEEKS, _("1 = every week, 4 = every four weeks.")
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"), coerce=int, choices=[(i, WEEKDAYS[i]) for i in range(5)]
    )
    start_time = forms.TimeField(label=_("Starts at"), widget=TimeInput())
    duration_minutes = _number(_("Duration (minutes)"), MIN_DURATION, MAX_DURATION)
    location = forms.CharField(label=_("Location"), max_length=NAME_LIMIT, required=False)
    first_date = forms.DateField(
        label=_("First meeting"),
        widget=DateInput(),
        help_text=_("The series counts its weeks from this date."),
    )
    summary_lead_days = _number(
        _("Summaries available (working days before)"),
        0,
        MAX_LEAD_DAYS,
        _(
            "Invited members can read the summaries of the cases from this many working days before the meeting."
        ),
    )
    access_days_after = _number(
        _("Access ends (days after)"),
        0,
        MAX_ACCESS_DAYS,
        _("Invited members lose access to the meeting and its cases this many days after it."),
    )
    members = MemberChoices(
        label=_("Invited to every meeting"),
        required=False,
        help_text=_("Choose none to invite every fixed member of the team."),
    )

    def __init__(self, *args: Any, members: QuerySet[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = members  # type: ignore[attr-defined]

    @staticmethod
    def initial_for(series: MeetingSeries) -> dict[str, Any]:
        from zorgroute.meetings.services.series import SERIES_FIELDS

        values = {name: getattr(series, name) for name in SERIES_FIELDS}
        return {**values, "members": [m.uuid for m in series.members.all()]}


DEFAULTS = {
    "every_weeks": 4,
    "duration_minutes": 90,
    "summary_lead_days": 3,
    "access_days_after": 14,
    "weekday": 1,
}


class SeriesEndForm(forms.Form):
    last_date = forms.DateField(
        label=_("Last meeting date"),
        widget=DateInput(),
        help_text=_("Meetings after this date are cancelled; no new meetings can be planned in this series."),
    )


class PlanForm(forms.Form):
    count = forms.IntegerField(
        label=_("Number of meetings"),
        min_value=1,
        max_value=MAX_PLAN_AHEAD,
        initial=4,
        help_text=_("Meetings that are already planned are kept; only missing ones are added."),
    )


class CompositionForm(forms.Form):
    label = forms.CharField(
        label=_("Who"),
        max_length=NAME_LIMIT,
        help_text=_("As the warning names it, e.g. 'a youth doctor or JGZ nurse'."),
    )
    team_role = forms.ChoiceField(
        label=_("Role in the team"), required=False, choices=[("", _("Any role")), *TeamRole.choices]
    )
    partner_type = UUIDChoiceField(
        label=_("Of a partner of type"),
        required=False,
        empty_label=_("Any organisation"),
        queryset=PartnerType.objects.none(),
    )
    school_role = forms.ChoiceField(
        label=_("School role"),
        required=False,
        choices=[("", _("No school role"))]
        + [(role.value, role.label) for role in StaffRoleKind if role in COMPOSITION_SCHOOL_ROLES],
        help_text=_("Only for a school's zorgteam: e.g. the school's care coordinator."),
    )
    minimum = _number(_("At least"), 1, MAX_MINIMUM)

    def __init__(self, *args: Any, partner_types: QuerySet[PartnerType], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner_type"].queryset = partner_types  # type: ignore[attr-defined]
