"""Who sat at the table for a case (parents, pupil, teacher) and a gap in the care offer with its kind of care
(issue 6): the service, the form's validation and the discussion page."""

import pytest
from django.urls import reverse

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import in_dutch
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.meetings.meeting_forms import DiscussionForm
from zorgroute.meetings.models import AgendaItem, CaseDiscussion
from zorgroute.meetings.services import discussions
from zorgroute.referrals.models import CareKind
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

GAP = "Geen plek bij de jeugd-GGZ binnen zes weken."


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


@pytest.fixture
def kinds(world):
    return {
        "ggz": CareKind.objects.create(region=world.region, name="Jeugd-GGZ", position=1),
        "youth": CareKind.objects.create(region=world.region, name="Jeugdhulp", position=2),
        "old": CareKind.objects.create(region=world.region, name="Oude vorm", position=3, is_active=False),
        "elsewhere": CareKind.objects.create(region=world.other_region, name="Jeugd-GGZ"),
    }


def _item(world, forum):
    return AgendaItem.objects.get(meeting=forum["meeting_zat"], case=world.case_a1)


def url(meeting, item):
    return reverse("forum:discussion-edit", args=[meeting.uuid, getattr(item, "uuid", item)])


# --- the service ------------------------------------------------------------------------------------------------


def test_it_records_presence_and_the_kind_of_care_and_audits_field_names_only(world, forum, kinds):
    item = _item(world, forum)
    discussion = discussions.discussion_record(
        actor=world.zat_chair,
        item=item,
        parents_present=True,
        teacher_present=True,
        bottleneck=GAP,
        bottleneck_kind=kinds["ggz"],
    )
    discussion.refresh_from_db()
    assert (discussion.parents_present, discussion.pupil_present, discussion.teacher_present) == (
        True,
        False,
        True,
    )
    assert discussion.bottleneck == GAP and discussion.bottleneck_kind == kinds["ggz"]
    row = AuditEvent.objects.filter(event="discussion.recorded").latest("seq")
    assert row.changes["created"] is True
    assert row.changes["fields"] == ["bottleneck", "bottleneck_kind", "parents_present", "teacher_present"]
    assert GAP not in str(row.changes) and "Jeugd-GGZ" not in str(row.changes)

    discussions.discussion_record(
        actor=world.zat_chair, item=item, parents_present=True, pupil_present=True, teacher_present=True,
        bottleneck=GAP, bottleneck_kind=kinds["youth"],
    )  # fmt: skip
    again = AuditEvent.objects.filter(event="discussion.recorded").latest("seq")
    assert again.changes["created"] is False
    assert again.changes["fields"] == ["bottleneck_kind", "pupil_present"]  # only what changed
    discussion.refresh_from_db()
    assert discussion.pupil_present and discussion.bottleneck_kind == kinds["youth"]


def test_a_gap_needs_its_kind_of_care_of_the_meetings_region(world, forum, kinds):
    item = _item(world, forum)
    with pytest.raises(ValidationError) as missing:
        discussions.discussion_record(actor=world.zat_chair, item=item, bottleneck=GAP)
    assert missing.value.field == "bottleneck_kind"
    with pytest.raises(ValidationError) as foreign:
        discussions.discussion_record(
            actor=world.zat_chair, item=item, bottleneck=GAP, bottleneck_kind=kinds["elsewhere"]
        )
    assert foreign.value.field == "bottleneck_kind"
    assert not CaseDiscussion.objects.filter(item=item).exists()
    assert not AuditEvent.objects.filter(event="discussion.recorded").exists()
    # A kind without a note is allowed (the kind is the note); blank text needs no kind.
    discussions.discussion_record(actor=world.zat_chair, item=item, bottleneck="   ")
    assert CaseDiscussion.objects.get(item=item).bottleneck_kind is None


def test_presence_cannot_change_once_the_minutes_are_final(world, forum):
    item = _item(world, forum)
    AgendaItem.objects.filter(meeting=item.meeting).exclude(pk=item.pk).delete()
    discussions.discussion_record(actor=world.zat_chair, item=item, verwijsindex="no")
    discussions.meeting_finalise(actor=world.zat_chair, meeting=item.meeting)
    item.meeting.refresh_from_db()
    with pytest.raises(DomainError):
        discussions.discussion_record(actor=world.zat_chair, item=item, parents_present=True)
    assert CaseDiscussion.objects.get(item=item).parents_present is False


# --- the form ---------------------------------------------------------------------------------------------------


def _form(world, data):
    return DiscussionForm(
        data,
        people=world.zat_chair.__class__.objects.none(),
        care_kinds=CareKind.objects.filter(region=world.region, is_active=True),
    )


def test_the_form_requires_a_kind_with_a_gap_and_offers_only_the_regions_active_kinds(world, kinds):
    form = _form(world, {"bottleneck": GAP})
    assert not form.is_valid()
    assert form.errors["bottleneck_kind"] == [
        in_dutch("Choose the kind of care the gap is in: the region counts gaps per kind of care.")
    ]
    for other in ("old", "elsewhere"):
        form = _form(world, {"bottleneck": GAP, "bottleneck_kind": kinds[other].uuid})
        assert not form.is_valid() and "bottleneck_kind" in form.errors, other
    form = _form(world, {"bottleneck": GAP, "bottleneck_kind": kinds["ggz"].uuid, "pupil_present": "on"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["bottleneck_kind"] == kinds["ggz"]
    assert (form.cleaned_data["parents_present"], form.cleaned_data["pupil_present"]) == (False, True)
    assert _form(world, {"bottleneck": "  "}).is_valid()


# --- the page ---------------------------------------------------------------------------------------------------


def test_the_chair_records_who_was_at_the_table_and_the_gap(client, world, forum, kinds):
    meeting, item = forum["meeting_zat"], _item(world, forum)
    login_verified(client, world.zat_chair)
    page = client.get(url(meeting, item))
    assert page.status_code == 200
    html = page.content.decode()
    for label in ("The parents were at the table", "The pupil was at the table", "Kind of care of the gap"):
        assert in_dutch(label) in html
    offered = [k for k, _label in page.context["form"].fields["bottleneck_kind"].choices if k]
    assert [str(k) for k in offered] == [str(kinds["ggz"].uuid), str(kinds["youth"].uuid)]

    refused = client.post(url(meeting, item), {"bottleneck": GAP, "parents_present": "on"})
    assert refused.status_code == 200
    assert refused.context["form"].errors["bottleneck_kind"]
    assert not CaseDiscussion.objects.filter(item=item).exists()

    data = {
        "bottleneck": GAP,
        "bottleneck_kind": kinds["ggz"].uuid,
        "parents_present": "on",
        "teacher_present": "on",
    }
    assert client.post(url(meeting, item), data).status_code == 302
    discussion = CaseDiscussion.objects.get(item=item)
    assert (discussion.parents_present, discussion.pupil_present, discussion.teacher_present) == (
        True,
        False,
        True,
    )
    assert discussion.bottleneck_kind == kinds["ggz"]
    row = AuditEvent.objects.filter(event="discussion.recorded").latest("seq")
    assert row.actor_uuid == world.zat_chair.uuid and "parents_present" in row.changes["fields"]

    shown = client.get(url(meeting, item))
    assert shown.context["form"].initial["parents_present"] is True
    assert shown.context["form"].initial["bottleneck_kind"] == kinds["ggz"].uuid
    checkbox = shown.content.decode().split('name="parents_present"')[1].split(">")[0]
    assert "checked" in checkbox


def test_a_kind_switched_off_later_stays_on_the_discussion_that_has_it(client, world, forum, kinds):
    meeting, item = forum["meeting_zat"], _item(world, forum)
    discussions.discussion_record(
        actor=world.zat_chair, item=item, bottleneck=GAP, bottleneck_kind=kinds["youth"]
    )
    CareKind.objects.filter(pk=kinds["youth"].pk).update(is_active=False)
    login_verified(client, world.zat_chair)
    page = client.get(url(meeting, item))
    offered = [str(k) for k, _label in page.context["form"].fields["bottleneck_kind"].choices if k]
    assert offered == [str(kinds["ggz"].uuid), str(kinds["youth"].uuid)]
    resaved = client.post(url(meeting, item), {"bottleneck": GAP, "bottleneck_kind": kinds["youth"].uuid})
    assert resaved.status_code == 302


def test_anonymous_users_get_the_login_outsiders_404_and_members_403(client, world, forum, kinds):
    meeting, item = forum["meeting_zat"], _item(world, forum)
    response = client.post(url(meeting, item), {"parents_present": "on"})
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    login_verified(client, world.ib_b)
    assert client.post(url(meeting, item), {"parents_present": "on"}).status_code == 404
    client.logout()
    login_verified(client, world.zat_member)
    assert client.post(url(meeting, item), {"parents_present": "on"}).status_code == 403
    assert not CaseDiscussion.objects.filter(item=item).exists()


def test_the_page_takes_as_many_queries_whatever_the_number_of_kinds_of_care(client, world, forum, kinds):
    meeting, item = forum["meeting_zat"], _item(world, forum)
    discussions.discussion_record(
        actor=world.zat_chair, item=item, bottleneck=GAP, bottleneck_kind=kinds["ggz"]
    )
    login_verified(client, world.zat_chair)
    before = count_queries(client, url(meeting, item))
    for n in range(6):
        CareKind.objects.create(region=world.region, name=f"Vorm {n}", position=10 + n)
    assert count_queries(client, url(meeting, item)) == before
