"""One external referral: the school's staff see it with the case; the receiving partner sees the referral and
nothing else of the case; everyone else gets the same 404 as for a missing referral."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import MISSING, assert_same_as_missing, last_event, url
from zorgroute.core.time import today
from zorgroute.referrals import services
from zorgroute.referrals.tests.helpers import backdate, kind, other_partner, refer
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def detail(referral):
    return reverse("referrals:referral-detail", args=[referral.uuid])


def test_the_care_coordinator_reads_the_referral_and_its_back_reports(client, world):
    referral = backdate(refer(world), 10)
    services.back_report_add(
        actor=world.zat_member, referral=referral, kind="waiting_list", date=today() + dt.timedelta(days=20)
    )
    login_verified(client, world.ib_a)
    response = client.get(detail(referral))
    assert response.status_code == 200
    content = response.content.decode()
    assert world.pupil_a1.full_name in content and "Ouders vragen hulp" in content
    assert url("cases:case-detail", world.case_a1) in content
    assert [r.kind for r in response.context["history"]] == ["waiting_list"]
    assert reverse("referrals:referral-withdraw", args=[referral.uuid]) in content
    assert reverse("referrals:back-report-add", args=[referral.uuid, "started"]) not in content
    row = last_event("external_referral.viewed")
    assert (row.actor_uuid, row.case_uuid, row.actor_role) == (
        world.ib_a.uuid,
        world.case_a1.uuid,
        "care_coordinator",
    )


def test_the_partner_reads_the_referral_but_not_the_case(client, world):
    referral = refer(world)
    login_verified(client, world.zat_member)
    response = client.get(detail(referral))
    assert response.status_code == 200
    content = response.content.decode()
    assert world.pupil_a1.full_name in content and "Ouders vragen hulp" in content
    assert url("cases:case-detail", world.case_a1) not in content
    for kind_value in ("waiting_list", "started", "result", "ended"):
        assert reverse("referrals:back-report-add", args=[referral.uuid, kind_value]) in content
    assert reverse("referrals:referral-withdraw", args=[referral.uuid]) not in content
    assert response.context["crumbs"][0][1] == reverse("referrals:workspace")
    assert last_event("external_referral.viewed").actor_role == "partner_staff"
    assert client.get(url("cases:case-detail", world.case_a1)).status_code == 404


def test_an_overdue_referral_says_so(client, world):
    referral = backdate(refer(world), 60)
    login_verified(client, world.ib_a)
    assert 'data-testid="back-report-overdue"' in client.get(detail(referral)).content.decode()
    services.back_report_add(actor=world.zat_member, referral=referral, kind="started", date=today())
    assert 'data-testid="back-report-overdue"' not in client.get(detail(referral)).content.decode()


def test_outsiders_get_the_same_404_as_for_a_missing_referral(client, world):
    smw, smw_worker = other_partner(world)
    referral = refer(world)
    to_smw = refer(world, partner=smw, care_kind=kind(world, "Schoolmaatschappelijk werk"))
    missing = reverse("referrals:referral-detail", args=[MISSING])
    for user in (world.ib_b, world.teacher, world.zat_chair, world.parent_with_authority, smw_worker):
        login_verified(client, user)
        assert_same_as_missing(client, detail(referral), missing)
    login_verified(client, world.zat_member)  # JGZ: not the social work's referral
    assert_same_as_missing(client, detail(to_smw), missing)
    assert_same_as_missing(client, reverse("referrals:referral-detail", args=["not-a-uuid"]), missing)


def test_anonymous_users_go_to_login(client, world):
    referral = refer(world)
    response = client.get(detail(referral))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_page_takes_constant_queries_as_back_reports_grow(client, world):
    referral = backdate(refer(world), 30)
    services.back_report_add(actor=world.zat_member, referral=referral, kind="waiting_list", date=today())
    login_verified(client, world.ib_a)
    small = count_queries(client, detail(referral))
    for days in (20, 15, 10, 5):
        services.back_report_add(
            actor=world.on_call_partner,
            referral=referral,
            kind="started",
            date=today() - dt.timedelta(days=days),
        )
    services.back_report_add(actor=world.zat_member, referral=referral, kind="result", result="achieved")
    assert count_queries(client, detail(referral)) == small
