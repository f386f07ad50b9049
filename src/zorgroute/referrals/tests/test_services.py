"""Referring a case to a partner, the partner's back-reports, naming a worker, withdrawing: state, timeline, audit,
and the domain rules each write refuses."""

import datetime as dt

import pytest

from zorgroute.audit.models import AuditEvent
from zorgroute.cases.constants import Visibility
from zorgroute.cases.models import Case, TimelineEvent
from zorgroute.cases.tests.case_helpers import events, last_event
from zorgroute.core.exceptions import ConflictError, DomainError, ValidationError
from zorgroute.core.time import now, today
from zorgroute.referrals import selectors, services
from zorgroute.referrals.constants import BackReportKind, BackReportResult, ExternalReferralStatus
from zorgroute.referrals.models import BackReport, CareKind, ExternalReferral
from zorgroute.referrals.tests.helpers import backdate, kind, other_partner, refer
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db

YESTERDAY = today() - dt.timedelta(days=1)


def close(case):
    Case.objects.filter(pk=case.pk).update(status="closed", closed_at=now(), closure_reason="solved")
    case.refresh_from_db()


def timeline_titles(case) -> list[str]:
    return list(
        TimelineEvent.objects.filter(case=case).order_by("occurred_at", "pk").values_list("title", flat=True)
    )


# --- Kinds of care ------------------------------------------------------------------------------------------------


def test_the_default_kinds_of_care_are_installed_once(world):
    first = services.care_kinds_install_defaults(actor=world.functional_admin, region=world.region)
    assert len(first) >= 5
    assert services.care_kinds_install_defaults(actor=world.functional_admin, region=world.region) == []
    assert CareKind.objects.filter(region=world.region).count() == len(first)
    assert events("care_kind.installed") == 1
    jgh = CareKind.objects.get(region=world.region, name="Ambulante jeugdhulp")
    assert jgh.needs_indication and jgh.back_report_weeks == 6


# --- Referring ----------------------------------------------------------------------------------------------------


def test_it_refers_a_case_with_a_timeline_line_and_an_audit_row(world):
    care = kind(world)
    referral = refer(world, worker=world.zat_member)
    assert referral.status == ExternalReferralStatus.REFERRED
    assert (referral.partner, referral.care_kind, referral.referred_by) == (
        world.partner_jgz,
        care,
        world.ib_a,
    )
    assert referral.referred_on == today() and referral.family_agreed
    assert referral.back_report_due_on == today() + dt.timedelta(weeks=care.back_report_weeks)
    line = TimelineEvent.objects.get(case=world.case_a1, ref_uuid=referral.uuid)
    assert world.partner_jgz.name in line.title and care.name in line.title
    assert line.body == "Ouders vragen hulp bij de opvoeding thuis."
    assert line.visibility == Visibility.CARE_TEAM and line.author == world.ib_a
    row = last_event("external_referral.created")
    assert row.case_uuid == world.case_a1.uuid and row.pupil_uuid == world.pupil_a1.uuid
    assert row.target_uuid == referral.uuid and "Ouders" not in row.target_label
    assert row.changes["partner"] == str(world.partner_jgz.uuid)
    assert row.changes["worker"] == str(world.zat_member.uuid) and row.changes["discussion"] is None
    assert "question" not in row.changes  # free text never reaches the audit log


def test_a_referral_may_name_the_discussion_that_decided_it(world):
    from zorgroute.meetings.models import AgendaItem, CaseDiscussion, Meeting

    meeting = Meeting.objects.create(
        team=world.zat,
        starts_at=now() - dt.timedelta(days=2),
        ends_at=now() - dt.timedelta(days=2) + dt.timedelta(hours=1),
        summary_release_on=today() - dt.timedelta(days=5),
        access_until=today() + dt.timedelta(days=10),
    )

    def discussion(case):
        item = AgendaItem.objects.create(meeting=meeting, case=case, kind="new", position=case.pk)
        return CaseDiscussion.objects.create(item=item, recorded_by=world.zat_chair)

    own, other = discussion(world.case_a1), discussion(world.case_b1)
    referral = refer(world, discussion=own)
    assert referral.discussion == own
    assert last_event("external_referral.created").changes["discussion"] == str(own.uuid)
    with pytest.raises(ValidationError) as refused:
        refer(world, discussion=other, care_kind=kind(world, "Schoolmaatschappelijk werk"))
    assert refused.value.field == "discussion"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"question": "   "}, "question"),
        ({"family_agreed": False}, "family_agreed"),
        ({"referred_on": today() + dt.timedelta(days=1)}, "referred_on"),
        ({"referred_on": today() - dt.timedelta(days=400)}, "referred_on"),
    ],
)
def test_it_refuses_an_incomplete_referral(world, change, field):
    with pytest.raises(ValidationError) as refused:
        refer(world, **change)
    assert refused.value.field == field
    assert not ExternalReferral.objects.exists() and events("external_referral.created") == 0


def test_it_refuses_a_partner_or_kind_of_care_outside_the_schools_region_or_inactive(world):
    elsewhere = f.PartnerFactory(region=world.other_region)
    with pytest.raises(ValidationError) as refused:
        refer(world, partner=elsewhere)
    assert refused.value.field == "partner"
    inactive = f.PartnerFactory(region=world.region, is_active=False)
    with pytest.raises(ValidationError):
        refer(world, partner=inactive)
    other_kind = CareKind.objects.create(region=world.other_region, name="Jeugdhulp elders")
    with pytest.raises(ValidationError) as refused:
        refer(world, care_kind=other_kind)
    assert refused.value.field == "care_kind"
    retired = kind(world, "Schuldhulp of armoederegeling")
    CareKind.objects.filter(pk=retired.pk).update(is_active=False)
    retired.refresh_from_db()
    with pytest.raises(ValidationError):
        refer(world, care_kind=retired)
    assert not ExternalReferral.objects.exists()


def test_the_worker_must_work_at_the_partner(world):
    smw, smw_worker = other_partner(world)
    with pytest.raises(ValidationError) as refused:
        refer(world, worker=smw_worker)  # works at another partner
    assert refused.value.field == "worker"
    with pytest.raises(ValidationError):
        refer(world, worker=world.zat_chair)  # no partner role at all
    assert refer(world, partner=smw, worker=smw_worker).worker == smw_worker


def test_a_closed_case_is_not_referred(world):
    close(world.case_a1)
    with pytest.raises(DomainError):
        refer(world)


def test_one_open_referral_per_partner_and_kind_of_care(world):
    first = refer(world)
    with pytest.raises(ConflictError):
        refer(world)
    refer(
        world, care_kind=kind(world, "Schoolmaatschappelijk werk")
    )  # another kind of care is another referral
    services.external_referral_withdraw(actor=world.ib_a, referral=first, reason="Dubbel aangemaakt")
    assert refer(world).pk != first.pk  # withdrawn: the case may be referred again
    assert ExternalReferral.objects.count() == 3


# --- Back-reports -------------------------------------------------------------------------------------------------


def test_back_reports_are_kept_and_the_status_follows_the_latest(world):
    referral = backdate(refer(world), 30)
    reports = [
        services.back_report_add(
            actor=world.zat_member,
            referral=referral,
            kind=BackReportKind.WAITING_LIST,
            date=today() + dt.timedelta(days=14),
        ),
        services.back_report_add(
            actor=world.zat_member, referral=referral, kind=BackReportKind.STARTED, date=YESTERDAY
        ),
        services.back_report_add(
            actor=world.on_call_partner,
            referral=referral,
            kind=BackReportKind.RESULT,
            result=BackReportResult.PARTLY,
            text="Rust in huis, slapen nog lastig.",
        ),
        services.back_report_add(
            actor=world.zat_member,
            referral=referral,
            kind=BackReportKind.ENDED,
            date=today(),
            text="Doelen bereikt",
        ),
    ]
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.ENDED
    assert list(BackReport.objects.filter(referral=referral).order_by("reported_at", "pk")) == reports
    assert [r.kind for r in reports] == ["waiting_list", "started", "result", "ended"]
    assert (
        reports[2].date is None
        and reports[2].result == "partly"
        and reports[2].reported_by == world.on_call_partner
    )
    rows = list(AuditEvent.objects.filter(event="external_referral.back_reported").order_by("seq"))
    assert [r.changes["status"]["new"] for r in rows] == ["waiting_list", "started", "result", "ended"]
    assert rows[0].changes["status"]["old"] == "referred" and rows[2].changes["result"] == "partly"
    assert all("text" not in r.changes for r in rows)
    titles = timeline_titles(world.case_a1)
    assert sum(world.partner_jgz.name in t for t in titles) == 5  # the referral and four back-reports
    line = TimelineEvent.objects.filter(case=world.case_a1, ref_uuid=referral.uuid).latest("occurred_at")
    assert line.body == "Doelen bereikt" and line.author == world.zat_member


def test_the_start_of_help_is_the_earliest_started_date(world):
    referral = backdate(refer(world), 60)
    other = backdate(refer(world, care_kind=kind(world, "Schoolmaatschappelijk werk")), 60)
    assert selectors.help_started_on(referral=referral) is None
    services.back_report_add(
        actor=world.zat_member, referral=referral, kind="started", date=today() - dt.timedelta(days=20)
    )
    services.back_report_add(
        actor=world.zat_member, referral=referral, kind="started", date=today() - dt.timedelta(days=10)
    )
    services.back_report_add(
        actor=world.zat_member, referral=other, kind="started", date=today() - dt.timedelta(days=30)
    )
    assert selectors.help_started_on(referral=referral) == today() - dt.timedelta(days=20)
    annotated = {r.pk: r.help_started_on for r in selectors.with_help_started(ExternalReferral.objects.all())}
    assert annotated == {
        referral.pk: today() - dt.timedelta(days=20),
        other.pk: today() - dt.timedelta(days=30),
    }
    cases = {c.pk: c.help_started_on for c in selectors.cases_with_help_started(Case.objects.all())}
    assert cases[world.case_a1.pk] == today() - dt.timedelta(days=30)
    assert cases[world.case_b1.pk] is None


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"kind": "unknown"}, "kind"),
        ({"kind": "result", "result": ""}, "result"),
        ({"kind": "result", "result": "partly", "text": "x" * 1001}, "text"),
        ({"kind": "started"}, "date"),
        ({"kind": "waiting_list"}, "date"),
        ({"kind": "started", "date": today() + dt.timedelta(days=1)}, "date"),
        ({"kind": "ended", "date": today() + dt.timedelta(days=1), "text": "Klaar"}, "date"),
        ({"kind": "started", "date": today() - dt.timedelta(days=40)}, "date"),  # before the referral
        ({"kind": "ended", "date": today(), "text": " "}, "text"),
    ],
)
def test_it_refuses_an_incomplete_back_report(world, values, field):
    referral = backdate(refer(world), 30)
    with pytest.raises(ValidationError) as refused:
        services.back_report_add(actor=world.zat_member, referral=referral, **values)
    assert refused.value.field == field
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.REFERRED and not BackReport.objects.exists()
    assert events("external_referral.back_reported") == 0


def test_a_waiting_list_may_expect_a_start_in_the_future(world):
    referral = refer(world)
    report = services.back_report_add(
        actor=world.zat_member, referral=referral, kind="waiting_list", date=today() + dt.timedelta(weeks=8)
    )
    assert report.date == today() + dt.timedelta(weeks=8)


def test_no_back_report_after_the_end_or_a_withdrawal(world):
    ended = refer(world)
    services.back_report_add(actor=world.zat_member, referral=ended, kind="ended", date=today(), text="Klaar")
    with pytest.raises(DomainError):
        services.back_report_add(actor=world.zat_member, referral=ended, kind="started", date=today())
    withdrawn = refer(world, care_kind=kind(world, "Schoolmaatschappelijk werk"))
    services.external_referral_withdraw(
        actor=world.ib_a, referral=withdrawn, reason="Ouders willen het niet meer"
    )
    with pytest.raises(DomainError):
        services.back_report_add(actor=world.zat_member, referral=withdrawn, kind="started", date=today())
    assert BackReport.objects.count() == 1


def test_a_back_report_on_a_closed_case_is_still_taken(world):
    referral = refer(world)
    close(world.case_a1)
    services.back_report_add(actor=world.zat_member, referral=referral, kind="started", date=today())
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.STARTED


# --- Overdue ------------------------------------------------------------------------------------------------------


def test_a_referral_without_back_report_after_its_term_is_overdue(world):
    care = kind(world)
    weeks = care.back_report_weeks
    late = backdate(refer(world), weeks * 7 + 1)
    due_today = backdate(refer(world, care_kind=kind(world, "Arrangement passend onderwijs")), 6 * 7)
    answered = backdate(refer(world, care_kind=kind(world, "Specialistische jeugdhulp")), 8 * 7 + 5)
    services.back_report_add(actor=world.zat_member, referral=answered, kind="waiting_list", date=today())
    fresh = refer(world, care_kind=kind(world, "Opvoed- en gezinsondersteuning"))
    flags = {r.pk: (r.overdue, r.due) for r in selectors.with_overdue(ExternalReferral.objects.all())}
    assert flags == {
        late.pk: (True, True),
        due_today.pk: (False, True),
        answered.pk: (False, False),
        fresh.pk: (False, False),
    }
    late.refresh_from_db()
    assert late.back_report_overdue and not fresh.back_report_overdue
    assert selectors.overdue_count(user=world.ib_a) == 1
    services.external_referral_withdraw(actor=world.ib_a, referral=late, reason="Niet meer nodig")
    assert selectors.overdue_count(user=world.ib_a) == 0


# --- Naming a worker, withdrawing ---------------------------------------------------------------------------------


def test_the_partner_names_the_worker_who_takes_it_on(world):
    referral = refer(world)
    services.external_referral_assign(actor=world.zat_member, referral=referral, worker=world.on_call_partner)
    referral.refresh_from_db()
    assert referral.worker == world.on_call_partner
    row = last_event("external_referral.assigned")
    assert row.changes == {"worker": {"old": None, "new": str(world.on_call_partner.uuid)}}
    services.external_referral_assign(actor=world.zat_member, referral=referral, worker=world.on_call_partner)
    assert events("external_referral.assigned") == 1  # nothing changed, nothing recorded
    _smw, smw_worker = other_partner(world)
    with pytest.raises(ValidationError) as refused:
        services.external_referral_assign(actor=world.zat_member, referral=referral, worker=smw_worker)
    assert refused.value.field == "worker"
    services.external_referral_assign(actor=world.zat_member, referral=referral, worker=None)
    referral.refresh_from_db()
    assert referral.worker is None


def test_a_partner_worker_whose_role_ended_is_no_choice(world):
    from zorgroute.organisations.models import StaffRole

    StaffRole.objects.filter(user=world.on_call_partner).update(
        valid_from=today() - dt.timedelta(days=90), valid_to=today() - dt.timedelta(days=1)
    )
    assert world.on_call_partner not in selectors.partner_workers(partner=world.partner_jgz)
    with pytest.raises(ValidationError):
        refer(world, worker=world.on_call_partner)


def test_the_school_withdraws_a_referral_with_a_reason(world):
    referral = refer(world)
    with pytest.raises(ValidationError) as refused:
        services.external_referral_withdraw(actor=world.ib_a, referral=referral, reason="  ")
    assert refused.value.field == "reason"
    services.external_referral_withdraw(actor=world.ib_a, referral=referral, reason="Gezin verhuisd")
    referral.refresh_from_db()
    assert referral.status == ExternalReferralStatus.WITHDRAWN
    assert (referral.withdrawn_by, referral.withdrawal_reason) == (world.ib_a, "Gezin verhuisd")
    assert referral.withdrawn_at is not None
    row = last_event("external_referral.withdrawn")
    assert row.changes == {"status": {"old": "referred", "new": "withdrawn"}} and row.reason == ""
    line = TimelineEvent.objects.filter(case=world.case_a1, ref_uuid=referral.uuid).latest("occurred_at")
    assert line.body == "Gezin verhuisd"
    with pytest.raises(DomainError):
        services.external_referral_withdraw(actor=world.ib_a, referral=referral, reason="Nogmaals")
    with pytest.raises(DomainError):
        services.external_referral_assign(actor=world.zat_member, referral=referral, worker=world.zat_member)
    assert events("external_referral.withdrawn") == 1
