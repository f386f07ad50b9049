"""Forms for the parent touchpoints. They parse input; consents/conversation_services.py validates the rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.constants import Visibility
from zorgroute.cases.services import MAX_TEXT
from zorgroute.consents.constants import ConsentAskedOutcome, ConversationKind, LeafletChannel
from zorgroute.consents.conversation_services import ASKS_CONSENT, MAX_LEAFLET, MAX_TITLE, REQUIRED_TEXTS
from zorgroute.organisations.forms import DateInput
from zorgroute.pupils.models import PupilGuardian

PUPIL = "pupil"
NO_FORUM = ""


def _text(label: Any, *, rows: int = 3, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ConversationForm(forms.Form):
    """A conversation with the parents. Which fields show depends on the kind of conversation."""

    forum_kind = forms.ChoiceField(label=_("Forum"))
    held_on = forms.DateField(label=_("Date of the conversation"), widget=DateInput())
    participants = forms.CharField(
        label=_("Who took part"),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "For example: mother, father, the teacher and the care coordinator; the pupil if present."
        ),
    )
    reason = _text(
        _("Reason for the discussion"),
        help_text=_("Why the school wants to discuss the pupil, in observable behaviour."),
    )
    consent_asked = forms.BooleanField(
        label=_("I asked the parents for consent for the discussion"), required=False
    )
    consent_outcome = forms.ChoiceField(
        label=_("What the parents said about consent"),
        choices=ConsentAskedOutcome.choices,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Record the consent itself, with who gave it, on the consent page of the case."),
    )
    home_situation = _text(
        _("How the child is doing at home"), help_text=_("How the child functions at home; the upbringing.")
    )
    parents_questions = _text(_("The parents' own questions"))
    outcomes = _text(_("Outcomes of the discussion"), rows=4)
    decisions = _text(
        _("Decisions and agreements"),
        rows=4,
        help_text=_("Who does what, and how parents and school work together."),
    )
    parents_view = _text(_("The parents' own view (optional)"))
    visibility = forms.ChoiceField(
        label=_("Who may read this conversation"),
        choices=[
            (Visibility.PARENTS, _("The parents too (they see it in the timeline)")),
            (Visibility.CARE_TEAM, _("The care team only")),
        ],
        initial=Visibility.PARENTS,
        widget=forms.RadioSelect,
    )

    FIELDS_BY_KIND: dict[str, tuple[str, ...]] = {
        ConversationKind.BEFORE: (
            "forum_kind",
            "held_on",
            "participants",
            "reason",
            "consent_asked",
            "consent_outcome",
            "home_situation",
            "parents_questions",
            "parents_view",
            "visibility",
        ),
        ConversationKind.AFTER: (
            "forum_kind",
            "held_on",
            "participants",
            "outcomes",
            "decisions",
            "parents_view",
            "visibility",
        ),
        ConversationKind.OTHER: (
            "forum_kind",
            "held_on",
            "participants",
            "reason",
            "outcomes",
            "parents_view",
            "visibility",
        ),
    }
    FIELDS_BY_KIND[ConversationKind.INTAKE] = FIELDS_BY_KIND[ConversationKind.BEFORE]

    def __init__(self, *args: Any, kind: str, forums: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        keep = self.FIELDS_BY_KIND[kind]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in REQUIRED_TEXTS[kind]:
            self.fields[name].required = True
        if kind in ASKS_CONSENT:  # the service says what is missing; the form only marks it
            self.fields["consent_asked"].widget.attrs["aria-describedby"] = "id_consent_asked_helptext"
            self.fields["consent_asked"].help_text = _(
                "Before a discussion in the zorgteam or the ZAT the parents are always asked for consent."
            )
        forum = self.fields["forum_kind"]
        if kind == ConversationKind.OTHER:
            forum.required = False
            forum.label = _("Forum (if the conversation was about one)")
            forum.choices = [(NO_FORUM, _("No forum")), *forums]  # type: ignore[attr-defined]
            self.fields["reason"].label = _("Subject")
            self.fields["reason"].help_text = ""
            self.fields["outcomes"].label = _("What was discussed and agreed")
        else:
            forum.choices = forums  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.cleaned_data}


class LeafletGiveForm(forms.Form):
    recipients = forms.MultipleChoiceField(
        label=_("Given to"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose who.")},
    )
    given_on = forms.DateField(label=_("Date"), widget=DateInput())
    channel = forms.ChoiceField(label=_("How"), choices=LeafletChannel.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, links: list[PupilGuardian], pupil_label: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_key = {str(link.guardian.uuid): link.guardian for link in links}
        self.fields["recipients"].choices = [  # type: ignore[attr-defined]
            *(
                (
                    str(link.guardian.uuid),
                    f"{link.guardian.full_name} ({link.get_relationship_display()})",
                )
                for link in links
            ),
            (PUPIL, pupil_label),
        ]

    def chosen_recipients(self) -> list[Any]:
        return [None if key == PUPIL else self.by_key[key] for key in self.cleaned_data["recipients"]]


class LeafletForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    body = forms.CharField(
        label=_("Text of the leaflet"),
        max_length=MAX_LEAFLET,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "What the zorgteam and the ZAT are, who takes part, how parents are involved and asked for consent, "
            "privacy and the parents' rights, complaints, and whom to contact. An empty line starts a new "
            "paragraph."
        ),
    )


class LeafletRemoveForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, this school hands out the region's leaflet again"))
