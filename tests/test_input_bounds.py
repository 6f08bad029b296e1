"""Every input bounded (issue 8): dates, times and numbers out of range are a message, a 404 or a
400, never a 500. The crash sites the issue found are each reproduced here first."""

import time
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from journal.data.export import STAGE_SEGMENTS, TABLES
from journal.data.importer import CellError, table_columns
from journal.models import Event, Night, PartnerReport
from tests.pages import EXPORT_COLUMNS, find

# Friday 20 November 2026, 09:30 in London.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

EVENTS_HEADER = EXPORT_COLUMNS["events.csv"].replace(", ", ",")


def events_csv(**cells):
    values = {
        "occurred_at": "2025-10-12T02:14:00+01:00",
        "kind": "twitch",
        "woke_me": "no",
        "kept_me_awake": "no",
        **cells,
    }
    row = ",".join(values.get(column, "") for column in EVENTS_HEADER.split(","))
    return f"{EVENTS_HEADER}\n{row}\n"


@pytest.mark.parametrize(
    "path",
    [
        "/nights/0001-01-01/",
        "/nights/9999-12-31/",
        "/nights/1899-12-31/",
        "/checkin/0001-01-01/",
        "/checkin/9999-12-31/",
        "/nights/9999-12-31/delete/",
    ],
)
def test_a_night_or_day_outside_the_years_is_not_found(signed_in, path):
    assert signed_in.get(path).status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/partner/new/?night=9999-12-31",
        "/partner/new/?night=0001-01-01",
        "/report/?from=9999-12-31&to=9999-12-31",
        "/report/?from=0001-01-01&to=0001-01-02",
        "/report.pdf?from=9999-12-31&to=9999-12-31",
        "/nights/?before=9999-12-31",
        "/nights/?before=0001-01-01",
        "/patterns/?week=9999-W52",
        "/patterns/?week=0001-W01",
    ],
)
def test_a_query_date_outside_the_years_answers_a_page(signed_in, path):
    assert signed_in.get(path).status_code in (200, 302)


@pytest.mark.parametrize("value", ["0001-01-01T00:30", "9999-12-31T23:30", "1899-12-31T03:00"])
def test_an_event_time_outside_the_years_is_a_message_next_to_the_field(signed_in, user, value):
    data = {"id": str(uuid.uuid4()), "occurred_at": value, "kind": "twitch"}
    response = signed_in.post(reverse("event_new"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["occurred_at"]
    assert not Event.objects.exists()


@pytest.mark.parametrize("value", ["0001-01-01T00:30", "9999-12-31T23:30"])
def test_a_log_time_outside_the_years_is_a_message(signed_in, value):
    response = signed_in.post(reverse("log"), {"kind": "twitch", "occurred_at": value})

    assert response.status_code == 200
    assert response.context["form"].errors["occurred_at"]
    assert not Event.objects.exists()


def test_a_partner_report_time_outside_the_years_is_a_message(signed_in):
    data = {"observed_at": "9999-12-31T23:30", "observations": ["kicking"]}
    response = signed_in.post(reverse("partner_new"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["observed_at"]
    assert not PartnerReport.objects.exists()


def test_a_41_digit_temperature_is_a_message(signed_in):
    data = {
        "id": str(uuid.uuid4()),
        "occurred_at": "2026-11-19T03:10",
        "kind": "twitch",
        "temperature_c": "9" * 41,
    }
    response = signed_in.post(reverse("event_new"), data)

    assert response.status_code == 200
    assert response.context["form"].errors["temperature_c"]


@pytest.mark.parametrize(
    "cells",
    [
        {"occurred_at": "0001-01-01T00:30"},
        {"occurred_at": "9999-12-31T23:30+00:00"},
        {"notes": "a\x00b"},
        {"temperature_c": "9" * 41},
        {"duration_seconds": "1e9999999"},
    ],
)
def test_an_imported_cell_out_of_range_is_a_listed_problem(signed_in, cells):
    upload = SimpleUploadedFile("events.csv", events_csv(**cells).encode())
    response = signed_in.post(reverse("import"), {"file": upload})

    assert response.status_code == 200
    assert response.context["problems"]
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "from=9999-12-31&to=9999-12-31",
        "from=0001-01-01&to=0001-01-02",
        "from=2026-11-01&to=9999-12-31",
    ],
)
def test_the_summary_api_answers_400_for_dates_outside_the_years(signed_in, query):
    assert signed_in.get(f"/api/summary?{query}").status_code == 400


# --- numbers: checked by length and shape before any conversion ---------------------------------

NUMBER_COLUMNS = {
    table.filename: [
        name
        for name in table.columns
        if isinstance(table.model._meta.get_field(name), models.IntegerField | models.DecimalField)
    ]
    for table in TABLES
}
HUGE_NUMBERS = ["9" * 100_000, "1e9999999", "-1E-9999999", "1" + "0" * 5000 + ".5", "9" * 41]


def test_every_number_shaped_import_cell_is_refused_or_read_in_under_50_ms(user):
    checked = 0
    for table in TABLES:
        if table is STAGE_SEGMENTS:
            continue  # no number columns
        for column in table_columns(table, user.tz):
            if column.name not in NUMBER_COLUMNS[table.filename]:
                continue
            for text in HUGE_NUMBERS:
                started = time.perf_counter()
                with pytest.raises(CellError):
                    column.clean(text)
                assert time.perf_counter() - started < 0.05, (column.name, text[:20])
                checked += 1
    # duration x2, intensity, temperature; seven diary numbers
    assert checked == len(HUGE_NUMBERS) * 11


def test_a_231_byte_import_with_an_exponent_is_refused_at_once(signed_in):
    content = events_csv(duration_seconds="1e9999999").encode()
    started = time.perf_counter()
    response = signed_in.post(
        reverse("import"), {"file": SimpleUploadedFile("events.csv", content)}
    )

    assert time.perf_counter() - started < 2
    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(2, "duration_seconds")]
    assert "Write a number with digits" in problems[0].message


@pytest.mark.parametrize(
    "field, value",
    [
        ("duration_seconds", "1e9999999"),
        ("duration_seconds", "9" * 5000),
        ("temperature_c", "1e5"),
        ("temperature_c", "Infinity"),
        ("temperature_c", "NaN"),
    ],
)
def test_a_form_refuses_a_number_that_is_not_written_plainly(signed_in, field, value):
    data = {
        "id": str(uuid.uuid4()),
        "occurred_at": "2026-11-19T03:10",
        "kind": "twitch",
        field: value,
    }
    response = signed_in.post(reverse("event_new"), data)

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [
        "Write a number with digits, for example 12 or 37.5."
    ]
    assert not Event.objects.exists()


def test_a_plain_number_still_saves(signed_in, user):
    data = {
        "id": str(uuid.uuid4()),
        "occurred_at": "2026-11-19T03:10",
        "kind": "twitch",
        "duration_seconds": "90",
        "temperature_c": "38.2",
    }
    signed_in.post(reverse("event_new"), data)

    event = Event.objects.for_user(user).get()
    assert (event.duration_seconds, str(event.temperature_c)) == (90, "38.2")


@pytest.mark.parametrize("value", ["1e3", "9" * 41, "0x10"])
def test_the_diary_refuses_numbers_not_written_plainly(signed_in, value):
    response = signed_in.post("/nights/2026-11-18/", {"alcohol_drinks": value, "awakenings": value})

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "Write a number with digits" in errors["alcohol_drinks"][0]
    assert "Write a number with digits" in errors["awakenings"][0]
    assert not Night.objects.exists()


# --- text: notes at most 4,000 characters, no control characters ---------------------------------


def test_a_note_over_4000_characters_is_refused_next_to_the_field(signed_in):
    data = {
        "id": str(uuid.uuid4()),
        "occurred_at": "2026-11-19T03:10",
        "kind": "twitch",
        "notes": "a" * 4001,
    }
    response = signed_in.post(reverse("event_new"), data)

    assert "at most 4000 characters" in response.context["form"].errors["notes"][0]
    assert not Event.objects.exists()


def test_the_notes_box_tells_the_browser_its_limit_and_asks_for_a_counter(signed_in):
    page = signed_in.get(reverse("event_new")).content.decode()

    notes = find(page, "textarea", name="notes")
    assert notes.attrs["maxlength"] == "4000"
    assert "data-counter" in notes.attrs


@pytest.mark.parametrize("text", ["bad\x00note", "bell\x07", "escape\x1b[31m"])
def test_a_control_character_in_a_note_is_refused(signed_in, text):
    data = {
        "id": str(uuid.uuid4()),
        "occurred_at": "2026-11-19T03:10",
        "kind": "twitch",
        "notes": text,
    }
    response = signed_in.post(reverse("event_new"), data)

    assert response.context["form"].errors["notes"]
    assert not Event.objects.exists()


def test_a_note_keeps_its_tabs_and_line_breaks(signed_in, user):
    data = {
        "id": str(uuid.uuid4()),
        "occurred_at": "2026-11-19T03:10",
        "kind": "twitch",
        "notes": "first line\r\n\tsecond",
    }
    signed_in.post(reverse("event_new"), data)

    assert Event.objects.for_user(user).get().notes == "first line\r\n\tsecond"


def test_the_import_refuses_a_long_note_naming_its_row_and_column(signed_in):
    upload = SimpleUploadedFile("events.csv", events_csv(notes="x" * 4001).encode())
    response = signed_in.post(reverse("import"), {"file": upload})

    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(2, "notes")]
    assert "4,001 characters" in problems[0].message
    assert not Event.objects.exists()


def test_the_import_refuses_a_control_character_in_the_observer(signed_in):
    header = EXPORT_COLUMNS["partner_reports.csv"].replace(", ", ",")
    row = ",2025-10-12T02:14:00+01:00,Al\x07ex,twitching,,,"
    upload = SimpleUploadedFile("partner_reports.csv", f"{header}\n{row}\n".encode())
    response = signed_in.post(reverse("import"), {"file": upload})

    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(2, "observer")]


def test_the_drinks_helper_ignores_a_drinks_box_too_long_to_be_drinks(signed_in):
    response = signed_in.post(
        "/nights/2026-11-18/",
        {
            "calculate": "1",
            "alcohol_drinks": "1e9999999",
            "drink-volume_ml": "500",
            "drink-abv_percent": "5",
            "drink-count": "1",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].initial["alcohol_drinks"] == Decimal("1.4")
