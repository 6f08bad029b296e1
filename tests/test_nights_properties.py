"""Properties of rules/nights.py that hold for every instant, zone and schedule (Hypothesis).

Definitions §1–§3: an instant's night contains it; a night's window boundaries are in order and
every instant of the night falls in exactly one window; a local time names the instant §2 says,
across the gaps and folds of zones with whole-hour, half-hour and odd offsets.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from hypothesis import assume, given
from hypothesis import strategies as st

from journal.rules import nights
from journal.rules.nights import UsualSchedule, night_schedule

ZONES = [
    "Europe/London",
    "America/New_York",
    "Pacific/Auckland",
    "Australia/Lord_Howe",  # the clocks move by 30 minutes
    "Australia/Adelaide",  # UTC+9:30 / +10:30
    "Asia/Kathmandu",  # UTC+5:45, no summer time
    "UTC",
]
FIRST_YEAR, LAST_YEAR = 2020, 2030
SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Change:
    """A change of a zone's UTC offset: the instant (UTC) and the offsets before and after."""

    at: datetime
    before: timedelta
    after: timedelta

    @property
    def wall_at(self) -> datetime:
        """The clock's reading (naive) when it changes, by the offset before: the readings from
        there on are skipped (clocks forward); the ones just before it come again (back)."""
        return (self.at + self.before).replace(tzinfo=None)


@cache
def changes(zone: str) -> tuple[Change, ...]:
    """Every change of the zone's offset in the years tested, to the second: offsets compared a
    day apart, then the interval halved."""
    tz = ZoneInfo(zone)
    found = []
    day = datetime(FIRST_YEAR, 1, 1, tzinfo=UTC)
    while day.year <= LAST_YEAR:
        low, high = day, day + timedelta(days=1)
        before, after = offset(low, tz), offset(high, tz)
        if before != after:
            while high - low > SECOND:
                middle = low + (high - low) / 2
                if offset(middle, tz) == before:
                    low = middle
                else:
                    high = middle
            found.append(Change(high.replace(microsecond=0), before, after))
        day += timedelta(days=1)
    return tuple(found)


def wall(instant: datetime, tz: ZoneInfo) -> datetime:
    """The wall-clock reading of an instant in a zone, as a naive datetime.

    Instants are compared in UTC throughout: Python never finds a time in a repeated hour equal
    to one given in another zone (PEP 495).
    """
    return instant.astimezone(tz).replace(tzinfo=None, fold=0)


def offset(instant: datetime, tz: ZoneInfo) -> timedelta:
    return instant.astimezone(tz).utcoffset()


zones = st.sampled_from(ZONES)
zones_that_change = st.sampled_from(
    [zone for zone in ZONES if zone not in ("UTC", "Asia/Kathmandu")]
)


@st.composite
def instants_in(draw, zone: str):
    """An instant: anywhere, or to the second within hours of one of the zone's clock changes,
    or within a minute of a local noon (where one night ends and the next begins)."""
    tz = ZoneInfo(zone)
    near = changes(zone)
    where = draw(st.sampled_from(["anywhere", "noon", "change"] if near else ["anywhere", "noon"]))
    if where == "anywhere":
        return draw(
            st.datetimes(
                min_value=datetime(FIRST_YEAR, 1, 2),
                max_value=datetime(LAST_YEAR, 12, 30),
                timezones=st.just(UTC),
            )
        )
    if where == "noon":
        day = draw(st.dates(date(FIRST_YEAR, 1, 2), date(LAST_YEAR, 12, 30)))
        noon = datetime.combine(day, time(12), tzinfo=tz).astimezone(UTC)
        return noon + timedelta(seconds=draw(st.integers(-60, 60)))
    change = draw(st.sampled_from(near))
    return change.at + timedelta(seconds=draw(st.integers(-6 * 3600, 6 * 3600)))


@st.composite
def zone_and_instant(draw):
    zone = draw(zones)
    return ZoneInfo(zone), draw(instants_in(zone))


@st.composite
def skipped_or_repeated(draw, forward: bool):
    """A zone, one of its changes (clocks forward, or back), and a wall-clock reading the change
    skips (forward) or repeats (back): within the change's shift of where it starts."""
    zone = draw(zones_that_change)
    change = draw(st.sampled_from([c for c in changes(zone) if (c.after > c.before) == forward]))
    shift = abs(change.after - change.before)
    first = change.wall_at if forward else change.wall_at - shift
    into = timedelta(seconds=draw(st.integers(0, int(shift.total_seconds()) - 1)))
    return ZoneInfo(zone), change, first + into


# --- §1 which night -------------------------------------------------------------------------------


@given(zone_and_instant())
def test_an_instants_night_contains_it(case):
    tz, instant = case
    night = nights.night_of(instant, tz)
    start, end = nights.night_span(night, tz)
    assert start.astimezone(UTC) <= instant < end.astimezone(UTC)


@given(zone_and_instant())
def test_the_night_is_the_local_date_or_the_one_before(case):
    tz, instant = case
    local = instant.astimezone(tz)
    expected = local.date() if local.time() >= time(12) else local.date() - timedelta(days=1)
    assert nights.night_of(instant, tz) == expected


# --- §2 local times -------------------------------------------------------------------------------


@given(zone_and_instant())
def test_a_wall_clock_reading_names_its_instant_or_the_first_of_two(case):
    """Round trip: read an instant's wall clock, and turn the reading back into an instant."""
    tz, instant = case
    instant = instant.replace(microsecond=0)
    reading = wall(instant, tz)
    named = nights.local_instant(reading.date(), reading.time(), tz).astimezone(UTC)
    assert wall(named, tz) == reading
    if named != instant:
        # Only a reading the clocks went back over names another instant: its first occurrence.
        assert reading.replace(tzinfo=tz, fold=1).astimezone(UTC) == instant
        assert reading.replace(tzinfo=tz, fold=0).astimezone(UTC) == named < instant


@given(skipped_or_repeated(forward=True))
def test_a_time_the_clocks_skip_means_the_instant_they_jump_to(case):
    tz, change, reading = case
    instant = nights.local_instant(reading.date(), reading.time(), tz)
    assert instant.astimezone(UTC) == change.at
    assert wall(change.at - SECOND, tz) < reading < wall(change.at, tz)


@given(skipped_or_repeated(forward=False))
def test_a_time_that_happens_twice_means_its_first_occurrence(case):
    tz, change, reading = case
    instant = nights.local_instant(reading.date(), reading.time(), tz)
    # The first time the clock reads it is before the change, at the offset from before.
    assert instant.astimezone(UTC) == (reading - change.before).replace(tzinfo=UTC)
    assert instant.astimezone(UTC) < change.at
    assert wall(instant, tz) == reading


@given(zones, st.dates(date(FIRST_YEAR, 1, 2), date(LAST_YEAR, 12, 30)), st.times())
def test_a_usual_time_lands_on_its_night(zone, night, clock):
    tz = ZoneInfo(zone)
    clock = clock.replace(microsecond=0)
    instant = nights.usual_instant(night, clock, tz)
    assert nights.night_of(instant, tz) == night


@given(zone_and_instant(), st.floats(-2000, 2000).map(lambda minutes: round(minutes, 2)))
def test_minutes_are_added_in_elapsed_time(case, minutes):
    tz, instant = case
    later = nights.add_minutes(instant.astimezone(tz), minutes)
    assert later.tzinfo is tz
    assert abs(nights.elapsed_minutes(instant, later) - minutes) < 1e-6


# --- §3 windows -----------------------------------------------------------------------------------


clock_times = st.times().map(lambda clock: clock.replace(second=0, microsecond=0))
usual_schedules = st.builds(
    UsualSchedule,
    lights_out=clock_times,
    minutes_to_fall_asleep=st.integers(0, 720),
    wake=clock_times,
)


@st.composite
def schedules(draw):
    """A night near a clock change (often), its zone, and a schedule from a usual schedule and
    any part of a diary (times inside the night's noon-to-noon span)."""
    zone = draw(zones)
    tz = ZoneInfo(zone)
    night = nights.night_of(draw(instants_in(zone)), tz)
    start, end = nights.night_span(night, tz)
    inside = st.integers(0, int((end - start).total_seconds()) - 1).map(
        lambda seconds: (start.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(tz)
    )
    schedule = night_schedule(
        night,
        tz,
        draw(usual_schedules),
        tried_to_sleep=draw(st.none() | inside),
        minutes_to_fall_asleep=draw(st.none() | st.integers(0, 720)),
        final_wake=draw(st.none() | inside),
    )
    return tz, night, schedule


@given(schedules())
def test_the_boundaries_are_in_order(case):
    _, _, schedule = case
    b0, b1, b2, b3 = schedule.boundaries
    assert b0 <= b1 <= b2 <= b3
    onset = schedule.sleep_onset.astimezone(UTC)
    assert b0 == schedule.lights_out.astimezone(UTC) <= onset
    assert b1 == onset + timedelta(minutes=nights.FALLING_ASLEEP_MINUTES)


def spans(schedule):
    """Each window as the instants it holds, written as spans (§3, order of the rules applied):
    an instant before lights-out is evening even if after the final wake."""
    b0, b1, b2, b3 = schedule.boundaries
    wake = schedule.final_wake.astimezone(UTC)
    return {
        "evening": lambda t: t < b0,
        "on_waking": lambda t: t >= max(wake, b0),
        "falling_asleep": lambda t: b0 <= t < min(b1, wake),
        "early": lambda t: b1 <= t < min(b2, wake),
        "middle": lambda t: b2 <= t < min(b3, wake),
        "late": lambda t: b3 <= t < wake,
    }


@given(schedules(), st.floats(0, 1))
def test_every_instant_of_the_night_is_in_exactly_one_window(case, fraction):
    tz, night, schedule = case
    start, end = (moment.astimezone(UTC) for moment in nights.night_span(night, tz))
    instant = start + (end - start) * fraction
    assume(instant < end)
    holding = [key for key, holds in spans(schedule).items() if holds(instant)]
    assert holding == [schedule.window_of(instant)]
    assert schedule.window_of(instant.astimezone(tz)) == holding[0]


@given(schedules())
def test_the_boundaries_themselves_belong_to_the_later_window(case):
    _, _, schedule = case
    order = ["falling_asleep", "early", "middle", "late"]
    for boundary, window in zip(schedule.boundaries, order, strict=True):
        placed = schedule.window_of(boundary)
        if boundary >= schedule.final_wake:
            assert placed == "on_waking"
        else:
            # A boundary equal to the next one (collapsed windows) belongs to the last of them.
            assert order.index(placed) >= order.index(window)
