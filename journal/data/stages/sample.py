"""A made-up Apple Health export.xml of any size, for measuring the reader (`manage.py
bench_stages`, the slow test) without anyone's health data.

It has the shape of a real export: Apple's DTD, then records in time order, nearly all of them
active energy, heart rate (with the metadata entry a watch adds) and steps, every 20 to 60
seconds through the day, and each night a watch's sleep stages and a phone's time in bed: about
one record in fifty is a sleep record, about a hundred thousand of them in 2 GB.
"""

import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

from journal.data.stages.apple import VALUE_PREFIX

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE HealthData [
<!-- HealthKit Export Version: 13 -->
<!ELEMENT HealthData (ExportDate,Me,(Record|Correlation|Workout|ActivitySummary)*)>
<!ATTLIST HealthData
  locale CDATA #REQUIRED
>
<!ELEMENT ExportDate EMPTY>
<!ATTLIST ExportDate
  value CDATA #REQUIRED
>
<!ELEMENT Me EMPTY>
<!ATTLIST Me
  HKCharacteristicTypeIdentifierDateOfBirth         CDATA #REQUIRED
  HKCharacteristicTypeIdentifierBiologicalSex       CDATA #REQUIRED
>
<!ELEMENT Record ((MetadataEntry|HeartRateVariabilityMetadataList)*)>
<!ATTLIST Record
  type          CDATA #REQUIRED
  unit          CDATA #IMPLIED
  value         CDATA #IMPLIED
  sourceName    CDATA #REQUIRED
  sourceVersion CDATA #IMPLIED
  device        CDATA #IMPLIED
  creationDate  CDATA #IMPLIED
  startDate     CDATA #REQUIRED
  endDate       CDATA #REQUIRED
>
<!ELEMENT MetadataEntry EMPTY>
<!ATTLIST MetadataEntry
  key   CDATA #REQUIRED
  value CDATA #REQUIRED
>
]>
<HealthData locale="en_GB">
 <ExportDate value="2026-11-24 08:00:00 +0000"/>
 <Me HKCharacteristicTypeIdentifierDateOfBirth=""
  HKCharacteristicTypeIdentifierBiologicalSex="HKBiologicalSexNotSet"/>
"""
FOOTER = "</HealthData>\n"
WATCH = (
    'sourceName="Sample’s Apple Watch" sourceVersion="10.1" device="&lt;&lt;HKDevice: '
    "0x283f4a120&gt;, name:Apple Watch, manufacturer:Apple Inc., model:Watch, "
    'hardware:Watch6,1, software:10.1&gt;"'
)
PHONE = 'sourceName="Sample’s iPhone" sourceVersion="17.1"'
STAGES = ("AsleepCore", "AsleepDeep", "AsleepCore", "AsleepREM", "Awake")
BUFFER = 4 * 1024 * 1024


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S +0000")


def heart_rate(moment: datetime, rng: random.Random) -> str:
    at = stamp(moment)
    return (
        f' <Record type="HKQuantityTypeIdentifierHeartRate" {WATCH} unit="count/min" '
        f'creationDate="{at}" startDate="{at}" endDate="{at}" value="{rng.randint(48, 110)}">\n'
        '  <MetadataEntry key="HKMetadataKeyHeartRateMotionContext" value="0"/>\n </Record>\n'
    )


def energy(moment: datetime, rng: random.Random) -> str:
    at = stamp(moment)
    return (
        f' <Record type="HKQuantityTypeIdentifierActiveEnergyBurned" {WATCH} unit="kcal" '
        f'creationDate="{at}" startDate="{at}" endDate="{at}" value="{rng.uniform(0, 2):.3f}"/>\n'
    )


def steps(moment: datetime, rng: random.Random) -> str:
    return (
        f' <Record type="HKQuantityTypeIdentifierStepCount" {PHONE} unit="count" '
        f'creationDate="{stamp(moment)}" startDate="{stamp(moment)}" '
        f'endDate="{stamp(moment + timedelta(minutes=5))}" value="{rng.randint(5, 900)}"/>\n'
    )


def sleep(start: datetime, end: datetime, value: str, source: str) -> str:
    return (
        f' <Record type="HKCategoryTypeIdentifierSleepAnalysis" {source} '
        f'creationDate="{stamp(end)}" startDate="{stamp(start)}" endDate="{stamp(end)}" '
        f'value="{VALUE_PREFIX}{value}">\n'
        '  <MetadataEntry key="HKTimeZone" value="Europe/London"/>\n </Record>\n'
    )


def night_records(night_start: datetime, rng: random.Random) -> list[str]:
    """A night of a watch's stages (about 30 segments) and a phone's time in bed."""
    records = [sleep(night_start, night_start + timedelta(hours=8), "InBed", PHONE)]
    moment = night_start + timedelta(minutes=10)
    while moment < night_start + timedelta(hours=7, minutes=30):
        end = moment + timedelta(minutes=rng.randint(4, 30))
        records.append(sleep(moment, end, rng.choice(STAGES), WATCH))
        moment = end
    return records


def write_sample_export(path: Path, size: int, seed: int = 1) -> int:
    """Write an export.xml of about `size` bytes (at least the header); its size in bytes."""
    rng = random.Random(seed)
    moment = datetime(2020, 1, 1, 12, tzinfo=UTC)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write(HEADER)
        written += len(HEADER.encode())
        pending: list[str] = []
        pending_size = 0
        while written + pending_size < size:
            moment += timedelta(seconds=rng.randint(20, 60))
            if moment.hour == 23 and moment.minute < 1:
                chunk = night_records(moment, rng)
                moment += timedelta(hours=8)
            else:
                kind = rng.random()
                record = energy if kind < 0.5 else heart_rate if kind < 0.85 else steps
                chunk = [record(moment, rng)]
            pending.extend(chunk)
            pending_size += sum(len(record) for record in chunk)
            if pending_size >= BUFFER:
                text = "".join(pending)
                out.write(text)
                written += len(text.encode())
                pending, pending_size = [], 0
        text = "".join(pending) + FOOTER
        out.write(text)
        written += len(text.encode())
    return written
