"""Which file of recorded stages an upload is, by its content, and its segments as they stream.

An Apple Health `export.zip` (holding `apple_health_export/export.xml`) or that `export.xml`
alone, a Google Takeout ZIP with Fitbit's sleep files, or a CSV whose header is
`start,end,stage,source`. Anything else is not a stage file (it may be Nightjar's own export,
which journal/data/importer.py reads).
"""

import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath
from typing import BinaryIO
from zoneinfo import ZoneInfo

from journal.data.stages import Skipped, StageFileError, apple, fitbit, table
from journal.rules.stages import Segment

APPLE_MEMBER = "apple_health_export/export.xml"
# How far into a file its kind shows: Apple's export.xml opens with a DTD of a few kB before
# <HealthData>; a CSV's first line is its header.
HEAD_BYTES = 256 * 1024
NOT_APPLE_XML = apple.NOT_APPLE
DAMAGED_ZIP = (
    "This ZIP file is damaged (perhaps cut short while copying). Make the export again and upload "
    "the new file."
)


def apple_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo | None:
    """The export.xml of an Apple Health export.zip (also when the ZIP was made again around
    the apple_health_export folder)."""
    for info in archive.infolist():
        path = PurePosixPath(info.filename)
        if info.filename == APPLE_MEMBER or path.parts[-2:] == tuple(APPLE_MEMBER.split("/")):
            return info
    return None


def recognise(upload: BinaryIO) -> str | None:
    """The kind of stage file (a key of vocabulary.STAGE_FILE_FORMATS), or None when it is not
    one. An XML file that is not an Apple Health export raises StageFileError."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if head.startswith(b"PK"):
        return _zip_kind(upload)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if b"<HealthData" not in head:
            raise StageFileError(NOT_APPLE_XML)
        return "apple_xml"
    first_line = text.split(b"\n", 1)[0].decode("utf-8", errors="replace").strip()
    if table.is_stage_header(first_line.split(",")):
        return "stages_csv"
    return None


def _zip_kind(upload: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            if apple_member(archive) is not None:
                return "apple_zip"
            if fitbit.sleep_files(archive):
                return "fitbit_zip"
    except zipfile.BadZipFile:
        return None
    finally:
        upload.seek(0)
    return None


def total_bytes(upload: BinaryIO, file_format: str) -> int:
    """How many bytes the reader will go through: the XML or JSON inside a ZIP, else the file."""
    if file_format in ("apple_zip", "fitbit_zip"):
        with zipfile.ZipFile(upload) as archive:
            if file_format == "apple_zip":
                total = apple_member(archive).file_size
            else:
                total = sum(info.file_size for info in fitbit.sleep_files(archive))
        upload.seek(0)
        return total
    upload.seek(0, 2)
    size = upload.tell()
    upload.seek(0)
    return size


def read_segments(
    upload: BinaryIO,
    file_format: str,
    tz: ZoneInfo,
    progress: Callable[[int], None],
    skipped: Skipped,
) -> Iterator[Segment]:
    """Every segment in the file, streamed; StageFileError says what is wrong with it."""
    try:
        if file_format == "apple_xml":
            yield from apple.read_export_xml(upload, progress, skipped)
        elif file_format == "stages_csv":
            yield from table.read_stages_csv(upload, tz, progress)
        else:
            with zipfile.ZipFile(upload) as archive:
                if file_format == "apple_zip":
                    with archive.open(apple_member(archive)) as member:
                        yield from apple.read_export_xml(member, progress, skipped)
                else:
                    files = fitbit.sleep_files(archive)
                    yield from fitbit.read_takeout(archive, files, tz, progress, skipped)
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise StageFileError(DAMAGED_ZIP) from None
