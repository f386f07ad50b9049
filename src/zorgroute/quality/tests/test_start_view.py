"""Starting a school year's self-assessment (POST from the list): the chair of the ZAT or the school's care
coordinator for its zorgteam; a member may not; an outsider does not see the team."""

import pytest
from django.urls import reverse

from zorgroute.audit.models import AuditEvent
from zorgroute.quality.models import SelfAssessment
from zorgroute.testing.auth import login_verified

from .helpers import MISSING, YEAR, started, url

pytestmark = pytest.mark.django_db


def test_the_care_coordinator_starts_the_zorgteams_year(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("assessment-start", world.zorgteam_a), {"year": YEAR})
    assessment = SelfAssessment.objects.get(team=world.zorgteam_a)
    assert response.status_code == 302 and response["Location"] == url("assessment", assessment)
    assert assessment.year == YEAR and assessment.started_by == world.ib_a
    assert AuditEvent.objects.filter(event="quality.assessment_started", target_uuid=assessment.uuid).exists()


def test_a_year_already_started_or_not_offered_is_refused_with_a_message(client, world):
    started(world)
    login_verified(client, world.zat_chair)
    for year in (YEAR, YEAR + 1, "twee"):
        response = client.post(url("assessment-start", world.zat), {"year": year}, follow=True)
        assert response.status_code == 200
        assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert SelfAssessment.objects.count() == 1


def test_a_group_review_team_cannot_start_one(client, world):
    from zorgroute.testing import factories as f

    review = f.CareTeamFactory(region=world.region, school=world.school_a, kind="group_review")
    login_verified(client, world.ib_a)
    response = client.post(url("assessment-start", review), {"year": YEAR}, follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not SelfAssessment.objects.exists()


def test_members_may_not_and_outsiders_do_not_see_the_team(client, world):
    login_verified(client, world.zat_member)
    assert client.post(url("assessment-start", world.zat), {"year": YEAR}).status_code == 403
    client.logout()
    login_verified(client, world.ib_b)
    assert client.post(url("assessment-start", world.zat), {"year": YEAR}).status_code == 404
    assert client.post(url("assessment-start", MISSING), {"year": YEAR}).status_code == 404
    client.logout()
    login_verified(client, world.functional_admin)  # sees the team in the configuration, not its reflection
    assert client.post(url("assessment-start", world.zat), {"year": YEAR}).status_code == 403
    assert not SelfAssessment.objects.exists()


def test_anonymous_users_are_sent_to_the_login_and_get_is_not_allowed(client, world):
    response = client.post(url("assessment-start", world.zat), {"year": YEAR})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    login_verified(client, world.zat_chair)
    assert client.get(url("assessment-start", world.zat)).status_code == 405
