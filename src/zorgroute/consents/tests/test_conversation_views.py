"""The parent contact pages of a case: the list, recording a conversation and the leaflet given; the touchpoints on
the case page and the flag in its escalation section."""

import datetime as dt

import pytest
from django.urls import reverse

from zorgroute.cases.models import Case
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    events,
    in_dutch,
    last_event,
    ready_for_zorgteam,
    url,
)
from zorgroute.consents import conversation_services as services
from zorgroute.consents.models import LeafletGiven, ParentConversation
from zorgroute.core.time import today
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

LIST = "consents:conversation-list"
ADD = "consents:conversation-add"
GIVE = "consents:leaflet-give"
ZORGTEAM = "school_care_team"


def mother(world):
    return world.pupil_a1.guardian_links.get(authority="joint").guardian


def before_post(**change):
    return {
        "forum_kind": ZORGTEAM,
        "held_on": today().isoformat(),
        "participants": "Moeder, leerkracht, intern begeleider",
        "reason": "Sanne trekt zich terug in de kring.",
        "consent_asked": "on",
        "consent_outcome": "given",
        "home_situation": "Thuis is Sanne vrolijk, maar slaapt slecht.",
        "parents_questions": "Hoe kunnen wij helpen?",
        "visibility": "parents",
        **change,
    }


def leaflet(world):
    return services.leaflet_save(
        actor=world.functional_admin, region=world.region, title="Samen zorgen voor uw kind", body="Tekst."
    )


def pages(case):
    return [url(LIST, case), url(ADD, case) + "?kind=before", url(GIVE, case)]


def test_anonymous_users_go_to_login(client, world):
    for target in pages(world.case_a1):
        for response in (client.get(target), client.post(target)):
            assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_an_outsider_gets_the_same_404_as_for_a_missing_case(client, world):
    login_verified(client, world.ib_b)
    for hidden, missing in zip(pages(world.case_a1), pages(MISSING), strict=True):
        assert_same_as_missing(client, hidden, missing)
        assert_same_as_missing(client, hidden, missing, method="post", data=before_post())
    assert not ParentConversation.objects.exists()


def test_a_parent_sees_the_case_but_not_these_pages(client, world):
    login_verified(client, world.parent_with_authority)
    assert client.get(url("cases:case-detail", world.case_a1)).status_code == 200
    for target in pages(world.case_a1):
        assert client.get(target).status_code == 403
        assert client.post(target, before_post()).status_code == 403
    assert not ParentConversation.objects.exists() and events("conversation.recorded") == 0


def test_the_care_coordinator_records_the_conversation_before_the_zorgteam(client, world):
    case = ready_for_zorgteam(world.case_a1, world.ib_a)
    login_verified(client, world.ib_a)
    page = client.get(url(ADD, case), {"kind": "before"})
    form = page.context["form"]
    assert form["forum_kind"].value() == ZORGTEAM  # the next forum of the route
    assert [c[0] for c in form.fields["forum_kind"].choices] == [ZORGTEAM, "regional_team"]  # no group review
    assert "outcomes" not in form.fields and "home_situation" in form.fields
    response = client.post(url(ADD, case) + "?kind=before", before_post())
    assert response.status_code == 302 and response["Location"] == url(LIST, case)
    made = ParentConversation.objects.get()
    assert (made.kind, made.forum_kind, made.recorded_by, made.consent_outcome) == (
        "before",
        ZORGTEAM,
        world.ib_a,
        "given",
    )
    assert last_event("conversation.recorded").actor_uuid == world.ib_a.uuid
    views = events("case.viewed")
    listing = client.get(url(LIST, case))
    assert listing.status_code == 200 and listing.context["conversations"] == [made]
    assert events("case.viewed") == views + 1  # reading the conversations is a read of the case, audited
    assert last_event("case.viewed").case_uuid == case.uuid
    assert "Thuis is Sanne vrolijk" in listing.content.decode()


def test_the_form_adapts_to_the_kind(client, world):
    login_verified(client, world.teacher)
    after = client.get(url(ADD, world.case_a1), {"kind": "after", "forum": "regional_team"}).context["form"]
    assert {"outcomes", "decisions"} <= set(after.fields) and "consent_asked" not in after.fields
    assert after["forum_kind"].value() == "regional_team"
    other = client.get(url(ADD, world.case_a1), {"kind": "other"}).context["form"]
    assert other.fields["forum_kind"].choices[0] == ("", in_dutch("No forum"))
    unknown = client.get(url(ADD, world.case_a1), {"kind": "nonsense"})
    assert unknown.context["kind"] == "before"  # an unknown kind falls back to the conversation before


def test_a_refused_conversation_keeps_what_was_entered(client, world):
    login_verified(client, world.ib_a)
    target = url(ADD, world.case_a1) + "?kind=before"
    missing_consent = client.post(target, before_post(consent_asked="", consent_outcome=""))
    assert missing_consent.status_code == 200
    form = missing_consent.context["form"]
    assert form.errors["consent_asked"] and form["home_situation"].value().startswith("Thuis is Sanne")
    future = client.post(target, before_post(held_on=(today() + dt.timedelta(days=3)).isoformat()))
    assert future.context["form"].errors["held_on"]
    empty = client.post(target, before_post(reason="", parents_questions=""))
    assert set(empty.context["form"].errors) == {"reason", "parents_questions"}
    bad_forum = client.post(target, before_post(forum_kind="group_review"))
    assert bad_forum.context["form"].errors["forum_kind"]
    assert not ParentConversation.objects.exists()


def test_a_closed_case_refuses_with_a_message_not_a_500(client, world):
    from zorgroute.cases import services as case_services

    case_services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason="solved")
    login_verified(client, world.ib_a)
    response = client.post(url(ADD, world.case_a1) + "?kind=before", before_post())
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert client.get(url(LIST, world.case_a1)).context["may_record"] is False


def test_the_leaflet_is_recorded_as_given(client, world):
    login_verified(client, world.ib_a)
    page = client.get(url(GIVE, world.case_a1))
    assert page.status_code == 200 and page.context["leaflet"] is None
    assert in_dutch(
        "There is no parent leaflet for this school yet. The functional administrator sets up its text."
    ) in (page.content.decode())
    leaflet(world)
    page = client.get(url(GIVE, world.case_a1))
    assert 'data-testid="leaflet-text"' in page.content.decode()
    data = {
        "recipients": [str(mother(world).uuid), "pupil"],
        "given_on": today().isoformat(),
        "channel": "paper",
    }
    response = client.post(url(GIVE, world.case_a1), data)
    assert response.status_code == 302
    assert sorted(str(g.guardian_id) for g in LeafletGiven.objects.all()) == sorted(
        [str(mother(world).pk), "None"]
    )
    assert last_event("leaflet.given").changes["channel"] == "paper"
    refused = client.post(url(GIVE, world.case_a1), {**data, "recipients": [], "channel": "pigeon"})
    assert set(refused.context["form"].errors) == {"recipients", "channel"}
    assert refused.context["form"]["given_on"].value() == today().isoformat()


def test_the_case_page_shows_parent_contact_and_flags_the_escalation(client, world):
    case = ready_for_zorgteam(world.case_a1, world.ib_a)
    login_verified(client, world.ib_a)
    page = client.get(url("cases:case-detail", case))
    html = page.content.decode()
    assert in_dutch("Parent contact") in html and 'data-testid="parent-contact-flag"' in html
    assert page.context["overview"].escalation.allowed  # flagged, never blocked
    row = page.context["touchpoints"].next_forum
    assert [p.code for p in row.missing] == ["before", "leaflet"]
    client.post(url(ADD, case) + "?kind=before", before_post())
    leaflet(world)
    client.post(
        url(GIVE, case),
        {"recipients": [str(mother(world).uuid)], "given_on": today().isoformat(), "channel": "email"},
    )
    html = client.get(url("cases:case-detail", case)).content.decode()
    assert (
        'data-testid="parent-contact-flag"' not in html and 'data-testid="parent-contact-missing"' not in html
    )


def test_parents_do_not_see_the_parent_contact_section(client, world):
    login_verified(client, world.parent_with_authority)
    page = client.get(url("cases:case-detail", world.case_a1))
    assert page.context["touchpoints"] is None
    assert 'data-testid="parent-contact"' not in page.content.decode()


def _grow(world, case: Case, n: int) -> None:
    for i in range(n):
        services.conversation_record(
            actor=world.ib_a,
            case=case,
            kind="other",
            held_on=today() - dt.timedelta(days=i),
            participants="Moeder",
            reason=f"Gesprek {i}",
        )
        services.leaflet_give(
            actor=world.ib_a,
            case=case,
            recipients=[f.PupilGuardianFactory(pupil=case.pupil).guardian],
            given_on=today(),
            channel="paper",
        )


def test_query_counts_do_not_grow_with_conversations_and_leaflets(client, world):
    case = ready_for_zorgteam(world.case_a1, world.ib_a)
    leaflet(world)
    login_verified(client, world.ib_a)
    targets = [
        url(LIST, case),
        url("cases:case-detail", case),
        url(ADD, case) + "?kind=after",
        url(GIVE, case),
    ]
    _grow(world, case, 1)
    small = [count_queries(client, t) for t in targets]
    _grow(world, case, 6)
    assert [count_queries(client, t) for t in targets] == small
