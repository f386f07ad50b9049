"""Fictitious Dutch care notes with their ground truth, for measuring the de-identifier's recall.

Every person, address, number and school here is invented. Identifying strings are marked up inline as
`{kind:value}` (the record does not know it) or `{kind*:value}` (the record knows it: it is in the record's
people or places). Kinds: name, place, addr, pc (postcode), tel, mail, bsn, date.

Shared by `test_deidentify.py` and `manage.py deidentify_recall`, so the test and the report measure the same
thing in the same way.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from stdnum.nl import bsn as nl_bsn
from stdnum.nl import onderwijsnummer as nl_onderwijsnummer

from zorgroute.consents.deidentify import KnownPerson

# -- fictitious identifiers with valid checksums ------------------------------------------------------------


def _with_check_digit(first_eight: str, wanted_remainder: int) -> str:
    """Append the digit that makes the eleven-test give `wanted_remainder` (0 for a BSN, 5 for an onderwijsnummer)."""
    total = sum((9 - index) * int(digit) for index, digit in enumerate(first_eight))
    for last in range(10):
        if (total - last) % 11 == wanted_remainder:
            return first_eight + str(last)
    raise ValueError(f"no check digit for {first_eight}")


def make_bsn(seed: int) -> str:
    """A valid, fictitious BSN derived from `seed` (deterministic)."""
    for step in range(100):
        first_eight = f"{(seed * 7919 + step * 104729) % 10**8:08d}"
        if first_eight[0] == "0":
            continue
        try:
            number = _with_check_digit(first_eight, 0)
        except ValueError:
            continue
        if nl_bsn.is_valid(number):
            return number
    raise ValueError(f"no BSN for seed {seed}")


def make_onderwijsnummer(seed: int) -> str:
    for step in range(100):
        first_eight = f"10{(seed * 3571 + step * 7907) % 10**6:06d}"
        try:
            number = _with_check_digit(first_eight, 5)
        except ValueError:
            continue
        if nl_onderwijsnummer.is_valid(number):
            return number
    raise ValueError(f"no onderwijsnummer for seed {seed}")


def dotted(number: str) -> str:
    """1234.56.782, the way a BSN is printed on Dutch documents."""
    return f"{number[:4]}.{number[4:6]}.{number[6:]}"


def spaced(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


BSN = {
    key: make_bsn(seed)
    for seed, key in enumerate(
        ["daan", "noah", "amira", "julia", "milan", "jayden", "femke", "zoe", "lars", "sara"], 11
    )
}
PARENT_BSN = [make_bsn(seed) for seed in range(101, 111)]
ONR = {
    key: make_onderwijsnummer(seed)
    for seed, key in enumerate(["daan", "noah", "amira", "julia", "milan"], 21)
}


# -- records: what the school's system already knows about a pupil ------------------------------------------


@dataclass(frozen=True)
class Record:
    people: tuple[KnownPerson, ...]
    places: tuple[str, ...]


def P(first: str, last: str, prefix: str = "") -> KnownPerson:
    return KnownPerson(first_name=first, last_name=last, name_prefix=prefix)


DAAN = Record(
    people=(
        P("Daan", "Vries", "de"),
        P("Fatima", "Amrani", "el"),
        P("Jeroen", "Vries", "de"),
        P("Lotte", "Vries", "de"),
        P("Anouk", "Smit"),
        P("Marloes", "Dijk", "van"),
    ),
    places=("OBS De Regenboog", "Amersfoort", "Kerkstraat 12", "3811 AB", BSN["daan"], ONR["daan"]),
)
NOAH = Record(
    people=(
        P("Noah", "Yılmaz"),
        P("Ayşe", "Yılmaz"),
        P("Mehmet", "Yılmaz"),
        P("Emre", "Yılmaz"),
        P("Bram", "Visser"),
        P("Karin", "Mulder"),
    ),
    places=("CBS De Fontein", "Zwolle", "Assendorperstraat 88", "8012 DJ", BSN["noah"], ONR["noah"]),
)
AMIRA = Record(
    people=(
        P("Amira", "Haddad"),
        P("Rania", "Haddad"),
        P("Omar", "Haddad"),
        P("Yusuf", "Haddad"),
        P("Eva", "Graaf", "de"),
        P("Joke", "Horst", "ter"),
    ),
    places=("Kindcentrum Het Palet", "Deventer", "Rembrandtlaan 31", "7415 CK", BSN["amira"], ONR["amira"]),
)
JULIA = Record(
    people=(
        P("Julia", "Meer", "van der"),
        P("Sandra", "Meer", "van der"),
        P("Mark", "Meer", "van der"),
        P("Thijmen", "Meer", "van der"),
        P("Wouter", "Bosch"),
        P("Ingrid", "Hoeven", "van der"),
    ),
    places=("OBS Het Kompas", "Haarlem", "Zijlweg 140", "2015 BK", BSN["julia"], ONR["julia"]),
)
MILAN = Record(
    people=(
        P("Milan", "Wiśniewski"),
        P("Katarzyna", "Wiśniewska"),
        P("Piotr", "Wiśniewski"),
        P("Ewa", "Wiśniewska"),
        P("Saskia", "Brink", "van den"),
        P("Ruud", "Vermeulen"),
    ),
    places=("RKBS Sint Jozef", "Tilburg", "Ringbaan-Oost 203", "5013 CA", BSN["milan"], ONR["milan"]),
)
JAYDEN = Record(
    people=(
        P("Jayden", "Pinas"),
        P("Shanti", "Pinas"),
        P("Lucia", "Pinas"),
        P("Jason", "Pinas"),
        P("Esra", "Kaya"),
        P("Hans", "Oosterhuis"),
    ),
    places=("Basisschool De Klimop", "Rotterdam", "Zwaanshals 17b", "3035 KP", BSN["jayden"]),
)
FEMKE = Record(
    people=(
        P("Femke", "Hoekstra"),
        P("Tjitske", "Zijlstra"),
        P("Sjoerd", "Hoekstra"),
        P("Jelle", "Hoekstra"),
        P("Marije", "Wal", "van der"),
        P("Klaas", "Postma"),
    ),
    places=("IKC De Zeester", "Leeuwarden", "Schieringersweg 5", "8921 AV", BSN["femke"]),
)
ZOE = Record(
    people=(
        P("Zoë", "Broek", "van den"),
        P("Esther", "Broek", "van den"),
        P("Finn", "Broek", "van den"),
        P("Naima", "Idrissi"),
        P("Gerard", "Lange", "de"),
    ),
    places=("Montessorischool Oog in Al", "Utrecht", "Cartesiusweg 2", "3534 BA", BSN["zoe"]),
)
LARS = Record(
    people=(
        P("Lars", "Groot", "de"),
        P("Priya", "Ramdin"),
        P("Michiel", "Groot", "de"),
        P("Anne-Marie", "Jansen"),
        P("Tom", "Koster"),
    ),
    places=("SBO De Wissel", "Apeldoorn", "Loolaan 44", "7314 AK", BSN["lars"]),
)
SARA = Record(
    people=(
        P("Sara", "Hassan"),
        P("Hodan", "Ali"),
        P("Abdi", "Hassan"),
        P("Ilham", "Hassan"),
        P("Linda", "Veenstra"),
        P("Peter", "Dam", "van"),
    ),
    places=("OBS De Driesprong", "Almere", "Marsstraat 9", "1363 VK", BSN["sara"]),
)


# -- notes ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Secret:
    kind: str
    value: str
    known: bool
    start: int
    end: int


@dataclass(frozen=True)
class Note:
    key: str
    category: str
    text: str
    people: tuple[KnownPerson, ...]
    places: tuple[str, ...]
    secrets: tuple[Secret, ...]
    keep: tuple[str, ...] = ()  # words that must survive in this note, besides its category's


KINDS = ("name", "place", "addr", "pc", "tel", "mail", "bsn", "date")
_MARK_RE = re.compile(r"\{(?P<kind>[a-z]+)(?P<known>\*?):(?P<value>[^{}]+)\}")


def note(key: str, category: str, record: Record, marked: str, keep: tuple[str, ...] = ()) -> Note:
    marked = " ".join(marked.split())  # the notes below are wrapped for reading
    text_parts: list[str] = []
    secrets: list[Secret] = []
    position = length = 0
    for match in _MARK_RE.finditer(marked):
        plain = marked[position : match.start()]
        kind, value = match["kind"], match["value"]
        if kind not in KINDS:
            raise ValueError(f"{key}: unknown kind {kind!r}")
        text_parts += [plain, value]
        length += len(plain)
        secrets.append(Secret(kind, value, bool(match["known"]), length, length + len(value)))
        length += len(value)
        position = match.end()
    text_parts.append(marked[position:])
    return Note(key, category, "".join(text_parts), record.people, record.places, tuple(secrets), keep)


B = BSN
NOTES: tuple[Note, ...] = (
    # -- Daan de Vries, OBS De Regenboog --------------------------------------------------------------------
    note(
        "daan-1",
        "leerkracht",
        DAAN,
        """
        {name*:Daan} (groep 5) heeft sinds de herfstvakantie moeite met rekenen; de tafels van 6 en 7 lukken
        niet. De leerkracht ziet dat hij in de pauze vaak alleen staat. {name*:Daans} moeder,
        {name*:Fatima el Amrani}, vertelde bij het brengen dat buurjongen {name:Kevin Brouwer} hem uitscheldt.
        Moeder is bereikbaar op {tel:06-41827364}.""",
    ),
    note(
        "daan-2",
        "ib",
        DAAN,
        """
        Observatie door intern begeleider {name*:Marloes van Dijk} op {date:14 november 2023}.
        {name*:D. de Vries} (geboren {date:03-02-2015}, BSN {bsn*:"""
        + B["daan"]
        + """}) maakt de toets
        begrijpend lezen niet af. Vader {name*:Jeroen} vertelde dat opa {name:Henk Schouten} vroeger ook
        moeite had met lezen; onderzoek naar dyslexie ligt voor de hand. Handelingsplan besproken met
        juf {name*:Anouk}; {name*:Daan's} groep krijgt extra instructie.""",
    ),
    note(
        "daan-3",
        "ouders",
        DAAN,
        """
        Gesprek met moeder en vader op school. Zus {name*:Lotte} (groep 8) helpt thuis met huiswerk.
        Het gezin woont op {addr*:Kerkstraat 12}, {pc*:3811 AB} {place*:Amersfoort}. Oma past twee middagen op.
        Buurvrouw {name:Ria Hendriks} zorgt soms voor de kinderen. Toestemming voor bespreking in het
        zorgteam gegeven. Vader wil de verslagen per mail: {mail:jeroen.devries@example.com}.""",
    ),
    note(
        "daan-4",
        "zat",
        DAAN,
        """
        ZAT {place*:OBS De Regenboog}, {date:12 januari 2024}. Aanwezig: jeugdarts {name:Sandra Kok},
        leerplichtambtenaar {name:Peter Dekker}, IB. Onderwijsnummer {place*:"""
        + ONR["daan"]
        + """}.
        Verzuim is 14 uur dit schooljaar. Huisarts {name:Wouters} kent het gezin. Advies: aanmelding bij
        de jeugd-GGZ; {name*:De Vries} senior wordt uitgenodigd.""",
    ),
    note(
        "daan-5",
        "partner",
        DAAN,
        """
        Terugkoppeling wijkteam {place*:Amersfoort}: consulent {name:Bart Timmermans} had een gesprek met
        mevrouw {name*:El Amrani}. Aanmelding bij het opvoedsteunpunt is gedaan, de wachtlijst is zes weken.
        Bereikbaar via {tel:033-4691234} of {mail:b.timmermans@wijkteam-example.nl}. Behandeling start na de
        intake met {name*:Daan} en zijn vader.""",
    ),
    # -- Noah Yılmaz, CBS De Fontein ------------------------------------------------------------------------
    note(
        "noah-1",
        "leerkracht",
        NOAH,
        """
        De leerkracht van groep 3, meester {name*:Bram}, meldt dat {name*:Noah} veel huilt bij het afscheid.
        Lezen gaat goed, rekenen ook. In de klas is hij stil; in de pauze speelt hij met {name:Sem} en
        {name:Julian}. Vader belde vanaf {tel:06 2837 4615} dat oma ziek is in Turkije.""",
    ),
    note(
        "noah-2",
        "ouders",
        NOAH,
        """
        Gesprek met moeder {name*:Ayşe Yilmaz} en tolk {name:Hatice Demir}. Thuis spreekt het gezin Turks;
        broer {name*:Emre} (14) vertaalt vaak. Moeder is bereikbaar op {tel:+31 6 19283746} en via
        {mail:ayse1985@example.org}. Toestemming gegeven voor overleg met de GGD.""",
    ),
    note(
        "noah-3",
        "ib",
        NOAH,
        """
        Verslag intern begeleider {name*:K. Mulder}. {name*:Noah Yılmaz}, geboren {date:17 augustus 2017},
        woont op {addr*:Assendorperstraat 88}, {pc*:8012 DJ} {place*:Zwolle}. BSN {bsn*:"""
        + dotted(B["noah"])
        + """}.
        Observatie in groep 3: concentratie wisselend. Toets AVI M3 gehaald. Geen handelingsplan nodig,
        wel een gesprek met {name*:Mehmet} over slaap.""",
    ),
    note(
        "noah-4",
        "zat",
        NOAH,
        """
        ZAT {date:7 maart 2024} op {place*:CBS De Fontein}. Jeugdarts {name:Marieke Smeets} adviseert een
        gehoortest. {name*:Noahs} verzuim is laag. Leerplicht niet nodig. Huisarts dr. {name:Schipper} wordt
        gevraagd om informatie. Oom {name:Kemal} haalt {name*:Noah} soms op.""",
    ),
    # -- Amira Haddad, Kindcentrum Het Palet ----------------------------------------------------------------
    note(
        "amira-1",
        "leerkracht",
        AMIRA,
        """
        {name*:Amira} (groep 6) kwam twee jaar geleden uit Syrië. De leerkracht, juf {name*:Eva}, ziet grote
        vooruitgang in lezen, maar rekenen blijft lastig. Ze schrikt van harde geluiden in de klas en in de
        pauze. Moeder {name*:Rania Haddad} vraagt om een gesprek: {tel:0570-612345}.""",
    ),
    note(
        "amira-2",
        "ib",
        AMIRA,
        """
        Intern begeleider {name*:Joke ter Horst} deed een observatie op {date:2 oktober 2023}. Toets: spelling
        goed, begrijpend lezen zwak. Geen dyslexie. Handelingsplan gericht op woordenschat. Vader
        {name*:O. Haddad} werkt in de avond. Broertje {name*:Yusuf} zit in groep 1 bij juf {name:Petra}.""",
    ),
    note(
        "amira-3",
        "ouders",
        AMIRA,
        """
        Gesprek met vader en moeder thuis op {addr*:Rembrandtlaan 31}, {pc*:7415 CK} {place*:Deventer}.
        Moeder vertelt dat {name*:Amira} 's nachts wakker wordt. Oma woont nog in Aleppo. Toestemming
        voor aanmelding bij het wijkteam. Vluchtelingenwerk, contactpersoon {name:Annemiek Bos},
        {tel:06-55443322}.""",
    ),
    note(
        "amira-4",
        "zat",
        AMIRA,
        """
        ZAT {place*:Kindcentrum Het Palet}: {name*:Amira Haddad}, BSN {bsn*:"""
        + spaced(B["amira"])
        + """},
        onderwijsnummer {place*:"""
        + ONR["amira"]
        + """}. Jeugdarts {name:Tessa van Wijk} ziet signalen van
        trauma. Advies: behandeling bij een GGZ-instelling. Verzuim: geen. Huisarts {name:Jansma} is op de
        hoogte. Leerplicht niet betrokken.""",
    ),
    note(
        "amira-5",
        "partner",
        AMIRA,
        """
        Terugkoppeling van de GGD: aanmelding ontvangen op {date:15-01-2024}, wachtlijst acht weken.
        Behandelaar {name:Merel Kuipers} ({mail:m.kuipers@ggz-example.nl}) neemt contact op met mevrouw
        {name*:Haddad}. Wijkteam blijft betrokken.""",
    ),
    # -- Julia van der Meer, OBS Het Kompas -----------------------------------------------------------------
    note(
        "julia-1",
        "leerkracht",
        JULIA,
        """
        {name*:Julia van der Meer} (groep 7) heeft meer tijd nodig bij rekenen. De leerkracht, meester
        {name*:Wouter Bosch}, ziet dat ze in de pauze ruzie maakt met {name:Fleur} en {name:Noor}. Moeder
        {name*:Sandra} is gescheiden van vader; vader heeft een nieuwe vriendin, {name:Chantal}.""",
        keep=("meer",),
    ),
    note(
        "julia-2",
        "ib",
        JULIA,
        """
        Observatie intern begeleider {name*:Ingrid van der Hoeven}, {date:21 februari 2024}. {name*:Julia}
        is snel afgeleid; toets rekenen onder het gemiddelde. Handelingsplan: meer herhaling. Broer
        {name*:Thijmen} zit in groep 4. Vader {name*:Mark van der Meer} belt vanaf {tel:023-5312468}.""",
        keep=("meer",),
    ),
    note(
        "julia-3",
        "ouders",
        JULIA,
        """
        Gesprek met moeder op school. Thuis is het onrustig sinds de scheiding. Moeder woont met de kinderen
        op {addr*:Zijlweg 140}, {pc*:2015 BK} {place*:Haarlem}; vader woont bij zijn vriendin in Heemstede,
        {addr:Binnenweg 61}, {pc:2101 JC}. Oma helpt. Toestemming voor het zorgteam, niet voor
        externe partners. E-mail moeder: {mail:sandra.vdmeer@example.nl}.""",
    ),
    note(
        "julia-4",
        "zat",
        JULIA,
        """
        ZAT {date:4 april 2024}, {place*:OBS Het Kompas}. {name*:J. van der Meer}, BSN {bsn*:"""
        + B["julia"]
        + """}.
        Jeugdarts {name:Rutger Vos}: geen medische oorzaak. Verzuim 3 dagen. Advies: gesprek met beide ouders.
        Huisarts mevrouw {name:Aksoy} stuurt een brief. {name*:Van der Meer} wil meer betrokken worden.""",
        keep=("meer",),
    ),
    # -- Milan Wiśniewski, RKBS Sint Jozef -------------------------------------------------------------------
    note(
        "milan-1",
        "leerkracht",
        MILAN,
        """
        {name*:Milan} (groep 4) is pas in Nederland. De leerkracht, juf {name*:Saskia}, ziet dat hij in de
        klas goed meedoet met rekenen; lezen in het Nederlands is nog moeilijk. In de pauze speelt hij met
        {name:Kacper}. Moeder {name*:Katarzyna} spreekt wat Engels.""",
    ),
    note(
        "milan-2",
        "ouders",
        MILAN,
        """
        Gesprek met vader {name*:Piotr Wiśniewski} en moeder. Het gezin woont op {addr*:Ringbaan-Oost 203},
        {pc*:5013 CA} {place*:Tilburg}, boven de werkgever van vader. Zusje {name*:Ewa} is 2. Oma komt uit
        Polen om te helpen. Toestemming gegeven. Telefoon vader {tel:+31 (0)6-2468 1357}.""",
    ),
    note(
        "milan-3",
        "ib",
        MILAN,
        """
        Intern begeleider {name*:Ruud Vermeulen}: {name*:Milans} toets NT2 laat groei zien. Observatie
        {date:9 mei 2024}. Handelingsplan: woordenschat. BSN {bsn*:"""
        + B["milan"]
        + """}, onderwijsnummer
        {place*:"""
        + ONR["milan"]
        + """}. Tolk via {name:Agnieszka Nowak}, {mail:a.nowak@tolk-example.pl}.""",
    ),
    note(
        "milan-4",
        "partner",
        MILAN,
        """
        Terugkoppeling wijkteam: werkgever van vader, de heer {name:Van Gils}, dreigt met ontslag en dan
        verliest het gezin de woning. Consulent {name:Ilse Verbeek} ({tel:013 - 542 88 10}) begeleidt de
        aanmelding bij schuldhulp. Geen behandeling nodig voor {name*:Milan}; wachtlijst niet van toepassing.""",
    ),
    # -- Jayden Pinas, Basisschool De Klimop -----------------------------------------------------------------
    note(
        "jayden-1",
        "leerkracht",
        JAYDEN,
        """
        {name*:Jayden} (groep 8) is vaak te laat. De leerkracht, juf {name*:Esra Kaya}, ziet dat hij moe is.
        Rekenen en lezen op niveau. In de pauze is er ruzie met {name:Dylan Martina}. Moeder werkt in de
        nacht; oma {name*:Lucia} brengt hem soms.""",
    ),
    note(
        "jayden-2",
        "zat",
        JAYDEN,
        """
        ZAT {place*:Basisschool De Klimop}, {date:30-11-2023}. {name*:Jayden Pinas}, geboren {date:6 juni 2012},
        BSN {bsn*:"""
        + dotted(B["jayden"])
        + """}. Verzuim 22 uur, leerplicht is ingelicht. Jeugdarts
        {name:Gijs Hermans} ziet slaapproblemen. Huisarts {name:Kromosoeto} verwijst door. Advies: gesprek met
        moeder {name*:Shanti} en broer {name*:Jason}.""",
    ),
    note(
        "jayden-3",
        "ouders",
        JAYDEN,
        """
        Gesprek met moeder en oma op school. Het gezin woont op {addr*:Zwaanshals 17b}, {pc*:3035 KP}
        {place*:Rotterdam}. Vader is niet in beeld; oom {name:Ricardo Sabajo} helpt soms. Toestemming voor
        ZAT-bespreking. Moeder: {tel:06-87654321}, {mail:shanti.pinas@example.com}. Thuis weinig ruimte.""",
    ),
    note(
        "jayden-4",
        "partner",
        JAYDEN,
        """
        Terugkoppeling wijkteam Noord: aanmelding bij het jongerenwerk is gelukt. Jongerenwerker
        {name:Mitchell Kortstam} ziet {name*:Jayden} op woensdag. Behandeling is niet nodig; wachtlijst geen.
        Contact school: meester {name*:Hans}, {tel:010-4123456}.""",
        keep=("meester",),
    ),
    # -- Femke Hoekstra, IKC De Zeester ----------------------------------------------------------------------
    note(
        "femke-1",
        "leerkracht",
        FEMKE,
        """
        {name*:Femke} (groep 2) praat weinig in de klas. De leerkracht, juf {name*:Marije}, ziet dat ze in de
        pauze alleen in de zandbak speelt. Rekenen en lezen zijn nog niet aan de orde. Moeder
        {name*:Tjitske Zijlstra} denkt aan verlegenheid; vader {name*:Sjoerd} is vaak op zee.""",
    ),
    note(
        "femke-2",
        "ib",
        FEMKE,
        """
        Observatie intern begeleider {name*:Klaas Postma} op {date:16 januari 2024}: {name*:F. Hoekstra}
        reageert niet op haar naam. Toets niet afgenomen. Handelingsplan: onderzoek naar gehoor en taal.
        Broer {name*:Jelle} had logopedie bij {name:Baukje de Haan}.""",
    ),
    note(
        "femke-3",
        "ouders",
        FEMKE,
        """
        Gesprek met moeder thuis, {addr*:Schieringersweg 5}, {pc*:8921 AV} {place*:Leeuwarden}. Oma
        {name:Geertje Dijkstra} woont in het huis ernaast. Toestemming gegeven voor onderzoek. Moeder:
        {tel:058 212 34 56}, {mail:tjitske.zijlstra@example.nl}. BSN van moeder {bsn:"""
        + PARENT_BSN[0]
        + """}
        staat per ongeluk in het formulier.""",
    ),
    note(
        "femke-4",
        "zat",
        FEMKE,
        """
        ZAT {place*:IKC De Zeester}. {name*:Femke Hoekstra}, BSN {bsn*:"""
        + B["femke"]
        + """}, geboren
        {date:19-09-2019}. Jeugdarts {name:Hilde Bakker} verwijst naar de KNO-arts. Geen verzuim; leerplicht
        niet van toepassing. Advies: audiologisch centrum. Huisarts {name:Van der Veen} is akkoord.""",
    ),
    # -- Zoë van den Broek, Montessorischool Oog in Al ------------------------------------------------------
    note(
        "zoe-1",
        "leerkracht",
        ZOE,
        """
        {name*:Zoë} (groep 6) kwam na de pauze met een natte broek terug; het is de derde keer. De leerkracht,
        juf {name*:Naima}, wil het voorzichtig met moeder bespreken. Rekenen en lezen gaan goed. In de klas
        zit ze naast {name:Mila}.""",
        keep=("broek",),
    ),
    note(
        "zoe-2",
        "ouders",
        ZOE,
        """
        Gesprek met moeder {name*:Esther van den Broek}. Vader heeft geen contact meer. Broer {name*:Finn}
        (groep 8) zorgt veel voor {name*:Zoe}. Ze wonen op {addr*:Cartesiusweg 2}, {pc*:3534 BA}
        {place*:Utrecht}. Oma is overleden in {date:maart 2023}. Toestemming voor zorgteam gegeven; e-mail
        {mail:esther.vdbroek@example.org}, telefoon {tel:0031 6 13579246}.""",
    ),
    note(
        "zoe-3",
        "ib",
        ZOE,
        """
        Intern begeleider {name*:Gerard de Lange}: {name*:Zoë's} toets rekenen is hoog, begrijpend lezen ook.
        Observatie {date:5 februari 2024}: veel buikpijn. Handelingsplan niet nodig; wel gesprek met de
        jeugdverpleegkundige {name:Lieke Verhoeven}. {name*:Van den Broek} heeft een nieuwe broek gekocht.""",
        keep=("broek",),
    ),
    note(
        "zoe-4",
        "zat",
        ZOE,
        """
        ZAT {place*:Montessorischool Oog in Al}, {date:18 maart 2024}: {name*:Z. van den Broek}, BSN
        {bsn*:"""
        + B["zoe"]
        + """}. Jeugdarts {name:Koen Willems} vermoedt stress. Verzuim 6 uur. Advies:
        huisarts {name:De Bruijn} en schoolmaatschappelijk werk. Leerplicht niet nodig.""",
    ),
    # -- Lars de Groot, SBO De Wissel ------------------------------------------------------------------------
    note(
        "lars-1",
        "leerkracht",
        LARS,
        """
        {name*:Lars} (groep 7) werd boos in de pauze en gooide een stoel door de klas. De leerkracht, meester
        {name*:Tom Koster}, heeft moeder {name*:Priya Ramdin} gebeld. Rekenen gaat goed, lezen is een groot
        probleem. {name*:Larsje} was vroeger groot fan van de klas.""",
        keep=("groot",),
    ),
    note(
        "lars-2",
        "ib",
        LARS,
        """
        Observatie door intern begeleider {name*:Anne-Marie Jansen} op {date:11-03-2024}: {name*:L. de Groot}
        heeft moeite met overgangen. Toets lezen E-niveau; dyslexieverklaring van drs. {name:Van Rijn}.
        Handelingsplan: vaste structuur. Vader {name*:Michiel} vraagt om een gesprek.""",
    ),
    note(
        "lars-3",
        "ouders",
        LARS,
        """
        Gesprek met vader en moeder. Thuis {addr*:Loolaan 44}, {pc*:7314 AK} {place*:Apeldoorn}. De oma van
        vaderskant, {name:Wilma de Groot-Hulshof}, past op. Toestemming voor het zorgteam. Vader:
        {mail:michiel.degroot@example.com}, {tel:06-31415926}. Ze hebben een groot huis met tuin.""",
        keep=("groot",),
    ),
    note(
        "lars-4",
        "partner",
        LARS,
        """
        Terugkoppeling van {name:Jeroen Smits}, ambulant begeleider: aanmelding voor behandeling bij een
        kinderpsychiater is gedaan, wachtlijst vier maanden. {name*:De Groot} krijgt tot die tijd begeleiding
        op school. Contact: {tel:055-5432198}.""",
    ),
    # -- Sara Hassan, OBS De Driesprong ----------------------------------------------------------------------
    note(
        "sara-1",
        "leerkracht",
        SARA,
        """
        {name*:Sara} (groep 1) is vaak ziek. De leerkracht, juf {name*:Linda}, ziet dat ze in de klas niet
        eet. Rekenen en lezen zijn nog niet aan de orde. Moeder {name*:Hodan Ali} spreekt Somalisch en wat
        Nederlands. Zus {name*:Ilham} (groep 5) vertaalt in de pauze.""",
    ),
    note(
        "sara-2",
        "zat",
        SARA,
        """
        ZAT {place*:OBS De Driesprong}, {date:23 mei 2024}. {name*:Sara Hassan}, geboren {date:2 januari 2020},
        BSN {bsn*:"""
        + B["sara"]
        + """}. Jeugdarts {name:Fenna Jonker} zag een groeiachterstand. Verzuim 40 uur;
        leerplicht belt met vader {name*:Abdi Hassan}. Advies: huisarts {name:Oduya} en diëtist.""",
    ),
    note(
        "sara-3",
        "ouders",
        SARA,
        """
        Gesprek met moeder en tolk {name:Faadumo Warsame}. Het gezin woont op {addr*:Marsstraat 9},
        {pc*:1363 VK} {place*:Almere}. Oma is in Somalië. Buurman {name:Gerrit Mol} helpt met brieven.
        Toestemming gegeven. Moeder: {tel:06 11 22 33 44}. BSN vader {bsn:"""
        + dotted(PARENT_BSN[1])
        + """}.""",
    ),
    note(
        "sara-4",
        "partner",
        SARA,
        """
        Terugkoppeling GGD: aanmelding diëtist gedaan, wachtlijst twee weken. Behandeling via de huisarts.
        Contactpersoon {name:Yvonne Prins}, {mail:y.prins@ggd-example.nl}, {tel:036-5398765}. Directeur
        {name*:Peter van Dam} is op de hoogte.""",
    ),
    # -- mixed: notes that name several records' pupils are out; these stand alone -------------------------
    note(
        "misc-1",
        "zat",
        DAAN,
        """
        ZAT-overleg {date:8 februari 2024}: leerplicht meldt verzuim van {name*:Daan}. Adres oom,
        {name:Stefan Ruiter}, {addr:Lindenlaan 3}, {pc:3812 EH} {place*:Amersfoort}, waar {name*:Daan} soms
        slaapt. Jeugdarts en huisarts dokter {name:Meijer} geven advies. Mail {mail:s.ruiter@example.net}.""",
    ),
    note(
        "misc-2",
        "ib",
        NOAH,
        """
        Intern begeleider noteert: {name*:Emre Yılmaz} (broer) kwam zonder afspraak en vroeg naar de toets
        van {name*:Noah}. Handelingsplan ongewijzigd. Observatie door {name:Judith van Beek} van het
        samenwerkingsverband op {date:12-04-2024}. Postadres samenwerkingsverband: {addr:Postbus 1024},
        {pc:8001BA}.""",
    ),
    note(
        "misc-3",
        "ouders",
        AMIRA,
        """
        Telefonisch gesprek met moeder; tolk {name:Nour Khalil} ({tel:06-98765432}). Thuis slaapt {name*:Yusuf}
        slecht. Toestemming voor GGD blijft. Vader verhuist tijdelijk naar {addr:Oude Markt 5}, Enschede.
        Moeder vraagt of oma een visum kan krijgen.""",
    ),
    note(
        "misc-4",
        "partner",
        JULIA,
        """
        Terugkoppeling wijkteam Haarlem-Noord: {name:Karim Benali} had op {date:10 mei 2024} een gesprek met
        beide ouders. Aanmelding voor mediation; wachtlijst drie weken. Behandeling voor {name*:Julia} niet
        nodig. Vragen via {mail:wijkteam.noord@example.nl} of {tel:023 - 511 00 00}.""",
    ),
    note(
        "misc-5",
        "leerkracht",
        LARS,
        """
        De leerkracht meldt: {name*:Lars} en {name:Bilal} vochten in de pauze; {name:Bilals} vader kwam
        verhaal halen. Moeder en vader van {name*:Lars} zijn gebeld. Rekenen en lezen lagen stil in de klas.
        Zie ook {name*:L. de Groot} in het logboek van {date:3-10-2023}.""",
    ),
)

# Written after the de-identifier was tuned on the notes above and not used for tuning since: their recall is
# the honest estimate for text nobody has seen.
HELD_OUT_NOTES: tuple[Note, ...] = (
    note(
        "held-1",
        "leerkracht",
        DAAN,
        """
        De leerkracht schrijft: {name*:Daan} en {name:Ruben Vos} hebben ruzie gehad over een spel. {name:Ruben}
        zegt dat {name*:Daantje} begon. Moeder heeft met de moeder van {name:Ruben}, {name:Marieke Vos},
        gebeld. Rekenen ging daarna niet meer. In de pauze blijft hij voortaan bij de klas.""",
    ),
    note(
        "held-2",
        "ouders",
        NOAH,
        """
        Gesprek met vader {name*:Mehmet} en oom {name:Serkan Aydın}. Thuis is het krap: zes mensen in een
        flat aan de {addr:Dobbestraat 14}, {pc:8014 LK}. Oma woont bij het gezin sinds {date:januari 2024}.
        Toestemming voor het zorgteam gegeven. Oom is bereikbaar op {tel:06-24681012}.""",
    ),
    note(
        "held-3",
        "zat",
        AMIRA,
        """
        ZAT {date:14-03-2024}: {name*:Amira}. Jeugdarts {name:Lotte Brands} heeft {name*:Amira} gezien.
        Verzuim nihil. Advies: EMDR via de huisarts, praktijk {name:Oosterveld}. Leerplicht niet nodig.
        Moeder vraagt of {name:Salma}, een nicht die ook in {place*:Deventer} woont, mee mag komen.""",
    ),
    note(
        "held-4",
        "ib",
        JULIA,
        """
        Intern begeleider: toets van {name*:Julia} besproken met meester {name*:Wouter}. Observatie op
        {date:6 juni 2024} door orthopedagoog {name:Dirk-Jan Mertens}. Handelingsplan aangepast; geen
        dyslexie. Vader {name*:Mark} wil meer informatie via {mail:mark.vandermeer@example.com}.""",
        keep=("meer",),
    ),
    note(
        "held-5",
        "partner",
        MILAN,
        """
        Terugkoppeling wijkteam: {name:Ivana Petrović} van het Poolse steunpunt helpt moeder met formulieren.
        Aanmelding voor huurtoeslag gedaan. Wachtlijst niet van toepassing. Behandeling voor {name*:Milan}
        niet nodig. Steunpunt: {tel:013-5800080}, {addr:Spoorlaan 350}, {pc:5038 CC}.""",
    ),
    note(
        "held-6",
        "leerkracht",
        JAYDEN,
        """
        De leerkracht ziet dat {name*:Jayden} in de klas slaapt. Zijn vriend {name:Quincy} vertelde dat
        {name*:Jayden} 's nachts gamet met neef {name:Romano}. Rekenen gaat achteruit; lezen ook. Moeder
        gebeld op {tel:06 8765 4321}, geen gehoor. In de pauze zit hij alleen.""",
    ),
    note(
        "held-7",
        "ouders",
        FEMKE,
        """
        Gesprek met vader {name*:Sjoerd Hoekstra} na zijn terugkomst van zee. Thuis gaat het beter. Oma
        {name:Geertje} helpt niet meer sinds haar val op {date:2 mei 2024}. Toestemming voor audiologisch
        onderzoek. E-mail vader {mail:s.hoekstra@example.frl}. BSN {bsn*:"""
        + dotted(B["femke"])
        + """}.""",
    ),
    note(
        "held-8",
        "zat",
        ZOE,
        """
        ZAT-bespreking {name*:Zoë}: jeugdarts {name:Anouk Vermeer} ziet geen medische oorzaak voor de
        buikpijn. Verzuim 10 uur. Advies: gesprek met moeder en met de nieuwe partner van moeder,
        {name:Rob Hagen}. Huisarts {name:Kuijpers} krijgt een brief. Leerplicht niet nodig.""",
    ),
    note(
        "held-9",
        "partner",
        LARS,
        """
        Terugkoppeling kinderpsychiatrie: {name*:Lars de Groot}, geboren {date:28-02-2013}, BSN
        {bsn*:"""
        + spaced(B["lars"])
        + """}. Behandelaar {name:Sophie van Leeuwen} start in september.
        Wachtlijst voorbij. Aanmelding bij het wijkteam voor gezinsbegeleiding door {name:Hamid Azizi}.""",
    ),
    note(
        "held-10",
        "ib",
        SARA,
        """
        Observatie intern begeleider {name*:Linda Veenstra}: {name*:Sara} speelt alleen met {name:Hawa}.
        Toets niet mogelijk in groep 1. Handelingsplan: taalstimulering met hulp van
        {name:Fatuma Abdullahi} (tolk). Moeder: {tel:+31 6 4455 6677}, {mail:hodan.ali@example.so}.""",
    ),
)
ALL_NOTES: tuple[Note, ...] = NOTES + HELD_OUT_NOTES


# -- measurement ----------------------------------------------------------------------------------------------

# The categories the report and the test use, in order: (label, predicate on a secret).
CATEGORIES: tuple[tuple[str, Callable[[Secret], bool]], ...] = (
    ("known names", lambda s: s.kind == "name" and s.known),
    ("known places", lambda s: s.kind != "name" and s.known),
    ("unknown names", lambda s: s.kind == "name" and not s.known),
    ("addresses", lambda s: s.kind == "addr"),
    ("postcodes", lambda s: s.kind == "pc"),
    ("phones", lambda s: s.kind == "tel"),
    ("e-mails", lambda s: s.kind == "mail"),
    ("BSN", lambda s: s.kind == "bsn"),
    ("dates", lambda s: s.kind == "date"),
)

# Ordinary words that must survive de-identification, per note category: exactly as often in the output as in
# the input (whole words, case-sensitive).
MUST_SURVIVE: dict[str, tuple[str, ...]] = {
    "leerkracht": ("De leerkracht", "groep", "rekenen", "lezen", "pauze", "klas", "moeder", "vader"),
    "ib": ("intern begeleider", "Observatie", "toets", "Handelingsplan", "dyslexie", "groep"),
    "zat": ("ZAT", "Jeugdarts", "leerplicht", "Verzuim", "Advies", "huisarts", "Huisarts"),
    "ouders": ("Gesprek", "moeder", "vader", "Thuis", "Toestemming", "oma", "Oma", "school"),
    "partner": ("Terugkoppeling", "wijkteam", "aanmelding", "wachtlijst", "Behandeling", "GGD"),
}

_NAME_SUFFIX = r"(?:['’]s|['’]|s|tje|je|pje|etje|ke|ie)?"
_TOKEN_RE = re.compile(r"\w+")


def _tokens(value: str) -> list[str]:
    return [token.casefold() for token in _TOKEN_RE.findall(value)]


def leaked(note_: Note, output: str) -> list[Secret]:
    """The secrets of `note_` that still show in `output`.

    A secret shows when any of its distinctive tokens is still a word of the output (for names also with a
    possessive or diminutive ending). Tokens that also occur in the note's other text ("maart", "de") are not
    distinctive; one-letter tokens only count when they are all the secret has.
    """
    common = set(_tokens(_outside_secrets(note_)))
    out_words = set(_tokens(output))
    leaks: list[Secret] = []
    for secret in note_.secrets:
        tokens = [t for t in _tokens(secret.value) if t not in common]
        if len(tokens) > 1:
            tokens = [t for t in tokens if len(t) > 1 or t.isdigit()]
        if any(t in out_words for t in tokens) or (
            secret.kind == "name"
            and any(
                re.search(rf"(?<!\w){re.escape(t)}{_NAME_SUFFIX}(?!\w)", output, re.IGNORECASE)
                for t in tokens
                if len(t) >= 3
            )
        ):
            leaks.append(secret)
    return leaks


def survivors_lost(note_: Note, output: str) -> list[str]:
    """Must-survive words that occur fewer times in the output than in the input."""
    lost = []
    for word in (*MUST_SURVIVE.get(note_.category, ()), *note_.keep):
        pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")
        if len(pattern.findall(output)) < len(pattern.findall(_outside_secrets(note_))):
            lost.append(word)
    return lost


def _outside_secrets(note_: Note) -> str:
    """The note's text with every secret blanked out: the words that are not identifying."""
    chars = list(note_.text)
    for secret in note_.secrets:
        chars[secret.start : secret.end] = " " * (secret.end - secret.start)
    return "".join(chars)


@dataclass
class CategoryResult:
    label: str
    total: int = 0
    found: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)  # (note key, value)

    @property
    def recall(self) -> float:
        return self.found / self.total if self.total else 1.0


@dataclass
class Evaluation:
    categories: list[CategoryResult]
    outputs: dict[str, str]
    lost_words: dict[str, list[str]]
    mean_ms: float

    def category(self, label: str) -> CategoryResult:
        return next(result for result in self.categories if result.label == label)


def evaluate(
    deidentify: Callable[..., str], notes: Sequence[Note] = ALL_NOTES, rounds: int = 1
) -> Evaluation:
    """Run `deidentify` over every note (`rounds` times, for the timing) and score it per category."""
    outputs: dict[str, str] = {}
    started = time.perf_counter()
    for _ in range(rounds):
        for note_ in notes:
            outputs[note_.key] = deidentify(note_.text, people=note_.people, places=note_.places)
    mean_ms = (time.perf_counter() - started) * 1000 / (rounds * len(notes))
    results = [CategoryResult(label) for label, _ in CATEGORIES]
    for note_ in notes:
        leaks = leaked(note_, outputs[note_.key])
        for secret in note_.secrets:
            for result, (_, belongs) in zip(results, CATEGORIES, strict=True):
                if belongs(secret):
                    result.total += 1
                    if secret in leaks:
                        result.misses.append((note_.key, secret.value))
                    else:
                        result.found += 1
    lost = {n.key: words for n in notes if (words := survivors_lost(n, outputs[n.key]))}
    return Evaluation(results, outputs, lost, mean_ms)
