"""The partner's back-reports and naming the worker who takes the referral on: the receiving partner's staff only."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.models import TimelineEvent
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    url,
)
from zorgroute.core.time import today
from zorgroute.referrals import services
from zorgroute.referrals.constants import ExternalReferralStatus
from zorgroute.referrals.models import BackReport
from zorgroute.referrals.tests.helpers import backdate, other_partner, refer
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def report(referral, kind):
    return reverse("referrals:back-report-add", args=[referral.uuid, kind])


def assign(referral):
    return reverse("referrals:referral-assign", args=[referral.uuid])


def test_the_partner_reports_the_start_and_the_school_sees_it(client, world):
    referral = backdate(refer(world), 14)
    login_verified(client, world.zat_member)
    page = client.get(report(referral, "started"))
    assert page.status_code == 200 and list(page.context["form"].fields) == ["date"]
    started = today() - dt.timedelta(days=3)
    response = client.post(report(referral, "started"), {"date": started.isoformat()})
    assert response.status_code == 302
    assert response["Location"] == reverse("referrals:referral-detail", args=[referral.uuid])
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.STARTED
    assert BackReport.objects.get().date == started
    row = last_event("external_referral.back_reported")
    assert (row.actor_uuid, row.case_uuid) == (world.zat_member.uuid, world.case_a1.uuid)
    assert TimelineEvent.objects.filter(
        case=world.case_a1, ref_uuid=referral.uuid, author=world.zat_member
    ).exists()
    client.logout()
    login_verified(client, world.ib_a)
    case_page = client.get(url("cases:case-detail", world.case_a1))
    shown = {r.pk: r for r in case_page.context["external_referrals"]}
    assert shown[referral.pk].help_started_on == started
    assert started.strftime("%Y") in case_page.content.decode()


def test_a_result_and_the_end_with_their_reasons(client, world):
    referral = backdate(refer(world), 60)
    login_verified(client, world.on_call_partner)
    assert list(client.get(report(referral, "result")).context["form"].fields) == ["result", "text"]
    client.post(report(referral, "result"), {"result": "partly", "text": "Beter, nog niet klaar."})
    refused = client.post(report(referral, "ended"), {"date": today().isoformat(), "text": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["text"]
    client.post(report(referral, "ended"), {"date": today().isoformat(), "text": "Doelen bereikt"})
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.ENDED
    assert [r.kind for r in BackReport.objects.order_by("reported_at", "pk")] == ["result", "ended"]
    after_end = client.post(report(referral, "started"), {"date": today().isoformat()})
    assert after_end.status_code == 200
    assert after_end.context["form"].non_field_errors() == [in_dutch("This referral has ended.")]
    assert events("external_referral.back_reported") == 2


def test_a_date_the_service_refuses_shows_on_its_field(client, world):
    referral = refer(world)
    login_verified(client, world.zat_member)
    response = client.post(
        report(referral, "started"), {"date": (today() + dt.timedelta(days=2)).isoformat()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["date"] == [in_dutch("This date lies in the future.")]
    assert not BackReport.objects.exists()


def test_an_unknown_kind_of_back_report_is_not_found(client, world):
    referral = refer(world)
    login_verified(client, world.zat_member)
    assert client.get(report(referral, "anders")).status_code == 404


def test_the_school_sees_the_referral_but_may_not_report_back(client, world):
    referral = refer(world)
    for user in (world.ib_a, world.head_a):
        login_verified(client, user)
        assert client.get(report(referral, "started")).status_code == 403
        assert client.post(report(referral, "started"), {"date": today().isoformat()}).status_code == 403
        assert client.post(assign(referral), {"worker": ""}).status_code == 403
    assert not BackReport.objects.exists()


def test_outsiders_get_the_same_404_as_for_a_missing_referral(client, world):
    _smw, smw_worker = other_partner(world)
    referral = refer(world)
    for user in (smw_worker, world.ib_b, world.zat_chair):
        login_verified(client, user)
        assert_same_as_missing(
            client,
            report(referral, "started"),
            reverse("referrals:back-report-add", args=[MISSING, "started"]),
        )
        assert_same_as_missing(client, assign(referral), reverse("referrals:referral-assign", args=[MISSING]))
    assert not BackReport.objects.exists()


def test_anonymous_users_go_to_login(client, world):
    referral = refer(world)
    for target in (report(referral, "started"), assign(referral)):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_partner_names_a_colleague_who_takes_it_on(client, world):
    _smw, smw_worker = other_partner(world)
    referral = refer(world)
    login_verified(client, world.zat_member)
    page = client.get(assign(referral))
    choices = {str(value) for value, _label in page.context["form"].fields["worker"].choices if value}
    assert str(world.on_call_partner.uuid) in choices and str(smw_worker.uuid) not in choices
    assert client.post(assign(referral), {"worker": str(smw_worker.uuid)}).context["form"].errors["worker"]
    response = client.post(assign(referral), {"worker": str(world.on_call_partner.uuid)})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.worker == world.on_call_partner
    assert last_event("external_referral.assigned").actor_uuid == world.zat_member.uuid
    services.external_referral_withdraw(actor=world.ib_a, referral=referral, reason="Niet meer nodig")
    refused = client.post(assign(referral), {"worker": ""})
    assert refused.status_code == 200 and refused.context["form"].non_field_errors()
