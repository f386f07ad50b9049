"""Forms for consent. They parse input; consents/services.py validates the rules of recording."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.services import MAX_TEXT
from zorgroute.consents.constants import ConsentAnswer, ConsentMode, ConsentPurpose, Evidence
from zorgroute.organisations.forms import DateInput
from zorgroute.organisations.models import PartnerOrganisation
from zorgroute.pupils.models import PupilGuardian

NO_ANSWER = ""
ANSWER_CHOICES = [(NO_ANSWER, _("Not (yet) answered")), *ConsentAnswer.choices]
PUPIL = "pupil"


class PartnerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: PartnerOrganisation) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.partner_type.name})" if obj.partner_type_id else obj.name


def _party_label(link: PupilGuardian) -> str:
    return f"{link.guardian.full_name} ({link.get_relationship_display()}, {link.get_authority_display().lower()})"


class ConsentRecordForm(forms.Form):
    forum_kind = forms.ChoiceField(label=_("Forum"))
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=ConsentPurpose.choices, initial=ConsentPurpose.DISCUSSION
    )
    mode = forms.ChoiceField(
        label=_("Kind of consent"),
        choices=[c for c in ConsentMode.choices if c[0] != ConsentMode.OVERRIDE],
        widget=forms.RadioSelect,
    )
    scope = forms.CharField(
        label=_("What may be shared"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: the help question, the action plan and the evaluation; not the family history."
        ),
    )
    recorded_on = forms.DateField(label=_("Date"), widget=DateInput())
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty: until withdrawn."),
    )
    objection_until = forms.DateField(
        label=_("Objection possible until"),
        required=False,
        widget=DateInput(),
        help_text=_("Assent only: the last day on which the parents (or the pupil of 16+) can object."),
    )
    evidence = forms.ChoiceField(
        label=_("How was it given?"), choices=[c for c in Evidence.choices if c[0] != Evidence.DECISION]
    )
    evidence_note = forms.CharField(
        label=_("Where is the evidence?"),
        required=False,
        max_length=200,
        help_text=_("For example: signed form in the pupil file, 12 March."),
    )
    scan = forms.FileField(
        label=_("Scan of the signed form"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 5 MB. Only the case's care coordinator can open it."),
    )

    def __init__(
        self,
        *args: Any,
        forums: list[tuple[str, str]],
        partners: QuerySet[PartnerOrganisation],
        links: list[PupilGuardian],
        pupil_label: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum_kind"].choices = forums  # type: ignore[attr-defined]
        self.fields["partners"] = PartnerChoices(
            label=_("Partners named"),
            queryset=partners,
            to_field_name="uuid",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "Written consent covers only the partners named here, besides the school's own staff."
            ),
        )
        self.order_fields(["forum_kind", "purpose", "mode", "partners"])
        self.links = links
        for link in links:
            self.fields[f"answer_{link.guardian.uuid}"] = forms.ChoiceField(
                label=_party_label(link), choices=ANSWER_CHOICES, required=False
            )
        self.fields[f"answer_{PUPIL}"] = forms.ChoiceField(
            label=pupil_label, choices=ANSWER_CHOICES, required=False
        )

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name.startswith("answer_")]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if not name.startswith("answer_")]

    def answers(self) -> dict[Any, str]:
        """Party (a Guardian, or None for the pupil) -> answer, for the parties that answered."""
        chosen: dict[Any, str] = {}
        for link in self.links:
            value = self.cleaned_data.get(f"answer_{link.guardian.uuid}")
            if value:
                chosen[link.guardian] = value
        if self.cleaned_data.get(f"answer_{PUPIL}"):
            chosen[None] = self.cleaned_data[f"answer_{PUPIL}"]
        return chosen

    def record_values(self) -> dict[str, Any]:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith("answer_")}
        return {**data, "answers": self.answers()}


class ConsentAnswerForm(forms.Form):
    party = forms.ChoiceField(label=_("Who"))
    answer = forms.ChoiceField(label=_("Answer"), choices=ConsentAnswer.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, links: list[PupilGuardian], pupil_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_key = {str(link.guardian.uuid): link.guardian for link in links}
        self.fields["party"].choices = [  # type: ignore[attr-defined]
            *((str(link.guardian.uuid), _party_label(link)) for link in links),
            (PUPIL, pupil_label),
        ]

    def guardian(self) -> Any:
        key = self.cleaned_data["party"]
        return None if key == PUPIL else self.by_key[key]


class ConsentWithdrawForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, this consent ends today"))


class ConsentOverrideForm(forms.Form):
    forum_kind = forms.ChoiceField(label=_("Forum"))
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Why the concern is serious enough, why the parents' refusal is set aside, what will be discussed and "
            "with whom. The parents are told about this decision."
        ),
    )
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())

    def __init__(self, *args: Any, forums: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["forum_kind"].choices = forums  # type: ignore[attr-defined]
