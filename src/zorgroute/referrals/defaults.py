"""The kinds of care a region starts with (services.care_kinds_install_defaults); a region changes them as data.

(name, needs an indication first, weeks until the first back-report is expected). Names are the Dutch terms the
users know, like the route defaults in cases/defaults.py.
"""

from __future__ import annotations

CARE_KINDS: tuple[tuple[str, bool, int], ...] = (
    ("Opvoed- en gezinsondersteuning", False, 6),
    ("Schoolmaatschappelijk werk", False, 4),
    ("Onderzoek of advies jeugdgezondheidszorg", False, 4),
    ("Ambulante jeugdhulp", True, 6),
    ("Jeugd-GGZ: diagnostiek of behandeling", True, 8),
    ("Specialistische jeugdhulp", True, 8),
    ("Arrangement passend onderwijs", True, 6),
    ("Speciaal (basis)onderwijs: toelaatbaarheidsverklaring", True, 8),
    ("Schuldhulp of armoederegeling", False, 6),
)
