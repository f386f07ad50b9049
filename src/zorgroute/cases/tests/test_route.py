"""Every allowed and every forbidden transition of both default templates, as a table (no database)."""

import datetime as dt

import pytest

from zorgroute.cases import route
from zorgroute.cases.constants import SkipReason
from zorgroute.cases.constants import TransitionKind as T
from zorgroute.cases.defaults import PO_STEPS, VO_STEPS


def specs(steps):
    return [
        route.StepSpec(
            position=i + 1,
            code=s["code"],
            name=s["name"],
            forum_kind=s.get("forum_kind", ""),
            required_records=frozenset(s.get("required_records", [])),
            action_plan_required=s.get("action_plan_required", False),
            min_interventions=s.get("min_interventions", 0),
            allowed_outcomes=frozenset(s.get("allowed_outcomes", ["escalate", "step_back", "close"])),
            norm_days=s.get("norm_days", 56),
        )
        for i, s in enumerate(steps)
    ]


PO, VO = specs(PO_STEPS), specs(VO_STEPS)
COMPLETE = route.Package(
    help_question_school=True,
    help_question_parents=True,
    help_question_pupil=True,
    interventions=2,
    current_plan=True,
    school_limits=True,
    consent_forums=frozenset({"school_care_team", "regional_team"}),
)

# (template, position) -> {kind: target position or None (forbidden)}, with a complete package, case open.
OPEN_TABLE = {
    ("PO", 1): {T.ESCALATE: 2, T.STEP_BACK: None, T.CLOSE: 1},
    ("PO", 2): {T.ESCALATE: 3, T.STEP_BACK: 1, T.CLOSE: 2},
    ("PO", 3): {T.ESCALATE: 4, T.STEP_BACK: 2, T.CLOSE: 3},
    ("PO", 4): {T.ESCALATE: 5, T.STEP_BACK: 3, T.CLOSE: 4},
    ("PO", 5): {T.ESCALATE: 6, T.STEP_BACK: 4, T.CLOSE: 5},
    ("PO", 6): {T.ESCALATE: None, T.STEP_BACK: 5, T.CLOSE: 6},
    ("VO", 1): {T.ESCALATE: 2, T.STEP_BACK: None, T.CLOSE: 1},
    ("VO", 2): {T.ESCALATE: 3, T.STEP_BACK: 1, T.CLOSE: 2},
    ("VO", 3): {T.ESCALATE: 4, T.STEP_BACK: 2, T.CLOSE: 3},
    ("VO", 4): {T.ESCALATE: 5, T.STEP_BACK: 3, T.CLOSE: 4},
    ("VO", 5): {T.ESCALATE: None, T.STEP_BACK: 4, T.CLOSE: 5},
}
TEMPLATES = {"PO": PO, "VO": VO}


def test_the_table_covers_every_step_of_both_templates():
    assert {(name, s.position) for name, steps in TEMPLATES.items() for s in steps} == set(OPEN_TABLE)


@pytest.mark.parametrize(
    ("template", "position", "kind"), [(t, p, k) for (t, p), row in OPEN_TABLE.items() for k in row]
)
def test_open_case_transitions(template, position, kind):
    expected = OPEN_TABLE[(template, position)][kind]
    result = route.decide(kind, TEMPLATES[template], status="open", position=position, package=COMPLETE)
    assert result.allowed is (expected is not None), result.message
    if expected is not None:
        assert result.target.position == expected
    else:
        assert result.refusal


@pytest.mark.parametrize("template", ["PO", "VO"])
def test_a_closed_case_can_only_be_reopened(template):
    steps = TEMPLATES[template]
    for step in steps:
        for kind in (T.ESCALATE, T.STEP_BACK, T.CLOSE, T.SKIP):
            result = route.decide(
                kind,
                steps,
                status="closed",
                position=step.position,
                package=COMPLETE,
                target_position=len(steps),
                skip_reason=SkipReason.CRISIS,
            )
            assert not result.allowed
            assert "Reopen" in result.message or "Heropen" in result.message
        reopened = route.decide(T.REOPEN, steps, status="closed", position=step.position)
        assert reopened.allowed and reopened.target == step
        assert not route.decide(T.REOPEN, steps, status="open", position=step.position).allowed


# Skips: (template, from, to, reason) -> allowed with a complete package
SKIPS = [
    ("PO", 1, 3, SkipReason.DIRECT_REFERRAL, True),
    ("PO", 1, 4, SkipReason.DIRECT_REFERRAL, True),
    ("PO", 2, 4, SkipReason.CRISIS, True),
    ("PO", 1, 2, SkipReason.CRISIS, False),  # the next step is escalation, not a skip
    ("PO", 3, 2, SkipReason.CRISIS, False),  # skipping goes forward only
    ("PO", 1, 9, SkipReason.CRISIS, False),  # no such step
    ("PO", 1, 4, "", False),  # a reason is required
    ("VO", 1, 5, SkipReason.ENTRY_POINT, True),
    ("VO", 2, 4, SkipReason.DIRECT_REFERRAL, True),
    ("VO", 4, 5, SkipReason.CRISIS, False),
]


@pytest.mark.parametrize(("template", "origin", "target", "reason", "allowed"), SKIPS)
def test_skips(template, origin, target, reason, allowed):
    result = route.decide(
        T.SKIP,
        TEMPLATES[template],
        status="open",
        position=origin,
        package=COMPLETE,
        target_position=target,
        skip_reason=reason,
    )
    assert result.allowed is allowed
    if allowed:
        assert result.target.position == target


def test_escalation_to_the_zorgteam_lists_everything_that_is_missing_in_dutch():
    from django.utils import translation

    with translation.override("nl"):
        result = route.decide(
            T.ESCALATE, PO, status="open", position=2, package=route.Package(help_question_school=True)
        )
        message = result.message
    assert not result.allowed
    assert [m.code for m in result.missing] == [
        "help_question",
        "interventions",
        "action_plan",
        "school_limits",
        "consent",
    ]
    assert message.startswith("Deze stap kan nog niet")
    assert "ouders" in message and "leerling" in message


def test_each_missing_piece_blocks_on_its_own():
    for code, lacking in [
        ("help_question", {"help_question_pupil": False}),
        ("interventions", {"interventions": 0}),
        ("action_plan", {"current_plan": False}),
        ("school_limits", {"school_limits": False}),
        ("consent", {"consent_forums": frozenset({"school_care_team"})}),
    ]:
        package = route.Package(**{**COMPLETE.__dict__, **lacking})
        result = route.decide(T.ESCALATE, PO, status="open", position=3, package=package)
        assert [m.code for m in result.missing] == [code]


def test_minimum_interventions_of_the_current_step_gate_escalation():
    assert not route.decide(T.ESCALATE, PO, status="open", position=1, package=route.Package()).allowed
    assert route.decide(
        T.ESCALATE, PO, status="open", position=1, package=route.Package(interventions=1)
    ).allowed


def test_a_crisis_skip_waives_the_package_but_not_consent():
    empty = route.Package()
    assert not route.decide(
        T.SKIP, PO, status="open", position=1, package=empty, target_position=4, skip_reason=SkipReason.CRISIS
    ).allowed
    consent_only = route.Package(consent_forums=frozenset({"regional_team"}))
    assert route.decide(
        T.SKIP,
        PO,
        status="open",
        position=1,
        package=consent_only,
        target_position=4,
        skip_reason=SkipReason.CRISIS,
    ).allowed
    assert not route.decide(
        T.SKIP,
        PO,
        status="open",
        position=1,
        package=consent_only,
        target_position=4,
        skip_reason=SkipReason.DIRECT_REFERRAL,
    ).allowed


def test_stuck_and_overdue():
    step = PO[0]
    today = dt.date(2026, 11, 23)
    assert route.is_stuck(step, today - dt.timedelta(days=step.norm_days + 1), today)
    assert not route.is_stuck(step, today - dt.timedelta(days=step.norm_days), today)
    assert route.evaluation_overdue(dt.date(2026, 11, 22), today)
    assert not route.evaluation_overdue(today, today) and not route.evaluation_overdue(None, today)


def test_unknown_transitions_and_steps_are_programming_errors():
    with pytest.raises(ValueError):
        route.decide("teleport", PO, status="open", position=1)
    with pytest.raises(ValueError):
        route.step_at(PO, 99)
