"""My work (cases:my-work) and the counts on the home page; the stuck rule as a database expression."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import route, services, work_selectors
from zorgroute.cases.constants import ReviewOutcome
from zorgroute.cases.models import Case
from zorgroute.cases.selectors import step_spec
from zorgroute.cases.tests.signal_helpers import active_plan, grow, stick
from zorgroute.core.time import today
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
URL = reverse("cases:my-work")
HOME = reverse("home:home")


# --- the stuck rule -----------------------------------------------------------------------------------------------


NORM = 42


def _local(moment: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(moment))


# The rule counts local calendar days: stuck once the local date it entered its step plus the norm lies before today.
# "Now" is pinned, so the cases around both daylight-saving changes (last Sunday of March and of October) and around
# midnight are checked whatever the hour the tests run. A day across a change is 23 or 25 hours long: counting
# 24-hour periods instead disagrees with route.is_stuck for cases that entered their step in the hour next to midnight.
@pytest.mark.parametrize(
    ("now_local", "entered_local", "stuck"),
    [
        # autumn: entered in summer time (CEST), now in winter time (CET); the change was 2026-10-25
        ("2026-11-23 23:30", "2026-10-12 00:30", False),  # 10-12 + 42 = 11-23, not before today
        ("2026-11-23 00:05", "2026-10-12 00:30", False),
        ("2026-11-23 23:30", "2026-10-11 23:30", True),
        ("2026-11-24 00:30", "2026-10-12 00:30", True),
        ("2026-10-25 23:30", "2026-09-13 00:30", False),  # today is the day of the change
        ("2026-10-26 00:30", "2026-09-13 23:30", True),
        # spring: entered in winter time, now in summer time; the change was 2026-03-29
        ("2026-05-10 12:00", "2026-03-28 23:30", True),  # 03-28 + 42 = 05-09, before today
        ("2026-05-10 00:30", "2026-03-28 23:30", True),
        ("2026-05-09 23:30", "2026-03-28 23:30", False),
        ("2026-05-10 23:30", "2026-03-29 00:30", False),
        ("2026-05-11 00:10", "2026-03-29 00:30", True),
        # midnight, no change between
        ("2026-02-20 00:01", "2026-01-08 23:59", True),  # 42 days and 2 minutes: 01-08 + 42 = 02-19
        ("2026-02-20 23:59", "2026-01-09 00:01", False),  # almost 43 days, but 01-09 + 42 = 02-20
        ("2026-02-21 00:00", "2026-01-09 00:00", True),
    ],
)
def test_the_database_stuck_rule_agrees_with_route_is_stuck(
    world, monkeypatch, now_local, entered_local, stuck
):
    case = Case.objects.select_related("step").get(pk=world.case_a1.pk)
    type(case.step).objects.filter(pk=case.step_id).update(norm_days=NORM)
    case.step.refresh_from_db()
    moment = _local(now_local)
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))
    entered = _local(entered_local)
    Case.objects.filter(pk=case.pk).update(step_entered_at=entered)
    assert timezone.localdate() == moment.date()

    in_db = work_selectors.stuck_cases(Case.objects.filter(pk=case.pk)).exists()
    annotated = work_selectors.with_stuck(Case.objects.filter(pk=case.pk)).get()
    assert in_db == annotated.is_stuck == route.is_stuck(step_spec(case.step), entered.date(), today())
    assert in_db == stuck
    assert annotated.stuck_after == entered.date() + dt.timedelta(days=NORM)  # the last day within the norm


@pytest.mark.parametrize(
    ("now_local", "entered_local"),
    [("2026-11-23 23:30", "2026-10-12 00:30"), ("2026-05-10 00:30", "2026-03-28 23:30")],
)
def test_the_caseloads_days_in_step_are_the_case_pages_local_days(
    world, monkeypatch, now_local, entered_local
):
    """Across a daylight-saving change a day is 23 or 25 hours: My work's "longest in step" counts calendar days."""
    from zorgroute.cases.case_selectors import days_in_step

    moment = _local(now_local)
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))
    Case.objects.filter(pk=world.case_a1.pk).update(step_entered_at=_local(entered_local))
    case = Case.objects.get(pk=world.case_a1.pk)
    rows = work_selectors.caseload(Case.objects.filter(pk=case.pk))
    assert rows[0]["longest_days"] == rows[0]["shortest_days"] == days_in_step(case)
    assert days_in_step(case) == (moment.date() - _local(entered_local).date()).days


def test_a_closed_case_is_never_stuck(world):
    stick(world.case_a1, 400)
    services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason="solved")
    assert not work_selectors.stuck_cases(Case.objects.all()).filter(pk=world.case_a1.pk).exists()


# --- teacher ------------------------------------------------------------------------------------------------------


def test_the_teacher_sees_their_signals_with_status_counts_their_pupils_cases_and_plans_due(client, world):
    services.signal_keep_in_class(
        actor=world.ib_a, signal=world.signal_a1, reason="Eerst observeren in de klas"
    )
    active_plan(world.ib_a, world.case_a1, evaluation_in_days=10)
    login_verified(client, world.teacher)
    response = client.get(URL)
    assert response.status_code == 200
    teacher = response.context["work"].teacher
    assert teacher.signal_counts == {"new": 0, "case_opened": 0, "linked": 0, "kept_in_class": 1}
    assert [s.pupil for s in teacher.signals] == [world.pupil_a1]
    assert [c.pupil for c in teacher.open_cases] == [world.pupil_a1]
    assert teacher.plans_due_count == 1 and teacher.plans_due[0].case == world.case_a1
    assert response.context["work"].coordinator is None
    content = response.content.decode()
    assert "Eerst observeren in de klas" in content  # the teacher sees why it stays in class
    assert "Daan" not in content and "Lotte" not in content


def test_a_plan_evaluated_in_more_than_two_weeks_is_not_due(client, world):
    active_plan(world.ib_a, world.case_a1, evaluation_in_days=15)
    login_verified(client, world.teacher)
    assert client.get(URL).context["work"].teacher.plans_due_count == 0


# --- care coordinator ---------------------------------------------------------------------------------------------


def test_the_care_coordinator_sees_inbox_caseload_stuck_cases_and_overdue_evaluations(client, world):
    case_a2 = services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.ib_a)
    stick(world.case_a1, 60)  # first step's norm is 42 days
    active_plan(world.ib_a, case_a2, evaluation_in_days=-1)
    login_verified(client, world.ib_a)
    work = client.get(URL).context["work"].coordinator
    assert work.can_triage and work.inbox_count == 2
    assert work.open_case_count == 2
    assert [(r["step__position"], r["count"], r["stuck"]) for r in work.caseload] == [(1, 2, 1)]
    assert work.caseload[0]["longest_days"] == 60
    assert work.stuck_count == 1 and [c.pupil for c in work.stuck] == [world.pupil_a1]
    assert work.overdue_count == 1 and work.overdue[0].case == case_a2


def test_the_school_head_sees_the_caseload_but_no_inbox(client, world):
    login_verified(client, world.head_a)
    response = client.get(URL)
    work = response.context["work"].coordinator
    assert not work.can_triage and work.open_case_count == 1
    assert reverse("cases:signal-inbox").encode() not in response.content


def test_my_work_is_audited_as_a_list_read(client, world):
    login_verified(client, world.ib_a)
    client.get(URL)
    event = AuditEvent.objects.filter(event="case.listed").latest("seq")
    assert event.actor_uuid == world.ib_a.uuid and event.changes["list"] == "my_work"
    assert event.changes["inbox"] == 2


def test_someone_without_care_work_sees_an_empty_page_and_nothing_is_audited(client, world):
    login_verified(client, world.parent_with_authority)
    response = client.get(URL)
    assert response.status_code == 200 and b'data-testid="work-empty"' in response.content
    assert not AuditEvent.objects.filter(event="case.listed").exists()


def test_anonymous_goes_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


def test_an_outsider_sees_nothing_of_another_school(client, world):
    grow(world, 2)
    login_verified(client, world.ib_b)
    response = client.get(URL)
    work = response.context["work"].coordinator
    assert work.inbox_count == 1 and work.open_case_count == 2  # Lotte's signal; cases of Lotte and Bram
    assert "Sanne" not in response.content.decode() and "Groei" not in response.content.decode()


# Each list brings its own total (a window count) and the caseload's rows give the open and stuck counts (issue 7).
@pytest.mark.parametrize(("persona", "most"), [("teacher", 19), ("ib_a", 20), ("head_a", 17)])
def test_query_count_is_constant_as_signals_cases_and_plans_grow(client, world, persona, most):
    login_verified(client, getattr(world, persona))
    grow(world, 2)
    small = count_queries(client, URL)
    assert small <= most
    grow(world, 12, start=2)
    assert count_queries(client, URL) == small


def test_each_list_total_counts_beyond_the_rows_shown(client, world, monkeypatch):
    monkeypatch.setattr(work_selectors, "LIST_LIMIT", 1)
    grow(world, 4)  # 4 pupils, each with a stuck case; 2 of their plans are overdue
    login_verified(client, world.ib_a)
    work = client.get(URL).context["work"].coordinator
    assert (work.stuck_count, len(work.stuck)) == (4, 1)
    assert (work.overdue_count, len(work.overdue)) == (2, 1)
    assert work.open_case_count == sum(row["count"] for row in work.caseload) == 5
    client.logout()
    login_verified(client, world.teacher)
    work = client.get(URL).context["work"].teacher
    assert (work.open_case_count, len(work.open_cases)) == (5, 1)
    assert (work.plans_due_count, len(work.plans_due)) == (4, 1)


# --- home page ----------------------------------------------------------------------------------------------------


def test_home_shows_the_counts_that_wait_for_the_user(client, world):
    grow(
        world, 3
    )  # 3 pupils: each a teacher signal and an ib signal, a stuck case, plans (2 due soon, 1 overdue)
    login_verified(client, world.ib_a)
    work = client.get(HOME).context["work"]
    no_actions = {"my_actions": 0, "my_overdue_actions": 0}
    assert work == {"inbox": 2 + 6, "stuck": 3, "overdue": 1, "overdue_actions": 0, **no_actions}
    client.logout()
    login_verified(client, world.teacher)
    work = client.get(HOME).context["work"]
    assert work == {"my_new_signals": 1 + 3, "plans_due": 3, **no_actions}


def test_home_has_no_work_section_for_a_parent(client, world):
    login_verified(client, world.parent_with_authority)
    response = client.get(HOME)
    assert response.context.get("work") is None and b'data-testid="home-work"' not in response.content


@pytest.mark.parametrize(("persona", "most"), [("teacher", 12), ("ib_a", 12)])
def test_home_query_count_stays_constant_with_care_data(client, world, persona, most):
    login_verified(client, getattr(world, persona))
    grow(world, 2)
    small = count_queries(client, HOME)
    assert small <= most
    grow(world, 10, start=2)
    assert count_queries(client, HOME) == small


def test_groups_show_their_review_count_against_the_norm(client, world):
    services.group_review_record(
        actor=world.ib_a,
        group=world.group_a1,
        held_on=today(),
        outcomes={world.pupil_a1.pk: (ReviewOutcome.OBSERVE, "")},
    )
    login_verified(client, world.ib_a)
    groups = {g.name: g.review_count for g in client.get(URL).context["work"].groups}
    assert groups == {"Groep 5a": 1, "Groep 7b": 0}
