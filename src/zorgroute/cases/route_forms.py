"""Forms of the route template editor. They parse input; cases.services validates the route (in Dutch) and
publishes it. Choices of templates are posted as UUIDs, scoped by the caller.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms import formset_factory
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.constants import Outcome, RequiredRecord, StepOwner
from zorgroute.cases.models import RouteTemplate
from zorgroute.organisations.constants import CareTeamKind

MAX_REASON = 500


class StepForm(forms.Form):
    """One step of a route version (all fields the editor may change)."""

    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        required=False,
        help_text=_(
            "Keeps running cases in the same step when they move to a new version. Leave empty for a new step; "
            "do not change it for an existing step."
        ),
    )
    name = forms.CharField(label=_("Name of the step"), max_length=120)
    # A blank first option, so an untouched empty row posts nothing and is left out.
    owner = forms.ChoiceField(label=_("Owner of the step"), choices=[("", "—"), *StepOwner.choices])
    forum_kind = forms.ChoiceField(
        label=_("Forum"), choices=[("", _("No forum")), *CareTeamKind.choices], required=False
    )
    required_records = forms.MultipleChoiceField(
        label=_("Required records for a referral to this step"),
        choices=RequiredRecord.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    action_plan_required = forms.BooleanField(label=_("Action plan mandatory"), required=False)
    evaluation_weeks = forms.IntegerField(
        label=_("Evaluation interval (weeks)"), min_value=1, max_value=52, initial=6
    )
    min_interventions = forms.IntegerField(
        label=_("Minimum number of interventions before escalation"), min_value=0, max_value=20, initial=0
    )
    allowed_outcomes = forms.MultipleChoiceField(
        label=_("Allowed outcomes"),
        choices=Outcome.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    norm_days = forms.IntegerField(
        label=_("Norm (days in this step)"),
        min_value=1,
        max_value=730,
        initial=56,
        help_text=_("A case that stays longer is marked as stuck."),
    )

    def step_data(self) -> dict[str, Any]:
        data = {name: self.cleaned_data.get(name) for name in self.fields if name not in ("ORDER", "DELETE")}
        data["code"] = data.get("code") or slugify(data.get("name") or "")[:40]
        data["forum_kind"] = data.get("forum_kind") or ""
        return data


class _BaseStepFormSet(forms.BaseFormSet):
    def steps(self) -> list[dict[str, Any]]:
        """The steps in the order given, without deleted and untouched empty rows."""
        return [form.step_data() for form in self.ordered_forms]


StepFormSet = formset_factory(
    StepForm,
    formset=_BaseStepFormSet,
    extra=1,
    can_order=True,
    can_delete=True,
    max_num=20,
    validate_max=True,
)


class RouteNameForm(forms.Form):
    name = forms.CharField(label=_("Name of the route"), max_length=120)


class SchoolStepForm(StepForm):
    """One step of a school's route, changed for that school only (the code stays)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["code"]


class UUIDTemplateField(forms.ModelChoiceField):
    def __init__(self, queryset: QuerySet[RouteTemplate] | None = None, **kwargs: Any) -> None:
        super().__init__(queryset=queryset, to_field_name="uuid", **kwargs)

    def label_from_instance(self, obj: RouteTemplate) -> str:  # type: ignore[override]
        return _("%(name)s (version %(version)d)") % {"name": obj.name, "version": obj.version}


class SchoolChoiceForm(forms.Form):
    template = UUIDTemplateField(label=_("Region route"), empty_label=None)

    def __init__(self, *args: Any, routes: QuerySet[RouteTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = routes  # type: ignore[attr-defined]


class MigrateForm(forms.Form):
    source = UUIDTemplateField(label=_("Move the running cases of"), empty_label=None)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded on every case and in the audit log. Do not write details about pupils here."),
    )

    def __init__(self, *args: Any, sources: QuerySet[RouteTemplate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"].queryset = sources  # type: ignore[attr-defined]
