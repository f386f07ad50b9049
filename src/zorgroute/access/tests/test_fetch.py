import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from zorgroute.access import fetch
from zorgroute.access.actions import Action as A
from zorgroute.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_it_returns_a_visible_pupil_and_audits_the_read(world):
    pupil = fetch.access_pupil(world.teacher, str(world.pupil_a1.uuid))
    assert pupil == world.pupil_a1
    event = AuditEvent.objects.get(event="pupil.viewed")
    assert event.pupil_uuid == pupil.uuid
    assert event.authorization == "rules/1:pupil.view:teacher:teaches_pupil"


@pytest.mark.parametrize("key", ["not-a-uuid", None, 12, "6f1c2a4e-0000-4000-8000-000000000000"])
def test_it_raises_404_for_malformed_or_missing_keys(world, key):
    with pytest.raises(Http404):
        fetch.access_pupil(world.ib_a, key)


def test_it_raises_404_for_an_outsider_and_writes_no_read_event(world):
    with pytest.raises(Http404):
        fetch.access_pupil(world.ib_b, world.pupil_a1.uuid)
    assert not AuditEvent.objects.filter(event="pupil.viewed").exists()


def test_it_raises_403_when_visible_but_the_action_is_not_allowed(world):
    with pytest.raises(PermissionDenied):
        fetch.access_pupil(world.teacher, world.pupil_a1.uuid, A.PUPIL_EDIT)
    with pytest.raises(PermissionDenied):
        fetch.access_school(world.ib_a, world.school_a.uuid, A.SCHOOL_MANAGE)
    with pytest.raises(PermissionDenied):
        fetch.access_careteam(world.zat_member, world.zat.uuid, A.CARETEAM_MANAGE)
    with pytest.raises(PermissionDenied):
        fetch.access_partner(world.teacher, world.partner_jgz.uuid, A.PARTNER_MANAGE)
    with pytest.raises(PermissionDenied):
        fetch.access_region(world.municipality_analyst, world.region.uuid, A.REGION_MANAGE)


def test_it_fetches_every_kind_of_configuration_object_for_the_right_role(world):
    admin = world.functional_admin
    assert fetch.access_school(admin, world.school_a.uuid, A.SCHOOL_MANAGE) == world.school_a
    assert fetch.access_region(admin, world.region.uuid, A.REGION_MANAGE) == world.region
    assert fetch.access_partner(admin, world.partner_jgz.uuid, A.PARTNER_MANAGE) == world.partner_jgz
    assert fetch.access_careteam(admin, world.zat.uuid, A.CARETEAM_MANAGE) == world.zat
    with pytest.raises(Http404):
        fetch.access_region(admin, world.other_region.uuid)


def test_require_passes_or_raises_403(world):
    fetch.require(world.privacy_officer, A.AUDIT_VIEW)
    with pytest.raises(PermissionDenied):
        fetch.require(world.teacher, A.AUDIT_VIEW)


def test_it_does_not_write_a_read_event_for_other_actions(world):
    assert fetch.access_pupil(world.ib_a, world.pupil_a1.uuid, A.PUPIL_EDIT) == world.pupil_a1
    assert not AuditEvent.objects.filter(event="pupil.viewed").exists()


def test_case_signal_and_group_fetchers(world):
    assert fetch.access_case(world.teacher, world.case_a1.uuid) == world.case_a1
    event = AuditEvent.objects.filter(event="case.viewed").latest("seq")
    assert event.case_uuid == world.case_a1.uuid and event.pupil_uuid == world.pupil_a1.uuid
    assert fetch.access_case(world.ib_a, world.case_a1.uuid, A.CASE_MANAGE) == world.case_a1
    with pytest.raises(PermissionDenied):
        fetch.access_case(world.teacher, world.case_a1.uuid, A.CASE_MANAGE)
    with pytest.raises(Http404):
        fetch.access_case(world.ib_b, world.case_a1.uuid)
    assert fetch.access_signal(world.teacher, world.signal_a1.uuid) == world.signal_a1
    with pytest.raises(Http404):
        fetch.access_signal(world.teacher, world.signal_a2.uuid)
    assert fetch.access_group(world.teacher, world.group_a1.uuid) == world.group_a1
    with pytest.raises(Http404):
        fetch.access_group(world.teacher, world.group_a2.uuid)


def test_reading_a_signal_is_audited(world):
    fetch.access_signal(world.ib_a, world.signal_a1.uuid, A.SIGNAL_TRIAGE)
    event = AuditEvent.objects.filter(event="signal.viewed").latest("seq")
    assert event.pupil_uuid == world.pupil_a1.uuid and event.actor_role == "care_coordinator"


def test_the_familys_portal_reads_are_audited_like_staff_reads(world):
    fetch.access_pupil(world.parent_with_authority, world.pupil_a1.uuid, A.PORTAL_VIEW)
    fetch.access_case(world.pupil_user, world.case_16.uuid, A.PORTAL_VIEW)
    pupil_read = AuditEvent.objects.get(event="pupil.viewed")
    assert pupil_read.authorization == "rules/1:portal.view:guardian:guardian_of_pupil"
    case_read = AuditEvent.objects.get(event="case.viewed")
    assert (case_read.case_uuid, case_read.actor_role) == (world.case_16.uuid, "pupil")
    fetch.access_pupil(
        world.parent_with_authority, world.pupil_a1.uuid, A.ACCESS_LOG_VIEW
    )  # not a read by itself
    assert AuditEvent.objects.filter(event="pupil.viewed").count() == 1
