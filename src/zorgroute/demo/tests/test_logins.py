"""Every demo login works: password, second factor, the role it claims and the home-page section it should see."""

import base64
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from zorgroute.access.principal import load as load_principal
from zorgroute.access.rules import Role
from zorgroute.accounts.models import User
from zorgroute.core.time import age_on, today
from zorgroute.demo import DEMO_PASSWORD, logins
from zorgroute.demo.credentials import Username
from zorgroute.pupils.constants import Authority
from zorgroute.pupils.models import PupilGuardian
from zorgroute.testing.auth import login_verified
from zorgroute.testing.factories import UserFactory, give_totp

LOGINS = logins()


@pytest.fixture
def demo(db):
    call_command("load_demo", "--scale", "0.1", stdout=StringIO())


def secret_bytes(secret):
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


@pytest.mark.parametrize("row", LOGINS, ids=lambda row: row.username)
def test_every_demo_login_authenticates_and_its_secret_verifies_on_its_device(demo, row):
    user = authenticate(RequestFactory().post("/"), username=row.username, password=row.password)
    assert user is not None and user.username == row.username
    assert (
        authenticate(RequestFactory().post("/"), username=row.username, password="wrong-password-1") is None
    )
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert device.bin_key == secret_bytes(row.totp_secret_base32)
    code = TOTP(
        secret_bytes(row.totp_secret_base32), device.step, device.t0, device.digits, device.drift
    ).token()
    assert device.verify_token(f"{code:06d}")


@pytest.mark.parametrize("row", LOGINS, ids=lambda row: row.username)
def test_every_demo_login_sees_its_home_section(demo, client, row):
    login_verified(client, User.objects.get(username=row.username))
    response = client.get(reverse("home:home"))
    assert response.status_code == 200
    assert f'data-testid="{row.home_section}"'.encode() in response.content


def test_the_logins_hold_the_roles_they_are_named_after(demo):
    def roles(username):
        return load_principal(User.objects.get(username=username)).roles

    assert Role.TEACHER in roles(Username.TEACHER)
    assert load_principal(User.objects.get(username=Username.TEACHER)).taught_group_ids
    assert Role.CARE_COORDINATOR in roles(Username.CARE_COORDINATOR)
    assert Role.SCHOOL_HEAD in roles(Username.SCHOOL_HEAD)
    assert {Role.PARTNER_STAFF, Role.TEAM_MEMBER} <= roles(Username.CARE_TEAM_MEMBER)
    assert Role.TEAM_LEAD not in roles(Username.CARE_TEAM_MEMBER)
    assert Role.TEAM_LEAD in roles(Username.ZAT_CHAIR) and Role.TEAM_LEAD in roles(Username.ZAT_COORDINATOR)
    assert Role.TEAM_MEMBER in roles(Username.ZAT_MEMBER) and Role.TEAM_LEAD not in roles(Username.ZAT_MEMBER)
    on_call = User.objects.get(username=Username.ON_CALL_PARTNER).memberships.get()
    assert not on_call.is_fixed and on_call.valid_to is not None and on_call.team.school is None
    assert Role.FUNCTIONAL_ADMIN in roles(Username.FUNCTIONAL_ADMIN)
    assert Role.PRIVACY_OFFICER in roles(Username.PRIVACY_OFFICER)
    assert Role.POLICY_ANALYST in roles(Username.POLICY_ANALYST)
    assert roles(Username.SYSTEM_ADMIN) == {Role.SYSTEM_ADMIN}
    assert Role.GUARDIAN in roles(Username.PARENT_WITH_AUTHORITY)
    assert PupilGuardian.objects.filter(
        guardian__user__username=Username.PARENT_WITHOUT_AUTHORITY, authority=Authority.NONE
    ).exists()
    assert roles(Username.PARENT_WITHOUT_AUTHORITY) == set()
    pupil_user = User.objects.get(username=Username.PUPIL_16)
    assert roles(Username.PUPIL_16) == {Role.PUPIL}
    assert 16 <= age_on(pupil_user.pupil_profile.date_of_birth, today()) < 18
    # The parent logins are the parents of a pupil in the teacher's group.
    teacher_groups = load_principal(User.objects.get(username=Username.TEACHER)).taught_group_ids
    children_groups = set(
        PupilGuardian.objects.filter(guardian__user__username=Username.PARENT_WITH_AUTHORITY).values_list(
            "pupil__current_group_id", flat=True
        )
    )
    assert children_groups & teacher_groups


def test_every_demo_account_shares_the_documented_password(demo):
    users = User.objects.all()
    assert users.count() > len(LOGINS)
    assert all(user.check_password(DEMO_PASSWORD) for user in users[:5])
    assert TOTPDevice.objects.filter(confirmed=True).count() == users.count()


def test_demo_totp_prints_the_current_code(demo):
    out = StringIO()
    call_command("demo_totp", Username.TEACHER, stdout=out)
    code = out.getvalue().strip()
    assert len(code) == 6 and code.isdigit()
    device = TOTPDevice.objects.get(user__username=Username.TEACHER)
    assert device.verify_token(code)


def test_demo_totp_refuses_accounts_that_are_not_demo_accounts(demo):
    real = UserFactory(username="echte.gebruiker")
    give_totp(real)
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_totp", "echte.gebruiker", stdout=StringIO())
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_totp", "onbekend", stdout=StringIO())
    # A device that carries the demo name but not the key derived from its seed is refused as well.
    TOTPDevice.objects.filter(user__username=Username.TEACHER).update(key="00" * 20)
    with pytest.raises(CommandError, match="not a demo account"):
        call_command("demo_totp", Username.TEACHER, stdout=StringIO())
