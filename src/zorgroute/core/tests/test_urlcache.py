"""core.urlcache: the same URLs as reverse(), with the name resolved once per URL configuration and prefix."""

import uuid

import pytest
from django.template import engines
from django.urls import NoReverseMatch, reverse, set_script_prefix

from zorgroute.core import urlcache

A, B = uuid.uuid4(), uuid.uuid4()


@pytest.fixture(autouse=True)
def _fresh_cache():
    urlcache._cuts.clear()
    yield
    set_script_prefix("/")
    urlcache._cuts.clear()


@pytest.mark.parametrize(
    ("name", "args"),
    [("cases:case-detail", [A]), ("meetings:action-done", [A, B]), ("cases:group-overview", [B])],
)
def test_it_gives_what_reverse_gives_for_every_uuid(name, args):
    assert urlcache.reverse_uuids(name, *args) == reverse(name, args=args)
    other = [uuid.uuid4() for _ in args]
    assert urlcache.reverse_uuids(name, *other) == reverse(name, args=other)


def test_the_script_prefix_is_part_of_the_url():
    assert urlcache.reverse_uuids("cases:case-detail", A).startswith("/zorg/")
    set_script_prefix("/onder/")
    assert urlcache.reverse_uuids("cases:case-detail", A) == reverse("cases:case-detail", args=[A])
    assert urlcache.reverse_uuids("cases:case-detail", A).startswith("/onder/zorg/")


def test_anything_but_uuids_goes_to_reverse():
    assert (
        urlcache.reverse_uuids("cases:case-detail", str(A).upper())
        == f"/zorg/zorgtrajecten/{str(A).upper()}/"
    )
    with pytest.raises(NoReverseMatch):
        urlcache.reverse_uuids("cases:case-detail", "a/b")
    assert urlcache.reverse_uuids("cases:my-work") == reverse("cases:my-work")


def test_a_url_that_does_not_show_its_argument_as_given_goes_to_reverse(monkeypatch):
    monkeypatch.setattr(urlcache, "reverse", lambda name, args: "/" + "/".join(str(a)[:8] for a in args))
    assert urlcache.reverse_uuids("x", A) == "/" + str(A)[:8]
    assert urlcache._cuts[("x", 1, "/", None)] is None


def test_the_template_tag_renders_the_url():
    template = engines["django"].from_string("{% load uuid_urls %}{% uuid_url 'meetings:action-done' a b %}")
    assert template.render({"a": A, "b": B}) == reverse("meetings:action-done", args=[A, B])
