"""The school's referral pages: the case page's list and buttons, start (pre-filled), edit with the completeness
check, SDQ questionnaires, submit through the route's gate, the read-only page and the PDF."""

import datetime as dt
import os
import shutil
import subprocess
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from zorgroute.cases import services as case_services
from zorgroute.cases.services import MAX_TEXT
from zorgroute.cases.tests.case_helpers import (
    MISSING,
    assert_same_as_missing,
    current_plan,
    events,
    fill_package,
    in_dutch,
    last_event,
    log_intervention,
)
from zorgroute.core.time import today
from zorgroute.meetings.constants import ReferralStatus
from zorgroute.meetings.models import AgendaItem, Meeting, Referral, ReferralQuestionnaire
from zorgroute.meetings.services import referral_documents
from zorgroute.meetings.services import referrals as referral_services
from zorgroute.testing import consent
from zorgroute.testing.auth import count_queries, login_verified

pytestmark = pytest.mark.django_db

ZORGTEAM = "school_care_team"
ZAT = "regional_team"
STRENGTHS = "Sanne is behulpzaam en tekent graag."
SEVERITY = "Trekt zich terug in de kring, sinds drie maanden, toenemend."


def ready(world):
    """Sanne's case at the group review with what the zorgteam step asks, except consent."""
    case = world.case_a1
    log_intervention(case, world.teacher)
    case = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")
    fill_package(case, world.ib_a)
    current_plan(case, world.ib_a)
    return case


def draft(world, case=None, forum=ZORGTEAM, **texts):
    referral = referral_services.referral_start(
        actor=world.ib_a, case=case or world.case_a1, forum_kind=forum
    )
    if texts:
        referral_services.referral_update(actor=world.ib_a, referral=referral, **texts)
    return referral


def url(name, referral, *more):
    return reverse(f"meetings:{name}", args=[referral.case.uuid, referral.uuid, *more])


def start_url(case, slug="zorgteam"):
    return reverse("meetings:referral-start", args=[case.uuid, slug])


def sdq_post(respondent="Leerkracht groep 5", filled_on=None, **answers):
    data = {"respondent": respondent, "filled_on": (filled_on or today()).isoformat()}
    data.update({f"item_{n}": str(v) for n, v in answers.get("items", {}).items()})
    data.update({f"impact_{k}": str(v) for k, v in answers.get("impact", {}).items()})
    return data


ALL_SOMEWHAT = dict.fromkeys(range(1, 26), 1)
ALL_CERTAIN = dict.fromkeys(range(1, 26), 2)


# --- The case page ----------------------------------------------------------------------------------------------------


def test_the_case_page_lists_referrals_and_offers_the_forums_to_who_manages(client, world):
    case = ready(world)
    login_verified(client, world.ib_a)
    empty = client.get(reverse("cases:case-detail", args=[case.uuid])).content.decode()
    assert start_url(case, "zorgteam") in empty and start_url(case, "zat") in empty
    referral = draft(world, case)
    page = client.get(reverse("cases:case-detail", args=[case.uuid])).content.decode()
    assert url("referral-detail", referral) in page
    assert url("referral-edit", referral) in page  # continue the draft instead of starting one
    assert start_url(case, "zorgteam") not in page and start_url(case, "zat") in page
    client.logout()
    login_verified(client, world.teacher)  # sees the case's referrals, may not refer
    taught = client.get(reverse("cases:case-detail", args=[case.uuid])).content.decode()
    assert url("referral-detail", referral) in taught
    assert start_url(case, "zat") not in taught and url("referral-edit", referral) not in taught


# --- Start ------------------------------------------------------------------------------------------------------------


def test_starting_shows_what_is_taken_over_then_creates_the_draft(client, world):
    case = ready(world)
    login_verified(client, world.ib_a)
    preview = client.get(start_url(case))
    assert preview.status_code == 200
    assert "Hoe helpen we Sanne in de kring?" in preview.content.decode()
    assert not Referral.objects.exists()
    created = client.post(start_url(case))
    referral = Referral.objects.get()
    assert created["Location"] == url("referral-edit", referral)
    assert (referral.status, referral.forum_kind, referral.team) == (
        ReferralStatus.DRAFT,
        ZORGTEAM,
        world.zorgteam_a,
    )
    assert last_event("referral.started").actor_uuid == world.ib_a.uuid
    again = client.get(start_url(case))  # a draft exists: continue it
    assert again.status_code == 302 and again["Location"] == url("referral-edit", referral)
    assert client.get(start_url(case, "elders")).status_code == 404


def test_a_zat_referral_shows_the_zorgteam_texts_it_builds_on(client, world):
    case = ready(world)
    zorgteam = draft(world, case, strengths=STRENGTHS, nature_and_severity=SEVERITY)
    consent.give(case, world.ib_a, ZORGTEAM)
    referral_services.referral_submit(actor=world.ib_a, referral=zorgteam)
    login_verified(client, world.ib_a)
    preview = client.get(start_url(case, "zat")).content.decode()
    assert STRENGTHS in preview
    client.post(start_url(case, "zat"))
    assert Referral.objects.get(forum_kind=ZAT).based_on == zorgteam


def test_a_refused_start_shows_why(client, world):
    case = ready(world)
    submitted = draft(world, case, crisis=True)
    consent.give(case, world.ib_a, ZORGTEAM)
    referral_services.referral_submit(actor=world.ib_a, referral=submitted)
    login_verified(client, world.ib_a)
    waiting = client.get(start_url(case))
    assert waiting.status_code == 200 and not waiting.context["refusal"] and waiting.context["waiting"]
    refused = client.post(start_url(case))
    assert refused.status_code == 200
    assert refused.context["refusal"] == in_dutch(
        "There is already a referral to this forum that is not finished."
    )
    assert Referral.objects.count() == 1


# --- Edit and the completeness check ---------------------------------------------------------------------------------


def test_editing_saves_the_texts_and_shows_what_is_still_missing(client, world):
    case = ready(world)
    referral = draft(world, case)
    login_verified(client, world.ib_a)
    page = client.get(url("referral-edit", referral))
    check = page.context["check"]
    assert [g.message for g in check.referral_gaps] == [
        in_dutch("the pupil's strengths and chances"),
        in_dutch("the nature and severity of the problems"),
    ]
    assert [g.message for g in check.route_gaps] == [in_dutch("a valid consent basis for this forum")]
    html = page.content.decode()
    assert reverse("consents:consent-overview", args=[case.uuid]) in html
    assert url("referral-edit", referral) + "#id_strengths" in html
    form = {name: getattr(referral, name) for name in referral_services.REFERRAL_TEXTS}
    saved = client.post(
        url("referral-edit", referral), {**form, "strengths": STRENGTHS, "nature_and_severity": SEVERITY}
    )
    assert saved.status_code == 302 and saved["Location"] == url("referral-edit", referral)
    referral.refresh_from_db()
    assert (referral.strengths, referral.nature_and_severity) == (STRENGTHS, SEVERITY)
    assert last_event("referral.updated").changes == {"fields": ["nature_and_severity", "strengths"]}
    consent.give(case, world.ib_a, ZORGTEAM)
    assert client.get(url("referral-edit", referral)).context["check"].ready


def test_bad_input_keeps_what_was_entered(client, world):
    referral = draft(world, ready(world))
    login_verified(client, world.ib_a)
    too_long = client.post(
        url("referral-edit", referral), {"strengths": STRENGTHS, "teacher_questions": "x" * (MAX_TEXT + 1)}
    )
    assert too_long.status_code == 200 and too_long.context["form"].errors["teacher_questions"]
    assert STRENGTHS in too_long.content.decode()
    referral.refresh_from_db()
    assert referral.strengths == "" and events("referral.updated") == 0


def test_save_and_submit_goes_to_the_confirmation(client, world):
    referral = draft(world, ready(world))
    login_verified(client, world.ib_a)
    response = client.post(
        url("referral-edit", referral),
        {"strengths": STRENGTHS, "nature_and_severity": SEVERITY, "crisis": "on", "next": "submit"},
    )
    assert response["Location"] == url("referral-submit", referral)
    referral.refresh_from_db()
    assert referral.crisis


def test_a_submitted_referral_is_not_edited(client, world):
    case = ready(world)
    referral = draft(world, case, crisis=True)
    consent.give(case, world.ib_a, ZORGTEAM)
    referral_services.referral_submit(actor=world.ib_a, referral=referral)
    login_verified(client, world.ib_a)
    for name in ("referral-edit", "referral-submit"):
        response = client.post(url(name, referral), {"strengths": "anders"})
        assert response.status_code == 302 and response["Location"] == url("referral-detail", referral)
    referral.refresh_from_db()
    assert referral.strengths == "" and referral.status == ReferralStatus.SUBMITTED


# --- SDQ --------------------------------------------------------------------------------------------------------------


def test_an_sdq_is_scored_banded_and_compared_when_repeated(client, world):
    referral = draft(world, ready(world))
    login_verified(client, world.ib_a)
    form = client.get(url("referral-sdq", referral, "leerkracht"))
    assert form.status_code == 200
    assert form.content.decode().count("<fieldset") == 25 + 6  # the items and the teacher's impact questions
    first = client.post(
        url("referral-sdq", referral, "leerkracht"),
        sdq_post(
            items=ALL_SOMEWHAT,
            impact={"difficulties": 2, "distress": 2, "classroom_learning": 3},
            filled_on=today() - dt.timedelta(days=30),
        ),
    )
    assert first.status_code == 302 and first["Location"].startswith(url("referral-detail", referral))
    baseline = ReferralQuestionnaire.objects.get()
    assert baseline.version == "teacher" and baseline.answers["7"] == 1
    assert baseline.result["scores"]["emotional"] == 5 and baseline.result["norms"] == "sdqinfo-4band"
    assert last_event("referral.questionnaire_recorded").changes == {
        "referral": str(referral.uuid),
        "version": "teacher",
        "answered": 25,
        "norms": "sdqinfo-4band",
    }
    client.post(url("referral-sdq", referral, "leerkracht"), sdq_post(items=ALL_CERTAIN))
    page = client.get(url("referral-detail", referral))
    views = page.context["page"].questionnaires
    assert [v.is_baseline for v in views] == [True, False]
    emotional = next(r for r in views[1].rows if r.measure == "emotional")
    assert (emotional.value, emotional.change) == (10, 5)
    assert emotional.direction == in_dutch("Worse")
    assert emotional.band  # banded by the teacher norms
    assert page.content.decode().count('data-testid="sdq-result"') == 2


def test_an_empty_sdq_is_a_form_error_that_keeps_the_respondent(client, world):
    referral = draft(world, ready(world))
    login_verified(client, world.ib_a)
    empty = client.post(url("referral-sdq", referral, "ouder"), sdq_post(respondent="Moeder"))
    assert empty.status_code == 200
    assert in_dutch("Answer at least one statement.") in empty.content.decode()
    assert 'value="Moeder"' in empty.content.decode()
    future = client.post(
        url("referral-sdq", referral, "ouder"),
        sdq_post(respondent="Moeder", filled_on=today() + dt.timedelta(days=2), items={1: 2}),
    )
    assert future.context["about"].errors["filled_on"]
    bad = client.post(url("referral-sdq", referral, "ouder"), {**sdq_post(), "item_3": "7"})
    assert bad.status_code == 200 and bad.context["sdq_form"].errors["item_3"]
    assert not ReferralQuestionnaire.objects.exists()
    assert client.get(url("referral-sdq", referral, "kind")).status_code == 404


# --- Submit -----------------------------------------------------------------------------------------------------------


def test_submitting_moves_the_case_or_shows_the_routes_message(client, world):
    case = ready(world)
    referral = draft(world, case, strengths=STRENGTHS, nature_and_severity=SEVERITY)
    login_verified(client, world.ib_a)
    confirm = client.get(url("referral-submit", referral))
    assert confirm.status_code == 200
    assert (
        confirm.context["check"].target.forum_kind == ZORGTEAM
        and confirm.context["check"].transition == "escalate"
    )
    refused = client.post(url("referral-submit", referral))
    assert refused.status_code == 200
    assert in_dutch("a valid consent basis for this forum") in refused.context["refusal"]
    referral.refresh_from_db()
    assert referral.status == ReferralStatus.DRAFT
    consent.give(case, world.ib_a, ZORGTEAM)
    done = client.post(url("referral-submit", referral))
    assert done.status_code == 302 and done["Location"] == reverse("cases:case-detail", args=[case.uuid])
    referral.refresh_from_db()
    case.refresh_from_db()
    assert referral.status == ReferralStatus.SUBMITTED and case.step.forum_kind == ZORGTEAM
    assert last_event("referral.submitted").actor_uuid == world.ib_a.uuid


def test_a_crisis_skips_to_the_zat(client, world):
    referral = draft(world, forum=ZAT, crisis=True)
    login_verified(client, world.ib_a)
    check = client.get(url("referral-submit", referral)).context["check"]
    assert check.transition == "skip" and check.target.forum_kind == ZAT
    assert [g.message for g in check.route_gaps] == [in_dutch("a valid consent basis for this forum")]
    consent.give(world.case_a1, world.ib_a, ZAT)
    assert client.post(url("referral-submit", referral)).status_code == 302
    world.case_a1.refresh_from_db()
    assert world.case_a1.step.forum_kind == ZAT


# --- The referral page ------------------------------------------------------------------------------------------------


def test_the_school_reads_the_referral_and_its_course(client, world):
    case = ready(world)
    referral = draft(world, case, strengths=STRENGTHS, nature_and_severity=SEVERITY)
    consent.give(case, world.ib_a, ZORGTEAM)
    referral_services.referral_submit(actor=world.ib_a, referral=referral)
    login_verified(client, world.teacher)
    page = client.get(url("referral-detail", referral))
    assert page.status_code == 200
    html = page.content.decode()
    assert (
        STRENGTHS in html
        and url("referral-pdf", referral) not in html
        and url("referral-edit", referral) not in html
    )
    assert [line.label for line in page.context["page"].history] == [
        in_dutch("Started"),
        in_dutch("Submitted"),
    ]
    assert last_event("case.viewed").actor_uuid == world.teacher.uuid
    client.logout()
    login_verified(client, world.ib_a)
    assert url("referral-pdf", referral) in client.get(url("referral-detail", referral)).content.decode()


def test_the_referral_page_takes_constant_queries(client, world):
    case = ready(world)
    referral = draft(world, case, strengths=STRENGTHS, nature_and_severity=SEVERITY)
    consent.give(case, world.ib_a, ZORGTEAM)
    referral_services.referral_submit(actor=world.ib_a, referral=referral)

    def add(n):
        for _ in range(n):
            for version in ("teacher", "parent"):
                referral_documents.referral_questionnaire_record(
                    actor=world.ib_a,
                    referral=referral,
                    version=version,
                    respondent="Iemand",
                    filled_on=today(),
                    answers=ALL_SOMEWHAT,
                )
            start = timezone.now() + dt.timedelta(days=len(Meeting.objects.all()) + 1)
            meeting = Meeting.objects.create(
                team=world.zorgteam_a,
                starts_at=start,
                ends_at=start + dt.timedelta(hours=1),
                summary_release_on=today(),
                access_until=today() + dt.timedelta(days=30),
            )
            AgendaItem.objects.create(meeting=meeting, case=case, referral=referral, kind="new", position=1)

    login_verified(client, world.ib_a)
    add(1)
    small = count_queries(client, url("referral-detail", referral))
    add(6)
    assert count_queries(client, url("referral-detail", referral)) == small
    assert len(client.get(url("referral-detail", referral)).context["page"].history) == 2 + 7


# --- Who may ----------------------------------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_the_login(client, world):
    referral = draft(world, ready(world))
    for name in ("referral-detail", "referral-edit", "referral-submit", "referral-pdf"):
        response = client.get(url(name, referral))
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    assert "/account/inloggen/" in client.get(start_url(world.case_a1))["Location"]
    assert "/account/inloggen/" in client.get(url("referral-sdq", referral, "ouder"))["Location"]


def test_an_outsider_gets_the_same_404_as_for_a_missing_referral(client, world):
    referral = draft(world, ready(world))
    login_verified(client, world.ib_b)
    missing_case = reverse("meetings:referral-detail", args=[MISSING, MISSING])
    for name in ("referral-detail", "referral-edit", "referral-submit", "referral-pdf"):
        assert_same_as_missing(client, url(name, referral), missing_case)
    assert_same_as_missing(
        client, start_url(world.case_a1), reverse("meetings:referral-start", args=[MISSING, "zorgteam"])
    )
    assert_same_as_missing(
        client, url("referral-edit", referral), missing_case, method="post", data={"strengths": "x"}
    )
    client.logout()
    login_verified(client, world.ib_a)  # a referral of another case under this case's address: missing
    other = draft(world, _second_case(world))
    wrong = reverse("meetings:referral-detail", args=[world.case_a1.uuid, other.uuid])
    assert client.get(wrong).status_code == 404
    assert (
        client.get(reverse("meetings:referral-detail", args=[world.case_a1.uuid, uuid.uuid4()])).status_code
        == 404
    )
    assert (
        client.get(reverse("meetings:referral-detail", args=[world.case_a1.uuid, "nope"])).status_code == 404
    )


def _second_case(world):
    return case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.ib_a)


def test_the_teacher_sees_the_case_but_may_not_refer(client, world):
    referral = draft(world, ready(world))
    login_verified(client, world.teacher)
    assert client.get(start_url(world.case_a1)).status_code == 403
    assert client.post(start_url(world.case_a1, "zat")).status_code == 403
    for name in ("referral-edit", "referral-submit", "referral-pdf"):
        assert client.get(url(name, referral)).status_code == 403
        assert client.post(url(name, referral), {"strengths": "x"}).status_code == 403
    assert client.post(url("referral-sdq", referral, "leerkracht"), sdq_post(items={1: 1})).status_code == 403
    referral.refresh_from_db()
    assert referral.strengths == "" and referral.status == ReferralStatus.DRAFT
    assert Referral.objects.count() == 1 and not ReferralQuestionnaire.objects.exists()
    assert events("referral.pdf_downloaded") == 0


# --- PDF --------------------------------------------------------------------------------------------------------------


def _poppler():
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        return
    if os.environ.get("CI"):
        pytest.fail("pdftoppm/pdftotext missing (apt-get install poppler-utils; .ci/run installs it)")
    pytest.skip("poppler-utils is not installed")


def _pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "aanmelding.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _png(pdf: bytes, tmp_path):
    path = tmp_path / "render.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and pages[0].read_bytes().startswith(b"\x89PNG")
    return pages[0]


def test_the_pdf_names_the_pupil_when_the_forum_may(client, world, tmp_path):
    _poppler()
    case = ready(world)
    referral = draft(world, case, strengths=STRENGTHS, nature_and_severity=SEVERITY)
    referral_documents.referral_questionnaire_record(
        actor=world.ib_a,
        referral=referral,
        version="teacher",
        respondent="Juf Ans",
        filled_on=today(),
        answers=ALL_SOMEWHAT,
    )
    consent.give(case, world.ib_a, ZORGTEAM)
    referral_services.referral_submit(actor=world.ib_a, referral=referral)
    login_verified(client, world.ib_a)
    response = client.get(url("referral-pdf", referral))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "aanmelding-zorgteam-" in disposition
    assert "Sanne" not in disposition and "Jansen" not in disposition
    text = _pdf_text(response.content, tmp_path)
    assert in_dutch("Help question of the school") in text and in_dutch("Strengths and chances") in text
    assert "Sanne Jansen" in text and "Juf Ans" in text and "Basisschool De Regenboog" in text
    assert in_dutch("Emotional symptoms") in text
    _png(response.content, tmp_path)
    event = last_event("referral.pdf_downloaded")
    assert event.actor_uuid == world.ib_a.uuid and event.changes == {"forum": ZORGTEAM, "anonymous": False}
    assert event.reason == ""


def test_the_anonymous_pdf_names_no_one(client, world, tmp_path):
    _poppler()
    case = ready(world)
    referral = draft(
        world,
        case,
        strengths="Sanne tekent graag; haar moeder zegt dat Sanne thuis vrolijk is.",
        nature_and_severity="Sanne Jansen van Basisschool De Regenboog trekt zich terug.",
    )
    referral_documents.referral_questionnaire_record(
        actor=world.ib_a,
        referral=referral,
        version="parent",
        respondent="Moeder van Sanne",
        filled_on=today(),
        answers=ALL_SOMEWHAT,
    )
    consent.give(case, world.ib_a, ZORGTEAM, mode="anonymous")
    login_verified(client, world.ib_a)
    response = client.get(url("referral-pdf", referral))
    assert response.content.startswith(b"%PDF")
    text = _pdf_text(response.content, tmp_path)
    for name in ("Sanne", "Jansen", "Regenboog", "Groep 5a", world.ib_a.last_name):
        assert name not in text, name
    assert in_dutch("Help question of the school") in text
    _png(response.content, tmp_path)
    assert last_event("referral.pdf_downloaded").changes == {"forum": ZORGTEAM, "anonymous": True}


def test_the_case_page_takes_constant_queries_as_referrals_grow(client, world):
    case = ready(world)
    draft(world, case)
    login_verified(client, world.ib_a)
    page = reverse("cases:case-detail", args=[case.uuid])
    small = count_queries(client, page)
    for status in ("answered", "answered", "withdrawn", "scheduled"):
        Referral.objects.create(
            case=case, team=world.zat, forum_kind=ZAT, status=status, created_by=world.ib_a
        )
    assert count_queries(client, page) == small
    assert len(client.get(page).context["referrals"].referrals) == 5
