"""Forms of the referrals app. They parse input; referrals/services.py validates the domain rules.

Choices of related objects come from selectors scoped by the caller and are posted as UUIDs, never integer keys.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from zorgroute.accounts.models import User
from zorgroute.cases.services import MAX_TEXT
from zorgroute.core.time import today
from zorgroute.organisations.forms import DateInput, PersonChoiceField, UUIDChoiceField
from zorgroute.organisations.models import PartnerOrganisation
from zorgroute.referrals.constants import BackReportKind, BackReportResult
from zorgroute.referrals.services import MAX_RESULT_TEXT


def _person(user: User) -> str:
    return user.get_full_name() or user.get_username()


class PartnerChoiceField(UUIDChoiceField):
    def label_from_instance(self, obj: PartnerOrganisation) -> str:  # type: ignore[override]
        return f"{obj.name} ({obj.partner_type.name})"


class DiscussionChoiceField(UUIDChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        meeting = obj.item.meeting
        return f"{meeting.team.name}, {date_format(meeting.starts_at.date(), 'j F Y')}"


class ReferForm(forms.Form):
    partner = PartnerChoiceField(label=_("Partner organisation"))
    care_kind = UUIDChoiceField(label=_("Kind of care"))
    question = forms.CharField(
        label=_("Question and reason"),
        max_length=MAX_TEXT,
        help_text=_(
            "What should the help achieve, and why now? The partner reads this: write only what they need to know."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    referred_on = forms.DateField(label=_("Referred on"), widget=DateInput())
    worker = forms.ChoiceField(
        label=_("Worker at the partner (if known)"),
        required=False,
        help_text=_(
            "Only someone of the partner organisation chosen above. The partner may name someone later."
        ),
    )
    discussion = DiscussionChoiceField(
        label=_("Decided in the discussion of"),
        required=False,
        empty_label=_("Not in a meeting: decided by the care coordinator"),
    )
    family_agreed = forms.BooleanField(
        label=_("The parents (and the pupil from 12) know of this referral and agreed to it."),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        partners: QuerySet[PartnerOrganisation],
        care_kinds: QuerySet[Any],
        workers: list[tuple[PartnerOrganisation, list[User]]],
        discussions: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("initial", {}).setdefault("referred_on", today())
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]
        self.fields["care_kind"].queryset = care_kinds  # type: ignore[attr-defined]
        self.fields["discussion"].queryset = discussions  # type: ignore[attr-defined]
        self._workers = {str(user.uuid): user for _partner, users in workers for user in users}
        self.fields["worker"].choices = [  # type: ignore[attr-defined]
            ("", _("Not known yet")),
            *[(partner.name, [(str(u.uuid), _person(u)) for u in users]) for partner, users in workers],
        ]

    def clean_worker(self) -> User | None:
        value = self.cleaned_data.get("worker") or ""
        return self._workers.get(value) if value else None


class WorkerForm(forms.Form):
    worker = PersonChoiceField(label=_("Who takes it on?"), required=False, empty_label=_("Nobody yet"))

    def __init__(self, *args: Any, workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers  # type: ignore[attr-defined]


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the referral withdrawn?"),
        max_length=MAX_TEXT,
        help_text=_("The case's team and the partner read this."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- Back-reports: one small form per kind ------------------------------------------------------------------------


class WaitingListForm(forms.Form):
    date = forms.DateField(label=_("Expected start of the help"), widget=DateInput())


class StartedForm(forms.Form):
    date = forms.DateField(label=_("The help started on"), widget=DateInput())


class ResultForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=BackReportResult.choices, widget=forms.RadioSelect)
    text = forms.CharField(
        label=_("Short explanation"),
        required=False,
        max_length=MAX_RESULT_TEXT,
        help_text=_("The school reads this in the case's timeline: only what the school needs to know."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class EndedForm(forms.Form):
    date = forms.DateField(label=_("The help ended on"), widget=DateInput())
    text = forms.CharField(
        label=_("Why did it end?"),
        max_length=MAX_TEXT,
        help_text=_("E.g. the goals were met, the family moved, or the help continues elsewhere."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


BACK_REPORT_FORMS: dict[str, type[forms.Form]] = {
    BackReportKind.WAITING_LIST: WaitingListForm,
    BackReportKind.STARTED: StartedForm,
    BackReportKind.RESULT: ResultForm,
    BackReportKind.ENDED: EndedForm,
}


# --- Kinds of care of a region (the functional administrator) -----------------------------------------------------


class CareKindForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=120, help_text=_("As the schools and partners call it.")
    )
    needs_indication = forms.BooleanField(
        label=_("Needs an indication or decision first (e.g. a youth-care decision, a TLV)"), required=False
    )
    back_report_weeks = forms.IntegerField(
        label=_("First back-report expected within (weeks)"),
        min_value=1,
        max_value=52,
        help_text=_(
            "After this many weeks without a back-report the referral shows as overdue. A change counts for "
            "referrals made from now on."
        ),
    )
    is_active = forms.BooleanField(label=_("Active: schools can choose it"), required=False, initial=True)
