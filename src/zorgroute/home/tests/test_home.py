import pytest
from django.urls import reverse

from zorgroute.core.time import current_school_year
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db
URL = reverse("home:home")

# persona -> the home sections (data-testid) they must see; every other section must be absent
EXPECTED_SECTIONS = {
    "teacher": {"home-teacher"},
    "ib_a": {"home-coordinator", "home-reports"},
    "head_a": {"home-coordinator", "home-reports"},
    "ib_b": {"home-coordinator", "home-reports"},
    "zorgteam_member": {"home-teams"},
    "zat_chair": {"home-teams", "home-reports"},
    "zat_member": {"home-teams"},
    "on_call_partner": {"home-teams"},
    "parent_with_authority": {"home-family"},
    "parent_without_authority": {"home-empty"},
    "pupil_user": {"home-family"},
    "municipality_analyst": {"home-aggregates", "home-reports"},
    "functional_admin": {"home-admin"},
    "privacy_officer": {"home-privacy"},
    "system_admin": {"home-admin"},
    "nobody": {"home-empty"},
}
ALL_SECTIONS = {
    "home-teacher",
    "home-coordinator",
    "home-teams",
    "home-admin",
    "home-family",
    "home-privacy",
    "home-empty",
    "home-aggregates",
    "home-reports",
}


@pytest.mark.parametrize("persona", sorted(EXPECTED_SECTIONS))
def test_each_role_sees_its_own_home_sections(client, world, persona):
    login_verified(client, getattr(world, persona))
    content = client.get(URL).content.decode()
    shown = {section for section in ALL_SECTIONS if f'data-testid="{section}"' in content}
    assert shown == EXPECTED_SECTIONS[persona]


def test_the_teacher_sees_their_group_with_its_pupil_count_and_not_other_groups(client, world):
    login_verified(client, world.teacher)
    response = client.get(URL)
    assert [(g.name, g.pupil_count) for g in response.context["groups"]] == [("Groep 5a", 1)]


def test_the_coordinator_sees_their_school_with_its_pupils_and_this_years_groups(client, world):
    f.GroupFactory(
        school=world.school_a, name="Groep 8 van vorig jaar", school_year=current_school_year() - 1
    )
    f.PupilFactory.create_batch(3, current_school=world.school_a, current_group=world.group_a1)
    f.PupilFactory.create_batch(2, current_school=world.school_b)
    login_verified(client, world.ib_a)
    schools = client.get(URL).context["schools"]
    assert [(s, s.group_count, s.pupil_count) for s in schools] == [(world.school_a, 2, 2 + 3)]


def test_a_parent_sees_their_own_child_only(client, world):
    login_verified(client, world.parent_with_authority)
    assert [c.first_name for c in client.get(URL).context["children"]] == ["Sanne"]


def test_anonymous_goes_to_login(client):
    assert client.get(URL)["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "persona", ["teacher", "ib_a", "zat_chair", "functional_admin", "parent_with_authority"]
)
def test_query_count_is_constant_when_pupils_grow_tenfold(client, world, persona):
    login_verified(client, getattr(world, persona))
    f.PupilFactory.create_batch(3, current_school=world.school_a, current_group=world.group_a1)
    small = count_queries(client, URL)
    f.PupilFactory.create_batch(30, current_school=world.school_a, current_group=world.group_a1)
    assert count_queries(client, URL) == small


def test_policy_staff_see_suppressed_aggregates_and_no_names(client, world):
    login_verified(client, world.municipality_analyst)
    response = client.get(URL)
    rows = response.context["aggregates"]
    assert {(r["school_type"], r["schools"], r["pupils"]) for r in rows} == {("po", 1, None), ("vo", 1, None)}
    assert "Sanne" not in response.content.decode()
    f.PupilFactory.create_batch(5, current_school=world.school_a)
    rows = client.get(URL).context["aggregates"]
    assert {(r["school_type"], r["pupils"]) for r in rows} == {("po", 7), ("vo", None)}
