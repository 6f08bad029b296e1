"""The report as a PDF: same figures as the page, page 1 is the summary, then grid, appendix."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from accounts.models import User
from journal import demo, report
from journal.periods import summary_for
from tests.report_journal import FIRST, LAST, PERIOD, known_journal

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


def pages_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def test_it_is_a_pdf_named_for_the_period(signed_in, user):
    known_journal(user)
    response = signed_in.get(f"{reverse('report_pdf')}?{PERIOD}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="nightjar-report-2025-10-06-2025-10-19.pdf"'
    )
    assert response.content.startswith(b"%PDF")


def test_page_1_is_the_summary_with_the_summary_figures(signed_in, user):
    known_journal(user)
    user.doctor_questions = "Is this restless legs?"
    user.save()
    pages = pages_text(signed_in.get(f"{reverse('report_pdf')}?{PERIOD}").content)
    assert len(pages) >= 3
    page_1 = pages[0]
    for heading in (*PAGE_1_HEADINGS, "Questions for the doctor"):
        assert heading in page_1
    assert "Appendix" not in page_1 and "Night grid" not in page_1
    summary = summary_for(user, FIRST, LAST)
    assert f"Nights logged {summary.nights_logged} of 14" in page_1
    assert f"Partner reports {summary.partner_reports}" in page_1
    assert "Time in bed (TIB) 510 min" in page_1
    assert "Sleep efficiency (SE) 87 %" in page_1
    assert "Page 1 of" in page_1


def test_page_2_is_the_night_grid_and_the_appendix_follows(signed_in, user):
    known_journal(user)
    pages = pages_text(signed_in.get(f"{reverse('report_pdf')}?{PERIOD}").content)
    assert pages[1].startswith("Night grid: one row per night")
    for night in ("Mon 6 Oct", "Tue 7 Oct", "Sun 19 Oct"):
        assert night in pages[1]
    rest = " ".join(pages[2:])
    assert rest.startswith("Appendix: every entry")
    assert "Calf cramp, stretched it out" in rest and "Kicked twice" in rest


def test_pdftotext_reads_the_same_figures(signed_in, user, tmp_path):
    """The same check with poppler's pdftotext, which doctors' PDF viewers resemble."""
    import subprocess

    known_journal(user)
    path = tmp_path / "report.pdf"
    path.write_bytes(signed_in.get(f"{reverse('report_pdf')}?{PERIOD}").content)
    page_1 = subprocess.run(
        ["pdftotext", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Events per week, against the first week" in page_1
    assert "510 min" in page_1 and "445 min" in page_1
    assert "Appendix" not in page_1


def test_the_demo_journal_fits_page_1_on_one_page(client):
    """Eight weeks of believable nights, red flags and hints included: page 1 still one page."""
    call_command("seed_demo", stdout=io.StringIO())
    owner = User.objects.get(email=demo.DEMO_EMAIL)
    owner.report_name = "Demo Sleeper"
    owner.doctor_questions = "Are the twitches anything to worry about?\nIs it the wine?"
    owner.save()
    client.force_login(owner)
    response = client.get(f"{reverse('report_pdf')}?weeks=4")
    pages = pages_text(response.content)
    assert "Events by kind" in pages[0] and "Questions for the doctor" in pages[0]
    assert pages[1].startswith("Night grid")
    first, last = report.preset_period(owner, 4)
    assert last - first == timedelta(days=27)
    assert response["Content-Disposition"].endswith(f'{report.report_filename(first, last)}"')
