"""What the ZAT cycle (test_zat_cycle.py) and the seed scenarios (test_seed_scenarios.py) share: the set-up of a
case that is ready for a forum and of a team's planned meeting (services, as the route and the meeting series leave
them), a desk per person (a logged-in browser window), a clock the tests can move forward, and the steps every role
takes through the pages: refer a case, take it onto an agenda, discuss it, finalise the minutes, finish an action.

Interface texts are looked up in the catalogue (`ui`, `dutch` from test_care_route), so the steps read the pages as a
Dutch user sees them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import login
from tests.browser.test_care_route import (
    choose,
    click_button,
    click_link,
    dutch,
    field,
    message,
    ui,
)
from zorgroute.core.time import today

__all__ = [
    "Discussion",
    "choose",
    "click_button",
    "click_link",
    "dutch",
    "field",
    "message",
    "ui",
]

AxeCheck = Callable[[Page, str], None]


# --- Set-up (services) -----------------------------------------------------------------------------------------------


def plan_meeting(team: Any, *, actor: Any, in_days: int = 2, start: dt.time = dt.time(9, 0)) -> Any:
    """The next meeting of a series of `team`, `in_days` days from now, planned by the meeting series service (which
    invites the team's fixed members). Summaries are released three working days before: already today."""
    from zorgroute.meetings.models import MeetingSeries
    from zorgroute.meetings.services.meetings import meetings_plan

    day = today() + dt.timedelta(days=in_days)
    series = MeetingSeries.objects.create(
        team=team,
        name=f"{team.name} (vaste reeks)",
        every_weeks=6,
        weekday=day.weekday(),
        start_time=start,
        location="Gemeentehuis, zaal 2",
        first_date=day,
        summary_lead_days=3,
        access_days_after=14,
    )
    (meeting,) = meetings_plan(actor=actor, series=series, until=day)
    return meeting


def meeting_option(meeting: Any) -> str:
    """The meeting as the intake page's choice shows it."""
    return f"{timezone.localtime(meeting.starts_at):%d-%m-%Y %H:%M} · {meeting.team.name}"


def meeting_title(meeting: Any) -> str:
    """The meeting page's heading: team and the Dutch date ("dinsdag 3 maart 2026")."""
    from django.utils import formats, translation

    with translation.override("nl"):
        day = formats.date_format(timezone.localtime(meeting.starts_at), "l j F Y")
    return f"{meeting.team.name}: {day}"


def give_consent(case: Any, actor: Any, forum_kind: str, partners: list[Any]) -> None:
    """Written consent for `forum_kind` by everyone whose answer the rules require, naming `partners`."""
    from zorgroute.consents import rules, selectors, services
    from zorgroute.consents.constants import ConsentAnswer, ConsentMode, Evidence

    links = selectors.guardian_links(case.pupil)
    parties = rules.required_parties(
        age=selectors.age_on(case.pupil, today()),
        guardians=selectors.guardian_facts(links),
        purpose=rules.Purpose.DISCUSSION,
    )
    answers: dict[Any, str] = {
        link.guardian: ConsentAnswer.GIVEN for link in links if rules.Party(link.guardian_id) in parties
    }
    if rules.PUPIL in parties:
        answers[None] = ConsentAnswer.GIVEN
    services.consent_record(
        actor=actor,
        case=case,
        forum_kind=forum_kind,
        mode=ConsentMode.WRITTEN,
        recorded_on=today(),
        evidence=Evidence.PAPER,
        partners=partners,
        answers=answers,
    )


@dataclass(frozen=True)
class Package:
    """What the school has on the case before it goes to a forum: the help questions, the school's limits, what was
    tried, and the current plan's need and goal."""

    question_school: str
    question_parents: str
    question_pupil: str
    limits: str
    tried: str
    need: str
    goal: str


def ready_for_forum(
    case: Any, actor: Any, package: Package, *, steps: int, forums: Sequence[str], partners: list[Any]
):
    """Bring the case `steps` steps up the route (logging what was tried first), then give it the escalation
    package, a current plan, and consent for `forums` naming `partners`. Returns the case as it is then."""
    from zorgroute.cases import services as case_services
    from zorgroute.cases.models import Case
    from zorgroute.plans import services as plan_services
    from zorgroute.plans.constants import Effect

    plan_services.intervention_add(
        actor=actor,
        case=case,
        description=package.tried,
        started_on=today() - dt.timedelta(days=28),
        ended_on=today() - dt.timedelta(days=3),
        effect=Effect.PARTLY,
        effect_notes="Iets beter, niet genoeg.",
    )
    for _ in range(steps):
        case = case_services.case_transition(actor=actor, case=case, kind="escalate")
    case_services.case_update_package(
        actor=actor,
        case=case,
        help_question_school=package.question_school,
        help_question_parents=package.question_parents,
        help_question_pupil=package.question_pupil,
        school_limits=package.limits,
    )
    plan = plan_services.plan_create(
        actor=actor,
        case=case,
        needs=package.need,
        evaluation_date=today() + dt.timedelta(days=42),
        goals=[(package.goal, "Observatie van de leerkracht")],
    )
    plan_services.plan_activate(actor=actor, plan=plan)
    for forum in forums:
        give_consent(case, actor, forum, partners)
    return Case.objects.get(pk=case.pk)


# --- Desks and the clock ---------------------------------------------------------------------------------------------


def desks(browser: Any, live_server: Any) -> Iterator[Callable[[Any], Page]]:
    """For a `desk` fixture: `desk(user)` opens a browser window of its own (own cookies) in which `user` has logged
    in with 2FA; the windows close at the end."""
    contexts: list[Any] = []

    def open_(user: Any) -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = context.new_page()
        login(page, user)
        return page

    yield open_
    for context in contexts:
        context.close()


class Clock:
    """The time the application sees (`django.utils.timezone.now`, so `zorgroute.core.time` too), in this thread and
    the live server's: real time, moved forward by `forward(days)`. Sessions expire with it: log in again after."""

    def __init__(self) -> None:
        self.offset = dt.timedelta(0)

    def forward(self, days: int) -> dt.date:
        self.offset += dt.timedelta(days=days)
        return today()

    @staticmethod
    def run_daily() -> str:
        """The daily command as cron runs it, on the moved clock's day."""
        out = io.StringIO()
        call_command("care_daily", stdout=out)
        return out.getvalue()


@contextmanager
def movable_clock() -> Iterator[Clock]:
    real_now = timezone.now
    moved = Clock()
    with mock.patch("django.utils.timezone.now", lambda: real_now() + moved.offset):
        yield moved


# --- Steps through the pages -----------------------------------------------------------------------------------------


def home(page: Page) -> None:
    page.get_by_role("navigation", name=ui("Main menu")).get_by_role(
        "link", name=ui("Home", exact=True)
    ).click()


def open_case(page: Page, case: Any) -> None:
    page.goto(f"/zorg/zorgtrajecten/{case.uuid}/")
    expect(page.locator("main h1")).to_have_text(
        ui("Case of %(name)s", exact=True, name=case.pupil.full_name)
    )


def refer(
    page: Page,
    case: Any,
    *,
    forum: str,
    team: Any,
    to_step: str,
    strengths: str = "",
    severity: str = "",
    axe: AxeCheck | None = None,
) -> None:
    """The care coordinator refers the case from its page to `forum` ("the zorgteam", "the ZAT"): starts the
    referral, writes what the completeness check asks for, and submits it; ends on the case page."""
    open_case(page, case)
    forum_nl = dutch(forum)
    click_link(page.get_by_test_id("case-referrals"), "Refer to %(forum)s", exact=True, forum=forum_nl)
    if axe:
        axe(page, f"referral start ({forum_nl})")
    click_button(page, "Start the referral")
    expect(message(page)).to_contain_text(ui("The referral was started. Complete it and submit it."))
    check = page.get_by_test_id("referral-check")
    if strengths:
        expect(check).to_contain_text(ui("the pupil's strengths and chances"))
        field(page, "Strengths and chances").fill(strengths)
    if severity:
        expect(check).to_contain_text(ui("the nature and severity of the problems"))
        field(page, "Nature and severity").fill(severity)
    if axe:
        axe(page, f"referral form ({forum_nl})")
    click_button(page, "Save and submit")
    expect(message(page)).to_contain_text(ui("The referral was saved."))
    expect(page.get_by_test_id("referral-check")).to_contain_text(
        ui("Everything the referral and the route's step need is there.")
    )
    if axe:
        axe(page, f"referral submit confirmation ({forum_nl})")
    click_button(page, "Submit the referral")
    expect(message(page)).to_contain_text(
        ui(
            "The referral was submitted to %(team)s. The case is now in the step '%(step)s'.",
            team=team.name,
            step=to_step,
        )
    )


def open_meeting(page: Page, meeting: Any) -> None:
    """From the home page, through the meetings list, to the meeting."""
    home(page)
    to_list = re.compile(
        f"{ui('Meetings of the zorgteam').pattern}|{ui('My meetings: agendas and summaries').pattern}"
    )
    page.get_by_role("link", name=to_list).first.click()
    expect(page.locator("main h1")).to_have_text(ui("Meetings", exact=True))
    page.get_by_role("row").filter(has_text=meeting.team.name).get_by_role("link").first.click()
    expect(page.locator("main h1")).to_have_text(meeting_title(meeting))


def agenda_row(page: Page, label: str) -> Locator:
    return page.get_by_test_id("agenda").get_by_role("row").filter(has_text=label)


@dataclass
class Discussion:
    """What the forum writes down about one case (people as User objects, left out when not named)."""

    analysis: str
    decisions: str
    solutions_school: str = ""
    solutions_family: str = ""
    case_coordinator: Any = None
    parents_contact: Any = None
    reports_to_parents: Any = None
    reports_to_school: Any = None
    verwijsindex: str = "Not reported"
    next_discussion_on: dt.date | None = None


def person(user: Any) -> str:
    return f"{user.get_full_name()} ({user.username})"


def discuss(page: Page, label: str, discussion: Discussion, *, axe: AxeCheck | None = None) -> None:
    """On the meeting page, open the discussion of the agenda item `label` and record it."""
    agenda_row(page, label).get_by_role("link", name=ui("Discussion")).click()
    expect(page.locator("main h1")).to_have_text(ui("Discussion: %(label)s", exact=True, label=label))
    if axe:
        axe(page, "case discussion (new)")
    field(page, "Analysis").fill(discussion.analysis)
    field(page, "Decisions").fill(discussion.decisions)
    if discussion.solutions_school:
        field(page, "Solutions for the school").fill(discussion.solutions_school)
    if discussion.solutions_family:
        field(page, "Solutions for the family").fill(discussion.solutions_family)
    for name, user in (
        ("Case coordinator", discussion.case_coordinator),
        ("Contact person for the parents", discussion.parents_contact),
        ("Reports back to the parents", discussion.reports_to_parents),
        ("Reports back to the school", discussion.reports_to_school),
    ):
        if user is not None:
            field(page, name).select_option(label=person(user))
    field(page, "Verwijsindex").select_option(label=dutch(discussion.verwijsindex))
    if discussion.next_discussion_on:
        field(page, "Next discussion").fill(discussion.next_discussion_on.isoformat())
    click_button(page, "Save the discussion")
    expect(message(page)).to_contain_text(ui("The discussion was saved."))


def agree_action(page: Page, description: str, owner: Any, due_on: dt.date) -> None:
    """On the discussion page: an action agreed in the discussion."""
    actions = page.locator("section[aria-labelledby=discussion-actions-heading]")
    field(actions, "What will be done?").fill(description)
    field(actions, "Who does it?").select_option(label=person(owner))
    field(actions, "Done by").fill(due_on.isoformat())
    click_button(actions, "Add action")
    expect(message(page)).to_contain_text(ui("The action was added."))
    expect(actions.get_by_role("row").filter(has_text=description)).to_contain_text(owner.get_full_name())


def finalise(page: Page, *, axe: AxeCheck | None = None) -> None:
    """From the meeting page: finalise the minutes (nothing stands in the way)."""
    click_link(page, "Finalise the minutes", exact=True)
    expect(page.locator("main h1")).to_have_text(ui("Finalise the minutes", exact=True))
    if axe:
        axe(page, "finalise the minutes (confirmation)")
    field(page, "Yes").check()
    click_button(page, "Finalise the minutes")
    expect(message(page)).to_contain_text(ui("The minutes are final. Feedback tasks were created."))


def my_work(page: Page) -> None:
    home(page)
    click_link(page, "All my work: actions, signals, cases, evaluations and group reviews")
    expect(page.locator("main h1")).to_have_text(ui("My work", exact=True))


def finish_action(page: Page, description: str, result: str, *, axe: AxeCheck | None = None) -> None:
    """The owner finds the action in "My work" and reports it done; ends back on "My work"."""
    my_work(page)
    row = page.get_by_test_id("work-actions").get_by_role("row").filter(has_text=description)
    expect(row).to_have_count(1)
    if axe:
        axe(page, f"my work ({description[:30]})")
    row.get_by_role("link", name=ui("Done")).click()
    expect(page.locator("main h1")).to_have_text(ui("Report an action done", exact=True))
    field(page, "What came of it?").fill(result)
    click_button(page, "Done")
    expect(message(page)).to_contain_text(ui("The action is done."))
    expect(page.locator("main h1")).to_have_text(ui("My work", exact=True))
    expect(page.get_by_test_id("work-actions").get_by_role("row").filter(has_text=description)).to_have_count(
        0
    )


# --- Set-up and reading for the external referrals and meeting planning walks ----------------------------------------


def submit_forum_referral(case: Any, actor: Any, forum_kind: str, *, strengths: str, severity: str) -> Any:
    """A referral of the case to the team of `forum_kind`, written and submitted through the services as the care
    coordinator's pages do it (the case moves to the forum's step). Returns it, waiting for the team's decision."""
    from zorgroute.meetings.services import referrals

    referral = referrals.referral_start(actor=actor, case=case, forum_kind=forum_kind)
    referral = referrals.referral_update(
        actor=actor, referral=referral, strengths=strengths, nature_and_severity=severity
    )
    return referrals.referral_submit(actor=actor, referral=referral)


def dutch_date(day: dt.date, fmt: str = "j F Y") -> str:
    """A date as the Dutch pages show it ("3 maart 2026")."""
    from django.utils import formats, translation

    with translation.override("nl"):
        return formats.date_format(day, fmt)


def heading(page: Page) -> Locator:
    return page.locator("main h1")


def dutch_count(singular: str, plural: str, count: int) -> str:
    """A counted text as the Dutch interface shows it (the catalogue's plural forms; `count` or `counter`)."""
    from django.utils import translation

    with translation.override("nl"):
        return translation.ngettext(singular, plural, count) % {"count": count, "counter": count}
