"""The school's list of external referrals: overdue back-reports first; only the referrals of the user's school."""

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import last_event
from zorgroute.referrals import services
from zorgroute.referrals.tests.helpers import backdate, kind, refer
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

LIST = reverse("referrals:referral-list")


def test_the_care_coordinator_sees_overdue_back_reports_first(client, world):
    fresh = refer(world)
    late = backdate(refer(world, care_kind=kind(world, "Schoolmaatschappelijk werk")), 60)
    other_school = refer(world, case=world.case_b1, actor=world.ib_b)
    login_verified(client, world.ib_a)
    response = client.get(LIST)
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].object_list] == [late.pk, fresh.pk]
    assert other_school.pk not in {r.pk for r in response.context["page"].object_list}
    assert response.context["overdue_count"] == 1
    assert 'data-testid="back-report-overdue"' in response.content.decode()
    row = last_event("case.listed")
    assert row.actor_uuid == world.ib_a.uuid and row.changes["list"] == "external_referrals"
    home = client.get(reverse("home:home"))
    assert home.context["external_overdue"] == 1 and LIST in home.content.decode()


def test_ended_and_withdrawn_referrals_show_on_request(client, world):
    referral = refer(world)
    services.external_referral_withdraw(actor=world.ib_a, referral=referral, reason="Dubbel")
    login_verified(client, world.ib_a)
    assert list(client.get(LIST).context["page"].object_list) == []
    assert [r.pk for r in client.get(LIST, {"alle": "1"}).context["page"].object_list] == [referral.pk]


def test_who_follows_no_referral_at_all_gets_403(client, world):
    for user in (world.zat_chair, world.parent_with_authority, world.municipality_analyst):
        login_verified(client, user)
        assert client.get(LIST).status_code == 403


def test_anonymous_users_go_to_login(client, world):
    response = client.get(LIST)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_list_takes_constant_queries_as_referrals_grow(client, world):
    kinds = [
        "Ambulante jeugdhulp",
        "Schoolmaatschappelijk werk",
        "Specialistische jeugdhulp",
        "Arrangement passend onderwijs",
    ]
    refer(world, care_kind=kind(world, kinds[0]))
    login_verified(client, world.ib_a)
    small = count_queries(client, LIST)
    for name in kinds[1:]:
        referral = backdate(refer(world, care_kind=kind(world, name)), 70)
        services.back_report_add(actor=world.zat_member, referral=referral, kind="result", result="partly")
    assert count_queries(client, LIST) == small
