"""The triage inbox (cases:signal-inbox) and the triage decision page (cases:signal-triage)."""

import uuid

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services
from zorgroute.cases.constants import Severity, SignalStatus
from zorgroute.cases.models import Case, Signal
from zorgroute.cases.tests.signal_helpers import grow
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified, page_fingerprint

pytestmark = pytest.mark.django_db
INBOX = reverse("cases:signal-inbox")


def triage_url(signal):
    return reverse("cases:signal-triage", args=[signal.uuid])


# --- inbox --------------------------------------------------------------------------------------------------------


def test_the_care_coordinator_sees_the_new_signals_of_their_school_most_severe_first(client, world):
    acute = services.signal_create(
        actor=world.teacher,
        pupil=world.pupil_a1,
        severity=Severity.ACUTE,
        observed_behaviour="Blauwe plekken",
    )
    services.signal_keep_in_class(actor=world.ib_a, signal=world.signal_a2, reason="Gaat goed nu")
    login_verified(client, world.ib_a)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [acute, world.signal_a1]
    row = response.context["page"].object_list[1]
    assert row.open_case_uuid == world.case_a1.uuid  # Sanne already has a case: offer to add the signal to it
    content = response.content.decode()
    assert "Lotte" not in content  # school B
    assert "Daan" not in content  # already triaged


def test_viewing_the_inbox_is_audited_with_the_count(client, world):
    login_verified(client, world.ib_a)
    client.get(INBOX)
    event = AuditEvent.objects.filter(event="signal.listed").latest("seq")
    assert event.actor_uuid == world.ib_a.uuid and event.changes == {"results": 2}


@pytest.mark.parametrize("persona", ["teacher", "head_a", "parent_with_authority", "zat_chair", "nobody"])
def test_who_does_not_triage_gets_403(client, world, persona):
    login_verified(client, getattr(world, persona))
    assert client.get(INBOX).status_code == 403


def test_anonymous_goes_to_login(client, world):
    assert client.get(INBOX)["Location"].startswith(reverse("accounts:login"))
    assert client.post(triage_url(world.signal_a1), {"decision": "open"})["Location"].startswith(
        reverse("accounts:login")
    )


def test_inbox_query_count_is_constant_as_signals_grow(client, world):
    login_verified(client, world.ib_a)
    grow(world, 2)
    small = count_queries(client, INBOX)
    grow(world, 12, start=2)
    assert count_queries(client, INBOX) == small


# --- decisions ----------------------------------------------------------------------------------------------------


def test_the_triage_page_shows_the_signal_and_the_decisions(client, world):
    login_verified(client, world.ib_a)
    response = client.get(triage_url(world.signal_a1))
    assert response.status_code == 200
    assert response.context["open_case_uuid"] == world.case_a1.uuid
    assert "Sanne trekt zich terug in de kring." in response.content.decode()


def test_opening_a_case(client, world):
    login_verified(client, world.ib_a)
    response = client.post(triage_url(world.signal_a2), {"decision": "open"})
    world.signal_a2.refresh_from_db()
    assert world.signal_a2.status == SignalStatus.CASE_OPENED
    case = Case.objects.get(pupil=world.pupil_a2, status="open")
    assert response.status_code == 302  # straight to the new case
    assert response["Location"] == reverse("cases:case-detail", kwargs={"case_uuid": case.uuid})
    assert AuditEvent.objects.filter(event="signal.triaged", target_uuid=world.signal_a2.uuid).exists()


def test_opening_a_second_case_shows_the_refusal_on_the_page(client, world):
    login_verified(client, world.ib_a)
    response = client.post(triage_url(world.signal_a1), {"decision": "open"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.NEW


def test_linking_to_the_open_case(client, world):
    login_verified(client, world.ib_a)
    response = client.post(triage_url(world.signal_a1), {"decision": "link", "case": world.case_a1.uuid})
    assert response.status_code == 302
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.LINKED and world.signal_a1.case == world.case_a1


def test_linking_to_another_pupils_case_is_refused(client, world):
    login_verified(client, world.ib_a)
    response = client.post(triage_url(world.signal_a2), {"decision": "link", "case": world.case_a1.uuid})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    world.signal_a2.refresh_from_db()
    assert world.signal_a2.status == SignalStatus.NEW


def test_linking_to_a_case_of_another_school_is_404(client, world):
    login_verified(client, world.ib_a)
    response = client.post(triage_url(world.signal_a1), {"decision": "link", "case": world.case_b1.uuid})
    assert response.status_code == 404
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.NEW


def test_keeping_in_class_needs_a_reason(client, world):
    login_verified(client, world.ib_a)
    response = client.post(triage_url(world.signal_a2), {"decision": "keep", "reason": " "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert b'aria-invalid="true"' in response.content
    response = client.post(
        triage_url(world.signal_a2), {"decision": "keep", "reason": "Leerkracht observeert"}
    )
    assert response.status_code == 302
    world.signal_a2.refresh_from_db()
    assert world.signal_a2.status == SignalStatus.KEPT_IN_CLASS
    assert world.signal_a2.triage_reason == "Leerkracht observeert"


def test_an_already_triaged_signal_shows_its_outcome_and_refuses_a_second_decision(client, world):
    services.signal_keep_in_class(actor=world.ib_a, signal=world.signal_a2, reason="Al besproken")
    login_verified(client, world.ib_a)
    page = client.get(triage_url(world.signal_a2)).content.decode()
    assert "Al besproken" in page and 'name="decision"' not in page
    response = client.post(triage_url(world.signal_a2), {"decision": "open"})
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Case.objects.filter(pupil=world.pupil_a2).exists()


def test_the_reporting_teacher_may_see_but_not_triage_their_signal(client, world):
    login_verified(client, world.teacher)
    for data in ({"decision": "open"}, {"decision": "keep", "reason": "zelf"}, {}):
        assert client.post(triage_url(world.signal_a1), data).status_code == 403
    assert client.get(triage_url(world.signal_a1)).status_code == 403
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.NEW


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_outsider_gets_the_same_404_as_for_a_missing_signal(client, world, method):
    login_verified(client, world.ib_b)
    missing = reverse("cases:signal-triage", args=[uuid.uuid4()])
    data = {"decision": "keep", "reason": "x"} if method == "post" else None
    outsider = getattr(client, method)(triage_url(world.signal_a1), data)
    absent = getattr(client, method)(missing, data)
    assert outsider.status_code == absent.status_code == 404
    assert page_fingerprint(outsider.content, triage_url(world.signal_a1)) == page_fingerprint(
        absent.content, missing
    )
    world.signal_a1.refresh_from_db()
    assert world.signal_a1.status == SignalStatus.NEW


def test_a_signal_about_a_pupil_who_moved_school_cannot_open_a_case_at_the_new_school(client, world):
    pupil = f.PupilFactory.enrolled(world.group_a2)
    signal = services.signal_create(
        actor=world.ib_a, pupil=pupil, severity=Severity.LOW, observed_behaviour="Verhuist binnenkort"
    )
    pupil.current_school, pupil.current_group = world.school_b, world.group_b1
    pupil.save()
    login_verified(client, world.ib_a)
    assert client.post(triage_url(signal), {"decision": "open"}).status_code == 403
    assert Signal.objects.get(pk=signal.pk).status == SignalStatus.NEW
