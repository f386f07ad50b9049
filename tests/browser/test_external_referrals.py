"""External referrals in a browser, as the school and the partner walk them, in Dutch, with axe on every page.

Set-up (services): the region has its default kinds of care. Sanne's case is on the agenda of the ZAT's next meeting
(her mother's written consent names the JGZ), the JGZ member of the ZAT (a worker of GGD Teststreek) is invited and
carries out an action on her case, and the school referred her to the GGD for a JGZ examination earlier (first
back-report within four weeks). A worker of another organisation (school social work) has a login too.

1. The care coordinator refers Sanne's case from the case page to GGD Teststreek for outpatient youth care.
2. The GGD's worker finds it in the partner workspace, next to the ZAT meeting, the summary of Sanne's case (never
   the case page) and her action; she takes the referral on and reports back three times (waiting list, help
   started, result); every back-report is kept.
3. The worker of the other organisation gets "not found" for the referral and an empty workspace.
4. The care coordinator sees the back-reports on the case page and in the school's list of external referrals.
5. Five weeks later the JGZ examination has had no back-report: the care coordinator's home page, the list, the
   referral and the case page say it is overdue.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.flows import (
    Clock,
    Package,
    choose,
    click_button,
    click_link,
    desks,
    dutch,
    dutch_count,
    dutch_date,
    field,
    heading,
    home,
    message,
    movable_clock,
    open_case,
    plan_meeting,
    ready_for_forum,
    submit_forum_referral,
    ui,
)
from zorgroute.core.time import today


def click_report(scope: Page) -> None:
    """The back-report form's submit button (its msgid has a context of its own: "Report" alone is a sheet name)."""
    from django.utils import translation

    with translation.override("nl"):
        dutch_label = translation.pgettext("back-report form button", "Report")
    scope.get_by_role("button", name=re.compile(rf"^\s*(?:{re.escape(dutch_label)}|Report)\s*$")).click()


pytestmark = pytest.mark.browser

SANNE = "Sanne Jansen"
GGD = "GGD Teststreek"
OUTPATIENT = "Ambulante jeugdhulp"  # 6 weeks for the first back-report
EXAMINATION = "Onderzoek of advies jeugdgezondheidszorg"  # 4 weeks
PACKAGE = Package(
    question_school="Hoe helpen we Sanne zich veilig te voelen in de groep?",
    question_parents="Wat kunnen wij thuis doen zodat het afscheid makkelijker gaat?",
    question_pupil="Ik wil 's ochtends niet meer verdrietig zijn.",
    limits="De school biedt een maatje; voor hulp thuis is hulp van buiten nodig.",
    tried="Elke ochtend een vast maatje en een korte check-in bij binnenkomst.",
    need="Sanne heeft veiligheid en voorspelbaarheid nodig bij de start van de dag.",
    goal="Sanne neemt elke ochtend zonder huilen afscheid van haar moeder.",
)
QUESTION = "Moeder vraagt hulp bij de ochtendroutine thuis; Sanne slaapt slecht en is 's ochtends angstig."
ACTION = "Moeder bellen over de afspraak bij de jeugdarts"
RESULT_TEXT = "Moeder heeft een vaste ochtendroutine; Sanne slaapt beter, het afscheid blijft lastig."


@pytest.fixture
def desk(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Page]]:
    yield from desks(browser, live_server)


@pytest.fixture
def clock() -> Iterator[Clock]:
    with movable_clock() as moved:
        yield moved


@pytest.fixture
def referral_world(browser_world: Any, clock: Clock) -> Any:
    from zorgroute.cases import services as case_services
    from zorgroute.meetings.services import actions as action_services
    from zorgroute.meetings.services import meetings as meeting_services
    from zorgroute.organisations.constants import CareTeamKind, StaffRoleKind
    from zorgroute.referrals import services as referral_services
    from zorgroute.referrals.models import CareKind
    from zorgroute.testing import factories as f

    world = browser_world
    referral_services.care_kinds_install_defaults(actor=world.functional_admin, region=world.region)
    world.kinds = {k.name: k for k in CareKind.objects.filter(region=world.region)}
    case = ready_for_forum(
        world.case_a1,
        world.ib_a,
        PACKAGE,
        steps=1,
        forums=[CareTeamKind.SCHOOL_CARE_TEAM, CareTeamKind.REGIONAL_TEAM],
        partners=[world.partner_jgz],
    )
    case = case_services.case_transition(actor=world.ib_a, case=case, kind="escalate")
    zat_referral = submit_forum_referral(
        case,
        world.ib_a,
        CareTeamKind.REGIONAL_TEAM,
        strengths="Sanne tekent graag.",
        severity="Sanne huilt al drie maanden bijna elke ochtend.",
    )
    world.meeting = plan_meeting(world.zat, actor=world.functional_admin)
    meeting_services.referral_schedule(actor=world.ib_a, referral=zat_referral, meeting=world.meeting)
    action_services.action_agree(
        actor=world.ib_a,
        case=case,
        description=ACTION,
        owner=world.zat_member,
        due_on=today() + dt.timedelta(days=10),
    )
    world.examination = referral_services.external_referral_create(
        actor=world.ib_a,
        case=case,
        partner=world.partner_jgz,
        care_kind=world.kinds[EXAMINATION],
        question="Onderzoek naar de slaap en het welbevinden van Sanne.",
        family_agreed=True,
    )
    smw_type = f.PartnerTypeFactory(region=world.region, name="Schoolmaatschappelijk werk")
    smw = f.PartnerFactory(region=world.region, partner_type=smw_type, name="SMW Teststreek")
    world.smw_worker = f.UserFactory(username="smw_werker")
    f.StaffRoleFactory(user=world.smw_worker, role=StaffRoleKind.PARTNER_STAFF, partner=smw)
    f.give_totp(world.smw_worker)
    world.case_a1 = case
    world.clock = clock
    return world


def referral_row(page: Page, kind: str) -> Any:
    """The row of the case page's "External referrals" table for the referral of `kind`."""
    return page.get_by_test_id("case-external-referrals").get_by_role("row").filter(has_text=kind)


def report(page: Page, kind: str, *, date: dt.date | None = None, axe: Any = None) -> None:
    """On the referral page, the partner gives one back-report of `kind` (the button's label) with its date."""
    click_link(page.get_by_test_id("back-reports"), kind, exact=True)
    if date is not None:
        label = {"On the waiting list": "Expected start of the help", "Help started": "The help started on"}[
            kind
        ]
        field(page, label).fill(date.isoformat())
    if axe:
        axe(page, f"back-report form ({kind})")
    click_report(page)
    expect(message(page)).to_contain_text(ui("Thank you: the school sees your back-report."))
    expect(heading(page)).to_have_text(ui("Referral to %(partner)s", exact=True, partner=GGD))


def test_a_referral_to_a_partner_is_reported_back_and_followed_by_the_school(
    referral_world: Any, desk: Callable[[Any], Page], axe_check: Callable[[Page, str], None]
) -> None:
    world = referral_world
    case = world.case_a1
    case_path = f"/zorg/zorgtrajecten/{case.uuid}/"
    worker = world.zat_member
    worker_name = worker.get_full_name()
    start = today() + dt.timedelta(days=14)

    # 1. The care coordinator refers the case from its page.
    ib = desk(world.ib_a)
    open_case(ib, case)
    section = ib.get_by_test_id("case-external-referrals")
    expect(section.get_by_role("heading")).to_have_text(ui("External referrals", exact=True))
    expect(referral_row(ib, EXAMINATION)).to_contain_text(ui("Referred, awaiting the partner"))
    click_link(section, "Refer to a partner", exact=True)
    expect(heading(ib)).to_have_text(ui("Refer to a partner organisation", exact=True))
    axe_check(ib, "refer to a partner (form)")
    field(ib, "Partner organisation").select_option(label=f"{GGD} ({world.partner_jgz.partner_type.name})")
    field(ib, "Kind of care").select_option(label=OUTPATIENT)
    field(ib, "Question and reason").fill(QUESTION)
    click_button(ib, "Refer")  # without the family's agreement: refused, with what was written kept
    expect(ib.locator("main")).to_contain_text(
        ui("Refer only when the parents (and the pupil from 12) know of the referral and agreed to it.")
    )
    expect(field(ib, "Question and reason")).to_have_value(QUESTION)
    axe_check(ib, "refer to a partner (refused)")
    field(ib, "The parents (and the pupil from 12) know of this referral and agreed to it.").check()
    click_button(ib, "Refer")
    expect(message(ib)).to_contain_text(
        ui("The case was referred. The partner sees the referral in their workspace.")
    )
    expect(heading(ib)).to_have_text(ui("Case of %(name)s", exact=True, name=SANNE))
    row = referral_row(ib, OUTPATIENT)
    expect(row).to_contain_text(GGD)
    expect(row).to_contain_text(ui("Referred, awaiting the partner"))
    expect(row).to_contain_text(
        dutch("Expected by %(date)s", date=dutch_date(today() + dt.timedelta(weeks=6)))
    )
    axe_check(ib, "case page (referred to a partner)")

    # 2. The partner's worker: the workspace shows her meetings, agenda summaries, actions and referrals.
    partner = desk(worker)
    expect(partner.get_by_test_id("home-partner")).to_contain_text(ui("Open referrals to my organisation"))
    click_link(partner, "Go to my workspace: referrals, actions, meetings and summaries")
    expect(heading(partner)).to_have_text(ui("My workspace", exact=True))
    referrals = partner.get_by_test_id("workspace-referrals")
    expect(referrals.get_by_role("row").filter(has_text=SANNE)).to_have_count(2)
    expect(partner.get_by_test_id("workspace-meetings")).to_contain_text(world.zat.name)
    agenda = partner.get_by_test_id("workspace-agenda").get_by_role("row").filter(has_text=SANNE)
    expect(agenda).to_contain_text(world.group_a1.name)
    expect(
        partner.get_by_test_id("workspace-actions").get_by_role("row").filter(has_text=ACTION)
    ).to_have_count(1)
    expect(partner.locator(f'main a[href="{case_path}"]')).to_have_count(0)  # never the case page
    axe_check(partner, "partner workspace")
    agenda.get_by_role("link", name=ui("Read the summary")).click()
    expect(partner.get_by_test_id("forum-summary")).to_contain_text(PACKAGE.question_parents)
    partner.go_back()

    referrals.get_by_role("row").filter(has_text=OUTPATIENT).get_by_role("link", name=SANNE).click()
    expect(heading(partner)).to_have_text(ui("Referral to %(partner)s", exact=True, partner=GGD))
    main = partner.locator("main")
    expect(main).to_contain_text(QUESTION)
    expect(main).to_contain_text(world.ib_a.get_full_name())  # who referred, to reach them
    expect(main).to_contain_text(ui("Nobody yet"))
    expect(partner.get_by_role("link", name=SANNE)).to_have_count(0)  # the pupil, not a link to the case
    axe_check(partner, "referral page (partner)")
    click_link(main, "Change")
    expect(heading(partner)).to_have_text(ui("Who takes the referral on?", exact=True))
    axe_check(partner, "referral worker form")
    field(partner, "Who takes it on?").select_option(label=f"{worker_name} ({worker.username})")
    click_button(partner, "Save")
    expect(message(partner)).to_contain_text(ui("The worker was saved."))
    expect(main).to_contain_text(worker_name)

    report(partner, "On the waiting list", date=start, axe=axe_check)
    expect(main.locator("dl.facts")).to_contain_text(ui("On the waiting list"))
    report(partner, "Help started", date=today())
    click_link(partner.get_by_test_id("back-reports"), "Result", exact=True)
    choose(partner, "Result", "Partly achieved")
    field(partner, "Short explanation").fill(RESULT_TEXT)
    axe_check(partner, "back-report form (result)")
    click_report(partner)
    expect(message(partner)).to_contain_text(ui("Thank you: the school sees your back-report."))
    history = partner.get_by_test_id("back-reports").locator("tbody tr")
    expect(history).to_have_count(3)  # every back-report kept, oldest first
    expect(history.nth(0)).to_contain_text(
        dutch("On the waiting list, expected start %(date)s", date=dutch_date(start))
    )
    expect(history.nth(1)).to_contain_text(dutch("Help started on %(date)s", date=dutch_date(today())))
    expect(history.nth(2)).to_contain_text(dutch("Result: %(result)s", result=dutch("Partly achieved")))
    expect(history.nth(2)).to_contain_text(RESULT_TEXT)
    expect(main.locator("dl.facts")).to_contain_text(ui("Result reported"))
    expect(main.locator("dl.facts")).to_contain_text(dutch_date(today()))  # the start of the help
    axe_check(partner, "referral page with three back-reports (partner)")

    # 3. A worker of another organisation finds neither the referral nor Sanne.
    outsider = desk(world.smw_worker)
    referral_path = re.sub(r"^https?://[^/]+", "", partner.url).split("#")[0]
    hidden = outsider.goto(referral_path)
    assert hidden is not None and hidden.status == 404
    assert "Sanne" not in outsider.content()
    axe_check(outsider, "not found (referral of another organisation)")
    outsider.goto("/partner/")
    expect(outsider.get_by_test_id("workspace-referrals")).to_contain_text(
        ui("No open referrals to your organisation.")
    )
    assert "Sanne" not in outsider.content()

    # 4. The care coordinator sees the back-reports on the case page and in the school's list.
    open_case(ib, case)
    row = referral_row(ib, OUTPATIENT)
    expect(row).to_contain_text(ui("Result reported"))
    expect(row).to_contain_text(dutch("Help started %(date)s", date=dutch_date(today())))
    expect(row).to_contain_text(worker_name)
    expect(row.get_by_role("listitem")).to_have_count(3)
    expect(row).to_contain_text(RESULT_TEXT)
    expect(ib.locator("#timeline")).to_contain_text(
        dutch("%(partner)s: help started on %(date)s", partner=GGD, date=dutch_date(today()))
    )
    axe_check(ib, "case page with back-reports")
    home(ib)
    click_link(ib.get_by_test_id("home-external-referrals"), "External referrals", exact=True)
    expect(heading(ib)).to_have_text(ui("External referrals", exact=True))
    rows = ib.locator("main tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text=OUTPATIENT)).to_contain_text(ui("Result reported"))
    expect(rows.filter(has_text=OUTPATIENT)).to_contain_text(ui("Received"))
    expect(rows.filter(has_text=EXAMINATION)).to_contain_text(
        dutch_date(world.examination.back_report_due_on)
    )
    expect(ib.get_by_test_id("back-report-overdue")).to_have_count(0)
    axe_check(ib, "external referrals of the school")

    # 5. Five weeks later the examination still has no back-report: overdue everywhere the school looks.
    world.clock.forward(35)
    ib = desk(world.ib_a)  # the session of five weeks ago has expired
    overdue = ib.get_by_test_id("home-external-referrals")
    expect(overdue).to_contain_text(
        dutch_count("%(counter)s back-report overdue", "%(counter)s back-reports overdue", 1)
    )
    click_link(overdue, "External referrals", exact=True)
    expect(ib.locator("main")).to_contain_text(
        dutch_count(
            "%(counter)s referral is waiting for an overdue back-report.",
            "%(counter)s referrals are waiting for an overdue back-report.",
            1,
        )
    )
    first = ib.locator("main tbody tr").first  # overdue back-reports first
    expect(first).to_contain_text(EXAMINATION)
    expect(first.get_by_test_id("back-report-overdue")).to_have_text(ui("Back-report overdue", exact=True))
    answered = ib.locator("main tbody tr").filter(has_text=OUTPATIENT)
    expect(answered.get_by_test_id("back-report-overdue")).to_have_count(0)
    axe_check(ib, "external referrals with an overdue back-report")
    first.get_by_role("link", name=SANNE).click()
    expect(heading(ib)).to_have_text(ui("Referral to %(partner)s", exact=True, partner=GGD))
    expect(ib.locator("main p[data-testid=back-report-overdue]")).to_have_text(
        dutch(
            "A first back-report was expected by %(date)s.",
            date=dutch_date(world.examination.back_report_due_on),
        )
    )
    axe_check(ib, "referral page with an overdue back-report (school)")
    ib.locator("main dl.facts").get_by_role(
        "link", name=SANNE
    ).click()  # the school's staff go on to the case
    expect(heading(ib)).to_have_text(ui("Case of %(name)s", exact=True, name=SANNE))
    expect(referral_row(ib, EXAMINATION).get_by_test_id("back-report-overdue")).to_be_visible()
    expect(referral_row(ib, OUTPATIENT).get_by_test_id("back-report-overdue")).to_have_count(0)
