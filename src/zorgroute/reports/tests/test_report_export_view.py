"""Downloading a report: CSV, XLSX and PDF of the whole report, the annual report as PDF; the same access as reading
the report, a purpose of at least 10 characters, an audit row with the reason and never a figure, and the
protected cells ("<5", "×") written as their markers in every format."""

import io
import shutil
import subprocess

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from zorgroute.cases.tests.case_helpers import assert_same_as_missing, events, last_event
from zorgroute.core.time import current_school_year
from zorgroute.reports import exports
from zorgroute.reports.tables import HIDDEN, SUPPRESSED
from zorgroute.reports.tests.helpers import grow
from zorgroute.testing.auth import login_verified

pytestmark = pytest.mark.django_db

REASON = "Jaarverslag voor het bestuur"


def url(school, **params):
    base = reverse("reports:school-export", args=[school.uuid])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def cell_value(cell):
    if cell is SUPPRESSED or cell is HIDDEN:
        return str(cell)
    return cell


def markers(report):
    cells = [cell for table in report.tables for row in table.rows for cell in row]
    return sum(c is SUPPRESSED for c in cells), sum(c is HIDDEN for c in cells)


@pytest.fixture
def page(client, world):
    grow(world, 6)
    login_verified(client, world.ib_a)
    return client.get(reverse("reports:school", args=[world.school_a.uuid]))


def test_the_report_page_offers_the_three_downloads_with_a_purpose(page, world):
    body = page.content.decode()
    assert 'data-testid="report-export"' in body and 'name="doel"' in body
    assert all(f'value="{fmt}"' in body for fmt in ("csv", "xlsx", "pdf"))
    assert f'action="{url(world.school_a)}"' in body


def test_the_xlsx_opens_with_openpyxl_and_holds_the_figures_of_the_page(client, world, page):
    report = page.context["report"]
    response = client.post(url(world.school_a), {"doel": REASON, "formaat": "xlsx"})
    assert response.status_code == 200 and response["Content-Type"] == exports.XLSX_TYPE
    assert (
        response["Content-Disposition"].startswith('attachment; filename="')
        and ".xlsx" in response["Content-Disposition"]
    )
    workbook = load_workbook(io.BytesIO(response.content))
    assert len(workbook.sheetnames) == len(report.tables)
    table = report.table("referrals_forum")
    sheet = next(ws for ws in workbook if ws["A1"].value == table.title)
    written = [[c.value for c in row] for row in sheet.iter_rows(min_row=5, max_row=4 + len(table.rows))]
    assert written == [[cell_value(c) for c in row] for row in table.rows]
    assert 6 in [v for row in written for v in row]  # the six grown referrals, as on the page
    values = [c.value for ws in workbook for row in ws.iter_rows() for c in row]
    small, hidden = markers(report)
    assert small and values.count("<5") == small and values.count("×") == hidden
    event = last_event("report.exported")
    assert event.actor_uuid == world.ib_a.uuid and event.target_uuid == world.school_a.uuid
    assert event.reason == REASON
    assert event.changes == {
        "report": "school", "scope": "school", "period": str(current_school_year()),
        "start": f"{current_school_year()}-08-01", "end": f"{current_school_year() + 1}-07-31", "format": "xlsx",
    }  # fmt: skip
    assert event.pupil_uuid is None and event.case_uuid is None


def test_the_csv_parses_and_holds_every_table(client, world, page):
    report = page.context["report"]
    response = client.post(url(world.school_a), {"doel": REASON, "formaat": "csv"})
    assert response.status_code == 200 and response["Content-Type"] == exports.CSV_TYPE
    assert response["Cache-Control"] == "no-store"
    rows = exports.csv_read(response.content)
    titles = [row[0] for row in rows if row]
    assert all(table.title in titles for table in report.tables)
    cells = [cell for row in rows for cell in row]
    small, hidden = markers(report)
    assert cells.count("<5") == small and cells.count("×") == hidden
    assert last_event("report.exported").changes["format"] == "csv"


def test_the_pdf_renders_to_png_pages(client, world, page, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.fail("poppler-utils (pdftoppm) is required")
    response = client.post(url(world.school_a), {"doel": REASON, "formaat": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == exports.PDF_TYPE
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    assert list(tmp_path.glob("page*.png"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert world.school_a.name in text and "<5" in text
    assert last_event("report.exported").changes["format"] == "pdf"


def test_the_annual_report_downloads_as_a_pdf_with_contents(client, world, tmp_path):
    login_verified(client, world.municipality_analyst)
    response = client.post(
        reverse("reports:annual-export", args=[world.region.uuid]), {"doel": REASON, "formaat": "pdf"}
    )
    assert response.status_code == 200 and response["Content-Type"] == exports.PDF_TYPE
    pdf = tmp_path / "annual.pdf"
    pdf.write_bytes(response.content)
    subprocess.run(["pdftoppm", "-png", "-r", "30", str(pdf), str(tmp_path / "page")], check=True)
    assert len(list(tmp_path.glob("page*.png"))) >= 2  # a cover with contents, then the sections
    event = last_event("report.exported")
    assert event.changes["report"] == "annual" and event.changes["scope"] == "region"


@pytest.mark.parametrize("reason", ["", "   ", "te kort"])
def test_a_missing_or_short_purpose_is_a_form_error_and_nothing_is_exported(client, world, reason):
    login_verified(client, world.ib_a)
    before = events("report.exported")
    response = client.post(url(world.school_a), {"doel": reason, "formaat": "csv"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert "doel" in response.context["export_form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert events("report.exported") == before


def test_a_bad_format_or_period_is_an_error_not_a_500(client, world):
    login_verified(client, world.ib_a)
    before = events("report.exported")
    bad_format = client.post(url(world.school_a), {"doel": REASON, "formaat": "docx"})
    assert bad_format.status_code == 200 and "formaat" in bad_format.context["export_form"].errors
    bad_period = client.post(url(world.school_a, periode="1850"), {"doel": REASON, "formaat": "csv"})
    assert bad_period.status_code == 200 and 'data-testid="report-no-period"' in bad_period.content.decode()
    assert events("report.exported") == before


def test_the_period_of_the_page_is_the_period_of_the_file(client, world):
    login_verified(client, world.ib_a)
    year = current_school_year()
    client.post(url(world.school_a, periode=f"{year}-q2"), {"doel": REASON, "formaat": "csv"})
    assert last_event("report.exported").changes["period"] == f"{year}-q2"


def test_anonymous_goes_to_login(client, world):
    response = client.post(url(world.school_a), {"doel": REASON, "formaat": "csv"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_an_outsider_gets_the_same_404_as_for_a_missing_school(client, world):
    missing = reverse("reports:school-export", args=["00000000-0000-0000-0000-000000000000"])
    for persona in ("ib_b", "municipality_analyst", "parent_with_authority"):
        client.logout()
        login_verified(client, getattr(world, persona))
        assert_same_as_missing(client, url(world.school_a), missing)


@pytest.mark.parametrize(
    "persona, name, target",
    [
        ("teacher", "reports:school-export", "school_a"),
        ("zat_chair", "reports:school-export", "school_a"),
        ("municipality_analyst", "reports:zat-export", "region"),
        ("ib_a", "reports:annual-export", "region"),
    ],
)
def test_who_may_not_read_the_report_may_not_download_it(client, world, persona, name, target):
    login_verified(client, getattr(world, persona))
    before = events("report.exported")
    response = client.post(
        reverse(name, args=[getattr(world, target).uuid]), {"doel": REASON, "formaat": "csv"}
    )
    assert response.status_code in (403, 404)
    assert events("report.exported") == before


def test_the_zat_and_region_reports_download_for_their_readers(client, world):
    login_verified(client, world.zat_chair)
    zat = client.post(
        reverse("reports:zat-export", args=[world.region.uuid]), {"doel": REASON, "formaat": "csv"}
    )
    assert zat.status_code == 200 and last_event("report.exported").changes["report"] == "zat"
    client.logout()
    login_verified(client, world.municipality_analyst)
    region = client.post(
        reverse("reports:region-export", args=[world.region.uuid]), {"doel": REASON, "formaat": "xlsx"}
    )
    assert region.status_code == 200 and last_event("report.exported").changes["report"] == "region"
    assert world.school_a.name not in str(
        [c.value for ws in load_workbook(io.BytesIO(region.content)) for row in ws.iter_rows() for c in row]
    )
