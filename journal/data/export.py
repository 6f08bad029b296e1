"""Your journal as files you can keep: one CSV per kind of entry, zipped with a README; and the
events alone, as one CSV for a spreadsheet.

The columns are the data dictionary of docs/definitions.md §7, in a fixed order, and the import
(data/importer.py) reads exactly what is written here, so an export can always be brought back.
Cells: datetimes in ISO 8601 with the UTC offset of the person's time zone; several values in one
cell separated by `;`; yes/no as `yes`/`no`; an empty cell means "not recorded". A text cell that
a spreadsheet would run as a formula starts with an apostrophe (`spreadsheet_safe`).
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models

from journal.data.columns import (
    EVENT_COLUMNS,
    EVENT_DERIVED_COLUMNS,
    NIGHT_COLUMNS,
    PARTNER_REPORT_COLUMNS,
    STAGE_SEGMENT_COLUMNS,
    SYMPTOM_CHECKIN_COLUMNS,
    spreadsheet_safe,
)
from journal.models import Event, Night, PartnerReport, StageSegment, SymptomCheckin
from journal.review.schedules import label_windows
from journal.review.stages import label_stages, period_stages
from journal.rules.vocabulary import BODY_PARTS, EVENT_KINDS, OBSERVATIONS, SIGNS, STAGES, WINDOWS

LIST_SEPARATOR = ";"
YES, NO = "yes", "no"


@dataclass(frozen=True)
class Table:
    """One CSV file of the export: which entries it holds and its columns, in order."""

    filename: str
    model: type[models.Model]
    columns: tuple[str, ...]
    ordering: tuple[str, ...]
    singular: str
    plural: str
    # Worked out, not stored: written only where a spreadsheet wants them (the events-only CSV)
    # and ignored by the import.
    derived: tuple[str, ...] = ()

    @property
    def name(self):
        return self.filename.removesuffix(".csv")

    def noun(self, count):
        return f"{count} {self.singular if count == 1 else self.plural}"


NIGHTS = Table(
    "nights.csv", Night, NIGHT_COLUMNS, ("night_of", "id"), "sleep diary", "sleep diaries"
)
EVENTS = Table(
    "events.csv",
    Event,
    EVENT_COLUMNS,
    ("occurred_at", "id"),
    "event",
    "events",
    derived=EVENT_DERIVED_COLUMNS,
)
PARTNER_REPORTS = Table(
    "partner_reports.csv",
    PartnerReport,
    PARTNER_REPORT_COLUMNS,
    ("observed_at", "id"),
    "partner report",
    "partner reports",
)
SYMPTOM_CHECKINS = Table(
    "symptom_checkins.csv",
    SymptomCheckin,
    SYMPTOM_CHECKIN_COLUMNS,
    ("date", "id"),
    "daytime check-in",
    "daytime check-ins",
)
# A segment is the whole row (it has no id): the four columns order the file completely.
STAGE_SEGMENTS = Table(
    "stage_segments.csv",
    StageSegment,
    STAGE_SEGMENT_COLUMNS,
    ("start", "end", "stage", "source"),
    "recorded stage segment",
    "recorded stage segments",
)
TABLES = (NIGHTS, EVENTS, PARTNER_REPORTS, SYMPTOM_CHECKINS, STAGE_SEGMENTS)
TABLES_BY_FILENAME = {table.filename: table for table in TABLES}


def to_cell(value, field, tz):
    """One value as the text of a cell (empty when not recorded)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, datetime):
        return value.astimezone(tz).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    if isinstance(field, models.DecimalField):
        return f"{value:.{field.decimal_places}f}"
    if isinstance(field, models.CharField | models.TextField):
        return spreadsheet_safe(str(value))
    return str(value)


def csv_text(table, entries, tz, derived=None):
    """The table's CSV file: a header row, then one row per entry, in the person's time zone.
    With `derived` (entry -> cells), the table's derived columns follow the stored ones."""
    fields = [table.model._meta.get_field(column) for column in table.columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns + (table.derived if derived else ()))
    for entry in entries:
        cells = [to_cell(getattr(entry, field.attname), field, tz) for field in fields]
        writer.writerow(cells + derived(entry) if derived else cells)
    return out.getvalue()


def entries_for(user, table):
    """The person's own entries for one table, in a stable order (one query)."""
    return table.model.objects.for_user(user).order_by(*table.ordering)


def zip_filename(today):
    return f"nightjar-export-{today.isoformat()}.zip"


def events_filename(today):
    return f"nightjar-events-{today.isoformat()}.csv"


def export_zip(user, today):
    """The whole journal: a CSV file per table and README.txt, as the bytes of a ZIP file."""
    buffer = io.BytesIO()
    # Every file in the ZIP is stamped with the export date, not the clock, so exporting the
    # same journal twice on one day gives the same bytes.
    stamp = (today.year, today.month, today.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in TABLES:
            text = csv_text(table, entries_for(user, table), user.tz)
            archive.writestr(_member(table.filename, stamp), text.encode("utf-8"))
        archive.writestr(_member("README.txt", stamp), readme(user, today).encode("utf-8"))
    return buffer.getvalue()


def _member(name, stamp):
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    return info


def export_events_csv(user):
    """Only the events, for a spreadsheet: the stored columns, then each event's window of the
    night and the stage a device recorded then (EVENT_DERIVED_COLUMNS; the import ignores
    them, so this file comes back through the import as the same events)."""
    events = list(entries_for(user, EVENTS))
    if events:
        nights = [event.night_of for event in events]
        diaries = Night.objects.for_user(user).filter(night_of__range=(min(nights), max(nights)))
        label_windows(user, events, {diary.night_of: diary for diary in diaries})
        label_stages(user, events, period_stages(user, min(nights), max(nights)))
    return csv_text(EVENTS, events, user.tz, derived=event_derived_cells).encode("utf-8")


def event_derived_cells(event) -> list[str]:
    return [
        event.window,
        YES if event.window_estimated else NO,
        event.recorded_stage or "",
        event.recorded_source,
    ]


def _choices(vocabulary):
    return ", ".join(vocabulary.keys)


YES_NO = "yes or no"
YES_NO_EMPTY = "yes, no, or empty (not recorded)"
WHEN = (
    "date and time, ISO 8601 with the UTC offset (2026-10-12T02:14:00+01:00); empty = not recorded"
)
COMMON = {
    "id": "the entry's identity (a UUID). Keep it: importing a row with the same id updates that "
    "entry instead of adding a copy. Leave it empty for a new row.",
    "notes": "free text; empty = none",
    "body_parts": "body parts, separated by ; — any of " + _choices(BODY_PARTS) + "; empty = none "
    "recorded",
    "duration_seconds": "how long, in seconds (0 to 86400); empty = not recorded",
}
DESCRIPTIONS = {
    NIGHTS: {
        "night_of": "the date of the evening the night began (YYYY-MM-DD); one diary per night",
        "got_into_bed": "when you got into bed; " + WHEN,
        "tried_to_sleep": "when you tried to go to sleep (lights out); " + WHEN,
        "minutes_to_fall_asleep": "minutes it took to fall asleep, 0 to 720; empty = not recorded",
        "awakenings": "times you woke in the night, not counting the final awakening, 0 to 100; "
        "empty = not recorded",
        "awake_minutes": "total minutes awake in those awakenings, 0 to 720; empty = not recorded",
        "final_wake": "your final awakening; " + WHEN,
        "out_of_bed": "when you got out of bed; " + WHEN,
        "quality": "sleep quality, 1 (very poor) to 5 (very good); empty = not recorded",
        "rested": "how rested you felt on waking, 1 (not at all) to 5 (very); empty = not recorded",
        "alcohol_drinks": "alcoholic drinks in standard drinks (14 g of alcohol each), 0 to 30, "
        "one decimal allowed; 0 = none; empty = not recorded",
        "last_drink_at": "your last alcoholic drink; " + WHEN,
        "caffeine_drinks": "caffeinated drinks, 0 to 50; 0 = none; empty = not recorded",
        "last_caffeine_at": "your last caffeinated drink; " + WHEN,
        "sleep_medication": "sleep medication: name, dose and time, as text; empty = none recorded",
        "notes": COMMON["notes"],
    },
    EVENTS: {
        "occurred_at": "when it happened; date and time, ISO 8601 with the UTC offset "
        "(2026-10-12T02:14:00+01:00)",
        "kind": "what it was — one of " + _choices(EVENT_KINDS),
        "intensity": "1 (barely) to 5 (violent); empty = not recorded",
        "woke_me": "it woke me up: " + YES_NO,
        "kept_me_awake": "it stopped me falling asleep: " + YES_NO,
        "consciousness_changed": "awareness changed (confused, absent, unresponsive): "
        + YES_NO_EMPTY,
        "temperature_c": "body temperature in degrees Celsius, 34.0 to 43.0, one decimal; "
        "empty = not taken",
        "tongue_bitten": "tongue bitten: " + YES_NO_EMPTY,
        "injury": "injured: " + YES_NO_EMPTY,
        "incontinence": "wet or soiled: " + YES_NO_EMPTY,
        "confused_after": "confused afterwards: " + YES_NO_EMPTY,
    },
    PARTNER_REPORTS: {
        "observed_at": "about when they saw it; date and time, ISO 8601 with the UTC offset",
        "observer": "who saw it, as text (up to 120 characters); empty = not recorded",
        "observations": "what they saw, separated by ; (at least one) — any of "
        + _choices(OBSERVATIONS),
    },
    SYMPTOM_CHECKINS: {
        "date": "the day (YYYY-MM-DD); one check-in per day",
        **{sign.key: sign.label + ": " + YES_NO for sign in SIGNS},
    },
    STAGE_SEGMENTS: {
        "start": "when the stage began; " + WHEN.removesuffix("; empty = not recorded"),
        "end": "when it ended (after the start); date and time, ISO 8601 with the UTC offset",
        "stage": "the stage the device recorded — one of " + _choices(STAGES),
        "source": "the device or app that recorded it, as its export names it",
    },
}
# The derived columns of the events-only CSV (not in the ZIP; the import ignores them).
DERIVED_DESCRIPTIONS = {
    "window": "the window of the night, worked out from the clock and the diary — one of "
    + _choices(WINDOWS),
    "window_estimated": "yes when the window used your usual schedule (no full diary that night)",
    "recorded_stage": "the stage your device recorded at that moment; empty when the night has "
    "no recorded stages or none covers the moment",
    "recorded_stage_source": "the device or app whose stages count that night; empty when none",
}
ABOUT = {
    NIGHTS: "your morning check-ins (sleep diary), one row per night",
    EVENTS: "what your body did, one row per event",
    PARTNER_REPORTS: "what someone else saw, one row per report",
    SYMPTOM_CHECKINS: "daytime check-ins for early signs, one row per day",
    STAGE_SEGMENTS: "sleep stages a watch, ring or app recorded, one row per stretch of one stage "
    "(identical rows are one segment, so this file has no id column)",
}


def describe(table, column):
    return DESCRIPTIONS[table].get(column) or COMMON[column]


def readme(user, today):
    """README.txt: what each file and column holds, with units and allowed values."""
    lines = [
        f"Nightjar export of {today.isoformat()}",
        "",
        "Your journal as plain CSV files (UTF-8, comma-separated, one header row).",
        f"Times are written in your time zone ({user.time_zone}) with their UTC offset.",
        "An empty cell means 'not recorded', which is not the same as no or 0.",
        "Several values in one cell are separated by ; (a semicolon).",
        "Yes/no answers are written yes or no.",
        "A text cell that starts with = + - @, a tab or a carriage return is written with an",
        "apostrophe (') before it, so that a spreadsheet shows it as text and never runs it as a",
        "formula; the import takes that apostrophe off again. Numbers are written as they are.",
        "",
        "To bring this journal back (into this or another account), upload this ZIP, or any one",
        "of the CSV files, on Nightjar's Import page. Rows are matched by id: importing the same",
        "file twice changes nothing.",
    ]
    for table in TABLES:
        lines += ["", f"{table.filename}: {ABOUT[table]}", ""]
        lines += [f"  {column}: {describe(table, column)}" for column in table.columns]
    return "\n".join(lines) + "\n"
