"""The care route in a browser, as the roles walk it (issue 3 item 9), in Dutch, with axe on every new page.

The teacher records a signal about Sanne; the care coordinator of her school triages it and opens a case; the
teacher logs what was tried; the case goes to the group review; an action plan with two goals is drawn up, made
current, agreed by the parents and evaluated; the escalation to the zorgteam is refused until the package is
complete, then taken; private and parent-visible notes; another school's coordinator gets the 404 page.

Everything goes through the pages: links, buttons and fields found by their role and label. The only database
shortcut is the set-up: Sanne's earlier case in the personas' world is closed (solved), so her new signal can lead
to a new case.

Interface texts are looked up in the catalogue, so the test reads the page as a Dutch user sees it and keeps holding
while the Dutch catalogue of these pages is merged: a pattern accepts the Dutch text and its English source.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlparse

import pytest
from django.utils import translation
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import login
from zorgroute.core.time import today
from zorgroute.testing.auth import page_fingerprint

pytestmark = pytest.mark.browser

PO_ROUTE_STEPS = 6
GROUP_REVIEW = "Groepsbespreking met de intern begeleider"
ZORGTEAM = "Zorgteam"
FIRST_STEP = "Signaleren en handelen in de klas"

OBSERVATION = (
    "Sanne huilt sinds twee weken bijna elke ochtend bij het afscheid en zegt in de kring niets meer."
)
INTERVENTION = "Elke ochtend een vast maatje en een korte check-in met de leerkracht bij binnenkomst."
GOAL_1 = "Sanne neemt elke ochtend zonder huilen afscheid van haar moeder."
MEASURE_1 = "Turflijst van de leerkracht, vier weken"
GOAL_2 = "Sanne zegt minstens één keer per dag iets in de kring."
MEASURE_2 = "Observatie in de kring, twee keer per week"
PRIVATE_NOTE = "Werkaantekening: moeder leek gespannen bij het brengen, navragen bij het volgende gesprek."
PARENT_NOTE = "Op 12 mei bespreken we met de ouders wat het zorgteam adviseert."


# --- Interface texts -------------------------------------------------------------------------------------------------


ACTION = "Ouders bellen over het afscheid in de ochtend"


def dutch(msgid: str, **params: object) -> str:
    """The text exactly as the Dutch interface shows it: the catalogue's translation, or the English source while
    the message is not translated yet."""
    with translation.override("nl"):
        text = translation.gettext(msgid)
    return text % params if params else text


def english(msgid: str, **params: object) -> str:
    with translation.override("en"):
        text = translation.gettext(msgid)
    return text % params if params else text


def ui(msgid: str, *, exact: bool = False, **params: object) -> re.Pattern[str]:
    """A pattern for a label, button or link that accepts the Dutch text and its English source.

    `exact`: the whole text (a required field's label may end in its "*" marker), so "Doel" does not match
    "Doel 2" and "Achieved" does not match "Partly achieved".
    """
    variants = sorted({dutch(msgid, **params), english(msgid, **params)}, key=len, reverse=True)
    either = "|".join(re.escape(v) for v in variants)
    return re.compile(rf"^\s*(?:{either})\s*\*?\s*$" if exact else f"(?:{either})")


# --- Set-up --------------------------------------------------------------------------------------------------------


@pytest.fixture
def care_world(browser_world: Any) -> Any:
    """The personas' world with Sanne's earlier case closed (solved): one open case per pupil and school."""
    from zorgroute.cases import services
    from zorgroute.cases.constants import ClosureReason

    services.case_close(
        actor=browser_world.ib_a, case=browser_world.case_a1, closure_reason=ClosureReason.SOLVED
    )
    return browser_world


@pytest.fixture
def open_window(browser: Any, live_server: Any) -> Iterator[Callable[[], Page]]:
    """Another browser window with its own session (as the `page` fixture), for one more person at their desk."""
    contexts: list[Any] = []

    def open_() -> Page:
        context = browser.new_context(
            base_url=live_server.url,
            locale="nl-NL",
            timezone_id="Europe/Amsterdam",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


def message(page: Page) -> Locator:
    return page.locator("main .messages")


def field(scope: Page | Locator, msgid: str, **params: object) -> Locator:
    return scope.get_by_label(ui(msgid, exact=True, **params))


def click_link(scope: Page | Locator, msgid: str, *, exact: bool = False, **params: object) -> None:
    scope.get_by_role("link", name=ui(msgid, exact=exact, **params)).click()


def click_button(scope: Page | Locator, msgid: str, *, exact: bool = True, **params: object) -> None:
    scope.get_by_role("button", name=ui(msgid, exact=exact, **params)).click()


def choose(scope: Page | Locator, group: str, option: str, **params: object) -> None:
    """Tick the radio button `option` in the fieldset whose legend is `group`."""
    fieldset = scope.get_by_role("group", name=ui(group, exact=True, **params))
    fieldset.get_by_role("radio", name=ui(option, exact=True)).check()


def expect_step(page: Page, position: int, name: str) -> None:
    overview = page.locator("section[aria-labelledby=overview-heading]")
    expect(overview).to_contain_text(
        dutch("Step %(position)s of %(total)s: %(name)s", position=position, total=PO_ROUTE_STEPS, name=name)
    )
    expect(overview.locator(".route-steps [aria-current=step]")).to_contain_text(name)


def date_in(days: int) -> str:
    return (today() + dt.timedelta(days=days)).isoformat()


# --- The walk --------------------------------------------------------------------------------------------------------


def test_it_walks_the_po_route_from_a_teachers_signal_to_the_zorgteam(
    page: Page, care_world: Any, open_window: Callable[[], Page], axe_check: Callable[[Page, str], None]
) -> None:
    world = care_world
    mother = world.pupil_a1.guardian_links.get(authority="joint").guardian
    teacher = page
    ib = open_window()

    # 1. The teacher finds Sanne through her group, records a signal on Sanne's page, and sees it in "Mijn werk".
    login(teacher, world.teacher)
    assert teacher.locator("html").get_attribute("lang") == "nl"
    teacher.get_by_role("link", name=world.group_a1.name).click()
    teacher.get_by_role("link", name=re.compile("Jansen")).click()
    expect(teacher.locator("main h1")).to_have_text("Sanne Jansen")

    click_link(teacher, "Record a signal")
    panel = teacher.locator("#signal-form-panel")
    expect(panel.get_by_role("heading")).to_have_text(
        ui("Record a signal about %(name)s", exact=True, name="Sanne Jansen")
    )
    axe_check(teacher, "signal form (panel on the pupil page)")
    field(panel, "What did you observe?").fill(OBSERVATION)
    panel.get_by_label("Sociaal-emotioneel").check()
    choose(panel, "Severity", "Serious")
    click_button(panel, "Record signal")
    expect(panel.get_by_role("status")).to_have_text(
        ui(
            "The signal about %(name)s was recorded. The care coordinator will look at it.",
            name="Sanne Jansen",
        )
    )

    click_link(panel, "See your signals and their status")
    expect(teacher.locator("main h1")).to_have_text(ui("My work", exact=True))
    signals = teacher.get_by_test_id("work-signals")
    expect(signals.get_by_role("listitem").filter(has_text=ui("Awaiting triage"))).to_contain_text("2")
    mine = signals.get_by_role("row").filter(has_text=ui("Serious"))
    expect(mine).to_have_count(1)
    expect(mine).to_contain_text("Sanne Jansen")
    expect(mine).to_contain_text(ui("Awaiting triage"))
    axe_check(teacher, "my work (teacher)")

    # The no-JavaScript page of the same form (the link's own address) passes axe as well.
    teacher.goto(f"/zorg/signaleren/{world.pupil_a1.uuid}/")
    expect(teacher.locator("main h1")).to_have_text(ui("Record a signal about %(name)s", name="Sanne Jansen"))
    axe_check(teacher, "signal form (page)")

    # 2. The care coordinator opens the triage inbox, opens the signal, and opens a case from it.
    login(ib, world.ib_a)
    click_link(ib, "Triage inbox", exact=True)
    expect(ib.locator("main h1")).to_have_text(ui("Triage inbox", exact=True))
    card = ib.locator("article").filter(has_text=OBSERVATION[:40])
    expect(card).to_have_count(1)
    expect(card).to_contain_text(ui("Serious"))
    expect(card).to_contain_text("Sociaal-emotioneel")
    axe_check(ib, "triage inbox")

    card.get_by_role("link", name="Sanne Jansen").click()
    expect(ib.locator("main h1")).to_have_text(ui("Signal about %(name)s", exact=True, name="Sanne Jansen"))
    expect(ib.locator("main blockquote")).to_have_text(OBSERVATION)
    axe_check(ib, "signal triage")
    click_button(ib, "Open a case")
    # Opening the case leads straight to it.
    expect(message(ib)).to_contain_text(ui("A case was opened for %(name)s.", name="Sanne Jansen"))
    expect(ib.locator("main h1")).to_have_text(ui("Case of %(name)s", exact=True, name="Sanne Jansen"))
    case_path = urlparse(ib.url).path
    assert re.fullmatch(r"/zorg/zorgtrajecten/[0-9a-f-]{36}/", case_path), case_path
    expect_step(ib, 1, FIRST_STEP)
    expect(ib.locator("#timeline")).to_contain_text(OBSERVATION)  # the signal is the case's first event
    axe_check(ib, "case page (step 1)")
    ib.goto(f"/zorg/zorgtrajecten/leerling/{world.pupil_a1.uuid}/")  # the pupil's cases
    expect(ib.locator("main h1")).to_have_text(ui("Cases of %(name)s", exact=True, name="Sanne Jansen"))
    axe_check(ib, "cases of a pupil")
    ib.goto(case_path)

    # 3. The teacher logs what was tried and its effect; the care coordinator escalates to the group review.
    teacher.get_by_role("navigation", name=ui("Main menu")).get_by_role(
        "link", name=ui("Home", exact=True)
    ).click()
    click_link(teacher, "All my work: actions, signals, cases, evaluations and group reviews")
    teacher.get_by_test_id("work-teacher-cases").get_by_role("link", name="Sanne Jansen").click()
    expect(teacher.locator("main h1")).to_have_text(ui("Case of %(name)s", exact=True, name="Sanne Jansen"))
    axe_check(teacher, "case page (teacher)")
    click_link(teacher, "Intervention log", exact=True)
    expect(teacher.locator("main h1")).to_have_text(ui("Intervention log", exact=True))
    axe_check(teacher, "intervention log with its form")
    form = teacher.locator("main form").filter(has=teacher.get_by_role("button", name=ui("Add to the log")))
    field(form, "What was tried?").fill(INTERVENTION)
    field(form, "From").fill(date_in(-14))
    field(form, "Until").fill(date_in(-1))
    choose(form, "Effect", "Helped partly")
    field(form, "What was the result?").fill("Het afscheid gaat beter; in de kring zegt Sanne nog weinig.")
    click_button(form, "Add to the log")
    expect(message(teacher)).to_contain_text(ui("The intervention was added to the log."))
    logged = teacher.get_by_role("row").filter(has_text=INTERVENTION)
    expect(logged).to_contain_text(ui("Helped partly"))

    ib.reload()
    escalation = ib.locator("section[aria-labelledby=escalate-heading]")
    expect(escalation.get_by_role("heading")).to_have_text(
        ui("Escalate to '%(step)s'", exact=True, step=GROUP_REVIEW)
    )
    expect(escalation).to_contain_text(
        ui("Everything the step '%(step)s' needs is there.", step=GROUP_REVIEW)
    )
    field(escalation, "Why escalate now?").fill(
        "Het maatje helpt deels; we bespreken Sanne in de groepsbespreking."
    )
    click_button(escalation, "Escalate")
    expect(message(ib)).to_contain_text(ui("The case was escalated to '%(step)s'.", step=GROUP_REVIEW))
    expect_step(ib, 2, GROUP_REVIEW)

    # 4. An action plan with two goals: drafted, made current, agreed by the parents, evaluated per goal.
    click_link(ib, "New version of the plan")
    expect(ib.locator("main h1")).to_have_text(ui("New version of the action plan", exact=True))
    field(ib, "Educational and care needs").fill(
        "Sanne heeft veiligheid en voorspelbaarheid nodig bij de start."
    )
    field(ib, "Approach").fill("Vast maatje, check-in bij binnenkomst, een beurt in de kring voorbereiden.")
    goal_1 = ib.get_by_role("group", name=ui("Goal %(number)s", exact=True, number=1))
    field(goal_1, "Goal").fill(GOAL_1)
    field(goal_1, "How we measure it").fill(MEASURE_1)
    click_button(ib, "Add another goal")
    goal_2 = ib.get_by_role("group", name=ui("Goal %(number)s", exact=True, number=2))
    expect(goal_2).to_be_visible()
    expect(field(goal_1, "Goal")).to_have_value(GOAL_1)  # what was typed survives the extra row
    field(goal_2, "Goal").fill(GOAL_2)
    field(goal_2, "How we measure it").fill(MEASURE_2)
    field(ib, "Evaluation date").fill(date_in(42))
    field(ib, "Evaluation method").fill("Gesprek met ouders en Sanne")
    axe_check(ib, "plan form (two goals)")
    click_button(ib, "Save as draft")
    plan = f"{dutch('Action plan (handelingsplan)')} v1"
    expect(ib.locator("main h1")).to_have_text(plan)
    expect(message(ib)).to_contain_text(ui("The draft was saved. Make it the current plan when it is ready."))
    goals = ib.locator("section[aria-labelledby=goals-heading] tbody tr")
    expect(goals).to_have_count(2)
    expect(goals.nth(0)).to_contain_text(GOAL_1)
    expect(goals.nth(0)).to_contain_text(MEASURE_1)
    expect(goals.nth(1)).to_contain_text(GOAL_2)
    expect(goals.nth(1)).to_contain_text(MEASURE_2)
    axe_check(ib, "plan detail (draft)")

    click_link(ib, "Make this the current plan")
    expect(ib.locator("main h1")).to_have_text(ui("Make %(plan)s the current plan", exact=True, plan=plan))
    axe_check(ib, "make the plan current")
    click_button(ib, "Make this the current plan")
    expect(message(ib)).to_contain_text(ui("%(plan)s is now the current plan.", plan=plan))
    facts = ib.locator("main dl.facts")
    expect(facts).to_contain_text(ui("Current"))

    click_link(ib, "Record the parents' agreement")
    expect(field(ib, "Date the parents agreed")).to_have_value(today().isoformat())
    field(ib, "How did the parents agree?").fill("Getekend op papier bij het oudergesprek")
    axe_check(ib, "parents' agreement form")
    click_button(ib, "Record agreement")
    expect(message(ib)).to_contain_text(ui("The parents' agreement was recorded."))
    expect(facts).to_contain_text("Getekend op papier bij het oudergesprek")

    click_link(ib, "Evaluate", exact=True)
    choose(ib, "Result for goal %(number)d", "Achieved", number=1)
    field(ib, "Next step for goal %(number)d", number=1).fill("Maatje afbouwen naar twee ochtenden per week.")
    choose(ib, "Result for goal %(number)d", "Partly achieved", number=2)
    field(ib, "Next step for goal %(number)d", number=2).fill(
        "Beurt in de kring vooraf met Sanne voorbereiden."
    )
    field(ib, "Who took part?").fill("leerkracht, ouders, intern begeleider")
    field(ib, "Conclusion").fill("Goede vooruitgang bij het afscheid; in de kring nog te stil.")
    field(ib, "Next evaluation").fill(date_in(42))
    axe_check(ib, "evaluation form")
    click_button(ib, "Record the evaluation")
    expect(message(ib)).to_contain_text(ui("The evaluation was recorded."))
    evaluation = ib.locator("main article.evaluation")
    expect(evaluation).to_have_count(1)
    expect(evaluation.get_by_role("row").filter(has_text=GOAL_1)).to_contain_text(ui("Achieved"))
    expect(evaluation.get_by_role("row").filter(has_text=GOAL_1)).not_to_contain_text(ui("Partly achieved"))
    expect(evaluation.get_by_role("row").filter(has_text=GOAL_2)).to_contain_text(ui("Partly achieved"))
    expect(evaluation).to_contain_text("Beurt in de kring vooraf met Sanne voorbereiden.")
    axe_check(ib, "plan detail (current, evaluated)")

    # 5. Escalation to the zorgteam is refused with the list of what is missing; completed; then taken.
    click_link(ib, "Back to the case")
    escalation = ib.locator("section[aria-labelledby=escalate-heading]")
    expect(escalation.get_by_role("heading")).to_have_text(
        ui("Escalate to '%(step)s'", exact=True, step=ZORGTEAM)
    )
    who = ", ".join([dutch("school"), dutch("parents"), dutch("pupil")])
    missing = [
        dutch("the help question of %(who)s", who=who),
        dutch("the school's possibilities and limits"),
        dutch("a valid consent basis for this forum"),
    ]
    expect(escalation.locator(".missing-list li")).to_have_text(missing)
    click_button(escalation, "Escalate")
    refusal = ib.get_by_role("alert")
    # Exactly these three: the intervention log and the current plan are there.
    expect(refusal).to_have_text(
        dutch("This step cannot be taken yet. Missing: %(items)s.", items="; ".join(missing))
    )
    expect(ib.locator("main .case-context")).to_contain_text(GROUP_REVIEW)  # the case did not move
    axe_check(ib, "escalation refused")

    click_link(ib, "Cancel", exact=True)
    click_link(ib, "Change the help question and the school's limits")
    axe_check(ib, "help question and limits form")
    field(ib, "Help question of the school").fill("Hoe helpen we Sanne zich veilig te voelen in de groep?")
    field(ib, "Help question of the parents").fill(
        "Wat kunnen wij thuis doen zodat het afscheid makkelijker gaat?"
    )
    field(ib, "Help question of the pupil").fill("Ik wil 's ochtends niet meer verdrietig zijn.")
    field(ib, "The school's possibilities and limits").fill(
        "De school biedt een maatje en extra aandacht; voor onderzoek naar de oorzaak is hulp van buiten nodig."
    )
    click_button(ib, "Save")
    expect(message(ib)).to_contain_text(ui("The help question and the school's limits were saved."))
    expect(ib.locator("section[aria-labelledby=escalate-heading] .missing-list li")).to_have_text(
        [missing[2]]
    )

    click_link(ib, "Consent: records, answers and withdrawal")
    expect(ib.locator("main h1")).to_have_text(
        ui("Consent for the case of %(name)s", exact=True, name="Sanne Jansen")
    )
    zorgteam = ib.get_by_test_id("consent-school_care_team")
    expect(zorgteam.locator(".consent-verdict")).to_contain_text(ui("Not allowed"))
    expect(zorgteam).to_contain_text(mother.full_name)  # still needed: the mother holds authority
    axe_check(ib, "consent overview")
    forum = dutch("School care team (zorgteam)")
    click_link(zorgteam, "Record consent for %(forum)s", forum=forum)
    expect(field(ib, "Forum")).to_have_value("school_care_team")
    choose(ib, "Kind of consent", "Written consent naming the partners")
    ib.get_by_role("checkbox", name=re.compile(re.escape(world.partner_jgz.name))).check()
    ib.get_by_label(re.compile(re.escape(mother.full_name))).select_option("given")
    field(ib, "How was it given?").select_option("paper")
    field(ib, "Where is the evidence?").fill("Getekend formulier in het leerlingdossier")
    axe_check(ib, "consent form")
    click_button(ib, "Record consent")
    expect(message(ib)).to_contain_text(ui("The consent was recorded."))
    zorgteam = ib.get_by_test_id("consent-school_care_team")
    expect(zorgteam.locator(".consent-verdict")).to_contain_text(ui("By name"))
    expect(zorgteam.get_by_role("row").filter(has_text=mother.full_name)).to_contain_text(
        world.partner_jgz.name
    )
    click_link(ib, "Back to the case")

    escalation = ib.locator("section[aria-labelledby=escalate-heading]")
    expect(escalation).to_contain_text(ui("Everything the step '%(step)s' needs is there.", step=ZORGTEAM))
    field(escalation, "Why escalate now?").fill(
        "Hulpvraag, plan en toestemming zijn rond; het zorgteam kijkt mee."
    )
    click_button(escalation, "Escalate")
    expect(message(ib)).to_contain_text(ui("The case was escalated to '%(step)s'.", step=ZORGTEAM))
    expect_step(ib, 3, ZORGTEAM)
    timeline = ib.locator("#timeline")
    for step in (GROUP_REVIEW, ZORGTEAM):
        title = ui("Escalated to '%(step)s'", exact=True, step=step)
        expect(timeline.get_by_role("heading", name=title)).to_have_count(1)
    axe_check(ib, "case page (step 3, zorgteam)")

    # 5b. The coordinator agrees an action for the teacher; the teacher finds it in "My work" and reports it done.
    click_link(ib, "Agree an action")
    expect(ib.locator("main h1")).to_have_text(ui("Agree an action", exact=True))
    axe_check(ib, "agree an action")
    field(ib, "What will be done?").fill(ACTION)
    field(ib, "Who does it?").select_option(
        label=f"{world.teacher.get_full_name()} ({world.teacher.username})"
    )
    field(ib, "Done by").fill(date_in(7))
    click_button(ib, "Add action")
    expect(message(ib)).to_contain_text(ui("The action was added."))
    agreed = ib.locator("section[aria-labelledby=actions-heading]").get_by_role("row").filter(has_text=ACTION)
    expect(agreed).to_contain_text(world.teacher.get_full_name())
    expect(agreed.get_by_role("cell", name=ui("Open", exact=True))).to_have_count(1)

    teacher.get_by_role("navigation", name=ui("Main menu")).get_by_role(
        "link", name=ui("Home", exact=True)
    ).click()
    expect(teacher.get_by_test_id("home-work")).to_contain_text(ui("My open actions"))
    click_link(teacher, "All my work: actions, signals, cases, evaluations and group reviews")
    mine = teacher.get_by_test_id("work-actions").get_by_role("row").filter(has_text=ACTION)
    expect(mine).to_contain_text("Sanne Jansen")
    axe_check(teacher, "my work with an action (teacher)")
    mine.get_by_role("link", name=ui("Done")).click()
    expect(teacher.locator("main h1")).to_have_text(ui("Report an action done", exact=True))
    axe_check(teacher, "report an action done")
    field(teacher, "What came of it?").fill("Moeder gebeld; thuis gaat het rustiger.")
    click_button(teacher, "Done")
    expect(message(teacher)).to_contain_text(ui("The action is done."))
    expect(teacher.locator("main h1")).to_have_text(ui("My work", exact=True))
    expect(teacher.get_by_test_id("work-actions")).not_to_contain_text(ACTION)
    ib.reload()
    done = ib.locator("section[aria-labelledby=actions-heading]").get_by_role("row").filter(has_text=ACTION)
    expect(done.get_by_role("cell").nth(3)).to_contain_text(ui("Done"))  # the status column
    expect(done.get_by_role("link")).to_have_count(0)  # nothing left to finish
    expect(ib.locator("#timeline")).to_contain_text("Moeder gebeld; thuis gaat het rustiger.")

    # 6. Privacy: the coordinator's private working note stays private, the parent-visible note is shared; the
    # coordinator of another school cannot tell the case from a missing one.
    notes = ib.locator("section[aria-labelledby=note-heading]")
    field(notes, "Note").fill(PRIVATE_NOTE)
    choose(notes, "Who may read this note?", "Only me: a private working note")
    click_button(notes, "Add note")
    expect(message(ib)).to_contain_text(ui("The note was added to the timeline."))
    notes = ib.locator("section[aria-labelledby=note-heading]")
    field(notes, "Note").fill(PARENT_NOTE)
    choose(notes, "Who may read this note?", "Also the parents (and a pupil aged 16 or over)")
    click_button(notes, "Add note")
    expect(message(ib)).to_contain_text(ui("The note was added to the timeline."))
    expect(ib.locator("#timeline")).to_contain_text(PRIVATE_NOTE)
    expect(ib.locator("#timeline")).to_contain_text(PARENT_NOTE)

    teacher.goto(case_path)  # the teacher's view of the case
    expect_step(teacher, 3, ZORGTEAM)
    expect(teacher.locator("#timeline")).to_contain_text(PARENT_NOTE)
    expect(teacher.locator("#timeline")).to_contain_text(INTERVENTION)
    expect(teacher.locator("main")).not_to_contain_text(PRIVATE_NOTE)
    assert PRIVATE_NOTE not in teacher.content()

    outsider = open_window()
    login(outsider, world.ib_b)
    hidden = outsider.goto(case_path)
    assert hidden is not None and hidden.status == 404
    hidden_body, hidden_title = hidden.body(), outsider.title()
    assert b"Sanne" not in hidden_body
    missing_path = f"/zorg/zorgtrajecten/{uuid.uuid4()}/"
    absent = outsider.goto(missing_path)
    assert absent is not None and absent.status == 404
    assert hidden_title == outsider.title()
    assert page_fingerprint(hidden_body, case_path) == page_fingerprint(absent.body(), missing_path)
