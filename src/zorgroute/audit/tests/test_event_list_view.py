import pytest
from django.urls import reverse

from zorgroute import audit
from zorgroute.audit.models import AuditEvent
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db
URL = reverse("audit:event-list")


def test_the_privacy_officer_sees_the_log_and_the_viewing_is_audited(client, world):
    audit.record("pupil.viewed", actor=world.teacher, target=world.pupil_a1, pupil=world.pupil_a1)
    login_verified(client, world.privacy_officer)
    response = client.get(URL)
    assert response.status_code == 200
    assert "pupil.viewed" in response.content.decode()
    assert AuditEvent.objects.filter(event="audit.viewed", actor_uuid=world.privacy_officer.uuid).exists()


def test_it_filters_on_a_pupil_user_and_event(client, world):
    audit.record("pupil.viewed", actor=world.teacher, target=world.pupil_a1, pupil=world.pupil_a1)
    audit.record("pupil.viewed", actor=world.ib_b, target=world.pupil_b1, pupil=world.pupil_b1)
    login_verified(client, world.privacy_officer)
    by_pupil = client.get(URL, {"leerling": str(world.pupil_a1.uuid)})
    assert set(by_pupil.context["page"].object_list.values_list("pupil_uuid", flat=True)) == {
        world.pupil_a1.uuid
    }
    by_user = client.get(URL, {"gebruiker": str(world.ib_b.uuid), "gebeurtenis": "pupil.viewed"})
    assert [e.actor_uuid for e in by_user.context["page"].object_list] == [world.ib_b.uuid]
    junk = client.get(URL, {"gebruiker": "nonsense", "gebeurtenis": "no.such.event"})
    assert junk.status_code == 200 and junk.context["selected_event"] == ""


def test_anonymous_is_sent_to_login_and_other_roles_get_403(client, world):
    assert client.get(URL).status_code == 302
    login_verified(client, world.ib_a)
    assert client.get(URL).status_code == 403


def test_query_count_does_not_grow_with_the_log(client, world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login_verified(client, world.privacy_officer)
    client.get(URL)  # the first request after login renews the session (a write the later ones skip)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    for _ in range(5):
        audit.record("pupil.viewed", actor=world.teacher, target=world.pupil_a1, pupil=world.pupil_a1)
    small = count()
    for _ in range(50):
        audit.record("pupil.viewed", actor=world.teacher, target=world.pupil_a1, pupil=world.pupil_a1)
    assert count() == small
