"""The demo's family logins find something to do in the portal: a plan to sign and a consent to answer."""

import pytest
from django.urls import reverse

from zorgroute.accounts.models import User
from zorgroute.demo.credentials import Username
from zorgroute.portal import selectors
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db


def _first_case(user):
    children = selectors.portal_children(user=user)["children"]
    for child in children:
        for case in selectors.child_cases(user=user, pupil=child):
            return child, case
    return None, None


@pytest.mark.parametrize("username", [Username.PARENT_WITH_AUTHORITY, Username.PUPIL_16])
def test_a_family_login_has_a_plan_to_sign_and_a_consent_to_answer(demo_output, username):
    user = User.objects.get(username=username)
    child, case = _first_case(user)
    assert case is not None, f"{username} has no open care route in the portal"
    party = selectors.party_of(user, child)
    plan = selectors.family_plan(case=case, party=party)
    assert plan is not None and plan.my_signature is None and plan.texts
    answerable = [
        item
        for forum in selectors.family_consents(case=case, party=party)
        for item in forum.items
        if item.choices
    ]
    assert answerable, f"{username} has no consent to answer"
    assert any(event.body for event in selectors.family_timeline(user=user, case=case))


def test_the_parent_without_authority_is_told_about_the_right_to_ask(demo_output):
    user = User.objects.get(username=Username.PARENT_WITHOUT_AUTHORITY)
    data = selectors.portal_children(user=user)
    assert data["children"] == [] and data["on_request"]


def test_the_demo_access_log_names_roles_and_schools(demo_output, client):
    user = User.objects.get(username=Username.PARENT_WITH_AUTHORITY)
    child, _case = _first_case(user)
    rows = selectors.access_history(pupil=child, viewer=user)
    assert rows and all(row.organisation for row in rows if row.role != "Unknown role")
    assert any(row.organisation == child.current_school.name for row in rows)
    login_verified(client, user)
    assert client.get(reverse("portal:access-log", args=[child.uuid])).status_code == 200
