"""Import columns (journal/data/importer.py): each reads and checks one cell of an export file.

Every case here is what the import accepted or refused before the columns became objects: blank
cells, yes/no words, decimals and whole numbers, times with and without a UTC offset, lists.
"""

import uuid
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from journal.data import importer
from journal.data.export import EVENTS
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.rules.bounds import NOT_A_NUMBER

LONDON = ZoneInfo("Europe/London")
KINDS = "twitch, tremor, spasm, cramp, restless_urge, jerking_episode, other"


def column(model, name, tz=LONDON):
    return importer.column_for(model._meta.get_field(name), tz)


def read(model, name, text, tz=LONDON):
    return column(model, name, tz).clean(text)


def refusal(model, name, text):
    with pytest.raises(importer.CellError) as refused:
        read(model, name, text)
    return str(refused.value)


# --- text ---------------------------------------------------------------------------------------


def test_text_is_kept_as_written_spaces_and_all():
    assert read(Event, "notes", "  woke twice \n") == "  woke twice \n"
    assert read(Event, "notes", "") == ""
    assert read(PartnerReport, "observer", "Alex") == "Alex"
    assert read(Night, "sleep_medication", "") == ""


def test_a_kind_must_be_one_of_the_kinds_exactly():
    assert read(Event, "kind", "jerking_episode") == "jerking_episode"
    for text in ("Twitch", " twitch", "", "hiccup"):
        assert refusal(Event, "kind", text) == f"Write one of: {KINDS}."


# --- lists --------------------------------------------------------------------------------------


def test_a_list_is_split_at_semicolons_and_trimmed():
    assert read(Event, "body_parts", "left_leg;right_leg") == ["left_leg", "right_leg"]
    assert read(Event, "body_parts", " left_leg ; ;right_foot; ") == ["left_leg", "right_foot"]
    assert read(Event, "body_parts", "") == []
    assert read(PartnerReport, "observations", "  ") == []
    assert read(PartnerReport, "observations", "twitching;other") == ["twitching", "other"]


def test_a_list_refuses_values_outside_its_vocabulary_and_names_them_all():
    assert refusal(Event, "body_parts", "tail;left_leg;wing") == (
        "Unknown value tail, wing. Use any of face, eyes, jaw, neck, trunk, left_arm, "
        "right_arm, left_hand, right_hand, left_leg, right_leg, left_foot, right_foot, "
        "whole_body, separated by ;."
    )
    assert refusal(PartnerReport, "observations", "Twitching").startswith(
        "Unknown value Twitching. Use any of twitching, kicking_punching,"
    )


# --- blank cells --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "model, name",
    [
        (Event, "id"),
        (Event, "duration_seconds"),
        (Event, "intensity"),
        (Event, "temperature_c"),
        (Event, "consciousness_changed"),
        (Night, "got_into_bed"),
        (Night, "alcohol_drinks"),
        (Night, "quality"),
    ],
)
def test_a_blank_cell_is_not_recorded_where_that_is_allowed(model, name):
    assert read(model, name, "") is None
    assert read(model, name, "   ") is None


@pytest.mark.parametrize(
    "model, name, message",
    [
        (Event, "occurred_at", "This can't be empty."),
        (PartnerReport, "observed_at", "This can't be empty."),
        (Night, "night_of", "This can't be empty."),
        (SymptomCheckin, "date", "This can't be empty."),
        (Event, "woke_me", "Write yes or no."),
        (SymptomCheckin, "foot_cramps", "Write yes or no."),
    ],
)
def test_a_blank_cell_is_refused_where_a_value_is_needed(model, name, message):
    assert refusal(model, name, " ") == message


# --- ids ----------------------------------------------------------------------------------------


def test_an_id_is_a_uuid_in_any_case():
    entry_id = uuid.uuid4()
    assert read(Event, "id", str(entry_id)) == entry_id
    assert read(Event, "id", f" {str(entry_id).upper()} ") == entry_id
    assert refusal(Event, "id", "42") == (
        "Not a valid id. Keep the id from the export, or leave it empty for a new entry."
    )


# --- times and dates ----------------------------------------------------------------------------


def test_a_time_with_its_utc_offset_is_that_instant():
    moment = read(Event, "occurred_at", "2026-10-12T02:14:00+01:00")
    assert moment == datetime(2026, 10, 12, 1, 14, tzinfo=UTC)
    assert moment.utcoffset() == timedelta(hours=1)
    assert read(Event, "occurred_at", "2026-10-12T01:14:00Z") == moment
    assert read(Event, "occurred_at", " 2026-10-12 02:14+01:00 ") == moment


def test_a_time_without_an_offset_is_read_in_the_importers_zone():
    london = read(Event, "occurred_at", "2026-10-12T02:14:00")
    assert london == datetime(2026, 10, 12, 2, 14, tzinfo=LONDON)
    assert london.tzinfo is LONDON
    new_york = read(Event, "occurred_at", "2026-10-12T02:14", tz=ZoneInfo("America/New_York"))
    assert new_york.utcoffset() == timedelta(hours=-4)
    # A date alone is that day's midnight, as Python's ISO reader has it.
    assert read(Night, "final_wake", "2026-10-12") == datetime(2026, 10, 12, tzinfo=LONDON)


def test_a_time_keeps_the_offset_it_was_written_with():
    moment = read(Night, "final_wake", "2026-10-12T07:00:00-04:00")
    assert moment.tzinfo == timezone(timedelta(hours=-4))


@pytest.mark.parametrize("text", ["12/10/2026 02:14", "02:14", "2026-10-12T25:00", "yesterday"])
def test_a_time_that_is_not_iso_8601_is_refused(text):
    assert refusal(Event, "occurred_at", text) == (
        "Not a date and time. Write it as 2026-10-12T02:14:00+01:00 (ISO 8601, with the UTC "
        "offset)."
    )


def test_a_date_is_iso_8601():
    assert read(Night, "night_of", "2026-10-11") == date(2026, 10, 11)
    assert read(SymptomCheckin, "date", " 2026-10-12 ") == date(2026, 10, 12)
    for text in ("12/10/2026", "2026-13-01", "2026-10-12T00:00"):
        assert refusal(Night, "night_of", text) == (
            "Not a date. Write it as YYYY-MM-DD, e.g. 2026-10-12."
        )


# --- yes and no ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["yes", "Yes", " Y ", "true", "TRUE", "1"])
def test_yes_words_are_yes(text):
    assert read(Event, "woke_me", text) is True
    assert read(Event, "injury", text) is True


@pytest.mark.parametrize("text", ["no", "NO", "n", "false", "False", "0"])
def test_no_words_are_no(text):
    assert read(SymptomCheckin, "dragging_leg", text) is False
    assert read(Event, "tongue_bitten", text) is False


def test_other_words_are_refused_saying_whether_blank_is_allowed():
    assert refusal(Event, "woke_me", "maybe") == "Write yes or no."
    assert refusal(Event, "confused_after", "ja") == "Write yes, no, or leave it empty."


# --- numbers ------------------------------------------------------------------------------------


def test_a_decimal_is_read_exactly_as_written():
    assert read(Event, "temperature_c", "36.6") == Decimal("36.6")
    assert str(read(Night, "alcohol_drinks", " 2.50 ")) == "2.50"
    assert read(Event, "temperature_c", "-1") == Decimal(-1)


@pytest.mark.parametrize(
    "text", ["36,6", "abc", "NaN", "Infinity", "-inf", "1/2", "1e1", "3.7E+1", "9" * 41]
)
def test_a_decimal_that_is_not_a_plain_number_is_refused(text):
    # Exponents and very long numbers too: they are checked as text before any conversion.
    assert refusal(Event, "temperature_c", text) == NOT_A_NUMBER


def test_a_whole_number_may_be_written_with_zero_decimals():
    assert read(Event, "duration_seconds", "90") == 90
    assert isinstance(read(Event, "duration_seconds", "90.0"), int)
    assert read(Event, "intensity", "-3") == -3


def test_a_number_with_a_fraction_or_no_number_is_refused():
    assert refusal(Event, "duration_seconds", "90.5") == "Must be a whole number."
    assert refusal(Night, "caffeine_drinks", "two") == NOT_A_NUMBER
    assert refusal(Night, "quality", "NaN") == NOT_A_NUMBER
    assert refusal(Night, "awakenings", "1e1") == NOT_A_NUMBER


# --- a whole row --------------------------------------------------------------------------------


def test_a_refused_cell_leaves_the_fields_default_in_its_row_and_says_why():
    columns = importer.table_columns(EVENTS, LONDON)
    cells = dict.fromkeys(EVENTS.columns, "")
    cells.update(
        occurred_at="2026-10-12T02:14:00+01:00",
        kind="cramp",
        body_parts="tail",
        woke_me="maybe",
        kept_me_awake="no",
        intensity="loud",
    )
    values, errors = importer.parse_row(columns, cells)
    assert values["body_parts"] == []
    assert values["woke_me"] is False
    assert values["intensity"] is None
    assert values["kind"] == "cramp"
    assert errors == {
        "body_parts": [refusal(Event, "body_parts", "tail")],
        "woke_me": ["Write yes or no."],
        "intensity": [NOT_A_NUMBER],
    }
