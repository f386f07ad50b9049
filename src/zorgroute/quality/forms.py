"""Forms of the self-assessment pages. They parse input; the services check the rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from zorgroute.core.time import school_year_label
from zorgroute.quality.constants import Score
from zorgroute.quality.models import NOTES_LIMIT, FrameworkItem
from zorgroute.quality.selectors import AssessmentPage
from zorgroute.quality.services import COMMENT_LIMIT, Answer

NOT_APPLICABLE = "na"


def score_choices() -> list[tuple[str, Any]]:
    return [
        *((str(value), f"{value} · {label}") for value, label in Score.choices),
        (NOT_APPLICABLE, _("Not applicable")),
        ("", _("Not discussed yet")),
    ]


class StartForm(forms.Form):
    year = forms.TypedChoiceField(label=_("School year"), coerce=int)

    def __init__(self, *args: Any, years: Sequence[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, school_year_label(y)) for y in years]  # type: ignore[attr-defined]


class ScoresForm(forms.Form):
    """A score and notes per item, and the conclusions of the year."""

    summary = forms.CharField(
        label=_("Conclusions and points for improvement"),
        required=False,
        max_length=NOTES_LIMIT,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the team agreed to keep, to improve and to discuss again next year."),
    )

    def __init__(self, *args: Any, items: Sequence[FrameworkItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"score_{item.code}"] = forms.ChoiceField(
                label=item.text, choices=score_choices(), required=False, widget=forms.RadioSelect
            )
            self.fields[f"notes_{item.code}"] = forms.CharField(
                label=_("Discussion notes"),
                required=False,
                max_length=NOTES_LIMIT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def answers(self) -> dict[str, Answer]:
        answers = {}
        for item in self.items:
            value = self.cleaned_data.get(f"score_{item.code}") or ""
            answers[item.code] = Answer(
                score=int(value) if value.isdigit() else None,
                not_applicable=value == NOT_APPLICABLE,
                notes=self.cleaned_data.get(f"notes_{item.code}") or "",
            )
        return answers

    def bind_rows(self, page: AssessmentPage) -> None:
        """Hand each row of the page its two fields, so the template renders them next to the item."""
        for part in page.parts:
            for row in part.rows:
                row.score_field = self[f"score_{row.item.code}"]
                row.notes_field = self[f"notes_{row.item.code}"]


class CommentForm(forms.Form):
    item = forms.ChoiceField(label=_("About"), required=False)
    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For the team's discussion. Do not name pupils or parents."),
    )

    def __init__(self, *args: Any, items: Sequence[FrameworkItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.items = {item.code: item for item in items}
        self.fields["item"].choices = [  # type: ignore[attr-defined]
            ("", _("The self-assessment as a whole")),
            *((code, f"{code}. {item.text[:90]}") for code, item in self.items.items()),
        ]

    def chosen_item(self) -> FrameworkItem | None:
        return self.items.get(self.cleaned_data.get("item") or "")


class ConfirmForm(forms.Form):
    confirm = forms.BooleanField(label=_("Yes, finalise this school year"))
