"""Agreeing, finishing and listing actions: for the case's team, for the person carrying one out, not for outsiders."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    url,
)
from zorgroute.core.time import today
from zorgroute.meetings import services
from zorgroute.meetings.constants import ActionStatus
from zorgroute.meetings.models import CaseAction
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

ADD = "meetings:action-add"
DONE = "meetings:action-done"
CANCEL = "meetings:action-cancel"
NEXT_WEEK = today() + dt.timedelta(days=7)


def action_url(name, action, case=None):
    return reverse(name, args=[(case or action.case).uuid, action.uuid])


def agree(world, owner, case=None, due_on=NEXT_WEEK, description="Ouders bellen"):
    return services.action_agree(
        actor=world.ib_a, case=case or world.case_a1, description=description, owner=owner, due_on=due_on
    )


def test_the_care_coordinator_agrees_an_action_from_the_case_page(client, world):
    login_verified(client, world.ib_a)
    page = client.get(url("cases:case-detail", world.case_a1)).content.decode()
    assert url(ADD, world.case_a1) in page
    form = client.get(url(ADD, world.case_a1))
    assert form.status_code == 200
    owners = {str(choice[0]) for choice in form.context["form"].fields["owner"].choices if choice[0]}
    assert str(world.zorgteam_member.uuid) in owners and str(world.ib_b.uuid) not in owners
    response = client.post(
        url(ADD, world.case_a1),
        {
            "description": "Observatie in de klas",
            "owner": world.teacher.uuid,
            "due_on": NEXT_WEEK.isoformat(),
        },
    )
    assert response.status_code == 302 and response["Location"] == url("cases:case-detail", world.case_a1)
    action = CaseAction.objects.get()
    assert (action.owner, action.agreed_by) == (world.teacher, world.ib_a)
    assert "Observatie in de klas" in client.get(url("cases:case-detail", world.case_a1)).content.decode()


def test_a_refused_action_keeps_what_was_entered_and_says_why_in_dutch(client, world):
    login_verified(client, world.ib_a)
    response = client.post(
        url(ADD, world.case_a1),
        {"description": "Observatie", "owner": world.teacher.uuid, "due_on": "2001-01-01"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["due_on"] == [in_dutch("The due date lies in the past.")]
    assert response.context["form"]["description"].value() == "Observatie"
    assert not CaseAction.objects.exists()


def test_the_owner_reports_it_done_from_my_work(client, world):
    late = agree(world, world.teacher, description="Te laat")
    CaseAction.objects.filter(pk=late.pk).update(due_on=today() - dt.timedelta(days=1))
    action = agree(world, world.teacher)
    login_verified(client, world.teacher)
    work = client.get(reverse("cases:my-work"))
    assert (work.context["work"].actions.count, work.context["work"].actions.overdue_count) == (2, 1)
    assert action_url(DONE, action) in work.content.decode()
    response = client.post(action_url(DONE, action), {"result": "Moeder gesproken", "next": "my-work"})
    assert response.status_code == 302 and response["Location"] == reverse("cases:my-work")
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE and action.finished_by == world.teacher
    assert client.get(reverse("cases:my-work")).context["work"].actions.count == 1  # the late one


def test_a_team_member_carries_out_an_action_without_seeing_the_case(client, world):
    action = agree(world, world.zorgteam_member)
    login_verified(client, world.zorgteam_member)
    work = client.get(reverse("cases:my-work"))
    assert work.status_code == 200 and work.context["work"].actions.count == 1
    content = work.content.decode()
    assert world.pupil_a1.full_name in content
    assert (
        f'href="{url("cases:case-detail", world.case_a1)}"' not in content
    )  # no link to a case they cannot open
    page = client.get(action_url(DONE, action))
    assert page.status_code == 200 and page.context["cancel_url"] == reverse("cases:my-work")
    assert last_event("action.viewed").actor_uuid == world.zorgteam_member.uuid
    assert client.get(url("cases:case-detail", world.case_a1)).status_code == 404
    assert client.post(action_url(DONE, action), {"result": "Afspraak gemaakt"}).status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DONE


def test_someone_who_sees_the_action_but_does_not_carry_it_out_gets_403(client, world):
    action = agree(world, world.ib_a)
    login_verified(client, world.teacher)  # the teacher sees the case's actions, not to finish another's
    assert client.get(action_url(DONE, action)).status_code == 403
    assert client.post(action_url(CANCEL, action), {"reason": "x"}).status_code == 403
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_outsiders_get_the_same_404_as_for_a_missing_action_or_a_wrong_case(client, world):
    action = agree(world, world.teacher)
    login_verified(client, world.ib_b)
    missing = reverse(DONE, args=[world.case_a1.uuid, MISSING])
    assert_same_as_missing(client, action_url(DONE, action), missing)
    assert_same_as_missing(client, url(ADD, world.case_a1), url(ADD, MISSING))
    login_verified(client, world.teacher)
    assert client.get(action_url(DONE, action, case=world.case_b1)).status_code == 404
    assert events("action.completed") == 0


def test_anonymous_users_go_to_login(client, world):
    action = agree(world, world.teacher)
    for target in (url(ADD, world.case_a1), action_url(DONE, action), action_url(CANCEL, action)):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_care_coordinator_cancels_with_a_reason_and_sees_overdue_actions(client, world):
    late = agree(world, world.teacher)
    CaseAction.objects.filter(pk=late.pk).update(due_on=today() - dt.timedelta(days=3))
    agree(world, world.teacher, description="Nog niet te laat")
    login_verified(client, world.ib_a)
    work = client.get(reverse("cases:my-work")).context["work"]
    assert work.coordinator.overdue_action_count == 1
    assert [a.pk for a in work.coordinator.overdue_actions] == [late.pk]
    home = client.get(reverse("home:home"))
    assert home.context["work"]["overdue_actions"] == 1
    refused = client.post(action_url(CANCEL, late), {"reason": ""})
    assert refused.status_code == 200 and refused.context["form"].errors["reason"]
    assert client.post(action_url(CANCEL, late), {"reason": "Niet meer nodig"}).status_code == 302
    late.refresh_from_db()
    assert late.status == ActionStatus.CANCELLED
    assert client.get(reverse("cases:my-work")).context["work"].coordinator.overdue_action_count == 0


def test_finishing_twice_is_refused_with_a_message(client, world):
    action = agree(world, world.teacher)
    login_verified(client, world.teacher)
    client.post(action_url(DONE, action), {"result": ""})
    again = client.post(action_url(DONE, action), {"result": ""})
    assert again.status_code == 200 and again.context["form"].non_field_errors()
    assert events("action.completed") == 1


def test_my_work_and_the_case_page_take_constant_queries_as_actions_grow(client, world):
    agree(world, world.teacher)
    login_verified(client, world.teacher)
    work_small = count_queries(client, reverse("cases:my-work"))
    case_small = count_queries(client, url("cases:case-detail", world.case_a1))
    for n in range(10):
        agree(world, world.teacher if n % 2 else world.ib_a, description=f"Actie {n}")
    assert count_queries(client, reverse("cases:my-work")) == work_small
    assert count_queries(client, url("cases:case-detail", world.case_a1)) == case_small


def test_done_from_the_partner_workspace_returns_to_the_workspace(client, world):
    """The action list links with the return target its page gives it; `next` is one of a fixed set, anything
    else falls back (to "My work" for someone who may not open the case)."""
    workspace = reverse("referrals:workspace")
    action = agree(world, world.zat_member)
    login_verified(client, world.zat_member)
    link = action_url(DONE, action) + "?next=workspace"
    assert link in client.get(workspace).content.decode()
    assert action_url(DONE, action) + "?next=my-work" in client.get(reverse("cases:my-work")).content.decode()
    page = client.get(link)
    assert page.context["cancel_url"] == workspace and page.context["next"] == "workspace"
    strange = client.get(action_url(DONE, action) + "?next=https://example.org/")
    assert strange.context["next"] == "my-work" and strange.context["cancel_url"] == reverse("cases:my-work")
    response = client.post(action_url(DONE, action), {"result": "Gesprek gevoerd", "next": "workspace"})
    assert response.status_code == 302 and response["Location"] == workspace
    other = agree(world, world.zat_member, description="Tweede gesprek")
    response = client.post(action_url(DONE, other), {"result": "Gedaan", "next": "//example.org"})
    assert response["Location"] == reverse("cases:my-work")


def test_a_case_reader_who_came_from_the_case_page_returns_there(client, world):
    action = agree(world, world.ib_a)
    login_verified(client, world.ib_a)
    page = client.get(action_url(DONE, action) + "?next=elsewhere")
    assert page.context["next"] == "" and page.context["cancel_url"] == url(
        "cases:case-detail", world.case_a1
    )
    response = client.post(action_url(DONE, action), {"result": "Gedaan", "next": "elsewhere"})
    assert response["Location"] == url("cases:case-detail", world.case_a1)
