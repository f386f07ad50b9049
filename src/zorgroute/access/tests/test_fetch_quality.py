"""access_self_assessment: a team's self-assessment is hidden (404) from everyone who may not read the team's
reflection, and refused (403) to a reader who may not perform the action."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from zorgroute.access import fetch, policy
from zorgroute.access.actions import Action
from zorgroute.core.time import current_school_year
from zorgroute.quality import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def zat_year(world):
    return services.assessment_start(actor=world.zat_chair, team=world.zat, year=current_school_year())


def test_the_team_reads_it_and_the_chair_may_assess(world, zat_year):
    assert fetch.access_self_assessment(world.zat_member, zat_year.uuid) == zat_year
    assert (
        fetch.access_self_assessment(world.zat_chair, str(zat_year.uuid), Action.QUALITY_ASSESS) == zat_year
    )
    assert (
        fetch.access_self_assessment(world.on_call_partner, zat_year.uuid, Action.QUALITY_COMMENT) == zat_year
    )


def test_a_member_may_not_assess(world, zat_year):
    with pytest.raises(PermissionDenied):
        fetch.access_self_assessment(world.zat_member, zat_year.uuid, Action.QUALITY_ASSESS)


@pytest.mark.parametrize("persona", ["ib_a", "head_a", "functional_admin", "municipality_analyst", "nobody"])
def test_everyone_else_gets_404_as_for_a_missing_one(world, zat_year, persona):
    user = getattr(world, persona)
    with pytest.raises(Http404):
        fetch.access_self_assessment(user, zat_year.uuid)
    with pytest.raises(Http404):
        fetch.access_self_assessment(user, "00000000-0000-0000-0000-000000000000")
    assert not policy.visible_self_assessments(user).exists()


def test_the_visible_set_follows_the_action(world, zat_year):
    zorgteam_year = services.assessment_start(
        actor=world.ib_a, team=world.zorgteam_a, year=current_school_year()
    )
    assert list(policy.visible_self_assessments(world.head_a)) == [zorgteam_year]
    assert not policy.visible_self_assessments(world.head_a, Action.QUALITY_ASSESS).exists()
    assert list(policy.visible_self_assessments(world.zat_chair, Action.QUALITY_ASSESS)) == [zat_year]
