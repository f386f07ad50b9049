"""Forms of the referral pages. They parse input; meetings/services validates the domain rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgroute.cases.services import MAX_TEXT
from zorgroute.core.time import today
from zorgroute.meetings.services.referral_documents import RESPONDENT_LIMIT
from zorgroute.organisations.forms import DateInput


def _text(label: Any, help_text: Any = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=False,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


FROM_CASE = _("Taken from the case when the referral was started; a change here does not change the case.")


class ReferralForm(forms.Form):
    """The referral's texts (DOMAIN §5 "Referral to a forum") and the crisis flag."""

    crisis = forms.BooleanField(
        label=_("Crisis: this cannot wait for the next meeting"),
        required=False,
        help_text=_(
            "A crisis goes to the forum outside the meeting cycle; only a valid consent basis is then required."
        ),
    )
    help_question_school = _text(_("Help question of the school"), FROM_CASE)
    help_question_parents = _text(_("Help question of the parents"), FROM_CASE)
    help_question_pupil = _text(_("Help question of the pupil"), FROM_CASE)
    already_done = _text(
        _("What was done, with what result"),
        _("Taken from the intervention log when the referral was started."),
        rows=6,
    )
    school_limits = _text(_("The school's possibilities and limits"), FROM_CASE)
    strengths = _text(
        _("Strengths and chances"), _("What goes well, what the pupil and the family are good at.")
    )
    child_factors = _text(_("Child factors"))
    family_factors = _text(_("Family factors"))
    school_factors = _text(_("School factors"))
    nature_and_severity = _text(
        _("Nature and severity"), _("What the problems are, since when, how often and how serious.")
    )
    teacher_questions = _text(_("The teacher's questions"))

    QUESTION = (
        "help_question_school",
        "help_question_parents",
        "help_question_pupil",
        "already_done",
        "school_limits",
    )
    PICTURE = (
        "strengths",
        "child_factors",
        "family_factors",
        "school_factors",
        "nature_and_severity",
        "teacher_questions",
    )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.QUESTION]

    def picture_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.PICTURE]


class QuestionnaireAboutForm(forms.Form):
    """Who filled in the SDQ, and when (the answers are in sdq_forms.SDQForm on the same page)."""

    respondent = forms.CharField(
        label=_("Filled in by"),
        max_length=RESPONDENT_LIMIT,
        help_text=_("For example: the teacher of group 5, or the mother."),
    )
    filled_on = forms.DateField(label=_("Filled in on"), widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"filled_on": today()})
        super().__init__(*args, **kwargs)
