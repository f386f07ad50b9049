"""Invitations: a single-use, expiring, signed link with which a new login sets its password, then its second factor."""

import datetime as dt
import time

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.accounts import services
from zorgroute.accounts.models import Invitation
from zorgroute.audit.models import AuditEvent
from zorgroute.core.exceptions import ValidationError
from zorgroute.core.time import now
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db
PASSWORD = "een lange zin als wachtwoord"


@pytest.fixture
def invited(world):
    user = f.UserFactory(username="nieuwe.ouder@example.org")
    user.set_unusable_password()
    user.save()
    invitation, token = services.invitation_issue(
        actor=world.ib_a, user=user, email=user.username, pupil=world.pupil_a1
    )
    return user, invitation, token


def refusals():
    return list(
        AuditEvent.objects.filter(event="account.invitation_refused").values_list("changes", flat=True)
    )


def test_issue_audits_the_invitation_with_the_pupil(world, invited):
    user, invitation, token = invited
    row = AuditEvent.objects.get(event="account.invited")
    assert row.target_uuid == user.uuid and row.pupil_uuid == world.pupil_a1.uuid
    assert row.changes["replaced"] == 0
    assert invitation.expires_at - now() > dt.timedelta(days=services.INVITATION_DAYS - 1)
    assert str(invitation.uuid) not in token or ":" in token  # a signed value, not a bare id


def test_open_and_accept_set_the_password_once(invited):
    user, invitation, token = invited
    assert services.invitation_open(token) == invitation
    services.invitation_accept(invitation=invitation, password=PASSWORD)
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert AuditEvent.objects.filter(event="account.invitation_accepted", target_uuid=user.uuid).exists()
    with pytest.raises(services.InvitationRefused) as exc:
        services.invitation_open(token)
    assert exc.value.reason == "used"
    with pytest.raises(services.InvitationRefused):
        services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert refusals() == [{"reason": "used", "invitation": str(invitation.uuid)}]


def test_a_new_invitation_replaces_the_earlier_link(world, invited):
    user, _first, token = invited
    second, new_token = services.invitation_issue(actor=world.ib_a, user=user, email=user.username)
    assert AuditEvent.objects.filter(event="account.invited").last().changes["replaced"] == 1
    with pytest.raises(services.InvitationRefused) as exc:
        services.invitation_open(token)
    assert exc.value.reason == "replaced"
    assert services.invitation_open(new_token) == second


def test_an_expired_link_is_refused_and_audited(invited, monkeypatch):
    _user, invitation, token = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=now() - dt.timedelta(seconds=1))
    with pytest.raises(services.InvitationRefused) as exc:
        services.invitation_open(token)
    assert exc.value.reason == "expired"
    later = time.time() + (services.INVITATION_DAYS + 1) * 86400
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    with pytest.raises(services.InvitationRefused) as exc:
        services.invitation_open(token)
    assert exc.value.reason == "expired"
    assert [r["reason"] for r in refusals()] == ["expired", "expired"]


@pytest.mark.parametrize("token", ["not-a-token", "abc:def:ghi"])
def test_a_forged_link_is_refused(invited, token):
    with pytest.raises(services.InvitationRefused) as exc:
        services.invitation_open(token)
    assert exc.value.reason == "invalid"


def test_a_signed_link_to_a_missing_invitation_is_refused(invited):
    from django.core import signing

    token = signing.TimestampSigner(salt="zorgroute.accounts.invitation").sign_object({"i": "nothing"})
    with pytest.raises(services.InvitationRefused):
        services.invitation_open(token)
    other = signing.TimestampSigner(salt="zorgroute.accounts.invitation").sign_object(["a list"])
    with pytest.raises(services.InvitationRefused):
        services.invitation_open(other)


def test_a_weak_password_is_refused(invited):
    _user, invitation, _token = invited
    with pytest.raises(ValidationError) as exc:
        services.invitation_accept(invitation=invitation, password="kort")
    assert exc.value.field == "password1"
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


# --- The page ---------------------------------------------------------------------------------------------------


def test_the_page_sets_the_password_logs_in_and_leads_to_the_second_factor(client, invited):
    user, _invitation, token = invited
    url = reverse("accounts:invitation-accept", args=[token])
    response = client.get(url)
    assert response.status_code == 200 and user.username.encode() in response.content
    response = client.post(url, {"password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:otp-setup")
    assert client.get(reverse("accounts:otp-setup")).status_code == 200  # the password step is done
    assert TOTPDevice.objects.filter(user=user, confirmed=False).exists()
    assert client.get(reverse("home:home")).status_code == 302  # nothing else before the second factor
    assert client.get(url).status_code == 410  # single use


def test_the_page_keeps_the_form_on_errors(client, invited):
    _user, invitation, token = invited
    url = reverse("accounts:invitation-accept", args=[token])
    response = client.post(url, {"password1": PASSWORD, "password2": "iets anders"})
    assert response.status_code == 200 and response.context["form"].errors["password2"]
    response = client.post(url, {"password1": "kort", "password2": "kort"})
    assert response.status_code == 200 and response.context["form"].errors["password1"]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_the_page_says_clearly_when_the_link_does_not_work(client, invited):
    response = client.get(reverse("accounts:invitation-accept", args=["kapot"]))
    assert response.status_code == 410
    assert b'data-testid="invitation-refused"' in response.content


def test_a_link_replaced_between_opening_and_sending_is_refused(client, world, invited):
    _user, invitation, token = invited
    url = reverse("accounts:invitation-accept", args=[token])
    client.get(url)
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=now())
    assert client.post(url, {"password1": PASSWORD, "password2": PASSWORD}).status_code == 410
