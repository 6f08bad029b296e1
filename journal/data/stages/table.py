"""Sleep stages as CSV: `start,end,stage,source`, one segment a row (definitions §8).

The same file is `stage_segments.csv` in Nightjar's export, and the way to bring stages from any
other device or app: times in ISO 8601 with their UTC offset (a time without one is read in the
person's time zone), a stage by its §8 name, the source as a name.
"""

import csv
import io
from collections.abc import Callable, Iterator
from typing import BinaryIO
from zoneinfo import ZoneInfo

from django.utils import timezone

from journal.data.columns import STAGE_SEGMENT_COLUMNS, unescape_cell
from journal.data.stages import StageFileError, read_time
from journal.rules import bounds
from journal.rules.stages import Segment
from journal.rules.vocabulary import STAGES

MAX_SOURCE_LENGTH = 120
# A file with a wrong date format has a problem on every row; the first ones show the pattern.
MAX_SHOWN = 20


class CellProblem(ValueError):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column = column


def is_stage_header(cells: list[str]) -> bool:
    """Whether a CSV header row is that of a stages file (its four columns, in any order)."""
    return sorted(cell.strip().lower() for cell in cells) == sorted(STAGE_SEGMENT_COLUMNS)


def segment_from_cells(cells: dict[str, str], tz: ZoneInfo) -> Segment:
    """One row ({column: text}) as a segment; CellProblem names the first cell that is wrong."""
    times = {}
    for column in ("start", "end"):
        try:
            times[column] = read_time(cells[column].strip(), tz)
        except ValueError:
            raise CellProblem(
                column,
                "Not a date and time. Write it as 2026-10-12T02:14:00+01:00 (ISO 8601, with the "
                "UTC offset).",
            ) from None
        if problem := bounds.instant_problem(times[column], tz, timezone.now()):
            raise CellProblem(column, problem)
    stage = cells["stage"].strip()
    if stage not in STAGES:
        raise CellProblem("stage", f"Write one of: {', '.join(STAGES.keys)}.")
    source = unescape_cell(cells["source"].strip())
    if not source:
        raise CellProblem("source", "Name the device or app that recorded it.")
    if len(source) > MAX_SOURCE_LENGTH:
        raise CellProblem("source", f"Keep the name to {MAX_SOURCE_LENGTH} characters.")
    if bounds.has_control_character(source):
        raise CellProblem("source", bounds.CONTROL_CHARACTER)
    if times["end"] <= times["start"]:
        raise CellProblem("end", "The end must come after the start.")
    return Segment(times["start"], times["end"], stage, source)


class Counted(io.RawIOBase):
    """A binary stream that tells `progress` how many bytes have been read from it so far."""

    def __init__(self, stream: BinaryIO, progress: Callable[[int], None]):
        self.stream, self.progress, self.done = stream, progress, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.stream.read(len(buffer))
        buffer[: len(data)] = data
        self.done += len(data)
        self.progress(self.done)
        return len(data)


def read_stages_csv(
    stream: BinaryIO, tz: ZoneInfo, progress: Callable[[int], None]
) -> Iterator[Segment]:
    """Every segment of a stages CSV, read row by row. When any row is wrong, StageFileError
    lists the first problems (after the whole file is read, so none is written)."""
    text = io.TextIOWrapper(
        io.BufferedReader(Counted(stream, progress)), encoding="utf-8-sig", newline=""
    )
    reader = csv.reader(text)
    problems: list[str] = []
    try:
        header = [cell.strip().lower() for cell in next(reader, [])]
        if not is_stage_header(header):
            raise StageFileError(
                "This CSV's first row should be its header: start,end,stage,source."
            )
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            row = reader.line_num
            if len(cells) != len(header):
                problems.append(f"Row {row}: {len(cells)} cells where the header has 4.")
                continue
            try:
                yield segment_from_cells(dict(zip(header, cells, strict=True)), tz)
            except CellProblem as problem:
                problems.append(f"Row {row}, {problem.column}: {problem}")
    except UnicodeDecodeError:
        raise StageFileError("This file is not UTF-8 text, so it is not a CSV of stages.") from None
    except csv.Error as error:
        raise StageFileError(f"This file is not valid CSV ({error}).") from None
    if problems:
        shown = "; ".join(problems[:MAX_SHOWN])
        more = f" … and {len(problems) - MAX_SHOWN} more." if len(problems) > MAX_SHOWN else ""
        raise StageFileError(
            f"Nothing was imported: {len(problems)} row(s) have a problem. {shown}{more}"
        )
