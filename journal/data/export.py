"""Your journal as files you can keep: one CSV per kind of entry, zipped with a README.

The columns are the data dictionary of docs/definitions.md §7, in a fixed order, and the import
(data/importer.py) reads exactly what is written here, so an export can always be brought back.
Cells: datetimes in ISO 8601 with the UTC offset of the person's time zone; several values in one
cell separated by `;`; yes/no as `yes`/`no`; an empty cell means "not recorded".
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from django.db import models

from journal.data.columns import (
    EVENT_COLUMNS,
    NIGHT_COLUMNS,
    PARTNER_REPORT_COLUMNS,
    SYMPTOM_CHECKIN_COLUMNS,
)
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.rules.vocabulary import BODY_PARTS, EVENT_KINDS, OBSERVATIONS, SIGNS

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

    @property
    def name(self):
        return self.filename.removesuffix(".csv")

    def noun(self, count):
        return f"{count} {self.singular if count == 1 else self.plural}"


NIGHTS = Table(
    "nights.csv", Night, NIGHT_COLUMNS, ("night_of", "id"), "sleep diary", "sleep diaries"
)
EVENTS = Table("events.csv", Event, EVENT_COLUMNS, ("occurred_at", "id"), "event", "events")
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
TABLES = (NIGHTS, EVENTS, PARTNER_REPORTS, SYMPTOM_CHECKINS)
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
    return str(value)


def csv_text(table, entries, tz):
    """The table's CSV file: a header row, then one row per entry, in the person's time zone."""
    fields = [table.model._meta.get_field(column) for column in table.columns]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.columns)
    for entry in entries:
        writer.writerow([to_cell(getattr(entry, field.attname), field, tz) for field in fields])
    return out.getvalue()


def entries_for(user, table):
    """The person's own entries for one table, in a stable order (one query)."""
    return table.model.objects.for_user(user).order_by(*table.ordering)


def zip_filename(today):
    return f"nightjar-export-{today.isoformat()}.zip"


def events_filename(today):
    return f"nightjar-events-{today.isoformat()}.csv"


def export_zip(user, today):
    """The whole journal: the four CSV files and README.txt, as the bytes of a ZIP file."""
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
    return csv_text(EVENTS, entries_for(user, EVENTS), user.tz).encode("utf-8")


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
}
ABOUT = {
    NIGHTS: "your morning check-ins (sleep diary), one row per night",
    EVENTS: "what your body did, one row per event",
    PARTNER_REPORTS: "what someone else saw, one row per report",
    SYMPTOM_CHECKINS: "daytime check-ins for early signs, one row per day",
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
        "",
        "To bring this journal back (into this or another account), upload this ZIP, or any one",
        "of the CSV files, on Nightjar's Import page. Rows are matched by id: importing the same",
        "file twice changes nothing.",
    ]
    for table in TABLES:
        lines += ["", f"{table.filename}: {ABOUT[table]}", ""]
        lines += [f"  {column}: {describe(table, column)}" for column in table.columns]
    return "\n".join(lines) + "\n"
