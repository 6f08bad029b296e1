"""Bring a journal back from an export (journal/export.py): the ZIP, or any one of its CSV files.

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
from decimal import Decimal, InvalidOperation
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from .export import LIST_SEPARATOR, NIGHTS, SYMPTOM_CHECKINS, TABLES, TABLES_BY_FILENAME
from .models import TimedEntry
from .vocabulary import BODY_PARTS, OBSERVATIONS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# A ZIP can unpack to far more than it weighs; stop before a small upload fills the memory.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 50_000
BATCH = 500
# A file with a wrong date format can have thousands of problems; the first ones show the pattern.
MAX_SHOWN = 200
YES_WORDS = {"yes", "y", "true", "1"}
NO_WORDS = {"no", "n", "false", "0"}
# Ids for rows left without one are derived from the row, so importing that file again matches
# the same entries instead of adding copies.
BLANK_ID_NAMESPACE = uuid.UUID("5d1c1b2e-8a53-4f0e-9a3e-6b7f3c2d9e41")
LIST_CHOICES = {"body_parts": BODY_PARTS, "observations": OBSERVATIONS}


def megabytes(size):
    return f"{size / (1024 * 1024):.0f} MB"


@dataclass(frozen=True)
class Problem:
    """Something that stops the import, where the person can find it in their file."""

    file: str
    row: int | None
    column: str
    message: str

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
        parts = [
            plan.table.noun(len(plan.to_create) + len(plan.to_update))
            for plan in self.plans
            if plan.to_create or plan.to_update
        ]
        unchanged = sum(plan.unchanged for plan in self.plans)
        if not any(plan.to_create or plan.to_update for plan in self.plans):
            return (
                f"Nothing to change: all {unchanged} rows are already in your journal."
                if unchanged
                else "The file had no rows to import."
            )
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
        return f"Imported {listed} ({unchanged} unchanged)."


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
            return ImportResult(
                problems=[
                    Problem(
                        filename,
                        None,
                        "",
                        "Two rows clash with each other or with your journal (for example two "
                        "diaries for one night). Nothing was imported.",
                    )
                ]
            )
    return result


# --- reading the upload -------------------------------------------------------------------------


def read_upload(filename, data):
    """The CSV files in an upload as {table: (filename, header, rows)}, or the problems found."""
    if len(data) > MAX_UPLOAD_BYTES:
        return {}, [Problem(filename, None, "", too_big(len(data)))]
    if zipfile.is_zipfile(io.BytesIO(data)):
        return read_zip(filename, data)
    if filename.lower().endswith(".zip"):
        return {}, [
            Problem(
                filename,
                None,
                "",
                "This is not a ZIP file, or it is damaged. Upload the ZIP from Nightjar's "
                "export, or one of the CSV files in it.",
            )
        ]
    rows_left = [MAX_ROWS]
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
    rows_left = [MAX_ROWS]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = [
                info
                for info in archive.infolist()
                if not info.is_dir()
                and info.filename.lower().endswith(".csv")
                and "__MACOSX" not in info.filename
                and not PurePosixPath(info.filename).name.startswith(".")
            ]
            if sum(info.file_size for info in members) > MAX_UNZIPPED_BYTES:
                return {}, [
                    Problem(
                        filename,
                        None,
                        "",
                        f"The files in this ZIP add up to more than "
                        f"{megabytes(MAX_UNZIPPED_BYTES)}. Import them one at a time.",
                    )
                ]
            for info in members:
                with archive.open(info) as member:
                    content = member.read(MAX_UNZIPPED_BYTES + 1)
                read_csv(PurePosixPath(info.filename).name, content, files, problems, rows_left)
    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError, EOFError):
        return {}, [
            Problem(
                filename,
                None,
                "",
                "This ZIP file is damaged or password-protected. Export again and upload the new "
                "file.",
            )
        ]
    if not files and not problems:
        problems.append(
            Problem(
                filename,
                None,
                "",
                "This ZIP has none of Nightjar's files in it (nights.csv, events.csv, "
                "partner_reports.csv, symptom_checkins.csv).",
            )
        )
    return files, problems


def read_csv(name, data, files, problems, rows_left):
    """Add one CSV file's header and rows to `files`, or its problems to `problems`."""

    def problem(message, row=None, column=""):
        problems.append(Problem(name, row, column, message))

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problem(
            "This is not a ZIP or a CSV file from Nightjar (it is not UTF-8 text). Upload the "
            "ZIP from the export page, or one of the CSV files in it."
        )
        return
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, None)
        if header is None:
            problem("This file is empty. It needs a header row (see README.txt in an export).")
            return
        header = [cell.strip() for cell in header]
        table = identify(name, header)
        if table is None:
            problem(
                "Nightjar doesn't recognise this file: its first row should be the header of "
                "nights.csv, events.csv, partner_reports.csv or symptom_checkins.csv "
                "(see README.txt in an export)."
            )
            return
        if table in files:
            problem(f"There are two {table.filename} files; upload one.")
            return
        if column_problems := header_problems(table, header):
            for message in column_problems:
                problem(message, row=1)
            return
        rows = []
        for row_number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # spreadsheets leave blank rows at the end
            rows_left[0] -= 1
            if rows_left[0] < 0:
                problem(
                    f"There are more than {MAX_ROWS:,} rows to import. Split the file and "
                    "import the parts one after the other.",
                    row=row_number,
                )
                return
            if len(cells) != len(header):
                problem(
                    f"This row has {len(cells)} cells but the header has {len(header)}. "
                    "Check for a missing or extra comma.",
                    row=row_number,
                )
                continue
            rows.append((row_number, dict(zip(header, cells, strict=True))))
    except csv.Error as error:
        problem(f"This file is not valid CSV ({error}).", row=reader.line_num or None)
        return
    files[table] = (name, rows)


def identify(name, header):
    """Which table a CSV file holds: by its header row, else by its file name."""
    for table in TABLES:
        if sorted(header) == sorted(table.columns):
            return table
    stem = name.lower().removesuffix(".csv")
    if stem in TABLES_BY_FILENAME:
        return TABLES_BY_FILENAME[stem]
    for table in TABLES:
        if table.name in stem:
            return table
    return None


def header_problems(table, header):
    counts = Counter(header)
    problems = [f"The column {column} appears twice." for column, n in counts.items() if n > 1]
    missing = [column for column in table.columns if column not in counts]
    unknown = [column for column in counts if column not in table.columns]
    if missing:
        problems.append(f"Missing columns: {', '.join(missing)}.")
    if unknown:
        problems.append(f"Columns {table.filename} does not have: {', '.join(unknown)}.")
    if problems:
        problems.append(f"The header row of {table.filename} is: {', '.join(table.columns)}.")
    return problems


# --- checking every row -------------------------------------------------------------------------


def check(user, files):
    """Parse and validate every row of every file; plan the writes only if all are fine."""
    result = ImportResult()
    for table in TABLES:
        if table in files:
            name, rows = files[table]
            plan = check_table(user, table, name, rows, result.problems)
            result.plans.append(plan)
    if result.problems:
        result.plans = []
    return result


def check_table(user, table, name, rows, problems):
    model = table.model
    own = {entry.pk: entry for entry in model.objects.for_user(user)}
    plan = TablePlan(table)
    parsed = []
    seen_ids, seen_days = {}, {}
    blank_id_rows = Counter()
    day_column = {NIGHTS: "night_of", SYMPTOM_CHECKINS: "date"}.get(table)

    formats = column_formats(table)
    for row_number, cells in rows:
        values, errors = parse_row(formats, cells, user.tz)
        if values.get("id") is None and "id" not in errors:
            content = "\x1f".join(cells[column] for column in table.columns)
            blank_id_rows[content] += 1
            values["id"] = uuid.uuid5(
                BLANK_ID_NAMESPACE, f"{user.pk}/{table.name}/{content}/{blank_id_rows[content]}"
            )
        entry_id = values.get("id")
        if entry_id is not None:
            if entry_id in seen_ids:
                errors["id"] = [f"Row {seen_ids[entry_id]} has the same id."]
            seen_ids.setdefault(entry_id, row_number)
        day = values.get(day_column) if day_column else None
        if day is not None:
            if day in seen_days:
                what = "diary for this night" if table is NIGHTS else "check-in for this day"
                errors.setdefault(day_column, []).append(
                    f"Row {seen_days[day]} is already the {what}; there can be only one."
                )
            seen_days.setdefault(day, row_number)
        parsed.append((row_number, values, errors))

    elsewhere = ids_in_use_elsewhere(model, {values["id"] for _, values, _ in parsed} - set(own))

    for row_number, values, errors in parsed:
        entry_id = values.get("id")
        if entry_id in elsewhere:
            errors["id"] = [
                "This id is already in use outside your journal, so this row can't be imported "
                "with it. Leave the id empty to add the row as a new entry."
            ]
        existing = own.get(entry_id)
        entry = model(owner=user, **values)
        if existing is not None:
            entry._state.adding = False
            entry._state.db = existing._state.db
            entry.created_at = existing.created_at
        model_errors(entry, table, errors)
        for column, messages in errors.items():
            for message in messages:
                problems.append(Problem(name, row_number, column, message))
        if errors:
            continue
        if existing is None:
            plan.to_create.append(entry)
        elif all(getattr(existing, column) == values[column] for column in table.columns):
            plan.unchanged += 1
        else:
            plan.to_update.append(entry)
    return plan


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


def column_formats(table):
    """Each column with its model field and how its cells are written (worked out once)."""
    fields = [table.model._meta.get_field(column) for column in table.columns]
    return [(field.name, field, table.kind_of(field.name)) for field in fields]


def parse_row(formats, cells, tz):
    values, errors = {}, {}
    for column, model_field, kind in formats:
        try:
            values[column] = from_cell(cells[column], model_field, kind, tz)
        except CellError as error:
            values[column] = model_field.get_default() if not model_field.null else None
            errors[column] = [str(error)]
    return values, errors


def from_cell(text, model_field, kind, tz):
    """One cell's text as a value for the model field, or CellError in the person's words."""
    if kind == "text":
        if model_field.choices and text not in dict(model_field.choices):
            allowed = ", ".join(str(key) for key, _ in model_field.choices)
            raise CellError(f"Write one of: {allowed}.")
        return text
    text = text.strip()
    if kind == "list":
        items = [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
        choices = LIST_CHOICES.get(model_field.name)
        if choices and (unknown := [item for item in items if item not in choices]):
            raise CellError(
                f"Unknown value {', '.join(unknown)}. Use any of "
                f"{', '.join(choices.keys)}, separated by ;."
            )
        return items
    if text == "":
        if kind == "yes_no" and not model_field.null:
            raise CellError("Write yes or no.")
        if kind != "id" and not model_field.null:
            raise CellError("This can't be empty.")
        return None
    if kind == "id":
        try:
            return uuid.UUID(text)
        except ValueError:
            raise CellError(
                "Not a valid id. Keep the id from the export, or leave it empty for a new entry."
            ) from None
    if kind == "datetime":
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            raise CellError(
                "Not a date and time. Write it as 2026-10-12T02:14:00+01:00 (ISO 8601, with the "
                "UTC offset)."
            ) from None
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=tz)  # a time without an offset is your local time
        return moment
    if kind == "date":
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CellError("Not a date. Write it as YYYY-MM-DD, e.g. 2026-10-12.") from None
    if kind == "yes_no":
        if text.lower() in YES_WORDS:
            return True
        if text.lower() in NO_WORDS:
            return False
        raise CellError(
            "Write yes or no." if not model_field.null else "Write yes, no, or leave it empty."
        )
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise CellError("Not a number.")
    if kind == "number":
        if number != number.to_integral_value():
            raise CellError("Must be a whole number.")
        return int(number)
    return number


# --- writing ------------------------------------------------------------------------------------


def write(user, plans):
    """Write every planned entry in one transaction: all of them, or none."""
    now = timezone.now()
    with transaction.atomic():
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
            model.objects.bulk_create(plan.to_create, batch_size=BATCH)
            model.objects.bulk_update(plan.to_update, changed_fields, batch_size=BATCH)


def problems_by_file(problems):
    grouped = defaultdict(list)
    for problem in problems:
        grouped[problem.file].append(problem)
    return dict(grouped)
