"""Reading files of recorded sleep stages (journal/data/stages/): Apple Health, Fitbit, CSV.

Small fixture files in tests/fixtures/stages/, the ZIPs around them made here, and the broken
files a person may upload: cut short, damaged, of another kind, or hostile XML.
"""

import io
import json
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from journal.data.stages import Skipped, StageFileError, apple, fitbit, table
from journal.data.stages.files import read_segments, recognise, total_bytes
from journal.rules.stages import Segment

FIXTURES = Path(__file__).parent / "fixtures" / "stages"
LONDON = ZoneInfo("Europe/London")
BST = datetime.fromisoformat("2026-10-01T00:00:00+01:00").tzinfo
WATCH, PHONE = "Sam’s Apple Watch", "Sam’s iPhone"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def zipped(members: dict[str, bytes]) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    buffer.seek(0)
    return buffer


def read_all(upload, file_format, tz=LONDON):
    skipped, seen = Skipped(), []
    segments = list(read_segments(upload, file_format, tz, seen.append, skipped))
    return segments, skipped, seen


def bst(text: str) -> datetime:
    return datetime.fromisoformat(f"2026-{text}:00+01:00")


# --- Apple Health -------------------------------------------------------------------------------

APPLE_SEGMENTS = [
    Segment(bst("10-01 22:45"), bst("10-02 07:00"), "in_bed", PHONE),
    Segment(bst("10-01 23:10"), bst("10-01 23:40"), "light", WATCH),
    Segment(bst("10-01 23:40"), bst("10-02 00:40"), "deep", WATCH),
    Segment(bst("10-02 00:40"), bst("10-02 00:44"), "awake", WATCH),
    Segment(bst("10-02 00:44"), bst("10-02 04:30"), "light", WATCH),
    Segment(bst("10-02 04:30"), bst("10-02 05:15"), "rem", WATCH),
    Segment(bst("10-02 05:15"), bst("10-02 06:40"), "asleep", WATCH),
    Segment(bst("10-02 23:15"), bst("10-03 06:55"), "in_bed", PHONE),
]


def test_it_reads_only_the_sleep_records_of_an_apple_export_xml():
    upload = io.BytesIO(fixture("export.xml"))
    assert recognise(upload) == "apple_xml"
    segments, skipped, seen = read_all(upload, "apple_xml")
    assert segments == APPLE_SEGMENTS
    # The unknown value and the record that lasts no time are left out, and counted.
    assert skipped.unknown == {"SomethingNew": 1}
    assert skipped.empty == 1
    assert seen[-1] == len(fixture("export.xml")) == total_bytes(upload, "apple_xml")


def test_it_reads_the_export_xml_inside_the_health_apps_export_zip():
    upload = zipped(
        {
            "apple_health_export/export.xml": fixture("export.xml"),
            "apple_health_export/export_cda.xml": b"<ClinicalDocument/>",
            "apple_health_export/workout-routes/route_2026-10-01.gpx": b"<gpx/>",
        }
    )
    assert recognise(upload) == "apple_zip"
    assert total_bytes(upload, "apple_zip") == len(fixture("export.xml"))
    segments, _, seen = read_all(upload, "apple_zip")
    assert segments == APPLE_SEGMENTS
    assert seen[-1] == len(fixture("export.xml"))


def test_the_sleep_records_may_be_a_tiny_minority_of_the_export():
    other = (
        b' <Record type="HKQuantityTypeIdentifierHeartRate" sourceName="W" unit="count/min" '
        b'startDate="2026-10-01 22:50:00 +0100" endDate="2026-10-01 22:50:00 +0100" value="60">'
        b'\n  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n'
    )
    head, tail = fixture("export.xml").split(b" <ActivitySummary")
    padded = head + other * 20_000 + b" <ActivitySummary" + tail  # about 5 MB of heart rates
    segments, _, seen = read_all(io.BytesIO(padded), "apple_xml")
    assert segments == APPLE_SEGMENTS
    assert len(seen) > 1  # progress told as the chunks went by


def test_a_cut_short_export_xml_is_refused_with_a_clear_message():
    whole = fixture("export.xml")
    with pytest.raises(StageFileError, match="stops part-way"):
        read_all(io.BytesIO(whole[: len(whole) * 2 // 3]), "apple_xml")


def test_a_cut_short_export_zip_is_not_taken_for_a_stage_file():
    whole = zipped({"apple_health_export/export.xml": fixture("export.xml")}).getvalue()
    assert recognise(io.BytesIO(whole[: len(whole) // 2])) is None


def test_a_damaged_export_xml_says_where():
    damaged = fixture("export.xml").replace(b'<Record type="HKQuantityTypeIdentifierActive', b"<<")
    with pytest.raises(StageFileError, match=r"damaged at line \d+"):
        read_all(io.BytesIO(damaged), "apple_xml")


def test_an_xml_file_that_is_not_an_apple_export_is_refused_at_once():
    with pytest.raises(StageFileError, match="not an Apple Health export"):
        recognise(io.BytesIO(b'<?xml version="1.0"?>\n<gpx version="1.1"></gpx>\n'))


def test_an_xml_file_with_another_root_is_refused_while_reading():
    with pytest.raises(StageFileError, match="not an Apple Health export"):
        read_all(io.BytesIO(b"<gpx><HealthData/></gpx>"), "apple_xml")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE HealthData [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<HealthData locale="en_GB">
 <Record type="HKCategoryTypeIdentifierSleepAnalysis" sourceName="&lol9;"
  startDate="2026-10-01 23:10:00 +0100" endDate="2026-10-01 23:40:00 +0100"
  value="HKCategoryValueSleepAnalysisAsleepCore"/>
</HealthData>
"""


def test_a_billion_laughs_file_is_refused_before_anything_is_expanded():
    upload = io.BytesIO(BILLION_LAUGHS)
    assert recognise(upload) == "apple_xml"  # it claims to be an export
    started = time.monotonic()
    with pytest.raises(StageFileError, match="declares entities"):
        read_all(upload, "apple_xml")
    assert time.monotonic() - started < 1


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    hostile = (
        f'<?xml version="1.0"?>\n<!DOCTYPE HealthData [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>'
        "\n<HealthData>&xxe;</HealthData>\n"
    ).encode()
    with pytest.raises(StageFileError, match="declares entities"):
        read_all(io.BytesIO(hostile), "apple_xml")


def test_a_record_with_a_time_it_cannot_read_stops_the_import():
    broken = fixture("export.xml").replace(b"2026-10-02 04:30:00 +0100", b"yesterday", 1)
    with pytest.raises(StageFileError, match="cannot read"):
        read_all(io.BytesIO(broken), "apple_xml")


def test_apple_values_map_to_the_stages_of_section_8():
    assert apple.APPLE_STAGES == {
        "Awake": "awake",
        "AsleepCore": "light",
        "AsleepDeep": "deep",
        "AsleepREM": "rem",
        "AsleepUnspecified": "asleep",
        "Asleep": "asleep",
        "InBed": "in_bed",
    }


# --- Fitbit (Google Takeout) --------------------------------------------------------------------

FITBIT_FOLDER = "Takeout/Fitbit/Global Export Data/"


def takeout(**more) -> io.BytesIO:
    return zipped(
        {
            f"{FITBIT_FOLDER}sleep-2026-03-01.json": fixture("sleep-2026-03-01.json"),
            f"{FITBIT_FOLDER}heart_rate-2026-03-29.json": b"[]",
            "Takeout/archive_browser.html": b"<html></html>",
            **more,
        }
    )


def gmt(text: str) -> datetime:
    return datetime.fromisoformat(f"2026-{text}:00+00:00")


def test_it_reads_each_fitbit_logs_levels_data_across_the_spring_forward_night():
    upload = takeout()
    assert recognise(upload) == "fitbit_zip"
    segments, _, _ = read_all(upload, "fitbit_zip")
    # London, 29 March 2026: 01:00 GMT becomes 02:00 BST. Times are local, without an offset;
    # each run ends `seconds` of elapsed time after it starts.
    as_utc = [(s.start.astimezone(UTC), s.end.astimezone(UTC), s.stage) for s in segments]
    assert as_utc == [
        (gmt("03-28 23:40"), gmt("03-28 23:50"), "awake"),
        (gmt("03-28 23:50"), gmt("03-29 00:50"), "light"),
        (gmt("03-29 00:50"), gmt("03-29 01:50"), "deep"),  # 00:50 GMT to 02:50 BST
        (gmt("03-29 01:50"), gmt("03-29 04:30"), "light"),  # "02:50" is BST
        (gmt("03-29 04:30"), gmt("03-29 06:00"), "rem"),
        (gmt("03-29 06:00"), gmt("03-29 06:20"), "awake"),
        (gmt("03-29 14:00"), gmt("03-29 14:36"), "asleep"),  # a classic log: asleep
        (gmt("03-29 14:36"), gmt("03-29 14:40"), "asleep"),  # and restless
    ]
    assert {s.source for s in segments} == {"Fitbit"}


def test_fitbits_short_wakes_are_not_read():
    segments, _, _ = read_all(takeout(), "fitbit_zip")
    assert all(s.start.astimezone(UTC) != gmt("03-29 02:10") for s in segments)


def test_a_fitbit_time_the_clocks_skip_is_the_instant_they_jump_to():
    run = {"dateTime": "2026-03-29T01:30:00.000", "level": "light", "seconds": 600}
    segment = fitbit.run_segment(run, LONDON, Skipped())
    assert segment.start.astimezone(UTC) == gmt("03-29 01:00")  # 02:00 BST
    assert segment.end.astimezone(UTC) == gmt("03-29 01:10")


def test_a_fitbit_time_that_happens_twice_is_its_first_occurrence():
    run = {"dateTime": "2026-10-25T01:30:00.000", "level": "rem", "seconds": 60}
    segment = fitbit.run_segment(run, LONDON, Skipped())
    assert segment.start.astimezone(UTC) == gmt("10-25 00:30")  # 01:30 BST


def test_fitbit_levels_map_to_the_stages_of_section_8():
    assert fitbit.FITBIT_STAGES == {
        "wake": "awake",
        "awake": "awake",
        "light": "light",
        "deep": "deep",
        "rem": "rem",
        "asleep": "asleep",
        "restless": "asleep",
    }


def test_a_fitbit_file_that_is_not_json_is_refused_by_name():
    upload = takeout(**{f"{FITBIT_FOLDER}sleep-2026-04-01.json": b"[{"})
    with pytest.raises(StageFileError, match="sleep-2026-04-01.json is not valid JSON"):
        read_all(upload, "fitbit_zip")


def test_a_fitbit_run_it_cannot_read_is_refused_with_its_log():
    logs = [{"levels": {"data": [{"dateTime": "soon", "level": "deep", "seconds": 60}]}}]
    upload = takeout(**{f"{FITBIT_FOLDER}sleep-2026-04-01.json": json.dumps(logs).encode()})
    with pytest.raises(StageFileError, match="sleep log 1: a run Nightjar cannot read"):
        read_all(upload, "fitbit_zip")


# --- CSV of stages ------------------------------------------------------------------------------


def test_it_reads_a_csv_of_stages_with_offsets_and_local_times():
    upload = io.BytesIO(fixture("stages.csv"))
    assert recognise(upload) == "stages_csv"
    segments, _, seen = read_all(upload, "stages_csv")
    assert [s.stage for s in segments] == ["deep", "awake", "light", "rem", "light"]
    assert segments[0].start == bst("10-01 23:05")
    # The last row has no offset: it is read in the person's zone (London, BST then).
    assert segments[-1].start == bst("10-02 05:10")
    assert seen[-1] == len(fixture("stages.csv"))


def test_every_wrong_row_of_a_csv_of_stages_is_named_and_nothing_read():
    bad = (
        "start,end,stage,source\n"
        "2026-10-01T23:05:00+01:00,2026-10-01T23:00:00+01:00,deep,Oura\n"
        "2026-10-01T23:05:00+01:00,2026-10-02T00:30:00+01:00,dreaming,Oura\n"
        "tonight,2026-10-02T00:30:00+01:00,deep,Oura\n"
        "2026-10-01T23:05:00+01:00,2026-10-02T00:30:00+01:00,deep,\n"
    )
    with pytest.raises(StageFileError) as refused:
        read_all(io.BytesIO(bad.encode()), "stages_csv")
    assert str(refused.value) == (
        "Nothing was imported: 4 row(s) have a problem. "
        "Row 2, end: The end must come after the start.; "
        "Row 3, stage: Write one of: awake, light, deep, rem, asleep, in_bed.; "
        "Row 4, start: Not a date and time. Write it as 2026-10-12T02:14:00+01:00 (ISO 8601, "
        "with the UTC offset).; "
        "Row 5, source: Name the device or app that recorded it."
    )


def test_the_stage_header_may_come_in_any_order_and_case():
    assert table.is_stage_header(["Source", " stage", "END", "start"])
    assert not table.is_stage_header(["start", "end", "stage"])


# --- files that are none of these ---------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"id,occurred_at,kind\n",  # a file of Nightjar's own export
        b"\x89PNG\r\n\x1a\n\x00\x00",  # a picture
        b"",
    ],
)
def test_other_files_are_not_stage_files(content):
    assert recognise(io.BytesIO(content)) is None


def test_a_zip_without_an_apple_or_fitbit_export_is_not_a_stage_file():
    assert recognise(zipped({"events.csv": b"id,occurred_at\n"})) is None
    assert recognise(zipped({"Takeout/Fitbit/Global Export Data/steps.json": b"[]"})) is None


def test_a_stage_file_that_turns_out_damaged_inside_its_zip_says_so():
    whole = bytearray(zipped({"apple_health_export/export.xml": fixture("export.xml")}).getvalue())
    whole[60:200] = bytes(140)  # the compressed data, not the directory at the end
    upload = io.BytesIO(bytes(whole))
    assert recognise(upload) == "apple_zip"
    with pytest.raises(StageFileError, match="ZIP file is damaged"):
        read_all(upload, "apple_zip")


def test_times_are_read_in_the_persons_zone_when_they_have_no_offset():
    assert table.segment_from_cells(
        {"start": "2026-10-25T01:30", "end": "2026-10-25T01:45", "stage": "rem", "source": "X"},
        LONDON,
    ).start.astimezone(UTC) == gmt("10-25 00:30")
