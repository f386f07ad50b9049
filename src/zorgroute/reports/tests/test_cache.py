"""The report cache (reports/cache.py): a report is built once per kind, scope, audience, period and language within
`REPORT_CACHE_SECONDS`; what is kept holds protected figures only; every page view is still audited."""

import pickle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from zorgroute.cases.tests.case_helpers import events
from zorgroute.core.time import current_school_year
from zorgroute.reports import cache as report_cache_module
from zorgroute.reports import periods as pr
from zorgroute.reports import selectors
from zorgroute.reports.tables import HIDDEN, SUPPRESSED
from zorgroute.reports.tests.helpers import grow
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db

REPORT_TABLES = ('"cases_', '"meetings_', '"consents_')  # what the figures are counted from


@pytest.fixture
def report_cache(settings):
    """The report cache on, empty before and after the test (the test settings turn it off)."""
    settings.REPORT_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def builds(monkeypatch):
    """How often each report was really built."""
    calls: list[str] = []
    for name in ("build_school_report", "build_zat_report", "build_region_report", "build_annual_report"):
        real = getattr(selectors, name)

        def counting(*args, _real=real, _name=name, **kwargs):
            calls.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(selectors, name, counting)
    return calls


def year() -> pr.Period:
    return pr.school_year(current_school_year())


def _get(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        page = client.get(url, params)
    assert page.status_code == 200
    return page, [q["sql"] for q in ctx.captured_queries]


def test_the_second_view_within_the_ttl_counts_nothing_and_is_audited_again(
    client, world, report_cache, builds
):
    grow(world, 6)
    login_verified(client, world.municipality_analyst)
    url = reverse("reports:region", args=[world.region.uuid])
    audited = events("report.viewed")
    first, first_sql = _get(client, url)
    second, second_sql = _get(client, url)
    assert builds == ["build_region_report"]
    assert any(table in sql for sql in first_sql for table in REPORT_TABLES)
    assert not [sql for sql in second_sql if any(table in sql for table in REPORT_TABLES)]
    assert len(second_sql) < len(first_sql) - 20  # the report's queries (one per figure) are gone
    assert events("report.viewed") == audited + 2
    shown = [page.context["report"] for page in (first, second)]
    assert shown[0].tables == shown[1].tables and shown[0].computed_at == shown[1].computed_at
    computed = [
        page.content.decode().split('data-testid="report-computed">')[1].split("<")[0]
        for page in (first, second)
    ]
    assert computed[0] == computed[1] and computed[0].strip()  # the page says when the figures were computed


def test_every_view_of_every_report_is_audited_from_the_cache_too(client, world, report_cache, builds):
    login_verified(client, world.ib_a)
    url = reverse("reports:school", args=[world.school_a.uuid])
    before = events("report.viewed")
    for _ in range(3):
        assert client.get(url).status_code == 200
    assert builds == ["build_school_report"]
    assert events("report.viewed") == before + 3


def test_another_scope_period_language_or_kind_is_built_anew(world, report_cache, builds):
    period = year()
    selectors.region_report(region=world.region, period=period)
    selectors.region_report(region=world.region, period=period)
    assert builds == ["build_region_report"]
    selectors.region_report(region=world.other_region, period=period)  # another region
    selectors.region_report(
        region=world.region, period=pr.parse(f"{period.school_year}-q1")
    )  # another period
    with translation.override("en"):
        selectors.region_report(region=world.region, period=period)  # another language
    selectors.annual_report(
        region=world.region, year=period.school_year
    )  # another kind, same region and year
    assert builds == ["build_region_report"] * 4 + ["build_annual_report"]
    selectors.school_report(school=world.school_a, period=period)
    selectors.school_report(school=world.school_b, period=period)  # another school
    custom = pr.Period(
        pr.CUSTOM, period.start, period.end
    )  # the same dates, chosen by hand: another period kind
    selectors.school_report(school=world.school_a, period=custom)
    assert builds.count("build_school_report") == 3


def test_a_reader_leading_other_teams_never_gets_this_readers_zat_report(
    world, report_cache, builds, monkeypatch
):
    period = year()
    chair = selectors.zat_report(user=world.zat_chair, region=world.region, period=period)
    assert chair.scope.team_ids == (world.zat.pk,)
    assert selectors.zat_report(user=world.zat_chair, region=world.region, period=period) is not None
    assert builds == ["build_zat_report"]
    real = selectors.led_zat_ids
    monkeypatch.setattr(selectors, "led_zat_ids", lambda *, user, region: [])  # leads no team of the region
    other = selectors.zat_report(user=world.zat_chair, region=world.region, period=period)
    assert builds == ["build_zat_report"] * 2 and other.scope.team_ids == ()
    monkeypatch.setattr(
        selectors, "led_zat_ids", lambda *, user, region: [world.zat.pk, 10**9]
    )  # one team more
    selectors.zat_report(user=world.zat_chair, region=world.region, period=period)
    assert builds == ["build_zat_report"] * 3
    monkeypatch.setattr(
        selectors, "led_zat_ids", lambda *, user, region: list(reversed(real(user=user, region=region)))
    )
    selectors.zat_report(
        user=world.zat_member, region=world.region, period=period
    )  # the same teams: the same figures
    assert builds == ["build_zat_report"] * 3


def test_a_ttl_of_zero_builds_every_time_and_keeps_the_raw_counts(world, settings, builds):
    settings.REPORT_CACHE_SECONDS = 0
    cache.clear()
    for _ in range(2):
        report = selectors.region_report(region=world.region, period=year())
        assert report.counted  # built whole: the tests read its raw counts
    assert builds == ["build_region_report"] * 2


def test_the_cache_keeps_protected_figures_only(world, report_cache):
    grow(world, 3)  # three referrals: a small cell
    report = selectors.school_report(school=world.school_a, period=year())
    assert report.counted == {} and report.raw_lead_times == {}  # the unprotected numbers are not kept
    kept = cache.get(report_cache_module.key("school", f"school:{world.school_a.pk}", year()))
    assert kept is not None and kept.counted == {} and kept.raw_lead_times == {}
    cells = [cell for table in kept.tables for row in table.rows for cell in row]
    assert SUPPRESSED in cells  # the three referrals are "<5", never 3


def test_a_report_and_its_markers_survive_pickling(world):
    whole = selectors.build_school_report(school=world.school_a, period=year())
    with pytest.raises((AttributeError, pickle.PicklingError)):
        pickle.dumps(whole)  # the raw counts hold the families' functions: one more reason they are not kept
    report = report_cache_module.protected_only(whole)
    table = report.tables[0]
    marked = type(table)(table.key, table.title, table.columns, [[SUPPRESSED, HIDDEN, 7]])
    report.sections[0].tables[0] = marked
    again = pickle.loads(pickle.dumps(report))
    row = again.tables[0].rows[0]
    assert row[0] is SUPPRESSED and row[1] is HIDDEN and row[2] == 7
    assert str(row[0]) == "<5" and str(row[1]) == "×" and not row[0] and not row[1]
    assert again.period == report.period and again.scope.school == world.school_a
    assert [t.key for t in again.tables] == [t.key for t in report.tables]
    assert again.computed_at == report.computed_at


@pytest.fixture
def drawings(monkeypatch):
    """How often the report's sections were really drawn (rendered to HTML)."""
    from zorgroute.reports import views

    calls: list[str] = []
    real = views.render_to_string

    def counting(template_name, *args, **kwargs):
        calls.append(template_name)
        return real(template_name, *args, **kwargs)

    monkeypatch.setattr(views, "render_to_string", counting)
    return calls


def test_a_cached_report_is_drawn_once_and_each_view_shows_the_same_sections(
    client, world, report_cache, drawings
):
    grow(world, 6)
    login_verified(client, world.municipality_analyst)
    url = reverse("reports:region", args=[world.region.uuid])
    pages = [client.get(url).content.decode() for _ in range(3)]
    assert drawings == ["reports/_sections.html"]
    sections = [page[page.index('<section id="section-') : page.rindex("</section>")] for page in pages]
    assert sections[0] == sections[1] == sections[2] and 'data-testid="table-' in sections[0]


def test_another_language_or_another_reader_gets_its_own_drawing(client, world, report_cache, drawings):
    login_verified(client, world.ib_a)
    url = reverse("reports:school", args=[world.school_a.uuid])
    dutch = client.get(url).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode()
    assert len(drawings) == 2
    assert "Show the figures of" in english and "Show the figures of" not in dutch
    # Another school's coordinator: their own figures, their own drawing; never this school's.
    login_verified(client, world.ib_b)
    client.get(reverse("reports:school", args=[world.school_b.uuid]))
    assert len(drawings) == 3


def test_without_the_cache_the_sections_are_drawn_on_every_view(client, world, settings, drawings):
    settings.REPORT_CACHE_SECONDS = 0
    login_verified(client, world.ib_a)
    url = reverse("reports:school", args=[world.school_a.uuid])
    for _ in range(2):
        assert client.get(url).status_code == 200
    assert drawings == ["reports/_sections.html"] * 2
