"""Bring a journal back from an export (data/export.py): the ZIP, or any one of its CSV files.

All or nothing: every row is read and checked with the models' own rules (`full_clean()` on an
unsaved entry owned by the person) before anything is written; if any row has a problem, nothing
is written and every problem is reported by file, row and column. Rows are matched by `id`: a row
whose id is one of the person's entries updates it (or leaves it alone when nothing differs), a
new id adds an entry, and an id used by an entry outside the person's journal is refused.
"""

import csv
import io
import uuid
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from journal import figures
from journal.data.columns import unescape_cell
from journal.data.export import (
    LIST_SEPARATOR,
    NIGHTS,
    STAGE_SEGMENTS,
    SYMPTOM_CHECKINS,
    TABLES,
    TABLES_BY_FILENAME,
)
from journal.data.stage_import import in_utc
from journal.data.stages.table import CellProblem, segment_from_cells
from journal.models import StageSegment, TimedEntry, Versioned
from journal.rules import bounds
from journal.rules.stages import Segment

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A ZIP can unpack to far more than it weighs; stop before a small upload fills the memory.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
# Recorded stage segments come by the thousand (a watch records 20–40 a night), so they have a
# budget of their own: about fifteen years of nights. A bigger stage_segments.csv can be uploaded
# alone, and is then read in the background like a watch's export (journal/data/stage_import.py).
MAX_SEGMENT_ROWS = 200_000
BATCH = 500
# A file with a wrong date format can have thousands of problems; the first ones show the pattern.
MAX_SHOWN = 200
YES_WORDS = {"yes", "y", "true", "1"}
NO_WORDS = {"no", "n", "false", "0"}
# Ids for rows left without one are derived from the row, so importing that file again matches
# the same entries instead of adding copies.
BLANK_ID_NAMESPACE = uuid.UUID("5d1c1b2e-8a53-4f0e-9a3e-6b7f3c2d9e41")


def megabytes(size):
    return f"{size / (1024 * 1024):.0f} MB"


@dataclass(frozen=True)
class Problem:
    """Something that stops the import, where the person can find it in their file."""

    file: str
    row: int | None
    column: str
    message: str

    @classmethod
    def with_file(cls, file, message):
        """A problem with a whole file rather than one of its rows."""
        return cls(file, None, "", message)

    @property
    def where(self):
        """E.g. "Row 4, occurred_at", as the person finds it in a spreadsheet."""
        return ", ".join(part for part in (self.row and f"Row {self.row}", self.column) if part)


@dataclass
class TablePlan:
    table: object
    to_create: list = field(default_factory=list)
    to_update: list = field(default_factory=list)
    unchanged: int = 0

    @property
    def changes(self):
        return len(self.to_create) + len(self.to_update)

    def add(self, entry, existing, values):
        """Plan a checked row: a new entry, a change to a stored one, or nothing to do."""
        if existing is None:
            self.to_create.append(entry)
        elif all(getattr(existing, column) == values[column] for column in self.table.columns):
            self.unchanged += 1
        else:
            self.to_update.append(entry)


@dataclass
class ImportResult:
    problems: list[Problem] = field(default_factory=list)
    plans: list[TablePlan] = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    @property
    def summary(self):
        """E.g. "Imported 3 events and 1 sleep diary (12 unchanged)."""
        changed = [plan.table.noun(plan.changes) for plan in self.plans if plan.changes]
        unchanged = sum(plan.unchanged for plan in self.plans)
        if changed:
            return f"Imported {and_list(changed)} ({unchanged} unchanged)."
        if unchanged:
            return f"Nothing to change: all {unchanged} rows are already in your journal."
        return "The file had no rows to import."


def and_list(parts):
    """["a", "b", "c"] as "a, b and c"."""
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


class CellError(ValueError):
    pass


def import_upload(user, filename, data):
    """Read, check and (only if every row is fine) write an uploaded export file."""
    files, problems = read_upload(filename, data)
    if problems:
        return ImportResult(problems=problems)
    result = check(user, files)
    if result.ok:
        try:
            write(user, result.plans)
        except IntegrityError:
            return ImportResult(problems=[Problem.with_file(filename, CLASH)])
    return result


CLASH = (
    "Two rows clash with each other or with your journal (for example two diaries for one "
    "night). Nothing was imported."
)
NOT_A_ZIP = (
    "This is not a ZIP file, or it is damaged. Upload the ZIP from Nightjar's export, or one of "
    "the CSV files in it."
)
DAMAGED_ZIP = (
    "This ZIP file is damaged or password-protected. Export again and upload the new file."
)
NO_NIGHTJAR_FILES = (
    "This ZIP has none of Nightjar's files in it (nights.csv, events.csv, partner_reports.csv, "
    "symptom_checkins.csv, stage_segments.csv), and it is not an Apple Health or Fitbit export."
)
NOT_TEXT = (
    "This is not a file Nightjar can import (it is not UTF-8 text). Upload the ZIP from the "
    "export page or one of the CSV files in it, or sleep stages: an Apple Health export.zip, a "
    "Fitbit Google Takeout ZIP, or a CSV with the columns start,end,stage,source."
)
EMPTY_FILE = "This file is empty. It needs a header row (see README.txt in an export)."
UNKNOWN_FILE = (
    "Nightjar doesn't recognise this file: its first row should be the header of nights.csv, "
    "events.csv, partner_reports.csv, symptom_checkins.csv or stage_segments.csv (see README.txt "
    "in an export)."
)


# --- reading the upload -------------------------------------------------------------------------


class RowBudget:
    """How many more rows an upload may bring: entries and recorded stage segments apart."""

    def __init__(self):
        self.left = {"entries": MAX_ROWS, "segments": MAX_SEGMENT_ROWS}

    def take(self, table) -> int | None:
        """Count one row of `table`; the limit it went over, or None while it fits."""
        kind = "segments" if table is STAGE_SEGMENTS else "entries"
        self.left[kind] -= 1
        if self.left[kind] < 0:
            return MAX_SEGMENT_ROWS if kind == "segments" else MAX_ROWS
        return None


def read_upload(filename, data):
    """The CSV files in an upload as {table: (filename, rows)}, or the problems found."""
    if len(data) > MAX_UPLOAD_BYTES:
        return {}, [Problem.with_file(filename, too_big(len(data)))]
    if zipfile.is_zipfile(io.BytesIO(data)):
        return read_zip(filename, data)
    if filename.lower().endswith(".zip"):
        return {}, [Problem.with_file(filename, NOT_A_ZIP)]
    rows_left = RowBudget()
    problems = []
    files = {}
    read_csv(PurePosixPath(filename).name, data, files, problems, rows_left)
    return files, problems


def too_big(size):
    return (
        f"This file is {size / (1024 * 1024):.1f} MB; the limit is {megabytes(MAX_UPLOAD_BYTES)}. "
        "Upload the CSV files one at a time instead."
    )


def read_zip(filename, data):
    files, problems = {}, []
    rows_left = RowBudget()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [info for info in archive.infolist() if is_csv_member(info)]
            if sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES:
                return {}, [
                    Problem.with_file(
                        filename,
                        f"The files in this ZIP add up to more than "
                        f"{megabytes(MAX_UNZIPPED_BYTES)}. Import them one at a time.",
                    )
                ]
            for info in members:
                with archive.open(info) as member:
                    content = member.read(MAX_UNZIPPED_BYTES + 1)
                read_csv(PurePosixPath(info.filename).name, content, files, problems, rows_left)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        return {}, [Problem.with_file(filename, DAMAGED_ZIP)]
    if not files and not problems:
        problems.append(Problem.with_file(filename, NO_NIGHTJAR_FILES))
    return files, problems


def is_csv_member(info):
    """A CSV file in a ZIP, not a folder, nor the hidden files macOS adds to its ZIPs."""
    return (
        not info.is_dir()
        and info.filename.lower().endswith(".csv")
        and "__MACOSX" not in info.filename
        and not PurePosixPath(info.filename).name.startswith(".")
    )


def read_csv(name, data, files, problems, rows_left):
    """Add one CSV file's header and rows to `files`, or its problems to `problems`."""

    def problem(message, row=None, column=""):
        problems.append(Problem(name, row, column, message))

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem(NOT_TEXT)
        return
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        found = read_header(name, reader, files, problem)
        rows = read_rows(reader, *found[::-1], problem, rows_left) if found else None
    except csv.Error as error:
        problem(f"This file is not valid CSV ({error}).", row=reader.line_num or None)
        return
    if rows is not None:
        files[found[0]] = (name, rows)


def read_header(name, reader, files, problem):
    """The table a file holds and its header row, or None once `problem` has been told why."""
    header = next(reader, None)
    if header is None:
        problem(EMPTY_FILE)
        return None
    header = [cell.strip() for cell in header]
    table = identify(name, header)
    if table is None:
        problem(UNKNOWN_FILE)
        return None
    if table in files:
        problem(f"There are two {table.filename} files; upload one.")
        return None
    column_problems = header_problems(table, header)
    for message in column_problems:
        problem(message, row=1)
    return None if column_problems else (table, header)


def read_rows(reader, header, table, problem, rows_left):
    """The rows that have anything in them, as (row number, {column: cell}); None when the
    import would go over its limit (RowBudget). A row with the wrong number of cells is a
    problem."""
    rows = []
    for row_number, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # spreadsheets leave blank rows at the end
        limit = rows_left.take(table)
        if limit is not None:
            problem(
                f"There are more than {limit:,} rows to import. Split the file and "
                "import the parts one after the other.",
                row=row_number,
            )
            return None
        if len(cells) != len(header):
            problem(
                f"This row has {len(cells)} cells but the header has {len(header)}. "
                "Check for a missing or extra comma.",
                row=row_number,
            )
            continue
        rows.append((row_number, dict(zip(header, cells, strict=True))))
    return rows


def identify(name, header):
    """Which table a CSV file holds: by its header row (with or without its derived columns),
    else by its file name."""
    for table in TABLES:
        if sorted(header) in (sorted(table.columns), sorted(table.columns + table.derived)):
            return table
    stem = name.lower().removesuffix(".csv")
    if stem in TABLES_BY_FILENAME:
        return TABLES_BY_FILENAME[stem]
    return next((table for table in TABLES if table.name in stem), None)


def header_problems(table, header):
    counts = Counter(header)
    problems = [f"The column {column} appears twice." for column, n in counts.items() if n > 1]
    missing = [column for column in table.columns if column not in counts]
    unknown = [c for c in counts if c not in table.columns and c not in table.derived]
    if missing:
        problems.append(f"Missing columns: {', '.join(missing)}.")
    if unknown:
        problems.append(f"Columns {table.filename} does not have: {', '.join(unknown)}.")
    if problems:
        problems.append(f"The header row of {table.filename} is: {', '.join(table.columns)}.")
    return problems


# --- reading one cell ---------------------------------------------------------------------------


class Column:
    """One column of an import file: reads and checks one cell for its model field.

    `clean(text)` gives the value or raises CellError in the person's words. Columns are chosen
    by the model field (`column_for`), so the model is the one source of each column's format,
    as it is for the export's cells (journal/data/export.py `to_cell`).
    """

    def __init__(self, model_field, tz):
        self.field = model_field
        self.name = model_field.name
        self.tz = tz

    @property
    def refused_value(self):
        """What a row holds in place of a refused cell, so the model's other checks still run."""
        return None if self.field.null else self.field.get_default()

    def clean(self, text):
        text = text.strip()
        return self.blank() if text == "" else self.parse(text)

    def blank(self):
        """An empty cell: "not recorded" where the field allows it."""
        if not self.field.null:
            raise CellError("This can't be empty.")
        return None

    def parse(self, text):
        raise NotImplementedError


class TextColumn(Column):
    """Free text, kept exactly as written (less the apostrophe the export puts before a cell a
    spreadsheet would run as a formula); a field with choices takes one of their keys. A cell
    longer than the field allows is refused here; control characters by the model's validators."""

    def clean(self, text):
        if self.field.choices and text not in dict(self.field.choices):
            allowed = ", ".join(str(key) for key, _ in self.field.choices)
            raise CellError(f"Write one of: {allowed}.")
        text = unescape_cell(text)
        limit = self.field.max_length
        if limit and len(text) > limit:
            raise CellError(
                f"This text is {len(text):,} characters long; {self.name} takes at most "
                f"{limit:,}. Shorten it."
            )
        return text


class ListColumn(Column):
    """Several values separated by `;`, each from the vocabulary the model checks it against."""

    def __init__(self, model_field, tz):
        super().__init__(model_field, tz)
        lists = getattr(model_field.model, "LISTS", ())
        self.vocabulary = next((rule.vocabulary for rule in lists if rule.field == self.name), None)

    def clean(self, text):
        items = [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
        if self.vocabulary and (unknown := [i for i in items if i not in self.vocabulary]):
            raise CellError(
                f"Unknown value {', '.join(unknown)}. Use any of "
                f"{', '.join(self.vocabulary.keys)}, separated by ;."
            )
        return items


class IdColumn(Column):
    def blank(self):
        return None  # a new entry: check_table gives it an id made from the row

    def parse(self, text):
        try:
            return uuid.UUID(text)
        except ValueError:
            raise CellError(
                "Not a valid id. Keep the id from the export, or leave it empty for a new entry."
            ) from None


class DateTimeColumn(Column):
    def parse(self, text):
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise CellError(
                "Not a date and time. Write it as 2026-10-12T02:14:00+01:00 (ISO 8601, with the "
                "UTC offset)."
            ) from None
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=self.tz)  # a time without an offset is your local time
        if problem := bounds.instant_problem(moment, self.tz, timezone.now()):
            raise CellError(problem)
        return moment


class DateColumn(Column):
    def parse(self, text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise CellError("Not a date. Write it as YYYY-MM-DD, e.g. 2026-10-12.") from None
        if problem := bounds.day_problem(day, timezone.now().astimezone(self.tz).date()):
            raise CellError(problem)
        return day


class YesNoColumn(Column):
    def blank(self):
        if not self.field.null:
            raise CellError("Write yes or no.")
        return None

    def parse(self, text):
        if text.lower() in YES_WORDS:
            return True
        if text.lower() in NO_WORDS:
            return False
        raise CellError(
            "Write yes or no." if not self.field.null else "Write yes, no, or leave it empty."
        )


class DecimalColumn(Column):
    """A number written plainly, checked by length and shape before it is converted
    (journal.rules.bounds.read_number): a cell of 10^5 digits or 1e9999999 costs nothing."""

    def parse(self, text):
        try:
            return bounds.read_number(text)
        except ValueError as bad:
            raise CellError(str(bad)) from None


class WholeNumberColumn(DecimalColumn):
    def parse(self, text):
        number = super().parse(text)
        if number != number.to_integral_value():
            raise CellError("Must be a whole number.")
        return int(number)


# Which column reads a model field. A DateTimeField is a DateField, so it is asked first.
COLUMN_TYPES = (
    (models.UUIDField, IdColumn),
    (models.DateTimeField, DateTimeColumn),
    (models.DateField, DateColumn),
    (models.BooleanField, YesNoColumn),
    (models.JSONField, ListColumn),
    (models.DecimalField, DecimalColumn),
    (models.IntegerField, WholeNumberColumn),
)


def column_for(model_field, tz):
    """The column that reads a model field; times without an offset are read in `tz`."""
    for field_class, column_class in COLUMN_TYPES:
        if isinstance(model_field, field_class):
            return column_class(model_field, tz)
    return TextColumn(model_field, tz)


def table_columns(table, tz):
    return [column_for(table.model._meta.get_field(name), tz) for name in table.columns]


def parse_row(columns, cells):
    """A row's values by column, and the problems of the cells that were refused."""
    values, errors = {}, {}
    for column in columns:
        try:
            values[column.name] = column.clean(cells[column.name])
        except CellError as error:
            values[column.name] = column.refused_value
            errors[column.name] = [str(error)]
    return values, errors


# --- checking every row -------------------------------------------------------------------------

# Tables that hold one row per night or day: the column, and what a second row would be.
ONE_ROW_PER = {
    NIGHTS: ("night_of", "diary for this night"),
    SYMPTOM_CHECKINS: ("date", "check-in for this day"),
}


def check(user, files):
    """Parse and validate every row of every file; plan the writes only if all are fine."""
    result = ImportResult()
    for table in TABLES:
        if table in files:
            name, rows = files[table]
            checker = check_segments if table is STAGE_SEGMENTS else check_table
            plan = checker(user, table, name, rows, result.problems)
            result.plans.append(plan)
    if result.problems:
        result.plans = []
    return result


def check_table(user, table, name, rows, problems):
    """Check one file's rows with the models' rules, adding to `problems`; plan their writes."""
    model = table.model
    own = {entry.pk: entry for entry in model.objects.for_user(user)}
    parsed = parse_rows(user, table, rows)
    elsewhere = ids_in_use_elsewhere(model, {values["id"] for _, values, _ in parsed} - set(own))
    plan = TablePlan(table)
    for row_number, values, errors in parsed:
        if values.get("id") in elsewhere:
            errors["id"] = [
                "This id is already in use outside your journal, so this row can't be imported "
                "with it. Leave the id empty to add the row as a new entry."
            ]
        existing = own.get(values.get("id"))
        entry = unsaved_entry(model, user, values, existing)
        model_errors(entry, table, errors)
        problems.extend(
            Problem(name, row_number, column, message)
            for column, messages in errors.items()
            for message in messages
        )
        if not errors:
            plan.add(entry, existing, values)
    return plan


def check_segments(user, table, name, rows, problems):
    """Check stage_segments.csv: each row is a segment, matched by the whole row (§8: the same
    segment is stored once), so a segment already stored is unchanged and a repeated row is the
    same segment again."""
    mine = StageSegment.objects.for_user(user).order_by()
    rows_stored = mine.values_list("start", "end", "stage", "source").iterator(chunk_size=2000)
    stored = {in_utc(Segment(*row)) for row in rows_stored}
    plan, seen = TablePlan(table), set()
    for row_number, cells in rows:
        try:
            segment = segment_from_cells(cells, user.tz)
        except CellProblem as problem:
            problems.append(Problem(name, row_number, problem.column, str(problem)))
            continue
        key = in_utc(segment)
        if key in seen:
            continue
        seen.add(key)
        if key in stored:
            plan.unchanged += 1
        else:
            plan.to_create.append(StageSegment(owner=user, **segment._asdict()))
    return plan


def parse_rows(user, table, rows):
    """(row number, values, problems by column) for each row: its cells read, a blank id made
    from the row, and a second row with the same id (or for the same night or day) refused."""
    columns = table_columns(table, user.tz)
    blank_ids, ids, days = Counter(), FirstRows(), FirstRows()
    day_column, what = ONE_ROW_PER.get(table, (None, None))
    parsed = []
    for row_number, cells in rows:
        values, errors = parse_row(columns, cells)
        if values.get("id") is None and "id" not in errors:
            values["id"] = blank_row_id(user, table, cells, blank_ids)
        if earlier := ids.earlier_row(values.get("id"), row_number):
            errors["id"] = [f"Row {earlier} has the same id."]
        if earlier := days.earlier_row(values.get(day_column), row_number):
            errors.setdefault(day_column, []).append(
                f"Row {earlier} is already the {what}; there can be only one."
            )
        parsed.append((row_number, values, errors))
    return parsed


class FirstRows:
    """The row where each value was first seen in a file."""

    def __init__(self):
        self.rows = {}

    def earlier_row(self, value, row_number):
        """The earlier row with this value, or None (then this row is remembered for it)."""
        if value is None:
            return None
        first = self.rows.setdefault(value, row_number)
        return None if first == row_number else first


def blank_row_id(user, table, cells, seen):
    """The id of a row left without one: made from its content (and how many identical rows
    came before it), so importing the same file again matches the same entries."""
    content = "\x1f".join(cells[column] for column in table.columns)
    seen[content] += 1
    return uuid.uuid5(BLANK_ID_NAMESPACE, f"{user.pk}/{table.name}/{content}/{seen[content]}")


def unsaved_entry(model, user, values, existing):
    """The row as an entry of the person's, marked as stored when it updates one of theirs."""
    entry = model(owner=user, **values)
    if existing is not None:
        entry._state.adding = False
        entry._state.db = existing._state.db
        entry.created_at = existing.created_at
    return entry


def model_errors(entry, table, errors):
    """The model's own rules (clean() and field checks), added to the row's parse errors.

    Constraint and uniqueness checks are left out here because Django runs one query per row for
    each; clean() holds the same rules, and the database constraints still stand behind the write.
    """
    # The owner is the person importing (checking it would cost a query per row).
    exclude = {*errors, "owner"}
    if isinstance(entry, TimedEntry):
        exclude.add("night_of")  # worked out from the time when written
    try:
        entry.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as invalid:
        for key, messages in invalid.message_dict.items():
            if key in exclude and key in table.columns:
                continue  # already reported in the person's words
            column = key if key in table.columns else ""
            errors.setdefault(column, []).extend(messages)


def ids_in_use_elsewhere(model, ids):
    """Which of these ids belong to an entry the person does not own.

    Deliberately not owner-scoped: an id must be unique across accounts, and an import must never
    overwrite someone else's entry. Only the ids are read, never anything else about those rows.
    """
    ids = list(ids)
    found = set()
    for start in range(0, len(ids), BATCH):
        found.update(
            model.objects.filter(pk__in=ids[start : start + BATCH]).values_list("pk", flat=True)
        )
    return found


# --- writing ------------------------------------------------------------------------------------


def write(user, plans):
    """Write every planned entry in one transaction: all of them, or none."""
    now = timezone.now()
    with transaction.atomic(), figures.rebuilt_after(user):
        for plan in plans:
            model = plan.table.model
            timed = issubclass(model, TimedEntry)
            changed_fields = [column for column in plan.table.columns if column != "id"]
            changed_fields.append("updated_at")
            if timed:
                changed_fields.append("night_of")
            for entry in plan.to_create + plan.to_update:
                if timed:
                    entry.assign_night(user.tz)
                entry.updated_at = now
            if issubclass(model, Versioned):
                # An entry the import changes counts as a new version: a form opened before
                # the import asks before saving over it.
                changed_fields.append("version")
                for entry in plan.to_update:
                    entry.version = F("version") + 1
            model.objects.bulk_create(plan.to_create, batch_size=BATCH)
            model.objects.bulk_update(plan.to_update, changed_fields, batch_size=BATCH)


def problems_by_file(problems):
    grouped = defaultdict(list)
    for problem in problems:
        grouped[problem.file].append(problem)
    return dict(grouped)
