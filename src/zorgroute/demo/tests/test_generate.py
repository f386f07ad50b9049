"""The generator alone: no database, a fixed school year, so these tests are quick and exact."""

import datetime as dt
import hashlib
from collections import Counter

import pytest

from zorgroute.core.time import age_on
from zorgroute.demo.build import generate
from zorgroute.demo.families import FAMILY_KINDS
from zorgroute.organisations.constants import SchoolType

YEAR = 2026
FIRST_DAY, LAST_DAY = dt.date(YEAR, 8, 1), dt.date(YEAR + 1, 7, 31)


def digest(plan):
    lines = [
        f"{p.uuid}|{p.full_name}|{p.date_of_birth}|{p.bsn}|{p.education_number}|{p.current_group.name}"
        for p in plan.pupils
    ]
    lines += [f"{g.full_name}|{g.street_address}|{g.institution}" for g in plan.guardians]
    lines += [f"{u.username}|{u.get_full_name()}" for u in plan.users]
    lines += [f"{s.name}|{s.brin}" for s in plan.schools]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


@pytest.fixture(scope="module")
def plan():
    return generate(seed=2026, scale=1.0, school_year=YEAR)


def test_it_builds_about_1500_pupils_in_six_schools_at_scale_1(plan):
    assert 1400 <= len(plan.pupils) <= 1600
    assert Counter(s.school_type for s in plan.schools) == {SchoolType.PRIMARY: 4, SchoolType.SECONDARY: 2}
    assert len(plan.boards) == 2
    assert {g.school_year for g in plan.groups} == {YEAR}
    assert {p.current_school.name for p in plan.pupils} == {s.name for s in plan.schools}


def test_it_is_deterministic_from_the_seed():
    first = digest(generate(seed=7, scale=0.3, school_year=YEAR))
    assert digest(generate(seed=7, scale=0.3, school_year=YEAR)) == first
    assert digest(generate(seed=8, scale=0.3, school_year=YEAR)) != first


def test_it_keeps_ages_within_the_school_type_all_year(plan):
    for pupil in plan.pupils:
        youngest, oldest = age_on(pupil.date_of_birth, FIRST_DAY), age_on(pupil.date_of_birth, LAST_DAY)
        if pupil.current_school.school_type == SchoolType.PRIMARY:
            assert youngest >= 4 and oldest <= 12, pupil
        else:
            assert youngest >= 12 and oldest <= 19, pupil


def test_it_has_pupils_of_18_plus_all_year_even_at_a_tiny_scale():
    tiny = generate(seed=3, scale=0.05, school_year=YEAR)
    assert any(age_on(p.date_of_birth, FIRST_DAY) >= 18 for p in tiny.pupils)


def test_it_gives_every_kind_of_family_at_a_tiny_scale():
    tiny = generate(seed=11, scale=0.05, school_year=YEAR)
    links = tiny.links
    assert {"joint", "sole", "none", "institution"} <= {link.authority for link in links}
    assert any(link.supervision_order for link in links)
    assert any(link.court_information_arrangement for link in links)
    assert any(link.withhold_information for link in links)
    assert len(FAMILY_KINDS) == 9


def test_it_multiplies_parallel_groups_above_scale_1(plan):
    bigger = generate(seed=2026, scale=2.0, school_year=YEAR)
    assert len(bigger.groups) == 2 * len(plan.groups)
    assert 2 * 1400 <= len(bigger.pupils) <= 2 * 1600
    names = [(g.school.name, g.name) for g in bigger.groups]
    assert len(set(names)) == len(names)


def test_it_shrinks_pupils_but_keeps_every_group_below_scale_1(plan):
    small = generate(seed=2026, scale=0.1, school_year=YEAR)
    assert len(small.groups) == len(plan.groups)
    assert 100 <= len(small.pupils) <= 250
    assert {id(p.current_group) for p in small.pupils} == {
        id(g) for g in small.groups
    }  # unsaved: by identity
