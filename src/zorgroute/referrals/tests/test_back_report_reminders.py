"""E-mail about overdue back-reports (referrals.reminders, run by care_daily): once per referral and person, to the
partner's worker (or everyone at the partner) and the referring care coordinator, each with the link where they act,
naming no pupil; nothing for referrals that are not overdue, answered, withdrawn or ended."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.core.time import today
from zorgroute.organisations import constants as oc
from zorgroute.organisations.models import StaffRole
from zorgroute.referrals import services
from zorgroute.referrals.constants import BackReportKind
from zorgroute.referrals.models import BackReportReminder
from zorgroute.referrals.reminders import back_report_reminders_send
from zorgroute.referrals.tests.helpers import backdate, other_partner, refer
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db

SITE = "https://zorgroute.example.org"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE + "/"


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    def run(on=None):
        with django_capture_on_commit_callbacks(execute=True):
            return back_report_reminders_send(on=on or today())

    return run


def overdue(world, **kwargs):
    return backdate(refer(world, **kwargs), 50)  # the term of six weeks passed eight days ago


def by_address():
    return {m.to[0]: m for m in mail.outbox}


def partner_link(referral):
    return SITE + reverse("referrals:referral-detail", args=[referral.uuid])


def school_link(referral):
    return SITE + reverse("cases:case-detail", args=[referral.case.uuid]) + "#external-referrals-heading"


def test_without_a_named_worker_everyone_at_the_partner_and_the_coordinator_is_told(world, send):
    referral = overdue(world)
    assert send() == 4
    mails = by_address()
    partner_staff = {u.email for u in (world.zorgteam_member, world.zat_member, world.on_call_partner)}
    assert set(mails) == partner_staff | {world.ib_a.email}
    for address in partner_staff:
        assert partner_link(referral) in mails[address].body
        assert school_link(referral) not in mails[address].body
    assert school_link(referral) in mails[world.ib_a.email].body
    assert partner_link(referral) not in mails[world.ib_a.email].body
    for message in mail.outbox:
        text = message.subject + message.body
        assert world.pupil_a1.first_name not in text and world.pupil_a1.last_name not in text
        assert world.partner_jgz.name in message.body
    assert set(BackReportReminder.objects.values_list("referral", "recipient", "kind")) == {
        (referral.pk, u.pk, "overdue")
        for u in (world.zorgteam_member, world.zat_member, world.on_call_partner, world.ib_a)
    }
    event = AuditEvent.objects.filter(event="external_referral.reminders_sent").get()
    assert event.changes == {"referrals": 1, "emails": 4}


def test_the_named_worker_alone_is_told_at_the_partner(world, send):
    referral = overdue(world)
    services.external_referral_assign(actor=world.zat_member, referral=referral, worker=world.zat_member)
    assert send() == 2
    assert set(by_address()) == {world.zat_member.email, world.ib_a.email}


def test_a_named_worker_who_left_the_partner_is_replaced_by_everyone_there(world, send):
    smw, worker = other_partner(world)
    colleague = f.UserFactory(username="smw_collega")
    f.StaffRoleFactory(user=colleague, role=oc.StaffRoleKind.PARTNER_STAFF, partner=smw)
    overdue(world, partner=smw, worker=worker)
    StaffRole.objects.filter(user=worker).update(valid_to=today() - dt.timedelta(days=1))
    assert send() == 2
    assert set(by_address()) == {colleague.email, world.ib_a.email}


def test_when_the_referring_coordinator_left_the_schools_coordinators_are_told(world, send):
    referral = overdue(world)
    StaffRole.objects.filter(user=world.ib_a).update(valid_to=today() - dt.timedelta(days=1))
    successor = f.UserFactory(username="ib_a_nieuw")
    f.StaffRoleFactory(user=successor, role=oc.StaffRoleKind.CARE_COORDINATOR, school=world.school_a)
    send()
    mails = by_address()
    assert successor.email in mails and world.ib_a.email not in mails
    assert school_link(referral) in mails[successor.email].body


def test_nothing_before_the_term_has_passed(world, send):
    referral = refer(world)
    assert send() == 0
    assert send(on=referral.back_report_due_on) == 0  # due that day, not yet overdue
    assert mail.outbox == []
    assert send(on=referral.back_report_due_on + dt.timedelta(days=1)) == 4


def test_nothing_once_the_partner_gave_a_back_report(world, send):
    referral = overdue(world)
    services.back_report_add(
        actor=world.zat_member, referral=referral, kind=BackReportKind.WAITING_LIST, date=today()
    )
    assert send() == 0 and mail.outbox == []


def test_nothing_for_a_withdrawn_or_ended_referral(world, send):
    withdrawn = overdue(world)
    services.external_referral_withdraw(
        actor=world.ib_a, referral=withdrawn, reason="Per vergissing verstuurd"
    )
    ended = overdue(world, case=world.case_b1)
    services.back_report_add(
        actor=world.zat_member,
        referral=ended,
        kind=BackReportKind.ENDED,
        date=today(),
        text="Niet nodig gebleken",
    )
    assert send() == 0 and mail.outbox == []
    assert not BackReportReminder.objects.exists()
    assert not AuditEvent.objects.filter(event="external_referral.reminders_sent").exists()


def test_outsiders_get_nothing(world, send):
    _smw, smw_worker = other_partner(world)
    overdue(world)
    send()
    outsiders = [
        world.nobody,
        world.ib_b,
        world.head_a,
        world.teacher,
        world.zat_chair,
        world.functional_admin,
        world.municipality_analyst,
        smw_worker,
    ]
    assert {u.email for u in outsiders}.isdisjoint(by_address())


def test_running_care_daily_twice_sends_each_reminder_once(world, django_capture_on_commit_callbacks):
    overdue(world)

    def run():
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("care_daily", stdout=out)
        return out.getvalue()

    assert "back-report reminders 4" in run()
    assert "back-report reminders 0" in run()
    assert len(mail.outbox) == 4 and BackReportReminder.objects.count() == 4


def test_a_person_added_later_is_told_once_without_repeating_the_others(world, send):
    referral = overdue(world)
    send()
    newcomer = f.UserFactory(username="ggd_nieuw")
    f.StaffRoleFactory(user=newcomer, role=oc.StaffRoleKind.PARTNER_STAFF, partner=world.partner_jgz)
    assert send() == 1
    assert mail.outbox[-1].to == [newcomer.email] and partner_link(referral) in mail.outbox[-1].body


def test_the_number_of_queries_does_not_grow_with_the_referrals(world, send):
    def queries(on):
        with CaptureQueriesContext(connection) as ctx:
            send(on=on)
        return len(ctx.captured_queries)

    smw, _worker = other_partner(world)
    overdue(world)
    first = queries(today())
    for case, partner in [(world.case_a1, smw), (world.case_b1, world.partner_jgz), (world.case_b1, smw)]:
        overdue(world, case=case, partner=partner)
    more = queries(today())
    assert BackReportReminder.objects.values("referral").distinct().count() == 4
    assert more == first
    assert queries(today()) < first  # nothing left to send: no insert, no audit row
