"""Time the report PDF (render_pdf) at 12 weeks for the demo's density and a heavy one.

    DATABASE_URL=sqlite:////tmp/pdf-timing.sqlite3 .venv/bin/python scripts/pdf_timing.py seed
    DATABASE_URL=sqlite:////tmp/pdf-timing.sqlite3 .venv/bin/python scripts/pdf_timing.py run 3

`seed` fills the database (120 nights at the demo's density, seed_demo's default; 370 nights at
the bench's, about 10 events a night); `run N` renders each 12-week PDF N times after one
untimed small one and prints the median wall-clock and CPU time (CPU time is the steadier on a
shared machine) and the file size. To compare two versions on the same database, run it from
each checkout in turn (it imports the code of the folder it is run from), old and new
alternately; `run N year` adds a year of the heavy journal.
"""

import os
import statistics
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("NIGHTJAR_LOCAL", "1")

import django  # noqa: E402

django.setup()

from django.test import RequestFactory  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from journal.review import periods, report  # noqa: E402
from journal.review.report_render import render_pdf  # noqa: E402

OWNERS = {"demo": ("t-demo@x.test", 120, 1.0), "heavy": ("t-heavy@x.test", 370, 3.8)}


def seed():
    """Each journal as the bench seeds its own (journal.management.commands.bench)."""
    from django.core.management import call_command

    from journal.management.commands.bench import Command as Bench

    call_command("migrate", verbosity=0)
    for email, nights, density in OWNERS.values():
        Bench().fill(email, nights, seed=1, density=density)


def one(name, weeks):
    """Seconds (wall clock, CPU) and bytes of one PDF of the last `weeks` weeks."""
    owner = User.objects.get(email=OWNERS[name][0])
    request = RequestFactory().get("/report.pdf", HTTP_HOST="localhost")
    request.user = owner
    period = periods.last_weeks(owner, weeks)
    wall, cpu = time.perf_counter(), time.process_time()
    with timezone.override(owner.tz):
        pdf = render_pdf(request, report.build_report(owner, period))
    return time.perf_counter() - wall, time.process_time() - cpu, len(pdf)


def main():
    if sys.argv[1] == "seed":
        seed()
        return
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    cases = [("demo", 12), ("heavy", 12)] + ([("heavy", 52)] if "year" in sys.argv else [])
    one("demo", 2)  # imports, fonts
    for name, weeks in cases:
        walls, cpus = [], []
        for _ in range(runs):
            wall, cpu, size = one(name, weeks)
            walls.append(wall)
            cpus.append(cpu)
        print(
            f"{name} {weeks} weeks: wall median {statistics.median(walls):.2f} s "
            f"{[round(x, 2) for x in walls]}, CPU median {statistics.median(cpus):.2f} s "
            f"{[round(x, 2) for x in cpus]}, {size // 1024} KB",
            flush=True,
        )


if __name__ == "__main__":
    main()
