"""The school's care coordinator withdraws an external referral, with a reason."""

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import MISSING, assert_same_as_missing, events, last_event, url
from zorgroute.referrals.constants import ExternalReferralStatus
from zorgroute.referrals.tests.helpers import refer
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def withdraw(referral):
    return reverse("referrals:referral-withdraw", args=[referral.uuid])


def test_the_care_coordinator_withdraws_with_a_reason(client, world):
    referral = refer(world)
    login_verified(client, world.ib_a)
    assert client.get(withdraw(referral)).status_code == 200
    refused = client.post(withdraw(referral), {"reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    response = client.post(withdraw(referral), {"reason": "Het gezin is verhuisd"})
    assert response.status_code == 302
    assert response["Location"].startswith(url("cases:case-detail", world.case_a1))
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.WITHDRAWN
    assert last_event("external_referral.withdrawn").actor_uuid == world.ib_a.uuid
    detail = client.get(reverse("referrals:referral-detail", args=[referral.uuid])).content.decode()
    assert "Het gezin is verhuisd" in detail and withdraw(referral) not in detail
    again = client.post(withdraw(referral), {"reason": "Nogmaals"})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert events("external_referral.withdrawn") == 1


def test_who_sees_the_referral_but_may_not_withdraw_it_gets_403(client, world):
    referral = refer(world)
    for user in (world.head_a, world.zat_member):
        login_verified(client, user)
        assert client.get(withdraw(referral)).status_code == 403
        assert client.post(withdraw(referral), {"reason": "Weg ermee"}).status_code == 403
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.REFERRED


def test_outsiders_get_the_same_404_as_for_a_missing_referral(client, world):
    referral = refer(world)
    missing = reverse("referrals:referral-withdraw", args=[MISSING])
    for user in (world.ib_b, world.teacher):
        login_verified(client, user)
        assert_same_as_missing(client, withdraw(referral), missing)
        assert_same_as_missing(client, withdraw(referral), missing, method="post", data={"reason": "x"})
    assert events("external_referral.withdrawn") == 0


def test_anonymous_users_go_to_login(client, world):
    referral = refer(world)
    response = client.post(withdraw(referral), {"reason": "x"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
