"""The report as a PDF: same figures as the page, page 1 is the summary, then grid, appendix."""

import io
import logging
import re
import subprocess
from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.db import transaction
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from journal.models import Event, PartnerReport
from journal.review import periods, report
from journal.review.periods import summary_for
from tests.factories import KNOWN_PERIOD, UserFactory, known_journal_for, local

# The database is needed (and set up) for the fixtures below, though most tests only read a PDF.
pytestmark = pytest.mark.django_db

PAGE_1_HEADINGS = (
    "Events per week, against the first week",
    "Sleep diary averages",
    "Events by kind",
    "Events by time of night",
    "Events by body part",
    "Alcohol",
    "What a partner saw",
    "Daytime check-ins",
    "Patterns worth discussing",
)
PINNED = local("Europe/London", 2026, 11, 20, 9, 30)


def pages_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


@dataclass
class RenderedReport:
    response: HttpResponse
    summary: object  # the period's summary, as the page would show it
    pages: list[str]


@pytest.fixture(scope="module")
def known_pdf(django_db_setup, django_db_blocker):
    """The known journal's report as a PDF, rendered once for the tests below that only read it
    (rendering takes about a second); nothing it writes outlives the fixture."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(PINNED.timestamp(), tick=False),
        transaction.atomic(),
    ):
        owner = UserFactory(doctor_questions="Is this restless legs?")
        known_journal_for(owner)
        client = Client()
        client.force_login(owner)
        response = client.get(f"{reverse('report_pdf')}?{KNOWN_PERIOD.query}")
        summary = summary_for(owner, KNOWN_PERIOD.first, KNOWN_PERIOD.last)
        transaction.set_rollback(True)
    return RenderedReport(response, summary, pages_text(response.content))


def test_it_is_a_pdf_named_for_the_period(known_pdf):
    response = known_pdf.response
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="nightjar-report-2025-10-06-2025-10-19.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_page_1_is_the_summary_with_the_summary_figures(known_pdf):
    pages, summary = known_pdf.pages, known_pdf.summary
    assert len(pages) >= 3
    page_1 = pages[0]
    for heading in (*PAGE_1_HEADINGS, "Questions for the doctor"):
        assert heading in page_1
    assert "Appendix" not in page_1 and "Night grid" not in page_1
    assert f"Nights logged {summary.nights_logged} of 14" in page_1
    assert f"Partner reports {summary.partner_reports}" in page_1
    assert "Time in bed (TIB) 8:30" in page_1
    assert "Sleep efficiency (SE) 87 %" in page_1
    assert "Page 1 of" in page_1


def test_page_2_is_the_night_grid_and_the_appendix_follows(known_pdf):
    pages = known_pdf.pages
    assert pages[1].startswith("Night grid: one row per night")
    for night in ("Mon 6 Oct", "Tue 7 Oct", "Sun 19 Oct"):
        assert night in pages[1]
    rest = " ".join(pages[2:])
    assert rest.startswith("Appendix: every entry")
    assert "Calf cramp, stretched it out" in rest and "Kicked twice" in rest


def test_pdftotext_reads_the_same_figures(known_pdf, tmp_path):
    """The same check with poppler's pdftotext, which doctors' PDF viewers resemble."""
    path = tmp_path / "report.pdf"
    path.write_bytes(known_pdf.response.content)
    page_1 = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Events per week, against the first week" in page_1
    assert "8:30" in page_1 and "7:25" in page_1
    assert "Appendix" not in page_1


@pytest.mark.now("2026-11-10 09:30", tz="Europe/London")
def test_the_demo_journal_fits_page_1_on_one_page(client, demo_owner):
    """Four weeks of believable nights, red flags and hints included: page 1 is still one page."""
    demo_owner.report_name = "Demo Sleeper"
    demo_owner.doctor_questions = "Are the twitches anything to worry about?\nIs it the wine?"
    demo_owner.save()
    client.force_login(demo_owner)
    response = client.get(f"{reverse('report_pdf')}?weeks=4")
    pages = pages_text(response.content)
    assert "Events by kind" in pages[0] and "Questions for the doctor" in pages[0]
    assert pages[1].startswith("Night grid")
    period = periods.last_weeks(demo_owner, 4)
    first, last = period.first, period.last
    assert last - first == timedelta(days=27)
    assert response["Content-Disposition"].endswith(f'{report.report_filename(first, last)}"')


def test_the_last_page_lists_the_numbered_references(known_pdf):
    """Every source the report cites by number is on the last page, with authors, year and
    where it was published."""
    last_page = known_pdf.pages[-1]
    assert "References" in last_page
    assert "Carney CE, Buysse DJ, Ancoli-Israel S, et al. 2012. The Consensus Sleep Diary" in (
        last_page
    )
    assert "Centers for Disease Control and Prevention (CDC)" in last_page
    diary_number = re.search(r"\[(\d+)\] Carney CE", last_page).group(1)
    page_1 = known_pdf.pages[0]
    assert f"Consensus Sleep Diary definitions [{diary_number}]; durations in h:mm" in page_1


def test_the_pdf_prints_every_week_of_the_appendix_open(known_pdf):
    rest = " ".join(known_pdf.pages[2:])
    assert "Nights of 6 Oct–12 Oct: 2 events, 1 partner report" in rest
    assert "Nights of 13 Oct–19 Oct: 1 event" in rest
    assert "Mon 13 Oct 23:30 · night of 13 Oct Falling asleep (est.)" in rest


@pytest.mark.django_db
def test_the_pdf_appendix_stops_at_its_cap_and_says_how_many_more(client, monkeypatch, caplog):
    monkeypatch.setattr(report, "PDF_APPENDIX_CAP", 3)
    owner = UserFactory()
    known_journal_for(owner)
    nights = (KNOWN_PERIOD.first, KNOWN_PERIOD.last)
    entries = (
        Event.objects.for_user(owner).filter(night_of__range=nights).count()
        + PartnerReport.objects.for_user(owner).filter(night_of__range=nights).count()
    )
    client.force_login(owner)
    with caplog.at_level(logging.WARNING):
        response = client.get(f"{reverse('report_pdf')}?{KNOWN_PERIOD.query}")
    text = " ".join(pages_text(response.content))
    line = re.search(
        r"… and ([\d,]+) more events?(?: and ([\d,]+) more partner reports?)?: "
        r"see the CSV export (\S+)",
        text,
    )
    assert line, text[-600:]
    left_out = sum(int(n.replace(",", "")) for n in line.groups()[:2] if n)
    assert left_out == entries - 3
    assert line[3].endswith(reverse("export_events_csv"))
    # A normal render logs nothing (WeasyPrint warned about the screen-only media query).
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


def test_capped_appendix_keeps_the_oldest_entries_in_order():
    weeks = [
        {"first_night": 1, "events": ["e1", "e2"], "partner_reports": ["p1"]},
        {"first_night": 2, "events": ["e3", "e4"], "partner_reports": []},
    ]
    capped = report.capped_appendix(weeks, cap=4)
    assert capped.weeks == [weeks[0], {"first_night": 2, "events": ["e3"], "partner_reports": []}]
    assert (capped.more_events, capped.more_partner_reports) == (1, 0)
    assert capped.left_out_text == "… and 1 more event: see the CSV export"
    assert report.capped_appendix(weeks, cap=10).left_out_text == ""


def test_the_pdf_is_laid_out_once(client, monkeypatch):
    """The whole report is laid out by WeasyPrint once and written once; before it, by design,
    only page 1 alone (the summary, no grid or appendix) to choose its type size."""
    import weasyprint

    from journal.review import report_render

    layouts, renders, writes = [], [], []
    lay_out, render = report_render.pdf_document, weasyprint.HTML.render
    write_pdf = weasyprint.Document.write_pdf

    def counted_layout(request, context, stylesheet, **flags):
        document = lay_out(request, context, stylesheet, **flags)
        layouts.append(("page 1 alone" if flags.get("summary_only") else "whole", document))
        return document

    def counted_render(html, *args, **kwargs):
        renders.append(html)
        return render(html, *args, **kwargs)

    def counted_write(document, *args, **kwargs):
        writes.append(document)
        return write_pdf(document, *args, **kwargs)

    monkeypatch.setattr(report_render, "pdf_document", counted_layout)
    monkeypatch.setattr(weasyprint.HTML, "render", counted_render)
    monkeypatch.setattr(weasyprint.Document, "write_pdf", counted_write)
    owner = UserFactory()
    known_journal_for(owner)
    client.force_login(owner)
    response = client.get(f"{reverse('report_pdf')}?{KNOWN_PERIOD.query}")

    assert response.status_code == 200
    assert [what for what, _ in layouts] == ["page 1 alone", "whole"]
    assert len(renders) == 2  # WeasyPrint laid out nothing else
    assert len(layouts[0][1].pages) == 1
    # The document written is the one laid out in whole, with every page of the response.
    assert writes == [layouts[1][1]]
    assert len(layouts[1][1].pages) == len(PdfReader(io.BytesIO(response.content)).pages)


def test_the_pdf_grid_draws_the_last_nights_up_to_its_cap_and_says_which_are_not(
    client, monkeypatch
):
    monkeypatch.setattr(report, "PDF_GRID_CAP", 10)
    owner = UserFactory()
    known_journal_for(owner)
    client.force_login(owner)
    pages = pages_text(client.get(f"{reverse('report_pdf')}?{KNOWN_PERIOD.query}").content)
    grid = pages[1]
    # The known period is 6–19 Oct 2025: the last ten nights are drawn, the first four are not.
    assert (
        "The grid draws the last 10 nights of the period: the 4 nights of 6 Oct 2025 – 9 Oct 2025 "
        "are not drawn here" in grid
    )
    assert "Fri 10 Oct" in grid and "Sun 19 Oct" in grid
    assert "Mon 6 Oct" not in grid and "Thu 9 Oct" not in grid
    # The page draws every night.
    page = client.get(f"{reverse('report')}?{KNOWN_PERIOD.query}")
    assert len(page.context["grid_rows"]) == 14
    assert "The grid draws the last" not in page.content.decode()


def test_capped_grid_keeps_the_latest_nights():
    rows = [{"night_of": KNOWN_PERIOD.first + timedelta(days=n)} for n in range(14)]
    assert report.capped_grid(rows, cap=14) == (rows, "")
    kept, line = report.capped_grid(rows, cap=3)
    assert kept == rows[-3:]
    assert line.startswith("The grid draws the last 3 nights of the period: the 11 nights of")


def test_the_pdf_markup_leaves_out_the_cell_names_of_the_phone_layout(client, monkeypatch):
    """The appendix's cells carry data-label for the page's card layout on a phone; the PDF has
    no such layout, and the names were a fifth of a heavy PDF's markup."""
    from journal.review import report_render

    documents = []
    without_indentation = report_render.without_indentation

    def captured(html):
        documents.append(html)
        return without_indentation(html)

    monkeypatch.setattr(report_render, "without_indentation", captured)
    owner = UserFactory()
    known_journal_for(owner)
    client.force_login(owner)
    page = client.get(f"{reverse('report')}?{KNOWN_PERIOD.query}").content.decode()
    assert '<td data-label="Kind">' in page
    assert '<td data-label="Who saw it">' in page

    documents.clear()
    response = client.get(f"{reverse('report_pdf')}?{KNOWN_PERIOD.query}")
    assert response.status_code == 200
    whole = documents[-1]
    assert "Falling asleep" in whole and "Mon 13 Oct 23:30" in whole
    assert "data-label" not in whole
