"""Which night an instant belongs to, the night's schedule and its sleep-stage windows.

Pure functions over aware datetimes and plain values: the rules of docs/definitions.md §1–§3
(the project's copy of shared/domain/definitions.md). Nothing here knows about requests or the
ORM, so every page, the API, the export and the report share one implementation.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

NOON = time(12, 0)

FALLING_ASLEEP_MINUTES = 20

# The four windows of §3 that lie between lights-out and the final wake, in order; `evening` and
# `on_waking` are open-ended and have no exposure (§5).
IN_BED_WINDOWS = ("falling_asleep", "early", "middle", "late")


def night_of(instant: datetime, tz: ZoneInfo) -> date:
    """The night an instant belongs to (§1): local times before 12:00 belong to the evening before.

    Everything from 12:00 on day D up to 11:59:59 on day D+1 is night D.
    """
    local = instant.astimezone(tz)
    if local.time() < NOON:
        return local.date() - timedelta(days=1)
    return local.date()


def night_span(night: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The night's noon-to-noon span as [start, end) aware datetimes in the user's zone (§1)."""
    start = datetime.combine(night, NOON, tzinfo=tz)
    end = datetime.combine(night + timedelta(days=1), NOON, tzinfo=tz)
    return start, end


def nights_span(first: date, last: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The instants [start, end) of every night from `first` to `last`, inclusive."""
    return night_span(first, tz)[0], night_span(last, tz)[1]


def local_instant(day: date, clock: time, tz: ZoneInfo) -> datetime:
    """The instant a wall-clock time names on a day, by the rules of §2.

    A time that does not exist (clocks jump forward) means the instant the clock jumps to; a time
    that happens twice (clocks go back) means its first occurrence.
    """
    naive = datetime.combine(day, clock)
    first = naive.replace(tzinfo=tz, fold=0)
    if first.astimezone(UTC).astimezone(tz).replace(tzinfo=None) == naive:
        return first.astimezone(UTC).astimezone(tz)
    # In the gap: the jump happens between the two readings of the wall time; find that instant.
    low = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    high = first.astimezone(UTC)
    if low > high:
        low, high = high, low
    offset_before = low.astimezone(tz).utcoffset()
    while high - low > timedelta(seconds=1):
        middle = low + (high - low) / 2
        if middle.astimezone(tz).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return high.replace(microsecond=0).astimezone(tz)


def usual_instant(night: date, clock: time, tz: ZoneInfo) -> datetime:
    """A usual clock time placed on a night (§2): from 12:00 on day D, before 12:00 on day D+1."""
    day = night if clock >= NOON else night + timedelta(days=1)
    return local_instant(day, clock, tz)


def add_minutes(instant: datetime, minutes: float) -> datetime:
    """Elapsed-time addition (§2): the result is in the same zone, correct across DST changes."""
    return (instant.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(instant.tzinfo)


def elapsed_minutes(start: datetime, end: datetime) -> float:
    """Elapsed minutes from start to end, in real time whatever the wall clocks say."""
    return (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() / 60


@dataclass(frozen=True)
class UsualSchedule:
    """The profile's usual night, used for whatever a night's diary does not say (§2)."""

    lights_out: time = time(23, 0)
    minutes_to_fall_asleep: int = 15
    wake: time = time(7, 0)


@dataclass(frozen=True)
class NightSchedule:
    """A night's lights-out, sleep onset S and final wake W, and whether any was estimated."""

    night_of: date
    lights_out: datetime
    sleep_onset: datetime
    final_wake: datetime
    estimated: bool

    # Cached: a summary asks every night's schedule for the windows of many entries.
    @cached_property
    def boundaries(self) -> tuple[datetime, datetime, datetime, datetime]:
        """b0..b3 of §3, as UTC instants."""
        onset = self.sleep_onset.astimezone(UTC)
        period = self.final_wake.astimezone(UTC) - onset
        b1 = onset + timedelta(minutes=FALLING_ASLEEP_MINUTES)
        b2 = max(b1, onset + period / 3)
        b3 = max(b2, onset + 2 * period / 3)
        return self.lights_out.astimezone(UTC), b1, b2, b3

    @cached_property
    def final_wake_utc(self) -> datetime:
        return self.final_wake.astimezone(UTC)

    def window_of(self, instant: datetime) -> str:
        """The sleep-stage window (a key of vocabulary.WINDOWS) of an instant already assigned
        to this night (§3)."""
        b0, b1, b2, b3 = self.boundaries
        # Instants read from the database are already in UTC; converting them again is the
        # costliest step when a summary places thousands of entries.
        moment = instant if instant.tzinfo is UTC else instant.astimezone(UTC)
        if moment < b0:
            return "evening"
        if moment >= self.final_wake_utc:
            return "on_waking"
        if moment < b1:
            return "falling_asleep"
        if moment < b2:
            return "early"
        if moment < b3:
            return "middle"
        return "late"

    def window_spans(self) -> dict[str, timedelta]:
        """The elapsed time of each in-bed window this night (§5, window exposure).

        The spans are falling_asleep [b0, b1), early [b1, b2), middle [b2, b3) and late [b3, W),
        each cut to start no earlier than b0 and end no later than W; a span that would be
        negative counts 0. Boundaries are UTC instants, so the differences are elapsed time.
        """
        b0, b1, b2, b3 = self.boundaries
        wake = self.final_wake_utc
        edges = (b0, b1, b2, b3, wake)
        return {
            key: max(timedelta(0), min(edges[i + 1], wake) - max(edges[i], b0))
            for i, key in enumerate(IN_BED_WINDOWS)
        }


def night_schedule(
    night: date,
    tz: ZoneInfo,
    usual: UsualSchedule,
    tried_to_sleep: datetime | None = None,
    minutes_to_fall_asleep: int | None = None,
    final_wake: datetime | None = None,
) -> NightSchedule:
    """The night's schedule from its diary, each missing value from the usual schedule (§2)."""
    estimated = tried_to_sleep is None or minutes_to_fall_asleep is None or final_wake is None
    lights_out = tried_to_sleep or usual_instant(night, usual.lights_out, tz)
    latency = minutes_to_fall_asleep
    if latency is None:
        latency = usual.minutes_to_fall_asleep
    wake = final_wake or usual_instant(night, usual.wake, tz)
    return NightSchedule(
        night_of=night,
        lights_out=lights_out.astimezone(tz),
        sleep_onset=add_minutes(lights_out.astimezone(tz), latency),
        final_wake=wake.astimezone(tz),
        estimated=estimated,
    )


def diary_schedule(night: date, tz: ZoneInfo, usual: UsualSchedule, diary=None) -> NightSchedule:
    """The night's schedule from its diary (anything with `tried_to_sleep`,
    `minutes_to_fall_asleep` and `final_wake`, or None), the usual schedule filling the gaps."""
    return night_schedule(
        night,
        tz,
        usual,
        tried_to_sleep=diary.tried_to_sleep if diary else None,
        minutes_to_fall_asleep=diary.minutes_to_fall_asleep if diary else None,
        final_wake=diary.final_wake if diary else None,
    )


def monday_of(night: date) -> date:
    """The Monday that starts a night's ISO week (§5: weeks are ISO weeks of night_of)."""
    return night - timedelta(days=night.weekday())


def iso_week(night: date) -> str:
    """The ISO week label of a night, e.g. 2027-W01 (§5)."""
    year, week, _ = night.isocalendar()
    return f"{year}-W{week:02d}"
