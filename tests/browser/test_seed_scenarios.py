"""The three seed scenarios of the care-route issue carried through the zorgteam and the ZAT in a browser (issue 5,
acceptance), in Dutch.

Each starts where the route leaves it before the school's care team (set up through the services with the texts of
demo/scenarios.py): what was tried is logged, the plan is current, the help questions and the school's limits are
written, and the parents consented to the zorgteam and the ZAT.

- Seed 000, speech (Mila, group 1, primary): the ZAT arranges a speech therapist; the case moves on to specialised
  care.
- Seed 002, removals from class and absence (Lotte, secondary; route teacher, mentor, team leader, internal care
  team, ZAT): the ZAT advises and the internal care team carries on; the case steps back.
- Seed 003, worries about the family (Sanne, primary): the youth team takes over the help to the family; the case
  is closed provisionally.

Through the pages, each care coordinator refers their cases to their school's zorgteam, puts them on its meeting's
agenda, records the discussion and finalises the minutes; refers them on to the ZAT (the ZAT form is filled in from
the zorgteam's); the ZAT chair puts the three on one meeting, records the discussions and finalises; the care
coordinators carry out the outcome. Axe checks the pages test_zat_cycle.py does not reach.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import (
    Discussion,
    Package,
    agenda_row,
    choose,
    click_button,
    click_link,
    desks,
    discuss,
    dutch,
    field,
    finalise,
    message,
    open_case,
    open_meeting,
    plan_meeting,
    ready_for_forum,
    refer,
    ui,
)
from zorgroute.core.time import today

pytestmark = pytest.mark.browser

ZAT_STEP = "Zorg- en Adviesteam (ZAT)"

AxeCheck = Callable[[Page, str], None]


@dataclass
class Scenario:
    seed: str
    case: Any
    coordinator: Any  # the school's care coordinator, who refers and runs the school's zorgteam
    zorgteam: Any
    zorgteam_meeting: Any
    zorgteam_step: str
    strengths: str
    severity: str
    zorgteam_decision: str
    zat_decision: str
    outcome: Callable[[Page, Scenario, AxeCheck], None]

    @property
    def label(self) -> str:
        return str(self.case.pupil.full_name)


def overview(page: Page) -> Any:
    return page.locator("section[aria-labelledby=overview-heading]")


def expect_in_step(page: Page, position: int, total: int, name: str) -> None:
    expect(overview(page)).to_contain_text(
        dutch("Step %(position)s of %(total)s: %(name)s", position=position, total=total, name=name)
    )


# --- The outcomes (the care coordinator, on the case page) -----------------------------------------------------------


def to_specialised_care(page: Page, scenario: Scenario, axe: AxeCheck) -> None:
    step = "Gespecialiseerde zorg"
    open_case(page, scenario.case)
    escalation = page.locator("section[aria-labelledby=escalate-heading]")
    expect(escalation.get_by_role("heading")).to_have_text(
        ui("Escalate to '%(step)s'", exact=True, step=step)
    )
    field(escalation, "Why escalate now?").fill(
        "Het ZAT heeft de logopedist ingeschakeld; de behandeling start."
    )
    click_button(escalation, "Escalate")
    expect(message(page)).to_contain_text(ui("The case was escalated to '%(step)s'.", step=step))
    expect_in_step(page, 5, 6, step)


def back_to_internal_care_team(page: Page, scenario: Scenario, axe: AxeCheck) -> None:
    open_case(page, scenario.case)
    click_link(page, "Step back to '%(step)s'", exact=True, step=scenario.zorgteam_step)
    expect(page.locator("main")).to_contain_text(
        dutch(
            "The case goes back from '%(from)s' to '%(to)s'.",
            **{"from": ZAT_STEP, "to": scenario.zorgteam_step},
        )
    )
    axe(page, "step back (after the ZAT)")
    field(page, "Why step back?").fill(
        "Het ZAT adviseert; het intern zorgteam voert het advies uit en evalueert."
    )
    click_button(page, "Step back")
    expect(message(page)).to_contain_text(
        ui("The case went back to the step '%(step)s'.", step=scenario.zorgteam_step)
    )
    expect_in_step(page, 4, 5, scenario.zorgteam_step)


def taken_over(page: Page, scenario: Scenario, axe: AxeCheck) -> None:
    open_case(page, scenario.case)
    click_link(page, "Close the case", exact=True)
    axe(page, "close the case (after the ZAT)")
    choose(page, "Why is the case closed?", "Taken over by an institution")
    field(page, "Provisionally closed").check()
    field(page, "Explanation").fill(
        "Het jeugdteam begeleidt het gezin; de school blijft aanspreekpunt voor Sanne."
    )
    click_button(page, "Close the case")
    expect(message(page)).to_contain_text(ui("The case was closed."))
    facts = overview(page).locator("dl.facts")
    expect(facts).to_contain_text(ui("Taken over by an institution"))
    expect(facts).to_contain_text(ui("Provisionally closed"))


# --- Set-up ----------------------------------------------------------------------------------------------------------


@pytest.fixture
def desk(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Page]]:
    yield from desks(browser, live_server)


@pytest.fixture
def scenarios(browser_world: Any) -> list[Scenario]:
    from zorgroute.cases import services as case_services
    from zorgroute.organisations.constants import CareTeamKind
    from zorgroute.testing import factories as f

    world = browser_world
    forums = [CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM]
    partners = [world.partner_jgz]
    admin = world.functional_admin

    # Seed 000: a group-1 pupil at school A, her mother holding authority.
    toddlers: Any = f.GroupFactory(school=world.school_a, name="Groep 1/2b", grade=1)
    mila = f.PupilFactory.enrolled(
        toddlers,
        first_name="Mila",
        last_name="Kok",
        date_of_birth=today().replace(year=today().year - 5, day=1),
    )
    f.PupilGuardianFactory(pupil=mila, relationship="mother", authority="joint")
    speech_case = case_services.case_open(actor=world.ib_a, pupil=mila, owner=world.ib_a)
    # Seed 002: Lotte at the secondary school B, which gets its internal care team.
    f.PupilGuardianFactory(pupil=world.pupil_b1, relationship="mother", authority="joint")
    internal_team = f.CareTeamFactory(
        region=world.region,
        school=world.school_b,
        kind=CareTeamKind.SCHOOL_CARE_TEAM,
        name="Intern zorgteam Het Test College",
    )
    zorgteam_a_meeting = plan_meeting(world.zorgteam_a, actor=admin)

    speech = Scenario(
        seed="000",
        case=ready_for_forum(
            speech_case,
            world.ib_a,
            Package(
                question_school="Welke ondersteuning heeft Mila nodig om verstaanbaar te worden?",
                question_parents="Ouders willen weten of logopedie nodig is en hoe zij thuis kunnen helpen.",
                question_pupil="'Ik wil dat iedereen me snapt.'",
                limits="Klankspelletjes en extra oefentijd; onderzoek door een logopedist kan de school niet bieden.",
                tried="Dagelijks vijf minuten klankspelletjes in de kleine kring.",
                need="Ondersteuning bij de spraak-taalontwikkeling.",
                goal="Mila spreekt de k-klank goed uit in losse woorden.",
            ),
            steps=1,
            forums=forums,
            partners=partners,
        ),
        coordinator=world.ib_a,
        zorgteam=world.zorgteam_a,
        zorgteam_meeting=zorgteam_a_meeting,
        zorgteam_step="Zorgteam",
        strengths="Mila is nieuwsgierig en speelt graag samen in de poppenhoek.",
        severity="Klasgenoten en de juf verstaan Mila vaak niet; de gehoortest bij de JGZ was in orde.",
        zorgteam_decision="Aanmelden bij het ZAT voor logopedisch onderzoek.",
        zat_decision="Het ZAT vraagt Logopediepraktijk De Klankkast om een intake; de intern begeleider "
        "coördineert.",
        outcome=to_specialised_care,
    )
    removals = Scenario(
        seed="002",
        case=ready_for_forum(
            world.case_b1,
            world.ib_b,
            Package(
                question_school="Hoe houden we Lotte in de les, en wat zit er achter het verzuim?",
                question_parents="Ouders willen dat Lotte weer gewoon naar school gaat.",
                question_pupil="'Ik wil niet steeds de schuld krijgen.'",
                limits="Mentor en teamleider stemden de aanpak af; bij slaap- en thuisproblemen is hulp nodig.",
                tried="Dagrapport en wekelijks mentorgesprek van een kwartier.",
                need="Een voorspelbare aanpak die alle docenten gelijk hanteren.",
                goal="Lotte wordt hooguit één keer per maand uit de les gestuurd.",
            ),
            steps=2,
            forums=forums,
            partners=partners,
        ),
        coordinator=world.ib_b,
        zorgteam=internal_team,
        zorgteam_meeting=plan_meeting(internal_team, actor=admin),
        zorgteam_step="Intern zorgteam",
        strengths="Lotte is sportief en behulpzaam bij praktijkvakken.",
        severity="Vier keer uit de les gestuurd (Lokaal 40) en 14 lesuren ongeoorloofd afwezig in vier weken.",
        zorgteam_decision="Leerplicht en schoolmaatschappelijk werk inschakelen via het ZAT.",
        zat_decision="Leerplicht voert een preventief gesprek; het intern zorgteam evalueert over zes weken.",
        outcome=back_to_internal_care_team,
    )
    family = Scenario(
        seed="003",
        case=ready_for_forum(
            world.case_a1,
            world.ib_a,
            Package(
                question_school="Hoe kunnen wij Sanne steunen, en welke hulp kan het gezin krijgen?",
                question_parents="Moeder vraagt hulp bij de opvoeding nu ze er alleen voor staat.",
                question_pupil="'Ik wil dat papa en mama geen ruzie meer maken.'",
                limits="Een vaste aanspreekpersoon en rust in de klas; hulp aan het gezin kan de school niet bieden.",
                tried="Elke ochtend een kort gesprekje bij binnenkomst en een rustige plek in de klas.",
                need="Voorspelbaarheid en een vaste volwassene op school.",
                goal="Sanne begint de dag rustig en heeft gegeten.",
            ),
            steps=1,
            forums=forums,
            partners=partners,
        ),
        coordinator=world.ib_a,
        zorgteam=world.zorgteam_a,
        zorgteam_meeting=zorgteam_a_meeting,
        zorgteam_step="Zorgteam",
        strengths="Sanne is zorgzaam voor klasgenoten en tekent graag.",
        severity="Sanne is sinds weken stil en moe en komt geregeld zonder ontbijt; vader woont niet meer thuis.",
        zorgteam_decision="Aanmelden bij het ZAT: het gezin heeft meer hulp nodig dan het zorgteam kan bieden.",
        zat_decision="Het jeugdteam biedt moeder opvoedondersteuning en neemt de hulp aan het gezin over.",
        outcome=taken_over,
    )
    world.zat_meeting = plan_meeting(world.zat, actor=admin)
    return [speech, removals, family]


# --- The walk --------------------------------------------------------------------------------------------------------


def put_on_agenda(page: Page, label: str) -> None:
    """On the meeting page: a referral waiting for a decision goes on this meeting's agenda."""
    waiting = page.get_by_test_id("waiting-referrals").get_by_role("listitem").filter(has_text=label)
    waiting.get_by_role("button", name=ui("Put on this agenda")).click()
    expect(message(page)).to_contain_text(ui("The case was put on the agenda."))
    expect(agenda_row(page, label)).to_have_count(1)


def hold_meeting(
    page: Page, meeting: Any, cases: list[Scenario], decision: Callable[[Scenario], str]
) -> None:
    """The meeting's runner puts the waiting referrals on the agenda, records each discussion, and finalises."""
    open_meeting(page, meeting)
    for scenario in cases:
        put_on_agenda(page, scenario.label)
    for scenario in cases:
        discuss(
            page,
            scenario.label,
            Discussion(
                analysis=scenario.severity,
                decisions=decision(scenario),
                reports_to_parents=scenario.coordinator,
            ),
        )
        click_link(page, "Back to the meeting", exact=True)
    finalise(page)


def test_the_three_seed_scenarios_go_through_the_zorgteam_and_the_zat(
    scenarios: list[Scenario], browser_world: Any, desk: Callable[[Any], Page], axe_check: AxeCheck
) -> None:
    world = browser_world
    desks_ = {world.ib_a: desk(world.ib_a), world.ib_b: desk(world.ib_b)}

    # The zorgteam: each care coordinator refers, then runs the meeting of their school's zorgteam.
    for s in scenarios:
        refer(
            desks_[s.coordinator],
            s.case,
            forum="the zorgteam",
            team=s.zorgteam,
            to_step=s.zorgteam_step,
            strengths=s.strengths,
            severity=s.severity,
        )
    meetings = {s.zorgteam_meeting.pk: s.zorgteam_meeting for s in scenarios}
    for pk, meeting in meetings.items():
        cases = [s for s in scenarios if s.zorgteam_meeting.pk == pk]
        hold_meeting(desks_[cases[0].coordinator], meeting, cases, lambda s: s.zorgteam_decision)
    axe_check(desks_[world.ib_b], "meeting page of an internal care team (minutes final)")

    # The ZAT: the referrals are filled in from the zorgteam's, so nothing is missing; one ZAT meeting for all three.
    for s in scenarios:
        refer(desks_[s.coordinator], s.case, forum="the ZAT", team=world.zat, to_step=ZAT_STEP)
        timeline = desks_[s.coordinator].locator("#timeline")
        expect(timeline).to_contain_text(ui("Discussed in %(team)s", team=s.zorgteam.name))
        expect(timeline).to_contain_text(s.zorgteam_decision)
    chair = desk(world.zat_chair)
    hold_meeting(chair, world.zat_meeting, scenarios, lambda s: s.zat_decision)
    expect(chair.get_by_test_id("agenda").get_by_role("row")).to_have_count(len(scenarios) + 1)

    # The outcomes, and the feedback to the parents waiting in each care coordinator's work list.
    for s in scenarios:
        page = desks_[s.coordinator]
        s.outcome(page, s, axe_check)
        expect(page.locator("#timeline")).to_contain_text(s.zat_decision)
        actions = page.locator("section[aria-labelledby=actions-heading]")
        to_parents = dutch("Report the outcome of %(forum)s back to the parents", forum=world.zat.name)
        expect(actions.get_by_role("row").filter(has_text=to_parents)).to_have_count(1)
