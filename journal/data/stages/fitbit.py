"""Fitbit's sleep logs from a Google Takeout export (`Fitbit/Global Export Data/sleep-*.json`).

Each file is a JSON list of sleep logs; each log's `levels.data` is a list of runs, each with a
local `dateTime` (no offset), a `level` and its length in `seconds`. Only `levels.data` is read
(`levels.shortData` repeats short wakes already inside it; `dateOfSleep` is not used), §8.
"""

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, timedelta
from zipfile import ZipFile, ZipInfo
from zoneinfo import ZoneInfo

from journal.data.stages import Skipped, StageFileError, read_time
from journal.rules.stages import Segment

SOURCE = "Fitbit"
# §8: Fitbit's `level` values and the stage each records ("classic" logs without stages use
# asleep, restless and awake).
FITBIT_STAGES = {
    "wake": "awake",
    "awake": "awake",
    "light": "light",
    "deep": "deep",
    "rem": "rem",
    "asleep": "asleep",
    "restless": "asleep",
}
SLEEP_FILE = re.compile(r"(^|/)Fitbit/Global Export Data/sleep-[^/]*\.json$")
# A sleep file holds about a month of logs (a few hundred kB); anything far bigger is not one.
MAX_FILE_BYTES = 64 * 1024 * 1024


def sleep_files(archive: ZipFile) -> list[ZipInfo]:
    """The Fitbit sleep files in a Takeout ZIP, in name order (oldest month first)."""
    found = [info for info in archive.infolist() if SLEEP_FILE.search(info.filename)]
    return sorted(found, key=lambda info: info.filename)


def read_takeout(
    archive: ZipFile,
    files: Iterable[ZipInfo],
    tz: ZoneInfo,
    progress: Callable[[int], None],
    skipped: Skipped,
) -> Iterator[Segment]:
    """The segments of every sleep log in the given files; `progress(n)` after each file, with
    the bytes of JSON read in all. Local times are read in `tz` (§8, §2)."""
    done = 0
    for info in files:
        name = info.filename.rsplit("/", 1)[-1]
        if info.file_size > MAX_FILE_BYTES:
            raise StageFileError(f"{name} is too big to be a Fitbit sleep file.")
        try:
            with archive.open(info) as member:
                logs = json.load(member)
        except (ValueError, UnicodeDecodeError):
            raise StageFileError(
                f"{name} is not valid JSON: it may be damaged. Download the Takeout again."
            ) from None
        yield from log_segments(name, logs, tz, skipped)
        done += info.file_size
        progress(done)


def log_segments(name: str, logs, tz: ZoneInfo, skipped: Skipped) -> Iterator[Segment]:
    if not isinstance(logs, list):
        raise StageFileError(f"{name} is not a list of Fitbit sleep logs.")
    for number, log in enumerate(logs, start=1):
        runs = log.get("levels", {}).get("data") if isinstance(log, dict) else None
        if not isinstance(runs, list):
            raise StageFileError(f"{name}, sleep log {number}: it has no levels.data.")
        for run in runs:
            try:
                segment = run_segment(run, tz, skipped)
            except (KeyError, TypeError, ValueError):
                raise StageFileError(
                    f"{name}, sleep log {number}: a run Nightjar cannot read ({run!r:.120})."
                ) from None
            if segment is not None:
                yield segment


def run_segment(run: dict, tz: ZoneInfo, skipped: Skipped) -> Segment | None:
    """One run of `levels.data` as a segment; None (counted in `skipped`) for a run of no time
    or of a level Nightjar does not know. A run it cannot read raises KeyError, TypeError or
    ValueError."""
    start = read_time(str(run["dateTime"]), tz)
    seconds = run["seconds"]
    if isinstance(seconds, bool) or not isinstance(seconds, int | float) or seconds < 0:
        raise ValueError(seconds)
    level = str(run.get("level", ""))
    stage = FITBIT_STAGES.get(level.lower())
    if stage is None:
        skipped.unknown_value(level)
        return None
    if seconds == 0:
        skipped.empty += 1
        return None
    end = (start.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(tz)
    return Segment(start, end, stage, SOURCE)
