"""SDQ questionnaires on a referral and the audited PDF download, as services; the referral's selectors."""

import datetime as dt

import pytest

from zorgroute.cases.tests.case_helpers import events, in_dutch, last_event
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.meetings import referral_selectors as selectors
from zorgroute.meetings.constants import ReferralStatus
from zorgroute.meetings.models import ReferralQuestionnaire
from zorgroute.meetings.services import referral_documents as documents
from zorgroute.meetings.services import referrals

pytestmark = pytest.mark.django_db

SOME = dict.fromkeys(range(1, 26), 1)


@pytest.fixture
def referral(world):
    return referrals.referral_start(actor=world.ib_a, case=world.case_a1, forum_kind="school_care_team")


def record(world, referral, **change):
    values = {
        "actor": world.ib_a,
        "referral": referral,
        "version": "parent",
        "respondent": "Moeder",
        "filled_on": today(),
        "answers": SOME,
        "impact": {"difficulties": 0},
        **change,
    }
    return documents.referral_questionnaire_record(**values)


def test_a_questionnaire_is_stored_with_its_result_and_audited(world, referral):
    questionnaire = record(world, referral, answers={**SOME, 3: None, 8: 2})
    assert questionnaire.answers["8"] == 2 and "3" not in questionnaire.answers
    assert questionnaire.result["scores"]["emotional"] == 6  # 2+1+1+1 over 4 of 5 items: 6.25, rounded 6
    assert questionnaire.result["scores"]["impact"] == 0  # "no difficulties"
    assert questionnaire.result["unanswered"] == [3]
    assert questionnaire.result["norms"] == "sdqinfo-4band" and questionnaire.result["bands"]
    event = last_event("referral.questionnaire_recorded")
    assert event.target_uuid == questionnaire.uuid and event.case_uuid == world.case_a1.uuid
    assert event.changes == {
        "referral": str(referral.uuid),
        "version": "parent",
        "answered": 24,
        "norms": "sdqinfo-4band",
    }


def test_a_pupil_outside_the_norms_age_gets_scores_without_bands(world, referral):
    pupil = world.case_a1.pupil
    pupil.date_of_birth = today() - dt.timedelta(days=365 * 3)
    pupil.save()
    questionnaire = record(world, referral)
    assert questionnaire.result["norms"] is None and questionnaire.result["bands"] == {}
    assert questionnaire.result["scores"]["total_difficulties"] == 20


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers": {}}, None),
        ({"answers": {1: None}}, None),
        ({"answers": {1: 5}}, None),
        ({"version": "pupil"}, None),
        ({"impact": {"leisure": 1}, "version": "teacher"}, None),
        ({"respondent": "  "}, "respondent"),
        ({"respondent": "x" * 201}, "respondent"),
        ({"filled_on": today() + dt.timedelta(days=1)}, "filled_on"),
        ({"filled_on": dt.date(1990, 1, 1)}, "filled_on"),
    ],
)
def test_bad_questionnaires_are_refused(world, referral, change, field):
    with pytest.raises(ValidationError) as refused:
        record(world, referral, **change)
    assert refused.value.field == field
    assert not ReferralQuestionnaire.objects.exists() and events("referral.questionnaire_recorded") == 0


def test_a_withdrawn_referral_takes_no_questionnaire(world, referral):
    referral.status = ReferralStatus.WITHDRAWN
    referral.save()
    with pytest.raises(DomainError) as refused:
        record(world, referral)
    assert refused.value.message == in_dutch("This referral was withdrawn.")


def test_the_pdf_download_is_audited_without_a_reason(world, referral):
    documents.referral_pdf_downloaded(actor=world.ib_a, referral=referral, anonymous=True)
    event = last_event("referral.pdf_downloaded")
    assert event.changes == {"forum": "school_care_team", "anonymous": True} and event.reason == ""
    assert event.pupil_uuid == world.pupil_a1.uuid


def test_repeated_questionnaires_compare_with_the_first_of_their_version(world, referral):
    first = record(world, referral, filled_on=today() - dt.timedelta(days=60))
    record(world, referral, version="teacher", respondent="Juf", answers=dict.fromkeys(range(1, 26), 2))
    later = record(world, referral, answers=dict.fromkeys(range(1, 26), 0))
    views = selectors.questionnaire_views(list(ReferralQuestionnaire.objects.all()))
    assert [(v.questionnaire.version, v.is_baseline) for v in views] == [
        ("teacher", True),
        ("parent", True),
        ("parent", False),
    ]
    evaluation = views[2]
    assert evaluation.questionnaire == later and evaluation.baseline == first
    emotional = next(row for row in evaluation.rows if row.measure == "emotional")
    assert (emotional.value, emotional.change, emotional.direction) == (0, -5, in_dutch("Better"))


def test_the_prefill_shows_what_the_start_takes_over(world):
    case = world.case_a1
    case.help_question_school = "Hoe helpen we Sanne?"
    case.save()
    prefill = dict(selectors.referral_prefill(case=case, forum_kind="school_care_team"))
    assert prefill == {in_dutch("Help question of the school"): "Hoe helpen we Sanne?"}
    started = referrals.referral_start(actor=world.ib_a, case=case, forum_kind="school_care_team")
    assert started.help_question_school == "Hoe helpen we Sanne?"


def test_the_check_refuses_what_no_filling_in_solves(world):
    from zorgroute.cases import services as case_services
    from zorgroute.cases.constants import ClosureReason
    from zorgroute.testing import consent

    zat = referrals.referral_start(actor=world.ib_a, case=world.case_a1, forum_kind="regional_team")
    referrals.referral_update(actor=world.ib_a, referral=zat, crisis=True)
    consent.give(world.case_a1, world.ib_a, "regional_team")
    referrals.referral_submit(actor=world.ib_a, referral=zat)
    world.case_a1.refresh_from_db()
    at_zat = selectors.referral_check(referral=zat)
    assert at_zat.target is None and at_zat.refusal == "" and at_zat.ready  # already at the forum's step
    late = referrals.referral_start(actor=world.ib_a, case=world.case_a1, forum_kind="school_care_team")
    late.case = world.case_a1
    past = selectors.referral_check(referral=late)
    assert past.refusal == in_dutch("The case is already past this forum's step; step back first.")
    assert not past.ready and past.target is None
    case_services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    world.case_a1.refresh_from_db()
    late.case = world.case_a1
    assert selectors.referral_check(referral=late).refusal == in_dutch(
        "This case is closed. Reopen it first."
    )
