"""A pupil's cases (linked from the pupil page) and opening a case for a pupil."""

import pytest
from django.urls import reverse

from zorgroute.cases import services
from zorgroute.cases.constants import CaseStatus, ClosureReason
from zorgroute.cases.models import Case
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    url,
)
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


def test_the_pupil_page_links_to_the_cases_and_offers_to_open_one_to_the_care_coordinator(client, world):
    login_verified(client, world.ib_a)
    content = client.get(reverse("pupils:pupil-detail", args=[world.pupil_a2.uuid])).content.decode()
    assert url("cases:pupil-cases", world.pupil_a2) in content
    assert url("cases:case-open", world.pupil_a2) in content
    client.logout()
    login_verified(client, world.teacher)
    content = client.get(reverse("pupils:pupil-detail", args=[world.pupil_a1.uuid])).content.decode()
    assert url("cases:pupil-cases", world.pupil_a1) in content
    assert url("cases:case-open", world.pupil_a1) not in content


def test_the_list_shows_the_pupils_cases_the_user_may_see(client, world):
    login_verified(client, world.teacher)
    response = client.get(url("cases:pupil-cases", world.pupil_a1))
    assert response.status_code == 200
    assert list(response.context["cases"]) == [world.case_a1]
    assert url("cases:case-detail", world.case_a1) in response.content.decode()
    assert last_event("pupil.viewed").pupil_uuid == world.pupil_a1.uuid
    client.logout()
    login_verified(client, world.parent_with_authority)
    assert list(client.get(url("cases:pupil-cases", world.pupil_a1)).context["cases"]) == [world.case_a1]


def test_the_list_answers_an_outsider_like_a_missing_pupil(client, world):
    login_verified(client, world.ib_b)
    assert_same_as_missing(
        client, url("cases:pupil-cases", world.pupil_a1), url("cases:pupil-cases", MISSING)
    )


def test_anonymous_users_go_to_login(client, world):
    for target in (url("cases:pupil-cases", world.pupil_a1), url("cases:case-open", world.pupil_a2)):
        response = client.get(target)
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_care_coordinator_opens_a_case_with_an_owner(client, world):
    login_verified(client, world.ib_a)
    form = client.get(url("cases:case-open", world.pupil_a2)).context["form"]
    assert set(form.fields["owner"].queryset) == {world.teacher, world.ib_a, world.head_a}
    assert form["owner"].value() == world.ib_a.uuid
    response = client.post(url("cases:case-open", world.pupil_a2), {"owner": world.teacher.uuid})
    case = Case.objects.get(pupil=world.pupil_a2)
    assert response.status_code == 302 and response["Location"] == url("cases:case-detail", case)
    assert (case.owner, case.status, case.step.position) == (world.teacher, CaseStatus.OPEN, 1)
    event = last_event("case.opened")
    assert event.case_uuid == case.uuid and event.actor_uuid == world.ib_a.uuid


def test_a_second_open_case_is_refused_with_a_message(client, world):
    login_verified(client, world.ib_a)
    response = client.post(url("cases:case-open", world.pupil_a1), {"owner": world.ib_a.uuid})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        in_dutch("This pupil already has an open case at this school.")
    ]
    assert Case.objects.filter(pupil=world.pupil_a1).count() == 1
    services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    assert client.post(url("cases:case-open", world.pupil_a1), {"owner": world.ib_a.uuid}).status_code == 302
    assert Case.objects.filter(pupil=world.pupil_a1).count() == 2


def test_a_teacher_cannot_open_a_case_and_an_outsider_gets_404(client, world):
    login_verified(client, world.teacher)
    assert client.get(url("cases:case-open", world.pupil_a1)).status_code == 403
    assert (
        client.post(url("cases:case-open", world.pupil_a1), {"owner": world.teacher.uuid}).status_code == 403
    )
    client.logout()
    login_verified(client, world.ib_b)
    assert_same_as_missing(client, url("cases:case-open", world.pupil_a2), url("cases:case-open", MISSING))
    assert_same_as_missing(
        client, url("cases:case-open", world.pupil_a2), url("cases:case-open", MISSING), method="post"
    )
    assert events("case.opened") == 3  # the world's cases only


def test_the_list_takes_constant_queries_as_cases_grow(client, world):
    login_verified(client, world.ib_a)
    small = count_queries(client, url("cases:pupil-cases", world.pupil_a1))
    for _ in range(5):
        case = Case.objects.filter(pupil=world.pupil_a1, status=CaseStatus.OPEN).get()
        services.case_close(actor=world.ib_a, case=case, closure_reason=ClosureReason.SOLVED)
        services.case_open(actor=world.ib_a, pupil=world.pupil_a1, owner=f.UserFactory())
    assert count_queries(client, url("cases:pupil-cases", world.pupil_a1)) == small
