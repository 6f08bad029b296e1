"""The columns of each kind of entry (docs/definitions.md §7), each list written once.

The export writes these columns in this order, the import reads exactly them, the report's
appendix loads them, and each entry's form edits them (less what the form does not ask: the id
of a stored entry, the night a diary is for, which comes from the page's address).
"""

import re

from journal.rules.vocabulary import SIGNS

# The morning diary's questions, in the order the form asks them (Consensus Sleep Diary items).
DIARY_ITEMS = (
    "got_into_bed",
    "tried_to_sleep",
    "minutes_to_fall_asleep",
    "awakenings",
    "awake_minutes",
    "final_wake",
    "out_of_bed",
    "quality",
    "rested",
    "alcohol_drinks",
    "last_drink_at",
    "caffeine_drinks",
    "last_caffeine_at",
    "sleep_medication",
    "notes",
)
NIGHT_COLUMNS = ("id", "night_of", *DIARY_ITEMS)
EVENT_COLUMNS = (
    "id",
    "occurred_at",
    "kind",
    "body_parts",
    "duration_seconds",
    "intensity",
    "woke_me",
    "kept_me_awake",
    "consciousness_changed",
    "temperature_c",
    "tongue_bitten",
    "injury",
    "incontinence",
    "confused_after",
    "notes",
)
PARTNER_REPORT_COLUMNS = (
    "id",
    "observed_at",
    "observer",
    "observations",
    "body_parts",
    "duration_seconds",
    "notes",
)
SYMPTOM_CHECKIN_COLUMNS = ("id", "date", *SIGNS.keys, "notes")
# A recorded sleep stage segment (definitions §8): the file of them in the export, and the CSV of
# stages the import reads from anything else. Its identity is the whole row, so it has no id.
STAGE_SEGMENT_COLUMNS = ("start", "end", "stage", "source")
# Worked out, not stored: written to the events-only CSV for a spreadsheet beside the stored
# columns, and accepted (and ignored) when that file is imported again.
EVENT_DERIVED_COLUMNS = ("window", "window_estimated", "recorded_stage", "recorded_stage_source")


def without(columns: tuple[str, ...], *left_out: str) -> list[str]:
    """The columns but those left out, in order (e.g. a form's fields)."""
    return [column for column in columns if column not in left_out]


# A cell starting with one of = + - @ tab or CR is a formula to a spreadsheet (OWASP, "CSV
# Injection"); the apostrophes before it are counted so that reading back is exact.
FORMULA_START = re.compile(r"'*[=+\-@\t\r]")


def spreadsheet_safe(text: str) -> str:
    """A text cell as a spreadsheet shows it as text: with a leading apostrophe when it would
    start a formula (also when apostrophes come before that, so `unescape_cell` is exact)."""
    return "'" + text if FORMULA_START.match(text) else text


def unescape_cell(text: str) -> str:
    """The text `spreadsheet_safe` was given: exactly one apostrophe it added is taken off; any
    other cell is left as it is."""
    if text.startswith("'") and FORMULA_START.match(text, 1):
        return text[1:]
    return text
