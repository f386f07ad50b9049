"""De-identify free text for anonymous case discussion (DOMAIN.md §6, consent basis 3: no personal data at all).

`deidentify(text, people=..., places=...)` replaces everything identifying by a Dutch placeholder in square
brackets. Four sources of spans, all found on the original text and then replaced in one pass:

1. names the record already knows (`KnownPerson`): every form of every name — full name with and without
   prefix, first name, last name with and without prefix, initials + last name, possessives ("Daans",
   "Daan's") and first-name diminutives ("Daantje") — exact, case-insensitive, on word boundaries;
2. other strings the record knows (`places`: school name, street address, city, BSN, onderwijsnummer...);
3. deduce (Dutch de-identification library) for names, addresses, dates, ages, institutions, URLs, e-mail
   and phone numbers the record does not know;
4. a safety net of regular expressions: e-mail, URLs, Dutch phone numbers, 8–9 digit numbers (a valid BSN
   becomes [BSN], anything else [NUMMER]) and Dutch postcodes.

Spans are ranked (e-mail and URLs first, because they swallow any name inside them; then known names, known
strings, dates, phone numbers, numbers, postcodes; deduce's other findings last). A higher-ranked span claims
its characters; a lower-ranked span keeps only what is left of it, so a known name is never split and no
fragment of it survives. The result is deterministic: the same input always gives the same output.

deduce builds its lookup structures once after install (`manage.py deidentify_warm`, run by the Makefile);
one shared instance is loaded lazily, under a lock, the first time it is needed in a process.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from stdnum.nl import bsn as nl_bsn

__all__ = ["PLACEHOLDERS", "KnownPerson", "deidentify", "get_engine"]


@dataclass(frozen=True)
class KnownPerson:
    """A name the record already knows: pupil, guardians, siblings, teachers, staff."""

    first_name: str
    last_name: str
    name_prefix: str = ""  # tussenvoegsel, e.g. "van der"


# The one table of placeholders: what kind of data → the Dutch token that replaces it.
NAME = "[NAAM]"
ADDRESS = "[ADRES]"
POSTCODE = "[POSTCODE]"
PLACE = "[PLAATS]"
PHONE = "[TELEFOONNUMMER]"
EMAIL = "[E-MAIL]"
BSN = "[BSN]"
DATE = "[DATUM]"
AGE = "[LEEFTIJD]"
INSTITUTION = "[INSTELLING]"
NUMBER = "[NUMMER]"
URL = "[URL]"
OTHER = "[GEGEVEN]"  # a deduce tag we do not know yet: still removed, never kept

PLACEHOLDERS: dict[str, str] = {
    # deduce's tags (after its own post-processing) → our placeholders
    "patient": NAME,
    "persoon": NAME,
    "locatie": PLACE,  # refined by content: postcode / address with a house number / place name
    "ziekenhuis": INSTITUTION,
    "zorginstelling": INSTITUTION,
    "datum": DATE,
    "leeftijd": AGE,
    "bsn": BSN,
    "id": NUMBER,
    "telefoonnummer": PHONE,
    "emailadres": EMAIL,
    "url": URL,
}

# Rank of each source: a higher-ranked span claims its characters first.
_RANK_EMAIL_URL = 100
_RANK_KNOWN_NAME = 90
_RANK_KNOWN_STRING = 80
_RANK_DATE = 70
_RANK_PHONE = 60
_RANK_NUMBER = 50
_RANK_POSTCODE = 40
_RANK_DEDUCE = 10

_DEDUCE_RANKS = {"emailadres": _RANK_EMAIL_URL, "url": _RANK_EMAIL_URL, "datum": _RANK_DATE}


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Words that introduce a person: deduce likes to pull them into a person span ("Juf Anouk", "dr. P. Hendriks",
# "Buurman Kees Bakker") and they are cut off again, because they are not identifying and the discussion needs
# them; and a capitalised word right after one of them is taken for a name ("huisarts Kromosoeto").
_ROLE_WORDS = _wordset(
    """
    juf juffrouw meester meneer mevrouw heer buurman buurvrouw oom tante opa oma neef nicht
    broer broertje zus zusje zoon dochter vader moeder papa mama stiefvader stiefmoeder pleegvader pleegmoeder
    huisarts dokter arts jeugdarts jeugdverpleegkundige kinderarts psycholoog orthopedagoog logopedist
    leerkracht directeur begeleider consulent jeugdconsulent werker wijkagent tolk behandelaar
    jongerenwerker contactpersoon mentor coach gezinscoach hulpverlener casemanager regisseur therapeut
    leerplichtambtenaar verpleegkundige
    vriend vriendin vriendje vriendinnetje buurjongen buurmeisje
    """
)
# Abbreviated titles: these may carry a dot ("dr. Schipper"); a role word followed by a full stop ends a sentence.
_TITLES = _wordset(
    """
    mevr mw mr dhr hr dr drs ir ing prof
    """
)
# Name prefixes (tussenvoegsels) and particles that may stand between a role word and a name.
_PARTICLES = _wordset(
    """
    van de der den ter ten het 't ’t el al la le da di du von bin ben ibn abu dos das del
    """
)
# Capitalised words that follow a role word without being a name ("moeder spreekt Turks" is fine, but
# "moeder Turks" happens too).
_NOT_NAMES = _wordset(
    """
    nederlands engels turks arabisch pools somalisch frans duits spaans tigrinya koerdisch berbers papiamento
    sranan oekraïens russisch portugees
    """
)

# Suffixes after a name: possessive, plural-like genitive; first names also take diminutives.
_POSSESSIVE = r"(?:['’]s|['’]|s)"
_DIMINUTIVE = r"(?:tje|je|pje|etje|ke)"

_EMAIL_RE = re.compile(r"(?<![\w.+\-])[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)*\.[A-Za-z]{2,}")
_URL_RE = re.compile(r"(?:\bhttps?://|\bwww\.)[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
# Dutch phone numbers: 0 + 9 digits, or +31/0031 (optionally "(0)") + 9 digits; separators between digits.
_PHONE_SEP = r"(?:[ .]|\s?[\-/]\s?)?"
_PHONE_RE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)31"
    + _PHONE_SEP
    + r"(?:\(0\)"
    + _PHONE_SEP
    + r")?|\(0(?=[1-9][0-9]{1,2}\))|0(?=[1-9]))"
    r"(?:[0-9]\)?" + _PHONE_SEP + r"){8}[0-9](?![0-9])"
)
# 8–9 digits, run together or grouped as BSNs are written: 123456782, 1234.56.782, 123 456 782, 12.34.56.782.
_NUMBER_RE = re.compile(
    r"(?<![0-9])(?<![0-9][ .])(?:[0-9]{8,9}|[0-9]{2,4}(?:[ .][0-9]{2,3}){1,3})(?![ .]?[0-9])"
)
# Dutch postcodes: 1234 AB, 1234AB, 1234ab (lower case only without a space: "2015 en" is a year and a word).
_POSTCODE_RE = re.compile(r"(?<!\w)[1-9][0-9]{3}(?: ?[A-Z]{2}|[a-z]{2})(?!\w)")
_HAS_DIGIT_RE = re.compile(r"[0-9]")
_INSTITUTION_WORDS_RE = re.compile(
    r"school|kindcentrum|college|lyceum|gymnasium|academie|praktijk|ziekenhuis|kliniek|centrum|stichting"
    r"|\b(?:ikc|obs|cbs|rkbs|pcbs|sbo|so|vso)\b",
    re.IGNORECASE,
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    "|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec"
)
# Dates deduce may leave: "maart 2023", "3 mrt. 2015", "3-10-2023", "2015-03-12".
_DATE_RE = re.compile(
    rf"(?<!\w)(?:(?:[1-9]|[12][0-9]|3[01])\s+)?(?:{_MONTHS})\.?\s+(?:19|20)[0-9]{{2}}(?!\w)"
    r"|(?<![\w\-/.])(?:0?[1-9]|[12][0-9]|3[01])([\-/.])(?:0?[1-9]|1[0-2])\1(?:19|20)[0-9]{2}(?![\w\-/])"
    r"|(?<![\w\-/.])(?:19|20)[0-9]{2}-(?:0?[1-9]|1[0-2])-(?:0?[1-9]|[12][0-9]|3[01])(?![\w\-/])",
    re.IGNORECASE,
)
_CONTEXT_RE = re.compile(
    r"(?<!\w)(?:(?:"
    + "|".join(sorted(_ROLE_WORDS, key=lambda w: (-len(w), w)))
    + r")|(?:"
    + "|".join(sorted(_TITLES, key=lambda w: (-len(w), w)))
    + r")\.?)[ \t]+",
    re.IGNORECASE,
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:[\-'’][^\W\d_]+)*|['’]t")
_PREFIX_BEFORE_RE = re.compile(
    r"(?:(?<=\s)|^)((?:(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + r")\s+)+)$", re.I
)

_engine: Any = None
_engine_lock = threading.Lock()


def get_engine() -> Any:
    """The one shared deduce instance, loaded on first use (a few seconds from the cache built at install)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                _engine = _load_engine()
    return _engine


def _load_engine() -> Any:
    with _logging_untouched():
        from deduce import Deduce
    return Deduce()


@contextlib.contextmanager
def _logging_untouched() -> Iterator[None]:
    """deduce calls logging.basicConfig(stream=sys.stdout, level=DEBUG) when imported: undo that, so the
    project's logging configuration stays as it is (under Django the root logger already has a handler and
    basicConfig does nothing; in a plain script it would print every debug message)."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    placeholder: str
    rank: int
    is_person: bool = False
    is_location: bool = False  # the placeholder follows what is left: postcode, address or place name


def deidentify(text: str, *, people: Sequence[KnownPerson] = (), places: Sequence[str] = ()) -> str:
    """Return `text` with every identifying string replaced by a placeholder such as [NAAM] or [BSN]."""
    if not text.strip():
        return text
    spans: list[_Span] = []
    spans += _regex_spans(_EMAIL_RE, text, EMAIL, _RANK_EMAIL_URL)
    spans += _regex_spans(_URL_RE, text, URL, _RANK_EMAIL_URL)
    spans += _known_name_spans(text, people)
    spans += _known_string_spans(text, places)
    spans += _regex_spans(_DATE_RE, text, DATE, _RANK_DATE)
    spans += _regex_spans(_PHONE_RE, text, PHONE, _RANK_PHONE)
    spans += _number_spans(text)
    spans += _regex_spans(_POSTCODE_RE, text, POSTCODE, _RANK_POSTCODE)
    spans += _context_name_spans(text)
    spans += _deduce_spans(text)
    return _replace(text, spans)


# -- known names ----------------------------------------------------------------------------------------------


def _known_name_spans(text: str, people: Sequence[KnownPerson]) -> list[_Span]:
    pattern = _known_names_pattern(tuple(people))
    if pattern is None:
        return []
    return [_Span(m.start(), m.end(), NAME, _RANK_KNOWN_NAME, is_person=True) for m in pattern.finditer(text)]


@functools.lru_cache(maxsize=256)
def _known_names_pattern(people: tuple[KnownPerson, ...]) -> re.Pattern[str] | None:
    alternatives: dict[str, int] = {}  # regex → length of the plain form, for longest-first ordering
    for person in people:
        for form, kind in _name_forms(person):
            regex = _words_regex(form, capital=kind == _BARE_SURNAME)
            if len(_letters(form)) >= 3:
                suffix = _POSSESSIVE
                if kind == _FIRST_NAME:
                    last = re.escape(form[-1])
                    suffix = rf"(?:{last}etje|{last}ie|{_DIMINUTIVE}{_POSSESSIVE}?|{_POSSESSIVE})"
                regex += suffix + "?"
            alternatives[regex] = max(alternatives.get(regex, 0), len(form))
    if not alternatives:
        return None
    ordered = sorted(alternatives, key=lambda r: (-alternatives[r], r))
    return re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)", re.IGNORECASE)


_FULL = "full"
_FIRST_NAME = "first name"
_BARE_SURNAME = "surname without its prefix"


def _name_forms(person: KnownPerson) -> Iterator[tuple[str, str]]:
    """Every way the record's name may be written, with its kind.

    A surname stripped of its prefix ("Meer" of "van der Meer", "Groot" of "de Groot") is often an ordinary
    word, and Dutch never writes it in lower case as a name: that one form must start with a capital.
    """
    first, last, prefix = (
        " ".join(part.split()) for part in (person.first_name, person.last_name, person.name_prefix)
    )
    surnames = [(f"{prefix} {last}", _FULL), (last, _BARE_SURNAME)] if prefix and last else [(last, _FULL)]
    initials = [part[0] for part in re.split(r"[\s\-]+", first) if part]
    for surname, kind in surnames:
        if not surname:
            continue
        if first:
            yield f"{first} {surname}", _FULL
        if initials:
            yield " ".join(f"{initial}." for initial in initials) + f" {surname}", _FULL
        yield surname, kind
    if first:
        yield first, _FIRST_NAME
        for part in re.split(r"[\s\-]+", first):  # "Anne-Marie": "Anne" and "Marie" too
            if part and part != first and len(_letters(part)) >= 2:
                yield part, _FIRST_NAME


def _words_regex(form: str, *, capital: bool = False) -> str:
    """Regex for one name form: spaces and hyphens interchangeable, initials with or without a dot, accents
    optional ("D. de Vries" also finds "D.de Vries", "D de Vries" and "d. de vries")."""
    regex = ""
    words = [word for word in re.split(r"[\s\-]+", form) if word]
    for index, word in enumerate(words):
        if len(word) == 2 and word.endswith("."):  # an initial
            regex += _accent_tolerant(word[0]) + r"(?:\.\s*|\s+)"
        else:
            regex += _accent_tolerant(word) + (r"[\s\-]+" if index < len(words) - 1 else "")
    if capital:
        regex = f"(?-i:(?=[{re.escape(form[0].upper())}{re.escape(_base(form[0]).upper())}]))" + regex
    return regex


def _base(char: str) -> str:
    return unicodedata.normalize("NFKD", char)[0]


def _accent_tolerant(word: str) -> str:
    """Escape `word`; a letter with a diacritic also matches its plain letter ("Zoë" finds "Zoe")."""
    out: list[str] = []
    for char in word:
        base = _base(char)
        if base != char and base.isalpha():
            out.append(f"[{re.escape(char)}{re.escape(base)}]")
        else:
            out.append(re.escape(char))
    return "".join(out)


def _letters(value: str) -> str:
    return "".join(char for char in value if char.isalpha())


# -- other known strings --------------------------------------------------------------------------------------


def _known_string_spans(text: str, places: Sequence[str]) -> list[_Span]:
    spans: list[_Span] = []
    for pattern, placeholder in _known_string_patterns(tuple(places)):
        spans += [_Span(m.start(), m.end(), placeholder, _RANK_KNOWN_STRING) for m in pattern.finditer(text)]
    return spans


@functools.lru_cache(maxsize=256)
def _known_string_patterns(places: tuple[str, ...]) -> tuple[tuple[re.Pattern[str], str], ...]:
    values = sorted(
        {" ".join(place.split()) for place in places if place.strip()}, key=lambda v: (-len(v), v)
    )
    return tuple(
        (
            re.compile(
                r"(?<!\w)" + r"\s+".join(re.escape(word) for word in value.split(" ")) + r"(?!\w)", re.I
            ),
            _known_string_placeholder(value),
        )
        for value in values
    )


def _known_string_placeholder(value: str) -> str:
    digits = re.sub(r"[^0-9]", "", value)
    if _EMAIL_RE.fullmatch(value):
        return EMAIL
    if _POSTCODE_RE.fullmatch(value):
        return POSTCODE
    if _PHONE_RE.fullmatch(value):
        return PHONE
    if digits and not _letters(value):
        return _number_placeholder(digits)
    if digits:
        return ADDRESS
    if _INSTITUTION_WORDS_RE.search(value):
        return INSTITUTION
    return PLACE


# -- safety net -----------------------------------------------------------------------------------------------


def _regex_spans(pattern: re.Pattern[str], text: str, placeholder: str, rank: int) -> list[_Span]:
    return [_Span(m.start(), m.end(), placeholder, rank) for m in pattern.finditer(text)]


def _number_spans(text: str) -> list[_Span]:
    spans: list[_Span] = []
    for match in _NUMBER_RE.finditer(text):
        digits = re.sub(r"[^0-9]", "", match.group())
        if 8 <= len(digits) <= 9:
            spans.append(_Span(match.start(), match.end(), _number_placeholder(digits), _RANK_NUMBER))
    return spans


def _number_placeholder(digits: str) -> str:
    return BSN if len(digits) in (8, 9) and nl_bsn.is_valid(digits) else NUMBER


# -- deduce ---------------------------------------------------------------------------------------------------


def _deduce_spans(text: str) -> list[_Span]:
    document = get_engine().deidentify(text, disabled={"redactor"})
    spans: list[_Span] = []
    for annotation in sorted(document.annotations, key=lambda a: (a.start_char, a.end_char, a.tag)):
        tag = str(annotation.tag)
        start, end = int(annotation.start_char), int(annotation.end_char)
        is_person = tag in ("patient", "persoon")
        if is_person:
            start = _skip_role_words(text, start, end)
            if start >= end:
                continue
            start = _include_prefix(text, start)
        rank = _DEDUCE_RANKS.get(tag, _RANK_DEDUCE)
        placeholder = PLACEHOLDERS.get(tag, OTHER)
        spans.append(_Span(start, end, placeholder, rank, is_person=is_person, is_location=tag == "locatie"))
    return spans


def _skip_role_words(text: str, start: int, end: int) -> int:
    """Move `start` past leading role words ("Juf", "dr.", "buurman", "de heer") of a person span."""
    while True:
        match = re.match(r"(?:(?:de|het|een|onze|haar|zijn)\s+)?([^\W\d_]+)\.?\s+", text[start:end], re.I)
        if match is None or match.group(1).lower() not in _ROLE_WORDS | _TITLES:
            return start
        start += match.end()


def _include_prefix(text: str, start: int) -> int:
    """Move `start` back over a name prefix deduce left out ("de heer Van Gils": "Van" too)."""
    match = _PREFIX_BEFORE_RE.search(text, 0, start)
    if match is None:
        return start
    words = match.group(1).split()
    if words == ["van"]:  # "de fiets van Kees": an ordinary word
        return start
    return match.start(1)


def _context_name_spans(text: str) -> list[_Span]:
    """A capitalised name right after a role word: "huisarts Kromosoeto", "oom Kemal", "dr. Van der Veen"."""
    spans: list[_Span] = []
    for match in _CONTEXT_RE.finditer(text):
        words: list[re.Match[str]] = []  # particles and up to two capitalised names
        position = match.end()
        while sum(not _is_particle(w.group()) for w in words) < 2:
            word_match = _WORD_RE.match(text, position)
            if word_match is None:
                break
            word = word_match.group()
            if not _is_particle(word) and not (
                word[0].isupper() and not word.isupper() and word.lower() not in _NOT_NAMES
            ):
                break
            words.append(word_match)
            gap = re.match(r"[ \t]+", text[word_match.end() :])
            if gap is None:
                break
            position = word_match.end() + gap.end()
        while words and _is_particle(words[-1].group()):
            words.pop()
        if words and words[0].group() == "van" and not _is_particle(words[1].group()):
            words.pop(0)  # "vader van Lars": "van" is an ordinary word here
        if words:
            spans.append(_Span(words[0].start(), words[-1].end(), NAME, _RANK_DEDUCE, is_person=True))
    return spans


def _is_particle(word: str) -> bool:
    return word.lower() in _PARTICLES


def _location_placeholder(value: str) -> str:
    if _POSTCODE_RE.fullmatch(value.strip()):
        return POSTCODE
    if _HAS_DIGIT_RE.search(value):
        return ADDRESS
    return PLACE


# -- replacement ----------------------------------------------------------------------------------------------


def _replace(text: str, spans: list[_Span]) -> str:
    claimed = bytearray(len(text))
    pieces: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (-s.rank, -(s.end - s.start), s.start, s.placeholder)):
        for start, end in _unclaimed_runs(claimed, span.start, span.end):
            whole = start == span.start and end == span.end
            if not whole:
                start, end = _trim(text, start, end)
                if not _worth_replacing(text[start:end], span):
                    continue
            claimed[start:end] = b"\x01" * (end - start)
            placeholder = _location_placeholder(text[start:end]) if span.is_location else span.placeholder
            pieces.append((start, end, placeholder))
    out: list[str] = []
    position = 0
    for start, end, placeholder in sorted(pieces):
        out.append(text[position:start])
        out.append(placeholder)
        position = end
    out.append(text[position:])
    return "".join(out)


def _unclaimed_runs(claimed: bytearray, start: int, end: int) -> Iterator[tuple[int, int]]:
    run_start: int | None = None
    for index in range(start, end):
        if claimed[index]:
            if run_start is not None:
                yield run_start, index
                run_start = None
        elif run_start is None:
            run_start = index
    if run_start is not None:
        yield run_start, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a left-over piece of a span to its alphanumeric core ("  Kees, " → "Kees")."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _worth_replacing(piece: str, span: _Span) -> bool:
    """A left-over piece is replaced unless it is too small to identify anyone ("s", "'s", "-")."""
    if not piece:
        return False
    if span.is_person:
        words = piece.lower().split()
        return len(_letters(piece)) >= 2 and not all(w in _ROLE_WORDS or w in _PARTICLES for w in words)
    return any(char.isalnum() for char in piece)
