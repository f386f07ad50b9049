"""The SDQ as a form: the 25 items as radio groups of three options and the impact supplement, for the parent or
the teacher version. It parses input; ``sdq.score`` (pure) scores it.

Accessibility: every item and impact question is a ``RadioSelect``, which Django renders as a ``<fieldset>`` whose
``<legend>`` is the question, each option a ``<label>`` around its ``<input>`` (``{{ form }}`` or the field in a
template); help texts and errors are tied to the group with ``aria-describedby``. Nothing is required: an item left
open is unanswered (a scale with 3 of its 5 items is still scored), so a half-filled questionnaire is never a form
error. The items keep the questionnaire's own order (1–25, scales mixed), which the SDQ is validated in.

Wording: the licensed SDQ texts are NOT in this repository (see ``sdq``'s docstring). Without them an item reads
"Item 7 (obedience)", a neutral label of our own; a region that has the licensed wording for a version passes it as
``item_texts={7: "..."}`` and ``impact_texts={"distress": "..."}``, loaded from its configuration.

Embedding two questionnaires in one page (teacher and parent): give each its own ``prefix``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zorgroute.meetings import sdq
from zorgroute.meetings.sdq_norms import NormTable

ANSWER_CHOICES = [
    (sdq.Answer.NOT_TRUE.value, _("Not true")),
    (sdq.Answer.SOMEWHAT_TRUE.value, _("Somewhat true")),
    (sdq.Answer.CERTAINLY_TRUE.value, _("Certainly true")),
]
EXTENT_CHOICES = [
    (0, _("Not at all")),
    (1, _("Only a little")),
    (2, _("Quite a lot")),
    (3, _("A great deal")),
]
IMPACT_CHOICES: Mapping[sdq.ImpactKind, list[tuple[int, Any]]] = {
    sdq.ImpactKind.DIFFICULTIES: [
        (0, _("No")),
        (1, _("Yes, minor difficulties")),
        (2, _("Yes, definite difficulties")),
        (3, _("Yes, severe difficulties")),
    ],
    sdq.ImpactKind.CHRONICITY: [
        (0, _("Less than a month")),
        (1, _("1–5 months")),
        (2, _("6–12 months")),
        (3, _("More than a year")),
    ],
    sdq.ImpactKind.DISTRESS: EXTENT_CHOICES,
    sdq.ImpactKind.INTERFERENCE: EXTENT_CHOICES,
    sdq.ImpactKind.BURDEN: EXTENT_CHOICES,
}

# Our own neutral topic of each item (sdq.Item.topic), never the licensed wording.
ITEM_TOPICS: Mapping[str, Promise] = {
    "considerate": _("consideration"),
    "restless": _("restlessness"),
    "somatic": _("physical complaints"),
    "shares": _("sharing"),
    "tempers": _("temper"),
    "solitary": _("playing alone"),
    "obedient": _("obedience"),
    "worries": _("worries"),
    "helpful": _("helpfulness"),
    "fidgety": _("fidgeting"),
    "good_friend": _("a good friend"),
    "fights": _("fighting"),
    "unhappy": _("unhappiness"),
    "liked": _("liked by peers"),
    "distractible": _("distractibility"),
    "nervous_new": _("nervous in new situations"),
    "kind_younger": _("kind to younger children"),
    "lies": _("lying"),
    "bullied": _("being bullied"),
    "volunteers": _("offering help"),
    "reflects": _("thinking before acting"),
    "steals": _("stealing"),
    "adult_oriented": _("better with adults"),
    "fears": _("fears"),
    "attention": _("attention span"),
}

IMPACT_LABELS: Mapping[str, Promise] = {
    "difficulties": _("Difficulties overall"),
    "chronicity": _("How long the difficulties have lasted"),
    "distress": _("Distress to the child"),
    "home_life": _("Interference with home life"),
    "friendships": _("Interference with friendships"),
    "classroom_learning": _("Interference with classroom learning"),
    "leisure": _("Interference with leisure activities"),
    "peer_relations": _("Interference with peer relations"),
}
BURDEN_LABELS: Mapping[sdq.Version, Promise] = {
    sdq.Version.PARENT: _("Burden on the family"),
    sdq.Version.TEACHER: _("Burden on the teacher or the class"),
}
FOLLOW_UP_HELP = _("Only when there are difficulties.")

# For result pages.
MEASURE_LABELS: Mapping[sdq.Measure, Promise] = {
    sdq.Measure.EMOTIONAL: _("Emotional symptoms"),
    sdq.Measure.CONDUCT: _("Conduct problems"),
    sdq.Measure.HYPERACTIVITY: _("Hyperactivity and inattention"),
    sdq.Measure.PEER: _("Peer problems"),
    sdq.Measure.PROSOCIAL: _("Prosocial behaviour"),
    sdq.Measure.TOTAL_DIFFICULTIES: _("Total difficulties"),
    sdq.Measure.EXTERNALISING: _("Externalising"),
    sdq.Measure.INTERNALISING: _("Internalising"),
    sdq.Measure.IMPACT: _("Impact"),
}
BAND_LABELS: Mapping[str, Promise] = {
    "close_to_average": _("Close to average"),
    "slightly_raised": _("Slightly raised"),
    "high": _("High"),
    "very_high": _("Very high"),
    "slightly_lowered": _("Slightly lowered"),
    "low": _("Low"),
    "very_low": _("Very low"),
    "normal": _("Normal"),
    "borderline": _("Borderline"),
    "abnormal": _("Abnormal"),
}
DIRECTION_LABELS: Mapping[sdq.Direction, Promise] = {
    sdq.Direction.BETTER: _("Better"),
    sdq.Direction.SAME: _("Unchanged"),
    sdq.Direction.WORSE: _("Worse"),
}


def item_field(number: int) -> str:
    return f"item_{number}"


def impact_field(key: str) -> str:
    return f"impact_{key}"


def item_label(item: sdq.Item) -> str:
    return _("Item %(number)d (%(topic)s)") % {"number": item.number, "topic": ITEM_TOPICS[item.topic]}


def _radio(label: Any, choices: list[tuple[int, Any]], help_text: Any = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=choices,
        coerce=int,
        empty_value=None,
        required=False,
        help_text=help_text,
        widget=forms.RadioSelect,
    )


class SDQForm(forms.Form):
    """One administration of the SDQ, ``version`` "parent" or "teacher". After ``is_valid()``: ``answers()``,
    ``impact_answers()`` and ``result(norms=...)``."""

    def __init__(
        self,
        *args: Any,
        version: sdq.Version | str,
        item_texts: Mapping[int, str] | None = None,
        impact_texts: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.version = sdq.as_version(version)
        item_texts = item_texts or {}
        impact_texts = impact_texts or {}
        for item in sdq.ITEMS:
            text = item_texts.get(item.number) or item_label(item)
            self.fields[item_field(item.number)] = _radio(text, ANSWER_CHOICES)
        for question in sdq.IMPACT_QUESTIONS[self.version]:
            default = (
                BURDEN_LABELS[self.version]
                if question.kind == sdq.ImpactKind.BURDEN
                else IMPACT_LABELS[question.key]
            )
            follow_up = question.kind != sdq.ImpactKind.DIFFICULTIES
            self.fields[impact_field(question.key)] = _radio(
                impact_texts.get(question.key) or default,
                IMPACT_CHOICES[question.kind],
                FOLLOW_UP_HELP if follow_up else "",
            )

    @staticmethod
    def initial_for(
        answers: Mapping[int, int | None], impact: Mapping[str, int | None] | None = None
    ) -> dict[str, int | None]:
        """``initial`` for a stored administration (e.g. a draft referral opened again)."""
        initial: dict[str, int | None] = {item_field(number): answer for number, answer in answers.items()}
        initial.update({impact_field(key): answer for key, answer in (impact or {}).items()})
        return initial

    def item_fields(self) -> list[forms.BoundField]:
        return [self[item_field(item.number)] for item in sdq.ITEMS]

    def impact_fields(self) -> list[forms.BoundField]:
        return [self[impact_field(question.key)] for question in sdq.IMPACT_QUESTIONS[self.version]]

    def sections(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """(heading, fields) for a template that shows the statements and the impact questions apart."""
        return [
            (_("Statements about the pupil"), self.item_fields()),
            (_("Impact of the difficulties"), self.impact_fields()),
        ]

    def answers(self) -> dict[int, int | None]:
        return {item.number: self.cleaned_data.get(item_field(item.number)) for item in sdq.ITEMS}

    def impact_answers(self) -> dict[str, int | None]:
        return {
            question.key: self.cleaned_data.get(impact_field(question.key))
            for question in sdq.IMPACT_QUESTIONS[self.version]
        }

    def result(self, *, norms: NormTable | None = None) -> sdq.Result:
        return sdq.score(self.version, self.answers(), self.impact_answers(), norms=norms)
