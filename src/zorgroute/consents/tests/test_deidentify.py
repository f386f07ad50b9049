"""The free-text de-identifier: every rule as a table, then recall and precision over fictitious care notes.

The deduce engine loads once per test process (a few seconds from the cache built at install); no test builds it.
"""

import logging
import re
import sys
import threading

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum.nl import bsn as nl_bsn

from zorgroute.consents import deidentify as module
from zorgroute.consents.deidentify import PLACEHOLDERS, KnownPerson, deidentify, get_engine
from zorgroute.consents.tests.deidentify_fixtures import (
    ALL_NOTES,
    BSN,
    CATEGORIES,
    HELD_OUT_NOTES,
    MUST_SURVIVE,
    ONR,
    PARENT_BSN,
    dotted,
    evaluate,
    leaked,
    make_bsn,
    note,
    spaced,
)
from zorgroute.consents.tests.deidentify_fixtures import DAAN as DAAN_RECORD

DAAN = KnownPerson("Daan", "Vries", "de")
JULIA = KnownPerson("Julia", "Meer", "van der")
ZOE = KnownPerson("Zoë", "Broek", "van den")
ANNE_MARIE = KnownPerson("Anne-Marie", "Jansen")
AYSE = KnownPerson("Ayşe", "Yılmaz")

# Thresholds set a little below what `manage.py deidentify_recall` measured (see docs/decisions/0006).
UNKNOWN_NAME_RECALL = 0.92  # measured 0.96 (72/75) on all notes, 1.00 (20/20) on the held-out notes
ADDRESS_RECALL = 0.95  # measured 1.00 (16/16)
DATE_RECALL = 0.95  # measured 1.00 (29/29)


def scrub(text: str, people=(DAAN,), places=()) -> str:
    return deidentify(text, people=people, places=places)


# -- (a) names the record knows ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daan de Vries is ziek.", "[NAAM] is ziek."),
        ("Daan Vries is ziek.", "[NAAM] is ziek."),
        ("DAAN DE VRIES is ziek.", "[NAAM] is ziek."),
        ("daan de vries is ziek.", "[NAAM] is ziek."),
        ("Daan is ziek.", "[NAAM] is ziek."),
        ("Gesprek met De Vries.", "Gesprek met [NAAM]."),
        ("Gesprek met de Vries.", "Gesprek met [NAAM]."),
        ("Gesprek met Vries.", "Gesprek met [NAAM]."),
        ("Daans moeder belde.", "[NAAM] moeder belde."),
        ("Daan's moeder belde.", "[NAAM] moeder belde."),
        ("Daan’s moeder belde.", "[NAAM] moeder belde."),
        ("Daantje huilde.", "[NAAM] huilde."),
        ("D. de Vries, groep 5.", "[NAAM], groep 5."),
        ("D.de Vries, groep 5.", "[NAAM], groep 5."),
        ("D de Vries, groep 5.", "[NAAM], groep 5."),
        ("Zie D. Vries.", "Zie [NAAM]."),
        ("Familie De Vries' auto.", "Familie [NAAM] auto."),
        ("Daan\nde  Vries", "[NAAM]"),
    ],
)
def test_it_replaces_every_form_of_a_known_name(text, expected):
    assert scrub(text) == expected


@pytest.mark.parametrize(
    ("person", "text", "expected"),
    [
        (JULIA, "Van der Meer belt.", "[NAAM] belt."),
        (JULIA, "van der Meer belt.", "[NAAM] belt."),
        (JULIA, "J. van der Meer belt.", "[NAAM] belt."),
        (JULIA, "Julia Meer belt.", "[NAAM] belt."),
        (JULIA, "Meer belt.", "[NAAM] belt."),
        # the prefix-less surname is an ordinary word in lower case: kept
        (JULIA, "Julia wil meer hulp.", "[NAAM] wil meer hulp."),
        (ZOE, "Zoë en Zoe en Zoë's jas.", "[NAAM] en [NAAM] en [NAAM] jas."),
        (ZOE, "Haar broek is nat; Van den Broek weet het.", "Haar broek is nat; [NAAM] weet het."),
        (ANNE_MARIE, "Anne-Marie, Anne Marie, Anne en Marie.", "[NAAM], [NAAM], [NAAM] en [NAAM]."),
        (ANNE_MARIE, "A.M. Jansen en A. M. Jansen.", "[NAAM] en [NAAM]."),
        (AYSE, "Ayşe Yılmaz en Ayse Yilmaz.", "[NAAM] en [NAAM]."),
    ],
)
def test_it_handles_prefixes_initials_and_accents(person, text, expected):
    assert scrub(text, people=(person,)) == expected


def test_it_matches_whole_words_only():
    bas = KnownPerson("Bas", "Smit")
    assert scrub("Bas gaat naar de basisschool; smid en smitten.", people=(bas,)) == (
        "[NAAM] gaat naar de basisschool; smid en smitten."
    )


def test_it_replaces_the_longest_form_first():
    people = (DAAN, KnownPerson("Lotte", "Vries", "de"))
    assert scrub("Daan de Vries en Lotte de Vries.", people=people) == "[NAAM] en [NAAM]."


def test_it_never_leaves_a_fragment_of_a_known_name():
    people = (DAAN, JULIA, ZOE, ANNE_MARIE, AYSE, KnownPerson("Fatima", "Amrani", "el"))
    text = (
        "Daan de Vries, Daans zus, D.de Vries, Van der Meer, J. van der Meer, Zoë van den Broek, Zoe's jas, "
        "Anne-Marie Jansen, A.M. Jansen, Ayşe Yılmaz, Fatima el Amrani, mevrouw El Amrani en Julia."
    )
    out = scrub(text, people=people)
    for fragment in (
        "daan",
        "vries",
        "julia",
        "zoë",
        "zoe",
        "broek",
        "anne",
        "marie",
        "jansen",
        "ayşe",
        "yılmaz",
    ):
        assert fragment not in out.lower()
    assert re.search(r"\bel\b", out, re.IGNORECASE) is None
    assert "Amrani" not in out


# -- (b) other strings the record knows ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "text", "expected"),
    [
        ("OBS De Regenboog", "ZAT op OBS De Regenboog.", "ZAT op [INSTELLING]."),
        ("obs de regenboog", "ZAT op OBS  De Regenboog.", "ZAT op [INSTELLING]."),
        ("Montessorischool Oog in Al", "Op Montessorischool Oog in Al.", "Op [INSTELLING]."),
        ("Kerkstraat 12", "Woont op Kerkstraat 12.", "Woont op [ADRES]."),
        ("Amersfoort", "Woont in Amersfoort.", "Woont in [PLAATS]."),
        ("3811 AB", "Postcode 3811 AB.", "Postcode [POSTCODE]."),
        (BSN["daan"], f"BSN {BSN['daan']}.", "BSN [BSN]."),
        (ONR["daan"], f"Onderwijsnummer {ONR['daan']}.", "Onderwijsnummer [NUMMER]."),
    ],
)
def test_it_replaces_known_strings_exactly(place, text, expected):
    assert scrub(text, people=(), places=(place,)) == expected


# -- (c) deduce for what the record does not know ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Buurvrouw Ria Hendriks past op.", "Buurvrouw [NAAM] past op."),
        ("Huisarts dr. P. Hendriks verwijst.", "Huisarts dr. [NAAM] verwijst."),
        ("Huisarts Kromosoeto verwijst.", "Huisarts [NAAM] verwijst."),
        ("De heer Van Gils belde.", "De heer [NAAM] belde."),
        ("Oom woont op Lindenlaan 3, 3812 EH Amersfoort.", "Oom woont op [ADRES], [POSTCODE] [PLAATS]."),
        ("Geboren op 3 maart 2015.", "Geboren op [DATUM]."),
        ("Overleden in maart 2023.", "Overleden in [DATUM]."),
        ("Afspraak 12-05-2024 en 2024-05-13.", "Afspraak [DATUM] en [DATUM]."),
        ("Hij is 9 jaar oud.", "Hij is [LEEFTIJD] jaar oud."),
        ("Zie https://www.example.nl/dossier?id=4.", "Zie [URL]."),
        ("Mail naar j.jansen@example.com.", "Mail naar [E-MAIL]."),
        ("Mail naar daan.devries@example.nl.", "Mail naar [E-MAIL]."),  # an e-mail swallows the name in it
        ("Vader van Lars belde.", "Vader van [NAAM] belde."),  # "van" here is an ordinary word
    ],
)
def test_it_finds_what_the_record_does_not_know(text, expected):
    assert scrub(text) == expected


# -- (d) safety net ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (BSN["noah"], "[BSN]"),
        (dotted(BSN["noah"]), "[BSN]"),
        (spaced(BSN["noah"]), "[BSN]"),
        (f"{BSN['noah'][:3]}.{BSN['noah'][3:6]}.{BSN['noah'][6:]}", "[BSN]"),
        (f"{BSN['noah'][:4]} {BSN['noah'][4:6]} {BSN['noah'][6:]}", "[BSN]"),
        ("123456789", "[NUMMER]"),  # fails the eleven-test
        ("87654321", "[NUMMER]"),
        (ONR["noah"], "[NUMMER]"),
    ],
)
def test_it_replaces_8_to_9_digit_numbers(number, expected):
    assert nl_bsn.is_valid(number.replace(".", "").replace(" ", "")) == (expected == "[BSN]")
    assert (
        scrub(f"Het nummer is {number}, zegt moeder.", people=()) == f"Het nummer is {expected}, zegt moeder."
    )


@pytest.mark.parametrize(
    "phone",
    [
        "06-12345678",
        "06 1234 5678",
        "0612345678",
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)6-1234 5678",
        "0031 6 13579246",
        "020-1234567",
        "(020) 123 45 67",
        "033 - 469 12 34",
        "058 212 34 56",
    ],
)
def test_it_replaces_dutch_phone_numbers(phone):
    assert (
        scrub(f"Bel moeder op {phone} na drie uur.", people=())
        == "Bel moeder op [TELEFOONNUMMER] na drie uur."
    )


@pytest.mark.parametrize("postcode", ["3811 AB", "3811AB", "3811ab"])
def test_it_replaces_postcodes(postcode):
    assert (
        scrub(f"Postcode {postcode}, derde verdieping.", people=())
        == "Postcode [POSTCODE], derde verdieping."
    )


@pytest.mark.parametrize(
    "text",
    [
        "In 2015 en 2016 zat hij in groep 5.",
        "Schooljaar 2019 2020 verliep rustig.",
        "Hij heeft 1500 woorden geoefend met rekenen.",
        "De leerkracht van groep 5 meldt dat moeder het rekenen thuis oefent.",
        "De intern begeleider, de jeugdarts en de leerplichtambtenaar spraken over verzuim.",
        "Het ZAT adviseert een aanmelding bij het wijkteam; de wachtlijst is zes weken.",
    ],
)
def test_it_leaves_ordinary_text_alone(text):
    assert scrub(text) == text


# -- the function's contract ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\t  \n"])
def test_it_returns_empty_text_as_is(text):
    assert deidentify(text) == text


def test_it_is_deterministic():
    record_note = next(n for n in ALL_NOTES if n.key == "daan-1")
    outputs = {
        deidentify(record_note.text, people=record_note.people, places=record_note.places) for _ in range(3)
    }
    assert len(outputs) == 1


def test_it_has_one_placeholder_table_with_dutch_tokens():
    assert set(PLACEHOLDERS.values()) <= {
        "[NAAM]",
        "[PLAATS]",
        "[INSTELLING]",
        "[DATUM]",
        "[LEEFTIJD]",
        "[BSN]",
        "[NUMMER]",
        "[TELEFOONNUMMER]",
        "[E-MAIL]",
        "[URL]",
    }


def test_it_shares_one_engine_loaded_once():
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(get_engine())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(engine) for engine in seen}) == 1
    assert seen[0] is get_engine() is module._engine


def test_loading_the_engine_leaves_the_logging_configuration_alone(monkeypatch):
    root = logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    level = root.level
    with module._logging_untouched():
        logging.basicConfig(stream=sys.stdout, level=logging.DEBUG)  # what importing deduce does
        assert root.handlers
    assert root.handlers == []
    assert root.level == level


_VOCABULARY = [
    "de",
    "het",
    "een",
    "moeder",
    "vader",
    "groep",
    "rekenen",
    "lezen",
    "school",
    "juf",
    "meester",
    "zegt",
    "dat",
    "is",
    "niet",
    "en",
    "met",
    "in",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_VOCABULARY),
            st.sampled_from(
                [
                    "Daan",
                    "daan",
                    "Daans",
                    "Daan's",
                    "Daantje",
                    "De Vries",
                    "de Vries",
                    "Vries",
                    "D. de Vries",
                    "DAAN DE VRIES",
                    "Daan de Vries",
                ]
            ),
            st.sampled_from([",", ".", ";", "(", ")", ":"]),
        ),
        min_size=1,
        max_size=25,
    )
)
def test_no_form_of_a_known_name_survives_any_text(words):
    out = scrub(" ".join(words))
    assert "daan" not in out.lower()
    assert "vries" not in out.lower()


# -- recall and precision over the fictitious notes ---------------------------------------------------------


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(deidentify, ALL_NOTES)


def test_the_fixture_is_big_and_honest():
    assert len(ALL_NOTES) >= 40
    assert len({n.key for n in ALL_NOTES}) == len(ALL_NOTES)
    for note_ in ALL_NOTES:
        for secret in note_.secrets:
            assert note_.text[secret.start : secret.end] == secret.value
            if secret.kind == "bsn":
                assert nl_bsn.is_valid(re.sub(r"\D", "", secret.value)), secret
            if secret.known and secret.kind != "name":
                known = {re.sub(r"[\s.]", "", p).lower() for p in note_.places}
                assert re.sub(r"[\s.]", "", secret.value).lower() in known, (note_.key, secret.value)
    assert all(nl_bsn.is_valid(number) for number in (*BSN.values(), *PARENT_BSN))
    counts = {label: 0 for label, _ in CATEGORIES}
    for note_ in ALL_NOTES:
        for secret in note_.secrets:
            for label, belongs in CATEGORIES:
                counts[label] += belongs(secret)
    assert min(counts.values()) >= 10, counts


def test_the_leak_check_can_fail():
    sample = note("x", "ouders", DAAN_RECORD, "Gesprek met {name:Kees Bakker} en {tel:06-12345678}.")
    assert leaked(sample, "Gesprek met [NAAM] en [TELEFOONNUMMER].") == []
    assert [s.value for s in leaked(sample, "Gesprek met Kees [NAAM] en [TELEFOONNUMMER].")] == [
        "Kees Bakker"
    ]
    assert [s.value for s in leaked(sample, "Gesprek met [NAAM] en 06-[NUMMER].")] == ["06-12345678"]
    assert [s.value for s in leaked(sample, "Gesprek met Bakkers [NAAM] en [TELEFOONNUMMER].")] == [
        "Kees Bakker"
    ]


@pytest.mark.parametrize("label", ["known names", "known places", "BSN", "phones", "e-mails", "postcodes"])
def test_recall_is_complete_for_known_data_and_numbers(evaluation, label):
    result = evaluation.category(label)
    assert result.total > 0
    assert result.misses == [], result.misses


@pytest.mark.parametrize(
    ("label", "threshold"),
    [("unknown names", UNKNOWN_NAME_RECALL), ("addresses", ADDRESS_RECALL), ("dates", DATE_RECALL)],
)
def test_recall_of_what_the_record_does_not_know(evaluation, label, threshold):
    result = evaluation.category(label)
    assert result.recall >= threshold, (result.recall, result.misses)


def test_held_out_notes_do_as_well():
    result = evaluate(deidentify, HELD_OUT_NOTES).category("unknown names")
    assert result.recall >= UNKNOWN_NAME_RECALL, result.misses


def test_ordinary_words_survive(evaluation):
    assert evaluation.lost_words == {}
    # and the check is not vacuous: every must-survive word occurs in some note of its category
    for category, words in MUST_SURVIVE.items():
        texts = " ".join(n.text for n in ALL_NOTES if n.category == category)
        for word in words:
            assert re.search(rf"(?<!\w){re.escape(word)}(?!\w)", texts), (category, word)


def test_a_bsn_helper_makes_valid_numbers():
    assert all(nl_bsn.is_valid(make_bsn(seed)) for seed in range(50))
