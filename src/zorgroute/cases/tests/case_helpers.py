"""Shared set-up for the case page tests: URLs, an outsider's view, a complete escalation package, many events."""

from __future__ import annotations

import datetime as dt
import itertools

from django.urls import reverse
from django.utils import translation

from zorgroute.audit.models import AuditEvent
from zorgroute.cases import services
from zorgroute.cases.constants import TimelineKind, Visibility
from zorgroute.cases.models import Case, TimelineEvent
from zorgroute.core.time import now, today
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.plans import services as plan_services
from zorgroute.plans.constants import Effect
from zorgroute.plans.models import ActionPlan
from zorgroute.testing import consent
from zorgroute.testing.auth import page_fingerprint

MISSING = "00000000-0000-0000-0000-000000000000"


def url(name: str, *args: object) -> str:
    """reverse() with objects standing for their UUIDs."""
    return reverse(name, args=[getattr(a, "uuid", a) for a in args])


def in_dutch(text: str) -> str:
    """A message as the (Dutch) interface shows it, whether or not the catalogue already translates it."""
    with translation.override("nl"):
        return str(translation.gettext(text))


def assert_same_as_missing(client, hidden_url: str, missing_url: str, method: str = "get", data=None) -> None:
    """A hidden object answers exactly like a missing one: status 404 and the same page."""
    call = getattr(client, method)
    hidden = call(hidden_url, data or {})
    missing = call(missing_url, data or {})
    assert hidden.status_code == missing.status_code == 404
    assert page_fingerprint(hidden.content, hidden_url) == page_fingerprint(missing.content, missing_url)


def last_event(name: str) -> AuditEvent | None:
    return AuditEvent.objects.filter(event=name).order_by("-seq").first()


def events(name: str) -> int:
    return AuditEvent.objects.filter(event=name).count()


def fill_package(case: Case, actor) -> Case:
    return services.case_update_package(
        actor=actor,
        case=case,
        help_question_school="Hoe helpen we Sanne in de kring?",
        help_question_parents="Wat kunnen wij thuis doen?",
        help_question_pupil="Ik wil meedoen.",
        school_limits="De leerkracht kan twee keer per week extra begeleiden.",
    )


def log_intervention(case: Case, actor, effect: str = Effect.PARTLY):
    return plan_services.intervention_add(
        actor=actor,
        case=case,
        description="Kringgesprek in een klein groepje",
        started_on=today() - dt.timedelta(days=20),
        ended_on=today() - dt.timedelta(days=2),
        effect=effect,
        effect_notes="Sanne deed twee keer mee.",
    )


def current_plan(case: Case, actor, *, goals=(("Sanne doet mee in de kring", "Observatie leerkracht"),)):
    plan = plan_services.plan_create(
        actor=actor,
        case=case,
        needs="Veiligheid in de groep",
        evaluation_date=today() + dt.timedelta(days=42),
        goals=list(goals),
    )
    return plan_services.plan_activate(actor=actor, plan=plan)


def ready_for_zorgteam(case: Case, actor) -> Case:
    """Escalate a PO case to the group review and give it everything the zorgteam step asks for."""
    log_intervention(case, actor)
    case = services.case_transition(actor=actor, case=case, kind="escalate")
    fill_package(case, actor)
    current_plan(case, actor)
    consent.give(case, actor, CareTeamKind.SCHOOL_CARE_TEAM)
    return Case.objects.get(pk=case.pk)


def add_events(case: Case, n: int, authors) -> None:
    """`n` timeline events of every kind and visibility level, by several authors."""
    kinds = itertools.cycle(TimelineKind.values)
    levels = itertools.cycle(Visibility.values)
    people = itertools.cycle(authors)
    moment = now() - dt.timedelta(days=n)
    rows = []
    for i in range(n):
        author = next(people)
        rows.append(
            TimelineEvent(
                case=case,
                kind=next(kinds),
                visibility=next(levels),
                author=author,
                author_name=author.get_full_name(),
                title=f"Gebeurtenis {i}",
                body=f"Tekst {i}",
                occurred_at=moment + dt.timedelta(hours=i),
            )
        )
    TimelineEvent.objects.bulk_create(rows)


def plan_count(case: Case) -> int:
    return ActionPlan.objects.filter(case=case).count()
