"""What the demo's family logins find in the portal (decision 0007), written through the services like the rest.

- `ouder.gezag`: the family scenario's care route already has a current plan (not signed in the portal yet) and a
  written consent for the zorgteam she can withdraw; here the school adds an assent for the ZAT whose objection
  window is still open, so she can agree or object.
- `ouder.zonder.gezag`: nothing to add; the portal explains his right to important information on request.
- `leerling16`: a care route of their own at their VO school, with parent-visible lines, a current plan to sign and
  an assent for the school's care team to answer (from 16 the pupil decides, not the parents).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from zorgroute.cases.constants import CaseStatus, TransitionKind, Visibility
from zorgroute.cases.models import Case
from zorgroute.cases.services import case_transition
from zorgroute.consents import services as consent_services
from zorgroute.consents.constants import ConsentMode, Evidence
from zorgroute.demo.credentials import Username
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.plans.constants import Effect
from zorgroute.pupils.models import Pupil

if TYPE_CHECKING:
    from zorgroute.demo.cases import CaseBuilder

OBJECTION_DAYS = 28  # the demo stays answerable for four weeks after loading


def build(b: CaseBuilder) -> None:
    family_assent(b)
    pupil_16(b)


def _assent(b: CaseBuilder, case: Case, forum_kind: str, scope: str) -> None:
    day = b.today - dt.timedelta(days=2)
    b.clock.on(day)
    consent_services.consent_record(
        actor=case.owner,
        case=case,
        forum_kind=forum_kind,
        mode=ConsentMode.ASSENT,
        recorded_on=day,
        objection_until=b.today + dt.timedelta(days=OBJECTION_DAYS),
        evidence=Evidence.LETTER,
        evidence_note="Informatiebrief meegegeven en in het portaal gezet",
        scope=scope,
        answers={},
    )


def family_assent(b: CaseBuilder) -> None:
    case = (
        Case.objects.filter(
            pupil__guardian_links__guardian__user__username=Username.PARENT_WITH_AUTHORITY,
            status=CaseStatus.OPEN,
        )
        .select_related("owner", "template")
        .order_by("opened_at")
        .first()
    )
    if case is None or not case.template.steps.filter(forum_kind=CareTeamKind.REGIONAL_TEAM).exists():
        return
    _assent(
        b,
        case,
        CareTeamKind.REGIONAL_TEAM,
        "Als het zorgteam er niet uitkomt: de hulpvraag, wat de school deed en de afspraken uit het handelingsplan.",
    )


def pupil_16(b: CaseBuilder) -> None:
    pupil = Pupil.objects.filter(user__username=Username.PUPIL_16).select_related("current_school").first()
    if pupil is None or pupil.current_school is None or pupil.pk in b.used:
        return
    ctx = b.context(pupil.current_school.name)
    b.take(ctx, pupil)
    start = 45
    state = b.open_case(
        ctx,
        pupil,
        day=b.today - dt.timedelta(days=start),
        domains=("Sociaal-emotioneel", "Leren"),
        severity="medium",
        text="{name} oogt sinds de toetsweek moe en gespannen, haalt opdrachten niet meer in en zegt in het "
        "mentoruur dat het 'allemaal te veel' wordt.",
    )
    b.clock.on(b.today - dt.timedelta(days=start - 3))
    b.note(
        state,
        state.teacher,
        "Gesprek met {name}: we maken samen een weekplanning en {name} spreekt zelf af wanneer hij hulp vraagt.",
        Visibility.PARENTS,
    )
    b.intervention(
        state,
        started=b.today - dt.timedelta(days=start - 3),
        ended=b.today - dt.timedelta(days=start - 24),
        effect=Effect.PARTLY,
        text="Wekelijkse planning met de mentor en een vaste plek in het stiltelokaal.",
    )
    b.clock.on(b.today - dt.timedelta(days=start - 26))
    state.case = case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason=f"De planning helpt deels; de zorgcoördinator maakt met {pupil.first_name} een plan.",
    )
    b.plan(
        state,
        day=b.today - dt.timedelta(days=start - 30),
        evaluation=b.today + dt.timedelta(days=28),
        goals=[
            ("{name} levert zijn opdrachten op tijd in.", "Overzicht in de studiewijzer, elke twee weken"),
            ("{name} weet bij wie hij terecht kan als het te veel wordt.", "Gesprek met de mentor"),
        ],
        needs="{name} heeft overzicht nodig en een volwassene bij wie hij op tijd aan de bel trekt.",
        advice_home="Thuis een vaste plek en tijd voor huiswerk; vraag {name} wat hem helpt.",
        pupil_view="{name}: 'Ik wil het zelf regelen, maar met een planning lukt het beter.'",
    )
    b.clock.on(b.today - dt.timedelta(days=4))
    b.note(
        state,
        ctx.coordinator,
        "{name} kiest zelf of zijn ouders meelezen; we bespreken de zorgen graag in het zorgteam als hij dat "
        "goed vindt.",
        Visibility.PARENTS,
    )
    _assent(
        b,
        state.case,
        CareTeamKind.SCHOOL_CARE_TEAM,
        f"De planning, de afspraken met de mentor en hoe het met {pupil.first_name} gaat.",
    )
