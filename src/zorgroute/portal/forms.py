"""Forms of the parent and pupil portal and of the school's page about the family's logins. They parse input; the
services validate it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgroute.portal.services import QUESTION, VIEW
from zorgroute.pupils.constants import PupilInforming

MAX_CONTRIBUTION = 5000


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("The invitation with a personal link is sent here; it becomes the username."),
    )


class ContributionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to share?"),
        choices=[(VIEW, _("My view")), (QUESTION, _("A question"))],
        initial=VIEW,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=MAX_CONTRIBUTION,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "The school's care staff read this. It is part of the care route and you will see it below."
        ),
    )


class ConsentAnswerForm(forms.Form):
    """The answer a button sends; only the answers offered for this record and party are valid."""

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["answer"] = forms.ChoiceField(choices=choices)


# What the pupil can choose per parent in the portal (agreed = may be informed; refused = may not).
PUPIL_CHOICES = [
    (PupilInforming.AGREED, _("May see my record")),
    (PupilInforming.REFUSED, _("May not see my record")),
]


class InformingForm(forms.Form):
    """One choice per parent, keyed by the guardian's UUID."""

    def __init__(self, *args: Any, members: list[Any], adult: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for member in members:
            link = member.link
            current = link.pupil_informing or (PupilInforming.REFUSED if adult else PupilInforming.AGREED)
            self.fields[str(link.guardian.uuid)] = forms.ChoiceField(
                label=f"{link.guardian.full_name} ({link.get_relationship_display().lower()})",
                choices=PUPIL_CHOICES,
                initial=current,
                widget=forms.RadioSelect,
            )


class StaffInformingForm(forms.Form):
    choice = forms.ChoiceField(label=_("What the pupil said"), choices=PupilInforming.choices)
