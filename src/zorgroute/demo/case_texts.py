"""Dutch texts of the demo's care routes: what teachers observe, what was tried, plans, notes. Fictitious data.

`{name}` is replaced by the pupil's first name. Domains are names from cases.defaults.PROBLEM_DOMAINS.
"""

from __future__ import annotations

# (problem domains, severity, what the teacher observed)
SIGNALS_PO: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("Leren",),
        "medium",
        "{name} blijft achter bij rekenen: de tafels tot 5 lukken nog niet, ook niet met materiaal.",
    ),
    (
        ("Gedrag",),
        "medium",
        "{name} loopt vaak door de klas tijdens de instructie en roept door de les heen.",
    ),
    (
        ("Sociaal-emotioneel",),
        "medium",
        "{name} speelt in de pauze alleen en zegt dat niemand {name} aardig vindt.",
    ),
    (("Leren",), "low", "{name} leest nog spellend en verliest bij langere teksten snel de moed."),
    (("Ontwikkeling",), "low", "Knippen, kleuren en schrijven kosten {name} opvallend veel moeite."),
    (
        ("Aanwezigheid en verzuim",),
        "medium",
        "{name} komt de laatste weken vaak te laat en mist geregeld de maandag.",
    ),
    (
        ("Sociaal-emotioneel", "Gedrag"),
        "medium",
        "{name} wordt snel boos en huilt als iets niet meteen lukt.",
    ),
    (
        ("Pesten", "Sociaal-emotioneel"),
        "high",
        "{name} wordt op het plein en in de groepsapp buitengesloten.",
    ),
    (
        ("Leren", "Handelingsverlegenheid van de leerkracht"),
        "medium",
        "{name} werkt ver boven het niveau van de groep en raakt verveeld; ik weet niet goed wat ik moet bieden.",
    ),
    (("Medisch",), "low", "{name} is vaak moe en klaagt over hoofdpijn na de middagpauze."),
)

SIGNALS_VO: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("Leren",), "medium", "{name} haalt voor de meeste vakken onvoldoendes en maakt het huiswerk niet."),
    (("Gedrag",), "medium", "{name} verstoort de lessen met opmerkingen en is moeilijk aan te spreken."),
    (
        ("Sociaal-emotioneel",),
        "medium",
        "{name} is stil, zit alleen en lijkt somber; klasgenoten maken zich zorgen.",
    ),
    (
        ("Aanwezigheid en verzuim",),
        "high",
        "{name} was de afgelopen vier weken 11 lesuren ongeoorloofd afwezig.",
    ),
    (("Leren",), "low", "{name} raakt in paniek bij toetsen en levert blanco in (faalangst?)."),
    (("Pesten",), "high", "{name} wordt online gepest; een klasgenoot liet berichten zien."),
    (
        ("Leren", "Ontwikkeling"),
        "low",
        "Bij {name} valt op dat lezen en spellen veel moeite kosten (dyslexie?).",
    ),
)

INTERVENTIONS_PO = (
    "Verlengde instructie aan de instructietafel, drie keer per week.",
    "Vaste plek dicht bij de leerkracht en een dagplanning op tafel.",
    "Beloningskaart voor het afmaken van taken, wekelijks besproken.",
    "Tutorlezen met een leerling uit groep 8, vier keer per week.",
    "Kort gesprekje aan het begin van de dag: hoe gaat het vandaag?",
    "Rekenen met concreet materiaal en extra oefentijd met de onderwijsassistent.",
    "Afgesproken rustplek in de klas met een time-timer.",
    "Samen met de leerling doelen voor de week kiezen en vrijdag terugkijken.",
)

INTERVENTIONS_VO = (
    "Vaste plek voorin het lokaal en afspraken over telefoongebruik.",
    "Huiswerkbegeleiding op dinsdag en donderdag na het zevende uur.",
    "Dagrapport dat na elke les wordt afgetekend en met de mentor besproken.",
    "Wekelijks mentorgesprek van een kwartier.",
    "Samen een planning maken voor de toetsweek.",
    "Faalangstreductietraining bij de leerlingbegeleider (zes bijeenkomsten).",
    "Afspraak: bij te laat komen melden bij de conciërge en het uur inhalen.",
)

EFFECT_NOTES = {
    "helped": ("Duidelijk beter: de afspraak werkt.", "Gaat goed; doorgaan met deze aanpak."),
    "partly": ("Wisselend: op goede dagen werkt het, op andere niet.", "Iets beter, maar nog niet genoeg."),
    "not": ("Geen verandering te zien.", "Werkt niet: de leerling haakt na een paar dagen af."),
}

HELP_SCHOOL = (
    "Wat heeft {name} nodig om weer tot leren te komen, en wat kunnen wij in de klas anders doen?",
    "Hoe kunnen we {name} helpen om zich veilig en rustig te voelen in de groep?",
    "Welke ondersteuning past bij {name}, nu de aanpak in de klas onvoldoende werkt?",
)
HELP_PARENTS = (
    "Ouders willen weten hoe zij thuis kunnen helpen en wat de school gaat doen.",
    "Ouders maken zich zorgen en vragen om advies over de aanpak thuis.",
    "Ouders willen graag dat {name} weer met plezier naar school gaat.",
)
HELP_PUPIL = (
    "'Ik wil dat het in de klas weer leuk is.'",
    "'Ik wil niet steeds de enige zijn die het niet snapt.'",
    "'Ik wil dat ze me met rust laten.'",
)
SCHOOL_LIMITS = (
    "De school biedt extra instructie, een aangepaste werkplek en begeleiding door de intern begeleider. "
    "Onderzoek en behandeling door een specialist kan de school zelf niet bieden.",
    "Binnen de klas en met de mentor is gedaan wat mogelijk is; voor verdere begeleiding is expertise van "
    "buiten de school nodig.",
)

PLAN_NEEDS = (
    "{name} heeft behoefte aan duidelijke structuur, korte instructie en regelmatige bevestiging.",
    "{name} heeft een rustige werkplek nodig en hulp bij het plannen van taken.",
    "{name} heeft baat bij extra oefentijd en een vaste volwassene om op terug te vallen.",
)
PLAN_GOALS = (
    ("{name} maakt de dagtaak zelfstandig af.", "Observatie leerkracht, vier van de vijf dagen"),
    ("{name} vraagt zelf om hulp als iets niet lukt.", "Turven door de leerkracht, twee weken lang"),
    ("{name} haalt bij de methodetoets een voldoende.", "Methodetoets aan het einde van het blok"),
    ("{name} speelt in de pauze mee met klasgenoten.", "Observatie op het plein, drie keer per week"),
    ("{name} is op tijd op school.", "Aanwezigheidsregistratie"),
)
PLAN_APPROACH = (
    "Vaste afspraken in de klas, wekelijks kort evaluatiegesprek met {name}, afstemming met ouders."
)
FORUM_ADVICE = (
    "Advies van het overleg verwerkt: extra begeleiding door de specialist en afstemming met thuis."
)
PLAN_ADVICE_SCHOOL = (
    "Kort instrueren, controleren of de opdracht begrepen is, positief benoemen wat goed gaat."
)
PLAN_ADVICE_HOME = "Vaste dagritmes aanhouden en elke dag even vragen wat er goed ging op school."
PLAN_PUPIL_VIEW = "{name} vindt het fijn dat de juf of meester helpt, maar wil niet anders behandeld worden."
EVALUATION_NEXT = {
    "achieved": "Doel behaald; aanpak afbouwen.",
    "partly": "Doorgaan met de aanpak en over zes weken opnieuw bekijken.",
    "not_achieved": "Aanpak bijstellen; bespreken in het volgende overleg.",
}

NOTES = {
    "private": (
        "Eigen aantekening: {name} leek vandaag vrolijker, even afwachten.",
        "Werkaantekening: nog navragen bij de vorige leerkracht hoe het vorig jaar ging.",
    ),
    "care_team": (
        "Overleg met de jeugdverpleegkundige: geen medische verklaring gevonden; verder met de aanpak.",
        "Besproken met de schoolmaatschappelijk werker: zij neemt contact op met het gezin.",
        "Collegiale consultatie: de vorige leerkracht herkent het beeld en deelt wat toen werkte.",
    ),
    "parents": (
        "Gesprek met ouders: zorgen gedeeld en afgesproken om over zes weken samen te evalueren.",
        "Ouders gebeld: thuis gaat het redelijk; ouders steunen de aanpak van school.",
        "Terugkoppeling aan ouders over de bespreking en de afspraken.",
    ),
}

STEP_NOTES = {
    "school_care_team": "Zorgteam: besproken met de jeugdverpleegkundige en de schoolmaatschappelijk werker; "
    "advies aan leerkracht en ouders opgenomen in het plan.",
    "internal_care_team": "Intern zorgteam samengesteld door de zorgcoördinator; casemanager benoemd, "
    "evaluatie over zes weken.",
    "regional_team": "ZAT-bespreking: hulpvraag besproken met de ketenpartners; het ZAT zet hulp in en wijst een "
    "casuscoördinator aan.",
    "specialised_care": "De hulpverlener heeft laten weten dat het traject is gestart; de school blijft op de hoogte.",
    "aftercare": "Nazorg: drie maanden na de laatste bespreking contact met leerkracht en ouders over het verloop.",
}

KEEP_IN_CLASS = (
    "Past binnen de basisondersteuning: de leerkracht gaat verder met de aanpak in de klas.",
    "Eenmalig voorval; de leerkracht houdt het in de gaten en meldt opnieuw als het terugkomt.",
)

CLOSE_NOTES = {
    "solved": "De doelen zijn behaald; school en ouders zijn tevreden.",
    "institution": "De jeugdhulp heeft de begeleiding overgenomen; de school blijft aanspreekpunt voor het onderwijs.",
    "regional_team": "Het ZAT heeft de zorg overgenomen van het zorgteam.",
}

# Agreed actions: (for the teacher or mentor, for the care coordinator)
ACTIONS_TEACHER = (
    "Ouders bellen over hoe het thuis gaat.",
    "Twee weken observeren in de klas en noteren wanneer het misgaat.",
    "Kort gesprek met {name} over wat helpt.",
    "Toetsresultaten van dit schooljaar op een rij zetten.",
)
ACTIONS_COORDINATOR = (
    "Afspraak maken met de jeugdverpleegkundige.",
    "Aanmelding voor het zorgteam voorbereiden.",
    "Gesprek met ouders plannen samen met de leerkracht.",
    "Informatie opvragen bij de vorige school.",
)
ACTION_RESULTS = (
    "Gedaan; besproken in het volgende overleg.",
    "Afgerond, verslag in het dossier.",
    "Gesprek gevoerd; ouders denken mee.",
)
