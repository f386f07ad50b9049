"""A full ZAT cycle in a browser, as the roles walk it (issue 5 item 9), in Dutch, with axe on every new page.

Set-up (services, as the route leaves a case after the zorgteam): Sanne's case stands in the zorgteam step with what
was tried, a current plan, the help questions, the school's limits, and her mother's written consent for the
zorgteam and the ZAT naming the JGZ. The ZAT has a coordinator, a chair, a JGZ member and an on-call member, and a
meeting series whose next meeting (in two days) invited the fixed members.

1. The care coordinator refers the case to the ZAT: the completeness check asks for the strengths and the nature
   and severity, which she writes, then she submits; the case moves to the ZAT step.
2. The ZAT coordinator finds it among the referrals, records the intake and puts it on the meeting's agenda.
3. The invited JGZ member reads the summary, but the case page is "not found"; the on-call member, not invited,
   finds neither the meeting nor the summary.
4. The chair records the discussion with two actions; finalising is refused until a case coordinator is named.
5. The teacher and the JGZ member report their actions done from "My work".
6. Feedback: the ZAT coordinator reports to the care coordinator; only then the care coordinator's task to inform the
   teacher appears (the one to the parents the ZAT gave her already); the case page shows the chain complete.
7. Three months later (the clock moved forward, the daily command run as cron would) the care coordinator finds the
   aftercare in "My work" and records it; 8. the case is closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import (
    Clock,
    Discussion,
    Package,
    agenda_row,
    agree_action,
    choose,
    click_button,
    click_link,
    desks,
    discuss,
    dutch,
    field,
    finalise,
    finish_action,
    meeting_option,
    message,
    movable_clock,
    my_work,
    open_case,
    open_meeting,
    plan_meeting,
    ready_for_forum,
    refer,
    ui,
)
from tests.browser.test_care_route import expect_step
from zorgroute.core.time import today

pytestmark = pytest.mark.browser

ZORGTEAM = "Zorgteam"
ZAT_STEP = "Zorg- en Adviesteam (ZAT)"
PACKAGE = Package(
    question_school="Hoe helpen we Sanne zich veilig te voelen in de groep?",
    question_parents="Wat kunnen wij thuis doen zodat het afscheid makkelijker gaat?",
    question_pupil="Ik wil 's ochtends niet meer verdrietig zijn.",
    limits="De school biedt een maatje en extra aandacht; voor onderzoek naar de oorzaak is hulp van buiten nodig.",
    tried="Elke ochtend een vast maatje en een korte check-in bij binnenkomst.",
    need="Sanne heeft veiligheid en voorspelbaarheid nodig bij de start van de dag.",
    goal="Sanne neemt elke ochtend zonder huilen afscheid van haar moeder.",
)
STRENGTHS = "Sanne tekent graag en helpt jongere kinderen bij het opruimen."
SEVERITY = (
    "Sanne huilt al drie maanden bijna elke ochtend; het zorgteam ziet geen verbetering ondanks het maatje."
)
INTAKE_NOTES = "Intake met moeder en de intern begeleider samen; moeder wil graag meedenken."
ANALYSIS = "Sanne mist houvast sinds de verhuizing; thuis en op school is de start van de dag onrustig."
DECISIONS = "JGZ nodigt Sanne en moeder uit; de leerkracht observeert twee weken in de kring."
ACTION_JGZ = "Sanne en moeder uitnodigen voor een extra consult bij de JGZ"
ACTION_TEACHER = "Twee weken observeren in de kring en de observaties noteren"


@pytest.fixture
def desk(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Page]]:
    yield from desks(browser, live_server)


@pytest.fixture
def clock() -> Iterator[Clock]:
    with movable_clock() as moved:
        yield moved


@pytest.fixture
def zat_world(browser_world: Any, clock: Clock) -> Any:
    from zorgroute.cases import services as case_services
    from zorgroute.organisations.constants import CareTeamKind, TeamRole
    from zorgroute.testing import factories as f

    world = browser_world
    world.zat_coordinator = f.UserFactory(username="zat_coordinator")
    f.MembershipFactory(team=world.zat, user=world.zat_coordinator, role=TeamRole.COORDINATOR)
    f.give_totp(world.zat_coordinator)
    case = ready_for_forum(
        world.case_a1,
        world.ib_a,
        PACKAGE,
        steps=1,
        forums=[CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM],
        partners=[world.partner_jgz],
    )
    world.case_a1 = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")
    world.meeting = plan_meeting(world.zat, actor=world.functional_admin)
    world.clock = clock
    return world


def test_a_case_goes_through_a_full_zat_cycle(
    zat_world: Any, desk: Callable[[Any], Page], axe_check: Callable[[Page, str], None]
) -> None:
    world = zat_world
    case, meeting, sanne = world.case_a1, world.meeting, "Sanne Jansen"
    case_path = f"/zorg/zorgtrajecten/{case.uuid}/"

    # 1. The care coordinator refers the case to the ZAT; the completeness check asks for what is missing.
    ib = desk(world.ib_a)
    open_case(ib, case)
    expect_step(ib, 3, ZORGTEAM)
    refer(
        ib,
        case,
        forum="the ZAT",
        team=world.zat,
        to_step=ZAT_STEP,
        strengths=STRENGTHS,
        severity=SEVERITY,
        axe=axe_check,
    )
    expect_step(ib, 4, ZAT_STEP)
    row = ib.get_by_test_id("case-referrals").get_by_role("row").filter(has_text=world.zat.name)
    expect(row).to_contain_text(ui("Submitted, awaiting intake"))
    axe_check(ib, "case page (referred to the ZAT)")

    # 2. The ZAT coordinator takes the intake and puts the case on the next meeting's agenda.
    coordinator = desk(world.zat_coordinator)
    expect(coordinator.get_by_test_id("home-meetings")).to_contain_text(world.zat.name)
    click_link(coordinator, "My meetings: agendas and summaries")
    axe_check(coordinator, "meetings list (ZAT coordinator)")
    click_link(coordinator, "Referrals awaiting intake or a decision")
    expect(coordinator.locator("main h1")).to_have_text(ui("Referrals", exact=True))
    waiting = coordinator.get_by_role("row").filter(has_text=sanne)
    expect(waiting).to_contain_text(ui("Submitted, awaiting intake"))
    axe_check(coordinator, "intake queue")
    waiting.get_by_role("link", name=sanne).click()
    expect(coordinator.locator("main h1")).to_have_text(ui("Referral of %(name)s", exact=True, name=sanne))
    expect(coordinator.locator("main")).to_contain_text(STRENGTHS)  # what the school sent
    axe_check(coordinator, "intake of a referral")
    choose(coordinator, "Intake", "School and parents together")
    field(coordinator, "Intake notes").fill(INTAKE_NOTES)
    click_button(coordinator, "Record the intake")
    expect(message(coordinator)).to_contain_text(ui("The intake was recorded."))
    expect(coordinator.locator("main .case-context")).to_contain_text(ui("In intake"))
    field(coordinator, "Meeting").select_option(label=meeting_option(meeting))
    click_button(coordinator, "Put on the agenda")
    expect(message(coordinator)).to_contain_text(ui("The case was put on the agenda."))
    expect(agenda_row(coordinator, sanne)).to_contain_text(ui("New referral"))
    axe_check(coordinator, "meeting page (ZAT coordinator)")

    # 3. The invited JGZ member reads only the summary; the on-call member, not invited, finds nothing.
    member = desk(world.zat_member)
    open_meeting(member, meeting)
    expect(member.get_by_role("link", name=ui("Discussion"))).to_have_count(0)
    axe_check(member, "meeting page (invited member)")
    agenda_row(member, sanne).get_by_role("link", name=ui("Summary")).click()
    summary = member.get_by_test_id("forum-summary")
    expect(summary).to_contain_text(PACKAGE.question_parents)
    expect(summary).to_contain_text(PACKAGE.tried)
    axe_check(member, "case summary (invited member)")
    summary_path = urlparse(member.url).path
    for hidden_note in ("Werkaantekening IB", "Voor het zorgteam"):  # the case's notes stay with the school
        assert hidden_note not in member.content()
    refused = member.goto(case_path)
    assert refused is not None and refused.status == 404
    expect(member.locator("main")).not_to_contain_text(PACKAGE.question_parents)
    axe_check(member, "not found (case page for a member)")

    on_call = desk(world.on_call_partner)
    for path in (f"/zorg/overleggen/{meeting.uuid}/", summary_path, case_path):
        hidden = on_call.goto(path)
        assert hidden is not None and hidden.status == 404, path
        assert "Sanne" not in on_call.content()
    on_call.goto("/zorg/overleggen/")
    expect(on_call.locator("main")).to_contain_text(ui("There are no meetings for you."))

    # 4. The chair records the discussion with two actions; the minutes need a case coordinator.
    chair = desk(world.zat_chair)
    open_meeting(chair, meeting)
    feedback = Discussion(
        analysis=ANALYSIS,
        decisions=DECISIONS,
        solutions_family="Moeder krijgt tips voor een vaste ochtendroutine.",
        reports_to_school=world.zat_coordinator,
        reports_to_parents=world.ib_a,
        parents_contact=world.ib_a,
    )
    discuss(chair, sanne, feedback, axe=axe_check)
    due = today() + dt.timedelta(days=14)
    agree_action(chair, ACTION_JGZ, world.zat_member, due)
    agree_action(chair, ACTION_TEACHER, world.teacher, due)
    axe_check(chair, "case discussion with two actions")
    click_link(chair, "Back to the meeting", exact=True)
    expect(agenda_row(chair, sanne).get_by_role("cell").nth(3)).to_have_text(ui("Yes", exact=True))
    click_link(chair, "Finalise the minutes", exact=True)
    refusal = chair.get_by_role("alert")
    item = dutch("%(position)d. the case of %(pupil)s", position=1, pupil=sanne)
    expect(refusal).to_contain_text(ui("The minutes cannot be finalised yet:"))
    expect(refusal.get_by_role("listitem")).to_have_text(
        [dutch("%(item)s: more than one action is agreed, so a case coordinator must be named", item=item)]
    )
    expect(chair.get_by_role("button", name=ui("Finalise the minutes"))).to_have_count(0)
    axe_check(chair, "finalise the minutes (refused)")

    click_link(chair, "Back to the meeting", exact=True)
    agenda_row(chair, sanne).get_by_role("link", name=ui("Discussion")).click()
    expect(field(chair, "Analysis")).to_have_value(ANALYSIS)  # what was written stays
    field(chair, "Case coordinator").select_option(
        label=f"{world.ib_a.get_full_name()} ({world.ib_a.username})"
    )
    click_button(chair, "Save the discussion")
    expect(message(chair)).to_contain_text(ui("The discussion was saved."))
    click_link(chair, "Back to the meeting", exact=True)
    finalise(chair, axe=axe_check)
    expect(chair.locator("main dl.facts").first).to_contain_text(ui("minutes final"))
    expect(chair.get_by_role("link", name=ui("Discussion"))).to_have_count(0)  # the minutes no longer change

    # 5. The owners report their actions done from "My work" (the JGZ member without seeing the case).
    teacher = desk(world.teacher)
    finish_action(
        teacher, ACTION_TEACHER, "Sanne zegt in de kring af en toe iets als een maatje naast haar zit."
    )
    finish_action(member, ACTION_JGZ, "Consult gehad; moeder krijgt opvoedondersteuning.", axe=axe_check)
    axe_check(member, "my work after the action (JGZ member)")

    # 6. Feedback: the ZAT coordinator reports to the care coordinator; then the care coordinator informs the
    #    teacher; the ZAT named the care coordinator to tell the parents too.
    team = world.zat.name
    to_coordinator = dutch("Report the outcome of %(forum)s back to the care coordinator", forum=team)
    to_teacher = dutch("Inform the teacher or mentor of the outcome of %(forum)s", forum=team)
    to_parents = dutch("Report the outcome of %(forum)s back to the parents", forum=team)
    my_work(ib)
    work = ib.get_by_test_id("work-actions")
    expect(work.get_by_role("row").filter(has_text=to_parents)).to_have_count(1)
    expect(work.get_by_role("row").filter(has_text=to_teacher)).to_have_count(0)  # not before she is informed
    open_case(ib, case)
    chain = ib.get_by_test_id("feedback-chain")
    expect(chain.locator("caption")).to_contain_text(ui("in progress"))
    expect(chain).to_contain_text(
        dutch(
            "Next: once the care coordinator has been informed, the care coordinator informs the teacher or mentor "
            "and the parents."
        )
    )
    axe_check(ib, "case page with the feedback chain in progress")
    finish_action(coordinator, to_coordinator, "Intern begeleider gebeld en het besluit doorgenomen.")
    finish_action(
        ib, to_teacher, "De leerkracht weet wat het ZAT besloot en observeert in de kring.", axe=axe_check
    )
    finish_action(ib, to_parents, "Moeder gebeld: ze weet wat het ZAT besloot en wie haar uitnodigt.")
    open_case(ib, case)
    actions = ib.locator("section[aria-labelledby=actions-heading]")
    for description in (ACTION_JGZ, ACTION_TEACHER, to_coordinator, to_teacher, to_parents):
        expect(
            actions.get_by_role("row").filter(has_text=description).get_by_role("cell").nth(3)
        ).to_contain_text(ui("Done"))
    chain = ib.get_by_test_id("feedback-chain")
    expect(chain.locator("caption")).to_contain_text(ui("complete"))
    teacher_row = chain.get_by_role("row").filter(has_text=to_teacher)
    expect(teacher_row).to_contain_text(world.teacher.get_full_name())  # the pupil's group teacher
    expect(teacher_row).to_contain_text(world.ib_a.get_full_name())
    overview = ib.locator("section[aria-labelledby=overview-heading]")
    expect(overview).to_contain_text(world.ib_a.get_full_name())  # the case coordinator named in the minutes
    expect(ib.locator("#timeline")).to_contain_text(ui("Discussed in %(team)s", team=team))
    expect(ib.locator("#timeline")).to_contain_text(DECISIONS)
    axe_check(ib, "case page after the ZAT")

    # 7. Three months later the daily command creates the aftercare, and the care coordinator records it.
    world.clock.forward(100)
    assert "aftercare created 1" in world.clock.run_daily()
    assert "aftercare created 0" in world.clock.run_daily()  # the next run creates nothing twice
    ib = desk(world.ib_a)  # the session of three months ago has long expired
    my_work(ib)
    aftercare = ib.get_by_test_id("work-aftercare")
    expect(aftercare.get_by_role("row").filter(has_text=sanne)).to_have_count(1)
    axe_check(ib, "my work with aftercare (care coordinator)")
    aftercare.get_by_role("link", name=ui("Record")).click()
    expect(ib.locator("main h1")).to_have_text(ui("Aftercare", exact=True))
    axe_check(ib, "aftercare form")
    choose(ib, "Were the goals achieved?", "Goals achieved")
    field(ib, "Satisfaction of the school").select_option("4")
    field(ib, "Satisfaction of the parents").select_option("5")
    field(ib, "How did school and parents experience it?").fill(
        "Leerkracht en moeder zijn tevreden: Sanne neemt weer zonder huilen afscheid."
    )
    choose(ib, "And now?", "Close the case")
    click_button(ib, "Record the aftercare")

    # 8. The case is closed.
    expect(message(ib)).to_contain_text(ui("The aftercare was recorded."))
    expect(ib.locator("main h1")).to_have_text(ui("Case of %(name)s", exact=True, name=sanne))
    status = ib.locator("section[aria-labelledby=overview-heading] dl.facts")
    expect(status).to_contain_text(ui("Closed"))
    expect(status).to_contain_text(ui("Solved"))
    expect(ib.locator("#timeline")).to_contain_text(ui("Closed after the aftercare."))
    expect(
        ib.get_by_test_id("case-referrals").get_by_role(
            "link", name=ui("Refer to %(forum)s", forum=dutch("the ZAT"))
        )
    ).to_have_count(0)
    axe_check(ib, "case page (closed after the aftercare)")
    my_work(ib)
    expect(ib.get_by_test_id("work-aftercare")).to_have_count(0)
