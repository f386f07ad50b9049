"""A forum member reads a case's summary only through access_case_summary, while it is on their agenda."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from zorgroute.access import fetch
from zorgroute.access.actions import Action
from zorgroute.access.principal import forget
from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services as case_services

pytestmark = pytest.mark.django_db


def test_a_member_reads_the_summary_of_a_case_on_the_agenda_and_nothing_else(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    objects = forum_objects(world, other)
    case = fetch.access_case_summary(world.zat_member, world.case_a1.uuid)
    assert case == world.case_a1
    row = AuditEvent.objects.filter(event="case.summary_viewed").latest("seq")
    assert row.actor_uuid == world.zat_member.uuid and row.actor_role == "team_member"
    for hidden in (world.case_16, other):  # consent withdrawn; on a meeting whose access ended
        with pytest.raises(Http404):
            fetch.access_case_summary(world.zat_member, hidden.uuid)
    with pytest.raises(Http404):  # the summary, never the case page
        fetch.access_case(world.zat_member, world.case_a1.uuid)
    meeting = fetch.access_meeting(world.zat_member, objects["meeting_zat"].uuid)
    assert meeting.team == world.zat
    with pytest.raises(PermissionDenied):  # sees it, may not run it
        fetch.access_meeting(world.zat_member, meeting.uuid, Action.MEETING_MANAGE)
    with pytest.raises(Http404):
        fetch.access_meeting(world.zat_member, objects["meeting_zorgteam"].uuid)
    forget(world.zat_member)
