"""The route template services: validation, versioning, school adjustments, route choice and explicit migration."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import route_selectors, services
from zorgroute.cases.constants import TransitionKind
from zorgroute.cases.models import CaseTransition, RouteTemplate, SchoolRouteChoice
from zorgroute.cases.selectors import template_for_school
from zorgroute.core.exceptions import DomainError, ValidationError
from zorgroute.organisations.constants import SchoolType
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def region_route(world, school_type):
    return RouteTemplate.objects.get(
        region=world.region, school_type=school_type, school__isnull=True, is_current=True
    )


def events(name):
    return AuditEvent.objects.filter(event=name).order_by("seq")


def po_steps(world):
    return services.steps_as_data(region_route(world, SchoolType.PRIMARY))


def _broken(change, steps):
    if change == "one_step":
        return steps[:1]
    if change == "duplicate_code":
        steps[1]["code"] = steps[0]["code"]
    elif change == "no_name":
        steps[2]["name"] = "  "
    elif change == "bad_owner":
        steps[2]["owner"] = "headmaster"
    elif change == "bad_forum":
        steps[2]["forum_kind"] = "tea_party"
    elif change == "bad_record":
        steps[2]["required_records"] = ["horoscope"]
    elif change == "no_outcomes":
        steps[2]["allowed_outcomes"] = []
    elif change == "consent_without_forum":
        steps[0]["required_records"] = ["consent"]
    elif change == "weeks":
        steps[0]["evaluation_weeks"] = 53
    elif change == "last_escalates":
        steps[-1]["allowed_outcomes"] = ["escalate"]
    return steps


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("one_step", "A route needs at least two steps."),
        ("duplicate_code", "Every step needs its own code."),
        ("no_name", "Every step needs a name."),
        ("bad_owner", "Choose who carries the step '%(step)s'."),
        ("bad_forum", "Unknown forum for the step '%(step)s'."),
        ("bad_record", "Unknown required record in the step '%(step)s'."),
        ("no_outcomes", "Choose the allowed outcomes of the step '%(step)s'."),
        ("consent_without_forum", "The step '%(step)s' asks for consent but has no forum."),
        ("weeks", "The evaluation interval lies between 1 and 52 weeks."),
        ("last_escalates", "The last step cannot escalate."),
    ],
)
def test_an_invalid_route_is_refused_and_nothing_is_published(world, change, message):
    template = region_route(world, SchoolType.PRIMARY)
    steps = _broken(change, po_steps(world))
    step_name = steps[0 if change == "consent_without_forum" else min(2, len(steps) - 1)]["name"]
    with pytest.raises(ValidationError) as raised:
        services.route_edit(actor=world.functional_admin, template=template, steps=steps)
    expected = _(message) % {"step": step_name} if "%(" in message else _(message)
    assert raised.value.message == expected
    assert RouteTemplate.objects.filter(family=template.family).count() == 1
    assert not events("route.published").filter(changes__version=2).exists()


def test_publishing_moves_is_current_and_running_cases_keep_their_version(world):
    v1 = region_route(world, SchoolType.PRIMARY)
    steps = po_steps(world)
    steps[0]["norm_days"] = 21
    v2 = services.route_edit(actor=world.functional_admin, template=v1, steps=steps, name="PO-route 2027")
    v1.refresh_from_db()
    assert (v1.is_current, v2.is_current, v2.version, v2.family) == (False, True, 2, v1.family)
    assert v2.name == "PO-route 2027" and v2.steps.get(code="signal").norm_days == 21
    assert RouteTemplate.objects.filter(family=v1.family, is_current=True).get() == v2
    world.case_a1.refresh_from_db()
    assert world.case_a1.template == v1 and world.case_a1.step.template == v1
    new_case = services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.ib_a)
    assert new_case.template == v2
    event = events("route.published").last()
    assert event.target_uuid == v2.uuid and event.changes["version"] == 2
    assert event.actor_uuid == world.functional_admin.uuid


def test_publishing_from_an_older_version_restores_it_as_a_new_version(world):
    v1 = region_route(world, SchoolType.PRIMARY)
    steps = po_steps(world)
    steps[0]["norm_days"] = 21
    v2 = services.route_edit(actor=world.functional_admin, template=v1, steps=steps)
    v3 = services.route_edit(actor=world.functional_admin, template=v1, steps=services.steps_as_data(v1))
    assert v3.version == 3 and v3.is_current and v3.steps.get(code="signal").norm_days == 42
    v2.refresh_from_db()
    assert not v2.is_current


def test_an_unchanged_route_is_not_published_again(world):
    v1 = region_route(world, SchoolType.PRIMARY)
    with pytest.raises(DomainError, match=_("Nothing was changed")):
        services.route_edit(actor=world.functional_admin, template=v1, steps=po_steps(world), name=v1.name)
    assert RouteTemplate.objects.filter(family=v1.family).count() == 1


def test_overriding_one_step_creates_the_schools_own_route_then_versions_it(world):
    region_po = region_route(world, SchoolType.PRIMARY)
    own = services.route_override_step(
        actor=world.functional_admin,
        school=world.school_a,
        code="group_review",
        values={"min_interventions": 2, "code": "hacked", "evaluation_weeks": 4},
    )
    assert own.school == world.school_a and own.version == 1 and own.family != region_po.family
    changed = own.steps.get(code="group_review")  # the code cannot be changed through an override
    assert (changed.min_interventions, changed.evaluation_weeks) == (2, 4)
    assert services.steps_as_data(own)[0] == po_steps(world)[0]
    assert template_for_school(world.school_a) == own
    assert template_for_school(world.school_b) == region_route(world, SchoolType.SECONDARY)
    again = services.route_override_step(
        actor=world.functional_admin, school=world.school_a, code="signal", values={"norm_days": 14}
    )
    own.refresh_from_db()
    assert again.family == own.family and again.version == 2 and not own.is_current
    assert again.steps.get(code="group_review").min_interventions == 2  # builds on the school's own route
    assert services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.ib_a).template == again


def test_an_override_of_an_unknown_or_unchanged_step_is_refused(world):
    with pytest.raises(DomainError):
        services.route_override_step(
            actor=world.functional_admin, school=world.school_a, code="nope", values={"norm_days": 1}
        )
    with pytest.raises(DomainError, match=_("Nothing was changed")):
        services.route_override_step(
            actor=world.functional_admin, school=world.school_a, code="signal", values={"norm_days": 42}
        )
    with pytest.raises(ValidationError):
        services.route_override_step(
            actor=world.functional_admin,
            school=world.school_a,
            code="aftercare",
            values={"allowed_outcomes": []},
        )
    assert not RouteTemplate.objects.filter(school=world.school_a).exists()


def test_a_school_follows_the_chosen_route_and_the_choice_is_audited(world):
    vo = region_route(world, SchoolType.SECONDARY)
    services.route_school_follow(actor=world.functional_admin, school=world.school_a, template=vo)
    assert template_for_school(world.school_a) == vo
    event = events("route.school_choice").last()
    assert event.target_uuid == world.school_a.uuid
    assert event.changes["route"]["new"] == str(vo.uuid) and event.changes["own_route_ended"] == []
    # a new version of the chosen route is followed too: the choice is the route, not one version
    steps = services.steps_as_data(vo)
    steps[0]["norm_days"] = 14
    vo2 = services.route_edit(actor=world.functional_admin, template=vo, steps=steps)
    assert template_for_school(world.school_a) == vo2


def test_following_a_region_route_ends_the_own_route_and_running_cases_keep_it(world):
    own = services.route_override_step(
        actor=world.functional_admin, school=world.school_a, code="signal", values={"norm_days": 14}
    )
    case = services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.ib_a)
    assert case.template == own
    po = region_route(world, SchoolType.PRIMARY)
    services.route_school_follow(actor=world.functional_admin, school=world.school_a, template=po)
    own.refresh_from_db()
    case.refresh_from_db()
    assert not own.is_current and case.template == own
    assert template_for_school(world.school_a) == po
    assert events("route.school_choice").last().changes["own_route_ended"] == [str(own.uuid)]


def test_only_a_region_route_of_the_schools_region_can_be_followed(world):
    services.routes_install_defaults(actor=world.functional_admin, region=world.other_region)
    foreign = RouteTemplate.objects.filter(region=world.other_region).first()
    own = services.route_override_step(
        actor=world.functional_admin, school=world.school_b, code="mentor", values={"norm_days": 14}
    )
    for template in (foreign, own):
        with pytest.raises(ValidationError):
            services.route_school_follow(
                actor=world.functional_admin, school=world.school_a, template=template
            )
    assert not SchoolRouteChoice.objects.exists()


def _new_version(world, template, **change):
    steps = services.steps_as_data(template)
    for step in steps:
        step.update(change.get(step["code"], {}))
    steps = [s for s in steps if not s.get("drop")]
    return services.route_edit(actor=world.functional_admin, template=template, steps=steps)


def test_migration_moves_open_cases_with_a_reason_and_records_the_old_step(world):
    v1 = region_route(world, SchoolType.SECONDARY)
    v2 = _new_version(world, v1, mentor={"norm_days": 10})
    moved, blocked = services.route_migrate_cases(
        actor=world.functional_admin, source=v1, target=v2, reason="Norm aangepast"
    )
    assert (moved, blocked) == (2, {})  # case_b1 and case_16
    for case in (world.case_b1, world.case_16):
        case.refresh_from_db()
        assert case.template == v2 and case.step.template == v2 and case.step.code == "teacher_interventions"
        transition = CaseTransition.objects.filter(case=case, kind=TransitionKind.MIGRATE).get()
        assert transition.from_step.template == v1 and transition.to_step.template == v2
        assert transition.reason == "Norm aangepast"
    rows = events("case.template_migrated")
    assert rows.count() == 2 and {r.reason for r in rows} == {"Norm aangepast"}
    assert {r.case_uuid for r in rows} == {world.case_b1.uuid, world.case_16.uuid}


def test_cases_in_a_step_the_new_version_lacks_stay_where_they_are(world):
    v1 = region_route(world, SchoolType.SECONDARY)
    v2 = _new_version(world, v1, teacher_interventions={"drop": True})
    moved, blocked = services.route_migrate_cases(
        actor=world.functional_admin, source=v1, target=v2, reason="Eerste stap vervalt"
    )
    assert moved == 0 and blocked == {"Interventies door de docent": 2}
    world.case_b1.refresh_from_db()
    assert world.case_b1.template == v1
    assert not events("case.template_migrated").exists()


def test_migration_needs_a_reason_an_older_version_of_the_same_route_and_the_current_target(world):
    v1 = region_route(world, SchoolType.SECONDARY)
    v2 = _new_version(world, v1, mentor={"norm_days": 10})
    po = region_route(world, SchoolType.PRIMARY)
    with pytest.raises(ValidationError):
        services.route_migrate_cases(actor=world.functional_admin, source=v1, target=v2, reason=" ")
    with pytest.raises(ValidationError):
        services.route_migrate_cases(actor=world.functional_admin, source=po, target=v2, reason="x")
    with pytest.raises(ValidationError):
        services.route_migrate_cases(actor=world.functional_admin, source=v2, target=v2, reason="x")
    with pytest.raises(DomainError):
        services.route_migrate_cases(actor=world.functional_admin, source=v2, target=v1, reason="x")
    world.case_b1.refresh_from_db()
    assert world.case_b1.template == v1


def test_migration_without_running_cases_is_refused(world):
    v1 = region_route(world, SchoolType.SECONDARY)
    v2 = _new_version(world, v1, mentor={"norm_days": 10})
    services.route_migrate_cases(actor=world.functional_admin, source=v1, target=v2, reason="Eerste keer")
    with pytest.raises(DomainError, match=_("No running cases")):
        services.route_migrate_cases(
            actor=world.functional_admin, source=v1, target=v2, reason="Nog een keer"
        )


def test_the_bulk_resolution_agrees_with_template_for_school(world):
    extra_po = f.SchoolFactory(region=world.region, school_type=SchoolType.PRIMARY)
    extra_vo = f.SchoolFactory(region=world.region, school_type=SchoolType.SECONDARY)
    services.route_override_step(
        actor=world.functional_admin, school=world.school_a, code="signal", values={"norm_days": 14}
    )
    services.route_school_follow(
        actor=world.functional_admin, school=extra_po, template=region_route(world, SchoolType.SECONDARY)
    )
    rows = route_selectors.school_routes(region=world.region)
    assert {row.school: row.template for row in rows} == {
        school: template_for_school(school) for school in (world.school_a, world.school_b, extra_po, extra_vo)
    }
    assert {row.school: row.how for row in rows} == {
        world.school_a: "own",
        world.school_b: "by_type",
        extra_po: "chosen",
        extra_vo: "by_type",
    }
    empty_region = f.SchoolFactory(region=world.other_region)
    assert route_selectors.school_routes(region=world.other_region)[0].how == "none"
    assert template_for_school(empty_region) is None
