"""Project-wide pytest set-up: the clock, Hypothesis's example budget, and Django in an event loop.

The clock. A test whose expectation depends on "now" pins it:

    @pytest.mark.now("2026-11-20 09:30", tz="Europe/London")

(time-machine; frozen unless `tick=True`). The `clock` fixture hands such a test the pinned
clock, to move it on (`clock.shift(timedelta(days=8))`). `pytest --today 2027-06-01` moves the
clock for the whole run, ticking, so that anyone can check that no test depends on today's date;
pinned tests still see their own date. Browser tests are left out of that check
(`-m "not browser"`): Chromium keeps its own clock.

Slow tests (`@pytest.mark.slow`, a measurement the issue asks for) run only with `--slow`:
`make test-slow` runs them, `make test` leaves them out.

Hypothesis: a fixed, derandomized budget of 100 examples a property on every run, the same ones
each time; `--hypothesis-profile=fuzz` (or HYPOTHESIS_PROFILE=fuzz, as `make fuzz` does) tries
twenty times as many, fresh each time, and keeps any failing example in .hypothesis/ to try first
next time.
"""

import os
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import settings

# Live-server browser tests run Playwright's sync API inside an event loop, which Django refuses
# unless told it is safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

settings.register_profile(
    "nightjar", max_examples=100, deadline=None, derandomize=True, database=None
)
settings.register_profile("fuzz", max_examples=2000, deadline=None)
# HYPOTHESIS_PROFILE=fuzz (make fuzz) chooses the bigger budget for a whole run.
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "nightjar"))


def pytest_addoption(parser):
    parser.addoption(
        "--slow",
        action="store_true",
        help="Also run the tests marked slow (make test-slow); without it they are left out.",
    )
    parser.addoption(
        "--today",
        metavar="YYYY-MM-DD[THH:MM]",
        help="Run with the clock moved to this day (UTC, ticking; the time of day stays the real "
        "one unless given), to check that no test depends on today's date.",
    )


def pytest_configure(config):
    today = config.getoption("today")
    if today:
        moved = moved_clock(today)
        travel = time_machine.travel(moved.timestamp(), tick=True)
        travel.start()
        config.add_cleanup(travel.stop)
        config.stash[MOVED_TO] = moved


MOVED_TO = pytest.StashKey[datetime]()


def moved_clock(today: str) -> datetime:
    """The instant `--today` names: a day (keeping the real UTC time of day) or a day and time."""
    try:
        if "T" not in today and " " not in today:
            return datetime.combine(date.fromisoformat(today), datetime.now(UTC).time(), UTC)
        moved = datetime.fromisoformat(today)
        return moved if moved.tzinfo else moved.replace(tzinfo=UTC)
    except ValueError:
        raise pytest.UsageError(f"--today {today}: write a date as YYYY-MM-DD") from None


def pytest_collection_modifyitems(config, items):
    """Slow tests (@pytest.mark.slow) run only with --slow, so `make test` stays fast."""
    if config.getoption("slow"):
        return
    kept = [item for item in items if item.get_closest_marker("slow") is None]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[i for i in items if i not in kept])
        items[:] = kept


def pytest_report_header(config):
    moved = config.stash.get(MOVED_TO, None)
    if moved:
        return f"clock: moved to {moved:%Y-%m-%dT%H:%M} UTC (--today), ticking"
    return None


def pinned_instant(marker) -> datetime:
    """The aware instant a `now` marker names (a wall-clock time that exists, in its zone)."""
    when = marker.args[0]
    if not isinstance(when, datetime):
        when = datetime.fromisoformat(when)
    return when if when.tzinfo else when.replace(tzinfo=ZoneInfo(marker.kwargs.get("tz", "UTC")))


@pytest.fixture(autouse=True)
def _pinned_clock(request):
    marker = request.node.get_closest_marker("now")
    if marker is None:
        yield None
        return
    start = pinned_instant(marker)
    with time_machine.travel(start.timestamp(), tick=marker.kwargs.get("tick", False)) as moved:
        yield moved


@pytest.fixture
def clock(_pinned_clock) -> time_machine.Traveller:
    """The clock pinned by the test's `now` marker, to move on: `clock.shift(timedelta(...))`."""
    if _pinned_clock is None:
        pytest.fail("The clock fixture needs the clock pinned: @pytest.mark.now(...)")
    return _pinned_clock
