"""Fictitious but valid Dutch identifiers drawn from a seeded random generator.

The check digits come from python-stdnum (`bsn.checksum`, which `onderwijsnummer` shares); nothing is hand-written.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

from stdnum.nl import brin, bsn, onderwijsnummer

_BRIN_LETTERS = string.ascii_uppercase


def _with_check_digit(rng: random.Random, prefix: str, remainder: int) -> str:
    """Nine digits starting with `prefix` whose eleven-test sum leaves `remainder` (BSN 0, onderwijsnummer 5)."""
    while True:
        body = prefix + "".join(rng.choice(string.digits) for _ in range(8 - len(prefix)))
        check = (bsn.checksum(body + "0") - remainder) % 11  # the sum without the check digit, shifted
        if check < 10:
            return body + str(check)


def random_bsn(rng: random.Random) -> str:
    number = _with_check_digit(rng, rng.choice("123456789"), 0)
    assert bsn.is_valid(number), number
    return number


def random_onderwijsnummer(rng: random.Random) -> str:
    """An onderwijsnummer: for pupils without a BSN; always starts with 10."""
    number = _with_check_digit(rng, "10", 5)
    assert onderwijsnummer.is_valid(number), number
    return number


def random_brin(rng: random.Random) -> str:
    number = f"{rng.randint(10, 99)}{rng.choice(_BRIN_LETTERS)}{rng.choice(_BRIN_LETTERS)}"
    assert brin.is_valid(number), number
    return number


class UniqueDrawer:
    """Draws from a generator until the value is new (BSNs and education numbers are unique per pupil)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def bsn(self) -> str:
        return self._unique(random_bsn)

    def onderwijsnummer(self) -> str:
        return self._unique(random_onderwijsnummer)

    def brin(self) -> str:
        return self._unique(random_brin)

    def _unique(self, draw: Callable[[random.Random], str]) -> str:
        while True:
            value = draw(self.rng)
            if value not in self.seen:
                self.seen.add(value)
                return value
