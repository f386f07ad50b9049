"""Parent conversations, the parent leaflet and the leaflet given: state, timeline line, audit row, refusals."""

import datetime as dt

import pytest

from zorgroute.access.policy import visible_timeline
from zorgroute.cases import services as case_services
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.tests.case_helpers import events, last_event, ready_for_zorgteam
from zorgroute.consents import conversation_selectors as selectors
from zorgroute.consents import conversation_services as services
from zorgroute.consents.models import LeafletGiven, ParentConversation, ParentLeaflet
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.core.time import today
from zorgroute.testing import consent
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db

ZORGTEAM = "school_care_team"
ZAT = "regional_team"
SECRET = "Moeder vertelt over de scheiding"  # free text that must never reach the audit log


def mother(world):
    return world.pupil_a1.guardian_links.get(authority="joint").guardian


def before(world, **change):
    values = {
        "actor": world.ib_a,
        "case": world.case_a1,
        "kind": "before",
        "forum_kind": ZORGTEAM,
        "held_on": today(),
        "participants": "Moeder, leerkracht, intern begeleider",
        "reason": "Sanne trekt zich terug; de aanpak in de klas helpt onvoldoende.",
        "consent_asked": True,
        "consent_outcome": "given",
        "home_situation": SECRET,
        "parents_questions": "Hoe kunnen wij thuis helpen?",
        **change,
    }
    return services.conversation_record(**values)


def after(world, **change):
    values = {
        "actor": world.ib_a,
        "case": world.case_a1,
        "kind": "after",
        "forum_kind": ZORGTEAM,
        "held_on": today(),
        "participants": "Moeder, intern begeleider",
        "outcomes": "Het zorgteam adviseert gesprekken met de schoolmaatschappelijk werker.",
        "decisions": "De schoolmaatschappelijk werker belt moeder deze week.",
        **change,
    }
    return services.conversation_record(**values)


def region_leaflet(world, **change):
    values = {
        "actor": world.functional_admin,
        "region": world.region,
        "title": "Samen zorgen voor uw kind",
        "body": "Het zorgteam van de school bestaat uit de intern begeleider, de jeugdverpleegkundige en ...",
        **change,
    }
    return services.leaflet_save(**values)


# --- conversations ----------------------------------------------------------------------------------------------


def test_a_conversation_before_is_recorded_with_a_parent_visible_line_and_an_audit_row(world):
    made = before(world)
    assert (made.kind, made.forum_kind, made.consent_outcome, made.recorded_by) == (
        "before",
        ZORGTEAM,
        "given",
        world.ib_a,
    )
    line = world.case_a1.timeline.get(kind=TimelineKind.CONVERSATION)
    assert line.visibility == Visibility.PARENTS and line.ref_uuid == made.uuid
    assert SECRET in line.body and "Hoe kunnen wij thuis helpen?" in line.body
    assert line in visible_timeline(world.parent_with_authority, world.case_a1)
    row = last_event("conversation.recorded")
    assert row.case_uuid == world.case_a1.uuid and row.target_uuid == made.uuid
    assert row.changes == {
        "kind": "before",
        "forum": ZORGTEAM,
        "held_on": today().isoformat(),
        "consent_asked": True,
        "consent_outcome": "given",
        "visibility": "parents",
    }
    assert SECRET not in str(row.changes) and SECRET not in row.reason


def test_a_care_team_only_conversation_stays_out_of_the_parents_timeline(world):
    made = after(world, visibility=Visibility.CARE_TEAM)
    line = world.case_a1.timeline.get(ref_uuid=made.uuid)
    assert line.visibility == Visibility.CARE_TEAM
    assert line not in visible_timeline(world.parent_with_authority, world.case_a1)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reason": "  "}, "reason"),
        ({"home_situation": ""}, "home_situation"),
        ({"parents_questions": ""}, "parents_questions"),
        ({"participants": ""}, "participants"),
        ({"consent_asked": False, "consent_outcome": ""}, "consent_asked"),
        ({"consent_outcome": ""}, "consent_outcome"),
        ({"consent_outcome": "maybe"}, "consent_outcome"),
        ({"held_on": today() + dt.timedelta(days=1)}, "held_on"),
        ({"forum_kind": "elsewhere"}, "forum_kind"),
        ({"forum_kind": ""}, "forum_kind"),
        ({"visibility": Visibility.PRIVATE}, "visibility"),
        ({"kind": "gossip"}, "kind"),
        ({"reason": "x" * 5001}, "reason"),
    ],
)
def test_a_conversation_before_needs_what_the_sources_ask(world, change, field):
    with pytest.raises(ValidationError) as refused:
        before(world, **change)
    assert refused.value.field == field
    assert not ParentConversation.objects.exists() and events("conversation.recorded") == 0


@pytest.mark.parametrize(
    ("change", "field"), [({"outcomes": ""}, "outcomes"), ({"decisions": " "}, "decisions")]
)
def test_a_conversation_after_needs_outcomes_and_decisions(world, change, field):
    with pytest.raises(ValidationError) as refused:
        after(world, **change)
    assert refused.value.field == field


def test_after_and_other_conversations_need_no_consent_question(world):
    made = after(world)
    assert not made.consent_asked and made.consent_outcome == ""
    other = services.conversation_record(
        actor=world.teacher,
        case=world.case_a1,
        kind="other",
        held_on=today() - dt.timedelta(days=3),
        participants="Vader, leerkracht",
        reason="Kennismaking met vader",
        parents_view="Vader wil op de hoogte blijven.",
    )
    assert other.forum_kind == "" and other.recorded_by == world.teacher
    titles = list(
        world.case_a1.timeline.filter(kind=TimelineKind.CONVERSATION).values_list("title", flat=True)
    )
    assert len(titles) == 2


def test_an_intake_asks_consent_like_the_conversation_before(world):
    with pytest.raises(ValidationError) as refused:
        before(world, kind="intake", forum_kind=ZAT, consent_asked=False, consent_outcome="")
    assert refused.value.field == "consent_asked"
    made = before(world, kind="intake", forum_kind=ZAT)
    assert made.kind == "intake"


def test_no_conversation_on_a_closed_case(world):
    case = case_services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason="solved")
    with pytest.raises(DomainError):
        before(world, case=case)


# --- touchpoints of a real case ---------------------------------------------------------------------------------


def test_the_case_touchpoints_follow_the_route_and_the_records(world):
    case = ready_for_zorgteam(world.case_a1, world.ib_a)  # in the group review, the zorgteam next
    points = selectors.case_touchpoints(case)
    zorgteam = points.next_forum
    assert zorgteam is not None and zorgteam.forum_kind == ZORGTEAM
    assert [p.code for p in zorgteam.missing] == ["before", "leaflet"]
    assert [row.forum_kind for row in points.relevant] == [ZORGTEAM]
    assert not points.leaflet_available
    region_leaflet(world)
    before(world, case=case)
    services.leaflet_give(
        actor=world.ib_a, case=case, recipients=[mother(world)], given_on=today(), channel="paper"
    )
    points = selectors.case_touchpoints(case)
    assert points.next_forum is None and points.missing_count == 0 and points.leaflet_available
    case = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")
    consent.give(case, world.ib_a, ZAT)
    case = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")  # on to the ZAT
    points = selectors.case_touchpoints(case)
    rows = {row.forum_kind: row for row in points.forums}
    assert [p.code for p in rows[ZORGTEAM].missing] == ["after"]
    assert [p.code for p in rows[ZAT].missing] == ["before"]
    after(world, case=case)
    rows = {row.forum_kind: row for row in selectors.case_touchpoints(case).forums}
    assert rows[ZORGTEAM].missing == []


# --- the leaflet ------------------------------------------------------------------------------------------------


def test_the_region_leaflet_is_versioned_and_audited_without_its_text(world):
    first = region_leaflet(world)
    assert (first.version, first.school, first.updated_by) == (1, None, world.functional_admin)
    row = last_event("leaflet.saved")
    assert row.changes == {
        "region": str(world.region.uuid),
        "school": None,
        "version": {"old": None, "new": 1},
    }
    same = region_leaflet(world)
    assert same.version == 1 and events("leaflet.saved") == 1  # nothing changed, nothing recorded
    second = region_leaflet(world, body="Nieuwe tekst over het zorgteam en het ZAT.")
    assert second.pk == first.pk and second.version == 2
    assert last_event("leaflet.saved").changes["version"] == {"old": 1, "new": 2}


def test_a_school_version_replaces_the_region_text_for_that_school_only(world):
    region_text = region_leaflet(world)
    own = region_leaflet(world, school=world.school_a, title="Zorg op De Regenboog")
    assert selectors.leaflet_in_force(world.school_a) == own
    assert selectors.leaflet_in_force(world.school_b) == region_text
    assert last_event("leaflet.saved").changes["school"] == str(world.school_a.uuid)
    services.leaflet_remove_override(actor=world.functional_admin, leaflet=own)
    assert selectors.leaflet_in_force(world.school_a) == region_text
    assert last_event("leaflet.override_removed").changes == {
        "school": str(world.school_a.uuid),
        "version": 1,
    }
    with pytest.raises(DomainError):
        services.leaflet_remove_override(actor=world.functional_admin, leaflet=region_text)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"body": ""}, "body"),
        ({"title": "x" * 201}, "title"),
        ({"body": "x" * 20001}, "body"),
    ],
)
def test_a_leaflet_needs_a_title_and_a_text(world, change, field):
    with pytest.raises(ValidationError) as refused:
        region_leaflet(world, **change)
    assert refused.value.field == field and not ParentLeaflet.objects.exists()


def test_a_school_of_another_region_gets_no_leaflet_here(world):
    elsewhere = f.SchoolFactory(region=world.other_region)
    with pytest.raises(ValidationError):
        region_leaflet(world, school=elsewhere)


def test_the_leaflet_given_keeps_the_text_of_that_day(world):
    region_leaflet(world)
    rows = services.leaflet_give(
        actor=world.ib_a,
        case=world.case_a1,
        recipients=[mother(world), None, mother(world)],
        given_on=today() - dt.timedelta(days=1),
        channel="email",
    )
    assert [r.guardian for r in rows] == [mother(world), None]  # once each; None is the pupil
    region_leaflet(world, body="Een latere tekst.")
    kept = LeafletGiven.objects.get(guardian=mother(world))
    assert kept.version == 1 and kept.body.startswith("Het zorgteam van de school")
    line = world.case_a1.timeline.get(kind=TimelineKind.CONVERSATION)
    assert line.visibility == Visibility.PARENTS
    assert mother(world).full_name in line.title
    row = last_event("leaflet.given")
    assert row.changes == {
        "version": 1,
        "recipients": [str(mother(world).uuid), "pupil"],
        "channel": "email",
        "given_on": (today() - dt.timedelta(days=1)).isoformat(),
    }


def test_giving_the_leaflet_is_refused_without_a_text_or_a_proper_recipient(world):
    give = {
        "actor": world.ib_a,
        "case": world.case_a1,
        "recipients": [mother(world)],
        "given_on": today(),
        "channel": "paper",
    }
    with pytest.raises(DomainError) as no_text:
        services.leaflet_give(**give)
    assert no_text.value.field is None
    region_leaflet(world)
    stranger = f.GuardianFactory()
    for change, field in (
        ({"recipients": []}, "recipients"),
        ({"recipients": [stranger]}, "recipients"),
        ({"channel": "pigeon"}, "channel"),
        ({"given_on": today() + dt.timedelta(days=2)}, "given_on"),
    ):
        with pytest.raises(ValidationError) as refused:
            services.leaflet_give(**{**give, **change})
        assert refused.value.field == field
    assert not LeafletGiven.objects.exists() and events("leaflet.given") == 0
    closed = case_services.case_close(actor=world.ib_a, case=world.case_a1, closure_reason="solved")
    with pytest.raises(DomainError):
        services.leaflet_give(**{**give, "case": closed})
