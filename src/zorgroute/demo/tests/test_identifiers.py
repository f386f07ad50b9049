import random

from hypothesis import given
from hypothesis import strategies as st
from stdnum.nl import brin, bsn, onderwijsnummer

from zorgroute.demo.identifiers import UniqueDrawer, random_brin, random_bsn, random_onderwijsnummer


@given(st.integers())
def test_it_draws_valid_identifiers_for_any_seed(seed):
    rng = random.Random(seed)
    assert bsn.is_valid(random_bsn(rng))
    number = random_onderwijsnummer(rng)
    assert onderwijsnummer.is_valid(number) and number.startswith("10")
    assert brin.is_valid(random_brin(rng))


def test_it_never_draws_the_same_number_twice():
    drawer = UniqueDrawer(random.Random(1))
    numbers = [drawer.bsn() for _ in range(3000)] + [drawer.onderwijsnummer() for _ in range(300)]
    assert len(set(numbers)) == len(numbers)
    assert all(bsn.is_valid(n) for n in numbers[:3000])
    assert all(onderwijsnummer.is_valid(n) for n in numbers[3000:])


def test_it_is_deterministic_per_seed():
    def draw(seed):
        rng = random.Random(seed)
        return [random_bsn(rng) for _ in range(20)]

    assert draw(5) == draw(5)
    assert draw(5) != draw(6)
