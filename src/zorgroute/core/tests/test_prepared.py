"""core.prepared: a query compiled once gives what the ORM gives, with every call's values, read afresh."""

import datetime as dt

import pytest
from django.db.models import Q

from zorgroute.core.prepared import Prepared, UnpreparableQuery
from zorgroute.pupils.models import Pupil, PupilGuardian
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


def born_between(first, last):
    return (
        Pupil.objects.filter(date_of_birth__gte=first, date_of_birth__lte=last)
        .order_by("pk")
        .values_list("pk")
    )


def test_it_gives_the_orms_rows_for_each_calls_values(world, django_assert_num_queries):
    old = f.PupilFactory(date_of_birth=dt.date(2010, 3, 1))
    young = f.PupilFactory(date_of_birth=dt.date(2019, 3, 1))
    query = Prepared(born_between)
    for first, last in [
        (dt.date(2009, 1, 1), dt.date(2011, 1, 1)),
        (dt.date(2018, 1, 1), dt.date(2020, 1, 1)),
    ]:
        with django_assert_num_queries(1):
            rows = query.rows(first=first, last=last)
        assert rows == list(born_between(first, last))
    assert query.rows(first=dt.date(2010, 1, 1), last=dt.date(2010, 12, 31)) == [(old.pk,)]
    assert query.rows(first=dt.date(2019, 1, 1), last=dt.date(2019, 12, 31)) == [(young.pk,)]


def test_it_reads_afresh_on_every_call(world):
    query = Prepared(lambda pk: Pupil.objects.filter(pk=pk).values_list("first_name"))
    assert query.rows(pk=world.pupil_a1.pk) == [("Sanne",)]
    Pupil.objects.filter(pk=world.pupil_a1.pk).update(first_name="Sam")
    assert query.rows(pk=world.pupil_a1.pk) == [("Sam",)]
    assert query.rows(pk=world.pupil_a2.pk) == [("Daan",)]


def test_it_converts_values_as_the_orm_does(world):
    query = Prepared(
        lambda pupil_id: (
            PupilGuardian.objects.filter(pupil_id=pupil_id)
            .order_by("pk")
            .values_list("withhold_information", "pupil__date_of_birth")
        )
    )
    rows = query.rows(pupil_id=world.pupil_a1.pk)
    assert rows and rows == [
        tuple(r)
        for r in PupilGuardian.objects.filter(pupil=world.pupil_a1)
        .order_by("pk")
        .values_list("withhold_information", "pupil__date_of_birth")
    ]
    assert all(type(flag) is bool and isinstance(born, dt.date) for flag, born in rows)


def test_a_list_of_another_length_is_compiled_again_and_an_empty_one_asks_nothing(
    world, django_assert_num_queries
):
    query = Prepared(lambda ids: Pupil.objects.filter(pk__in=ids).order_by("pk").values_list("pk"))
    one, two = world.pupil_a1.pk, world.pupil_a2.pk
    assert query.rows(ids=[one]) == [(one,)]
    assert query.rows(ids=[two, one]) == [(one,), (two,)]
    with django_assert_num_queries(0):
        assert query.rows(ids=[]) == []


def test_a_constant_equal_to_a_sentinel_stays_a_constant(world):
    f.PupilFactory(first_name="Een", date_of_birth=dt.date(2012, 1, 1))
    query = Prepared(
        lambda pk: Pupil.objects.filter(Q(pk=pk) | Q(pk=31_001) | Q(pk=32_001)).values_list("first_name")
    )
    assert query.rows(pk=world.pupil_a2.pk) == [("Daan",)]


def test_a_query_that_rewrites_changes_or_drops_a_value_is_refused(world):
    with pytest.raises(UnpreparableQuery, match="not one of the caller's"):
        Prepared(
            lambda day: Pupil.objects.filter(date_of_birth=day + dt.timedelta(days=1)).values_list("pk")
        ).rows(day=dt.date(2016, 5, 16))
    with pytest.raises(UnpreparableQuery, match="depends on the parameters"):
        Prepared(
            lambda day: Pupil.objects.filter(
                **{"date_of_birth" if day.year < 1200 else "date_of_birth__gte": day}
            ).values_list("pk")
        ).rows(day=dt.date(2016, 5, 16))
    with pytest.raises(UnpreparableQuery, match="did not reach the SQL"):
        Prepared(lambda pk, unused: Pupil.objects.filter(pk=pk).values_list("pk")).rows(pk=1, unused=2)
    with pytest.raises(UnpreparableQuery, match="matches nothing"):
        Prepared(lambda pk: Pupil.objects.none().values_list("pk")).rows(pk=1)
