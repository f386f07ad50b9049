"""The route template editor of the functional administrator: pages, access, audit and query counts."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, reverse
from django.utils.translation import gettext as _

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services
from zorgroute.cases.models import Case, RouteTemplate, SchoolRouteChoice
from zorgroute.cases.selectors import template_for_school
from zorgroute.cases.urls import urlpatterns
from zorgroute.organisations.constants import SchoolType, StaffRoleKind
from zorgroute.testing import factories as f
from zorgroute.testing.auth import count_queries, login_verified, page_fingerprint

pytestmark = pytest.mark.django_db
MISSING = "00000000-0000-0000-0000-000000000000"
ROUTE_URLS = [p.name for p in urlpatterns if isinstance(p, URLPattern) and p.name.startswith("route-")]


def url(name, *args):
    return reverse(f"cases:{name}", args=[getattr(a, "uuid", a) for a in args])


def po(world):
    return RouteTemplate.objects.get(
        region=world.region, school_type=SchoolType.PRIMARY, is_current=True, school=None
    )


def vo(world):
    return RouteTemplate.objects.get(
        region=world.region, school_type=SchoolType.SECONDARY, is_current=True, school=None
    )


def last_event(name):
    return AuditEvent.objects.filter(event=name).order_by("-seq").first()


def step_post(steps, *, name, prefix="steps"):
    """What the browser posts for the editor: every step, then the untouched empty row with its defaults."""
    data = {
        "name": name,
        f"{prefix}-TOTAL_FORMS": str(len(steps) + 1),
        f"{prefix}-INITIAL_FORMS": str(len(steps)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "20",
    }
    for index, step in enumerate(steps):
        p = f"{prefix}-{index}-"
        data.update(
            {
                p + "code": step["code"],
                p + "name": step["name"],
                p + "owner": step["owner"],
                p + "forum_kind": step.get("forum_kind", ""),
                p + "required_records": list(step.get("required_records", [])),
                p + "evaluation_weeks": str(step.get("evaluation_weeks", 6)),
                p + "min_interventions": str(step.get("min_interventions", 0)),
                p + "allowed_outcomes": list(step.get("allowed_outcomes", [])),
                p + "norm_days": str(step.get("norm_days", 56)),
                p + "ORDER": str(step.get("ORDER", index + 1)),
            }
        )
        if step.get("action_plan_required"):
            data[p + "action_plan_required"] = "on"
        if step.get("DELETE"):
            data[p + "DELETE"] = "on"
    blank = f"{prefix}-{len(steps)}-"
    data.update(
        {blank + "evaluation_weeks": "6", blank + "min_interventions": "0", blank + "norm_days": "56"}
    )
    return data


@pytest.fixture
def outsider(world):
    """A functional administrator of another region: holds ROUTE_MANAGE, but not here."""
    user = f.UserFactory(username="beheerder_elders")
    f.StaffRoleFactory(user=user, role=StaffRoleKind.FUNCTIONAL_ADMIN, region=world.other_region)
    return user


@pytest.fixture
def admin(client, world):
    return login_verified(client, world.functional_admin)


def urls_for(world, template):
    return {
        "route-list": url("route-list", world.region),
        "route-version": url("route-version", world.region, template),
        "route-publish": url("route-publish", world.region, template),
        "route-migrate": url("route-migrate", world.region, template),
        "route-school": url("route-school", world.school_a),
        "route-school-choose": url("route-school-choose", world.school_a),
        "route-school-step": url("route-school-step", world.school_a, "signal"),
    }


def test_every_route_page_is_listed_here(world):
    assert set(ROUTE_URLS) == set(urls_for(world, po(world)))


def test_anonymous_users_go_to_login(client, world):
    for name, target in urls_for(world, po(world)).items():
        for response in (client.get(target), client.post(target)):
            assert response.status_code == 302, name
            assert response["Location"].startswith(reverse("accounts:login")), name


def test_the_list_shows_routes_versions_and_the_route_of_every_school(admin, world):
    response = admin.get(url("route-list", world.region))
    assert response.status_code == 200
    names = {family.latest.name for family in response.context["routes"]}
    assert names == {"Zorgroute primair onderwijs", "Zorgroute voortgezet onderwijs"}
    by_school = {row.school: (row.template, row.how) for row in response.context["schools"]}
    assert by_school[world.school_a] == (po(world), "by_type")
    assert by_school[world.school_b] == (vo(world), "by_type")
    page = response.content.decode()
    assert url("route-version", world.region, po(world)) in page
    assert url("route-school", world.school_b) in page


def test_the_home_page_links_the_editor_for_the_administrator_only(client, world):
    target = url("route-list", world.region)
    login_verified(client, world.functional_admin)
    home = client.get(reverse("home:home")).content.decode()
    admin_section = home.split('data-testid="home-admin"')[1]
    assert target in admin_section
    client.logout()
    login_verified(client, world.ib_a)
    assert target not in client.get(reverse("home:home")).content.decode()


def test_the_version_page_shows_steps_and_cases_per_version(admin, world):
    template = po(world)
    response = admin.get(url("route-version", world.region, template))
    assert response.status_code == 200
    rows = response.context["steps"]
    assert [r.step.code for r in rows] == [
        "signal",
        "group_review",
        "school_care_team",
        "regional_team",
        "specialised_care",
        "aftercare",
    ]
    care_team = rows[2]
    assert care_team.step.action_plan_required and care_team.forum
    assert len(care_team.required_records) == 5
    versions = response.context["family"].versions
    assert [(v.template.version, v.open_cases) for v in versions] == [(1, 1)]  # case_a1 at school A
    assert response.context["waiting"] == []
    assert 'data-testid="step-table"' in response.content.decode()


def test_an_outsider_gets_the_same_404_as_for_a_missing_region_school_or_version(client, world, outsider):
    login_verified(client, outsider)
    template = po(world)
    pairs = [
        (url("route-list", world.region), url("route-list", MISSING)),
        (url("route-version", world.region, template), url("route-version", MISSING, template)),
        (url("route-publish", world.region, template), url("route-publish", MISSING, template)),
        (url("route-migrate", world.region, template), url("route-migrate", MISSING, template)),
        (url("route-school", world.school_a), url("route-school", MISSING)),
        (url("route-school-choose", world.school_a), url("route-school-choose", MISSING)),
        (url("route-school-step", world.school_a, "signal"), url("route-school-step", MISSING, "signal")),
    ]
    for hidden, missing in pairs:
        for method in ("get", "post"):
            a, b = getattr(client, method)(hidden), getattr(client, method)(missing)
            assert a.status_code == b.status_code == 404, hidden
            assert page_fingerprint(a.content, hidden) == page_fingerprint(b.content, missing)
    assert RouteTemplate.objects.count() == 2 and not SchoolRouteChoice.objects.exists()


def test_a_version_of_another_region_is_not_found_through_this_region(admin, world):
    services.routes_install_defaults(actor=world.functional_admin, region=world.other_region)
    foreign = RouteTemplate.objects.filter(region=world.other_region).first()
    assert admin.get(url("route-version", world.region, foreign)).status_code == 404
    assert admin.get(url("route-version", world.region, "not-a-uuid")).status_code == 404
    assert admin.get(url("route-school-step", world.school_a, "no-such-step")).status_code == 404


def test_who_can_see_the_region_or_school_but_not_manage_routes_gets_403(client, world):
    template = po(world)
    login_verified(client, world.municipality_analyst)  # sees the region (aggregates), manages no route
    for target in (url("route-list", world.region), url("route-version", world.region, template)):
        assert client.get(target).status_code == 403
    response = client.post(url("route-publish", world.region, template), step_post([], name="X"))
    assert response.status_code == 403
    client.logout()
    login_verified(client, world.ib_a)  # sees the school, manages no route
    assert client.get(url("route-school", world.school_a)).status_code == 403
    assert (
        client.post(url("route-school-choose", world.school_a), {"template": str(vo(world).uuid)}).status_code
        == 403
    )
    assert client.get(url("route-school-step", world.school_a, "signal")).status_code == 403
    assert client.get(url("route-list", world.region)).status_code == 404  # the region itself is not visible
    assert not SchoolRouteChoice.objects.exists() and RouteTemplate.objects.count() == 2


def test_publishing_a_new_version_keeps_running_cases_on_theirs(admin, world):
    v1 = po(world)
    steps = services.steps_as_data(v1)
    steps[1]["evaluation_weeks"] = 8
    steps[1]["name"] = "Groepsbespreking"
    get = admin.get(url("route-publish", world.region, v1))
    assert get.status_code == 200 and len(get.context["formset"].forms) == 7
    response = admin.post(url("route-publish", world.region, v1), step_post(steps, name=v1.name))
    v2 = po(world)
    assert response.status_code == 302 and response["Location"] == url("route-version", world.region, v2)
    assert v2.version == 2 and v2.family == v1.family
    v1.refresh_from_db()
    assert not v1.is_current
    assert v2.steps.get(code="group_review").evaluation_weeks == 8
    world.case_a1.refresh_from_db()
    assert world.case_a1.template == v1
    event = last_event("route.published")
    assert event.actor_uuid == world.functional_admin.uuid and event.changes["version"] == 2
    page = admin.get(url("route-version", world.region, v2))
    assert [(v.template.version, v.open_cases) for v in page.context["family"].versions] == [(2, 0), (1, 1)]
    assert page.context["waiting"][0].count == 1 and page.context["migrate_form"] is not None


def test_the_editor_adds_reorders_and_deletes_steps(admin, world):
    v1 = vo(world)
    steps = services.steps_as_data(v1)
    steps[1]["ORDER"], steps[2]["ORDER"] = 3, 2  # team leader before mentor
    steps[3]["DELETE"] = True  # no internal care team
    data = step_post(steps, name="Zorgroute VO (nieuw)")
    extra = f"steps-{len(steps)}-"
    data.update(
        {
            extra + "name": "Nazorg",
            extra + "owner": "care_coordinator",
            extra + "allowed_outcomes": ["close"],
            extra + "ORDER": "9",
        }
    )
    response = admin.post(url("route-publish", world.region, v1), data)
    assert response.status_code == 302, response.context and response.context["error"]
    v2 = vo(world)
    assert v2.name == "Zorgroute VO (nieuw)"
    assert list(v2.steps.order_by("position").values_list("code", flat=True)) == [
        "teacher_interventions",
        "team_leader",
        "mentor",
        "regional_team",
        "nazorg",
    ]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("last_escalates", "The last step cannot escalate."),
        ("one_step", "A route needs at least two steps."),
        ("unchanged", "Nothing was changed, so no new version was published."),
        ("consent_without_forum", "The step '%(step)s' asks for consent but has no forum."),
    ],
)
def test_invalid_routes_are_refused_with_the_services_message(admin, world, change, message):
    v1 = po(world)
    steps = services.steps_as_data(v1)
    if change == "last_escalates":
        steps[-1]["allowed_outcomes"] = ["escalate", "close"]
    elif change == "one_step":
        for step in steps[1:]:
            step["DELETE"] = True
    elif change == "consent_without_forum":
        steps[0]["required_records"] = ["consent"]
    expected = _(message) % {"step": steps[0]["name"]} if "%(step)s" in message else _(message)
    response = admin.post(url("route-publish", world.region, v1), step_post(steps, name=v1.name))
    assert response.status_code == 200
    assert response.context["error"] == expected
    assert expected in response.content.decode().replace("&#x27;", "'")
    assert RouteTemplate.objects.filter(family=v1.family).count() == 1
    assert po(world) == v1


def test_a_field_error_marks_the_step(admin, world):
    v1 = po(world)
    steps = services.steps_as_data(v1)
    steps[0]["evaluation_weeks"] = 60
    response = admin.post(url("route-publish", world.region, v1), step_post(steps, name=v1.name))
    assert response.status_code == 200
    assert "evaluation_weeks" in response.context["formset"].forms[0].errors
    assert RouteTemplate.objects.filter(family=v1.family).count() == 1


def test_running_cases_move_to_the_new_version_only_explicitly_with_a_reason(admin, world):
    v1 = po(world)
    steps = services.steps_as_data(v1)
    steps[0]["norm_days"] = 30
    admin.post(url("route-publish", world.region, v1), step_post(steps, name=v1.name))
    v2 = po(world)
    target = url("route-migrate", world.region, v2)
    refused = admin.post(target, {"source": str(v1.uuid), "reason": ""})
    assert refused.status_code == 200 and "reason" in refused.context["form"].errors
    response = admin.post(target, {"source": str(v1.uuid), "reason": "Nieuwe norm voor de eerste stap"})
    assert response.status_code == 302
    world.case_a1.refresh_from_db()
    assert world.case_a1.template == v2 and world.case_a1.step.code == "signal"
    event = last_event("case.template_migrated")
    assert event.case_uuid == world.case_a1.uuid and event.reason == "Nieuwe norm voor de eerste stap"
    assert event.changes["template"] == {"old": str(v1.uuid), "new": str(v2.uuid)}
    assert world.case_a1.timeline.filter(title__contains="2").exists()
    assert admin.get(url("route-version", world.region, v2)).context["waiting"] == []


def test_the_migration_form_offers_only_older_versions_of_the_same_route(admin, world):
    v1 = po(world)
    steps = services.steps_as_data(v1)
    steps[0]["norm_days"] = 30
    services.route_edit(actor=world.functional_admin, template=v1, steps=steps)
    v2 = po(world)
    response = admin.post(
        url("route-migrate", world.region, v2), {"source": str(vo(world).uuid), "reason": "Verkeerde route"}
    )
    assert response.status_code == 200 and "source" in response.context["form"].errors
    world.case_b1.refresh_from_db()
    assert world.case_b1.template == vo(world)


def test_a_school_adjusts_one_step_and_its_new_cases_follow_the_adjustment(admin, world):
    target = url("route-school-step", world.school_a, "group_review")
    form = admin.get(target)
    assert form.status_code == 200 and form.context["form"].initial["name"].startswith("Groepsbespreking")
    data = {
        "name": "Groepsbespreking en leerlingbespreking",
        "owner": "care_coordinator",
        "forum_kind": "group_review",
        "action_plan_required": "on",
        "evaluation_weeks": "4",
        "min_interventions": "2",
        "allowed_outcomes": ["escalate", "step_back", "close"],
        "norm_days": "42",
    }
    response = admin.post(target, data)
    assert response.status_code == 302 and response["Location"] == url("route-school", world.school_a)
    own = template_for_school(world.school_a)
    assert own.school == world.school_a and own.family != po(world).family
    step = own.steps.get(code="group_review")
    assert (step.name, step.evaluation_weeks, step.min_interventions) == (data["name"], 4, 2)
    assert template_for_school(world.school_b) == vo(world)
    assert po(world).steps.get(code="group_review").evaluation_weeks == 6  # the region route is unchanged
    case = services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.ib_a)
    assert case.template == own
    page = admin.get(url("route-school", world.school_a))
    assert page.context["followed"].how == "own"
    listing = admin.get(url("route-list", world.region))
    assert [family.latest for family in listing.context["own_routes"]] == [own]


def test_a_school_switches_to_the_other_region_route_and_back(admin, world):
    response = admin.post(url("route-school-choose", world.school_a), {"template": str(vo(world).uuid)})
    assert response.status_code == 302
    assert SchoolRouteChoice.objects.get(school=world.school_a).family == vo(world).family
    event = last_event("route.school_choice")
    assert event.target_uuid == world.school_a.uuid
    assert event.changes["route"] == {"old": str(po(world).uuid), "new": str(vo(world).uuid)}
    case = services.case_open(actor=world.ib_a, pupil=world.pupil_a2, owner=world.ib_a)
    assert case.template == vo(world) and case.step.code == "teacher_interventions"
    world.case_a1.refresh_from_db()
    assert world.case_a1.template == po(world)  # the running case keeps its route
    admin.post(url("route-school-choose", world.school_a), {"template": str(po(world).uuid)})
    assert template_for_school(world.school_a) == po(world)


def test_choosing_a_region_route_ends_the_schools_own_adjustment(admin, world):
    services.route_override_step(
        actor=world.functional_admin, school=world.school_a, code="signal", values={"norm_days": 20}
    )
    own = template_for_school(world.school_a)
    assert own.school == world.school_a
    admin.post(url("route-school-choose", world.school_a), {"template": str(po(world).uuid)})
    own.refresh_from_db()
    assert not own.is_current and template_for_school(world.school_a) == po(world)
    assert last_event("route.school_choice").changes["own_route_ended"] == [str(own.uuid)]


def test_a_route_of_another_region_cannot_be_chosen(admin, world):
    services.routes_install_defaults(actor=world.functional_admin, region=world.other_region)
    foreign = RouteTemplate.objects.filter(region=world.other_region).first()
    response = admin.post(url("route-school-choose", world.school_a), {"template": str(foreign.uuid)})
    assert response.status_code == 200 and "template" in response.context["form"].errors
    assert not SchoolRouteChoice.objects.exists()


def _grow(world, n):
    """n more schools, versions, school adjustments and cases in the region."""
    for i in range(RouteTemplate.objects.count(), RouteTemplate.objects.count() + n):
        school = f.SchoolFactory(region=world.region, school_type=SchoolType.PRIMARY, name=f"School {i}")
        group = f.GroupFactory(school=school)
        pupil = f.PupilFactory.enrolled(group)
        services.route_override_step(
            actor=world.functional_admin, school=school, code="signal", values={"norm_days": 20 + i}
        )
        services.case_open(actor=world.functional_admin, pupil=pupil, owner=world.ib_a)
        steps = services.steps_as_data(po(world))
        steps[0]["norm_days"] = 30 + i
        services.route_edit(actor=world.functional_admin, template=po(world), steps=steps)


def test_query_counts_do_not_grow_with_schools_versions_and_cases(admin, world):
    pages = lambda: [  # noqa: E731
        url("route-list", world.region),
        url("route-version", world.region, po(world)),
        url("route-school", world.school_a),
        url("route-publish", world.region, po(world)),
    ]
    _grow(world, 1)  # one of everything: a school adjustment, an older version with a running case
    small = [count_queries(admin, target) for target in pages()]
    _grow(world, 4)
    assert Case.objects.count() == 8 and RouteTemplate.objects.filter(region=world.region).count() == 12
    assert [count_queries(admin, target) for target in pages()] == small
