"""The fixed, fictitious shape of the demo region: names of the region, boards, schools, partners and their structure.

Everything here is invented (the towns too). People's names, identifiers and dates come from the seeded generator in
`build.py`; this file only holds what a reader of the demo should recognise from one run to the next.
"""

from __future__ import annotations

from dataclasses import dataclass

from zorgroute.organisations.constants import SchoolType

REGION_NAME = "Samenwerkingsverband Passend Onderwijs Lindeland"
REGION_CODE = "SWV 99-01"
ZAT_NAME = "ZAT Lindeland"
TOWNS = ("Lindewaard", "Oosterveen", "Heidebroek", "Vlietdorp")
GUARDIAN_INSTITUTION = "Stichting Jeugdbescherming Regio Lindeland"
EMAIL_DOMAIN = "example.org"  # reserved for documentation (RFC 2606): never a real mailbox


@dataclass(frozen=True)
class GroupSpec:
    """A group (PO: grades 1-8, possibly combined) or class (VO: year + level), with its parallels at scale 1."""

    label: str
    grades: tuple[int, ...]
    parallels: int = 1
    size: tuple[int, int] = (25, 31)  # pupils per group at scale 1 (inclusive range)


@dataclass(frozen=True)
class SchoolSpec:
    name: str
    school_type: SchoolType
    town: str
    board: int  # index into BOARDS
    groups: tuple[GroupSpec, ...]


BOARDS = (
    "Stichting Kindcentra Lindeland",
    "Onderwijsgroep De Linde",
)


def _po(label: str, *grades: int, parallels: int = 1) -> GroupSpec:
    return GroupSpec(label=label, grades=grades, parallels=parallels)


def _vo(year: int, level: str, size: tuple[int, int] = (26, 31), parallels: int = 1) -> GroupSpec:
    return GroupSpec(label=f"{year}{level}", grades=(year,), parallels=parallels, size=size)


_VMBO_SIZE = (16, 22)

SCHOOLS: tuple[SchoolSpec, ...] = (
    SchoolSpec(
        "Basisschool De Regenboog",
        SchoolType.PRIMARY,
        "Lindewaard",
        0,
        (
            _po("1/2", 1, 2, parallels=2),
            _po("3", 3),
            _po("4", 4),
            _po("5", 5),
            _po("6", 6),
            _po("7", 7),
            _po("8", 8),
        ),
    ),
    SchoolSpec(
        "Openbare Basisschool Het Kompas",
        SchoolType.PRIMARY,
        "Lindewaard",
        0,
        (
            _po("1/2", 1, 2, parallels=2),
            _po("3", 3, parallels=2),
            _po("4", 4),
            _po("5", 5),
            _po("6", 6),
            _po("7/8", 7, 8),
        ),
    ),
    SchoolSpec(
        "Kindcentrum De Vlinderboom",
        SchoolType.PRIMARY,
        "Oosterveen",
        0,
        (
            _po("1/2", 1, 2),
            _po("3/4", 3, 4),
            _po("5/6", 5, 6),
            _po("7/8", 7, 8),
        ),
    ),
    SchoolSpec(
        "Sint-Jozefschool",
        SchoolType.PRIMARY,
        "Heidebroek",
        1,
        (
            _po("1/2", 1, 2, parallels=2),
            _po("3", 3),
            _po("4", 4),
            _po("5", 5),
            _po("6", 6),
            _po("7", 7),
            _po("8", 8),
        ),
    ),
    SchoolSpec(
        "Lindeland Lyceum",
        SchoolType.SECONDARY,
        "Lindewaard",
        1,
        (
            _vo(1, "HV", parallels=3),
            _vo(2, "H"),
            _vo(2, "V"),
            _vo(3, "H"),
            _vo(3, "V"),
            _vo(4, "H"),
            _vo(4, "V"),
            _vo(5, "H"),
            _vo(5, "V"),
            _vo(6, "V"),
        ),
    ),
    SchoolSpec(
        "Vlietcollege",
        SchoolType.SECONDARY,
        "Vlietdorp",
        1,
        (
            _vo(1, "BK", _VMBO_SIZE),
            _vo(1, "KM"),
            _vo(1, "MH"),
            _vo(2, "BK", _VMBO_SIZE),
            _vo(2, "M"),
            _vo(3, "B", _VMBO_SIZE),
            _vo(3, "K", _VMBO_SIZE),
            _vo(3, "M"),
            _vo(3, "H"),
            _vo(4, "B", _VMBO_SIZE),
            _vo(4, "K", _VMBO_SIZE),
            _vo(4, "M"),
            _vo(4, "H"),
            _vo(5, "H"),
        ),
    ),
)


@dataclass(frozen=True)
class PartnerSpec:
    key: str
    type_name: str
    name: str
    legal_basis: str
    professional_secrecy: bool
    staff: tuple[str, ...]  # job titles, one account each


PARTNERS: tuple[PartnerSpec, ...] = (
    PartnerSpec(
        "jgz",
        "Jeugdgezondheidszorg (JGZ)",
        "GGD Lindeland – Jeugdgezondheidszorg",
        "Wet publieke gezondheid (jeugdgezondheidszorg)",
        True,
        ("Jeugdarts", "Jeugdverpleegkundige", "Jeugdverpleegkundige"),
    ),
    PartnerSpec(
        "smw",
        "Schoolmaatschappelijk werk",
        "Welzijn Lindeland – Schoolmaatschappelijk werk",
        "Jeugdwet; toestemming van ouders en jeugdige",
        True,
        ("Schoolmaatschappelijk werker", "Schoolmaatschappelijk werker"),
    ),
    PartnerSpec(
        "wijkteam",
        "Wijkteam / Centrum voor Jeugd en Gezin",
        "Wijkteam Jeugd en Gezin Lindeland",
        "Jeugdwet (toegang tot jeugdhulp)",
        True,
        ("Jeugd- en gezinscoach",),
    ),
    PartnerSpec(
        "swv",
        "Samenwerkingsverband passend onderwijs",
        "Steunpunt Passend Onderwijs Lindeland",
        "Wet passend onderwijs (ondersteuningsplan)",
        False,
        (
            "Voorzitter ondersteuningsteam",
            "Coördinator ondersteuningsteam",
            "Secretaris ondersteuningsteam",
            "Trajectbegeleider passend onderwijs",
        ),
    ),
    PartnerSpec(
        "ortho",
        "Orthopedagogische dienst",
        "Orthopedagogisch Adviesbureau De Brug",
        "Toestemming van ouders; beroepscode NVO/NIP",
        True,
        ("Orthopedagoog-generalist",),
    ),
    PartnerSpec(
        "eso",
        "Expertisecentrum speciaal onderwijs",
        "Expertisecentrum Speciaal Onderwijs De Wissel",
        "Wet op de expertisecentra; Wet passend onderwijs",
        False,
        ("Ambulant begeleider",),
    ),
    PartnerSpec(
        "leerplicht",
        "Leerplicht",
        "Bureau Leerplicht en RMC Lindeland",
        "Leerplichtwet 1969",
        False,
        ("Leerplichtambtenaar",),
    ),
    PartnerSpec(
        "veiligthuis",
        "Veilig Thuis",
        "Veilig Thuis Regio Lindeland",
        "Wet maatschappelijke ondersteuning 2015 (Veilig Thuis)",
        True,
        ("Consulent Veilig Thuis",),
    ),
    PartnerSpec(
        "politie",
        "Politie",
        "Politie Basisteam Lindeland",
        "Politiewet 2012; Wet politiegegevens",
        False,
        ("Wijkagent jeugd",),
    ),
    PartnerSpec("ggz", "Jeugd-GGZ", "Jeugd-GGZ De Linde", "Jeugdwet; WGBO", True, ("GZ-psycholoog",)),
    PartnerSpec(
        "gi",
        "Gecertificeerde instelling (jeugdbescherming)",
        GUARDIAN_INSTITUTION,
        "Burgerlijk Wetboek boek 1 (kinderbeschermingsmaatregelen); Jeugdwet",
        True,
        ("Jeugdbeschermer", "Jeugdbeschermer"),
    ),
)
