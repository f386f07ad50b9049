"""Portal services: invitations by e-mail (a login for a guardian or a pupil of 16+) and the family's own view."""

import pytest
from django.core import mail

from zorgroute.access.policy import visible_timeline
from zorgroute.accounts.models import Invitation, User
from zorgroute.audit.models import AuditEvent
from zorgroute.cases.constants import ClosureReason, Visibility
from zorgroute.cases.services import case_close
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.portal import services
from zorgroute.portal.tests.helpers import BASE_URL, make_age, new_guardian
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def invite(world, link, email="ouder@example.org"):
    return services.guardian_invite(
        actor=world.ib_a, pupil=link.pupil, link=link, email=email, base_url=BASE_URL
    )


def test_inviting_a_guardian_creates_their_login_and_mails_a_link_after_commit(
    world, django_capture_on_commit_callbacks
):
    link = new_guardian(world.pupil_a1)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world, link, " Ouder@Example.org ")
    link.guardian.refresh_from_db()
    user = link.guardian.user
    assert user.username == user.email == "ouder@example.org" == link.guardian.email
    assert not user.has_usable_password()
    assert invitation.user == user and invitation.sent_to == "ouder@example.org"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ouder@example.org"]
    assert "http://testserver/account/uitnodiging/" in message.body
    assert world.pupil_a1.first_name not in message.body + message.subject  # no child's name in an e-mail
    assert world.school_a.name in message.subject
    row = AuditEvent.objects.get(event="account.invited")
    assert row.pupil_uuid == world.pupil_a1.uuid and row.changes["guardian"] == str(link.guardian.uuid)
    assert AuditEvent.objects.filter(event="user.created", target_uuid=user.uuid).exists()


def test_no_mail_leaves_when_the_transaction_rolls_back(world, django_capture_on_commit_callbacks):
    link = new_guardian(world.pupil_a1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invite(world, link)
    assert len(callbacks) == 1 and mail.outbox == []


def test_re_inviting_reuses_the_login_and_replaces_the_first_link(world, django_capture_on_commit_callbacks):
    link = new_guardian(world.pupil_a1)
    with django_capture_on_commit_callbacks(execute=True):
        first = invite(world, link)
        second = invite(world, link, "nieuw@example.org")
    first.refresh_from_db()
    assert first.replaced_at is not None and second.replaced_at is None
    assert second.user == first.user and second.user.username == "nieuw@example.org"
    assert User.objects.filter(username__in=["ouder@example.org", "nieuw@example.org"]).count() == 1
    assert [m.to for m in mail.outbox] == [["ouder@example.org"], ["nieuw@example.org"]]


def test_a_guardian_without_a_right_to_the_records_is_not_invited(world):
    for flags in ({"authority": "none"}, {"withhold_information": True}):
        link = new_guardian(world.pupil_a1, **flags)
        with pytest.raises(DomainError):
            invite(world, link)
    assert not Invitation.objects.exists()


def test_a_pupil_of_16_who_refused_this_parent_blocks_the_invitation(world):
    link = new_guardian(world.pupil_16, pupil_informing="refused")
    with pytest.raises(DomainError):
        services.guardian_invite(
            actor=world.ib_b, pupil=world.pupil_16, link=link, email="x@example.org", base_url=BASE_URL
        )


def test_an_active_login_or_a_taken_address_is_refused(world):
    link = world.pupil_a1.guardian_links.get(authority="joint")  # the mother, with an active login
    with pytest.raises(DomainError):
        invite(world, link)
    other = new_guardian(world.pupil_a1)
    f.UserFactory(username="bezet@example.org")
    with pytest.raises(ValidationError) as exc:  # a new login
        invite(world, other, "Bezet@example.org")
    assert exc.value.field == "email"
    invite(world, other, "vrij@example.org")
    other.guardian.refresh_from_db()
    with pytest.raises(ValidationError) as exc:  # the invited login moving to an address another login uses
        invite(world, other, "bezet@example.org")
    assert exc.value.field == "email"
    assert Invitation.objects.count() == 1


def test_a_bad_address_is_a_field_error(world):
    with pytest.raises(ValidationError) as exc:
        invite(world, new_guardian(world.pupil_a1), "geen-adres")
    assert exc.value.field == "email"


def test_a_pupil_is_invited_from_16(world, django_capture_on_commit_callbacks):
    pupil = f.PupilFactory.enrolled(world.group_b1, first_name="Iris", last_name="Smit")
    make_age(pupil, 16)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.pupil_invite(
            actor=world.ib_b, pupil=pupil, email="iris@example.org", base_url=BASE_URL
        )
    pupil.refresh_from_db()
    assert pupil.user == invitation.user and len(mail.outbox) == 1
    assert AuditEvent.objects.get(event="account.invited").changes["party"] == "pupil"
    make_age(pupil, 15)
    with pytest.raises(DomainError):
        services.pupil_invite(actor=world.ib_b, pupil=pupil, email="iris@example.org", base_url=BASE_URL)


def test_a_failing_mail_server_does_not_undo_the_invitation(
    world, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise OSError("no mail server")

    monkeypatch.setattr(services, "send_mail", broken)
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(world, new_guardian(world.pupil_a1))
    assert Invitation.objects.filter(pk=invitation.pk).exists()


def test_a_parents_view_is_a_parent_visible_line_the_school_sees(world):
    event = services.family_contribution_add(
        actor=world.parent_with_authority,
        case=world.case_a1,
        kind="question",
        text="Hoe gaat het in de kring?",
        is_pupil=False,
    )
    assert event.visibility == Visibility.PARENTS and event.author == world.parent_with_authority
    assert event.body == "Hoe gaat het in de kring?"
    assert event in visible_timeline(world.ib_a, world.case_a1)
    assert event in visible_timeline(world.teacher, world.case_a1)
    assert event in visible_timeline(world.parent_with_authority, world.case_a1)
    row = AuditEvent.objects.get(event="case.family_contribution_added")
    assert row.changes == {"kind": "question", "party": "guardian"} and row.case_uuid == world.case_a1.uuid


def test_a_pupils_view_is_labelled_as_the_pupils(world):
    event = services.family_contribution_add(
        actor=world.pupil_user, case=world.case_16, kind="view", text="Ik wil zelf meepraten.", is_pupil=True
    )
    assert (
        event.title
        != services.family_contribution_add(
            actor=world.pupil_user, case=world.case_16, kind="view", text="Nog iets.", is_pupil=False
        ).title
    )


def test_an_empty_or_unknown_contribution_or_a_closed_case_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.family_contribution_add(
            actor=world.parent_with_authority, case=world.case_a1, kind="view", text=" ", is_pupil=False
        )
    assert exc.value.field == "text"
    with pytest.raises(ValidationError) as exc:
        services.family_contribution_add(
            actor=world.parent_with_authority, case=world.case_a1, kind="klacht", text="x", is_pupil=False
        )
    assert exc.value.field == "kind"
    case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    world.case_a1.refresh_from_db()
    with pytest.raises(DomainError):
        services.family_contribution_add(
            actor=world.parent_with_authority, case=world.case_a1, kind="view", text="x", is_pupil=False
        )
    assert not AuditEvent.objects.filter(event="case.family_contribution_added").exists()
