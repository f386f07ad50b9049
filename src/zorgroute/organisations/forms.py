"""Forms for the configuration pages. They parse and check input types; the services validate domain rules.

Plain forms (not ModelForms), so a form never changes an object before the service has seen old and new
values. Fields come from the models, so labels, help texts and validators (the BRIN check) are defined once.
Choices of related objects come from selectors, scoped by the caller, and are posted as UUIDs, never as
integer keys.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from zorgroute.accounts.models import User
from zorgroute.core.time import current_school_year, school_year_label
from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind
from zorgroute.organisations.models import (
    CareTeam,
    Group,
    GroupTeacher,
    Membership,
    PartnerOrganisation,
    Region,
    School,
    SchoolBoard,
)
from zorgroute.organisations.services import MAX_REASON_LENGTH


def _model_field(model: type[Model], name: str, **kwargs: Any) -> forms.Field:
    field = model._meta.get_field(name).formfield(**kwargs)  # type: ignore[union-attr]
    assert field is not None
    return field


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _date(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text, widget=DateInput())


class UUIDChoiceField(forms.ModelChoiceField):
    """Posts the object's UUID, never its integer key."""

    def __init__(self, queryset: QuerySet[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(queryset=queryset, to_field_name="uuid", **kwargs)


class PersonChoiceField(UUIDChoiceField):
    def label_from_instance(self, obj: User) -> str:  # type: ignore[override]
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else obj.username


def _reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Reason"),
        max_length=MAX_REASON_LENGTH,
        help_text=_("Recorded in the audit log. Do not write details about pupils here."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


# --- regions and boards -------------------------------------------------------------------------------------


class RegionForm(forms.Form):
    name = _model_field(Region, "name")
    code = _model_field(Region, "code")


class BoardForm(forms.Form):
    name = _model_field(SchoolBoard, "name")
    competent_authority_number = _model_field(SchoolBoard, "competent_authority_number")


# --- schools and groups -------------------------------------------------------------------------------------


class SchoolForm(forms.Form):
    name = _model_field(School, "name")
    board = UUIDChoiceField(label=_("School board"))
    # Validated (python-stdnum, via the model validator) by the service after removing spaces.
    brin = forms.CharField(
        label=_("BRIN"), max_length=8, help_text=_("Two digits and two letters, e.g. 12AB.")
    )
    location_code = _model_field(
        School, "location_code", help_text=_("Two digits; 00 for the main location.")
    )
    school_type = _model_field(School, "school_type")
    street_address = _model_field(School, "street_address")
    postal_code = _model_field(School, "postal_code")
    city = _model_field(School, "city")

    def __init__(self, *args: Any, boards: QuerySet[SchoolBoard], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["board"].queryset = boards  # type: ignore[attr-defined]


class SchoolEditForm(SchoolForm):
    is_active = _model_field(School, "is_active")


class GroupForm(forms.Form):
    name = _model_field(Group, "name")
    grade = _model_field(Group, "grade", min_value=1, max_value=8)


class GroupCreateForm(GroupForm):
    school_year = forms.TypedChoiceField(label=_("School year"), coerce=int)

    field_order = ["school_year", "name", "grade"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = current_school_year()
        self.fields["school_year"].choices = [  # type: ignore[attr-defined]
            (y, school_year_label(y)) for y in (year - 1, year, year + 1)
        ]
        self.fields["school_year"].initial = year


class GroupTeacherForm(forms.Form):
    user = PersonChoiceField(label=_("Teacher or mentor"))
    role = _model_field(GroupTeacher, "role")

    def __init__(self, *args: Any, candidates: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = candidates  # type: ignore[attr-defined]


# --- partners -----------------------------------------------------------------------------------------------


class PartnerTypeForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new partner type"),
        max_length=120,
        help_text=_("E.g. youth health care (JGZ), school social work, compulsory education."),
    )


class PartnerForm(forms.Form):
    name = _model_field(PartnerOrganisation, "name")
    partner_type = UUIDChoiceField(label=_("Type"))
    phone = _model_field(PartnerOrganisation, "phone")
    email = _model_field(PartnerOrganisation, "email")
    website = _model_field(PartnerOrganisation, "website", assume_scheme="https")
    street_address = _model_field(PartnerOrganisation, "street_address")
    city = _model_field(PartnerOrganisation, "city")
    legal_basis = _model_field(PartnerOrganisation, "legal_basis", widget=forms.Textarea(attrs={"rows": 3}))
    professional_secrecy = _model_field(
        PartnerOrganisation,
        "professional_secrecy",
        help_text=_(
            "Its staff have a statutory duty of confidentiality (e.g. doctors, nurses, social workers)."
        ),
    )

    def __init__(self, *args: Any, partner_types: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["partner_type"].queryset = partner_types  # type: ignore[attr-defined]


class PartnerEditForm(PartnerForm):
    is_active = _model_field(PartnerOrganisation, "is_active")


class PartnerFilterForm(forms.Form):
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)
    type = UUIDChoiceField(label=_("Type"), required=False, empty_label=_("All types"))

    def __init__(self, *args: Any, partner_types: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["type"].queryset = partner_types  # type: ignore[attr-defined]


# --- care teams and memberships -----------------------------------------------------------------------------


class CareTeamCreateForm(forms.Form):
    kind = _model_field(CareTeam, "kind")
    name = _model_field(CareTeam, "name")
    school = UUIDChoiceField(
        label=_("School"),
        required=False,
        help_text=_("Required for a group review and a school care team; empty for a ZAT."),
    )

    def __init__(self, *args: Any, schools: QuerySet[School], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["kind"].initial = CareTeamKind.SCHOOL_CARE_TEAM


class CareTeamEditForm(forms.Form):
    name = _model_field(CareTeam, "name")
    is_active = _model_field(CareTeam, "is_active")


class MembershipForm(forms.Form):
    role = _model_field(Membership, "role")
    function = _model_field(Membership, "function")
    is_fixed = _model_field(Membership, "is_fixed")
    partner = UUIDChoiceField(label=_("On behalf of (partner organisation)"), required=False)
    substitute = PersonChoiceField(label=_("Substitute"), required=False)
    valid_from = _date(_("Valid from"))
    valid_to = _date(_("Valid to"), required=False, help_text=_("Leave empty when the end is not known."))

    def __init__(self, *args: Any, people: QuerySet[User], partners: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["substitute"].queryset = people  # type: ignore[attr-defined]
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]


class MembershipCreateForm(MembershipForm):
    user = PersonChoiceField(label=_("Person"))

    field_order = ["user", "role", "function", "is_fixed", "partner", "substitute", "valid_from", "valid_to"]

    def __init__(self, *args: Any, people: QuerySet[User], partners: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, people=people, partners=partners, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]


class EndForm(forms.Form):
    """Ending a membership or revoking a role: the last day and a reason."""

    end_date = _date(_("Last day"), help_text=_("Access ends after this day. Yesterday's date ends it now."))
    reason = _reason_field()


class ReasonForm(forms.Form):
    reason = _reason_field()


# --- staff roles and people ---------------------------------------------------------------------------------

GRANTABLE_ROLES = [
    (value, label) for value, label in StaffRoleKind.choices if value != StaffRoleKind.SYSTEM_ADMIN
]


class _RoleScopeFields(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=GRANTABLE_ROLES)
    school = UUIDChoiceField(
        label=_("School"), required=False, help_text=_("For teachers, care coordinators and school heads.")
    )
    partner = UUIDChoiceField(
        label=_("Partner organisation"),
        required=False,
        help_text=_("For partner staff. Region-wide roles need neither school nor partner."),
    )

    def __init__(self, *args: Any, schools: QuerySet[School], partners: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = schools  # type: ignore[attr-defined]
        self.fields["partner"].queryset = partners  # type: ignore[attr-defined]


class StaffRoleGrantForm(_RoleScopeFields):
    user = PersonChoiceField(label=_("Person"))
    valid_from = _date(_("Valid from"))
    valid_to = _date(_("Valid to"), required=False, help_text=_("Leave empty when the end is not known."))

    field_order = ["user", "role", "school", "partner", "valid_from", "valid_to"]

    def __init__(
        self,
        *args: Any,
        people: QuerySet[User],
        schools: QuerySet[School],
        partners: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, schools=schools, partners=partners, **kwargs)
        self.fields["user"].queryset = people  # type: ignore[attr-defined]


class PersonCreateForm(_RoleScopeFields):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    valid_from = _date(_("Role valid from"))

    field_order = [
        "first_name",
        "last_name",
        "username",
        "email",
        "job_title",
        "role",
        "school",
        "partner",
        "valid_from",
    ]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
