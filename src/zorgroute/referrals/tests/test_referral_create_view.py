"""Referring a case to a partner organisation from the case page: the care coordinator only."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    url,
)
from zorgroute.core.time import today
from zorgroute.organisations import constants as oc
from zorgroute.referrals.models import ExternalReferral
from zorgroute.referrals.tests.helpers import kind, other_partner
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

CREATE = "referrals:referral-create"


def form_data(world, care, **more):
    return {
        "partner": world.partner_jgz.uuid,
        "care_kind": care.uuid,
        "question": "Ouders vragen hulp bij de opvoeding thuis.",
        "referred_on": today().isoformat(),
        "worker": "",
        "discussion": "",
        "family_agreed": "on",
        **more,
    }


def test_the_care_coordinator_refers_the_case_from_the_case_page(client, world):
    care = kind(world)
    smw, smw_worker = other_partner(world)
    elsewhere = f.PartnerFactory(region=world.other_region, name="Elders Jeugdhulp")
    login_verified(client, world.ib_a)
    case_page = client.get(url("cases:case-detail", world.case_a1)).content.decode()
    assert url(CREATE, world.case_a1) in case_page
    page = client.get(url(CREATE, world.case_a1))
    assert page.status_code == 200
    assert last_event("case.viewed").actor_uuid == world.ib_a.uuid  # the form shows the case: a read
    form = page.context["form"]
    partners = {str(value) for value, _label in form.fields["partner"].choices if value}
    assert partners == {str(world.partner_jgz.uuid), str(smw.uuid)}  # not the other region's
    assert str(elsewhere.uuid) not in page.content.decode()
    groups = dict(form.fields["worker"].choices[1:])
    assert {label for _value, label in groups[smw.name]} == {
        smw_worker.get_full_name() or smw_worker.username
    }
    response = client.post(
        url(CREATE, world.case_a1), form_data(world, care, worker=str(world.zat_member.uuid))
    )
    assert response.status_code == 302
    assert response["Location"].startswith(url("cases:case-detail", world.case_a1))
    referral = ExternalReferral.objects.get()
    assert (referral.partner, referral.care_kind, referral.worker) == (
        world.partner_jgz,
        care,
        world.zat_member,
    )
    assert last_event("external_referral.created").actor_uuid == world.ib_a.uuid
    after = client.get(url("cases:case-detail", world.case_a1)).content.decode()
    assert reverse("referrals:referral-detail", args=[referral.uuid]) in after


def test_a_refused_referral_keeps_what_was_entered_and_says_why_in_dutch(client, world):
    care = kind(world)
    login_verified(client, world.ib_a)
    data = form_data(world, care)
    del data["family_agreed"]
    response = client.post(url(CREATE, world.case_a1), data)
    assert response.status_code == 200
    message = "Refer only when the parents (and the pupil from 12) know of the referral and agreed to it."
    assert response.context["form"].errors["family_agreed"] == [in_dutch(message)]
    assert response.context["form"]["question"].value() == data["question"]
    future = client.post(
        url(CREATE, world.case_a1),
        form_data(world, care, referred_on=(today() + dt.timedelta(days=3)).isoformat()),
    )
    assert future.context["form"].errors["referred_on"]
    _smw, smw_worker = other_partner(world)
    wrong_worker = client.post(
        url(CREATE, world.case_a1), form_data(world, care, worker=str(smw_worker.uuid))
    )
    assert wrong_worker.context["form"].errors["worker"]
    assert not ExternalReferral.objects.exists() and events("external_referral.created") == 0


def test_a_region_without_kinds_of_care_is_told_whom_to_ask(client, world):
    login_verified(client, world.ib_a)
    page = client.get(url(CREATE, world.case_a1))
    assert page.status_code == 200 and page.context["warning"]


def test_who_sees_the_case_but_may_not_refer_gets_403(client, world):
    kind(world)
    for user in (world.teacher, world.head_a):
        login_verified(client, user)
        assert (
            url(CREATE, world.case_a1)
            not in client.get(url("cases:case-detail", world.case_a1)).content.decode()
        )
        assert client.get(url(CREATE, world.case_a1)).status_code == 403
        assert client.post(url(CREATE, world.case_a1), {}).status_code == 403
    assert not ExternalReferral.objects.exists()


def test_outsiders_get_the_same_404_as_for_a_missing_case(client, world):
    care = kind(world)
    for user in (world.ib_b, world.zat_member):
        login_verified(client, user)
        assert_same_as_missing(client, url(CREATE, world.case_a1), url(CREATE, MISSING))
        assert client.post(url(CREATE, world.case_a1), form_data(world, care)).status_code == 404
    assert not ExternalReferral.objects.exists()


def test_anonymous_users_go_to_login(client, world):
    response = client.get(url(CREATE, world.case_a1))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_the_form_takes_constant_queries_as_partners_and_workers_grow(client, world):
    kind(world)
    login_verified(client, world.ib_a)
    small = count_queries(client, url(CREATE, world.case_a1))
    for n in range(5):
        partner = f.PartnerFactory(region=world.region, name=f"Partner {n}")
        for _ in range(2):
            f.StaffRoleFactory(user=f.UserFactory(), role=oc.StaffRoleKind.PARTNER_STAFF, partner=partner)
    assert count_queries(client, url(CREATE, world.case_a1)) == small


def test_the_referral_names_the_discussion_that_decided_it(client, world):
    from zorgroute.core.time import now
    from zorgroute.meetings.models import AgendaItem, CaseDiscussion, Meeting

    care = kind(world)
    start = now() - dt.timedelta(days=3)
    meeting = Meeting.objects.create(
        team=world.zat,
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        summary_release_on=today() - dt.timedelta(days=6),
        access_until=today() + dt.timedelta(days=10),
    )
    item = AgendaItem.objects.create(meeting=meeting, case=world.case_a1, kind="new", position=1)
    discussion = CaseDiscussion.objects.create(item=item, recorded_by=world.zat_chair)
    login_verified(client, world.ib_a)
    page = client.get(url(CREATE, world.case_a1))
    labels = [label for value, label in page.context["form"].fields["discussion"].choices if value]
    assert len(labels) == 1 and labels[0].startswith(f"{world.zat.name}, ") and str(start.year) in labels[0]
    client.post(url(CREATE, world.case_a1), form_data(world, care, discussion=str(discussion.uuid)))
    assert ExternalReferral.objects.get().discussion == discussion
