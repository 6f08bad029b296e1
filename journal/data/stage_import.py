"""Importing a file of recorded sleep stages, from upload to stored segments (definitions §8).

The web request only checks what kind of file it is and moves the upload to a private folder
(`keep_upload`; journal/tasks.py queues it). The reading runs in a background task (`run`),
which streams the file, keeps each distinct segment once, and writes the new ones in one
transaction at the end: a file that turns out to be damaged halfway leaves nothing behind.
Re-importing the same export finds every segment already there and changes nothing. The file is
deleted when the task ends.
"""

import logging
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date
from pathlib import Path

from django.conf import settings
from django.core.files.move import file_move_safe
from django.db import transaction
from django.utils import timezone

from journal import figures
from journal.data.stages import Skipped, StageFileError, files
from journal.models import StageImport, StageSegment
from journal.rules import nights
from journal.rules import stages as stage_rules
from journal.templatetags.nightjar_format import day

logger = logging.getLogger(__name__)

# The task writes its progress at most this often (seconds), so the page's bar moves while a
# big file streams past without the worker spending its time on the database.
PROGRESS_EVERY = 0.5
BATCH = 1000
SOMETHING_WENT_WRONG = (
    "Something went wrong while reading this file, and nothing was imported. Try again; if it "
    "happens again, the file may be damaged."
)
NO_SLEEP = (
    "This file has no sleep stages in it, so nothing was imported. Apple Health has them when an "
    "Apple Watch (or a sleep app that writes to Health) tracked your sleep; Fitbit, when the "
    "tracker was worn at night."
)


def in_utc(segment: stage_rules.Segment) -> stage_rules.Segment:
    """The segment with its times in UTC: two segments are the same segment (§8: owner, source,
    start, end, stage) exactly when these are equal, whatever offsets their file wrote."""
    return segment._replace(start=segment.start.astimezone(UTC), end=segment.end.astimezone(UTC))


# --- in the web request ---------------------------------------------------------------------------


def upload_folder() -> Path:
    folder = Path(settings.PRIVATE_UPLOAD_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def keep_upload(user, upload, file_format: str) -> StageImport:
    """Keep the upload in the private folder for its import; the progress row to watch.

    Django has already streamed the upload to a temporary file (settings.FILE_UPLOAD_HANDLERS);
    it is moved, not copied, when both are on one disk.
    """
    stage_import = StageImport(
        id=uuid.uuid4(),
        owner=user,
        filename=Path(upload.name).name[:255],
        file_format=file_format,
        bytes_total=files.total_bytes(upload.file, file_format),
    )
    path = upload_folder() / f"{stage_import.id}.upload"
    if hasattr(upload, "temporary_file_path"):
        file_move_safe(upload.temporary_file_path(), path)
    else:
        with path.open("wb") as kept:
            for chunk in upload.chunks():
                kept.write(chunk)
    stage_import.upload_path = str(path)
    stage_import.save()
    return stage_import


# --- in the background task --------------------------------------------------------------------


class Progress:
    """Counts bytes read and nights found as segments arrive, and hands them to `save` (if
    given) now and then, so a page can show them while a big file streams past."""

    def __init__(self, tz, save=None):
        self.tz = tz
        self.save = save
        self.nights: set[date] = set()
        self.bytes_read = 0
        self.written_at = 0.0

    def night(self, segment: stage_rules.Segment):
        self.nights.add(nights.night_of(segment.start, self.tz))

    def __call__(self, bytes_read: int):
        self.bytes_read = bytes_read
        if self.save and time.monotonic() - self.written_at >= PROGRESS_EVERY:
            self.write()

    def write(self, **more):
        self.written_at = time.monotonic()
        self.save(bytes_read=self.bytes_read, nights_found=len(self.nights), **more)


def saver(stage_import: StageImport):
    """Writes progress and outcome to the import's row (one UPDATE, outside any transaction)."""

    def save(**fields):
        StageImport.objects.filter(pk=stage_import.pk).update(updated_at=timezone.now(), **fields)

    return save


def run(stage_import: StageImport) -> None:
    """Read the import's file, store its new segments, and record how it ended."""
    progress = Progress(stage_import.owner.tz, saver(stage_import))
    progress.write(status=StageImport.Status.RUNNING)
    path = Path(stage_import.upload_path)
    try:
        with path.open("rb") as upload:
            found, skipped = collect(upload, stage_import.file_format, progress)
        if not found:
            raise StageFileError(NO_SLEEP)
        added = save(stage_import.owner, found)
        outcome = {
            "status": StageImport.Status.DONE,
            "summary": summary(found, stage_import.owner.tz, added, skipped),
        }
    except StageFileError as problem:
        outcome = {"status": StageImport.Status.FAILED, "error": str(problem)}
    except Exception:
        logger.exception("Import of recorded stages %s failed", stage_import.pk)
        outcome = {"status": StageImport.Status.FAILED, "error": SOMETHING_WENT_WRONG}
    finally:
        path.unlink(missing_ok=True)
    progress.write(finished_at=timezone.now(), upload_path="", **outcome)


def collect(upload, file_format: str, progress: Progress) -> tuple[set, Skipped]:
    """Each distinct segment of the file once (in UTC), and what was left out.

    Kept lean, since a big export holds a hundred thousand segments or more: the times in UTC
    (one shared zone), each source's name kept once, nothing else.
    """
    skipped = Skipped()
    found: set[stage_rules.Segment] = set()
    names: dict[str, str] = {}
    for segment in files.read_segments(upload, file_format, progress.tz, progress, skipped):
        source = names.setdefault(segment.source, segment.source)
        segment = in_utc(segment._replace(source=source))
        if segment not in found:
            found.add(segment)
            progress.night(segment)
    return found, skipped


def save(owner, segments) -> int:
    """Store the segments the owner does not have yet, all in one transaction; how many.

    They go in batches in time order, each checked against the stored segments of its own
    stretch of time, so memory stays flat however many there are.
    """
    tz = owner.tz
    ordered = sorted(segments, key=lambda segment: segment.start)
    mine = StageSegment.objects.for_user(owner)
    added = 0
    touched = set()
    with transaction.atomic():
        for first in range(0, len(ordered), BATCH):
            batch = ordered[first : first + BATCH]
            stored = {
                in_utc(stage_rules.Segment(start, end, stage, source))
                for start, end, stage, source in mine.filter(
                    start__range=(batch[0].start, batch[-1].start),
                    source__in={segment.source for segment in batch},
                ).values_list("start", "end", "stage", "source")
            }
            new = [
                StageSegment(
                    owner=owner,
                    start=segment.start,
                    end=segment.end,
                    stage=segment.stage,
                    source=segment.source,
                    night_of=nights.night_of(segment.start, tz),
                )
                for segment in batch
                if segment not in stored
            ]
            # A second import of the same file at the same moment may have stored some already.
            StageSegment.objects.bulk_create(new, ignore_conflicts=True)
            added += len(new)
            touched.update(segment.night_of for segment in new)
        # bulk_create sends no signals: the nights' stored figures are refreshed here.
        figures.touch(owner, touched)
    return added


# --- the summary --------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileNights:
    """What a file holds, night by night: how many nights each source counts on, and on how many
    nights each other source had segments that were not used (§8)."""

    chosen: Counter
    unused: Counter
    first: date
    last: date


def file_nights(segments, tz) -> FileNights:
    by_night = stage_rules.by_night(segments, tz)
    chosen = Counter(night.source for night in by_night.values())
    unused = Counter(source for night in by_night.values() for source in night.other_sources)
    return FileNights(chosen, unused, min(by_night), max(by_night))


def summary(segments, tz, added: int, skipped: Skipped) -> str:
    """E.g. "214 nights of stages from Apple Watch, 2 Mar – 24 Nov; 18 nights also had iPhone
    data, not used. 6,410 new segments." """
    segments = list(segments)
    counted = file_nights(segments, tz)
    period = period_text(counted.first, counted.last)
    ranked = sorted(counted.chosen.items(), key=lambda item: (-item[1], item[0]))
    if len(ranked) == 1:
        ((source, count),) = ranked
        sentence = f"{nights_text(count)} of stages from {source}, {period}"
    else:
        total = sum(counted.chosen.values())
        each = ", ".join(f"{count:,} from {source}" for source, count in ranked)
        sentence = f"{nights_text(total)} of stages, {period}: {each}"
    for source, count in sorted(counted.unused.items(), key=lambda item: (-item[1], item[0])):
        sentence += f"; {nights_text(count)} also had {source} data, not used"
    sentences = [sentence + ".", segments_text(len(segments), added)]
    if skipped.unknown_count:
        values = ", ".join(sorted(skipped.unknown))
        sentences.append(
            f"{records_text(skipped.unknown_count)} of a kind Nightjar does not know ({values}) "
            f"{'was' if skipped.unknown_count == 1 else 'were'} left out."
        )
    return " ".join(sentences)


def segments_text(found: int, added: int) -> str:
    unchanged = found - added
    if not added:
        return f"Nothing new: all {found:,} segments were already there."
    if unchanged:
        return f"{added:,} new segments; {unchanged:,} were already in your journal."
    return f"{added:,} new segment{'' if added == 1 else 's'}."


def records_text(count: int) -> str:
    return f"{count:,} record" + ("" if count == 1 else "s")


def nights_text(count: int) -> str:
    return f"{count:,} night" + ("" if count == 1 else "s")


def period_text(first: date, last: date) -> str:
    """2 Mar – 24 Nov; with the years when the nights span more than one."""
    style = "short" if first.year == last.year else "year"
    if first == last:
        return day(first, style)
    return f"{day(first, style)} – {day(last, style)}"
