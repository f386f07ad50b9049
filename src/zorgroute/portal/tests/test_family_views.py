"""The portal's pages for parents and the pupil of 16+: per the rules, audited, 404 for outsiders, 403 for staff,
a constant number of queries as the records grow."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.access import principal
from zorgroute.audit.models import AuditEvent
from zorgroute.cases.constants import Visibility
from zorgroute.cases.services import note_add
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    add_events,
    assert_same_as_missing,
    current_plan,
    in_dutch,
    last_event,
    url,
)
from zorgroute.consents import rules
from zorgroute.consents import selectors as consent_selectors
from zorgroute.consents.constants import ConsentMode, Evidence
from zorgroute.consents.services import consent_record
from zorgroute.core.time import today
from zorgroute.plans import services as plan_services
from zorgroute.plans.models import PlanSignature
from zorgroute.portal.tests.helpers import make_age, mother, parent_of_16
from zorgroute.pupils.models import PupilGuardian
from zorgroute.testing import consent
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
HOME = reverse("portal:home")


def page(client, user, address):
    login_verified(client, user)
    return client.get(address)


# --- My children --------------------------------------------------------------------------------------------------


def test_a_parent_sees_their_child_and_the_listing_is_audited(client, world):
    response = page(client, world.parent_with_authority, HOME)
    assert response.status_code == 200
    assert response.context["children"] == [world.pupil_a1] and response.context["on_request"] == []
    assert url("portal:child", world.pupil_a1).encode() in response.content
    row = last_event("portal.children_listed")
    assert row.actor_uuid == world.parent_with_authority.uuid and row.changes == {
        "children": 1,
        "on_request": 0,
    }


def test_a_parent_without_authority_sees_only_the_right_to_ask_and_no_records(client, world):
    response = page(client, world.parent_without_authority, HOME)
    assert response.status_code == 200
    assert response.context["children"] == [] and response.context["on_request"] == [world.pupil_a1]
    assert b'data-testid="portal-on-request"' in response.content
    assert url("portal:child", world.pupil_a1).encode() not in response.content
    for address in (
        url("portal:child", world.pupil_a1),
        url("portal:case", world.case_a1),
        url("portal:access-log", world.pupil_a1),
    ):
        assert client.get(address).status_code == 404  # the rules give him no records: as if absent


def test_the_pupil_of_16_sees_their_own_record(client, world):
    response = page(client, world.pupil_user, HOME)
    assert response.context["children"] == [world.pupil_16] and response.context["children"][0].is_self


def test_staff_and_anonymous_users(client, world):
    assert client.get(HOME)["Location"].startswith(reverse("accounts:login"))
    response = page(client, world.ib_a, HOME)
    assert response.status_code == 200 and b'data-testid="portal-empty"' in response.content


# --- A child ------------------------------------------------------------------------------------------------------


def test_the_child_page_lists_open_care_routes_and_is_audited_as_a_read(client, world):
    response = page(client, world.parent_with_authority, url("portal:child", world.pupil_a1))
    assert response.status_code == 200
    assert response.context["cases"] == [world.case_a1]
    assert response.context["may_see_log"] and not response.context["may_choose_informing"]
    row = last_event("pupil.viewed")
    assert row.pupil_uuid == world.pupil_a1.uuid and row.actor_role == "guardian"


def test_the_child_page_for_outsiders_staff_and_anonymous(client, world):
    address = url("portal:child", world.pupil_a1)
    assert client.get(address).status_code == 302
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, address, url("portal:child", MISSING))
    login_verified(client, world.ib_a)  # sees the pupil, but the portal is the family's
    assert client.get(address).status_code == 403
    login_verified(client, world.parent_with_authority)
    assert_same_as_missing(client, url("portal:child", world.pupil_b1), url("portal:child", MISSING))


def test_the_child_page_takes_the_same_number_of_queries_as_care_routes_are_added(client, world):
    from zorgroute.cases.services import case_close, case_open

    login_verified(client, world.parent_with_authority)
    address = url("portal:child", world.pupil_a1)
    few = count_queries(client, address)
    case_close(actor=world.ib_a, case=world.case_a1, closure_reason="solved")
    case_open(actor=world.ib_a, pupil=world.pupil_a1, owner=world.ib_a)
    assert count_queries(client, address) == few


def test_the_pupil_may_choose_about_informing_parents_from_their_page(client, world):
    response = page(client, world.pupil_user, url("portal:child", world.pupil_16))
    assert response.context["is_self"] and response.context["may_choose_informing"]


# --- A care route -------------------------------------------------------------------------------------------------


def test_the_case_page_shows_parent_visible_lines_only_and_is_audited(client, world):
    response = page(client, world.parent_with_authority, url("portal:case", world.case_a1))
    assert response.status_code == 200
    assert world.note_parents in response.context["events"]
    assert b"Gesprek met ouders gepland" in response.content
    for hidden in (world.note_team, world.note_private_ib, world.note_private_teacher):
        assert hidden not in response.context["events"]
        assert hidden.body.encode() not in response.content
    row = last_event("case.viewed")
    assert row.case_uuid == world.case_a1.uuid and row.actor_uuid == world.parent_with_authority.uuid


def test_the_case_page_for_outsiders_staff_and_anonymous(client, world):
    address = url("portal:case", world.case_a1)
    assert client.get(address).status_code == 302
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, address, url("portal:case", MISSING))
    login_verified(client, world.teacher)
    assert client.get(address).status_code == 403
    login_verified(client, world.pupil_user)
    assert_same_as_missing(client, address, url("portal:case", MISSING))


def test_the_plan_shows_only_parent_visible_fields(client, world):
    plan = plan_services.plan_create(
        actor=world.ib_a,
        case=world.case_a1,
        needs="Sanne heeft rust nodig",
        approach="Vaste plek",
        facilities="Twee uur RT uit het arrangement",
        advice_school="Let op de overgang na de pauze",
        advice_home="Voorlezen voor het slapen",
        evaluation_date=today() + dt.timedelta(days=30),
        goals=[("Sanne doet mee in de kring", "Observatie")],
    )
    plan_services.plan_activate(actor=world.ib_a, plan=plan)
    content = page(client, world.parent_with_authority, url("portal:case", world.case_a1)).content.decode()
    for shown in (
        "Sanne heeft rust nodig",
        "Vaste plek",
        "Voorlezen voor het slapen",
        "Sanne doet mee in de kring",
    ):
        assert shown in content
    for hidden in ("Twee uur RT uit het arrangement", "Let op de overgang na de pauze"):
        assert hidden not in content


def test_a_parent_signs_the_current_plan(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    login_verified(client, world.parent_with_authority)
    response = client.post(url("portal:plan-sign", world.case_a1, plan))
    assert response.status_code == 302 and response["Location"].endswith("#plan")
    signature = PlanSignature.objects.get()
    assert (signature.guardian, signature.version, signature.signed_by) == (
        mother(world),
        1,
        world.parent_with_authority,
    )
    page_after = client.get(url("portal:case", world.case_a1))
    assert page_after.context["plan"].my_signature == signature
    again = client.post(url("portal:plan-sign", world.case_a1, plan), follow=True)
    assert (
        again.status_code == 200 and PlanSignature.objects.count() == 1
    )  # a message, not a second signature


def test_the_pupil_signs_as_the_pupil(client, world):
    plan = current_plan(world.case_16, world.ib_b)
    login_verified(client, world.pupil_user)
    client.post(url("portal:plan-sign", world.case_16, plan))
    assert PlanSignature.objects.get().is_pupil


def test_signing_for_outsiders_staff_and_a_plan_of_another_case(client, world):
    plan = current_plan(world.case_a1, world.ib_a)
    other = current_plan(world.case_b1, world.ib_b)
    address = url("portal:plan-sign", world.case_a1, plan)
    login_verified(client, world.ib_a)
    assert client.post(address).status_code == 403
    login_verified(client, world.pupil_user)
    assert_same_as_missing(client, address, url("portal:plan-sign", MISSING, plan), method="post")
    login_verified(client, world.parent_with_authority)
    assert client.post(url("portal:plan-sign", world.case_a1, other)).status_code == 404
    assert client.get(address).status_code == 405
    assert not PlanSignature.objects.exists()


def test_a_parent_withdraws_consent_and_the_forum_loses_the_pupils_name_at_once(client, world):
    record = consent.give(world.case_a1, world.ib_a, "school_care_team")
    before = consent_selectors.case_consent(world.case_a1).basis("school_care_team")
    assert before.decision.verdict is rules.Verdict.BY_NAME
    response = page(client, world.parent_with_authority, url("portal:case", world.case_a1))
    item = response.context["forums"][0].items[0]
    assert [value for value, _label in item.choices] == ["withdrawn"]
    response = client.post(url("portal:consent-answer", world.case_a1, record), {"answer": "withdrawn"})
    assert response.status_code == 302
    after = consent_selectors.case_consent(world.case_a1).basis("school_care_team")
    assert after.decision.verdict is rules.Verdict.NOT_ALLOWED
    row = last_event("consent.answered")
    assert row.actor_uuid == world.parent_with_authority.uuid
    assert row.changes == {"party": str(mother(world).uuid), "answer": {"old": "given", "new": "withdrawn"}}
    item = client.get(url("portal:case", world.case_a1)).context["forums"][0].items[0]
    assert item.my_answer.answer == "withdrawn" and [v for v, _l in item.choices] == ["given"]


def test_a_parent_answers_an_open_request_and_objects_to_an_assent(client, world):
    record = consent_record(
        actor=world.ib_a,
        case=world.case_a1,
        forum_kind="regional_team",
        mode=ConsentMode.ASSENT,
        recorded_on=today(),
        objection_until=today() + dt.timedelta(days=14),
        evidence=Evidence.LETTER,
        answers={},
        scope="Leerresultaten en de zorgen over de kring",
    )
    response = page(client, world.parent_with_authority, url("portal:case", world.case_a1))
    content = response.content.decode()
    assert "Leerresultaten en de zorgen over de kring" in content
    assert in_dutch("I object") in content
    client.post(url("portal:consent-answer", world.case_a1, record), {"answer": "refused"})
    assert record.answers.get().answer == "refused"


def test_answers_that_are_not_offered_are_refused(client, world):
    record = consent.give(world.case_a1, world.ib_a, "school_care_team")
    login_verified(client, world.parent_with_authority)
    response = client.post(url("portal:consent-answer", world.case_a1, record), {"answer": "refused"})
    assert response.status_code == 302 and record.answers.get().answer == "given"
    assert (
        client.post(url("portal:consent-answer", world.case_a1, MISSING), {"answer": "given"}).status_code
        == 404
    )
    login_verified(client, world.ib_a)
    assert (
        client.post(url("portal:consent-answer", world.case_a1, record), {"answer": "withdrawn"}).status_code
        == 403
    )


def test_a_parent_of_a_pupil_of_16_is_shown_consent_but_does_not_answer(client, world):
    user, _link = parent_of_16(world)
    record = consent.give(world.case_16, world.ib_b, "school_care_team")
    response = page(client, user, url("portal:case", world.case_16))
    item = response.context["forums"][0].items[0]
    assert item.choices == [] and item.note
    client.post(url("portal:consent-answer", world.case_16, record), {"answer": "withdrawn"})
    assert record.answers.get().answer == "given"  # the pupil's answer stands
    login_verified(client, world.pupil_user)
    client.post(url("portal:consent-answer", world.case_16, record), {"answer": "withdrawn"})
    assert record.answers.get().answer == "withdrawn"


def test_a_parent_adds_a_question_the_school_sees(client, world):
    login_verified(client, world.parent_with_authority)
    response = client.post(
        url("portal:contribute", world.case_a1), {"kind": "question", "text": "Mag ik langskomen?"}
    )
    assert response.status_code == 302
    login_verified(client, world.ib_a)
    staff_page = client.get(url("cases:case-detail", world.case_a1))
    assert b"Mag ik langskomen?" in staff_page.content
    assert last_event("case.family_contribution_added").changes == {"kind": "question", "party": "guardian"}


def test_a_refused_contribution_keeps_what_was_typed(client, world):
    login_verified(client, world.parent_with_authority)
    response = client.post(url("portal:contribute", world.case_a1), {"kind": "", "text": "Mijn verhaal"})
    assert response.status_code == 200 and response.context["contribution"].errors["kind"]
    assert b"Mijn verhaal" in response.content
    response = client.post(url("portal:contribute", world.case_a1), {"kind": "view", "text": "   "})
    assert response.status_code == 200 and response.context["contribution"].errors
    login_verified(client, world.teacher)
    assert (
        client.post(url("portal:contribute", world.case_a1), {"kind": "view", "text": "x"}).status_code == 403
    )


def test_the_case_page_takes_the_same_number_of_queries_as_the_records_grow(client, world):
    current_plan(world.case_a1, world.ib_a)
    consent.give(world.case_a1, world.ib_a, "school_care_team")
    login_verified(client, world.parent_with_authority)
    address = url("portal:case", world.case_a1)
    few = count_queries(client, address)
    add_events(world.case_a1, 30, [world.ib_a, world.teacher])
    consent.give(world.case_a1, world.ib_a, "regional_team")
    consent.give(world.case_a1, world.ib_a, "school_care_team")
    assert count_queries(client, address) == few


# --- Who looked at the record ------------------------------------------------------------------------------------


def test_the_access_log_shows_role_and_organisation_never_staff_names(client, world):
    login_verified(client, world.ib_a)
    client.get(url("pupils:pupil-detail", world.pupil_a1))
    client.get(url("cases:case-detail", world.case_a1))
    response = page(client, world.parent_with_authority, url("portal:access-log", world.pupil_a1))
    assert response.status_code == 200
    rows = response.context["rows"]
    staff = [r for r in rows if r.organisation == world.school_a.name]
    assert staff and {r.role for r in staff} >= {in_dutch("Care coordinator")}
    content = response.content.decode()
    for name in (world.ib_a.get_full_name(), world.ib_a.last_name, world.ib_a.username):
        assert name not in content
    row = last_event("portal.access_log_viewed")
    assert row.pupil_uuid == world.pupil_a1.uuid


def test_the_access_log_leaves_out_the_viewers_own_visits(client, world):
    login_verified(client, world.parent_with_authority)
    client.get(url("portal:child", world.pupil_a1))
    rows = client.get(url("portal:access-log", world.pupil_a1)).context["rows"]
    assert not any(r.role == in_dutch("Parent or guardian") for r in rows)


def test_the_access_log_for_outsiders_and_staff(client, world):
    address = url("portal:access-log", world.pupil_a1)
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, address, url("portal:access-log", MISSING))
    login_verified(client, world.ib_a)
    assert client.get(address).status_code == 403
    assert not AuditEvent.objects.filter(event="portal.access_log_viewed").exists()


def test_the_access_log_takes_the_same_number_of_queries_as_the_log_grows(client, world):
    login_verified(client, world.ib_a)
    client.get(url("pupils:pupil-detail", world.pupil_a1))
    login_verified(client, world.parent_with_authority)
    address = url("portal:access-log", world.pupil_a1)
    few = count_queries(client, address)
    for user in (world.ib_a, world.head_a, world.teacher, world.zorgteam_member):
        login_verified(client, user)
        for _ in range(3):
            client.get(url("pupils:pupil-detail", world.pupil_a1))
    login_verified(client, world.parent_with_authority)
    assert count_queries(client, address) == few


# --- The pupil's choice about informing a parent ------------------------------------------------------------------


def test_the_pupil_refuses_a_parent_who_then_loses_access_on_the_next_request(client, world):
    user, link = parent_of_16(world)
    login_verified(client, user)
    assert client.get(url("portal:child", world.pupil_16)).status_code == 200
    login_verified(client, world.pupil_user)
    address = url("portal:informing", world.pupil_16)
    form_page = client.get(address)
    assert form_page.status_code == 200
    response = client.post(address, {str(link.guardian.uuid): "refused"})
    assert response.status_code == 302
    assert PupilGuardian.objects.get(pk=link.pk).pupil_informing == "refused"
    assert last_event("pupil.informing_set").actor_uuid == world.pupil_user.uuid
    login_verified(client, user)
    assert client.get(url("portal:child", world.pupil_16)).status_code == 404
    assert client.get(url("portal:case", world.case_16)).status_code == 404
    assert principal.load(user).guarded_pupil_ids == set()


def test_an_adult_pupils_parent_sees_the_record_only_after_the_pupil_agrees(client, world):
    user, link = parent_of_16(world)
    make_age(world.pupil_16, 18)
    login_verified(client, user)
    assert client.get(url("portal:child", world.pupil_16)).status_code == 404
    login_verified(client, world.pupil_user)
    client.post(url("portal:informing", world.pupil_16), {str(link.guardian.uuid): "agreed"})
    login_verified(client, user)
    assert client.get(url("portal:child", world.pupil_16)).status_code == 200


def test_the_informing_page_is_the_pupils_own(client, world):
    user, _link = parent_of_16(world)
    address = url("portal:informing", world.pupil_16)
    login_verified(client, user)
    assert client.get(address).status_code == 403
    login_verified(client, world.ib_b)
    assert client.get(address).status_code == 403
    login_verified(client, world.ib_a)
    assert_same_as_missing(client, address, url("portal:informing", MISSING))
    login_verified(client, world.pupil_user)
    response = client.post(address, {})
    assert response.status_code == 200 and response.context["form"].errors


def test_notes_for_parents_written_after_a_refusal_stay_hidden_from_that_parent(client, world):
    user, link = parent_of_16(world)
    PupilGuardian.objects.filter(pk=link.pk).update(pupil_informing="refused")
    note_add(actor=world.ib_b, case=world.case_16, text="Nieuwe afspraak", visibility=Visibility.PARENTS)
    login_verified(client, user)
    assert page(client, user, HOME).context["children"] == []
