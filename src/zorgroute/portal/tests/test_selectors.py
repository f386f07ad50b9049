"""What the portal's selectors make of consent records, roles in the audit log and logins."""

import datetime as dt

import pytest

from zorgroute.accounts.models import Invitation
from zorgroute.consents.constants import ConsentMode, Evidence
from zorgroute.consents.models import ConsentRecord
from zorgroute.consents.services import consent_override, consent_record, consent_withdraw
from zorgroute.core.time import now, today
from zorgroute.portal import selectors
from zorgroute.portal.services import guardian_invite
from zorgroute.portal.tests.helpers import BASE_URL, new_guardian
from zorgroute.testing import consent

pytestmark = pytest.mark.django_db


def items(world):
    party = selectors.party_of(world.parent_with_authority, world.pupil_a1)
    forums = selectors.family_consents(case=world.case_a1, party=party)
    return {item.record.pk: item for forum in forums for item in forum.items}


def test_records_without_buttons_say_why(world):
    anonymous = consent_record(
        actor=world.ib_a,
        case=world.case_a1,
        forum_kind="regional_team",
        mode=ConsentMode.ANONYMOUS,
        recorded_on=today(),
        evidence=Evidence.CONVERSATION,
        answers={},
    )
    override = consent_override(
        actor=world.head_a,
        case=world.case_a1,
        forum_kind="regional_team",
        motivation="Ernstige zorgen over de veiligheid; ouders weigeren; besproken met de jeugdarts en de IB.",
    )
    ended = consent.give(world.case_a1, world.ib_a, "school_care_team")
    consent_withdraw(actor=world.ib_a, record=ended)
    expired = consent.give(world.case_a1, world.ib_a, "school_care_team")
    ConsentRecord.objects.filter(pk=expired.pk).update(
        recorded_on=today() - dt.timedelta(days=30), valid_until=today() - dt.timedelta(days=1)
    )
    found = items(world)
    for record in (anonymous, override, ended, expired):
        assert found[record.pk].choices == [] and found[record.pk].note
    assert len({found[r.pk].note for r in (anonymous, override, ended, expired)}) == 4


def test_staff_are_no_party_and_answer_nothing(world):
    assert selectors.party_of(world.ib_a, world.pupil_a1) is None
    record = consent.give(world.case_a1, world.ib_a, "school_care_team")
    forums = selectors.family_consents(case=world.case_a1, party=None)
    assert forums[0].items[0].record == record and forums[0].items[0].choices == []


def test_a_role_not_held_that_day_still_names_the_organisation_and_an_unknown_actor_none():
    day = dt.date(2026, 3, 1)
    held = [("care_coordinator", "De Regenboog", dt.date(2026, 4, 1), None)]
    assert selectors._who(held, "care_coordinator", day) == ("care_coordinator", "De Regenboog")
    assert selectors._who(held, "", day) == ("", "")
    assert selectors._who([], "teacher", day) == ("teacher", "")


def test_an_invitation_that_ran_out_shows_as_expired(world):
    link = new_guardian(world.pupil_a1)
    invitation = guardian_invite(
        actor=world.ib_a, pupil=world.pupil_a1, link=link, email="a@example.org", base_url=BASE_URL
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=now() - dt.timedelta(minutes=1))
    member = next(m for m in selectors.family_logins(pupil=world.pupil_a1)["members"] if m.link == link)
    assert member.login.state == "expired" and member.may_invite
