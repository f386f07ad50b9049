"""Forms for signals, triage and the group review. They parse input; the services in cases/services.py validate the
domain rules (future dates, domains of another region, a missing reason, an already triaged signal).

Related objects are posted as UUIDs and mapped back to objects the caller loaded through access/ or a selector.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.constants import DomainCategory, ReviewOutcome, Severity, SignalSource
from zorgroute.cases.models import ProblemDomain
from zorgroute.cases.services import MAX_TEXT
from zorgroute.core.time import today
from zorgroute.organisations.forms import DateInput
from zorgroute.pupils.models import Pupil


def _date_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, initial=today, widget=DateInput(attrs={"max": today().isoformat()}))


class SignalForm(forms.Form):
    """Quick to fill in: what you saw, the areas it touches, how serious, from whom, when."""

    observed_behaviour = forms.CharField(
        label=_("What did you observe?"),
        max_length=MAX_TEXT,
        help_text=_("Describe behaviour you saw or heard, not an explanation: what, when and how often."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=Severity.choices, widget=forms.RadioSelect)
    source = forms.ChoiceField(label=_("Source"), choices=SignalSource.choices, initial=SignalSource.TEACHER)

    def __init__(self, *args: Any, domains: Mapping[str, list[ProblemDomain]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["observed_on"] = _date_field(_("Date observed"))
        self._domains = {str(d.uuid): d for group in domains.values() for d in group}
        for category in DomainCategory:
            self.fields[f"domains_{category.value}"] = forms.MultipleChoiceField(
                label=category.label,
                required=False,
                choices=[(str(d.uuid), d.name) for d in domains.get(category.value, [])],
                widget=forms.CheckboxSelectMultiple,
            )

    def domain_fields(self) -> list[forms.BoundField]:
        """The problem-domain checkboxes per area (child, family, school) that have any domains."""
        names = [f"domains_{c.value}" for c in DomainCategory]
        return [self[name] for name in names if getattr(self.fields[name], "choices", None)]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        chosen = [key for c in DomainCategory for key in data.get(f"domains_{c.value}", [])]
        return {
            "observed_behaviour": data["observed_behaviour"],
            "severity": data["severity"],
            "source": data["source"],
            "observed_on": data["observed_on"],
            "domains": [self._domains[key] for key in chosen],
        }


class TriageForm(forms.Form):
    """One triage decision on a signal: open a case, add it to the pupil's open case, or keep it in the class."""

    OPEN = "open"
    LINK = "link"
    KEEP = "keep"

    decision = forms.ChoiceField(
        choices=[
            (OPEN, _("Open a case")),
            (LINK, _("Add to the open case")),
            (KEEP, _("Keep in the classroom")),
        ],
        widget=forms.HiddenInput,
    )
    case = forms.UUIDField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Why does the signal stay in the classroom?"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_("Required. The teacher sees this reason with the signal."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == self.LINK and not data.get("case"):
            raise forms.ValidationError(_("This pupil has no open case to add the signal to."))
        return data


class GroupReviewForm(forms.Form):
    """The date, the notes on the group, and per pupil an outcome and a short note (leave blank: not discussed)."""

    notes = forms.CharField(
        label=_("Notes on the group"),
        required=False,
        max_length=MAX_TEXT,
        help_text=_(
            "About the group as a whole, for example the group plan. Write about pupils in their own row."
        ),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, pupils: Iterable[Pupil], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"] = _date_field(_("Date of the group review"))
        self.order_fields(["held_on", "notes"])
        self.pupils = list(pupils)
        for pupil in self.pupils:
            self.fields[f"outcome_{pupil.uuid}"] = forms.ChoiceField(
                label=_("Outcome for %(name)s") % {"name": pupil.full_name},
                required=False,
                choices=[("", _("Not discussed")), *ReviewOutcome.choices],
            )
            self.fields[f"note_{pupil.uuid}"] = forms.CharField(
                label=_("Note for %(name)s") % {"name": pupil.full_name},
                required=False,
                max_length=MAX_TEXT,
                widget=forms.Textarea(attrs={"rows": 1}),
            )

    def rows(self) -> list[tuple[Pupil, forms.BoundField, forms.BoundField]]:
        return [(p, self[f"outcome_{p.uuid}"], self[f"note_{p.uuid}"]) for p in self.pupils]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for pupil in self.pupils:
            if data.get(f"note_{pupil.uuid}") and not data.get(f"outcome_{pupil.uuid}"):
                self.add_error(
                    f"outcome_{pupil.uuid}", _("Choose an outcome for this pupil, or leave the note empty.")
                )
        return data

    def outcomes(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {
            p.pk: (data[f"outcome_{p.uuid}"], data.get(f"note_{p.uuid}", ""))
            for p in self.pupils
            if data.get(f"outcome_{p.uuid}")
        }
