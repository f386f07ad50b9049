"""The care coordinator's page about a pupil's family logins: invitations and the pupil's choice about informing."""

import pytest
from django.core import mail

from zorgroute.accounts.models import Invitation
from zorgroute.cases.tests.case_helpers import MISSING, assert_same_as_missing, last_event, url
from zorgroute.portal.tests.helpers import make_age, new_guardian
from zorgroute.pupils.models import PupilGuardian
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def test_the_page_shows_each_guardians_right_and_login_and_is_audited(client, world):
    login_verified(client, world.ib_a)
    response = client.get(url("portal:family-access", world.pupil_a1))
    assert response.status_code == 200
    members = {m.link.guardian.user: m for m in response.context["members"]}
    assert members[world.parent_with_authority].login.state == "active"
    assert members[world.parent_with_authority].right == "full"
    assert members[world.parent_without_authority].right == "important_on_request"
    assert not members[world.parent_without_authority].may_invite
    assert last_event("pupil.viewed").pupil_uuid == world.pupil_a1.uuid
    assert not response.context["pupil_decides"]
    pupil_page = client.get(url("pupils:pupil-detail", world.pupil_a1))
    assert url("portal:family-access", world.pupil_a1).encode() in pupil_page.content


def test_the_page_for_outsiders_teachers_and_anonymous(client, world):
    address = url("portal:family-access", world.pupil_a1)
    assert client.get(address).status_code == 302
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, address, url("portal:family-access", MISSING))
    login_verified(client, world.teacher)  # sees the pupil, does not invite
    assert client.get(address).status_code == 403
    assert (
        url("portal:family-access", world.pupil_a1).encode()
        not in client.get(url("pupils:pupil-detail", world.pupil_a1)).content
    )
    login_verified(client, world.parent_with_authority)
    assert client.get(address).status_code == 403


def test_the_care_coordinator_invites_a_guardian_by_e_mail(client, world, django_capture_on_commit_callbacks):
    link = new_guardian(world.pupil_a1)
    key = str(link.guardian.uuid)
    login_verified(client, world.ib_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("portal:invite-guardian", world.pupil_a1, key), {f"g{key[:8]}-email": "nieuw@example.org"}
        )
    assert response.status_code == 302
    assert mail.outbox[0].to == ["nieuw@example.org"]
    assert "http://testserver/account/uitnodiging/" in mail.outbox[0].body
    assert last_event("account.invited").actor_uuid == world.ib_a.uuid
    member = next(
        m
        for m in client.get(url("portal:family-access", world.pupil_a1)).context["members"]
        if m.link == link
    )
    assert member.login.state == "invited"


def test_a_refused_invitation_keeps_the_address_on_the_page(client, world):
    link = new_guardian(world.pupil_a1)
    key = str(link.guardian.uuid)
    login_verified(client, world.ib_a)
    response = client.post(
        url("portal:invite-guardian", world.pupil_a1, key), {f"g{key[:8]}-email": "geen adres"}
    )
    assert response.status_code == 200 and b"geen adres" in response.content
    father = world.parent_without_authority.guardian_profile
    response = client.post(
        url("portal:invite-guardian", world.pupil_a1, father.uuid),
        {f"g{str(father.uuid)[:8]}-email": "v@example.org"},
    )
    assert response.status_code == 200 and b"v@example.org" in response.content  # no right: a clear message
    assert not Invitation.objects.exists()
    assert client.post(url("portal:invite-guardian", world.pupil_a1, MISSING), {}).status_code == 404
    login_verified(client, world.teacher)
    assert client.post(url("portal:invite-guardian", world.pupil_a1, key), {}).status_code == 403


def test_the_care_coordinator_invites_the_pupil_of_16(client, world, django_capture_on_commit_callbacks):
    world.pupil_16.user = None
    world.pupil_16.save(update_fields=["user"])
    login_verified(client, world.ib_b)
    page = client.get(url("portal:family-access", world.pupil_16))
    assert page.context["pupil_decides"] and page.context["pupil_login"].state == "none"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("portal:invite-pupil", world.pupil_16), {"pupil-email": "bram@example.org"}
        )
    assert response.status_code == 302 and mail.outbox[0].to == ["bram@example.org"]
    world.pupil_16.refresh_from_db()
    assert world.pupil_16.user.username == "bram@example.org"


def test_a_pupil_under_16_is_not_invited(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("portal:invite-pupil", world.pupil_a1), {"pupil-email": "sanne@example.org"})
    assert response.status_code == 200 and response.context["pupil_form"].errors
    assert not Invitation.objects.exists()


def test_the_care_coordinator_records_the_pupils_refusal(client, world):
    link = new_guardian(world.pupil_16)
    key = str(link.guardian.uuid)
    login_verified(client, world.ib_b)
    response = client.post(
        url("portal:staff-informing", world.pupil_16, key), {f"i{key[:8]}-choice": "refused"}
    )
    assert response.status_code == 302
    assert PupilGuardian.objects.get(pk=link.pk).pupil_informing == "refused"
    assert last_event("pupil.informing_set").actor_uuid == world.ib_b.uuid


def test_a_refusal_is_not_recorded_for_a_pupil_under_16(client, world):
    link = world.pupil_a1.guardian_links.get(authority="joint")
    key = str(link.guardian.uuid)
    login_verified(client, world.ib_a)
    response = client.post(
        url("portal:staff-informing", world.pupil_a1, key), {f"i{key[:8]}-choice": "refused"}
    )
    assert response.status_code == 200
    assert PupilGuardian.objects.get(pk=link.pk).pupil_informing == ""
    login_verified(client, world.teacher)
    assert client.post(url("portal:staff-informing", world.pupil_a1, key), {}).status_code == 403


def test_the_page_takes_the_same_number_of_queries_as_guardians_and_invitations_grow(client, world):
    make_age(world.pupil_16, 17)
    login_verified(client, world.ib_b)
    address = url("portal:family-access", world.pupil_16)
    new_guardian(world.pupil_16)
    few = count_queries(client, address)
    for _ in range(3):
        new_guardian(world.pupil_16)
    assert count_queries(client, address) == few
