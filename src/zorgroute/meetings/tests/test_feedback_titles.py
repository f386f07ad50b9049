"""A feedback task (terugkoppeling) keeps its structured facts (to whom, after which forum) and each reader sees its
title in their own language, the recipient in lower case inside the sentence; the stored description is the product
language's text, never the finaliser's."""

import uuid

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import in_dutch
from zorgroute.meetings.constants import ActionKind, FeedbackTo
from zorgroute.meetings.models import AgendaItem, CaseAction
from zorgroute.meetings.services import discussions
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

TO_PARENTS = "Report the outcome of %(forum)s back to the parents"


@pytest.fixture
def finalised(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    meeting = forum_objects(world, other)["meeting_zat"]
    AgendaItem.objects.filter(meeting=meeting).exclude(case=world.case_a1).delete()
    item = AgendaItem.objects.get(meeting=meeting, case=world.case_a1)
    discussions.discussion_record(
        actor=world.zat_chair, item=item, verwijsindex="no", reports_to_parents=world.ib_a
    )
    with translation.override("en"):  # the finaliser reads English
        discussions.meeting_finalise(actor=world.zat_chair, meeting=meeting)
    return meeting


def test_the_task_stores_to_whom_and_after_which_forum(world, finalised):
    task = CaseAction.objects.get(kind=ActionKind.FEEDBACK, feedback_to=FeedbackTo.PARENTS)
    assert task.forum == world.zat and task.owner == world.ib_a
    with translation.override(settings.LANGUAGE_CODE):
        product = translation.gettext(TO_PARENTS) % {"forum": world.zat.name}
    assert task.description == product  # the product language, not the finaliser's English
    for language in ("en", "nl"):
        with translation.override(language):
            assert task.title == translation.gettext(TO_PARENTS) % {"forum": world.zat.name}
    assert "back to the parents" in TO_PARENTS and "The parents" not in task.title


def test_my_work_and_the_case_page_render_the_title_not_the_stored_text(client, world, finalised):
    CaseAction.objects.filter(kind=ActionKind.FEEDBACK).update(description="oude tekst")
    title = in_dutch(TO_PARENTS) % {"forum": world.zat.name}
    login_verified(client, world.ib_a)
    work = client.get(reverse("cases:my-work")).content.decode()
    assert title in work and "oude tekst" not in work
    page = client.get(reverse("cases:case-detail", args=[world.case_a1.uuid])).content.decode()
    assert title in page and "oude tekst" not in page


def test_my_work_renders_feedback_titles_in_constant_queries(client, world, finalised):
    login_verified(client, world.ib_a)
    small = count_queries(client, reverse("cases:my-work"))
    task = CaseAction.objects.get(kind=ActionKind.FEEDBACK, feedback_to=FeedbackTo.PARENTS)
    for _ in range(4):
        task.pk, task.uuid = None, uuid.uuid4()
        task.save()
    assert count_queries(client, reverse("cases:my-work")) == small
