"""Dutch texts of the demo's meeting history (fictitious): referrals, case discussions and actions. `{name}` is the
pupil's first name; an anonymous discussion uses "de leerling" instead."""

from __future__ import annotations

STRENGTHS = (
    "{name} is behulpzaam, heeft een goede band met de leerkracht en wil graag vooruit.",
    "{name} is creatief en sportief; ouders zijn betrokken en komen hun afspraken na.",
    "{name} heeft een vriendengroep in de klas en werkt goed in een kleine groep.",
)
NATURE = (
    "Zorgen over het welbevinden en de aanwezigheid; ondanks de aanpak in de klas en een plan nemen ze toe.",
    "Gedrags- en concentratieproblemen die het leren belemmeren; de school heeft haar mogelijkheden benut.",
    "Zorgen in de thuissituatie die doorwerken op school; hulp voor het gezin is nodig.",
)
FAMILY_FACTORS = (
    "Ouders zijn kort geleden gescheiden; moeder staat er grotendeels alleen voor.",
    "Het gezin is recent verhuisd en heeft weinig netwerk in de buurt.",
    "",
)
ANALYSIS = (
    "De aanpak in de klas helpt gedeeltelijk. {name} heeft vooral moeite met overgangsmomenten; thuis speelt "
    "onrust mee. De hulpvraag ligt deels buiten de school.",
    "De signalen van school en ouders komen overeen: {name} is sinds enkele maanden somber en trekt zich terug. "
    "Onderzoek naar wat er speelt is nodig voordat passende hulp kan starten.",
    "Het verzuim hangt samen met slaapproblemen en spanningen thuis. De school kan de structuur bieden; voor het "
    "gezin is ondersteuning van buiten de school nodig.",
)
SOLUTIONS_CHILD = (
    "Vaste aanspreekpersoon op school en een rustige plek om even tot zichzelf te komen.",
    "Een training sociale vaardigheden in een kleine groep.",
)
SOLUTIONS_FAMILY = (
    "Opvoedondersteuning thuis via het wijkteam.",
    "Gesprekken met de schoolmaatschappelijk werker over de ochtendroutine.",
)
SOLUTIONS_SCHOOL = (
    "Het plan wordt aangepast: kortere opdrachten en een dagelijkse check-in.",
    "Alle leerkrachten hanteren dezelfde aanpak bij onrust; de intern begeleider bewaakt dit.",
)
DECISIONS = (
    "Het wijkteam start opvoedondersteuning; de school past het plan aan. Over zes weken opnieuw bespreken.",
    "Aanmelden voor onderzoek bij de Jeugd-GGZ; tot die tijd blijft de aanpak in de klas. Ouders zijn akkoord.",
    "De schoolmaatschappelijk werker gaat op huisbezoek; de leerplichtambtenaar wordt geïnformeerd over het "
    "verzuim. Evalueren in het volgende overleg.",
)
FOLLOW_UP_DECISIONS = (
    "De ingezette hulp loopt; de eerste resultaten zijn zichtbaar. De afspraken blijven staan.",
    "De hulp is nog niet gestart door een wachtlijst; de school overbrugt met extra begeleiding.",
)
ANONYMOUS_EXTRA = (
    "Anonieme bespreking: ouders willen eerst advies van het ZAT voordat zij toestemming geven voor een "
    "bespreking met naam."
)

# (owner: "school" care coordinator, "teacher", "partner" member of the forum) → what is agreed
ACTIONS = {
    "school": (
        "Het ontwikkelingsperspectief bijwerken met de adviezen van het overleg.",
        "Ouders uitnodigen voor een gesprek over de uitkomst van het overleg.",
        "Het verzuim wekelijks bijhouden en bespreken met de leerplichtambtenaar.",
    ),
    "teacher": (
        "Twee weken observeren in de klas en de observatie delen met de intern begeleider.",
        "De dagelijkse check-in met {name} vastleggen en na vier weken evalueren.",
    ),
    "partner": (
        "Contact opnemen met ouders voor een kennismakingsgesprek.",
        "Nagaan of een plek bij de opvoedondersteuning vrij is en ouders informeren.",
        "Een huisbezoek afleggen en terugkoppelen aan de intern begeleider.",
    ),
}
ACTION_RESULTS = (
    "Gedaan; besproken met ouders.",
    "Afgerond, zie de notitie in het dossier.",
    "Gedaan: de afspraak staat.",
)
FEEDBACK_RESULT = "Teruggekoppeld."
AFTERCARE_NOTES = (
    "Nazorggesprek met ouders en de leerkracht: de hulp heeft gedeeltelijk geholpen; de route loopt door."
)
INTAKE_NOTES = "Intake met school en ouders samen: de hulpvraag is aangescherpt."
