"""The case page's "External referrals" section: who sees it, who may refer, the back-reports and overdue flag, and a
constant number of queries as referrals and back-reports grow."""

import datetime as dt

import pytest

from zorgroute.cases.models import TimelineEvent
from zorgroute.cases.tests.case_helpers import url
from zorgroute.core.time import today
from zorgroute.referrals import services
from zorgroute.referrals.tests.helpers import backdate, kind, refer
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

SECTION = 'data-testid="case-external-referrals"'


def page(world):
    return url("cases:case-detail", world.case_a1)


def test_the_care_coordinator_sees_the_referrals_their_back_reports_and_may_refer(client, world):
    late = backdate(refer(world), 60)
    answered = refer(world, care_kind=kind(world, "Schoolmaatschappelijk werk"))
    services.back_report_add(
        actor=world.zat_member, referral=answered, kind="waiting_list", date=today() + dt.timedelta(days=30)
    )
    login_verified(client, world.ib_a)
    response = client.get(page(world))
    content = response.content.decode()
    assert SECTION in content and url("referrals:referral-create", world.case_a1) in content
    shown = response.context["external_referrals"]
    assert {r.pk for r in shown} == {late.pk, answered.pk}
    assert [r.back_report_overdue for r in shown if r.pk == late.pk] == [True]
    assert 'data-testid="back-report-overdue"' in content
    assert [b.kind for r in shown if r.pk == answered.pk for b in r.back_reports.all()] == ["waiting_list"]
    lines = TimelineEvent.objects.filter(case=world.case_a1, ref_uuid=answered.uuid)
    assert {e.pk for e in response.context["events"]} >= set(lines.values_list("pk", flat=True))


def test_the_school_head_sees_them_without_referring_and_the_owner_teacher_sees_them(client, world):
    from zorgroute.cases import services as case_services

    refer(world)
    login_verified(client, world.head_a)
    content = client.get(page(world)).content.decode()
    assert SECTION in content and url("referrals:referral-create", world.case_a1) not in content
    case_services.case_set_people(actor=world.ib_a, case=world.case_a1, owner=world.teacher, coordinator=None)
    login_verified(client, world.teacher)
    assert len(client.get(page(world)).context["external_referrals"]) == 1


def test_a_teacher_not_named_on_the_case_and_the_parents_do_not_see_the_section(client, world):
    refer(world)
    for user in (world.teacher, world.parent_with_authority):
        login_verified(client, user)
        response = client.get(page(world))
        assert response.status_code == 200
        assert response.context["external_referrals"] is None and SECTION not in response.content.decode()


def test_the_case_page_takes_constant_queries_as_referrals_and_back_reports_grow(client, world):
    refer(world)
    login_verified(client, world.ib_a)
    small = count_queries(client, page(world))
    for name in ("Schoolmaatschappelijk werk", "Specialistische jeugdhulp", "Arrangement passend onderwijs"):
        referral = backdate(refer(world, care_kind=kind(world, name), worker=world.zat_member), 20)
        services.back_report_add(actor=world.zat_member, referral=referral, kind="started", date=today())
        services.back_report_add(actor=world.zat_member, referral=referral, kind="result", result="achieved")
    assert count_queries(client, page(world)) == small
