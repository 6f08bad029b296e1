"""The PDF's appendix writes each entry in three cells (When, What, Notes) rather than the page's
eleven (issue 10: WeasyPrint lays out every cell): every fact of the page's columns must still be
in the PDF, read as a doctor's viewer reads it (poppler's pdftotext)."""

import subprocess
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from tests.factories import EventFactory, NightFactory, PartnerReportFactory, StageSegmentFactory
from tests.pages import find_all

pytestmark = pytest.mark.now("2026-10-05 09:30", tz="Europe/London")

NIGHT = date(2026, 10, 1)
QUERY = f"from={NIGHT}&to={NIGHT}"
EVENT_COLUMNS = (
    "When",
    "Night of",
    "Window",
    "Kind",
    "Body parts",
    "How long",
    "Woke me",
    "Awareness changed",
    "Temp.",
    "Also",
    "Notes",
)
PARTNER_COLUMNS = ("Who saw it", "What they saw")


@pytest.fixture
def full_entries(user):
    """A night with a watch's stages, an event with every field filled in and a partner report
    with every field filled in; notes with characters that must be escaped."""
    NightFactory(
        owner=user,
        night_of=NIGHT,
        tried_to_sleep="23:00",
        minutes_to_fall_asleep=10,
        final_wake="07:00",
    )
    StageSegmentFactory(owner=user, night=NIGHT, from_clock="01:40", to_clock="02:20", stage="rem")
    EventFactory(
        owner=user,
        night=NIGHT,
        clock="02:05",
        kind="cramp",
        body_parts=["left_leg", "right_leg"],
        duration_seconds=125,
        woke_me=True,
        consciousness_changed=False,
        temperature_c=Decimal("38.2"),
        tongue_bitten=True,
        injury=True,
        notes="Calf hard <as a rock> & sore",
    )
    PartnerReportFactory(
        owner=user,
        night=NIGHT,
        clock="03:15",
        observer="Alex",
        observations=["kicking_punching"],
        body_parts=["left_arm"],
        duration_seconds=40,
        notes="Shouted twice",
    )


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def test_the_pdf_appendix_carries_every_fact_of_the_pages_columns(
    signed_in, full_entries, tmp_path
):
    page = signed_in.get(f"{reverse('report')}?{QUERY}")
    cells = [
        (cell.attrs["data-label"], cell.text)
        for cell in find_all(page, "td")
        if cell.attrs.get("data-label") in EVENT_COLUMNS + PARTNER_COLUMNS
    ]
    # The page's cells, as the test expects them (so the comparison below is not empty).
    assert len(cells) == 11 + 8
    assert ("Woke me", "yes") in cells
    assert ("Temp.", "38.2 °C") in cells
    assert ("Who saw it", "Alex") in cells

    response = signed_in.get(f"{reverse('report_pdf')}?{QUERY}")
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    appendix = text[text.index("Appendix: every entry") : text.index("(est.) = the window")]
    for label, value in cells:
        assert value in appendix, (label, value, appendix)
    # Values that alone could be read two ways keep their column's words.
    event_line = (
        "C Cramp · Left leg, Right leg · how long: 2 min 5 s · woke me: yes · "
        "awareness changed: no · temp. 38.2 °C · also: tongue bitten; injured"
    )
    assert event_line in appendix
    assert "Fri 2 Oct 02:05 · night of 1 Oct Middle of the night" in appendix
    assert "Recorded: REM (Apple Watch)" in appendix
    assert "Calf hard <as a rock> & sore" in appendix
    partner_line = (
        "who saw it: Alex · what they saw: Kicking or punching · body parts: Left arm · "
        "how long: 40 s"
    )
    assert partner_line in appendix
    assert "Shouted twice" in appendix


def test_the_pdf_appendix_is_three_cells_a_row_and_the_page_keeps_its_columns(
    signed_in, full_entries, monkeypatch
):
    from journal.review import report_render

    documents = []
    without_indentation = report_render.without_indentation

    def captured(html):
        documents.append(html)
        return without_indentation(html)

    monkeypatch.setattr(report_render, "without_indentation", captured)
    page = signed_in.get(f"{reverse('report')}?{QUERY}")
    assert len(find_all(page, "table", class_="report-events")) == 1
    assert len([c for c in find_all(page, "td") if c.attrs.get("data-label") == "Kind"]) == 1

    documents.clear()
    signed_in.get(f"{reverse('report_pdf')}?{QUERY}")
    whole = documents[-1]
    start = whole.index('<section class="report-appendix"')
    appendix = whole[start : whole.index("</section>", start) + len("</section>")]
    tables = find_all(appendix, "table", class_="report-pdf-list")
    assert len(tables) == 2  # events, partner reports
    assert "report-events" not in appendix
    rows = appendix.split("<tr>")[1:]
    assert [row.count("<td") for row in rows] == [0, 3, 0, 3]  # header, event, header, report
    assert "Calf hard &lt;as a rock&gt; &amp; sore" in appendix
