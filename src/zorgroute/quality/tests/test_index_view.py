"""The list of teams and their years: each user sees the zorgteams and ZATs they reflect with; the chair or the
care coordinator may start a year."""

import pytest
from django.urls import reverse

from zorgroute.testing.auth import count_queries, login_verified

from .helpers import YEAR, started, url

pytestmark = pytest.mark.django_db


def test_the_chair_sees_the_zat_with_its_years_and_may_start_an_earlier_one(client, world):
    assessment = started(world)
    login_verified(client, world.zat_chair)
    response = client.get(url("index"))
    assert response.status_code == 200
    (row,) = response.context["rows"]
    assert row.team == world.zat and row.assessments == [assessment] and row.may_assess
    assert row.current == assessment
    assert YEAR not in row.start_years and YEAR - 1 in row.start_years
    html = response.content.decode()
    assert url("assessment", assessment) in html and url("assessment-start", world.zat) in html
    assert url("team-compare", world.zat) in html


def test_each_user_sees_only_their_own_teams(client, world):
    started(world)
    started(world, team=world.zorgteam_a)
    seen = {}
    for persona in ("zat_member", "ib_a", "head_a", "zorgteam_member", "ib_b", "functional_admin"):
        client.logout()
        login_verified(client, getattr(world, persona))
        rows = client.get(url("index")).context["rows"]
        seen[persona] = {(r.team.name, r.may_assess) for r in rows}
    assert seen == {
        "zat_member": {("ZAT Teststreek", False)},
        "ib_a": {("Zorgteam De Regenboog", True)},
        "head_a": {("Zorgteam De Regenboog", False)},
        "zorgteam_member": {("Zorgteam De Regenboog", False)},
        "ib_b": set(),
        "functional_admin": set(),
    }
    client.logout()
    login_verified(client, world.head_a)
    assert url("assessment-start", world.zorgteam_a) not in client.get(url("index")).content.decode()


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(url("index"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_the_home_page_links_to_it_for_team_members_only(client, world):
    login_verified(client, world.zat_member)
    assert url("index") in client.get(reverse("home:home")).content.decode()
    client.logout()
    login_verified(client, world.teacher)
    assert url("index") not in client.get(reverse("home:home")).content.decode()


def test_the_query_count_does_not_grow_with_the_years(client, world):
    login_verified(client, world.zat_chair)
    started(world)
    one = count_queries(client, url("index"))
    for year in (YEAR - 1, YEAR - 2, YEAR - 3):
        started(world, year=year)
    assert count_queries(client, url("index")) == one
