"""Forms for the intervention log, action plans and evaluations. They parse input; plans/services.py validates the
domain rules (at least one goal, a future evaluation date, a result for every goal, a closed case).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.services import MAX_TEXT
from zorgroute.core.time import today
from zorgroute.organisations.forms import DateInput
from zorgroute.plans.constants import Effect, GoalResult, PlanKind
from zorgroute.plans.models import Goal
from zorgroute.plans.services import MAX_MEASURE

MAX_GOALS = 20


def _text(label: Any, *, required: bool = False, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


class InterventionForm(forms.Form):
    description = _text(
        _("What was tried?"),
        required=True,
        help_text=_("The approach or adaptation, concretely: what, how often, in which situation."),
    )
    started_on = _date(_("From"))
    ended_on = _date(_("Until"), required=False, help_text=_("Leave empty while it is still running."))
    effect = forms.ChoiceField(
        label=_("Effect"), choices=Effect.choices, initial=Effect.UNKNOWN, widget=forms.RadioSelect
    )
    effect_notes = _text(_("What was the result?"))


class PlanForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of plan"), choices=PlanKind.choices, initial=PlanKind.ACTION_PLAN)
    needs = _text(_("Educational and care needs"), required=True, rows=4)
    approach = _text(_("Approach"))
    facilities = _text(_("Facilities"))
    advice_school = _text(_("Advice for school"))
    advice_home = _text(_("Advice for home"))
    pupil_view = _text(
        _("The pupil's own view"),
        help_text=_("With the child, not about the child: what does the pupil say?"),
    )
    evaluation_date = _date(_("Evaluation date"))
    evaluation_method = forms.CharField(
        label=_("Evaluation method"),
        required=False,
        max_length=MAX_MEASURE,
        help_text=_("For example: a conversation with parents and pupil, a test, an observation."),
    )


class GoalForm(forms.Form):
    description = forms.CharField(
        label=_("Goal"),
        max_length=MAX_TEXT,
        help_text=_("High but realistic, and measurable."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    measure = forms.CharField(label=_("How we measure it"), max_length=MAX_MEASURE)


class BaseGoalFormSet(forms.BaseFormSet):
    """Goal rows. Goals copied from the previous version are suggestions, not stored rows: every row may be left
    empty (the service asks for at least one goal)."""

    def initial_form_count(self) -> int:
        return super().initial_form_count() if self.is_bound else 0


def goal_formset(data: Any = None, *, initial: Sequence[dict[str, str]] = (), more: bool = False) -> Any:
    """The goals of a plan version: one row per suggested goal plus an empty one.

    `more`: the user asked for one more empty row (a submit button, so it works without JavaScript).
    """
    formset = formset_factory(
        GoalForm, formset=BaseGoalFormSet, extra=len(initial) + 1, max_num=MAX_GOALS, validate_max=True
    )
    if data is None:
        return formset(initial=list(initial) or None, prefix="goals")
    if more:
        data = data.copy()
        total = int(data.get("goals-TOTAL_FORMS") or 0)
        data["goals-TOTAL_FORMS"] = str(min(total + 1, MAX_GOALS))
    return formset(data, prefix="goals")


def goals_from(formset: Any) -> list[tuple[str, str]]:
    """The (goal, measure) pairs of the filled-in rows, in order."""
    return [
        (form.cleaned_data["description"], form.cleaned_data["measure"])
        for form in formset.forms
        if form.cleaned_data and form.cleaned_data.get("description")
    ]


class AgreementForm(forms.Form):
    agreed_on = _date(_("Date the parents agreed"))
    note = forms.CharField(
        label=_("How did the parents agree?"),
        max_length=MAX_MEASURE,
        help_text=_("For example: signed on paper during the conversation of 12 March."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"agreed_on": today()})
        super().__init__(*args, **kwargs)


class EvaluationForm(forms.Form):
    """Per goal: achieved / partly / not achieved and the next step (PDCA), then the conclusion."""

    evaluated_on = _date(_("Evaluated on"))
    participants = forms.CharField(
        label=_("Who took part?"),
        required=False,
        max_length=MAX_MEASURE,
        help_text=_("Roles rather than names, for example: teacher, parents, care coordinator."),
    )
    conclusion = _text(_("Conclusion"), rows=4)
    next_evaluation_date = _date(
        _("Next evaluation"),
        required=False,
        help_text=_("Leave empty when the plan is not continued (for example when a new version follows)."),
    )

    def __init__(self, *args: Any, goals: Sequence[Goal], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"evaluated_on": today()})
        super().__init__(*args, **kwargs)
        self.goals = list(goals)
        for number, goal in enumerate(self.goals, start=1):
            self.fields[f"result_{goal.uuid}"] = forms.ChoiceField(
                label=_("Result for goal %(number)d") % {"number": number},
                choices=GoalResult.choices,
                widget=forms.RadioSelect,
            )
            self.fields[f"next_step_{goal.uuid}"] = forms.CharField(
                label=_("Next step for goal %(number)d") % {"number": number},
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def goal_rows(self) -> list[tuple[int, Goal, forms.BoundField, forms.BoundField]]:
        return [
            (number, goal, self[f"result_{goal.uuid}"], self[f"next_step_{goal.uuid}"])
            for number, goal in enumerate(self.goals, start=1)
        ]

    def general_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("evaluated_on", "participants", "conclusion", "next_evaluation_date")]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "evaluated_on": data["evaluated_on"],
            "participants": data["participants"],
            "conclusion": data["conclusion"],
            "next_evaluation_date": data["next_evaluation_date"],
            "results": {
                goal.pk: (data[f"result_{goal.uuid}"], data[f"next_step_{goal.uuid}"]) for goal in self.goals
            },
        }
