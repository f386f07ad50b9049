"""The permission matrix: every persona × every action × the relevant objects, against a hand-written expectation.

The expectation below is written from DOMAIN.md §3, not derived from rules.py: if a rule changes, this table must be
changed on purpose. Each cell is also checked against the `visible_*` querysets, so the two forms of every relation
agree.
"""

import pytest

from zorgroute.access import policy
from zorgroute.access.actions import Action as A
from zorgroute.access.relations import RELATIONS
from zorgroute.access.rules import GRANTS_BY_ACTION
from zorgroute.organisations import constants as oc
from zorgroute.testing import factories as f
from zorgroute.testing.personas import World

pytestmark = pytest.mark.django_db

NONE = frozenset()
SEARCHERS = {"teacher", "ib_a", "head_a", "ib_b"}
PARTNER_VIEWERS = {
    "teacher",
    "ib_a",
    "head_a",
    "ib_b",
    "functional_admin",
    "zorgteam_member",
    "zat_chair",
    "zat_member",
    "on_call_partner",
}

CASE_TEAM = {
    "teacher": {"case_a1"},
    "ib_a": {"case_a1"},
    "head_a": {"case_a1"},
    "ib_b": {"case_b1", "case_16"},
}

# action -> persona -> names of objects the persona may act on ("-" = the objectless check passes)
EXPECTED: dict[A, dict[str, set[str]]] = {
    A.PUPIL_SEARCH: {p: {"-"} for p in SEARCHERS},
    A.PUPIL_VIEW: {
        "teacher": {"pupil_a1"},
        "ib_a": {"pupil_a1", "pupil_a2"},
        "head_a": {"pupil_a1", "pupil_a2"},
        "ib_b": {"pupil_b1", "pupil_16"},
        "parent_with_authority": {"pupil_a1"},
        "pupil_user": {"pupil_16"},
    },
    A.PUPIL_VIEW_IDENTIFIERS: {
        "ib_a": {"pupil_a1", "pupil_a2"},
        "head_a": {"pupil_a1", "pupil_a2"},
        "ib_b": {"pupil_b1", "pupil_16"},
    },
    A.PUPIL_EDIT: {"ib_a": {"pupil_a1", "pupil_a2"}, "ib_b": {"pupil_b1", "pupil_16"}},
    A.GUARDIAN_VIEW: {
        "teacher": {"pupil_a1"},
        "ib_a": {"pupil_a1", "pupil_a2"},
        "head_a": {"pupil_a1", "pupil_a2"},
        "ib_b": {"pupil_b1", "pupil_16"},
    },
    A.SIGNAL_CREATE: {
        "teacher": {"pupil_a1"},
        "ib_a": {"pupil_a1", "pupil_a2"},
        "head_a": {"pupil_a1", "pupil_a2"},
        "ib_b": {"pupil_b1", "pupil_16"},
    },
    A.SIGNAL_VIEW: {
        "teacher": {"signal_a1"},
        "ib_a": {"signal_a1", "signal_a2"},
        "head_a": {"signal_a1", "signal_a2"},
        "ib_b": {"signal_b1"},
    },
    A.SIGNAL_TRIAGE: {"ib_a": {"signal_a1", "signal_a2"}, "ib_b": {"signal_b1"}},
    A.CASE_OPEN: {"ib_a": {"pupil_a1", "pupil_a2"}, "ib_b": {"pupil_b1", "pupil_16"}},
    A.CASE_VIEW: {
        "teacher": {"case_a1"},
        "ib_a": {"case_a1"},
        "head_a": {"case_a1"},
        "ib_b": {"case_b1", "case_16"},
        "parent_with_authority": {"case_a1"},
        "pupil_user": {"case_16"},
    },
    A.CASE_VIEW_TEAM: {p: CASE_TEAM[p] for p in CASE_TEAM},
    A.CASE_CONTRIBUTE: {p: CASE_TEAM[p] for p in CASE_TEAM},
    A.CASE_MANAGE: {"ib_a": {"case_a1"}, "ib_b": {"case_b1", "case_16"}},
    A.PLAN_EDIT: {"teacher": {"case_a1"}, "ib_a": {"case_a1"}, "ib_b": {"case_b1", "case_16"}},
    # A parent-visible note is the only kind a parent or pupil ever sees; a private note only its author.
    A.TIMELINE_VIEW: {
        "teacher": {"note_private_teacher", "note_team", "note_parents"},
        "ib_a": {"note_private_ib", "note_team", "note_parents"},
        "head_a": {"note_team", "note_parents"},
        "ib_b": {"note_16_parents"},
        "parent_with_authority": {"note_parents"},
        "pupil_user": {"note_16_parents"},
    },
    A.GROUP_REVIEW: {"teacher": {"group_a1"}, "ib_a": {"group_a1", "group_a2"}, "ib_b": {"group_b1"}},
    A.ROUTE_MANAGE: {"functional_admin": {"region", "school_a", "school_b"}},
    A.REGION_VIEW: {
        p: {"region"} for p in ("functional_admin", "municipality_analyst", "privacy_officer", "zat_chair")
    },
    A.REGION_MANAGE: {"functional_admin": {"region"}},
    A.SCHOOL_VIEW: {
        "teacher": {"school_a"},
        "ib_a": {"school_a"},
        "head_a": {"school_a"},
        "ib_b": {"school_b"},
        "functional_admin": {"school_a", "school_b"},
        "zat_chair": {"school_a", "school_b"},
    },
    A.SCHOOL_MANAGE: {"functional_admin": {"school_a", "school_b"}},
    A.GROUP_MANAGE: {
        "functional_admin": {"school_a", "school_b"},
        "ib_a": {"school_a"},
        "ib_b": {"school_b"},
    },
    A.PARTNER_VIEW: {p: {"partner_jgz"} for p in PARTNER_VIEWERS},
    A.PARTNER_MANAGE: {"functional_admin": {"partner_jgz"}},
    A.CARETEAM_VIEW: {
        "zorgteam_member": {"zorgteam_a"},
        "zat_chair": {"zorgteam_a", "zat"},
        "zat_member": {"zat"},
        "on_call_partner": {"zat"},
        "ib_a": {"zorgteam_a"},
        "head_a": {"zorgteam_a"},
        "functional_admin": {"zorgteam_a", "zat"},
    },
    A.CARETEAM_MANAGE: {"functional_admin": {"zorgteam_a", "zat"}, "zat_chair": {"zat"}},
    A.STAFFROLE_MANAGE: {"functional_admin": {"region"}},
    A.USER_MANAGE: {"system_admin": {"-"}, "functional_admin": {"-"}},
    A.AUDIT_VIEW: {"privacy_officer": {"-"}},
    A.REPORT_VIEW_AGGREGATE: {p: {"-"} for p in ("municipality_analyst", "ib_a", "ib_b", "zat_chair")},
}


@pytest.fixture
def objects(world: World):
    """Every object the matrix is evaluated on, including look-alikes in another region."""
    other_school = f.SchoolFactory(region=world.other_region, name="Elders School")
    return {
        "pupil_a1": world.pupil_a1,
        "pupil_a2": world.pupil_a2,
        "pupil_b1": world.pupil_b1,
        "pupil_16": world.pupil_16,
        "school_a": world.school_a,
        "school_b": world.school_b,
        "other_school": other_school,
        "region": world.region,
        "other_region": world.other_region,
        "partner_jgz": world.partner_jgz,
        "other_partner": f.PartnerFactory(region=world.other_region),
        "signal_a1": world.signal_a1,
        "signal_a2": world.signal_a2,
        "signal_b1": world.signal_b1,
        "case_a1": world.case_a1,
        "case_b1": world.case_b1,
        "case_16": world.case_16,
        "note_private_teacher": world.note_private_teacher,
        "note_private_ib": world.note_private_ib,
        "note_team": world.note_team,
        "note_parents": world.note_parents,
        "note_16_parents": world.note_16_parents,
        "group_a1": world.group_a1,
        "group_a2": world.group_a2,
        "group_b1": world.group_b1,
        "zorgteam_a": world.zorgteam_a,
        "zat": world.zat,
        "other_zat": f.CareTeamFactory(region=world.other_region, kind=oc.CareTeamKind.REGIONAL_TEAM),
        "other_zorgteam": f.CareTeamFactory(
            region=world.other_region, school=other_school, kind=oc.CareTeamKind.SCHOOL_CARE_TEAM
        ),
    }


def test_it_has_an_expectation_for_every_action():
    assert set(EXPECTED) == set(A)
    for action in A:
        assert GRANTS_BY_ACTION[action], f"{action} is granted to nobody: remove it or add a rule"


def test_it_matches_the_expected_matrix_for_every_persona_action_and_object(world, objects):
    mismatches = []
    for persona in World.persona_names():
        user = getattr(world, persona)
        for action in A:
            expected = EXPECTED[action].get(persona, NONE)
            models = {RELATIONS[g.relation].model for g in GRANTS_BY_ACTION[action]}
            if None in models:
                actual = {"-"} if policy.can(user, action) else set()
            else:
                actual = {
                    name
                    for name, obj in objects.items()
                    if type(obj) in models and policy.can(user, action, obj)
                }
                # The queryset form of the same relations must select exactly the same objects.
                for model in models:
                    named = {obj.pk for obj in objects.values() if type(obj) is model}
                    visible = named & set(
                        model.objects.filter(policy.visible_q(user, action, model)).values_list(
                            "pk", flat=True
                        )
                    )
                    by_check = {
                        obj.pk for name, obj in objects.items() if type(obj) is model and name in actual
                    }
                    if visible != by_check:
                        mismatches.append((persona, action.value, "visible_q differs", visible, by_check))
            if actual != set(expected):
                mismatches.append((persona, action.value, sorted(actual), sorted(expected)))
    assert mismatches == []


def test_it_denies_an_objectless_check_for_object_rules_and_object_checks_for_objectless_rules(world):
    assert not policy.can(world.ib_a, A.PUPIL_VIEW)  # a pupil rule needs a pupil
    assert not policy.can(
        world.privacy_officer, A.AUDIT_VIEW, world.pupil_a1
    )  # an objectless rule takes none
    assert not policy.can(world.ib_a, A.PUPIL_VIEW, world.school_a)  # wrong object type


def test_it_denies_everything_to_anonymous_and_inactive_users(world):
    from django.contrib.auth.models import AnonymousUser

    world.ib_a.is_active = False
    for action in A:
        assert not policy.can(AnonymousUser(), action)
        assert not policy.can(None, action)
        assert not policy.can(world.ib_a, action, world.pupil_a1)
    assert not policy.visible_pupils(AnonymousUser()).exists()
