"""Forms of the case page: notes, the escalation package, consent per forum, owner and coordinator, and the route
transitions. They parse input; cases/services.py validates the domain rules (what the route allows, what is
missing for escalation, a closed case).

Related objects are posted as UUIDs and chosen from querysets the caller loaded through a selector, never as
integer keys.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zorgroute.accounts.models import User
from zorgroute.cases.constants import ClosureReason, SkipReason, TimelineKind, Visibility
from zorgroute.cases.models import Case, RouteStep
from zorgroute.cases.services import MAX_TEXT
from zorgroute.organisations.forms import PersonChoiceField, UUIDChoiceField

PARENTS_CAN_READ = _("Parents can read this text in the case's timeline.")


def _text(label: Any, *, required: bool = True, rows: int = 4, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class TimelineFilterForm(forms.Form):
    """Which kinds of event the timeline shows (none ticked: all)."""

    kind = forms.MultipleChoiceField(
        label=_("Show only"),
        required=False,
        choices=TimelineKind.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def kinds(self) -> list[str]:
        return list(self.cleaned_data.get("kind") or []) if self.is_valid() else []


class NoteForm(forms.Form):
    text = _text(_("Note"), rows=4)
    visibility = forms.ChoiceField(
        label=_("Who may read this note?"),
        choices=[
            (Visibility.CARE_TEAM, _("Care team: the school's care staff and the pupil's teacher")),
            (Visibility.PRIVATE, _("Only me: a private working note")),
            (Visibility.PARENTS, _("Also the parents (and a pupil aged 16 or over)")),
        ],
        initial=Visibility.CARE_TEAM,
        widget=forms.RadioSelect,
        help_text=_(
            "A private working note is visible only to you. A care-team note is visible to the people who work on "
            "this case at school. A note for parents is also visible to the parents."
        ),
    )


class PackageForm(forms.Form):
    """The escalation package: the help question of school, parents and pupil, and the school's limits."""

    help_question_school = _text(_("Help question of the school"), required=False)
    help_question_parents = _text(_("Help question of the parents"), required=False)
    help_question_pupil = _text(
        _("Help question of the pupil"),
        required=False,
        help_text=_("In the pupil's own words where possible: with the child, not about the child."),
    )
    school_limits = _text(_("The school's possibilities and limits"), required=False, rows=5)

    @classmethod
    def for_case(cls, case: Case, data: Any = None) -> PackageForm:
        return cls(
            data,
            initial={
                "help_question_school": case.help_question_school,
                "help_question_parents": case.help_question_parents,
                "help_question_pupil": case.help_question_pupil,
                "school_limits": case.school_limits,
            },
        )


class PeopleForm(forms.Form):
    owner = PersonChoiceField(label=_("Case owner"), help_text=_("Carries the case through the route."))
    coordinator = PersonChoiceField(
        label=_("Case coordinator"),
        required=False,
        empty_label=_("No case coordinator yet"),
        help_text=_("Named as soon as more than one action has been agreed."),
    )

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff  # type: ignore[attr-defined]
        self.fields["coordinator"].queryset = staff  # type: ignore[attr-defined]


class OpenCaseForm(forms.Form):
    owner = PersonChoiceField(label=_("Case owner"), help_text=_("Carries the case through the route."))

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff  # type: ignore[attr-defined]


class EscalateForm(forms.Form):
    reason = _text(
        _("Why escalate now?"),
        required=False,
        help_text=PARENTS_CAN_READ,
    )


class StepBackForm(forms.Form):
    reason = _text(_("Why step back?"), required=False, help_text=PARENTS_CAN_READ)


class StepChoiceField(UUIDChoiceField):
    def label_from_instance(self, obj: RouteStep) -> str:  # type: ignore[override]
        return f"{obj.position}. {obj.name}"


class SkipForm(forms.Form):
    target = StepChoiceField(label=_("Move on to the step"), empty_label=None)
    skip_reason = forms.ChoiceField(
        label=_("Why skip steps?"), choices=SkipReason.choices, widget=forms.RadioSelect
    )
    reason = _text(_("Explanation"), help_text=PARENTS_CAN_READ)

    def __init__(self, *args: Any, targets: QuerySet[RouteStep], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].queryset = targets  # type: ignore[attr-defined]


class CloseForm(forms.Form):
    closure_reason = forms.ChoiceField(
        label=_("Why is the case closed?"), choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    provisional = forms.BooleanField(
        label=_("Provisionally closed"),
        required=False,
        help_text=_("Tick when the case may well come back, for example while aftercare is still running."),
    )
    note = _text(_("Explanation"), required=False, help_text=PARENTS_CAN_READ)


class ReopenForm(forms.Form):
    reason = _text(_("Why reopen the case?"), help_text=PARENTS_CAN_READ)
