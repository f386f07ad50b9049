"""The period selector of the report pages (GET). Bad input is a form error on the page, never a 500."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zorgroute.core.time import current_school_year, school_year_label, today
from zorgroute.reports import periods as pr

YEARS_BACK = 5  # school years offered in the selector
MAX_CUSTOM_DAYS = 366  # a period of one's own is at most a year, so the two years before it do not overlap it
EARLIEST = dt.date(2000, 1, 1)


def period_choices(*, custom: bool) -> list[tuple[str, Any]]:
    """The current school year first, then earlier ones, each followed by its quarters."""
    this_year = current_school_year()
    groups: list[tuple[str, Any]] = []
    for year in range(this_year, this_year - YEARS_BACK, -1):
        label = school_year_label(year)
        options = [(str(year), _("Whole school year %(year)s") % {"year": label})]
        options += [(q.key, q.short_label) for q in pr.quarters(year)]
        groups.append((label, options))
    if custom:
        groups.append(("custom", [(pr.CUSTOM, _("Dates of my own choosing"))]))
    return groups


class PeriodForm(forms.Form):
    periode = forms.ChoiceField(label=gettext_lazy("Period"))
    van = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Only for dates of your own choosing: at most one year."),
    )
    tot = forms.DateField(
        label=gettext_lazy("Up to and including"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, custom: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.custom = custom
        self.fields["periode"].choices = period_choices(custom=custom)  # type: ignore[attr-defined]
        self.fields["periode"].initial = str(current_school_year())
        if not custom:
            del self.fields["van"], self.fields["tot"]
            self.fields["periode"].help_text = _(
                "Aggregates cover a school year or one of its quarters, so that no small number can be worked out "
                "by comparing overlapping periods."
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("periode") != pr.CUSTOM:
            return data
        start, end = data.get("van"), data.get("tot")
        if start is None:
            self.add_error("van", _("Enter the first day of the period."))
        if end is None:
            self.add_error("tot", _("Enter the last day of the period."))
        if start is None or end is None:
            return data
        if end < start:
            self.add_error("tot", _("The last day lies on or after the first day."))
        elif (end - start).days + 1 > MAX_CUSTOM_DAYS:
            self.add_error("tot", _("Choose a period of at most one year."))
        elif start < EARLIEST or end > today() + dt.timedelta(days=MAX_CUSTOM_DAYS):
            self.add_error("van", _("Choose dates between 2000 and next year."))
        return data

    def period(self) -> pr.Period:
        """The chosen period (call after is_valid())."""
        key = self.cleaned_data["periode"]
        if key == pr.CUSTOM:
            return pr.custom(self.cleaned_data["van"], self.cleaned_data["tot"])
        return pr.parse(key)


def period_form(params: Any, *, custom: bool) -> tuple[PeriodForm, pr.Period | None]:
    """The form bound to the query string (or unbound, on the current school year) and the period it chose."""
    if "periode" not in params:
        form = PeriodForm(custom=custom)
        return form, pr.school_year(current_school_year())
    form = PeriodForm(params, custom=custom)
    return form, form.period() if form.is_valid() else None


class YearForm(forms.Form):
    jaar = forms.TypedChoiceField(label=gettext_lazy("School year"), coerce=int)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        this_year = current_school_year()
        self.fields["jaar"].choices = [  # type: ignore[attr-defined]
            (year, school_year_label(year)) for year in range(this_year, this_year - YEARS_BACK, -1)
        ]
        self.fields["jaar"].initial = this_year


def year_form(params: Any) -> tuple[YearForm, int | None]:
    if "jaar" not in params:
        return YearForm(), current_school_year()
    form = YearForm(params)
    return form, form.cleaned_data["jaar"] if form.is_valid() else None


EXPORT_FORMATS = (("csv", "CSV"), ("xlsx", "XLSX"), ("pdf", "PDF"))
MIN_REASON = 10


class ExportForm(forms.Form):
    """Why the figures leave the application (CONVENTIONS: a reason is required for exports). The purpose goes into
    the audit row; the format is the button pressed."""

    doel = forms.CharField(
        label=gettext_lazy("Purpose of the download"),
        help_text=gettext_lazy("For example: the annual report for the board. Recorded in the audit log."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=500,
        error_messages={"required": gettext_lazy("Give the purpose of the download.")},
    )
    formaat = forms.ChoiceField(choices=EXPORT_FORMATS, widget=forms.HiddenInput)

    def clean_doel(self) -> str:
        reason = " ".join(self.cleaned_data["doel"].split())
        if len(reason) < MIN_REASON:
            raise forms.ValidationError(
                _("Give the purpose of the download in at least %(n)d characters.") % {"n": MIN_REASON}
            )
        return reason
