"""Groups per school year with their teachers and mentors: list, create, detail, edit, add and remove teacher."""

import pytest
from django.urls import reverse

from zorgroute.core.time import current_school_year
from zorgroute.organisations.models import Group, GroupTeacher
from zorgroute.organisations.tests.conftest import MISSING, assert_same_as_missing, last_event
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def url(name, school, *more):
    return reverse(f"organisations:{name}", args=[getattr(school, "uuid", school), *more])


def new_teacher(school, username="nieuwe_leerkracht"):
    user = f.UserFactory(username=username)
    f.StaffRoleFactory(user=user, role="teacher", school=school)
    return user


def test_the_care_coordinator_lists_the_groups_of_this_school_year_with_teachers(client, world):
    login_verified(client, world.ib_a)
    response = client.get(url("group-list", world.school_a))
    assert response.status_code == 200
    groups = {g.name: g for g in response.context["groups"]}
    assert set(groups) == {"Groep 5a", "Groep 7b"}
    assert [link.user for link in groups["Groep 5a"].teacher_links.all()] == [world.teacher]
    assert groups["Groep 5a"].pupil_count == 1


def test_the_group_list_filters_by_school_year(client, world):
    f.GroupFactory(school=world.school_a, school_year=current_school_year() - 1, name="Groep 4 vorig jaar")
    login_verified(client, world.ib_a)
    last_year = client.get(url("group-list", world.school_a), {"jaar": current_school_year() - 1})
    assert [g.name for g in last_year.context["groups"]] == ["Groep 4 vorig jaar"]
    nonsense = client.get(url("group-list", world.school_a), {"jaar": "abc"})
    assert nonsense.context["year"] == current_school_year()


def test_anonymous_users_go_to_login(client, world):
    for target in (
        url("group-list", world.school_a),
        url("group-detail", world.school_a, world.group_a1.uuid),
    ):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_school_or_group(client, world, outsider):
    login_verified(client, outsider)
    assert_same_as_missing(client, url("group-list", world.school_a), url("group-list", MISSING))
    assert_same_as_missing(
        client,
        url("group-detail", world.school_a, world.group_a1.uuid),
        url("group-detail", MISSING, world.group_a1.uuid),
    )


def test_the_care_coordinator_of_another_school_gets_404(client, world):
    login_verified(client, world.ib_b)
    assert client.get(url("group-list", world.school_a)).status_code == 404
    assert client.post(url("group-create", world.school_a), {"name": "X"}).status_code == 404


def test_a_group_of_another_school_is_not_found_through_this_school(client, world):
    login_verified(client, world.ib_a)
    assert_same_as_missing(
        client,
        url("group-detail", world.school_a, world.group_b1.uuid),
        url("group-detail", world.school_a, MISSING),
    )
    assert client.get(url("group-detail", world.school_a, "bogus")).status_code == 404


def test_a_teacher_may_see_the_school_but_not_manage_its_groups(client, world):
    login_verified(client, world.teacher)
    assert client.get(url("group-list", world.school_a)).status_code == 403
    response = client.post(
        url("group-create", world.school_a), {"school_year": current_school_year(), "name": "X"}
    )
    assert response.status_code == 403
    assert not Group.objects.filter(name="X").exists()


def test_the_care_coordinator_creates_a_group_and_it_is_audited(client, world):
    login_verified(client, world.ib_a)
    response = client.post(
        url("group-create", world.school_a),
        {"school_year": current_school_year(), "name": "Groep 8c", "grade": 8},
    )
    group = Group.objects.get(name="Groep 8c")
    assert response.status_code == 302
    assert response["Location"] == url("group-detail", world.school_a, group.uuid)
    event = last_event("group.created")
    assert event.target_uuid == group.uuid and event.actor_uuid == world.ib_a.uuid
    assert event.changes["school_year"] == {"new": current_school_year()}


def test_a_duplicate_group_name_in_the_same_year_is_a_form_error(client, world):
    login_verified(client, world.ib_a)
    response = client.post(
        url("group-create", world.school_a), {"school_year": current_school_year(), "name": "groep 5A"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == [
        "Deze school heeft in dat schooljaar al een groep met deze naam."
    ]


def test_the_administrator_renames_a_group(admin_client, world):
    response = admin_client.post(
        url("group-edit", world.school_a, world.group_a1.uuid), {"name": "Groep 5 rood", "grade": 5}
    )
    assert response.status_code == 302
    world.group_a1.refresh_from_db()
    assert world.group_a1.name == "Groep 5 rood"
    assert last_event("group.updated").changes == {"name": {"old": "Groep 5a", "new": "Groep 5 rood"}}


def test_a_teacher_with_a_role_at_the_school_is_added_and_it_is_audited(client, world):
    colleague = new_teacher(world.school_a)
    login_verified(client, world.ib_a)
    detail = client.get(url("group-detail", world.school_a, world.group_a2.uuid))
    assert colleague in detail.context["form"].fields["user"].queryset
    response = client.post(
        url("group-teacher-add", world.school_a, world.group_a2.uuid),
        {"user": str(colleague.uuid), "role": "mentor"},
    )
    assert response.status_code == 302
    link = GroupTeacher.objects.get(group=world.group_a2, user=colleague)
    assert link.role == "mentor"
    event = last_event("group.teacher_added")
    assert event.target_uuid == world.group_a2.uuid
    assert event.changes == {"teacher": {"new": str(colleague.uuid)}, "role": {"new": "mentor"}}


def test_someone_without_a_teacher_role_at_the_school_cannot_be_added(client, world):
    elsewhere = new_teacher(world.school_b, "leerkracht_b")
    login_verified(client, world.ib_a)
    response = client.post(
        url("group-teacher-add", world.school_a, world.group_a2.uuid),
        {"user": str(elsewhere.uuid), "role": "teacher"},
    )
    assert response.status_code == 200 and "user" in response.context["form"].errors
    assert not GroupTeacher.objects.filter(user=elsewhere).exists()


def test_adding_a_teacher_needs_post(client, world):
    login_verified(client, world.ib_a)
    assert client.get(url("group-teacher-add", world.school_a, world.group_a2.uuid)).status_code == 405


def test_a_teacher_is_removed_after_confirmation_and_it_is_audited(client, world):
    link = world.group_a1.teacher_links.get()
    login_verified(client, world.ib_a)
    remove = url("group-teacher-remove", world.school_a, world.group_a1.uuid, link.uuid)
    assert client.get(remove).status_code == 200
    assert GroupTeacher.objects.filter(pk=link.pk).exists()
    assert client.post(remove).status_code == 302
    assert not GroupTeacher.objects.filter(pk=link.pk).exists()
    assert last_event("group.teacher_removed").changes["teacher"] == {"old": str(world.teacher.uuid)}


def test_a_teacher_link_of_another_group_is_not_found(client, world):
    link = world.group_a1.teacher_links.get()
    login_verified(client, world.ib_a)
    response = client.post(url("group-teacher-remove", world.school_a, world.group_a2.uuid, link.uuid))
    assert response.status_code == 404
    assert GroupTeacher.objects.filter(pk=link.pk).exists()


def test_the_group_list_takes_the_same_number_of_queries_as_groups_grow(client, world):
    login_verified(client, world.ib_a)
    target = url("group-list", world.school_a)

    def grow(n):
        for _ in range(n):
            group = f.GroupFactory(school=world.school_a)
            f.GroupTeacherFactory(group=group, user=new_teacher(world.school_a, f"t{group.pk}"))
            f.PupilFactory.enrolled(group)

    grow(2)
    small = count_queries(client, target)
    grow(20)
    assert count_queries(client, target) == small


def test_the_group_page_takes_the_same_number_of_queries_as_teachers_grow(client, world):
    login_verified(client, world.ib_a)
    target = url("group-detail", world.school_a, world.group_a1.uuid)

    def grow(n, start):
        for i in range(n):
            f.GroupTeacherFactory(group=world.group_a1, user=new_teacher(world.school_a, f"t{start + i}"))
            new_teacher(world.school_a, f"c{start + i}")

    grow(2, 0)
    small = count_queries(client, target)
    grow(20, 100)
    assert count_queries(client, target) == small
