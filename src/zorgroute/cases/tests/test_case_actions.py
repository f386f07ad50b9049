"""Actions on the case page that do not move the case: a note, the escalation package, consent, owner/coordinator."""

import pytest
from django.urls import reverse

from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.models import Case, TimelineEvent
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    url,
)
from zorgroute.organisations.constants import StaffRoleKind
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

ACTIONS = ("cases:case-note-add", "cases:case-package", "cases:case-people")


def test_anonymous_users_go_to_login(client, world):
    for name in ACTIONS:
        for method in ("get", "post"):
            response = getattr(client, method)(url(name, world.case_a1))
            assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_case_and_nothing_changes(client, world):
    login_verified(client, world.ib_b)
    before = TimelineEvent.objects.count()
    for name in ACTIONS:
        assert_same_as_missing(client, url(name, world.case_a1), url(name, MISSING))
        assert_same_as_missing(
            client, url(name, world.case_a1), url(name, MISSING), method="post", data={"text": "x"}
        )
    assert TimelineEvent.objects.count() == before


def test_who_can_see_but_not_act_gets_403(client, world):
    login_verified(client, world.parent_with_authority)  # sees the case, contributes nothing
    for name in ACTIONS:
        assert client.get(url(name, world.case_a1)).status_code == 403
        assert (
            client.post(url(name, world.case_a1), {"text": "x", "visibility": "parents"}).status_code == 403
        )
    client.logout()
    login_verified(client, world.teacher)  # contributes, does not manage
    assert client.get(url("cases:case-note-add", world.case_a1)).status_code == 200
    for name in ("cases:case-package", "cases:case-people"):
        assert client.post(url(name, world.case_a1), {}).status_code == 403
    assert events("case.updated") == 0


# --- Notes ----------------------------------------------------------------------------------------------------------


def test_a_teacher_adds_a_note_for_the_care_team_by_default(client, world):
    login_verified(client, world.teacher)
    form = client.get(url("cases:case-detail", world.case_a1)).context["note_form"]
    assert form["visibility"].initial == Visibility.CARE_TEAM
    response = client.post(
        url("cases:case-note-add", world.case_a1),
        {"text": "Sanne was vandaag vrolijk.", "visibility": "care_team"},
    )
    assert response.status_code == 302 and response["Location"] == url("cases:case-detail", world.case_a1)
    note = TimelineEvent.objects.get(body="Sanne was vandaag vrolijk.")
    assert (note.kind, note.visibility, note.author) == (
        TimelineKind.NOTE,
        Visibility.CARE_TEAM,
        world.teacher,
    )
    event = last_event("case.note_added")
    assert event.actor_uuid == world.teacher.uuid and event.case_uuid == world.case_a1.uuid
    assert event.changes == {"visibility": "care_team"}
    assert "vrolijk" not in str(event.changes)  # free text never goes into the audit log


def test_a_private_note_is_seen_only_by_its_author_and_a_parent_note_by_parents(client, world):
    login_verified(client, world.teacher)
    client.post(
        url("cases:case-note-add", world.case_a1), {"text": "Alleen voor mij", "visibility": "private"}
    )
    client.post(
        url("cases:case-note-add", world.case_a1), {"text": "Voor de ouders", "visibility": "parents"}
    )
    assert "Alleen voor mij" in client.get(url("cases:case-detail", world.case_a1)).content.decode()
    client.logout()
    login_verified(client, world.ib_a)
    content = client.get(url("cases:case-detail", world.case_a1)).content.decode()
    assert "Alleen voor mij" not in content and "Voor de ouders" in content
    client.logout()
    login_verified(client, world.parent_with_authority)
    content = client.get(url("cases:case-detail", world.case_a1)).content.decode()
    assert "Alleen voor mij" not in content and "Voor de ouders" in content


def test_an_empty_note_is_refused_and_the_choice_is_kept(client, world):
    login_verified(client, world.teacher)
    response = client.post(url("cases:case-note-add", world.case_a1), {"text": "  ", "visibility": "parents"})
    assert response.status_code == 200
    assert response.context["form"]["visibility"].value() == "parents"
    assert response.context["form"].errors["text"]
    assert 'role="alert"' in response.content.decode()
    assert events("case.note_added") == 5  # the world's notes only


def test_the_note_page_explains_the_visibility_levels(client, world):
    login_verified(client, world.teacher)
    content = client.get(url("cases:case-note-add", world.case_a1)).content.decode()
    assert in_dutch("Only me: a private working note") in content
    assert "<legend>" in content and "aria-describedby" in content


# --- The escalation package --------------------------------------------------------------------------------------


PACKAGE = {
    "help_question_school": "Hoe krijgen we Sanne in de kring?",
    "help_question_parents": "Wat doen we thuis?",
    "help_question_pupil": "Ik wil meedoen.",
    "school_limits": "Twee keer per week extra begeleiding.",
}


def test_the_care_coordinator_updates_the_package(client, world):
    login_verified(client, world.ib_a)
    assert client.get(url("cases:case-package", world.case_a1)).status_code == 200
    response = client.post(url("cases:case-package", world.case_a1), PACKAGE)
    assert response.status_code == 302
    case = Case.objects.get(pk=world.case_a1.pk)
    assert case.help_question_parents == "Wat doen we thuis?"
    event = last_event("case.updated")
    assert event.changes == dict.fromkeys(PACKAGE, "changed")
    assert "thuis" not in str(event.changes)
    content = client.get(url("cases:case-detail", world.case_a1)).content.decode()
    assert "Twee keer per week extra begeleiding." in content


def test_the_package_form_keeps_what_was_entered_when_a_field_is_too_long(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("cases:case-package", world.case_a1), {**PACKAGE, "school_limits": "x" * 5001})
    assert response.status_code == 200
    assert response.context["form"]["help_question_pupil"].value() == "Ik wil meedoen."
    assert events("case.updated") == 0


# --- Owner and case coordinator ----------------------------------------------------------------------------------


def test_the_owner_and_coordinator_are_chosen_among_the_schools_staff(client, world):
    login_verified(client, world.ib_a)
    choices = client.get(url("cases:case-people", world.case_a1)).context["form"].fields["owner"].queryset
    assert set(choices) == {world.teacher, world.ib_a, world.head_a}
    response = client.post(
        url("cases:case-people", world.case_a1),
        {"owner": world.teacher.uuid, "coordinator": world.head_a.uuid},
    )
    assert response.status_code == 302
    case = Case.objects.get(pk=world.case_a1.pk)
    assert (case.owner, case.coordinator) == (world.teacher, world.head_a)
    event = last_event("case.updated")
    assert event.changes["owner"] == {"old": str(world.ib_a.uuid), "new": str(world.teacher.uuid)}
    assert event.changes["coordinator"] == {"old": None, "new": str(world.head_a.uuid)}


def test_someone_of_another_school_cannot_be_chosen(client, world):
    login_verified(client, world.ib_a)
    response = client.post(
        url("cases:case-people", world.case_a1),
        {"owner": world.ib_b.uuid, "coordinator": world.zat_chair.uuid},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"owner", "coordinator"}
    assert Case.objects.get(pk=world.case_a1.pk).owner == world.ib_a


def test_the_people_page_takes_constant_queries_as_the_school_grows(client, world):
    login_verified(client, world.ib_a)
    small = count_queries(client, url("cases:case-people", world.case_a1))
    for i in range(15):
        f.StaffRoleFactory(
            user=f.UserFactory(username=f"extra{i}"), role=StaffRoleKind.TEACHER, school=world.school_a
        )
    assert count_queries(client, url("cases:case-people", world.case_a1)) == small


def test_showing_a_form_page_is_audited_as_a_read_but_a_refused_one_is_not(client, world):
    login_verified(client, world.teacher)
    assert client.get(url("cases:case-package", world.case_a1)).status_code == 403
    assert events("case.viewed") == 0
    assert client.get(url("cases:case-note-add", world.case_a1)).status_code == 200
    event = last_event("case.viewed")
    assert event.case_uuid == world.case_a1.uuid and event.actor_uuid == world.teacher.uuid
    client.post(url("cases:case-note-add", world.case_a1), {"text": "x", "visibility": "private"})
    assert events("case.viewed") == 1  # a write is audited as the write, not as a read
