"""Moving a case along its route from the case page: escalate, step back, skip, close, reopen."""

import pytest
from django.urls import reverse

from zorgroute.cases import services
from zorgroute.cases.constants import CaseStatus, ClosureReason, TimelineKind, TransitionKind, Visibility
from zorgroute.cases.models import Case, CaseTransition, TimelineEvent
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    log_intervention,
    ready_for_zorgteam,
    url,
)
from zorgroute.testing import consent
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

ROUTE_ACTIONS = (
    "cases:case-escalate",
    "cases:case-step-back",
    "cases:case-skip",
    "cases:case-close",
    "cases:case-reopen",
)


def fresh(case) -> Case:
    return Case.objects.select_related("step").get(pk=case.pk)


def test_anonymous_users_go_to_login(client, world):
    for name in ROUTE_ACTIONS:
        response = client.post(url(name, world.case_a1))
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_case(client, world):
    login_verified(client, world.ib_b)
    for name in ROUTE_ACTIONS:
        assert_same_as_missing(client, url(name, world.case_a1), url(name, MISSING))
        assert_same_as_missing(client, url(name, world.case_a1), url(name, MISSING), method="post")
    assert fresh(world.case_a1).step.position == 1


def test_the_teacher_who_sees_the_case_cannot_move_it(client, world):
    log_intervention(world.case_a1, world.teacher)
    login_verified(client, world.teacher)
    for name in ROUTE_ACTIONS:
        assert client.get(url(name, world.case_a1)).status_code == 403
        assert (
            client.post(url(name, world.case_a1), {"reason": "x", "closure_reason": "solved"}).status_code
            == 403
        )
    assert fresh(world.case_a1).step.position == 1
    assert events("case.transitioned") == events("case.closed") == 0


def test_escalation_is_refused_with_the_dutch_list_of_what_is_missing_and_keeps_the_reason(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("cases:case-escalate", world.case_a1), {"reason": "Het lukt niet in de klas."})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'role="alert"' in content
    expected = in_dutch("This step cannot be taken yet. Missing: %(items)s.") % {
        "items": in_dutch(
            "at least %(n)d intervention(s) with their effect in the intervention log (now %(count)d)"
        )
        % {"n": 1, "count": 0}
    }
    assert response.context["form"].non_field_errors() == [expected]
    assert response.context["form"]["reason"].value() == "Het lukt niet in de klas."
    assert fresh(world.case_a1).step.position == 1
    assert events("case.transitioned") == 0


def test_escalation_to_the_zorgteam_lists_every_missing_piece(client, world):
    log_intervention(world.case_a1, world.ib_a)
    services.case_transition(actor=world.ib_a, case=world.case_a1, kind=TransitionKind.ESCALATE)
    login_verified(client, world.ib_a)
    page = client.get(url("cases:case-escalate", world.case_a1))
    codes = [m.code for m in page.context["overview"].escalation.missing]
    assert codes == ["help_question", "action_plan", "school_limits", "consent"]
    response = client.post(url("cases:case-escalate", world.case_a1), {"reason": ""})
    message = response.context["form"].non_field_errors()[0]
    for item in page.context["overview"].escalation.missing:
        assert item.message in message


def test_escalation_with_a_complete_package_moves_the_case_and_tells_the_parents(client, world):
    case = ready_for_zorgteam(world.case_a1, world.ib_a)
    login_verified(client, world.ib_a)
    response = client.post(url("cases:case-escalate", case), {"reason": "Meer expertise nodig."})
    assert response.status_code == 302 and response["Location"] == url("cases:case-detail", case)
    case = fresh(case)
    assert case.step.code == "school_care_team"
    transition = CaseTransition.objects.filter(case=case).latest("created_at")
    assert (transition.kind, transition.reason) == (TransitionKind.ESCALATE, "Meer expertise nodig.")
    line = TimelineEvent.objects.filter(case=case, kind=TimelineKind.TRANSITION).latest("occurred_at")
    assert line.visibility == Visibility.PARENTS and line.body == "Meer expertise nodig."
    event = last_event("case.transitioned")
    assert event.changes["step"] == {"old": "group_review", "new": "school_care_team"}
    assert event.actor_uuid == world.ib_a.uuid


def test_step_back_returns_to_the_previous_step(client, world):
    log_intervention(world.case_a1, world.ib_a)
    services.case_transition(actor=world.ib_a, case=world.case_a1, kind=TransitionKind.ESCALATE)
    login_verified(client, world.ib_a)
    assert (
        url("cases:case-step-back", world.case_a1)
        in client.get(url("cases:case-detail", world.case_a1)).content.decode()
    )
    response = client.post(url("cases:case-step-back", world.case_a1), {"reason": "Eerst in de klas verder."})
    assert response.status_code == 302
    assert fresh(world.case_a1).step.position == 1
    assert last_event("case.transitioned").changes["kind"] == "step_back"


def test_step_back_from_the_first_step_is_refused_with_a_message(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("cases:case-step-back", world.case_a1), {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [in_dutch("This is the first step of the route.")]


def test_skip_needs_a_reason_and_offers_only_steps_two_or_more_ahead(client, world):
    login_verified(client, world.ib_a)
    form = client.get(url("cases:case-skip", world.case_a1)).context["form"]
    assert [s.position for s in form.fields["target"].queryset] == [3, 4, 5, 6]
    zat = world.case_a1.template.steps.get(code="regional_team")
    response = client.post(
        url("cases:case-skip", world.case_a1), {"target": zat.uuid, "skip_reason": "crisis", "reason": ""}
    )
    assert response.status_code == 200 and "reason" in response.context["form"].errors
    assert response.context["form"]["skip_reason"].value() == "crisis"


def test_a_crisis_skips_to_the_zat_once_consent_is_recorded(client, world):
    login_verified(client, world.ib_a)
    zat = world.case_a1.template.steps.get(code="regional_team")
    data = {"target": zat.uuid, "skip_reason": "crisis", "reason": "Acute zorgen thuis."}
    refused = client.post(url("cases:case-skip", world.case_a1), data)
    assert refused.status_code == 200
    assert in_dutch("a valid consent basis for this forum") in refused.context["form"].non_field_errors()[0]
    consent.give(world.case_a1, world.ib_a, "regional_team", mode="assent")
    response = client.post(url("cases:case-skip", world.case_a1), data)
    assert response.status_code == 302
    assert fresh(world.case_a1).step.code == "regional_team"
    assert last_event("case.transitioned").changes["skip_reason"] == "crisis"


def test_close_with_reason_and_provisional_flag_then_reopen(client, world):
    login_verified(client, world.ib_a)
    response = client.post(
        url("cases:case-close", world.case_a1),
        {"closure_reason": ClosureReason.INSTITUTION, "provisional": "on", "note": "Logopedie is gestart."},
    )
    assert response.status_code == 302
    case = fresh(world.case_a1)
    assert (case.status, case.closure_reason, case.closure_provisional) == ("closed", "institution", True)
    assert last_event("case.closed").reason == "institution (provisional)"
    page = client.get(url("cases:case-detail", case))
    content = page.content.decode()
    assert url("cases:case-reopen", case) in content
    assert url("cases:case-close", case) not in content and url("cases:case-escalate", case) not in content
    refused = client.post(url("cases:case-reopen", case), {"reason": ""})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    assert client.post(url("cases:case-reopen", case), {"reason": "Nieuwe zorgen."}).status_code == 302
    case = fresh(case)
    assert (case.status, case.closure_reason, case.closure_provisional) == (CaseStatus.OPEN, "", False)
    assert last_event("case.reopened").reason == "Nieuwe zorgen."


def test_closing_without_a_reason_is_refused_and_a_closed_case_cannot_be_escalated(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("cases:case-close", world.case_a1), {"note": "Klaar"})
    assert response.status_code == 200 and "closure_reason" in response.context["form"].errors
    assert response.context["form"]["note"].value() == "Klaar"
    services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    response = client.post(url("cases:case-escalate", world.case_a1), {"reason": "x"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [in_dutch("This case is closed. Reopen it first.")]
    response = client.post(url("cases:case-close", world.case_a1), {"closure_reason": "solved"})
    assert response.context["form"].non_field_errors() == [in_dutch("This case is closed. Reopen it first.")]


def test_reopening_an_open_case_is_refused(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("cases:case-reopen", world.case_a1), {"reason": "Waarom niet"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [in_dutch("Only a closed case can be reopened.")]


def test_the_escalate_page_takes_constant_queries_as_the_log_grows(client, world):
    login_verified(client, world.ib_a)
    log_intervention(world.case_a1, world.ib_a)
    small = count_queries(client, url("cases:case-escalate", world.case_a1))
    for _ in range(10):
        log_intervention(world.case_a1, world.teacher)
    assert count_queries(client, url("cases:case-escalate", world.case_a1)) == small
