# ruff: noqa: E501 - verbatim texts of the source, one per line, so they can be compared with it
"""The kwaliteitskader as published: the top-8 quality characteristics and the 36 quality factors (configuration
data, copied into the database by migration 0002; see docs/decisions for why a table and not an enum).

Sources (the original Dutch documents are in the project's seeds; line numbers point into those files):

- The eight characteristics (*kwaliteitskenmerken*): Nederlands Jeugdinstituut / Landelijk steunpunt ZAT,
  "Kwaliteitskader zorgteams en ZAT's in het primair onderwijs" (c. 2009), chapter 9, the "top acht van
  kwaliteitskenmerken van zorgteams en ZAT's" (seed 001, lines 2942-2962; elaborated in lines 2976-3448).
- The 36 factors (*kwaliteitsfactoren*, "voorwaarden of kritische succesfactoren"): NJi Onderwijs & Jeugdzorg e.a.,
  "Wegwijzer voor intern begeleiders" (2008), chapter 1 (seed 003, lines 3458-3606), in the source's four groups
  and their sub-headings.

The texts are verbatim (line breaks and hyphenation joined; factor 36 keeps the source's unclosed parenthesis).
The short names of the characteristics are ours, for chart labels. Both lists are a mirror, not a test: "Niet met
de bedoeling om daar de beoordeling 'goed' of 'slecht' uit te laten komen, maar om de eigen praktijk een spiegel
voor te houden" (seed 001, lines 3450-3456).

This edition is frozen: a correction or a newer edition is a new framework (a new code) in a new data migration, so
the scores of earlier years keep the wording they were given against.
"""

from __future__ import annotations

CODE = "nji-po-2009"
NAME = "Kwaliteitskader zorgteams en ZAT's in het primair onderwijs (NJi)"
SOURCE = (
    "Kwaliteitskenmerken: NJi / Landelijk steunpunt ZAT, Kwaliteitskader zorgteams en ZAT's in het primair "
    "onderwijs (ca. 2009), hoofdstuk 9. Kwaliteitsfactoren: NJi e.a., Wegwijzer voor intern begeleiders (2008), "
    "hoofdstuk 1."
)
SEED_CHARACTERISTICS = "001"
SEED_FACTORS = "003"

# (number, line in seed 001, text, short name)
CHARACTERISTICS: tuple[tuple[int, int, str, str], ...] = (
    (1, 2948, "Kwaliteit van de leerlingenzorg op school en in het samenwerkingsverband", "Leerlingenzorg"),
    (2, 2950, "Kwaliteit van signaleren en toeleiden naar het zorgteam en ZAT", "Signaleren en toeleiden"),
    (3, 2952, "Kwaliteit en standaardisering van procedures en werkprocessen", "Procedures en werkprocessen"),
    (
        4,
        2954,
        "Kwaliteit van voorzitten en verloop van de zorgteam-/ZAT-bespreking",
        "Voorzitten en bespreking",
    ),
    (
        5,
        2956,
        "Kwaliteit van samenstelling en taakopvatting van het zorgteam/ZAT",
        "Samenstelling en taakopvatting",
    ),
    (6, 2958, "Kwaliteit en snelheid van de geboden hulpverlening", "Kwaliteit en snelheid van de hulp"),
    (
        7,
        2960,
        "Kwaliteit van de gemeentelijke regie en afstemming op andere lokale zorgstructuren",
        "Gemeentelijke regie",
    ),
    (8, 2962, "Kwaliteit van de bestuurlijke borging van samenwerkingsafspraken", "Bestuurlijke borging"),
)

# The factors' groups and sub-headings as the source prints them: (group, sub-heading, first factor, last factor).
FACTOR_GROUPS: tuple[tuple[str, str, int, int], ...] = (
    ("Kwaliteitsfactoren binnen het primair onderwijs", "Op school", 1, 8),
    ("Kwaliteitsfactoren binnen het primair onderwijs", "Bovenschools", 9, 13),
    ("Kwaliteitsfactoren met betrekking tot het zorgaanbod / de zorginstellingen", "", 14, 23),
    ("Kwaliteitsfactoren binnen het ZAT zelf", "", 24, 28),
    ("Kwaliteitsfactoren met betrekking tot beleid en borging", "Algemeen", 29, 31),
    ("Kwaliteitsfactoren met betrekking tot beleid en borging", "Schoolbesturen", 32, 34),
    ("Kwaliteitsfactoren met betrekking tot beleid en borging", "Gemeente(n)", 35, 36),
)

CHARACTERISTICS_GROUP = "De acht kwaliteitskenmerken van zorgteams en ZAT's"

# (number, line in seed 003, text)
FACTORS: tuple[tuple[int, int, str], ...] = (
    (
        1,
        3462,
        "IB’ers zijn voldoende gefaciliteerd en ondersteund voor uitvoering van hun functie als coördinator van zorg",
    ),
    (2, 3466, "Er is voldoende schoolmaatschappelijk werk beschikbaar voor alle scholen"),
    (3, 3468, "Er functioneren zorgteams op alle scholen"),
    (4, 3470, "Leerkrachten zijn voldoende in staat psychosociale problemen vroegtijdig te signaleren"),
    (
        5,
        3472,
        "De zorgroute in de school en naar bovenschoolse zorg is eenvoudig en helder voor alle leerkrachten",
    ),
    (6, 3476, "De interne zorg van de school is goed op orde"),
    (
        7,
        3478,
        "Leerkrachten krijgen hulp in de klas voor extra zorg voor kinderen met problemen (AB-er, onderwijsassistent, kleinere klassen, 2e leerkracht, enz.)",
    ),
    (8, 3482, "Er wordt goed gebruik gemaakt van de signalen en zorginformatie uit de voorschoolse periode"),
    (9, 3488, "Er is een bovenschools ZAT, dat aansluit bij de WSNS zorg, voor alle basisscholen"),
    (
        10,
        3490,
        "Er is een sterke, visionaire WSNS-coördinator, die de aansluiting organiseert, de kwaliteit bewaakt en coördineert",
    ),
    (
        11,
        3494,
        "Het samenwerkingsverband WSNS valt min of meer samen met de gemeentegrens of de samenwerkende gemeenten in een regio (1 verband, geen zuilen)",
    ),
    (
        12,
        3498,
        "Er fungeren IB-netwerken voor informatie, uitwisseling, intervisie en deskundigheidsbevordering, met speciale aandacht voor nieuwe IB’ers",
    ),
    (
        13,
        3502,
        "De ambulante begeleiding van REC’s en SBO/WSNS wordt gebundeld ingezet in het PO, zowel voor school- als kindondersteuning",
    ),
    (14, 3507, "Er is voldoende opvoedhulp en (intensievere) gezinshulp lokaal beschikbaar"),
    (
        15,
        3509,
        "BJZ en Jeugd-GGZ zijn bereid de ZAT-indicaties over te nemen (geen nieuwe intakes voor ouders)",
    ),
    (
        16,
        3513,
        "Instellingen onderschrijven het belang van onderwijs als vind- en aansluitplaats voor hun zorg",
    ),
    (
        17,
        3517,
        "Er is daadwerkelijke bereidheid om af te stemmen en dus eigen processen zo nodig aan te passen",
    ),
    (18, 3521, "Hulp wordt door de instellingen zo nodig op school of bij ouders thuis geboden"),
    (
        19,
        3523,
        "De Jeugd-Geestelijke Gezondheidszorg (Jeugd-GGZ) en andere jeugdzorginstellingen koppelen standaard terug naar de school over de ingestelde behandeling van kind / ouders",
    ),
    (
        20,
        3527,
        "Zorginstellingen (ook volwassenenzorg en vrij toegankelijke zorg) maken het tot hun standaardwerkwijze scholen te informeren over in behandeling genomen ouders en informatie te vragen over de kinderen van die ouders",
    ),
    (
        21,
        3533,
        "De jeugdgezondheidszorg brengt standaard preventief signalen en informatie over risicokinderen / gezinnen in bij de start van het kind in het primair onderwijs (niet pas als de school zelf een probleem signaleert)",
    ),
    (22, 3539, "Bureau jeugdzorg neemt standaard deel in bovenschoolse ZAT’s"),
    (
        23,
        3541,
        "De wachtlijsten in de jeugdzorg worden weggewerkt en/of er wordt adequate wachtlijsthulp geboden",
    ),
    (
        24,
        3547,
        "Er wordt voor bespreking in het ZAT standaard gescreend bij de school én bij de ouders (apart of gezamenlijk)",
    ),
    (
        25,
        3551,
        "Het ZAT heeft een goede voorzitter, die goed de regulatieve cyclus en de tijd bewaakt en toeziet op duidelijke afspraken en het nakomen daarvan",
    ),
    (26, 3555, "ZAT-leden zorgen bij afwezigheid voor vervanging"),
    (
        27,
        3557,
        "Er is een gemeenschappelijke visie op de ontwikkeling van kinderen, het beschrijven van gedrag en de zorg daarbij",
    ),
    (
        28,
        3561,
        "In het ZAT worden afspraken gemaakt over het afstemmen van indicaties voor bureau jeugdzorg en (speciaal) onderwijs en eventueel AWBZ-zorg",
    ),
    (
        29,
        3569,
        "Er is een stuurgroep van managers van alle betrokken partijen die gezamenlijk de eindverantwoordelijkheid draagt voor het functioneren van het ZAT",
    ),
    (
        30,
        3573,
        "De afspraken over ureninzet, competenties en taken van de partners in het ZAT en de financiering daarvan zijn schriftelijk vastgelegd",
    ),
    (
        31,
        3577,
        "De (financiering van de) samenwerking in het ZAT is structureel geregeld en niet afhankelijk van tijdelijke aandacht of incidentele subsidies",
    ),
    (32, 3583, "Intern begeleiders worden door directies en besturen ondersteund en voldoende gefaciliteerd"),
    (
        33,
        3587,
        "De WSNS-coördinator wordt door de schoolbesturen ondersteund en gemandateerd voor het realiseren van goed zorgbeleid op de scholen en in het samenwerkingsverband",
    ),
    (
        34,
        3590,
        "Schoolbesturen en directies geven zorg een centrale plaats in hun schoolbeleid en zijn goed op de hoogte van hun taken en verantwoordelijkheden daarvoor",
    ),
    (
        35,
        3596,
        "Gemeenten stellen het onderwijs als belangrijkste professionele vindplaats centraal in de inrichting van de lokale zorgstructuur en stemt overige structuren hierop af (centrum voor jeugd & gezin (CJG), veiligheidsnetwerken, enz.)",
    ),
    (
        36,
        3602,
        "Gemeenten beschouwen de WSNS-coördinator / schoolbesturen als belangrijke gesprekspartners voor de inrichting van de lokale zorgstructuur (in het kader van de lokale educatieve agenda (LEA)",
    ),
)


def group_of(number: int) -> tuple[str, str]:
    """The group and sub-heading of factor `number`."""
    for group, subgroup, first, last in FACTOR_GROUPS:
        if first <= number <= last:
            return group, subgroup
    raise KeyError(number)


def items() -> list[dict[str, object]]:
    """Every item of this edition as field values of quality.FrameworkItem, in reading order."""
    rows: list[dict[str, object]] = []
    for number, line, text, short in CHARACTERISTICS:
        rows.append(
            {
                "kind": "characteristic",
                "number": number,
                "group": CHARACTERISTICS_GROUP,
                "subgroup": "",
                "text": text,
                "short_name": short,
                "source_ref": f"seed {SEED_CHARACTERISTICS}, r. {line}",
            }
        )
    for number, line, text in FACTORS:
        group, subgroup = group_of(number)
        rows.append(
            {
                "kind": "factor",
                "number": number,
                "group": group,
                "subgroup": subgroup,
                "text": text,
                "short_name": "",
                "source_ref": f"seed {SEED_FACTORS}, r. {line}",
            }
        )
    for position, row in enumerate(rows, 1):
        row["position"] = position
    return rows
