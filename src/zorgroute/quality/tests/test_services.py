"""The self-assessment services: start a year, record scores and notes, comment, finalise; each with its audit row
and the domain errors it raises."""

import pytest

from zorgroute.audit.models import AuditEvent
from zorgroute.core.exceptions import ConflictError, DomainError, ValidationError
from zorgroute.core.time import current_school_year
from zorgroute.quality import kwaliteitskader, services
from zorgroute.quality.constants import AssessmentStatus
from zorgroute.quality.models import AssessmentComment, Framework, FrameworkItem, ItemScore
from zorgroute.quality.services import Answer
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db

YEAR = current_school_year()


def audit_rows(event):
    return list(AuditEvent.objects.filter(event=event).order_by("seq"))


@pytest.fixture
def assessment(world):
    return services.assessment_start(actor=world.zat_chair, team=world.zat, year=YEAR)


def test_it_starts_a_year_against_the_seeded_framework(world):
    assessment = services.assessment_start(actor=world.ib_a, team=world.zorgteam_a, year=YEAR - 1)
    assert assessment.framework.code == kwaliteitskader.CODE
    assert assessment.status == AssessmentStatus.DRAFT and assessment.started_by == world.ib_a
    (row,) = audit_rows("quality.assessment_started")
    assert row.target_uuid == assessment.uuid
    assert row.changes == {"team": str(world.zorgteam_a.uuid), "year": YEAR - 1, "framework": "nji-po-2009"}


def test_one_assessment_per_team_and_year(world, assessment):
    with pytest.raises(ConflictError) as exc:
        services.assessment_start(actor=world.zat_chair, team=world.zat, year=YEAR)
    assert exc.value.field == "year"
    assert len(audit_rows("quality.assessment_started")) == 1


def test_it_refuses_a_group_review_a_future_year_and_an_inactive_team(world):
    review = f.CareTeamFactory(region=world.region, school=world.school_a, kind="group_review")
    with pytest.raises(DomainError):
        services.assessment_start(actor=world.ib_a, team=review, year=YEAR)
    with pytest.raises(ValidationError) as exc:
        services.assessment_start(actor=world.zat_chair, team=world.zat, year=YEAR + 1)
    assert exc.value.field == "year"
    with pytest.raises(ValidationError):
        services.assessment_start(actor=world.zat_chair, team=world.zat, year=2004)
    world.zat.is_active = False
    world.zat.save()
    with pytest.raises(DomainError):
        services.assessment_start(actor=world.zat_chair, team=world.zat, year=YEAR)
    assert not audit_rows("quality.assessment_started")


def test_it_records_scores_and_notes_and_audits_codes_not_text(world, assessment):
    changed = services.assessment_record(
        actor=world.zat_chair,
        assessment=assessment,
        answers={
            "K4": Answer(score=3, notes="De voorzitter bewaakt de tijd goed."),
            "F26": Answer(not_applicable=True),
            "F22": Answer(notes="BJZ komt niet meer; navragen bij de gemeente."),
        },
        summary="Volgend jaar: vervanging bij afwezigheid regelen.",
    )
    assert changed == ["K4", "F22", "F26", "summary"]
    scores = {s.item.code: s for s in ItemScore.objects.filter(assessment=assessment).select_related("item")}
    assert (scores["K4"].score, scores["K4"].notes) == (3, "De voorzitter bewaakt de tijd goed.")
    assert scores["F26"].not_applicable and scores["F26"].score is None
    assert scores["F22"].score is None and scores["F22"].notes.startswith("BJZ")
    (row,) = audit_rows("quality.assessment_saved")
    assert row.changes == {
        "scores": {"K4": [None, 3], "F26": [None, "n/a"]},
        "notes_changed": ["K4", "F22"],
        "summary_changed": True,
    }
    assert "voorzitter" not in str(row.changes) and "BJZ" not in str(row.changes)

    again = services.assessment_record(
        actor=world.zat_chair,
        assessment=assessment,
        answers={"K4": Answer(score=4, notes=scores["K4"].notes)},
    )
    assert again == ["K4"]
    assert audit_rows("quality.assessment_saved")[-1].changes["scores"] == {"K4": [3, 4]}
    assert (
        ItemScore.objects.get(assessment=assessment, item__number=4, item__kind="characteristic").score == 4
    )

    unchanged = services.assessment_record(
        actor=world.zat_chair,
        assessment=assessment,
        answers={"K4": Answer(score=4, notes=scores["K4"].notes)},
    )
    assert unchanged == [] and len(audit_rows("quality.assessment_saved")) == 2


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({"K1": Answer(score=5)}, "score_K1"),
        ({"K1": Answer(score=2, not_applicable=True)}, "score_K1"),
        ({"F3": Answer(notes="x" * 4001)}, "notes_F3"),
        ({"X9": Answer(score=1)}, None),
    ],
)
def test_it_refuses_answers_outside_the_rules(world, assessment, answers, field):
    with pytest.raises(ValidationError) as exc:
        services.assessment_record(actor=world.zat_chair, assessment=assessment, answers=answers)
    assert exc.value.field == field
    assert not ItemScore.objects.exists() and not audit_rows("quality.assessment_saved")


def test_comments_on_an_item_or_the_whole(world, assessment):
    item = FrameworkItem.objects.get(framework=assessment.framework, kind="factor", number=26)
    comment = services.assessment_comment(
        actor=world.zat_member, assessment=assessment, text="Ik regel een vervanger.", item=item
    )
    services.assessment_comment(actor=world.zat_member, assessment=assessment, text="Goed gesprek.")
    assert [c.item_id for c in AssessmentComment.objects.order_by("pk")] == [item.pk, None]
    assert comment.author == world.zat_member
    rows = audit_rows("quality.comment_added")
    assert [r.changes for r in rows] == [{"item": "F26"}, {"item": None}]
    with pytest.raises(ValidationError):
        services.assessment_comment(actor=world.zat_member, assessment=assessment, text="   ")
    other = Framework.objects.create(code="other", name="Ander kader", source="-")
    stray = FrameworkItem.objects.create(
        framework=other, kind="factor", number=1, group="G", text="T", position=1
    )
    with pytest.raises(ValidationError):
        services.assessment_comment(actor=world.zat_member, assessment=assessment, text="Hm", item=stray)
    assert AssessmentComment.objects.count() == 2


def test_finalising_closes_the_year(world, assessment):
    with pytest.raises(DomainError):  # nothing filled in yet
        services.assessment_finalise(actor=world.zat_chair, assessment=assessment)
    services.assessment_record(actor=world.zat_chair, assessment=assessment, answers={"K1": Answer(score=2)})
    services.assessment_finalise(actor=world.zat_chair, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.is_final and assessment.finalised_by == world.zat_chair and assessment.finalised_at
    (row,) = audit_rows("quality.assessment_finalised")
    assert row.changes == {"status": ["draft", "final"]}
    with pytest.raises(DomainError):
        services.assessment_record(
            actor=world.zat_chair, assessment=assessment, answers={"K1": Answer(score=4)}
        )
    with pytest.raises(DomainError):
        services.assessment_comment(actor=world.zat_member, assessment=assessment, text="Te laat")
    with pytest.raises(DomainError):
        services.assessment_finalise(actor=world.zat_chair, assessment=assessment)
    assert ItemScore.objects.get().score == 2 and len(audit_rows("quality.assessment_finalised")) == 1


def test_a_summary_alone_may_be_finalised(world, assessment):
    services.assessment_record(actor=world.zat_chair, assessment=assessment, answers={}, summary="Besproken.")
    assert services.assessment_finalise(actor=world.zat_chair, assessment=assessment).is_final


def test_the_framework_is_installed_again_in_an_emptied_database(world):
    Framework.objects.all().delete()
    assessment = services.assessment_start(actor=world.zat_chair, team=world.zat, year=YEAR)
    assert assessment.framework.items.count() == 44
    (row,) = audit_rows("quality.framework_installed")
    assert row.changes == {"code": "nji-po-2009", "items": 44}
    assert services.framework_install_default() == assessment.framework  # idempotent
    assert len(audit_rows("quality.framework_installed")) == 1
