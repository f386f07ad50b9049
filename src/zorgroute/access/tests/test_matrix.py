"""The permission matrix: every persona × every action × the relevant objects, against a hand-written expectation.

The expectation below is written from DOMAIN.md §3, not derived from rules.py: if a rule changes, this table must be
changed on purpose. Each cell is also checked against the `visible_*` querysets, so the two forms of every relation
agree.
"""

import datetime as dt

import pytest
from django.utils import timezone

from zorgroute.access import policy
from zorgroute.access.actions import Action as A
from zorgroute.access.relations import RELATIONS
from zorgroute.access.rules import GRANTS_BY_ACTION
from zorgroute.cases import services as case_services
from zorgroute.cases.constants import Visibility
from zorgroute.core.time import today
from zorgroute.meetings import services as action_services
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

# case_a2_named: pupil_a2 (not in the teacher's group) with the teacher named case owner: being named on a case gives
# the teacher the case, as long as they work at its school.
CASE_TEAM = {
    "teacher": {"case_a1", "case_a2_named"},
    "ib_a": {"case_a1", "case_a2_named"},
    "head_a": {"case_a1", "case_a2_named"},
    "ib_b": {"case_b1", "case_16"},
}
ACTIONS_A = {"action_teacher", "action_ib_a", "action_zorgteam_member", "action_named_case"}

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
    # The portal's pages are the family's own: a parent with an information right, and the pupil of 16+.
    A.PORTAL_VIEW: {"parent_with_authority": {"pupil_a1", "case_a1"}, "pupil_user": {"pupil_16", "case_16"}},
    A.FAMILY_INVITE: {"ib_a": {"pupil_a1", "pupil_a2"}, "ib_b": {"pupil_b1", "pupil_16"}},
    A.PUPIL_INFORMING: {
        "ib_a": {"pupil_a1", "pupil_a2"},
        "ib_b": {"pupil_b1", "pupil_16"},
        "pupil_user": {"pupil_16"},
    },
    # Who accessed the dossier: the family (a parent with an information right, the pupil), not staff.
    A.ACCESS_LOG_VIEW: {"parent_with_authority": {"pupil_a1"}, "pupil_user": {"pupil_16"}},
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
        "teacher": {"case_a1", "case_a2_named"},
        "ib_a": {"case_a1", "case_a2_named"},
        "head_a": {"case_a1", "case_a2_named"},
        "ib_b": {"case_b1", "case_16"},
        "parent_with_authority": {"case_a1"},
        "pupil_user": {"case_16"},
    },
    A.CASE_VIEW_TEAM: {p: CASE_TEAM[p] for p in CASE_TEAM},
    A.CASE_CONTRIBUTE: {p: CASE_TEAM[p] for p in CASE_TEAM},
    A.CASE_MANAGE: {"ib_a": {"case_a1", "case_a2_named"}, "ib_b": {"case_b1", "case_16"}},
    A.CONSENT_OVERRIDE: {"head_a": {"case_a1", "case_a2_named"}},
    # The family's own acts in the portal; the parent without authority has none of them.
    A.PLAN_SIGN: {"parent_with_authority": {"case_a1"}, "pupil_user": {"case_16"}},
    A.CONSENT_ANSWER: {"parent_with_authority": {"case_a1"}, "pupil_user": {"case_16"}},
    A.CASE_ADD_VIEW: {"parent_with_authority": {"case_a1"}, "pupil_user": {"case_16"}},
    A.PLAN_EDIT: {
        "teacher": {"case_a1", "case_a2_named"},
        "ib_a": {"case_a1", "case_a2_named"},
        "ib_b": {"case_b1", "case_16"},
    },
    # Whoever carries out an action sees it and reports it done (a zorgteam member without the case, too); the
    # case's team sees the case's actions; the care coordinator may finish any action of the school's cases.
    # A forum member sees the summary of a case only while it is on an agenda they are invited to, from its release
    # until their access ends, and while consent allows the forum for their organisation (by name or anonymously):
    # case_a1 (written consent naming their partner) and case_b1 (anonymous); not case_16 (consent withdrawn) nor
    # case_a2_named (on a meeting whose access ended).
    A.CASE_SUMMARY_VIEW: {
        "zat_member": {"case_a1", "case_b1"},
        "zat_chair": {"case_a1", "case_b1"},  # runs the meeting: as if invited
        "ib_a": {"case_a1", "case_a2_named"},
        "ib_b": {"case_b1", "case_16"},
    },
    A.MEETING_VIEW: {
        "zat_member": {"meeting_zat"},
        "zat_chair": {"meeting_zat", "meeting_zat_past"},
        "ib_a": {"meeting_zorgteam"},
    },
    A.MEETING_MANAGE: {"zat_chair": {"meeting_zat", "meeting_zat_past"}, "ib_a": {"meeting_zorgteam"}},
    # The decision list: the member while access lasts (not the past meeting), who runs the meeting always.
    A.MEETING_DECISION_LIST: {
        "zat_member": {"meeting_zat"},
        "zat_chair": {"meeting_zat", "meeting_zat_past"},
        "ib_a": {"meeting_zorgteam"},
    },
    # The forum's intake sees submitted referrals to its own team only (a draft is the school's).
    A.REFERRAL_INTAKE: {"zat_chair": {"referral_zat"}, "ib_a": {"referral_zorgteam"}},
    A.ACTION_VIEW: {
        "teacher": ACTIONS_A,
        "ib_a": ACTIONS_A,
        "head_a": ACTIONS_A,
        "ib_b": {"action_b1"},
        "zorgteam_member": {"action_zorgteam_member"},
    },
    A.ACTION_UPDATE: {
        "teacher": {"action_teacher"},
        "ib_a": ACTIONS_A,
        "ib_b": {"action_b1"},
        "zorgteam_member": {"action_zorgteam_member"},
    },
    # A parent-visible note is the only kind a parent or pupil ever sees; a private note only its author.
    A.TIMELINE_VIEW: {
        "teacher": {"note_private_teacher", "note_team", "note_parents", "note_named_case"},
        "ib_a": {"note_private_ib", "note_team", "note_parents", "note_named_case"},
        "head_a": {"note_team", "note_parents", "note_named_case"},
        "ib_b": {"note_16_parents"},
        "parent_with_authority": {"note_parents"},
        "pupil_user": {"note_16_parents"},
    },
    # External referrals: the school's care coordinator refers and withdraws; the school's staff who follow the case
    # see them (the teacher only as owner of case_a2_named); the partner's staff (all three work at the JGZ) see
    # and report back on the referrals to their own organisation only, never one to another partner (smw_a1).
    A.EXTERNAL_REFERRAL_CREATE: {"ib_a": {"case_a1", "case_a2_named"}, "ib_b": {"case_b1", "case_16"}},
    A.EXTERNAL_REFERRAL_VIEW: {
        "ib_a": {"jgz_a1", "smw_a1", "smw_named"},
        "head_a": {"jgz_a1", "smw_a1", "smw_named"},
        "teacher": {"smw_named"},
        "ib_b": {"jgz_b1"},
        **{p: {"jgz_a1", "jgz_b1"} for p in ("zorgteam_member", "zat_member", "on_call_partner")},
    },
    A.EXTERNAL_REFERRAL_REPORT: {
        p: {"jgz_a1", "jgz_b1"} for p in ("zorgteam_member", "zat_member", "on_call_partner")
    },
    A.EXTERNAL_REFERRAL_WITHDRAW: {"ib_a": {"jgz_a1", "smw_a1", "smw_named"}, "ib_b": {"jgz_b1"}},
    A.PARTNER_WORKSPACE: {p: {"-"} for p in ("zorgteam_member", "zat_member", "on_call_partner")},
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
    # Meeting series: the region's administrator, the team's chair, the school's care coordinator for its zorgteam.
    A.MEETING_SERIES_MANAGE: {
        "functional_admin": {"zorgteam_a", "zat"},
        "zat_chair": {"zat"},
        "ib_a": {"zorgteam_a"},
    },
    # The minimum composition is the region's norm: the functional administrator only.
    A.COMPOSITION_MANAGE: {"functional_admin": {"zorgteam_a", "zat"}},
    # The quality self-assessment stays with the team: members read and comment, the chair (ZAT) or the school's care
    # coordinator (zorgteam) fills it in, the school head reads the zorgteam's; the region's staff do not see it.
    A.QUALITY_VIEW: {
        "zorgteam_member": {"zorgteam_a"},
        "zat_chair": {"zat"},
        "zat_member": {"zat"},
        "on_call_partner": {"zat"},
        "ib_a": {"zorgteam_a"},
        "head_a": {"zorgteam_a"},
    },
    A.QUALITY_ASSESS: {"zat_chair": {"zat"}, "ib_a": {"zorgteam_a"}},
    A.QUALITY_COMMENT: {
        "zorgteam_member": {"zorgteam_a"},
        "zat_chair": {"zat"},
        "zat_member": {"zat"},
        "on_call_partner": {"zat"},
        "ib_a": {"zorgteam_a"},
    },
    A.STAFFROLE_MANAGE: {"functional_admin": {"region"}},
    A.USER_MANAGE: {"system_admin": {"-"}, "functional_admin": {"-"}},
    A.AUDIT_VIEW: {"privacy_officer": {"-"}},
    # Reports: the care coordinator and head their own school; the ZAT's chair the ZAT's work in its region; policy
    # staff the region's aggregates. Never across regions.
    A.REPORT_VIEW_SCHOOL: {"ib_a": {"school_a"}, "head_a": {"school_a"}, "ib_b": {"school_b"}},
    A.REPORT_VIEW_REGION: {"zat_chair": {"region"}},
    A.REPORT_VIEW_AGGREGATE: {"municipality_analyst": {"region"}},
}


@pytest.fixture
def objects(world: World):
    """Every object the matrix is evaluated on, including look-alikes in another region."""
    other_school = f.SchoolFactory(region=world.other_region, name="Elders School")
    case_a2_named = case_services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.teacher)

    def action(case, owner):
        return action_services.action_agree(
            actor=world.ib_a if case.school_id == world.school_a.pk else world.ib_b,
            case=case,
            description="Ouders bellen",
            owner=owner,
            due_on=today() + dt.timedelta(days=7),
        )

    return {
        "case_a2_named": case_a2_named,
        "note_named_case": case_services.note_add(
            actor=world.ib_a, case=case_a2_named, text="Overleg", visibility=Visibility.CARE_TEAM
        ),
        "action_teacher": action(world.case_a1, world.teacher),
        "action_ib_a": action(world.case_a1, world.ib_a),
        "action_zorgteam_member": action(world.case_a1, world.zorgteam_member),
        "action_named_case": action(case_a2_named, world.ib_a),
        "action_b1": action(world.case_b1, world.ib_b),
        **forum_objects(world, case_a2_named),
        **external_referrals(world, case_a2_named),
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


def forum_objects(world: World, case_a2_named) -> dict:
    """A ZAT meeting the ZAT member is invited to, with three cases on its agenda (consent by name for their
    organisation, anonymous, withdrawn), a past ZAT meeting whose access ended, and a zorgteam meeting."""
    from zorgroute.consents import services as consent_services
    from zorgroute.meetings.models import AgendaItem, Attendance, Meeting
    from zorgroute.organisations.models import Membership
    from zorgroute.testing import consent

    def meeting(team, days, release, until):
        start = timezone.now() + dt.timedelta(days=days)
        return Meeting.objects.create(
            team=team,
            starts_at=start,
            ends_at=start + dt.timedelta(hours=2),
            summary_release_on=today() + dt.timedelta(days=release),
            access_until=today() + dt.timedelta(days=until),
        )

    zat_meeting = meeting(world.zat, 2, -1, 16)
    past = meeting(world.zat, -30, -34, -1)
    zorgteam_meeting = meeting(world.zorgteam_a, 3, 0, 17)
    membership = Membership.objects.get(team=world.zat, user=world.zat_member)
    for m in (zat_meeting, past):
        Attendance.objects.create(meeting=m, user=world.zat_member, membership=membership)
    named = consent_services.consent_record(
        actor=world.ib_a,
        case=world.case_a1,
        forum_kind="regional_team",
        mode="written",
        recorded_on=today(),
        evidence="paper",
        partners=[world.partner_jgz],
        answers={world.pupil_a1.guardian_links.get(authority="joint").guardian: "given"},
    )
    consent.give(world.case_b1, world.ib_b, "regional_team", mode="anonymous")
    withdrawn = consent.give(world.case_16, world.ib_b, "regional_team")
    consent_services.consent_withdraw(actor=world.ib_b, record=withdrawn)
    consent.give(case_a2_named, world.ib_a, "regional_team", mode="anonymous")  # a basis, but access ended
    for position, case in enumerate((world.case_a1, world.case_b1, world.case_16), 1):
        AgendaItem.objects.create(meeting=zat_meeting, case=case, kind="new", position=position)
    AgendaItem.objects.create(meeting=past, case=case_a2_named, kind="new", position=1)
    assert named.pk
    from zorgroute.meetings.models import Referral

    def referral(case, team, status):
        return Referral.objects.create(
            case=case, team=team, forum_kind=team.kind, status=status, created_by=world.ib_a
        )

    return {
        "meeting_zat": zat_meeting,
        "meeting_zat_past": past,
        "meeting_zorgteam": zorgteam_meeting,
        "referral_zat": referral(world.case_a1, world.zat, "submitted"),
        "referral_zorgteam": referral(case_a2_named, world.zorgteam_a, "submitted"),
        "referral_draft": referral(world.case_b1, world.zat, "draft"),
    }


def external_referrals(world: World, case_a2_named) -> dict:
    """Referrals to the JGZ (whose staff the partner personas are) and to a school social work organisation."""
    from zorgroute.referrals.models import CareKind, ExternalReferral

    kind = CareKind.objects.create(region=world.region, name="Ambulante jeugdhulp")
    smw = f.PartnerFactory(region=world.region, name="Schoolmaatschappelijk werk Teststreek")

    def referral(case, partner):
        return ExternalReferral.objects.create(
            case=case,
            partner=partner,
            care_kind=kind,
            question="Hulp bij opvoeden",
            referred_on=today(),
            referred_by=world.ib_a,
            back_report_due_on=today() + dt.timedelta(weeks=6),
        )

    return {
        "jgz_a1": referral(world.case_a1, world.partner_jgz),
        "smw_a1": referral(world.case_a1, smw),
        "smw_named": referral(case_a2_named, smw),
        "jgz_b1": referral(world.case_b1, world.partner_jgz),
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
