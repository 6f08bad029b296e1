"""Reading files of recorded sleep stages (definitions §8): an Apple Health export, a Fitbit
export from Google Takeout, or a CSV of segments. Each reader streams its file and yields
`journal.rules.stages.Segment`s; `files.py` recognises which file it has by its content.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

from journal.rules import bounds, nights


class StageFileError(Exception):
    """A file that cannot be imported, with the reason in the person's words."""


class Skipped:
    """What a reader left out, for the summary: records of a stage value it does not know
    (by value) and records that last no time."""

    def __init__(self):
        self.unknown: dict[str, int] = {}
        self.empty = 0

    def unknown_value(self, value: str):
        self.unknown[value] = self.unknown.get(value, 0) + 1

    @property
    def unknown_count(self) -> int:
        return sum(self.unknown.values())


def read_time(text: str, tz: ZoneInfo) -> datetime:
    """An ISO 8601 time: with an offset it is exact; without one it is a local time in the
    person's zone, its first occurrence when the clocks go back and the instant they jump to when
    they go forward (§8, as §2). ValueError when it is not a time, or (without an offset) one
    too far from today to place in the zone (journal.rules.bounds)."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is not None:
        return moment
    if bounds.wall_clock_problem(moment, bounds.latest_day_anywhere(timezone.now())):
        raise ValueError(text)
    return nights.local_instant(moment.date(), moment.time(), tz)
