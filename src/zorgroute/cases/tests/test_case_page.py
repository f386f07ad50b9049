"""The case page: where the case stands, the package and plan for the care team, and the timeline by visibility."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from zorgroute.audit.models import AuditEvent
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.models import Case
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    add_events,
    assert_same_as_missing,
    current_plan,
    fill_package,
    url,
)
from zorgroute.core.time import now, today
from zorgroute.plans.models import ActionPlan
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def page(world):
    return url("cases:case-detail", world.case_a1)


def titles(response) -> set[str]:
    return {event.body for event in response.context["events"]}


def test_it_shows_the_case_to_the_care_coordinator_and_audits_the_read(client, world):
    login_verified(client, world.ib_a)
    response = client.get(page(world))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Sanne Jansen" in content
    assert world.case_a1.step.name in content
    assert world.case_a1.template.name in content
    event = AuditEvent.objects.filter(event="case.viewed").latest("seq")
    assert event.case_uuid == world.case_a1.uuid
    assert event.pupil_uuid == world.pupil_a1.uuid
    assert event.actor_uuid == world.ib_a.uuid
    assert event.actor_role == "care_coordinator"


def test_anonymous_users_go_to_login(client, world):
    response = client.get(page(world))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_case(client, world):
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, page(world), url("cases:case-detail", MISSING))
    assert_same_as_missing(client, page(world), url("cases:case-detail", "not-a-uuid"))
    assert not AuditEvent.objects.filter(event="case.viewed").exists()


def test_each_person_sees_only_the_visibility_levels_access_allows(client, world):
    login_verified(client, world.ib_a)
    assert titles(client.get(page(world))) >= {
        "Werkaantekening IB",
        "Voor het zorgteam",
        "Gesprek met ouders gepland",
    }
    assert "Eigen aantekening leerkracht" not in titles(client.get(page(world)))
    client.logout()
    login_verified(client, world.teacher)
    seen = titles(client.get(page(world)))
    assert {"Eigen aantekening leerkracht", "Voor het zorgteam", "Gesprek met ouders gepland"} <= seen
    assert "Werkaantekening IB" not in seen
    client.logout()
    login_verified(client, world.parent_with_authority)
    response = client.get(page(world))
    assert response.status_code == 200
    assert {e.visibility for e in response.context["events"]} == {Visibility.PARENTS}
    assert "Voor het zorgteam" not in response.content.decode()


def test_the_page_shows_each_events_visibility_level(client, world):
    login_verified(client, world.ib_a)
    content = client.get(page(world)).content.decode()
    for level in (Visibility.PRIVATE, Visibility.CARE_TEAM, Visibility.PARENTS):
        assert f'class="badge visibility-{level}"' in content


def test_a_parent_sees_the_step_but_not_the_package_plan_or_actions(client, world):
    fill_package(world.case_a1, world.ib_a)
    current_plan(world.case_a1, world.ib_a)
    login_verified(client, world.parent_with_authority)
    response = client.get(page(world))
    content = response.content.decode()
    assert world.case_a1.step.name in content
    assert "Wat kunnen wij thuis doen?" not in content
    assert response.context["plan"] is None
    assert response.context["note_form"] is None
    assert url("cases:case-note-add", world.case_a1) not in content
    assert url("cases:case-escalate", world.case_a1) not in content


def test_actions_appear_only_for_who_may_take_them(client, world):
    login_verified(client, world.teacher)
    content = client.get(page(world)).content.decode()
    assert url("cases:case-note-add", world.case_a1) in content  # contribute
    assert url("plans:plan-create", world.case_a1) in content  # plan.edit
    for name in ("cases:case-escalate", "cases:case-close", "cases:case-people", "cases:case-package"):
        assert url(name, world.case_a1) not in content
    client.logout()
    login_verified(client, world.head_a)
    content = client.get(page(world)).content.decode()
    assert url("cases:case-note-add", world.case_a1) in content
    assert url("plans:plan-create", world.case_a1) not in content
    client.logout()
    login_verified(client, world.ib_a)
    content = client.get(page(world)).content.decode()
    for name in ("cases:case-escalate", "cases:case-close", "cases:case-people", "cases:case-package"):
        assert url(name, world.case_a1) in content
    assert url("cases:case-step-back", world.case_a1) not in content  # the first step has no step back


def test_the_package_and_the_missing_items_are_shown_to_the_care_coordinator(client, world):
    login_verified(client, world.ib_a)
    response = client.get(page(world))
    overview = response.context["overview"]
    assert not overview.escalation.allowed
    assert [m.code for m in overview.escalation.missing] == ["interventions"]
    assert overview.escalation.missing[0].message in response.content.decode()
    # the group review is the school's own staff: no consent is asked for it
    assert [f.forum_kind for f in overview.forums] == ["school_care_team", "regional_team"]
    assert not any(f.is_valid for f in overview.forums)
    assert [f.is_required for f in overview.forums] == [True, True]


def test_it_flags_a_case_stuck_beyond_its_steps_norm(client, world):
    login_verified(client, world.ib_a)
    assert not client.get(page(world)).context["overview"].is_stuck
    # 43 local calendar days ago (the rule counts days, not 24-hour periods: across a DST change they differ)
    entered = timezone.make_aware(dt.datetime.combine(today() - dt.timedelta(days=43), dt.time(12)))
    Case.objects.filter(pk=world.case_a1.pk).update(step_entered_at=entered)
    response = client.get(page(world))
    assert response.context["overview"].is_stuck
    assert response.context["overview"].days_in_step == 43
    assert 'badge-warning">' in response.content.decode()


def test_it_shows_the_current_plan_with_goals_and_flags_an_overdue_evaluation(client, world):
    plan = current_plan(world.case_a1, world.ib_a, goals=[("Meedoen in de kring", "Observatie")])
    login_verified(client, world.teacher)
    response = client.get(page(world))
    assert response.context["plan"] == plan
    assert "Meedoen in de kring" in response.content.decode()
    assert not response.context["plan_overdue"]
    ActionPlan.objects.filter(pk=plan.pk).update(evaluation_date=today() - dt.timedelta(days=1))
    assert client.get(page(world)).context["plan_overdue"]
    Case.objects.filter(pk=world.case_a1.pk).update(status="closed", closed_at=now())
    assert not client.get(page(world)).context[
        "plan_overdue"
    ]  # a closed case's plan is not evaluated any more


def test_the_timeline_filters_by_kind_and_htmx_gets_only_the_list(client, world):
    add_events(world.case_a1, 12, [world.ib_a])
    login_verified(client, world.ib_a)
    response = client.get(page(world), {"kind": [TimelineKind.PLAN, TimelineKind.EVALUATION]})
    assert {e.kind for e in response.context["events"]} == {TimelineKind.PLAN, TimelineKind.EVALUATION}
    partial = client.get(
        page(world), {"kind": TimelineKind.NOTE}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="timeline"
    )
    assert partial.status_code == 200
    assert "<h1" not in partial.content.decode()
    assert 'hx-swap-oob="true"' in partial.content.decode()
    assert {e.kind for e in partial.context["events"]} == {TimelineKind.NOTE}
    assert "HX-Request" in partial["Vary"]
    # An unknown kind is ignored rather than failing.
    assert client.get(page(world), {"kind": "nonsense"}).status_code == 200


def test_the_timeline_is_newest_first(client, world):
    add_events(world.case_a1, 5, [world.ib_a])
    login_verified(client, world.ib_a)
    moments = [e.occurred_at for e in client.get(page(world)).context["events"]]
    assert moments == sorted(moments, reverse=True)


def htmx_queries(client, target: str, **params) -> int:
    """Queries of one htmx request for the timeline list (after a warm-up request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    headers = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "timeline"}
    client.get(target, params, **headers)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(target, params, **headers).status_code == 200
    return len(ctx.captured_queries)


def test_a_timeline_of_200_events_takes_as_many_queries_as_one_of_20(client, world):
    login_verified(client, world.ib_a)
    authors = [world.ib_a, world.teacher, world.head_a]
    add_events(world.case_a1, 20, authors)
    current_plan(world.case_a1, world.ib_a)
    small, small_htmx = count_queries(client, page(world)), htmx_queries(client, page(world), kind="note")
    assert small <= 31  # the route gate takes the page's active plan instead of asking again (issue 7)
    assert len(client.get(page(world)).context["events"]) > 10
    add_events(world.case_a1, 180, authors)
    large, large_htmx = count_queries(client, page(world)), htmx_queries(client, page(world), kind="note")
    assert len(client.get(page(world)).context["events"]) > 100
    assert (large, large_htmx) == (small, small_htmx)


@pytest.mark.parametrize("with_plan", [False, True])
def test_the_route_gate_hears_from_the_page_whether_there_is_an_active_plan(client, world, with_plan):
    from zorgroute.cases.case_selectors import case_overview
    from zorgroute.cases.selectors import case_package

    if with_plan:
        current_plan(world.case_a1, world.ib_a)
    case = Case.objects.select_related("template", "step", "pupil").get(pk=world.case_a1.pk)
    assert case_package(case).current_plan is with_plan
    assert (
        case_package(case, has_current_plan=not with_plan).current_plan is not with_plan
    )  # the caller's word
    login_verified(client, world.ib_a)
    shown = client.get(page(world)).context["overview"]
    assert (shown.escalation, shown.close) == (
        case_overview(case=case).escalation,
        case_overview(case=case).close,
    )
