"""What `manage.py bench` measures and how it reports it (issue 3, "Speed").

This module is also the URLconf the benchmark swaps in with override_settings(ROOT_URLCONF=…):
the real routes plus a "floor" page, so the floor goes through the same middleware as the pages
without ever being part of the real app (config.urls does not include it).
"""

import math
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

from journal.models import Event

FLOOR_PATH = "/bench/floor/"


@login_required
def floor(request):
    """The cheapest signed-in page: the middleware's own work plus one query of journal data."""
    latest = Event.objects.for_user(request.user).order_by("-occurred_at").values("kind").first()
    return HttpResponse(f"Latest: {latest['kind'] if latest else 'nothing yet'}")


urlpatterns = [
    path(FLOOR_PATH.strip("/") + "/", floor, name="bench_floor"),
    path("", include("config.urls")),
]


# Whose journal a page is read from: the heavy bench journal (about ten events a night), or a
# year at the demo's own density (seed_demo's default), for the PDF at a believable size.
HEAVY, DEMO = "heavy", "demo"
# A PDF takes seconds: it is timed fewer times than a page.
PDF_RUNS = 3


@dataclass(frozen=True)
class Page:
    label: str
    url: str
    journal: str = HEAVY
    max_runs: int | None = None


def pages(last_night: date) -> list[Page]:
    """The pages issues 3 and 10 ask about, the floor first; the API periods, the report's
    year and the report's weeks end on last night (review/periods.py)."""

    def period(nights: int) -> str:
        first = last_night - timedelta(days=nights - 1)
        return f"from={first.isoformat()}&to={last_night.isoformat()}"

    return [
        Page("floor (one query)", FLOOR_PATH),
        Page("/ (home)", "/"),
        Page("/log/", "/log/"),
        Page("/nights/", "/nights/"),
        Page("/patterns/ (week)", "/patterns/"),
        Page("/patterns/?weeks=12", "/patterns/?weeks=12"),
        Page("/report/ 4 weeks", "/report/?weeks=4"),
        Page("/report/ 12 weeks", "/report/?weeks=12"),
        Page("/api/summary 1 year", f"/api/summary?{period(365)}"),
        Page("/api/summary 10 years", f"/api/summary?{period(3650)}"),
        Page("/report.pdf 4 weeks", "/report.pdf?weeks=4", max_runs=PDF_RUNS),
        Page("/report.pdf 12 weeks", "/report.pdf?weeks=12", max_runs=PDF_RUNS),
        Page("/report.pdf 1 year", f"/report.pdf?{period(365)}", max_runs=PDF_RUNS),
        Page("/report.pdf 12 weeks, demo density", "/report.pdf?weeks=12", DEMO, PDF_RUNS),
    ]


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least `share` of them at or below."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class Measurement:
    page: Page
    times_ms: list[float]
    queries: int

    @property
    def median_ms(self) -> float:
        return median(self.times_ms)

    @property
    def p95_ms(self) -> float:
        return percentile(self.times_ms, 0.95)


def table(measurements: list[Measurement]) -> str:
    """A plain-text table (also valid Markdown), each page's median as a multiple of the floor's."""
    floor_median = measurements[0].median_ms
    header = ("page", "median ms", "p95 ms", "queries", "× floor")
    rows = [
        (
            m.page.label,
            f"{m.median_ms:.1f}",
            f"{m.p95_ms:.1f}",
            str(m.queries),
            f"{m.median_ms / floor_median:.1f}" if floor_median else "–",
        )
        for m in measurements
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells):
        padded = [
            cell.ljust(width) if i == 0 else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join(
        "-" * (width + 1) + ":" if i else "-" * (width + 2) for i, width in enumerate(widths)
    )
    return "\n".join([line(header), rule + "|", *(line(row) for row in rows)])
