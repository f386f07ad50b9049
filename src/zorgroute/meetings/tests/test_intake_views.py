"""The forum's intake: the queue, reading a referral (audited), intake, a direct answer, onto an agenda."""

import pytest
from django.urls import reverse

from zorgroute.access.tests.test_matrix import forum_objects
from zorgroute.cases import services as case_services
from zorgroute.cases.tests.case_helpers import last_event
from zorgroute.meetings.constants import ReferralStatus
from zorgroute.meetings.models import AgendaItem
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db


@pytest.fixture
def forum(world):
    other = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    return forum_objects(world, other)


def page(referral):
    return reverse("forum:intake-referral", args=[referral.uuid])


def test_the_chair_sees_the_queue_and_reads_a_referral(client, world, forum):
    login_verified(client, world.zat_chair)
    queue = client.get(reverse("forum:intake-queue"))
    assert [r.pk for r in queue.context["referrals"]] == [forum["referral_zat"].pk]  # not the draft
    response = client.get(page(forum["referral_zat"]))
    assert response.status_code == 200
    assert last_event("referral.viewed").actor_uuid == world.zat_chair.uuid


def test_intake_then_onto_the_agenda(client, world, forum):
    referral = forum["referral_zat"]
    AgendaItem.objects.filter(meeting=forum["meeting_zat"], case=referral.case).delete()
    login_verified(client, world.zat_chair)
    bad = client.post(page(referral), {"step": "intake", "intake-mode": "perhaps"})
    assert bad.status_code == 200 and bad.context["forms"]["intake"].errors["mode"]
    ok = client.post(
        page(referral), {"step": "intake", "intake-mode": "joint", "intake-notes": "Met IB en ouders"}
    )
    assert ok.status_code == 302
    referral.refresh_from_db()
    assert (referral.status, referral.intake_mode) == (ReferralStatus.IN_INTAKE, "joint")
    meeting = forum["meeting_zat"]
    scheduled = client.post(page(referral), {"step": "schedule", "schedule-meeting": str(meeting.uuid)})
    assert scheduled.status_code == 302 and scheduled["Location"] == reverse(
        "forum:meeting-detail", args=[meeting.uuid]
    )
    assert AgendaItem.objects.filter(meeting=meeting, case=referral.case).exists()


def test_a_direct_answer_needs_text(client, world, forum):
    referral = forum["referral_zat"]
    login_verified(client, world.zat_chair)
    refused = client.post(page(referral), {"step": "answer", "answer-answer": ""})
    assert refused.context["forms"]["answer"].errors["answer"]
    assert (
        client.post(page(referral), {"step": "answer", "answer-answer": "Advies: logopedie."}).status_code
        == 302
    )
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.ANSWERED
    assert client.post(page(referral), {"step": "unknown"}).status_code == 404


def test_others_cannot_take_in_a_referral(client, world, forum):
    for persona in ("zat_member", "ib_b", "teacher"):
        client.logout()
        login_verified(client, getattr(world, persona))
        assert client.get(page(forum["referral_zat"])).status_code == 404
        assert client.get(reverse("forum:intake-queue")).context["referrals"] == []
    client.logout()
    login_verified(client, world.zat_chair)
    assert client.get(page(forum["referral_draft"])).status_code == 404  # a draft is the school's


def test_the_queue_takes_constant_queries(client, world, forum):
    from zorgroute.meetings.models import Referral

    login_verified(client, world.zat_chair)
    small = count_queries(client, reverse("forum:intake-queue"))
    for _ in range(5):
        Referral.objects.create(
            case=world.case_a1,
            team=world.zat,
            forum_kind="regional_team",
            status="submitted",
            created_by=world.ib_a,
        )
    assert count_queries(client, reverse("forum:intake-queue")) == small


def test_an_anonymous_case_reaches_the_intake_without_identity(client, world, forum):
    from zorgroute.meetings.models import Referral

    pupil = world.pupil_b1  # the ZAT may discuss this case anonymously only
    referral = Referral.objects.create(
        case=world.case_b1,
        team=world.zat,
        forum_kind="regional_team",
        status="submitted",
        created_by=world.ib_b,
        help_question_school=f"{pupil.first_name} {pupil.last_name} (bsn {pupil.bsn}) zit in {world.group_b1.name}.",
    )
    login_verified(client, world.zat_chair)
    queue = client.get(reverse("forum:intake-queue")).content.decode()
    body = client.get(page(referral)).content.decode()
    meeting = client.get(reverse("forum:meeting-detail", args=[forum["meeting_zat"].uuid])).content.decode()
    for content in (queue, body, meeting):
        assert pupil.last_name not in content and pupil.first_name not in content
    assert pupil.bsn not in body and 'data-testid="referral-anonymous"' in body


# --- SDQ and the PDF on the intake page ---------------------------------------------------------------------------


def _with_sdq(world, referral, respondent):
    import datetime as dt

    from zorgroute.core.time import today
    from zorgroute.meetings.services import referral_documents

    somewhat = dict.fromkeys(range(1, 26), 1)
    for days, answers in (
        (60, somewhat),
        (0, dict.fromkeys(range(1, 26), 2)),
    ):  # a baseline, then an evaluation
        referral_documents.referral_questionnaire_record(
            actor=world.ib_a,
            referral=referral,
            version="parent",
            respondent=respondent,
            filled_on=today() - dt.timedelta(days=days),
            answers=answers,
        )
    return referral


def test_the_intake_shows_the_sdq_and_links_the_pdf(client, world, forum):
    from zorgroute.cases.tests.case_helpers import in_dutch

    referral = _with_sdq(world, forum["referral_zat"], "Moeder van Sanne")  # the ZAT may know Sanne by name
    login_verified(client, world.zat_chair)
    response = client.get(page(referral))
    body = response.content.decode()
    views = response.context["questionnaires"]
    assert [v.is_baseline for v in views] == [True, False]
    assert 'data-testid="intake-sdq"' in body and in_dutch("Emotional symptoms") in body
    assert "Moeder van Sanne" in body  # by name: who filled it in
    assert reverse("forum:intake-referral-pdf", args=[referral.uuid]) in body


def test_an_anonymous_intake_shows_the_sdq_without_who_filled_it_in(client, world, forum):
    from zorgroute.cases.tests.case_helpers import in_dutch
    from zorgroute.meetings.models import Referral

    referral = Referral.objects.create(
        case=world.case_b1,
        team=world.zat,
        forum_kind="regional_team",
        status="submitted",
        created_by=world.ib_b,
    )
    _with_sdq(world, referral, "Moeder van Lotte Bakker")
    login_verified(client, world.zat_chair)
    body = client.get(page(referral)).content.decode()
    assert in_dutch("Emotional symptoms") in body and body.count('data-testid="sdq-result"') == 2
    for leak in ("Lotte", "Bakker", "Moeder van"):
        assert leak not in body, leak


def test_the_intake_downloads_the_referral_pdf_audited(client, world, forum):
    from zorgroute.cases.tests.case_helpers import events, last_event
    from zorgroute.meetings.models import Referral

    referral = Referral.objects.create(
        case=world.case_b1,
        team=world.zat,
        forum_kind="regional_team",
        status="submitted",
        created_by=world.ib_b,
        help_question_school="Lotte Bakker uit Klas 4H trekt zich terug.",
    )
    pdf = reverse("forum:intake-referral-pdf", args=[referral.uuid])
    login_verified(client, world.zat_chair)
    response = client.get(pdf)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Disposition"].startswith('attachment; filename="aanmelding-zat-')
    event = last_event("referral.pdf_downloaded")
    assert event.actor_uuid == world.zat_chair.uuid and event.changes == {
        "forum": "regional_team",
        "anonymous": True,
    }
    for persona in (
        "zat_member",
        "ib_b",
    ):  # a member does not take in referrals; the school uses its own page
        client.logout()
        login_verified(client, getattr(world, persona))
        assert client.get(pdf).status_code == 404
    client.logout()
    assert client.get(pdf)["Location"].startswith(reverse("accounts:login"))
    assert events("referral.pdf_downloaded") == 1


def test_the_intake_page_takes_constant_queries_as_questionnaires_grow(client, world, forum):
    referral = forum["referral_zat"]
    login_verified(client, world.zat_chair)
    small = count_queries(client, page(referral))
    _with_sdq(world, referral, "Juf Ans")
    _with_sdq(world, referral, "Juf Ans")
    assert count_queries(client, page(referral)) == small
