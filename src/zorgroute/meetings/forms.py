"""Forms for agreed actions. They parse input; meetings/services.py validates the domain rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zorgroute.accounts.models import User
from zorgroute.cases.services import MAX_TEXT
from zorgroute.meetings.constants import AftercareOutcome, GoalAttainment
from zorgroute.meetings.services import MAX_DESCRIPTION
from zorgroute.organisations.forms import DateInput, PersonChoiceField


class ActionForm(forms.Form):
    description = forms.CharField(
        label=_("What will be done?"),
        max_length=MAX_DESCRIPTION,
        help_text=_("One concrete step, e.g. 'Call the parents about the home situation'."),
    )
    owner = PersonChoiceField(label=_("Who does it?"))
    due_on = forms.DateField(label=_("Done by"), widget=DateInput())

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = candidates  # type: ignore[attr-defined]


class ActionDoneForm(forms.Form):
    result = forms.CharField(
        label=_("What came of it?"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("The case's team reads this in the timeline."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ActionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is it no longer needed?"),
        max_length=MAX_TEXT,
        help_text=_("The case's team reads this in the timeline."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AftercareForm(forms.Form):
    goal_attainment = forms.ChoiceField(
        label=_("Were the goals achieved?"), choices=GoalAttainment.choices, widget=forms.RadioSelect
    )
    satisfaction_school = forms.TypedChoiceField(
        label=_("Satisfaction of the school"),
        choices=[("", "—"), *[(n, str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = very dissatisfied, 5 = very satisfied."),
    )
    satisfaction_parents = forms.TypedChoiceField(
        label=_("Satisfaction of the parents"),
        choices=[("", "—"), *[(n, str(n)) for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("1 = very dissatisfied, 5 = very satisfied."),
    )
    notes = forms.CharField(
        label=_("How did school and parents experience it?"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    outcome = forms.ChoiceField(
        label=_("And now?"), choices=AftercareOutcome.choices, widget=forms.RadioSelect
    )
