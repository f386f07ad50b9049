"""Members add comments to the discussion while the year is open; the school head and outsiders may not."""

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.quality.models import AssessmentComment
from zorgroute.testing.auth import login_verified

from .helpers import finalised, started, url

pytestmark = pytest.mark.django_db


def test_a_member_comments_on_an_item_and_it_shows_under_that_item(client, world):
    assessment = started(world)
    login_verified(client, world.zat_member)
    response = client.post(
        url("assessment-comment", assessment), {"item": "F26", "text": "Ik zoek een vervanger."}
    )
    assert response.status_code == 302 and response["Location"] == url("assessment", assessment) + "#comments"
    comment = AssessmentComment.objects.get()
    assert comment.item.code == "F26" and comment.author == world.zat_member
    assert AuditEvent.objects.get(event="quality.comment_added").changes == {"item": "F26"}
    page = client.get(url("assessment", assessment))
    (row,) = [r for part in page.context["page"].parts for r in part.rows if r.item.code == "F26"]
    assert row.comments == [comment] and "Ik zoek een vervanger." in page.content.decode()


def test_a_comment_on_the_whole_and_an_empty_one(client, world):
    assessment = started(world)
    login_verified(client, world.zat_chair)
    client.post(url("assessment-comment", assessment), {"item": "", "text": "Goed gesprek gehad."})
    assert AssessmentComment.objects.get().item is None
    empty = client.post(url("assessment-comment", assessment), {"item": "K1", "text": ""})
    assert empty.status_code == 200 and empty.context["comment_form"].errors["text"]
    unknown = client.post(url("assessment-comment", assessment), {"item": "K99", "text": "Hm"})
    assert unknown.status_code == 200 and unknown.context["comment_form"].errors["item"]
    assert AssessmentComment.objects.count() == 1


def test_no_comments_on_a_finalised_year(client, world):
    assessment = finalised(world)
    login_verified(client, world.zat_member)
    response = client.post(url("assessment-comment", assessment), {"text": "Te laat"}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not AssessmentComment.objects.exists()


def test_the_head_may_read_but_not_comment_and_outsiders_get_404(client, world):
    assessment = started(world, team=world.zorgteam_a)
    login_verified(client, world.head_a)
    assert client.post(url("assessment-comment", assessment), {"text": "Mooi"}).status_code == 403
    client.logout()
    login_verified(client, world.zat_member)
    assert client.post(url("assessment-comment", assessment), {"text": "Mooi"}).status_code == 404
    client.logout()
    response = client.post(url("assessment-comment", assessment), {"text": "Mooi"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not AssessmentComment.objects.exists()
