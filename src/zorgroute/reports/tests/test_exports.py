"""Exports: the CSV reads back, the XLSX opens with openpyxl and holds the values, the PDFs render to PNG pages with
pdftoppm, and a suppressed cell is "<5" in every format, never its number."""

import http.server
import io
import os
import shutil
import subprocess
import threading

import pytest
from django.utils import translation
from openpyxl import load_workbook

from zorgroute.reports import exports
from zorgroute.reports.tables import Column, ReportTable, suppress

HIDDEN = 3  # JGZ referred 3 pupils: a count that must not appear anywhere


@pytest.fixture(autouse=True)
def dutch():
    with translation.override("nl"):
        yield


def by_source():
    return ReportTable(
        key="referrals-by-source",
        title="Aanmeldingen per bron",
        caption="Schooljaar 2025-2026",
        columns=[
            Column("source", "Bron", "label"),
            Column("n", "Aantal"),
            Column("share", "Aandeel", "percent"),
        ],
        rows=[
            ["Leerkracht", 12, 57.1],
            ["JGZ", suppress(HIDDEN), suppress(HIDDEN)],
            ["Ouders", 9, 42.9],
            ['=HYPERLINK("http://x")', 0, 0.0],
            ["SMW", None, None],
        ],
        notes=("Bron: de aanmelding.",),
        chart="bar",
    )


def lead_times():
    return ReportTable(
        key="lead-times",
        title="Doorlooptijden per school in dagen: signaal tot eerste bespreking in het zorgteam",  # > 31 chars
        columns=[Column("school", "School", "label"), Column("median", "Mediaan", "days")],
        rows=[["De Regenboog", 9.5], ["Het College", 14]],
        chart="bar",
    )


# --- CSV ------------------------------------------------------------------------------------------------------------


def test_the_csv_is_excel_dutch_and_reads_back():
    export = exports.csv_export(by_source())
    assert export.filename == "referrals-by-source.csv" and export.content_type.startswith("text/csv")
    assert export.content.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    assert b"\r\n" in export.content and b";" in export.content
    assert exports.csv_read(export.content) == [
        ["Bron", "Aantal", "Aandeel"],
        ["Leerkracht", "12", "57,1"],
        ["JGZ", "<5", "<5"],
        ["Ouders", "9", "42,9"],
        ['\'=HYPERLINK("http://x")', "0", "0"],  # a formula-like text is defused
        ["SMW", "", ""],
    ]


# --- XLSX -----------------------------------------------------------------------------------------------------------


def test_the_xlsx_opens_with_openpyxl_and_holds_the_values():
    export = exports.xlsx_export([by_source(), lead_times()], title="Basisregistratie", period="2025-2026")
    assert export.filename == "basisregistratie-2025-2026.xlsx"
    workbook = load_workbook(io.BytesIO(export.content))
    assert workbook.sheetnames == ["Aanmeldingen per bron", "Doorlooptijden per school in da"]
    sheet = workbook["Aanmeldingen per bron"]
    assert (
        sheet["A1"].value == "Aanmeldingen per bron"
        and sheet["A2"].value == "Schooljaar 2025-2026 · 2025-2026"
    )
    assert [c.value for c in sheet[4]] == ["Bron", "Aantal", "Aandeel"]
    assert all(c.font.b for c in sheet[4])
    assert sheet.freeze_panes == "A5"
    assert [c.value for c in sheet[5]] == ["Leerkracht", 12, 57.1]
    assert sheet["B5"].data_type == "n" and sheet["C5"].number_format == '0.0"%"'
    assert [c.value for c in sheet[6]] == ["JGZ", "<5", "<5"]
    assert sheet["B6"].data_type == "s"
    assert (
        sheet["A8"].value == '=HYPERLINK("http://x")' and sheet["A8"].data_type == "s"
    )  # text, not a formula
    assert [c.value for c in sheet[9]] == ["SMW", None, None]
    notes = [sheet.cell(row=r, column=1).value for r in (11, 12)]
    assert notes[0] == "Bron: de aanmelding." and "<5" in notes[1]
    other = workbook["Doorlooptijden per school in da"]
    assert [c.value for c in other[5]] == ["De Regenboog", 9.5]
    assert other.cell(row=8, column=1).value is None  # nothing suppressed: no suppression note
    every_value = [c.value for ws in workbook for row in ws.iter_rows() for c in row]
    assert HIDDEN not in every_value


def test_sheet_names_are_valid_and_unique():
    same = [by_source(), by_source()]
    bad = ReportTable("x", "Wie/wat? [test]*", [Column("n", "N")], [[1]])
    workbook = load_workbook(io.BytesIO(exports.xlsx_export([*same, bad], title="T").content))
    assert workbook.sheetnames == ["Aanmeldingen per bron", "Aanmeldingen per bron (2)", "Wie wat   test"]
    assert load_workbook(io.BytesIO(exports.xlsx_export([], title="Leeg").content)).sheetnames


# --- PDF ------------------------------------------------------------------------------------------------------------


def _poppler():
    if shutil.which("pdftoppm") and shutil.which("pdftotext"):
        return
    if os.environ.get("CI"):
        pytest.fail("pdftoppm/pdftotext missing (apt-get install poppler-utils; .ci/run installs it)")
    pytest.skip("poppler-utils is not installed")


def _pages(pdf: bytes, tmp_path) -> list:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(path), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page*.png"))
    assert pages and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)
    return pages


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_the_report_pdf_renders_to_png_pages_with_tables_charts_and_the_suppression_note(tmp_path):
    _poppler()
    export = exports.pdf_export(
        [by_source(), lead_times()], title="Basisregistratie De Regenboog", period="2025-2026"
    )
    assert export.filename == "basisregistratie-de-regenboog-2025-2026.pdf"
    assert export.content.startswith(b"%PDF")
    assert _pages(export.content, tmp_path)
    text = _text(export.content, tmp_path)
    assert "Basisregistratie De Regenboog" in text and "2025-2026" in text
    assert "Aanmeldingen per bron" in text and "Doorlooptijden per school" in text
    jgz = [line.split() for line in text.splitlines() if line.strip().startswith("JGZ")]
    assert jgz == [["JGZ", "<5", "<5"]]  # the table row; the chart marks the gap with "<5" only
    assert "Leerkracht" in text and "57,1%" in text and "9,5" in text
    assert exports.suppression_note()[:20] in " ".join(text.split())
    assert "image/svg+xml" not in text


def test_the_annual_report_has_a_cover_contents_and_a_page_per_section(tmp_path):
    _poppler()
    sections = [
        exports.Section(
            "Inleiding", "Het zorgteam besprak dit jaar meer leerlingen.\n\nDe wachttijd daalde."
        ),
        exports.Section("Aanmeldingen", "", [by_source()]),
        exports.Section("Doorlooptijden", "Mediaan in dagen.", [lead_times()]),
    ]
    export = exports.annual_report_pdf(
        sections, title="Jaarverslag ZAT Teststreek", period="2025-2026", organisation="SWV Teststreek"
    )
    assert export.filename == "jaarverslag-zat-teststreek-2025-2026.pdf"
    assert (
        len(_pages(export.content, tmp_path)) >= 4
    )  # cover with contents, then each section on its own page
    text = _text(export.content, tmp_path)
    for expected in ("Jaarverslag ZAT Teststreek", "SWV Teststreek", "Inleiding", "De wachttijd daalde."):
        assert expected in text
    assert [line.split() for line in text.splitlines() if line.strip().startswith("JGZ")] == [
        ["JGZ", "<5", "<5"]
    ]


def test_rendering_fetches_nothing(tmp_path):
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        html = (
            f'<img src="http://127.0.0.1:{port}/pixel.png">'
            f'<link rel="stylesheet" href="http://127.0.0.1:{port}/style.css">'
            f'<img src="file://{tmp_path}/secret.png">'
        )
        assert exports.render_pdf(html).startswith(b"%PDF")
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def test_a_title_cannot_break_out_of_the_page_footer():
    quoted = exports.css_string('Rapport "x" </style><script>')
    assert quoted.startswith('"') and quoted.endswith('"')
    assert '"' not in quoted[1:-1] and "<" not in quoted and ">" not in quoted


def test_a_marker_derived_from_suppressed_is_written_as_its_text():
    from zorgroute.reports.tables import SUPPRESSED

    class Derived(type(SUPPRESSED)):
        _instance = None

        def __str__(self):
            return "×"

    table = ReportTable(
        "t", "Per school", [Column("s", "School", "label"), Column("n", "Aantal")], [["B", Derived()]]
    )
    assert exports.csv_read(exports.csv_export(table).content)[1] == ["B", "×"]
    sheet = load_workbook(io.BytesIO(exports.xlsx_export([table], title="T").content)).active
    assert sheet["B5"].value == "×" and sheet["B5"].data_type == "s"


def protected():
    from zorgroute.reports.tables import HIDDEN as HIDDEN_MARKER
    from zorgroute.reports.tables import SUPPRESSED

    return ReportTable(
        key="protected",
        title="Aanmeldingen per school",
        columns=[Column("school", "School", "label"), Column("n", "Aantal")],
        rows=[
            ["De Regenboog", 12],
            ["Het College", SUPPRESSED],
            ["De Vlinder", HIDDEN_MARKER],
            ["Totaal", 22],
        ],
        chart="bar",
    )


def test_a_hidden_cell_is_written_as_its_marker_in_every_format(tmp_path):
    table = protected()
    rows = exports.csv_read(exports.csv_export(table).content)
    assert rows[2:4] == [["Het College", "<5"], ["De Vlinder", "×"]]
    sheet = load_workbook(io.BytesIO(exports.xlsx_export([table], title="T").content)).active
    assert [sheet["B6"].value, sheet["B7"].value] == ["<5", "×"]
    assert sheet["B7"].data_type == "s"
    values = [c.value for row in sheet.iter_rows() for c in row]
    assert 7 not in values and 3 not in values
    assert any(isinstance(v, str) and "“×”" in v for v in values)  # the note explains "×"
    _poppler()
    text = _text(exports.pdf_export([table], title="Rapport", period="2025-2026").content, tmp_path)
    assert [line.split() for line in text.splitlines() if line.strip().startswith("De Vlinder")] == [
        ["De", "Vlinder", "×"]
    ]
    assert "“×”" in text and "“<5”" in text
