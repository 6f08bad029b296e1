"""Apple Health's export: `export.xml` (alone, or inside the `export.zip` the Health app makes).

Only `HKCategoryTypeIdentifierSleepAnalysis` records are read; everything else (heart rate,
steps, workouts …, usually almost all of the file) is skipped as it streams past. The file is
fed to expat in chunks and no tree is built, so memory stays flat however big the export is.
The parser refuses entity declarations and external entities (an Apple export has neither), so a
"billion laughs" or an external-entity file is refused before anything is expanded or fetched.
"""

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import BinaryIO
from xml.parsers import expat

from journal.data.stages import Skipped, StageFileError
from journal.rules.stages import Segment

SLEEP_RECORD = "HKCategoryTypeIdentifierSleepAnalysis"
VALUE_PREFIX = "HKCategoryValueSleepAnalysis"
# §8: Apple Health's HKCategoryValueSleepAnalysis… values and the stage each records.
APPLE_STAGES = {
    "Awake": "awake",
    "AsleepCore": "light",
    "AsleepDeep": "deep",
    "AsleepREM": "rem",
    "AsleepUnspecified": "asleep",
    "Asleep": "asleep",
    "InBed": "in_bed",
}
TIME_FORMAT = "%Y-%m-%d %H:%M:%S %z"  # 2026-10-01 23:12:00 +0100
CHUNK = 1024 * 1024
ROOT = "HealthData"
SOURCE_IF_UNNAMED = "Apple Health"
MAX_SOURCE_LENGTH = 120

NOT_APPLE = (
    "This XML file is not an Apple Health export (export.xml starts with <HealthData>). Upload "
    "the export.zip the Health app makes, or the export.xml inside it."
)
ENTITIES = (
    "This XML file declares entities, which an Apple Health export never does, so it was not "
    "read. Upload the export.zip the Health app makes."
)


def refuse_entities(*_args):
    raise StageFileError(ENTITIES)


def safe_parser() -> expat.XMLParserType:
    """An expat parser that reads an internal DTD (Apple's export has one, of element and
    attribute declarations) but refuses any entity declaration and any external entity."""
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.EntityDeclHandler = refuse_entities
    parser.UnparsedEntityDeclHandler = refuse_entities
    parser.ExternalEntityRefHandler = refuse_entities
    return parser


def read_export_xml(
    stream: BinaryIO, progress: Callable[[int], None], skipped: Skipped
) -> Iterator[Segment]:
    """The sleep segments of an Apple Health export.xml, read from a binary stream in chunks.

    `progress(n)` is told after each chunk how many bytes of XML were read in all.
    """
    found: list[Segment] = []
    state = {"root": None}

    def record(name, attrs):
        # Called for every element of a file of millions: the attributes come as a flat list
        # (cheaper to make than a dict), and only a sleep record's are looked at further.
        if name == "Record" and SLEEP_RECORD in attrs:
            fields = dict(zip(attrs[::2], attrs[1::2], strict=True))
            if fields.get("type") == SLEEP_RECORD:
                segment = sleep_segment(fields, skipped)
                if segment is not None:
                    found.append(segment)

    def root(name, attrs):
        state["root"] = name
        if name != ROOT:
            raise StageFileError(NOT_APPLE)
        parser.StartElementHandler = record

    parser = safe_parser()
    parser.ordered_attributes = True
    parser.StartElementHandler = root
    done = 0
    try:
        while chunk := stream.read(CHUNK):
            parser.Parse(chunk, False)
            done += len(chunk)
            progress(done)
            yield from found
            found.clear()
    except expat.ExpatError as error:
        raise StageFileError(NOT_APPLE if state["root"] is None else damaged(error)) from None
    try:
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise StageFileError(NOT_APPLE if state["root"] is None else CUT_SHORT) from None
    yield from found


CUT_SHORT = (
    "This export.xml stops part-way: it was cut short while copying or unzipping. Export again "
    "from the Health app and upload the new export.zip."
)


def damaged(error: expat.ExpatError) -> str:
    reason = expat.errors.messages[error.code]
    return (
        f"This export.xml is damaged at line {error.lineno:,} ({reason}). Export again from the "
        "Health app and upload the new export.zip."
    )


def sleep_segment(attrs: dict, skipped: Skipped) -> Segment | None:
    """One sleep record as a segment; None (counted in `skipped`) when it cannot be one."""
    value = attrs.get("value", "").removeprefix(VALUE_PREFIX)
    stage = APPLE_STAGES.get(value)
    if stage is None:
        skipped.unknown_value(value)
        return None
    try:
        start = datetime.strptime(attrs["startDate"], TIME_FORMAT)
        end = datetime.strptime(attrs["endDate"], TIME_FORMAT)
    except (KeyError, ValueError):
        raise StageFileError(
            "A sleep record in this export has a start or end time Nightjar cannot read "
            f"({attrs.get('startDate', '')!r} to {attrs.get('endDate', '')!r})."
        ) from None
    if end <= start:
        skipped.empty += 1
        return None
    source = attrs.get("sourceName", "").strip()[:MAX_SOURCE_LENGTH] or SOURCE_IF_UNNAMED
    return Segment(start, end, stage, source)
