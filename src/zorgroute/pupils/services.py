"""Writes on pupils, enrolments and guardians. Callers obtained the objects through access/."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zorgroute import audit
from zorgroute.core.exceptions import ValidationError
from zorgroute.core.time import age_on, today
from zorgroute.organisations.models import Group, School
from zorgroute.pupils.constants import PupilInforming
from zorgroute.pupils.models import Enrolment, Guardian, Pupil, PupilGuardian

# From 16 the pupil decides about informing a parent (UAVG art. 5; consents.rules.CONSENT_AGE, kept equal by a test).
PUPIL_DECIDES_AGE = 16


def _clean(obj: Any, exclude: list[str] | None = None) -> None:
    try:
        obj.full_clean(exclude=exclude)
    except DjangoValidationError as exc:
        first_field, errors = next(iter(exc.message_dict.items()))
        raise ValidationError(errors[0], field=first_field) from exc


def pupil_create(
    *,
    actor: Any,
    first_name: str,
    last_name: str,
    date_of_birth: dt.date,
    name_prefix: str = "",
    gender: str = "x",
    bsn: str | None = None,
    education_number: str | None = None,
) -> Pupil:
    if not bsn and not education_number:
        raise ValidationError(_("Enter a BSN or an education number."), field="bsn")
    pupil = Pupil(
        first_name=first_name,
        name_prefix=name_prefix,
        last_name=last_name,
        date_of_birth=date_of_birth,
        gender=gender,
        bsn=bsn or None,
        education_number=education_number or None,
        search_name=Pupil.make_search_name(first_name, name_prefix, last_name),
    )
    _clean(pupil, exclude=["current_school", "current_group", "user"])
    with transaction.atomic():
        pupil.save()
        audit.record("pupil.created", actor=actor, target=pupil, pupil=pupil)
    return pupil


def enrolment_create(
    *, actor: Any, pupil: Pupil, school: School, start_date: dt.date, group: Group | None = None
) -> Enrolment:
    """Enrol a pupil; an open enrolment elsewhere ends the day before. The pupil's current school follows."""
    if group is not None and group.school_id != school.pk:
        raise ValidationError(_("The group does not belong to this school."), field="group")
    with transaction.atomic():
        for open_enrolment in pupil.enrolments.filter(end_date__isnull=True).exclude(
            start_date__gt=start_date
        ):
            enrolment_end(actor=actor, enrolment=open_enrolment, end_date=start_date - dt.timedelta(days=1))
        enrolment = Enrolment(pupil=pupil, school=school, group=group, start_date=start_date)
        _clean(enrolment)
        enrolment.save()
        pupil.current_school = school
        pupil.current_group = group
        pupil.save(update_fields=["current_school", "current_group", "updated_at"])
        audit.record(
            "enrolment.created",
            actor=actor,
            target=enrolment,
            pupil=pupil,
            changes={"school": str(school.uuid), "group": str(group.uuid) if group else None},
        )
    return enrolment


def enrolment_end(*, actor: Any, enrolment: Enrolment, end_date: dt.date) -> Enrolment:
    if end_date < enrolment.start_date:
        raise ValidationError(_("The end date lies before the start date."), field="end_date")
    with transaction.atomic():
        enrolment.end_date = max(end_date, enrolment.start_date)
        enrolment.save(update_fields=["end_date", "updated_at"])
        pupil = enrolment.pupil
        if (
            pupil.current_school_id == enrolment.school_id
            and not pupil.enrolments.filter(end_date__isnull=True).exists()
        ):
            pupil.current_school = None
            pupil.current_group = None
            pupil.save(update_fields=["current_school", "current_group", "updated_at"])
        audit.record(
            "enrolment.ended",
            actor=actor,
            target=enrolment,
            pupil=pupil,
            changes={"end_date": {"new": end_date}},
        )
    return enrolment


def guardian_create(
    *,
    actor: Any,
    last_name: str,
    first_name: str = "",
    name_prefix: str = "",
    email: str = "",
    phone: str = "",
    institution: str = "",
) -> Guardian:
    guardian = Guardian(
        first_name=first_name,
        name_prefix=name_prefix,
        last_name=last_name,
        email=email,
        phone=phone,
        institution=institution,
    )
    _clean(guardian, exclude=["user"])
    with transaction.atomic():
        guardian.save()
        audit.record("guardian.created", actor=actor, target=guardian)
    return guardian


def guardian_link(
    *,
    actor: Any,
    pupil: Pupil,
    guardian: Guardian,
    relationship: str,
    authority: str,
    supervision_order: bool = False,
    court_information_arrangement: bool = False,
    withhold_information: bool = False,
    lives_with_child: bool = True,
) -> PupilGuardian:
    link = PupilGuardian(
        pupil=pupil,
        guardian=guardian,
        relationship=relationship,
        authority=authority,
        supervision_order=supervision_order,
        court_information_arrangement=court_information_arrangement,
        withhold_information=withhold_information,
        lives_with_child=lives_with_child,
    )
    _clean(link)
    with transaction.atomic():
        link.save()
        audit.record(
            "guardian.linked",
            actor=actor,
            target=link,
            pupil=pupil,
            changes={"authority": {"new": authority}, "relationship": {"new": relationship}},
        )
    return link


def guardian_authority_change(
    *, actor: Any, link: PupilGuardian, reason: str = "", **flags: Any
) -> PupilGuardian:
    """Change authority and the information flags of one guardian for one child; old and new values are audited."""
    allowed = {"authority", "supervision_order", "court_information_arrangement", "withhold_information"}
    unknown = set(flags) - allowed
    if unknown:
        raise ValidationError(_("Unknown field: %(field)s") % {"field": ", ".join(sorted(unknown))})
    changes = {
        name: {"old": getattr(link, name), "new": value}
        for name, value in flags.items()
        if getattr(link, name) != value
    }
    if not changes:
        return link
    for name, value in flags.items():
        setattr(link, name, value)
    _clean(link)
    with transaction.atomic():
        link.save(update_fields=[*changes, "updated_at"])
        audit.record(
            "guardian.authority_changed",
            actor=actor,
            target=link,
            pupil=link.pupil,
            changes=changes,
            reason=reason,
        )
    return link


def pupil_informing_set(*, actor: Any, link: PupilGuardian, choice: str) -> PupilGuardian:
    """Record what the pupil (16+) said about informing this parent: refused, agreed, or nothing stated.

    The pupil records it in the portal, or the care coordinator records what the pupil said. access/ reads it on the
    next request: a refusal by a pupil of 16-17 (and no agreement from an adult pupil) ends the parent's access.
    """
    if choice not in PupilInforming.values:
        raise ValidationError(_("Choose whether this parent may be informed."), field="choice")
    pupil = link.pupil
    if choice != PupilInforming.NOT_STATED and age_on(pupil.date_of_birth, today()) < PUPIL_DECIDES_AGE:
        raise ValidationError(
            _("Under 16 the parents with authority decide; the pupil's choice is recorded from 16."),
            field="choice",
        )
    old = link.pupil_informing
    if old == choice:
        return link
    with transaction.atomic():
        link.pupil_informing = choice
        link.save(update_fields=["pupil_informing", "updated_at"])
        audit.record(
            "pupil.informing_set",
            actor=actor,
            target=link,
            pupil=pupil,
            changes={"pupil_informing": {"old": old, "new": choice}, "guardian": str(link.guardian.uuid)},
        )
    return link
