import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.testing import factories as f
from zorgroute.testing.auth import login_verified, page_fingerprint

pytestmark = pytest.mark.django_db


def url(pupil):
    return reverse("pupils:pupil-detail", args=[pupil.uuid])


def test_it_shows_the_pupil_to_their_teacher_and_audits_the_view(client, world):
    login_verified(client, world.teacher)
    response = client.get(url(world.pupil_a1))
    assert response.status_code == 200
    assert "Sanne" in response.content.decode()
    event = AuditEvent.objects.filter(event="pupil.viewed").get()
    assert event.pupil_uuid == world.pupil_a1.uuid
    assert event.actor_uuid == world.teacher.uuid
    assert event.actor_role == "teacher"
    assert event.request_id


def test_it_redirects_anonymous_users_to_login(client, world):
    response = client.get(url(world.pupil_a1))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_it_answers_an_outsider_exactly_as_for_a_missing_pupil(client, world):
    login_verified(client, world.ib_b)
    hidden_url = url(world.pupil_a1)
    missing_url = reverse("pupils:pupil-detail", args=["00000000-0000-0000-0000-000000000000"])
    hidden, missing = client.get(hidden_url), client.get(missing_url)
    assert hidden.status_code == missing.status_code == 404
    assert page_fingerprint(hidden.content, hidden_url) == page_fingerprint(missing.content, missing_url)
    assert not AuditEvent.objects.filter(event="pupil.viewed").exists()


def test_it_hides_another_groups_pupil_from_a_teacher(client, world):
    login_verified(client, world.teacher)
    assert client.get(url(world.pupil_a2)).status_code == 404


def test_it_shows_identifiers_to_the_care_coordinator_only(client, world):
    login_verified(client, world.ib_a)
    assert world.pupil_a1.bsn in client.get(url(world.pupil_a1)).content.decode()
    client.logout()
    login_verified(client, world.teacher)
    assert world.pupil_a1.bsn not in client.get(url(world.pupil_a1)).content.decode()


def test_a_guardian_with_authority_sees_their_child_and_one_without_does_not(client, world):
    login_verified(client, world.parent_with_authority)
    assert client.get(url(world.pupil_a1)).status_code == 200
    client.logout()
    login_verified(client, world.parent_without_authority)
    assert client.get(url(world.pupil_a1)).status_code == 404


def test_the_page_shows_guardians_with_their_authority(client, world):
    login_verified(client, world.ib_a)
    content = client.get(url(world.pupil_a1)).content.decode()
    assert "Gezamenlijk gezag" in content or "Joint authority" in content
    assert "Geen gezag" in content or "No authority" in content


def test_query_count_is_constant_when_pupils_and_guardians_grow(client, world):
    from zorgroute.testing.auth import count_queries

    login_verified(client, world.ib_a)
    for _ in range(2):
        f.PupilGuardianFactory(pupil=world.pupil_a1)
    small = count_queries(client, url(world.pupil_a1))
    for _ in range(20):
        f.PupilGuardianFactory(pupil=world.pupil_a1)
    f.PupilFactory.create_batch(30, current_school=world.school_a, current_group=world.group_a1)
    assert count_queries(client, url(world.pupil_a1)) == small


def test_a_parent_does_not_see_the_other_parents_details(client, world):
    login_verified(client, world.parent_with_authority)
    response = client.get(url(world.pupil_a1))
    assert response.context["guardian_links"] == []
