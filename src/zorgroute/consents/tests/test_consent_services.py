"""Consent records against the engine: what a record allows per forum, withdrawal at once, the head's decision."""

import datetime as dt

import pytest

from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.tests.case_helpers import events, last_event
from zorgroute.consents import selectors, services
from zorgroute.consents.constants import ConsentAnswer, ConsentMode, Evidence
from zorgroute.consents.models import ConsentRecord
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db

ZORGTEAM = "school_care_team"
ZAT = "regional_team"


def mother(world):
    return world.pupil_a1.guardian_links.get(authority="joint").guardian


def father(world):
    return world.pupil_a1.guardian_links.get(authority="none").guardian


def record(world, **change):
    values = {
        "actor": world.ib_a,
        "case": world.case_a1,
        "forum_kind": ZORGTEAM,
        "mode": ConsentMode.WRITTEN,
        "recorded_on": today(),
        "evidence": Evidence.PAPER,
        **change,
    }
    if "answers" not in values:
        values["answers"] = {mother(world): ConsentAnswer.GIVEN}
    return services.consent_record(**values)


def verdict(world, forum=ZORGTEAM, partner=None):
    picture = selectors.case_consent(world.case_a1, partner_id=partner.pk if partner else None)
    return picture.basis(forum)


def test_without_a_record_nothing_is_allowed_and_the_mother_is_missing(world):
    basis = verdict(world)
    assert basis.verdict == "not_allowed" and not basis.is_valid
    assert basis.missing_names == [mother(world).full_name]  # the father has no authority: not asked


def test_written_consent_of_the_authority_holder_allows_the_forum_by_name(world):
    made = record(world)
    basis = verdict(world)
    assert (basis.verdict, basis.decision.consent_id) == ("by_name", made.pk)
    assert basis.is_valid and basis.records == [made]
    assert verdict(world, ZAT).verdict == "not_allowed"  # consent is per forum
    line = world.case_a1.timeline.get(kind=TimelineKind.CONSENT)
    assert line.visibility == Visibility.PARENTS
    row = last_event("consent.recorded")
    assert row.changes["answers"] == {str(mother(world).uuid): "given"}
    assert row.changes["mode"] == "written" and row.case_uuid == world.case_a1.uuid


def test_a_partner_not_named_gets_nothing_by_name(world):
    other = f.PartnerFactory(region=world.region)
    record(world, partners=[world.partner_jgz])
    assert verdict(world, partner=world.partner_jgz).verdict == "by_name"
    assert verdict(world, partner=other).verdict == "not_allowed"


def test_joint_authority_after_divorce_needs_both_parents(world):
    first = mother(world)
    second = f.PupilGuardianFactory(pupil=world.pupil_a1, authority="joint", relationship="father").guardian
    made = record(world, answers={first: ConsentAnswer.GIVEN})
    basis = verdict(world)
    assert basis.verdict == "not_allowed" and basis.missing_names == [second.full_name]
    services.consent_answer(actor=world.ib_a, record=made, guardian=second, answer=ConsentAnswer.GIVEN)
    assert verdict(world).verdict == "by_name"


def test_withdrawal_by_a_parent_takes_effect_at_once(world):
    made = record(world)
    assert verdict(world).verdict == "by_name"
    services.consent_answer(
        actor=world.ib_a, record=made, guardian=mother(world), answer=ConsentAnswer.WITHDRAWN
    )
    basis = verdict(world)
    assert basis.verdict == "not_allowed" and not basis.is_valid
    assert last_event("consent.answered").changes == {
        "party": str(mother(world).uuid),
        "answer": {"old": "given", "new": "withdrawn"},
    }


def test_withdrawing_the_whole_record_ends_it_today_and_only_once(world):
    made = record(world)
    services.consent_withdraw(actor=world.ib_a, record=made)
    assert verdict(world).verdict == "not_allowed"
    with pytest.raises(DomainError):
        services.consent_withdraw(actor=world.ib_a, record=made)
    with pytest.raises(DomainError):
        services.consent_answer(actor=world.ib_a, record=made, guardian=mother(world), answer="given")
    assert events("consent.withdrawn") == 1


def test_assent_allows_outside_information_only_after_the_objection_window(world):
    record(
        world,
        mode=ConsentMode.ASSENT,
        answers={},
        evidence=Evidence.LETTER,
        recorded_on=today() - dt.timedelta(days=20),
        objection_until=today() - dt.timedelta(days=6),
    )
    assert verdict(world).verdict == "outside_info"
    assert verdict(world).is_valid


def test_anonymous_is_a_basis_without_identity(world):
    record(world, mode=ConsentMode.ANONYMOUS, answers={mother(world): ConsentAnswer.GIVEN})
    basis = verdict(world)
    assert basis.verdict == "anonymous" and basis.is_valid and not basis.by_name


@pytest.mark.parametrize(
    "change, field",
    [
        (
            {"forum_kind": "group_review"},
            "forum_kind",
        ),  # not a forum that asks consent in this route? see below
        ({"mode": ConsentMode.OVERRIDE}, "mode"),
        ({"mode": "nonsense"}, "mode"),
        ({"recorded_on": today() + dt.timedelta(days=1)}, "recorded_on"),
        ({"valid_until": today() - dt.timedelta(days=1)}, "valid_until"),
        ({"mode": ConsentMode.ASSENT, "objection_until": None}, "objection_until"),
        ({"answers": {}}, "answers"),
        ({"evidence": Evidence.DECISION}, "evidence"),
        ({"answers": {"x": "given"}}, "answers"),
    ],
)
def test_it_refuses_bad_input_per_field(world, change, field):
    if change.get("answers") == {"x": "given"}:
        change = {"answers": {f.GuardianFactory(): ConsentAnswer.GIVEN}}  # someone else's guardian
    if change.get("forum_kind") == "group_review":
        change = {"forum_kind": "not_a_forum"}
    with pytest.raises(ValidationError) as refused:
        record(world, **change)
    assert refused.value.field == field
    assert not ConsentRecord.objects.exists() and events("consent.recorded") == 0


def test_partners_of_another_region_are_refused(world):
    with pytest.raises(ValidationError) as refused:
        record(world, partners=[f.PartnerFactory(region=world.other_region)])
    assert refused.value.field == "partners"


def test_the_head_decides_by_name_without_consent_with_a_motivation(world):
    record(world, answers={mother(world): ConsentAnswer.REFUSED})
    assert verdict(world).verdict == "not_allowed"
    with pytest.raises(ValidationError) as refused:
        services.consent_override(
            actor=world.head_a, case=world.case_a1, forum_kind=ZORGTEAM, motivation="Zorgen"
        )
    assert refused.value.field == "motivation"
    motivation = (
        "Ernstige zorg over de veiligheid thuis; ouders weigeren. Bespreken met JGZ en maatschappelijk werk."
    )
    decision = services.consent_override(
        actor=world.head_a, case=world.case_a1, forum_kind=ZORGTEAM, motivation=motivation
    )
    basis = verdict(world)
    assert basis.verdict == "by_name" and basis.is_override
    assert selectors.case_consent(world.case_a1).any_override
    row = last_event("consent.overridden")
    assert row.reason == motivation and row.actor_uuid == world.head_a.uuid
    with pytest.raises(DomainError):  # parents do not answer a head's decision
        services.consent_answer(actor=world.ib_a, record=decision, guardian=mother(world), answer="given")
    line = world.case_a1.timeline.filter(kind=TimelineKind.CONSENT).order_by("-id").first()
    assert line.visibility == Visibility.PARENTS


def test_the_picture_takes_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(5):
        record(world, partners=[world.partner_jgz])
    with django_assert_max_num_queries(6):
        picture = selectors.case_consent(world.case_a1)
        assert picture.basis(ZORGTEAM).verdict == "by_name"


def test_many_verdicts_at_once_agree_with_one_at_a_time(world, django_assert_max_num_queries):
    record(world, partners=[world.partner_jgz])
    other_partner = f.PartnerFactory(region=world.region)
    keys = [
        (world.case_a1.pk, ZORGTEAM, None),
        (world.case_a1.pk, ZORGTEAM, world.partner_jgz.pk),
        (world.case_a1.pk, ZORGTEAM, other_partner.pk),
        (world.case_a1.pk, ZAT, None),
        (world.case_b1.pk, ZORGTEAM, None),
    ]
    with django_assert_max_num_queries(6):
        many = selectors.forum_verdicts(keys)
    for case_id, forum, partner in keys:
        case = world.case_a1 if case_id == world.case_a1.pk else world.case_b1
        one = selectors.case_consent(case, partner_id=partner).basis(forum)
        expected = one.decision.verdict if one is not None else None
        assert many[(case_id, forum, partner)] == expected or (
            one is None and many[(case_id, forum, partner)] == "not_allowed"
        )
    assert many[(world.case_a1.pk, ZORGTEAM, world.partner_jgz.pk)] == "by_name"
    assert many[(world.case_a1.pk, ZORGTEAM, other_partner.pk)] == "not_allowed"


def test_the_facts_many_verdicts_read_as_plain_values_equal_the_facts_of_each_record(world):
    """forum_verdicts reads the records' facts as plain values (a member's agenda asks on every request); they must
    be exactly the facts consent_facts takes from each record: partners, every party's latest answer, withdrawal."""
    first = record(world, partners=[world.partner_jgz])
    services.consent_answer(
        actor=world.ib_a, record=first, guardian=mother(world), answer=ConsentAnswer.WITHDRAWN
    )
    second = record(world, partners=[world.partner_jgz, f.PartnerFactory(region=world.region)])
    services.consent_withdraw(actor=world.ib_a, record=second)
    record(world)
    case_ids = {world.case_a1.pk, world.case_b1.pk}
    expected: dict[int, list] = {}
    for one in ConsentRecord.objects.filter(case_id__in=case_ids).order_by("-recorded_on", "-id"):
        expected.setdefault(one.case_id, []).append(selectors.consent_facts(one))
    assert selectors._consent_facts_of_cases(case_ids) == expected
    assert len(expected[world.case_a1.pk]) >= 3
