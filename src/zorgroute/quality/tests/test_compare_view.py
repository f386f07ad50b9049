"""The years side by side: per item and per group, the change over the last two years, and the eight
characteristics as a chart with the same figures as a table."""

import pytest
from django.urls import reverse

from zorgroute.quality.services import Answer
from zorgroute.testing.auth import count_queries, login_verified

from .helpers import MISSING, YEAR, started, url

pytestmark = pytest.mark.django_db


def three_years(world):
    started(world, year=YEAR - 2, K1=Answer(score=1), F1=Answer(score=2), F2=Answer(score=4))
    started(world, year=YEAR - 1, K1=Answer(score=2), F1=Answer(not_applicable=True), F2=Answer(score=3))
    return started(world, year=YEAR, K1=Answer(score=4), F2=Answer(score=3), K8=Answer(score=2))


def test_the_years_side_by_side_with_changes_and_averages(client, world):
    three_years(world)
    login_verified(client, world.zat_member)
    response = client.get(url("team-compare", world.zat))
    assert response.status_code == 200
    data = response.context["data"]
    assert [a.year for a in data.assessments] == [YEAR - 2, YEAR - 1, YEAR]  # oldest first
    rows = {row.item.code: row for part in data.parts for row in part.rows}
    assert [c.score if c else None for c in rows["K1"].cells] == [1, 2, 4]
    assert rows["K1"].change == 2 and rows["F2"].change == 0 and rows["F1"].change is None
    assert rows["K8"].change is None  # not scored the year before
    characteristics, op_school = data.parts[0], data.parts[1]
    assert characteristics.averages == [1.0, 2.0, 3.0]  # K1 alone, then K1 and K8 (4 and 2)
    assert op_school.subgroup == "Op school" and op_school.averages == [
        3.0,
        3.0,
        3.0,
    ]  # F1 n/a does not count
    html = response.content.decode()
    assert 'role="img"' in html and "<details" in html  # the chart, with its table alternative
    assert "+2" in html and "= " in html


def test_the_chart_table_holds_the_eight_characteristics_per_year(client, world):
    three_years(world)
    login_verified(client, world.zat_chair)
    table = client.get(url("team-compare", world.zat)).context["chart"].table
    assert [c.label for c in table.columns][1:] == [f"{y}-{y + 1}" for y in (YEAR - 2, YEAR - 1, YEAR)]
    assert len(table.rows) == 8
    assert table.rows[0] == ["1. Leerlingenzorg", 1, 2, 4]
    assert table.rows[7] == ["8. Bestuurlijke borging", None, None, 2]


def test_no_years_yet(client, world):
    login_verified(client, world.ib_a)
    response = client.get(url("team-compare", world.zorgteam_a))
    assert response.status_code == 200 and response.context["chart"] is None


def test_outsiders_get_404_those_who_see_the_team_otherwise_403(client, world):
    three_years(world)
    login_verified(client, world.ib_b)
    assert client.get(url("team-compare", world.zat)).status_code == 404
    assert client.get(url("team-compare", MISSING)).status_code == 404
    client.logout()
    login_verified(client, world.functional_admin)
    assert client.get(url("team-compare", world.zat)).status_code == 403
    client.logout()
    response = client.get(url("team-compare", world.zat))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_a_group_review_has_no_comparison(client, world):
    from zorgroute.testing import factories as f

    review = f.CareTeamFactory(region=world.region, school=world.school_a, kind="group_review")
    login_verified(client, world.ib_a)
    assert client.get(url("team-compare", review)).status_code == 404


def test_the_query_count_does_not_grow_with_the_years(client, world):
    started(world, year=YEAR, K1=Answer(score=3))
    login_verified(client, world.zat_chair)
    one = count_queries(client, url("team-compare", world.zat))
    for year in (YEAR - 1, YEAR - 2, YEAR - 3):
        started(world, year=year, **{f"F{n}": Answer(score=1) for n in range(1, 37)})
    assert count_queries(client, url("team-compare", world.zat)) == one
