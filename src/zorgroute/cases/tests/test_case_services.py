"""The case services behind the case page: state, audit event, timeline line and its visibility, every refusal."""

import pytest

from zorgroute.cases import services
from zorgroute.cases.constants import (
    CaseStatus,
    ClosureReason,
    SkipReason,
    TimelineKind,
    TransitionKind,
    Visibility,
)
from zorgroute.cases.models import Case, CaseTransition, RouteTemplate, TimelineEvent
from zorgroute.cases.tests.case_helpers import (
    current_plan,
    events,
    fill_package,
    in_dutch,
    last_event,
    log_intervention,
    ready_for_zorgteam,
)
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.plans.constants import Effect
from zorgroute.testing import consent
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def last_line(case) -> TimelineEvent:
    return TimelineEvent.objects.filter(case=case).order_by("-occurred_at", "-id").first()


def reload(case) -> Case:
    return Case.objects.select_related("step").get(pk=case.pk)


# --- Opening --------------------------------------------------------------------------------------------------------


def test_opening_puts_the_case_on_the_first_step_of_the_schools_route(world):
    case = services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)
    assert (case.status, case.step.position, case.owner, case.school) == (
        "open",
        1,
        world.teacher,
        world.school_a,
    )
    assert case.template.school_type == world.school_a.school_type
    transition = CaseTransition.objects.get(case=case)
    assert (transition.kind, transition.to_step, transition.actor) == ("open", case.step, world.ib_a)
    line = last_line(case)
    assert (line.kind, line.visibility) == (TimelineKind.TRANSITION, Visibility.CARE_TEAM)
    event = last_event("case.opened")
    assert event.case_uuid == case.uuid and event.changes == {
        "step": "signal",
        "template": str(case.template.uuid),
    }


def test_opening_is_refused_for_a_pupil_without_school_a_region_without_route_or_a_second_open_case(world):
    with pytest.raises(DomainError) as exc:
        services.case_open(actor=world.ib_a, pupil=f.PupilFactory(), owner=world.ib_a)
    assert exc.value.message == in_dutch("This pupil is not enrolled at a school.")
    elsewhere = f.SchoolFactory(region=world.other_region)
    pupil = f.PupilFactory.enrolled(f.GroupFactory(school=elsewhere))
    with pytest.raises(DomainError) as exc:
        services.case_open(actor=world.ib_a, pupil=pupil, owner=world.ib_a)
    assert "functional administrator" in exc.value.message or "functioneel beheerder" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.case_open(actor=world.ib_a, pupil=world.pupil_a1, owner=world.ib_a)
    assert exc.value.message == in_dutch("This pupil already has an open case at this school.")
    assert events("case.opened") == 3
    assert RouteTemplate.objects.filter(region=world.other_region).count() == 0


# --- Transitions ----------------------------------------------------------------------------------------------------


def test_escalation_without_interventions_is_refused_with_the_list(world):
    with pytest.raises(DomainError) as exc:
        services.case_transition(actor=world.ib_a, case=world.case_a1, kind=TransitionKind.ESCALATE)
    assert in_dutch("This step cannot be taken yet. Missing: %(items)s.").split("%")[0] in exc.value.message
    assert reload(world.case_a1).step.position == 1
    assert events("case.transitioned") == 0


def test_an_intervention_without_effect_does_not_count(world):
    log_intervention(world.case_a1, world.ib_a, effect=Effect.UNKNOWN)
    with pytest.raises(DomainError):
        services.case_transition(actor=world.ib_a, case=world.case_a1, kind=TransitionKind.ESCALATE)


def test_escalation_moves_the_case_writes_the_timeline_for_parents_and_audits(world):
    log_intervention(world.case_a1, world.ib_a)
    case = services.case_transition(
        actor=world.ib_a, case=world.case_a1, kind=TransitionKind.ESCALATE, reason="Meer hulp nodig"
    )
    assert case.step.code == "group_review"
    assert reload(case).step_entered_at > world.case_a1.step_entered_at
    line = last_line(case)
    assert (line.kind, line.visibility, line.body) == (
        TimelineKind.TRANSITION,
        Visibility.PARENTS,
        "Meer hulp nodig",
    )
    assert case.step.name in line.title
    event = last_event("case.transitioned")
    assert event.changes == {
        "kind": "escalate",
        "step": {"old": "signal", "new": "group_review"},
        "skip_reason": None,
    }
    assert "hulp" not in str(event.changes)


def test_escalation_to_the_zorgteam_needs_the_whole_package(world):
    log_intervention(world.case_a1, world.ib_a)
    case = services.case_transition(actor=world.ib_a, case=world.case_a1, kind=TransitionKind.ESCALATE)
    with pytest.raises(DomainError) as exc:
        services.case_transition(actor=world.ib_a, case=case, kind=TransitionKind.ESCALATE)
    for piece in (
        "the help question of %(who)s",
        "a current action plan",
        "a valid consent basis for this forum",
    ):
        assert in_dutch(piece).split("%")[0] in exc.value.message
    fill_package(case, world.ib_a)
    current_plan(case, world.ib_a)
    consent.give(case, world.ib_a, "school_care_team", answer="refused")
    with pytest.raises(DomainError) as exc:
        services.case_transition(actor=world.ib_a, case=case, kind=TransitionKind.ESCALATE)
    assert exc.value.message == in_dutch("This step cannot be taken yet. Missing: %(items)s.") % {
        "items": in_dutch("a valid consent basis for this forum")
    }
    consent.give(case, world.ib_a, "school_care_team", mode="anonymous")
    moved = services.case_transition(actor=world.ib_a, case=case, kind=TransitionKind.ESCALATE)
    assert moved.step.code == "school_care_team"


def test_step_back_and_its_refusal_on_the_first_step(world):
    with pytest.raises(DomainError) as exc:
        services.case_transition(actor=world.ib_a, case=world.case_a1, kind=TransitionKind.STEP_BACK)
    assert exc.value.message == in_dutch("This is the first step of the route.")
    case = ready_for_zorgteam(world.case_a1, world.ib_a)
    back = services.case_transition(
        actor=world.ib_a, case=case, kind=TransitionKind.STEP_BACK, reason="Eerst klas"
    )
    assert back.step.position == 1
    assert last_event("case.transitioned").changes["kind"] == "step_back"


def test_skip_needs_a_reason_text_a_known_reason_and_a_step_at_least_two_ahead(world):
    with pytest.raises(ValidationError) as exc:
        services.case_transition(
            actor=world.ib_a,
            case=world.case_a1,
            kind=TransitionKind.SKIP,
            target_position=4,
            skip_reason="crisis",
        )
    assert exc.value.field == "reason"
    with pytest.raises(DomainError) as exc:
        services.case_transition(
            actor=world.ib_a, case=world.case_a1, kind=TransitionKind.SKIP, target_position=4, reason="x"
        )
    assert exc.value.message == in_dutch("Give the reason for skipping steps.")
    with pytest.raises(DomainError) as exc:
        services.case_transition(
            actor=world.ib_a,
            case=world.case_a1,
            kind=TransitionKind.SKIP,
            target_position=2,
            reason="x",
            skip_reason=SkipReason.DIRECT_REFERRAL,
        )
    assert "escal" in exc.value.message.lower()


def test_a_direct_referral_needs_the_package_but_a_crisis_only_consent(world):
    kwargs = {"actor": world.ib_a, "kind": TransitionKind.SKIP, "target_position": 4, "reason": "Complex"}
    with pytest.raises(DomainError) as exc:
        services.case_transition(case=world.case_a1, skip_reason=SkipReason.DIRECT_REFERRAL, **kwargs)
    assert in_dutch("a current action plan") in exc.value.message
    consent.give(world.case_a1, world.ib_a, "regional_team")
    case = services.case_transition(case=world.case_a1, skip_reason=SkipReason.CRISIS, **kwargs)
    assert case.step.code == "regional_team"
    assert str(SkipReason.CRISIS.label) in last_line(case).title
    assert last_event("case.transitioned").changes["skip_reason"] == "crisis"


# --- Close and reopen -------------------------------------------------------------------------------------------------


def test_close_records_reason_and_provisional_flag(world):
    case = services.case_close(
        actor=world.ib_a,
        case=world.case_a1,
        closure_reason=ClosureReason.REGIONAL_TEAM,
        provisional=True,
        note="ZAT",
    )
    assert (case.status, case.closure_reason, case.closure_provisional) == ("closed", "regional_team", True)
    assert case.closed_at is not None
    line = last_line(case)
    assert (line.visibility, line.body) == (Visibility.PARENTS, "ZAT")
    event = last_event("case.closed")
    assert event.reason == "regional_team (provisional)"
    assert event.changes == {"closure_reason": "regional_team", "provisional": True}


def test_close_refuses_an_unknown_reason_and_a_closed_case(world):
    with pytest.raises(ValidationError) as exc:
        services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason="bored")
    assert exc.value.field == "closure_reason"
    services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    with pytest.raises(DomainError) as exc:
        services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    assert exc.value.message == in_dutch("This case is closed. Reopen it first.")
    with pytest.raises(DomainError):
        services.case_transition(actor=world.ib_a, case=world.case_a1, kind=TransitionKind.ESCALATE)
    assert events("case.closed") == 1


def test_a_case_cannot_be_closed_in_a_step_that_does_not_allow_it(world):
    # The VO route's ZAT step allows closing; the PO route's specialised-care step does too. Make one that does not.
    step = world.case_a1.step
    step.allowed_outcomes = ["escalate"]
    step.save()
    with pytest.raises(DomainError) as exc:
        services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    assert step.name in exc.value.message


def test_reopen_needs_a_reason_a_closed_case_and_no_other_open_case(world):
    with pytest.raises(ValidationError):
        services.case_reopen(actor=world.ib_a, case=world.case_a1, reason=" ")
    with pytest.raises(DomainError) as exc:
        services.case_reopen(actor=world.ib_a, case=world.case_a1, reason="Opnieuw")
    assert exc.value.message == in_dutch("Only a closed case can be reopened.")
    services.case_close(
        actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED, provisional=True
    )
    other = services.case_open(actor=world.ib_a, pupil=world.pupil_a1, owner=world.ib_a)
    with pytest.raises(DomainError) as exc:
        services.case_reopen(actor=world.ib_a, case=world.case_a1, reason="Opnieuw")
    assert exc.value.message == in_dutch("This pupil already has an open case at this school.")
    services.case_close(actor=world.ib_a, case=other, closure_reason=ClosureReason.SOLVED)
    case = services.case_reopen(actor=world.ib_a, case=world.case_a1, reason="Opnieuw zorgen")
    assert (case.status, case.closed_at, case.closure_reason, case.closure_provisional) == (
        "open",
        None,
        "",
        False,
    )
    assert last_line(case).visibility == Visibility.PARENTS
    assert last_event("case.reopened").reason == "Opnieuw zorgen"


# --- Package, people, consent, notes ----------------------------------------------------------------------------


def test_the_package_audits_which_fields_changed_and_nothing_when_unchanged(world):
    case = fill_package(world.case_a1, world.ib_a)
    assert events("case.updated") == 1
    assert set(last_event("case.updated").changes) == {
        "help_question_school",
        "help_question_parents",
        "help_question_pupil",
        "school_limits",
    }
    assert last_line(case).visibility == Visibility.CARE_TEAM
    fill_package(case, world.ib_a)
    assert events("case.updated") == 1
    with pytest.raises(ValidationError) as exc:
        services.case_update_package(
            actor=world.ib_a,
            case=case,
            help_question_school="x" * 5001,
            help_question_parents="",
            help_question_pupil="",
            school_limits="",
        )
    assert exc.value.field == "help_question_school"


def test_people_must_hold_a_role_at_the_cases_school(world):
    with pytest.raises(ValidationError) as exc:
        services.case_set_people(actor=world.ib_a, case=world.case_a1, owner=world.ib_b, coordinator=None)
    assert exc.value.field == "owner"
    with pytest.raises(ValidationError) as exc:
        services.case_set_people(
            actor=world.ib_a, case=world.case_a1, owner=world.ib_a, coordinator=world.zat_chair
        )
    assert exc.value.field == "coordinator"
    assert events("case.updated") == 0
    services.case_set_people(actor=world.ib_a, case=world.case_a1, owner=world.ib_a, coordinator=None)
    assert events("case.updated") == 0  # nothing changed
    case = services.case_set_people(
        actor=world.ib_a, case=world.case_a1, owner=world.teacher, coordinator=world.ib_a
    )
    assert (reload(case).owner, reload(case).coordinator) == (world.teacher, world.ib_a)
    assert set(last_event("case.updated").changes) == {"owner", "coordinator"}


def test_a_note_keeps_its_visibility_and_the_audit_keeps_no_text(world):
    note = services.note_add(actor=world.teacher, case=world.case_a1, text=" Geheim ", visibility="private")
    assert (note.body, note.visibility, note.author, note.kind) == (
        "Geheim",
        "private",
        world.teacher,
        "note",
    )
    assert last_event("case.note_added").changes == {"visibility": "private"}
    with pytest.raises(ValidationError) as exc:
        services.note_add(actor=world.teacher, case=world.case_a1, text="x", visibility="everyone")
    assert exc.value.field == "visibility"
    with pytest.raises(ValidationError) as exc:
        services.note_add(actor=world.teacher, case=world.case_a1, text="  ", visibility="private")
    assert exc.value.field == "text"


def test_a_closed_case_still_takes_notes(world):
    services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason=ClosureReason.SOLVED)
    services.note_add(actor=world.ib_a, case=world.case_a1, text="Nazorg gebeld", visibility="care_team")
    assert reload(world.case_a1).status == CaseStatus.CLOSED


def test_timeline_lines_are_written_in_the_product_language_whatever_the_writers_screen(world):
    from django.utils import translation

    from zorgroute.cases.services import note_add

    with translation.override("en"):
        event = note_add(actor=world.ib_a, case=world.case_a1, text="x", visibility="care_team")
    assert event.title == "Aantekening"
