"""Forms of the meeting pages. They parse input; the services validate the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zorgroute.accounts.models import User
from zorgroute.cases.services import MAX_TEXT
from zorgroute.meetings.constants import Presence, VerwijsindexDecision
from zorgroute.organisations.forms import DateInput, PersonChoiceField, UUIDChoiceField


def _text(label: Any, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class AttendanceForm(forms.Form):
    presence = forms.ChoiceField(label=_("Presence"), choices=Presence.choices)
    substitute_for = PersonChoiceField(label=_("Replaces"), required=False, empty_label=_("Nobody"))

    def __init__(self, *args: Any, members: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["substitute_for"].queryset = members  # type: ignore[attr-defined]


class MeetingRolesForm(forms.Form):
    chair = PersonChoiceField(label=_("Chair"), required=False, empty_label=_("Not named"))
    minute_taker = PersonChoiceField(label=_("Minute-taker"), required=False, empty_label=_("Not named"))

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("chair", "minute_taker"):
            self.fields[name].queryset = people  # type: ignore[attr-defined]


BOTTLENECK_KIND_REQUIRED = _(
    "Choose the kind of care the gap is in: the region counts gaps per kind of care."
)


class DiscussionForm(forms.Form):
    parents_present = forms.BooleanField(label=_("The parents were at the table"), required=False)
    pupil_present = forms.BooleanField(label=_("The pupil was at the table"), required=False)
    teacher_present = forms.BooleanField(label=_("The teacher was at the table"), required=False)
    extra_information = _text(_("Extra information"))
    analysis = _text(
        _("Analysis"), rows=4, help_text=_("What does this child, in this family and this class, need?")
    )
    solutions_child = _text(_("Solutions for the child"))
    solutions_family = _text(_("Solutions for the family"))
    solutions_school = _text(_("Solutions for the school"))
    decisions = _text(_("Decisions"), rows=4)
    bottleneck = _text(
        _("Gap in the care offer"),
        rows=2,
        help_text=_(
            "Help that was needed but is not available or has a waiting list; counted for the region."
        ),
    )
    bottleneck_kind = UUIDChoiceField(
        label=_("Kind of care of the gap"),
        required=False,
        empty_label="—",
        help_text=_("Required when a gap is noted. The region counts gaps per kind of care."),
    )
    case_coordinator = PersonChoiceField(
        label=_("Case coordinator"),
        required=False,
        empty_label=_("Not named"),
        help_text=_("Required when more than one action is agreed."),
    )
    parents_contact = PersonChoiceField(
        label=_("Contact person for the parents"), required=False, empty_label="—"
    )
    reports_to_parents = PersonChoiceField(
        label=_("Reports back to the parents"), required=False, empty_label="—"
    )
    reports_to_school = PersonChoiceField(
        label=_("Reports back to the school"), required=False, empty_label="—"
    )
    verwijsindex = forms.ChoiceField(
        label=_("Verwijsindex"), choices=[("", "—"), *VerwijsindexDecision.choices], required=False
    )
    verwijsindex_by = PersonChoiceField(
        label=_("Who reports to the verwijsindex"), required=False, empty_label="—"
    )
    next_discussion_on = forms.DateField(label=_("Next discussion"), required=False, widget=DateInput())

    PEOPLE = (
        "case_coordinator",
        "parents_contact",
        "reports_to_parents",
        "reports_to_school",
        "verwijsindex_by",
    )

    def __init__(self, *args: Any, people: QuerySet[User], care_kinds: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in self.PEOPLE:
            self.fields[name].queryset = people  # type: ignore[attr-defined]
        self.fields["bottleneck_kind"].queryset = care_kinds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        gap = (data.get("bottleneck") or "").strip()
        if gap and not data.get("bottleneck_kind") and "bottleneck_kind" not in self.errors:
            self.add_error("bottleneck_kind", BOTTLENECK_KIND_REQUIRED)
        return data


class DiscussionActionForm(forms.Form):
    description = forms.CharField(label=_("What will be done?"), max_length=300)
    owner = PersonChoiceField(label=_("Who does it?"))
    due_on = forms.DateField(label=_("Done by"), widget=DateInput())

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people  # type: ignore[attr-defined]


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes"))
