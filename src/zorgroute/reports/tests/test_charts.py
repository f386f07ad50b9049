"""Charts: every kind draws from a ReportTable, suppressed cells are left out (never drawn as a number), each SVG is
accessible (role, aria-label, title, desc), output is deterministic, and the partial shows the table alternative."""

import xml.etree.ElementTree as ET

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from zorgroute.reports import charts
from zorgroute.reports.tables import HIDDEN, SUPPRESSED, Column, ReportTable, suppress

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def by_source(chart="bar"):
    # JGZ referred 3 pupils: suppressed before it reaches the table; SMW has no figure at all.
    return ReportTable(
        key="referrals-by-source",
        title="Aanmeldingen per bron",
        caption="Schooljaar 2025-2026",
        columns=[Column("source", "Bron", "label"), Column("n", "Aantal")],
        rows=[["Leerkracht", 12], ["JGZ", suppress(3)], ["Ouders", 7], ["SMW", None]],
        chart=chart,
    )


def per_quarter(chart="line"):
    return ReportTable(
        key="per-quarter",
        title="Aanmeldingen per kwartaal",
        columns=[Column("q", "Kwartaal", "label"), Column("zt", "Zorgteam"), Column("zat", "ZAT")],
        rows=[
            ["2025 K3", 10, suppress(2)],
            ["2025 K4", 8, 6],
            ["2026 K1", suppress(4), 9],
            ["2026 K2", 12, 7],
        ],
        chart=chart,
    )


def lead_times():
    stats = [Column(k, k.upper(), "days") for k in ("p10", "p25", "median", "p75", "p90")]
    return ReportTable(
        key="lead-signal-zorgteam",
        title="Doorlooptijd signaal tot zorgteam",
        columns=[Column("school", "School", "label"), Column("n", "Aantal"), *stats],
        rows=[
            ["De Regenboog", 23, 2, 5, 9.5, 14, 30],
            ["Het College", SUPPRESSED, *[SUPPRESSED] * 5],
            ["De Linde", 40, 1, 3, 6, 10, 21],
        ],
        chart="box",
    )


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # the fragment is well-formed XML


def ids(svg: str) -> set[str]:
    return {el.get("id") for el in parse(svg).iter() if el.get("id")}


def text_of(root: ET.Element, element_id: str) -> str:
    element = next(el for el in root.iter() if el.get("id") == element_id)
    return "".join(element.itertext()).strip()


@pytest.mark.parametrize(
    "table", [by_source(), by_source("funnel"), per_quarter(), per_quarter("stacked"), lead_times()]
)
def test_it_draws_every_kind_as_an_accessible_deterministic_svg(table):
    svg = charts.chart_svg(table)
    root = parse(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == table.title
    first, second = list(root)[:2]
    assert first.tag == f"{SVG}title" and first.text == table.title
    assert second.tag == f"{SVG}desc" and root.get("aria-describedby") == second.get("id")
    assert second.text.startswith(table.caption) and len(second.text) > len(table.caption)
    assert not svg.startswith("<?xml") and "<metadata>" not in svg  # ready to sit inline in a page
    assert charts.chart_svg(table) == svg  # the same table gives the same bytes: no random ids, no date
    prefix = charts.chart_id(table)
    assert all(i.startswith(prefix) for i in ids(svg))


def test_two_charts_on_one_page_share_no_id():
    assert not ids(charts.chart_svg(by_source())) & ids(charts.chart_svg(per_quarter()))


def test_a_suppressed_bar_is_left_out_and_marked_never_drawn_as_a_number():
    svg = charts.chart_svg(by_source())
    root, found, p = parse(svg), ids(svg), charts.chart_id(by_source())
    assert {f"{p}-bar-0-1", f"{p}-bar-2-1"} <= found  # Leerkracht 12 and Ouders 7 are drawn
    assert f"{p}-bar-1-1" not in found and f"{p}-value-1-1" not in found  # JGZ: no bar, no value
    assert text_of(root, f"{p}-gap-1-1") == "<5"
    assert f"{p}-bar-3-1" not in found and f"{p}-gap-3-1" not in found  # SMW unknown: a gap, not "<5"
    assert [text_of(root, f"{p}-value-{r}-1") for r in (0, 2)] == ["12", "7"]
    values = [t for el in root.iter(f"{SVG}text") if (t := "".join(el.itertext()).strip())]
    assert "3" not in values  # the hidden count is nowhere, not even as a label
    desc = root.find(f"{SVG}desc").text
    assert "2" in desc  # "2 waarden zijn niet getekend" / "2 values are not drawn"


def test_a_suppressed_point_breaks_the_line():
    svg = charts.chart_svg(per_quarter())
    root, p = parse(svg), charts.chart_id(per_quarter())
    zorgteam = next(el for el in root.iter() if el.get("id") == f"{p}-line-1")
    zat = next(el for el in root.iter() if el.get("id") == f"{p}-line-2")
    # one marker per drawn point: 3 of 4 quarters each
    assert len(list(zorgteam.iter(f"{SVG}use"))) == 3
    assert len(list(zat.iter(f"{SVG}use"))) == 3
    path = next(zorgteam.iter(f"{SVG}path")).get("d")
    assert path.count("M") == 2  # 2025 K3–K4, then a new start at 2026 K2: a gap, not a drop to zero


def test_a_suppressed_segment_is_left_out_of_its_stack():
    found, p = ids(charts.chart_svg(per_quarter("stacked"))), charts.chart_id(per_quarter("stacked"))
    assert f"{p}-bar-0-1" in found and f"{p}-bar-0-2" not in found
    assert f"{p}-bar-2-2" in found and f"{p}-bar-2-1" not in found
    assert {f"{p}-bar-1-1", f"{p}-bar-1-2", f"{p}-bar-3-1", f"{p}-bar-3-2"} <= found


def test_the_funnel_draws_each_step_and_leaves_a_suppressed_step_out():
    table = by_source("funnel")
    svg = charts.chart_svg(table)
    root, found, p = parse(svg), ids(svg), charts.chart_id(table)
    assert {f"{p}-bar-0-1", f"{p}-bar-2-1"} <= found and f"{p}-bar-1-1" not in found
    assert text_of(root, f"{p}-gap-1-1") == "<5"


def test_a_box_with_suppressed_statistics_is_left_out():
    svg = charts.chart_svg(lead_times())
    found, p = ids(svg), charts.chart_id(lead_times())
    assert {f"{p}-box-0", f"{p}-box-2"} <= found
    assert f"{p}-box-1" not in found and f"{p}-gap-1" in found


def test_a_table_that_cannot_be_drawn_is_a_programming_error():
    words = ReportTable("t", "T", [Column("a", "A", "label")], [["x"]], chart="bar")
    with pytest.raises(charts.ChartError):
        charts.chart_svg(words)
    with pytest.raises(charts.ChartError):
        charts.chart_svg(by_source(), kind="pie")
    with pytest.raises(charts.ChartError):
        charts.chart_svg(by_source(), columns=["missing"])
    no_stats = ReportTable(
        "b", "B", [Column("s", "S", "label"), Column("median", "M", "days")], [["x", 1]], "", (), "box"
    )
    with pytest.raises(charts.ChartError):
        charts.chart_svg(no_stats)


def test_cells_read_as_dutch_text():
    assert charts.cell_text(1234) == "1.234"
    assert charts.cell_text(12.5, "days") == "12,5"
    assert charts.cell_text(12.0, "days") == "12"
    assert charts.cell_text(33.333, "percent") == "33,3%"
    assert charts.cell_text(SUPPRESSED) == "<5"
    assert charts.cell_text(None) == "–"
    assert charts.cell_text("Groep 5", "label") == "Groep 5"


def test_the_partial_shows_the_chart_and_the_same_figures_as_a_table():
    html = render_to_string("reports/_chart.html", {"chart": charts.render(by_source())})
    assert 'role="img"' in html and "<details" in html and "<summary>" in html
    assert '<th scope="col">Bron</th>' in html and '<th scope="col" class="num">Aantal</th>' in html
    assert '<th scope="row">Leerkracht</th><td class="num">12</td>' in html
    assert "&lt;5</abbr></td>" in html  # JGZ: "<5", explained by its abbr title
    assert '<th scope="row">SMW</th><td class="num">–</td>' in html
    assert html.count("<caption") == 1 and "Schooljaar 2025-2026" in html


def test_a_table_without_a_chart_kind_renders_as_the_table_alone():
    table = by_source(chart="")
    html = render_to_string("reports/_chart.html", {"chart": charts.render(table)})
    assert "<svg" not in html and "<details" not in html
    assert '<th scope="row">Ouders</th><td class="num">7</td>' in html


class _Derived(type(SUPPRESSED)):
    """A marker derived from SUPPRESSED, as a cell hidden to protect a suppressed one would be."""

    _instance = None

    def __str__(self):
        return "×"


def test_a_marker_derived_from_suppressed_is_never_drawn_and_shows_its_own_text():
    derived = _Derived()
    table = ReportTable(
        key="derived",
        title="Per school",
        columns=[Column("school", "School", "label"), Column("n", "Aantal")],
        rows=[["A", 12], ["B", derived], ["C", SUPPRESSED]],
        chart="bar",
    )
    svg = charts.chart_svg(table)
    root, found, p = parse(svg), ids(svg), charts.chart_id(table)
    assert f"{p}-bar-1-1" not in found and text_of(root, f"{p}-gap-1-1") == "×"
    assert text_of(root, f"{p}-gap-2-1") == "<5"
    html = render_to_string("reports/_chart.html", {"chart": charts.render(table)})
    hidden_title = str(charts.marker_title(derived))
    assert f'<abbr title="{hidden_title}">×</abbr>' in html
    assert hidden_title != charts.marker_title(SUPPRESSED)


def with_hidden(chart="bar"):
    # Ouders 7 is hidden ("×") so that JGZ's "<5" cannot be worked out from the total.
    return ReportTable(
        key="protected",
        title="Aanmeldingen per bron",
        columns=[Column("source", "Bron", "label"), Column("n", "Aantal")],
        rows=[["Leerkracht", 12], ["JGZ", SUPPRESSED], ["Ouders", HIDDEN], ["Totaal", 22]],
        chart=chart,
    )


def test_a_hidden_cell_is_never_drawn_and_is_marked_with_its_own_marker():
    table = with_hidden()
    svg = charts.chart_svg(table)
    root, found, p = parse(svg), ids(svg), charts.chart_id(table)
    assert f"{p}-bar-2-1" not in found and f"{p}-value-2-1" not in found
    assert text_of(root, f"{p}-gap-2-1") == "×" and text_of(root, f"{p}-gap-1-1") == "<5"
    values = [t for el in root.iter(f"{SVG}text") if (t := "".join(el.itertext()).strip())]
    assert "7" not in values and "3" not in values
    assert "2" in root.find(f"{SVG}desc").text  # two values left out


@pytest.mark.parametrize("kind", ["line", "stacked", "funnel"])
def test_a_hidden_cell_is_left_out_of_every_kind(kind):
    table = with_hidden(kind)
    svg = charts.chart_svg(table)
    assert f"{charts.chart_id(table)}-bar-2-1" not in ids(svg)
    assert "2" in parse(svg).find(f"{SVG}desc").text


def test_a_box_with_a_hidden_statistic_is_left_out():
    table = ReportTable(
        key="box-hidden",
        title="Doorlooptijden",
        columns=[Column("i", "Interval", "label"), *(Column(k, k, "days") for k in ("p25", "median", "p75"))],
        rows=[["A", 3, 8, 20], ["B", 4, HIDDEN, 30]],
        chart="box",
    )
    found = ids(charts.chart_svg(table))
    p = charts.chart_id(table)
    assert f"{p}-box-0" in found and f"{p}-box-1" not in found and f"{p}-gap-1" in found


def test_the_partial_explains_both_markers_and_the_table_shows_them():
    html = render_to_string("reports/_chart.html", {"chart": charts.render(with_hidden())})
    assert f'<abbr title="{charts.marker_title(HIDDEN)}">×</abbr>' in html
    assert f'<abbr title="{charts.marker_title(SUPPRESSED)}">&lt;5</abbr>' in html
    notes = html[html.index("report-notes") :]
    assert "“×”" in notes and "“<5”" in notes  # a note for each marker
    only_small = ReportTable(
        "s", "S", [Column("a", "A", "label"), Column("n", "N")], [["x", SUPPRESSED]], chart="bar"
    )
    html = render_to_string("reports/_chart.html", {"chart": charts.render(only_small)})
    notes = html[html.index("report-notes") :]
    assert "“<5”" in notes and "“×”" not in notes
    assert charts.is_suppressed(HIDDEN) and charts.is_suppressed(SUPPRESSED) and not charts.is_suppressed(0)


def test_the_same_figures_are_drawn_once_and_changed_figures_again(settings, monkeypatch):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "charts"}
    }
    from django.core.cache import cache

    cache.clear()
    drawn = []
    real = charts._draw_svg
    monkeypatch.setattr(charts, "_draw_svg", lambda table, **kw: drawn.append(table.key) or real(table, **kw))
    first = charts.chart_svg(by_source())
    assert charts.chart_svg(by_source()) == first
    assert drawn == ["referrals-by-source"]
    changed = by_source()
    changed = ReportTable(**{**changed.__dict__, "rows": [["Leerkracht", 13], *changed.rows[1:]]})
    assert charts.chart_svg(changed) != first
    with translation.override("en"):
        charts.chart_svg(by_source())
    assert len(drawn) == 3  # other figures, and another language, are drawn anew
