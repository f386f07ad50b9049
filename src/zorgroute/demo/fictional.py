"""Fictitious Dutch people and places from one seeded random generator and one seeded Faker("nl_NL")."""

from __future__ import annotations

import datetime as dt
import random
import re
import unicodedata
import uuid

from faker import Faker

from zorgroute.pupils.constants import Gender

# Faker's Dutch surnames, minus its medieval oddities ("Bourgondië, van", "Aelftrud van Wessex"): optional prefixes
# in lower case, then one capitalised word.
_NAME_RE = re.compile(r"^(?:(?:van|de|der|den|het|'t|'s|ter|ten|te|in|op|uit|d')\s)*[A-Z][\w'-]+$")


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", ascii_text.lower())


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Fictional:
    """The only source of randomness of a demo build; everything is drawn in a fixed order."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.ids = random.Random(f"{seed}:uuid")  # separate stream: stable URLs without shifting the content
        self.fake = Faker("nl_NL")
        self.fake.seed_instance(seed)

    def uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.ids.getrandbits(128), version=4)

    def last_name(self) -> tuple[str, str]:
        """(prefix, last name), e.g. ("van der", "Meer")."""
        while True:
            full = self.fake.last_name()
            if _NAME_RE.match(full) and len(full) <= 30:
                break
        *prefix, last = full.split(" ")
        return " ".join(prefix), last

    def first_name(self, gender: str) -> str:
        if gender == Gender.OTHER:
            gender = self.rng.choice((Gender.FEMALE, Gender.MALE))
        return self.fake.first_name_female() if gender == Gender.FEMALE else self.fake.first_name_male()

    def address(self, town: str) -> dict[str, str]:
        postcode = self.fake.postcode().replace(" ", "")
        return {
            "street_address": self.fake.street_address(),
            "postal_code": f"{postcode[:4]} {postcode[4:]}",
            "city": town,
        }

    def phone(self) -> str:
        return f"06-{self.rng.randint(10_000_000, 99_999_999)}"
