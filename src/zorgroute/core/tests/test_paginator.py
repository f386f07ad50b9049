"""core.paginator: a page in range costs one query and knows the total; past the end it is the last page."""

import pytest

from zorgroute.core.paginator import CountingPaginator
from zorgroute.pupils.models import Pupil
from zorgroute.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def pupils():
    f.PupilFactory.create_batch(5, last_name="Teller")
    return Pupil.objects.filter(last_name="Teller").order_by("pk")


def test_a_page_in_range_is_one_query_and_knows_the_total(pupils, django_assert_num_queries):
    third_and_fourth = [p.pk for p in pupils[2:4]]
    with django_assert_num_queries(1):
        page = CountingPaginator(pupils, 2).get_page("2")
        assert [p.pk for p in page.object_list] == third_and_fourth
        assert (page.paginator.count, page.paginator.num_pages, page.number) == (5, 3, 2)
        assert page.has_next() and page.has_previous()


def test_past_the_end_it_gives_the_last_page(pupils):
    page = CountingPaginator(pupils, 2).get_page(9)
    assert (page.number, [p.pk for p in page.object_list]) == (3, [pupils[4].pk])


@pytest.mark.parametrize("number", [None, "", "twee", "-3", "0"])
def test_a_missing_or_wrong_number_gives_the_first_page(pupils, number):
    page = CountingPaginator(pupils, 2).get_page(number)
    assert (page.number, page.paginator.count) == (1, 5)


def test_an_empty_list_is_one_query_with_an_empty_first_page(django_assert_num_queries):
    with django_assert_num_queries(1):
        page = CountingPaginator(Pupil.objects.filter(last_name="Niemand").order_by("pk"), 25).get_page(1)
        assert (page.paginator.count, list(page.object_list), page.has_other_pages()) == (0, [], False)


def test_orphans_are_refused(pupils):
    with pytest.raises(ValueError, match="orphans"):
        CountingPaginator(pupils, 2, orphans=1)
