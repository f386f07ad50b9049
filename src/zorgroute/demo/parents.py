"""Parent contact in the demo's case histories: the region's parent leaflet, the conversation with the parents before
the zorgteam or the ZAT (a ZAT intake for the ZAT), the leaflet given, and the conversation afterwards.

Written through consents.conversation_services under the demo clock. Which cases leave a touchpoint out (so the
case page shows its flag) follows the pupil's (seeded) UUID, not the builder's random stream: adding parent contact
does not change the rest of the demo.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from zorgroute.cases.constants import CaseStatus, Visibility
from zorgroute.consents import conversation_services as services
from zorgroute.consents.constants import ConsentAskedOutcome, ConversationKind, LeafletChannel
from zorgroute.consents.models import LeafletGiven
from zorgroute.consents.touchpoints import CONTACT_FORUMS
from zorgroute.organisations.constants import CareTeamKind
from zorgroute.organisations.models import Region
from zorgroute.pupils.models import PupilGuardian

if TYPE_CHECKING:
    from zorgroute.demo.cases import CaseBuilder, CaseState

LEAFLET_TITLE = "Samen zorgen voor uw kind"


def _stable(pupil: Any) -> int:
    """A number that follows the pupil and the seed, not the database: primary keys differ per database (a rolled
    back PostgreSQL sequence is not reset), the demo's UUIDs come from the seeded random stream."""
    return int(pupil.uuid.hex[:8], 16)


LEAFLET_BODY = """\
Soms heeft een kind meer nodig dan de leerkracht in de klas kan bieden. Dan zoekt de school samen met u naar de \
beste hulp. In deze folder leest u hoe dat gaat in {region}.

Het zorgteam van de school
Het zorgteam bespreekt leerlingen over wie de school zich zorgen maakt. In het zorgteam zitten de intern \
begeleider (bij het voortgezet onderwijs de zorgcoördinator), de jeugdverpleegkundige van de GGD en de \
schoolmaatschappelijk werker. Als het nodig is, sluit de leerplichtambtenaar aan. Het zorgteam geeft de leerkracht \
en u advies, en kan hulp op gang brengen.

Het Zorg- en Adviesteam (ZAT)
Als de school en het zorgteam er samen met u niet uitkomen, kan uw kind besproken worden in het ZAT van de regio. \
Daarin zitten onder meer een jeugdarts, een maatschappelijk werker, een orthopedagoog of psycholoog, \
jeugdhulp en het speciaal onderwijs. Voor de bespreking heeft een medewerker van het ZAT meestal een \
intakegesprek met u en de leerkracht.

Wat betekent dit voor u?
- Wij bespreken uw kind nooit zonder dat u het weet. Voor de bespreking hebben wij altijd een gesprek met u: over \
de reden, over hoe het thuis gaat en over uw eigen vragen.
- Wij vragen uw toestemming. Met uw schriftelijke toestemming bespreken wij uw kind met naam, alleen met de \
partners die op het formulier staan. U kunt ook kiezen voor een bespreking zonder naam.
- Na de bespreking hebben wij altijd weer een gesprek met u over de uitkomsten en de afspraken.
- Hulp van het zorgteam of het ZAT kost u niets.

Privacy
Wij delen alleen de gegevens die voor de bespreking nodig zijn, nooit het hele dossier. Alles wat in het zorgteam \
en het ZAT besproken wordt, blijft vertrouwelijk. U mag altijd zien wat er over uw kind is vastgelegd en u mag \
vragen om gegevens te verbeteren. U kunt uw toestemming op elk moment intrekken; dat geldt dan meteen. Is uw kind \
16 jaar of ouder, dan beslist uw kind zelf over de eigen gegevens.

Klachten
Bent u het ergens niet mee eens? Praat er eerst over met de intern begeleider of de voorzitter van het zorgteam. \
Komt u er samen niet uit, dan kunt u een klacht indienen volgens de klachtenregeling van het ZAT. Een klacht is \
nooit onwelkom.

Bij wie kunt u terecht?
Bij de intern begeleider of zorgcoördinator van de school van uw kind. Voor het ZAT: de ZAT-coördinator van \
{region}, bereikbaar via het secretariaat van het samenwerkingsverband (telefoon 0900-0000000, e-mail \
zat@lindeland.example).

(Deze folder is een voorbeeld met verzonnen gegevens.)"""

BEFORE_TEXTS = {
    "reason": "De school maakt zich zorgen om {name}: de aanpak in de klas en in de groepsbespreking helpt "
    "onvoldoende. Wij willen {name} daarom bespreken in {forum}.",
    "home_situation": "Thuis gaat het wisselend. Ouders zien dat {name} moe is en weinig zin heeft in school; "
    "de ochtenden zijn lastig.",
    "parents_questions": "Ouders willen weten wat zij thuis kunnen doen en of er hulp buiten school nodig is.",
}
AFTER_TEXTS = {
    "outcomes": "{forum} heeft de zorgen besproken. Advies: de aanpak in de klas voortzetten en daarnaast "
    "gesprekken met de schoolmaatschappelijk werker.",
    "decisions": "De schoolmaatschappelijk werker neemt binnen twee weken contact op met ouders. Over zes weken "
    "evalueren ouders, leerkracht en intern begeleider samen.",
    "parents_view": "Ouders zijn blij dat er meegedacht wordt en doen mee.",
}


def install_leaflet(*, admin: Any, region: Region) -> None:
    """The region's parent leaflet (once: a region that has one keeps it)."""
    if not region.parent_leaflets.filter(school__isnull=True).exists():
        services.leaflet_save(
            actor=admin, region=region, title=LEAFLET_TITLE, body=LEAFLET_BODY.format(region=region.name)
        )


def _forum_label(forum: str) -> str:
    return "het ZAT" if forum == CareTeamKind.REGIONAL_TEAM else "het zorgteam"


def _participants(state: CaseState, *, after: bool = False) -> str:
    parent = (
        PupilGuardian.objects.filter(pupil=state.pupil)
        .order_by("pk")
        .values_list("relationship", flat=True)
        .first()
    )
    who = {"mother": "Moeder", "father": "Vader"}.get(parent or "", "Ouder")
    if after:
        return f"{who}, intern begeleider"
    return f"{who}, leerkracht, intern begeleider"


def _visibility(state: CaseState, complete: bool) -> str:
    return Visibility.CARE_TEAM if _stable(state.pupil) % 5 == 0 and not complete else Visibility.PARENTS


def before(
    b: CaseBuilder,
    state: CaseState,
    *,
    forum: str,
    day: dt.date,
    outcome: str = ConsentAskedOutcome.GIVEN,
    complete: bool = False,
) -> None:
    """The conversation before the forum (a ZAT intake for the ZAT) and, the first time, the leaflet.

    `complete`: a scenario of the seeds, where nothing is left out and the parents may read every line.
    """
    if forum not in CONTACT_FORUMS or state.case.status != CaseStatus.OPEN:
        return
    b.clock.on(day)
    texts: dict[str, Any] = {
        key: b.fill(text.replace("{forum}", _forum_label(forum)), state.pupil)
        for key, text in BEFORE_TEXTS.items()
    }
    services.conversation_record(
        actor=state.ctx.coordinator,
        case=state.case,
        kind=ConversationKind.INTAKE if forum == CareTeamKind.REGIONAL_TEAM else ConversationKind.BEFORE,
        forum_kind=forum,
        held_on=day,
        participants=_participants(state),
        consent_asked=True,
        consent_outcome=outcome,
        visibility=_visibility(state, complete),
        **texts,
    )
    if (complete or _stable(state.pupil) % 7 != 3) and not LeafletGiven.objects.filter(
        case=state.case
    ).exists():
        guardian = (
            PupilGuardian.objects.filter(pupil=state.pupil).select_related("guardian").order_by("pk").first()
        )
        if guardian is not None:
            services.leaflet_give(
                actor=state.ctx.coordinator,
                case=state.case,
                recipients=[guardian.guardian],
                given_on=day,
                channel=LeafletChannel.PAPER if _stable(state.pupil) % 2 else LeafletChannel.EMAIL,
            )


def after(b: CaseBuilder, state: CaseState, *, forum: str, day: dt.date, complete: bool = False) -> None:
    """The conversation after the forum's discussion (left out for some cases, so the demo shows the flag)."""
    if forum not in CONTACT_FORUMS or state.case.status != CaseStatus.OPEN:
        return
    if _stable(state.pupil) % 4 == 0 and not complete:
        return
    b.clock.on(day)
    texts: dict[str, Any] = {
        key: b.fill(text.replace("{forum}", _forum_label(forum).capitalize()), state.pupil)
        for key, text in AFTER_TEXTS.items()
    }
    services.conversation_record(
        actor=state.ctx.coordinator,
        case=state.case,
        kind=ConversationKind.AFTER,
        forum_kind=forum,
        held_on=day,
        participants=_participants(state, after=True),
        visibility=_visibility(state, complete),
        **texts,
    )
