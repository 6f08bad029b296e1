"""Measure the reader of recorded sleep stages: MB of XML a second and peak memory.

    python manage.py bench_stages --generate 2048        # a made-up 2 GB export.xml, then read
    python manage.py bench_stages --file export.zip      # anyone's export, read the same way

It reads the file exactly as the import's background task does (journal/data/stage_import.py
`collect`), without writing to the database, and prints one table: MB a second of elapsed time,
and of the process's own CPU time (what the reader costs, whatever else the machine is doing at
the time). The peak memory is the whole process's (Python, Django and the reader), read from the
operating system. Results: docs/
recorded-stages.md.
"""

import json
import resource
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.management.base import BaseCommand, CommandError

from journal.data.stage_import import Progress, collect
from journal.data.stages import StageFileError
from journal.data.stages.files import recognise, total_bytes
from journal.data.stages.sample import write_sample_export

MB = 1024 * 1024


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB.

    Linux's VmHWM, which starts afresh when the process starts its program; getrusage's
    ru_maxrss would also count the memory of the parent it was forked from (a test runner).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, tz: ZoneInfo) -> dict:
    """Read a stage file as the import does; what it took."""
    with path.open("rb") as upload:
        file_format = recognise(upload)
        if file_format is None:
            raise CommandError(f"{path} is not a file of recorded stages.")
        total = total_bytes(upload, file_format)
        progress = Progress(tz)
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            found, _ = collect(upload, file_format, progress)
        except StageFileError as problem:
            raise CommandError(str(problem)) from None
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    return {
        "file": path.name,
        "format": file_format,
        "file_mb": round(path.stat().st_size / MB, 1),
        "read_mb": round(total / MB, 1),
        "seconds": round(seconds, 2),
        "mb_per_second": round(total / MB / seconds, 1),
        "cpu_seconds": round(cpu_seconds, 2),
        "mb_per_cpu_second": round(total / MB / cpu_seconds, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "segments": len(found),
        "nights": len(progress.nights),
    }


class Command(BaseCommand):
    help = (
        "Read a file of recorded sleep stages (or a made-up export.xml of --generate MB) the way "
        "the import does, and print its size, the time taken, MB of XML a second and the peak "
        "memory of the process."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("--file", type=Path, help="An export.zip, export.xml, Takeout or CSV.")
        source.add_argument(
            "--generate", type=int, metavar="MB", help="Write a made-up export.xml of this size."
        )
        parser.add_argument("--keep", type=Path, help="Where to keep the made-up file.")
        parser.add_argument("--time-zone", default="Europe/London")
        parser.add_argument("--json", action="store_true", help="One line of JSON, no table.")

    def handle(self, *args, **options):
        tz = ZoneInfo(options["time_zone"])
        if options["file"]:
            result = measure(options["file"], tz)
        else:
            with tempfile.TemporaryDirectory() as folder:
                path = options["keep"] or Path(folder) / "export.xml"
                write_sample_export(path, options["generate"] * MB)
                result = measure(path, tz)
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        width = max(len(key) for key in result)
        for key, value in result.items():
            self.stdout.write(f"{key.replace('_', ' '):<{width}}  {value}")
