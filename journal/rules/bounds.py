"""The range every date, time, number and text the journal takes in must be within (issue 8).

Pure values and checks, shared by the forms, the URL converters, the query parameters, the import
and the models, so that a value out of range is refused in one way wherever it comes from, before
any date arithmetic or number conversion that it could overflow or stall:

- nights and days from 1 January 1900 up to today in the person's zone; instants from the start
  of the night of 1 January 1900 up to now (a few minutes of clock skew allowed);
- numbers written plainly (digits, one optional point and sign, no exponent), at most
  MAX_NUMBER_LENGTH characters, checked as text before they are converted;
- text without control characters (a note may hold tab and line breaks), notes at most
  MAX_NOTES_LENGTH characters.
"""

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

EARLIEST_DAY = date(1900, 1, 1)
NOON = time(12, 0)
CLOCK_SKEW = timedelta(minutes=5)
# The zone furthest ahead of UTC (Pacific/Kiritimati, UTC+14) reaches the next day first.
FURTHEST_AHEAD = timedelta(hours=14)

BEFORE_1900 = "This is before 1900. Check the year."
IN_THE_FUTURE = "This is in the future. Check the date and time."

# Long enough for any value a person types (34.5, 86400, 0.5); far too short to be slow.
MAX_NUMBER_LENGTH = 12
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")
NOT_A_NUMBER = "Write a number with digits, for example 12 or 37.5."

MAX_NOTES_LENGTH = 4000
# Tab, line feed and carriage return are how a browser sends a multi-line note.
NOTE_WHITESPACE = frozenset("\t\n\r")
CONTROL_CHARACTER = (
    "Remove the control character (an invisible character such as NUL) from this text."
)


def latest_day_anywhere(now: datetime) -> date:
    """The latest date it is anywhere on Earth at `now`: a bound for a date in an address,
    checked before the person's own zone is known."""
    return (now.astimezone(UTC) + FURTHEST_AHEAD).date()


def day_in_range(day: date, today: date) -> bool:
    """Whether a night or a day is one the journal can hold: from 1900-01-01 up to `today`."""
    return EARLIEST_DAY <= day <= today


def day_problem(day: date, today: date) -> str | None:
    """Why a night or day cannot be used, in the person's words, or None."""
    if day < EARLIEST_DAY:
        return BEFORE_1900
    if day > today:
        return IN_THE_FUTURE
    return None


def earliest_instant(tz: ZoneInfo) -> datetime:
    """The first instant of the earliest night (12:00 on 1 January 1900 in the zone, §1)."""
    return datetime.combine(EARLIEST_DAY, NOON, tzinfo=tz)


def instant_problem(instant: datetime, tz: ZoneInfo, now: datetime) -> str | None:
    """Why an instant cannot be an entry's time: before the earliest night, or in the future.

    Only compares (aware datetimes compare without overflowing), so it is safe for any instant.
    """
    if instant < earliest_instant(tz):
        return BEFORE_1900
    if instant > now + CLOCK_SKEW:
        return IN_THE_FUTURE
    return None


def wall_clock_problem(wall_clock: datetime, today: date) -> str | None:
    """Why a wall-clock time (no zone yet) cannot be an entry's time, before it is placed in a
    zone (which could overflow for year 1 or 9999); `today` is today's date in the zone. A time
    up to a day ahead is left to the exact check on the placed instant."""
    if wall_clock < datetime.combine(EARLIEST_DAY, NOON):
        return BEFORE_1900
    if wall_clock.date() > today + timedelta(days=1):
        return IN_THE_FUTURE
    return None


def read_number(text: str) -> Decimal:
    """A number written plainly, read without the cost of a huge one: ValueError (with the
    person's message) for anything longer than MAX_NUMBER_LENGTH, an exponent, or not a number."""
    text = text.strip()
    if len(text) > MAX_NUMBER_LENGTH or not PLAIN_NUMBER.fullmatch(text):
        raise ValueError(NOT_A_NUMBER)
    return Decimal(text)


def has_control_character(text: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether text holds a control character (Unicode category Cc, NUL among them) other than
    those `allowed`."""
    return any(unicodedata.category(char) == "Cc" and char not in allowed for char in text)
