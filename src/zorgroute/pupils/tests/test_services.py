import datetime as dt

import pytest

from zorgroute.audit.models import AuditEvent
from zorgroute.core.exceptions import ValidationError
from zorgroute.pupils import services
from zorgroute.pupils.models import Enrolment
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def events(name):
    return AuditEvent.objects.filter(event=name)


def test_pupil_create_validates_identifiers_and_audits(world):
    pupil = services.pupil_create(
        actor=world.ib_a,
        first_name="Noor",
        name_prefix="van",
        last_name="Dijk",
        date_of_birth=dt.date(2017, 3, 1),
        bsn=f.valid_bsn(9000),
    )
    assert pupil.search_name == "noor van dijk"
    assert events("pupil.created").get().pupil_uuid == pupil.uuid
    with pytest.raises(ValidationError) as exc:
        services.pupil_create(
            actor=world.ib_a, first_name="A", last_name="B", date_of_birth=dt.date(2017, 1, 1)
        )
    assert exc.value.field == "bsn"
    with pytest.raises(ValidationError) as exc:
        services.pupil_create(
            actor=world.ib_a,
            first_name="A",
            last_name="B",
            date_of_birth=dt.date(2017, 1, 1),
            bsn="123456789",
        )
    assert exc.value.field == "bsn"
    with pytest.raises(ValidationError):
        services.pupil_create(
            actor=world.ib_a,
            first_name="A",
            last_name="B",
            date_of_birth=dt.date(2017, 1, 1),
            education_number="100000000",
        )


def test_enrolment_moves_the_pupil_and_ends_the_previous_enrolment(world):
    pupil = world.pupil_a1
    start = dt.date(2026, 8, 20)
    enrolment = services.enrolment_create(
        actor=world.ib_b, pupil=pupil, school=world.school_b, group=world.group_b1, start_date=start
    )
    pupil.refresh_from_db()
    assert (pupil.current_school, pupil.current_group) == (world.school_b, world.group_b1)
    previous = Enrolment.objects.get(pupil=pupil, school=world.school_a)
    assert previous.end_date == start - dt.timedelta(days=1)
    assert events("enrolment.created").filter(target_uuid=enrolment.uuid).exists()
    assert events("enrolment.ended").filter(target_uuid=previous.uuid).exists()


def test_enrolment_refuses_a_group_of_another_school(world):
    with pytest.raises(ValidationError) as exc:
        services.enrolment_create(
            actor=world.ib_a,
            pupil=world.pupil_a1,
            school=world.school_a,
            group=world.group_b1,
            start_date=dt.date(2026, 9, 1),
        )
    assert exc.value.field == "group"


def test_ending_the_last_enrolment_clears_the_current_school(world):
    enrolment = Enrolment.objects.get(pupil=world.pupil_a2)
    with pytest.raises(ValidationError):
        services.enrolment_end(
            actor=world.ib_a, enrolment=enrolment, end_date=enrolment.start_date - dt.timedelta(days=1)
        )
    services.enrolment_end(actor=world.ib_a, enrolment=enrolment, end_date=dt.date(2026, 7, 31))
    world.pupil_a2.refresh_from_db()
    assert world.pupil_a2.current_school is None and world.pupil_a2.current_group is None


def test_ending_one_of_two_open_enrolments_keeps_the_current_school(world):
    second = Enrolment.objects.create(
        pupil=world.pupil_a2, school=world.school_a, start_date=dt.date(2023, 1, 1)
    )
    services.enrolment_end(actor=world.ib_a, enrolment=second, end_date=dt.date(2026, 7, 31))
    world.pupil_a2.refresh_from_db()
    assert world.pupil_a2.current_school == world.school_a


def test_guardians_are_created_linked_and_their_authority_changed_with_old_and_new_values(world):
    guardian = services.guardian_create(
        actor=world.ib_a, first_name="Karin", last_name="Smit", email="karin@example.org"
    )
    link = services.guardian_link(
        actor=world.ib_a, pupil=world.pupil_a2, guardian=guardian, relationship="mother", authority="joint"
    )
    assert events("guardian.linked").get().pupil_uuid == world.pupil_a2.uuid
    with pytest.raises(ValidationError):
        services.guardian_create(actor=world.ib_a, last_name="", email="no-email")
    assert services.guardian_authority_change(actor=world.ib_a, link=link, authority="joint") is link
    assert not events("guardian.authority_changed").exists()
    services.guardian_authority_change(
        actor=world.ib_a, link=link, authority="sole", supervision_order=True, reason="beschikking rechtbank"
    )
    change = events("guardian.authority_changed").get()
    assert change.changes == {
        "authority": {"old": "joint", "new": "sole"},
        "supervision_order": {"old": False, "new": True},
    }
    with pytest.raises(ValidationError):
        services.guardian_authority_change(actor=world.ib_a, link=link, relationship="father")
    with pytest.raises(ValidationError):
        services.guardian_link(
            actor=world.ib_a,
            pupil=world.pupil_a2,
            guardian=guardian,
            relationship="mother",
            authority="sometimes",
        )


def test_pupil_informing_set_records_the_choice_of_a_pupil_of_16_and_audits(world):
    link = f.PupilGuardianFactory(pupil=world.pupil_16, authority="joint")
    services.pupil_informing_set(actor=world.pupil_user, link=link, choice="refused")
    link.refresh_from_db()
    assert link.pupil_informing == "refused"
    row = events("pupil.informing_set").get()
    assert row.pupil_uuid == world.pupil_16.uuid
    assert row.changes["pupil_informing"] == {"old": "", "new": "refused"}
    services.pupil_informing_set(actor=world.pupil_user, link=link, choice="refused")  # unchanged: no new row
    assert events("pupil.informing_set").count() == 1


def test_pupil_informing_set_refuses_a_choice_under_16_and_unknown_values(world):
    link = world.pupil_a1.guardian_links.first()
    with pytest.raises(ValidationError) as exc:
        services.pupil_informing_set(actor=world.ib_a, link=link, choice="refused")
    assert exc.value.field == "choice"
    services.pupil_informing_set(actor=world.ib_a, link=link, choice="")  # "not stated" is always allowed
    with pytest.raises(ValidationError):
        services.pupil_informing_set(actor=world.ib_a, link=link, choice="maybe")
    assert not events("pupil.informing_set").exists()


def test_the_age_from_which_the_pupil_decides_is_the_consent_rules_age():
    from zorgroute.consents import rules

    assert services.PUPIL_DECIDES_AGE == rules.CONSENT_AGE
