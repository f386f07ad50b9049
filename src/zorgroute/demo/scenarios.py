"""Three cases from the seeds, written step by step through the services (demo data: Dutch, fictitious).

(a) seed 000: a group-1 pupil with pronunciation problems; the teacher signals, the care coordinator takes it to the
    group review and refers directly to the ZAT, which arranges a speech therapist (specialised care).
(b) seed 002: a VO pupil with repeated removals from class ("Lokaal 40") and absence: teacher interventions, mentor,
    team leader with an action plan, internal care team.
(c) seed 003: a pupil whose family situation worries the teacher (the child of the demo parent logins, in the demo
    teacher's group): conversation with the mother, group review, plan with advice for home, zorgteam.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from zorgroute.cases import services as cs
from zorgroute.cases.constants import SignalSource, SkipReason, TransitionKind, Visibility
from zorgroute.consents.constants import ConsentAskedOutcome, ConsentMode
from zorgroute.demo import consent, parents
from zorgroute.demo.build import LOGIN_GROUPS
from zorgroute.demo.credentials import Username
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.plans.constants import Effect, GoalResult
from zorgroute.pupils.models import Pupil

if TYPE_CHECKING:
    from zorgroute.demo.cases import CaseBuilder

SPEECH_SCHOOL = "Basisschool De Regenboog"
REMOVAL_SCHOOL = "Vlietcollege"
REMOVAL_CLASSES = ("3K", "3M", "2M")
FAMILY_SCHOOL = "Basisschool De Regenboog"

# Markers the demo tests look for (the first signal of each scenario starts with these words)
SPEECH_MARKER = "Groep 1:"
REMOVAL_MARKER = "Lokaal 40:"
FAMILY_MARKER = "Zorgen over de thuissituatie:"


def build_all(b: CaseBuilder) -> None:
    speech(b)
    removals(b)
    family(b)


def _ago(b: CaseBuilder, days: int) -> dt.date:
    return b.today - dt.timedelta(days=days)


def speech(b: CaseBuilder) -> None:
    """Seed 000: group 1, pronunciation, teacher → care coordinator → ZAT → speech therapist."""
    ctx = b.context(SPEECH_SCHOOL)
    toddlers = [p for p in ctx.pupils if p.current_group and p.current_group.name.startswith("Groep 1/2")]
    pupil = b.take(ctx, max(toddlers, key=lambda p: (p.date_of_birth, p.pk)))
    start = 150
    state = b.open_case(
        ctx,
        pupil,
        day=_ago(b, start),
        domains=("Spraak en taal", "Ontwikkeling"),
        severity="medium",
        text=f"{SPEECH_MARKER} {{name}} spreekt veel klanken onduidelijk uit ('tat' voor 'kat', 'soen' voor "
        "'schoen'). Klasgenoten en de juf verstaan {name} in de kring vaak niet; {name} trekt zich dan terug.",
    )
    b.clock.on(_ago(b, start - 3))
    b.note(
        state,
        state.teacher,
        "Gesprek met vader en moeder: ook thuis verstaan opa en oma {name} slecht. Ouders herkennen het en "
        "willen graag hulp.",
        Visibility.PARENTS,
    )
    b.intervention(
        state,
        started=_ago(b, start - 5),
        ended=_ago(b, start - 33),
        effect=Effect.PARTLY,
        text="Dagelijks vijf minuten klankspelletjes in de kleine kring (rijmen, klanken nazeggen) en {name} de "
        "tijd geven om uit te praten.",
    )
    b.clock.on(_ago(b, start - 35))
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason="De aanpak in de klas helpt onvoldoende; bespreken in de groepsbespreking.",
    )
    b.plan(
        state,
        day=_ago(b, start - 40),
        evaluation=_ago(b, start - 82),
        goals=[
            ("{name} spreekt de k-klank goed uit in losse woorden.", "Woordkaartjes, 8 van de 10 goed"),
            (
                "{name} vertelt in de kring een kort verhaal dat klasgenoten kunnen volgen.",
                "Observatie in de kring",
            ),
        ],
        needs="Ondersteuning bij de spraak-taalontwikkeling: {name} moet zich verstaanbaar kunnen maken.",
        advice_home="Elke dag samen een prentenboek lezen en {name} laten vertellen; niet verbeteren, wel het goede "
        "voorbeeld herhalen.",
        pupil_view="{name} wil graag dat de anderen snappen wat {name} zegt.",
    )
    b.clock.on(_ago(b, start - 45))
    b.note(
        state,
        ctx.coordinator,
        "Overleg met de jeugdverpleegkundige: de gehoortest bij de JGZ was in orde. Advies: logopedisch onderzoek; "
        "de school heeft zelf geen logopedist.",
        Visibility.CARE_TEAM,
    )
    b.intervention(
        state,
        started=_ago(b, start - 46),
        ended=_ago(b, start - 60),
        effect=Effect.NOT,
        text="Twee keer per week een kwartier oefenen met de onderwijsassistent.",
    )
    b.clock.on(_ago(b, start - 62))
    cs.case_update_package(
        actor=ctx.coordinator,
        case=state.case,
        help_question_school=b.fill(
            "Welke ondersteuning heeft {name} nodig om verstaanbaar te worden, en kan een "
            "logopedist dat onderzoeken?",
            pupil,
        ),
        help_question_parents="Ouders willen weten of logopedie nodig is en hoe zij thuis kunnen helpen.",
        help_question_pupil="'Ik wil dat iedereen me snapt.'",
        school_limits="De school biedt klankspelletjes en extra oefentijd met de onderwijsassistent. Onderzoek en "
        "behandeling door een logopedist kan de school zelf niet bieden.",
    )
    b.clock.on(_ago(b, start - 63))
    consent.give(
        actor=ctx.coordinator,
        case=state.case,
        forum_kind=CareTeamKind.REGIONAL_TEAM,
        mode=ConsentMode.WRITTEN,
        day=_ago(b, start - 63),
    )
    parents.before(b, state, forum=CareTeamKind.REGIONAL_TEAM, day=_ago(b, start - 63), complete=True)
    b.clock.on(_ago(b, start - 64))
    zat = next(s for s in ctx.steps if s.code == "regional_team")
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.SKIP,
        target_position=zat.position,
        skip_reason=SkipReason.DIRECT_REFERRAL,
        reason="Duidelijke logopedische hulpvraag: via de intern begeleider rechtstreeks aangemeld bij het ZAT.",
    )
    b.clock.on(_ago(b, start - 80))
    b.note(
        state,
        ctx.coordinator,
        "ZAT-bespreking: het ZAT adviseert logopedisch onderzoek en neemt contact op met een logopedist in de "
        "regio (Logopediepraktijk De Klankkast). Casuscoördinator: de intern begeleider.",
        Visibility.CARE_TEAM,
    )
    b.note(
        state,
        ctx.coordinator,
        "Terugkoppeling aan ouders: het ZAT heeft de logopedist gevraagd contact met u op te nemen voor een intake.",
        Visibility.PARENTS,
    )
    parents.after(b, state, forum=CareTeamKind.REGIONAL_TEAM, day=_ago(b, start - 81), complete=True)
    b.evaluate(state, _ago(b, start - 82), [GoalResult.PARTLY, GoalResult.PARTLY])
    b.clock.on(_ago(b, start - 95))
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason="De logopedist start de behandeling na de intake.",
    )
    b.clock.on(_ago(b, start - 96))
    b.note(
        state,
        ctx.coordinator,
        "De logopedist laat weten dat de behandeling is gestart: wekelijks, op school. De school weet welk "
        "traject is gestart.",
        Visibility.PARENTS,
    )
    b.clock.on(_ago(b, start - 110))
    b.note(
        state,
        state.teacher,
        "Eigen aantekening: {name} durft in de kring weer vaker iets te vertellen.",
        Visibility.PRIVATE,
    )


def removals(b: CaseBuilder) -> None:
    """Seed 002: Lokaal 40 (removals from class, counted with the reason) and absence, through M1-M3."""
    ctx = b.context(REMOVAL_SCHOOL)
    pupil = b.take(
        ctx,
        next(
            p
            for cls in REMOVAL_CLASSES
            for p in ctx.pupils
            if p.current_group and p.current_group.name.startswith(cls) and p.pk not in b.used
        ),
    )
    groups = sorted({p.current_group_id for p in ctx.pupils} - {pupil.current_group_id})  # type: ignore[type-var]
    colleagues = [ctx.teacher_of_group[g] for g in groups if g in ctx.teacher_of_group][:3]
    start = 95
    state = b.open_case(
        ctx,
        pupil,
        day=_ago(b, start),
        domains=("Gedrag",),
        severity="medium",
        source=SignalSource.REMOVAL_ROOM,
        text=f"{REMOVAL_MARKER} {{name}} is uit de les gestuurd bij wiskunde wegens het verstoren van de les "
        "(tweede keer deze maand).",
    )
    b.intervention(
        state,
        started=_ago(b, start - 1),
        ended=_ago(b, start - 8),
        effect=Effect.NOT,
        text="Vaste plek voorin en de afspraak: bij onrust eerst een waarschuwing, dan vijf minuten op de gang.",
    )
    b.link_signal(
        ctx,
        state.case,
        days_ago=start - 9,
        source=SignalSource.REMOVAL_ROOM,
        domains=("Gedrag",),
        author=colleagues[0] if colleagues else None,
        text=f"{REMOVAL_MARKER} {{name}} is uit de les gestuurd bij Engels: weigerde aan het werk te gaan "
        "(derde keer deze maand).",
    )
    b.intervention(
        state,
        started=_ago(b, start - 9),
        ended=_ago(b, start - 13),
        effect=Effect.PARTLY,
        text="Gesprek na de les over wat er misging; afspraak over telefoongebruik.",
    )
    b.clock.on(_ago(b, start - 14))
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason="Twee interventies met onvoldoende resultaat; het interventieformulier gaat naar de mentor.",
    )
    b.clock.on(_ago(b, start - 16))
    b.note(
        state,
        state.teacher,
        "Mentorgesprek: {name} vertelt slecht te slapen en 's ochtends moeilijk op gang te komen. {name} weet dat "
        "de mentor contact opneemt met ouders (vertrouwelijk, geen geheimhouding).",
        Visibility.CARE_TEAM,
    )
    b.link_signal(
        ctx,
        state.case,
        days_ago=start - 20,
        source=SignalSource.ABSENCE,
        domains=("Aanwezigheid en verzuim",),
        text="Verzuimregistratie: {name} was in vier weken 14 lesuren ongeoorloofd afwezig, vooral het eerste uur.",
    )
    b.intervention(
        state,
        started=_ago(b, start - 21),
        ended=_ago(b, start - 28),
        effect=Effect.PARTLY,
        text="Dagrapport en wekelijks mentorgesprek van een kwartier.",
    )
    b.clock.on(_ago(b, start - 23))
    b.note(
        state,
        state.teacher,
        "Gesprek met moeder: thuis is er spanning; afgesproken dat school en ouders wekelijks kort contact hebben.",
        Visibility.PARENTS,
    )
    b.clock.on(_ago(b, start - 30))
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason="De mentor draagt over aan de teamleider, met het interventieformulier.",
    )
    b.plan(
        state,
        day=_ago(b, start - 33),
        evaluation=_ago(b, start - 75),
        goals=[
            ("{name} wordt hooguit één keer per maand uit de les gestuurd.", "Registratie Lokaal 40"),
            ("{name} is bij het eerste uur minstens 9 van de 10 keer aanwezig.", "Verzuimregistratie"),
        ],
        needs="{name} heeft een voorspelbare aanpak nodig die alle docenten gelijk hanteren, en hulp bij het "
        "op tijd komen.",
        advice_home="Vaste bedtijd en telefoon 's avonds uit de slaapkamer.",
        pupil_view="{name} vindt dat sommige docenten sneller boos worden dan andere.",
    )
    b.link_signal(
        ctx,
        state.case,
        days_ago=start - 40,
        source=SignalSource.REMOVAL_ROOM,
        domains=("Gedrag",),
        author=colleagues[1] if len(colleagues) > 1 else None,
        text=f"{REMOVAL_MARKER} {{name}} is uit de les gestuurd bij aardrijkskunde: ruzie met een klasgenoot.",
    )
    b.intervention(
        state,
        started=_ago(b, start - 35),
        ended=_ago(b, start - 50),
        effect=Effect.PARTLY,
        text="Teamoverleg: alle docenten hanteren dezelfde aanpak bij onrust (eerst waarschuwing, dan gesprek).",
    )
    b.clock.on(_ago(b, start - 55))
    cs.case_update_package(
        actor=ctx.coordinator,
        case=state.case,
        help_question_school=b.fill(
            "Hoe houden we {name} in de les, en wat zit er achter het verzuim?", pupil
        ),
        help_question_parents=b.fill(
            "Ouders willen dat {name} weer gewoon naar school gaat en vragen hulp bij de ochtenden.", pupil
        ),
        help_question_pupil="'Ik wil niet steeds de schuld krijgen.'",
        school_limits="Mentor en teamleider hebben de aanpak in de klas afgestemd; bij slaap- en thuisproblemen "
        "heeft de school de hulp van het intern zorgteam nodig.",
    )
    b.clock.on(_ago(b, start - 56))
    consent.give(
        actor=ctx.coordinator,
        case=state.case,
        forum_kind=CareTeamKind.SCHOOL_CARE_TEAM,
        mode=ConsentMode.ASSENT,
        day=_ago(b, start - 56),
    )
    parents.before(
        b,
        state,
        forum=CareTeamKind.SCHOOL_CARE_TEAM,
        day=_ago(b, start - 56),
        outcome=ConsentAskedOutcome.CONSIDERING,
        complete=True,
    )
    b.clock.on(_ago(b, start - 58))
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason="De teamleider verwijst naar het intern zorgteam: de grenzen van de aanpak in de klas zijn bereikt.",
    )
    b.clock.on(_ago(b, start - 60))
    b.note(
        state,
        ctx.coordinator,
        "Intern zorgteam samengesteld door de zorgcoördinator: leerlingbegeleider, schoolmaatschappelijk werker en "
        "(op afroep) de leerplichtambtenaar. Casemanager: de mentor. Evaluatie over zes weken.",
        Visibility.CARE_TEAM,
    )
    b.evaluate(state, _ago(b, start - 75), [GoalResult.NOT_ACHIEVED, GoalResult.PARTLY])


def family(b: CaseBuilder) -> None:
    """Seed 003: the teacher worries about the family situation (the demo parents' child, in the demo group)."""
    ctx = b.context(FAMILY_SCHOOL)
    children = set(
        Pupil.objects.filter(
            guardian_links__guardian__user__username=Username.PARENT_WITH_AUTHORITY
        ).values_list("pk", flat=True)
    )
    pupil = b.take(
        ctx,
        next(
            p
            for p in ctx.pupils
            if p.pk in children and p.current_group and p.current_group.name in LOGIN_GROUPS
        ),
    )
    start = 70
    state = b.open_case(
        ctx,
        pupil,
        day=_ago(b, start),
        domains=("Echtscheiding", "Opvoeding", "Sociaal-emotioneel"),
        severity="high",
        text=f"{FAMILY_MARKER} sinds een paar weken is {{name}} stil en moe. {{name}} vertelt dat papa niet meer "
        "thuis woont en dat mama vaak verdrietig is. {name} komt geregeld zonder ontbijt en vergeet de gymspullen.",
    )
    b.clock.on(_ago(b, start - 1))
    b.note(
        state,
        state.teacher,
        "Eigen aantekening: {name} zat vandaag in de pauze alleen bij het hek.",
        Visibility.PRIVATE,
    )
    b.clock.on(_ago(b, start - 4))
    b.note(
        state,
        state.teacher,
        "Gesprek met moeder: vader en moeder zijn uit elkaar, moeder heeft het gezag. Moeder herkent de zorgen en "
        "staat open voor hulp.",
        Visibility.PARENTS,
    )
    b.intervention(
        state,
        started=_ago(b, start - 4),
        ended=_ago(b, start - 20),
        effect=Effect.PARTLY,
        text="Elke ochtend een kort gesprekje bij binnenkomst en een rustige plek in de klas.",
    )
    b.clock.on(_ago(b, start - 22))
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason="Zorgen over het welbevinden en de thuissituatie; bespreken met de intern begeleider.",
    )
    b.plan(
        state,
        day=_ago(b, start - 25),
        evaluation=_ago(b, start - 25 - 42),
        goals=[
            ("{name} begint de dag rustig en heeft gegeten.", "Check-in bij binnenkomst, dagelijks"),
            (
                "{name} speelt in de pauze samen met klasgenoten.",
                "Observatie op het plein, drie keer per week",
            ),
        ],
        needs="{name} heeft voorspelbaarheid en een vaste volwassene op school nodig nu het thuis onrustig is.",
        advice_home="Een vaste ochtendroutine; bij de overdracht tussen de ouders de school op de hoogte houden.",
        pupil_view="{name} wil niet dat de andere kinderen het weten.",
    )
    b.clock.on(_ago(b, start - 27))
    b.note(
        state,
        ctx.coordinator,
        "Zorg over de thuissituatie besproken met de directeur: geen signalen van onveiligheid, wel zorg over de "
        "opvoedingsbelasting van moeder. Voorstel: bespreken in het zorgteam.",
        Visibility.CARE_TEAM,
    )
    b.clock.on(_ago(b, start - 30))
    cs.case_update_package(
        actor=ctx.coordinator,
        case=state.case,
        help_question_school=b.fill(
            "Hoe kunnen wij {name} steunen, en welke hulp kan het gezin krijgen?", pupil
        ),
        help_question_parents="Moeder vraagt hulp bij de opvoeding nu ze er alleen voor staat.",
        help_question_pupil="'Ik wil dat papa en mama geen ruzie meer maken.'",
        school_limits="De school biedt een vaste aanspreekpersoon en rust in de klas; hulp aan het gezin valt "
        "buiten de mogelijkheden van de school.",
    )
    b.clock.on(_ago(b, start - 31))
    consent.give(
        actor=ctx.coordinator,
        case=state.case,
        forum_kind=CareTeamKind.SCHOOL_CARE_TEAM,
        mode=ConsentMode.WRITTEN,
        day=_ago(b, start - 31),
    )
    parents.before(b, state, forum=CareTeamKind.SCHOOL_CARE_TEAM, day=_ago(b, start - 31), complete=True)
    b.intervention(
        state,
        started=_ago(b, start - 26),
        ended=_ago(b, start - 45),
        effect=Effect.PARTLY,
        text="Maatje in de klas voor de pauzes en wekelijks een gesprekje met de intern begeleider.",
    )
    b.clock.on(_ago(b, start - 48))
    state.case = cs.case_transition(
        actor=ctx.coordinator,
        case=state.case,
        kind=TransitionKind.ESCALATE,
        reason="Zorgen in het gezin: aanmelden bij het zorgteam, met toestemming van moeder.",
    )
    b.clock.on(_ago(b, start - 55))
    b.note(
        state,
        ctx.coordinator,
        "Zorgteam: de schoolmaatschappelijk werker biedt moeder gesprekken aan; de jeugdverpleegkundige nodigt "
        "{name} en moeder uit voor een extra contactmoment.",
        Visibility.CARE_TEAM,
    )
    b.note(
        state,
        ctx.coordinator,
        "Terugkoppeling aan moeder na het zorgteam: de schoolmaatschappelijk werker neemt deze week contact op.",
        Visibility.PARENTS,
    )
    parents.after(b, state, forum=CareTeamKind.SCHOOL_CARE_TEAM, day=_ago(b, start - 55), complete=True)
    b.evaluate(state, _ago(b, start - 67), [GoalResult.ACHIEVED, GoalResult.PARTLY])
    # A classmate the demo teacher signalled this week: waiting in the care coordinator's triage inbox
    classmate = b.take(
        ctx,
        next(p for p in ctx.pupils if p.current_group_id == pupil.current_group_id and p.pk not in b.used),
    )
    b.clock.on(_ago(b, 2))
    cs.signal_create(
        actor=state.teacher,
        pupil=classmate,
        observed_behaviour=b.fill(
            "{name} kan zich sinds de herfstvakantie slecht concentreren en is snel afgeleid.", classmate
        ),
        severity="low",
        domains=b.domain_list(("Leren",)),
        observed_on=_ago(b, 2),
    )
    b.stats.signals += 1
