"""Planning a team's meetings in a browser (issue 5), in Dutch, with axe on every page.

Set-up (services, as the route leaves a case after the zorgteam): Sanne's case was referred to the ZAT, which has a
chair and a fixed JGZ member but no meeting series yet.

1. The functional administrator opens the ZAT's planning page from the care teams (she could plan a series there
   too) and sets a minimum composition: at least one person of a JGZ partner.
2. The chair finds the planning page from the meetings list; the composition is for the administrator only (no
   button, 403 on its form). The chair creates a meeting series every two weeks and plans its next three meetings;
   planning again adds nothing twice, planning four adds the one missing.
3. On the first meeting's page nothing is missing until the JGZ member sends word she cannot come: then the page
   warns that the minimum composition is not met.
4. The chair puts Sanne's referral on the agenda, records the discussion and finalises the minutes; the decision
   list downloads as a PDF.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from playwright.sync_api import Page, expect

from tests.browser.flows import (
    Discussion,
    Package,
    agenda_row,
    click_button,
    click_link,
    desks,
    discuss,
    dutch,
    dutch_count,
    dutch_date,
    field,
    finalise,
    heading,
    meeting_title,
    message,
    ready_for_forum,
    submit_forum_referral,
    ui,
)
from zorgroute.core.time import today

pytestmark = pytest.mark.browser

SANNE = "Sanne Jansen"
SERIES = "ZAT Teststreek, om de week"
LOCATION = "Gemeentehuis, zaal 2"
JGZ_LINE = "Een jeugdarts of JGZ-verpleegkundige"
PACKAGE = Package(
    question_school="Hoe helpen we Sanne zich veilig te voelen in de groep?",
    question_parents="Wat kunnen wij thuis doen zodat het afscheid makkelijker gaat?",
    question_pupil="Ik wil 's ochtends niet meer verdrietig zijn.",
    limits="De school biedt een maatje; voor onderzoek naar de oorzaak is hulp van buiten nodig.",
    tried="Elke ochtend een vast maatje en een korte check-in bij binnenkomst.",
    need="Sanne heeft veiligheid en voorspelbaarheid nodig bij de start van de dag.",
    goal="Sanne neemt elke ochtend zonder huilen afscheid van haar moeder.",
)
ANALYSIS = "Sanne mist houvast sinds de verhuizing; de start van de dag is thuis en op school onrustig."
DECISIONS = "De JGZ nodigt Sanne en moeder uit voor een consult over slaap en ochtendroutine."


@pytest.fixture
def desk(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Page]]:
    yield from desks(browser, live_server)


@pytest.fixture
def planning_world(browser_world: Any) -> Any:
    from zorgroute.cases import services as case_services
    from zorgroute.organisations.constants import CareTeamKind

    world = browser_world
    case = ready_for_forum(
        world.case_a1,
        world.ib_a,
        PACKAGE,
        steps=1,
        forums=[CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM],
        partners=[world.partner_jgz],
    )
    case = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")
    submit_forum_referral(
        case,
        world.ib_a,
        CareTeamKind.REGIONAL_TEAM,
        strengths="Sanne tekent graag en helpt jongere kinderen.",
        severity="Sanne huilt al drie maanden bijna elke ochtend.",
    )
    return world


def first_weekday_after(days: int) -> dt.date:
    """The first Monday to Friday at least `days` days from today."""
    day = today() + dt.timedelta(days=days)
    while day.weekday() > 4:
        day += dt.timedelta(days=1)
    return day


def planned_rows(page: Page) -> Any:
    return page.get_by_test_id("series-meetings").locator("tbody tr")


def plan(page: Page, count: int) -> None:
    field(page, "Number of meetings").fill(str(count))
    click_button(page, "Plan the next meetings")


def test_a_zat_plans_its_meetings_and_sees_its_composition_and_decision_list(
    planning_world: Any, desk: Callable[[Any], Page], axe_check: Callable[[Page, str], None]
) -> None:
    from zorgroute.meetings.models import Meeting

    world = planning_world
    team = world.zat
    planning_path = f"/zorg/overleggen/teams/{team.uuid}/"
    jgz_type = world.partner_jgz.partner_type.name
    member = world.zat_member

    # 1. The functional administrator sets the ZAT's minimum composition.
    admin = desk(world.functional_admin)
    click_link(admin.get_by_test_id("home-admin"), "Care teams and members", exact=True)
    admin.get_by_role("link", name=team.name, exact=True).click()
    expect(heading(admin)).to_have_text(team.name)
    click_link(admin, "Meetings and minimum composition", exact=True)
    expect(heading(admin)).to_have_text(
        ui("Meetings and composition of %(team)s", exact=True, team=team.name)
    )
    expect(admin.get_by_test_id("series")).to_contain_text(ui("This team has no meeting series yet."))
    expect(admin.get_by_test_id("composition")).to_contain_text(
        ui("No minimum composition is set for this team.")
    )
    expect(admin.get_by_role("link", name=ui("New meeting series", exact=True))).to_be_visible()  # hers too
    axe_check(admin, "team planning (functional administrator, empty)")
    click_link(admin, "Add to the minimum composition", exact=True)
    expect(heading(admin)).to_have_text(ui("Add to the minimum composition", exact=True))
    axe_check(admin, "minimum composition line (form)")
    field(admin, "Who").fill(JGZ_LINE)
    field(admin, "Of a partner of type").select_option(label=jgz_type)
    field(admin, "At least").fill("1")
    click_button(admin, "Add")
    expect(message(admin)).to_contain_text(ui("The line was added to the minimum composition."))
    line = admin.get_by_test_id("composition").get_by_role("row").filter(has_text=JGZ_LINE)
    expect(line).to_contain_text(dutch("of a partner of type %(kind)s", kind=jgz_type))
    expect(line.get_by_role("cell").nth(1)).to_have_text("1")
    axe_check(admin, "team planning with a minimum composition (functional administrator)")

    # 2. The chair plans a meeting series; the minimum composition is not hers to change.
    chair = desk(world.zat_chair)
    click_link(chair, "My meetings: agendas and summaries", exact=True)
    expect(heading(chair)).to_have_text(ui("Meetings", exact=True))
    expect(chair.locator("main")).to_contain_text(ui("There are no meetings for you."))
    click_link(
        chair.get_by_test_id("plannable-teams"), "Meeting series of %(team)s", exact=True, team=team.name
    )
    expect(heading(chair)).to_have_text(
        ui("Meetings and composition of %(team)s", exact=True, team=team.name)
    )
    composition = chair.get_by_test_id("composition")
    expect(composition.get_by_role("row").filter(has_text=JGZ_LINE)).to_have_count(1)
    expect(composition.get_by_role("link")).to_have_count(0)
    expect(composition).to_contain_text(
        ui("The region's functional administrator sets the minimum composition.")
    )
    axe_check(chair, "team planning (chair)")
    refused = chair.goto(planning_path + "samenstelling/nieuw/")
    assert refused is not None and refused.status == 403
    chair.go_back()

    first = first_weekday_after(2)
    click_link(chair, "New meeting series", exact=True)
    expect(heading(chair)).to_have_text(ui("New meeting series", exact=True))
    expect(field(chair, "Name")).to_have_value(team.name)
    axe_check(chair, "new meeting series (form)")
    field(chair, "Name").fill(SERIES)
    field(chair, "Every so many weeks").fill("2")
    field(chair, "Weekday").select_option(label=dutch(str(WEEKDAYS[first.weekday()])))
    field(chair, "Starts at").fill("13:30")
    field(chair, "Duration (minutes)").fill("90")
    field(chair, "Location").fill(LOCATION)
    field(chair, "First meeting").fill(first.isoformat())
    click_button(chair, "Create")
    expect(message(chair)).to_contain_text(
        ui("The meeting series was created. Plan its first meetings below.")
    )
    expect(heading(chair)).to_have_text(SERIES)
    facts = chair.get_by_test_id("series-facts")
    expect(facts).to_contain_text(dutch_date(first))
    expect(facts).to_contain_text(LOCATION)
    invited = chair.get_by_test_id("series-members")
    for person in (world.zat_chair, member):  # every fixed member; not the on-call member
        expect(invited).to_contain_text(person.get_full_name())
    expect(invited).not_to_contain_text(world.on_call_partner.get_full_name())
    expect(chair.get_by_test_id("series-meetings")).to_contain_text(
        ui("No meetings of this series are planned yet.")
    )
    axe_check(chair, "meeting series (nothing planned)")

    plan(chair, 3)
    expect(message(chair)).to_contain_text(
        dutch_count(
            "%(count)d meeting was planned and its members invited.",
            "%(count)d meetings were planned and their members invited.",
            3,
        )
    )
    dates = [first + dt.timedelta(weeks=2 * n) for n in range(4)]
    expect(planned_rows(chair)).to_have_count(3)
    for n in range(3):
        expect(planned_rows(chair).nth(n)).to_contain_text(dutch_date(dates[n]))
    axe_check(chair, "meeting series (three planned)")
    plan(chair, 3)  # planning again adds nothing twice
    expect(message(chair)).to_contain_text(ui("These meetings were already planned: nothing was added."))
    expect(planned_rows(chair)).to_have_count(3)
    plan(chair, 4)  # only the missing fourth is added
    expect(message(chair)).to_contain_text(
        dutch_count(
            "%(count)d meeting was planned and its members invited.",
            "%(count)d meetings were planned and their members invited.",
            1,
        )
    )
    expect(planned_rows(chair)).to_have_count(4)
    expect(planned_rows(chair).nth(3)).to_contain_text(dutch_date(dates[3]))
    assert Meeting.objects.filter(series__name=SERIES).count() == 4

    # 3. The first meeting: the composition is met until the JGZ member sends word she cannot come.
    meeting = Meeting.objects.filter(series__name=SERIES).order_by("starts_at").first()
    assert meeting is not None
    planned_rows(chair).first.get_by_role("link").click()
    expect(heading(chair)).to_have_text(meeting_title(meeting))
    expect(chair.get_by_test_id("composition-warning")).to_have_count(0)
    attendance = chair.get_by_test_id("attendance").get_by_role("row").filter(has_text=member.get_full_name())
    expect(attendance).to_contain_text(ui("Invited"))
    attendance.get_by_role("link", name=ui("Change")).click()
    expect(heading(chair)).to_have_text(ui("Attendance of %(name)s", exact=True, name=member.get_full_name()))
    axe_check(chair, "attendance (form)")
    field(chair, "Presence").select_option(label=dutch("Excused"))
    click_button(chair, "Save")
    expect(message(chair)).to_contain_text(ui("The attendance was saved."))
    warning = chair.get_by_test_id("composition-warning")
    expect(warning).to_contain_text(ui("The minimum composition of this team is not met:"))
    expect(warning.get_by_role("listitem")).to_have_text(
        [f"{JGZ_LINE} ({dutch_count('%(counter)s missing', '%(counter)s missing', 1)})"]
    )
    axe_check(chair, "meeting page with the composition warning")

    # 4. Sanne's referral on the agenda, discussed, the minutes final: the decision list as a PDF.
    waiting = chair.get_by_test_id("waiting-referrals")
    expect(waiting).to_contain_text(SANNE)
    waiting.get_by_role("button", name=ui("Put on this agenda")).click()
    expect(message(chair)).to_contain_text(ui("The case was put on the agenda."))
    expect(agenda_row(chair, SANNE)).to_contain_text(ui("New referral"))
    discuss(chair, SANNE, Discussion(analysis=ANALYSIS, decisions=DECISIONS), axe=axe_check)
    click_link(chair, "Back to the meeting", exact=True)
    expect(chair.get_by_test_id("decision-list-link")).to_have_count(0)  # not before the minutes are final
    finalise(chair, axe=axe_check)
    expect(chair.locator("main dl.facts").first).to_contain_text(ui("minutes final"))
    link = chair.get_by_test_id("decision-list-link")
    expect(link).to_have_text(ui("Download the decision list (PDF)", exact=True))
    axe_check(chair, "meeting page (minutes final)")
    with chair.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == f"besluitenlijst-{timezone.localtime(meeting.starts_at):%Y%m%d}.pdf"
    pdf = download.path()
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    words = " ".join(text.split())
    assert team.name in words and SANNE in words and DECISIONS in words
    response = chair.request.get(link.get_attribute("href") or "")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
