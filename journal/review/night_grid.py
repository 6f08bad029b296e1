"""The night grid of the doctor report: one row per night on an 18:00-to-12:00 clock axis.

Modelled on the AASM two-week sleep diary: the time in bed and the time asleep as bars, each event
as a letter for its kind, partner observations as a separate mark, so it reads in black and white.
Each logged night also shows the boundaries of its windows (definitions §3: lights-out, 20 minutes
after sleep onset, the thirds of the sleep period, the final wake), and a night with recorded
stages (§8) a strip of them under the bars, so the estimate and the device can be compared.
Pure: it takes plain values and returns positions as fractions of the axis.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from journal.rules import nights
from journal.rules.vocabulary import EVENT_KINDS

AXIS_START = time(18, 0)
AXIS_HOURS = 18
HOUR_TICKS = tuple(range(18, 24)) + tuple(range(0, 13))

# A letter a doctor can read on a black-and-white printout.
KIND_MARKS = EVENT_KINDS.labels("letter")


@dataclass(frozen=True)
class Mark:
    position: float
    letter: str
    kind: str
    at: datetime


@dataclass(frozen=True)
class Span:
    start: float
    end: float

    @property
    def width(self):
        return max(self.end - self.start, 0.0)


@dataclass(frozen=True)
class StageBand:
    """A span of one recorded stage on the axis (§8: the chosen source's stage there)."""

    start: float
    end: float
    stage: str

    @property
    def width(self):
        return max(self.end - self.start, 0.0)


@dataclass
class GridRow:
    night_of: date
    in_bed: Span | None = None
    asleep: Span | None = None
    events: list[Mark] = field(default_factory=list)
    partner: list[Mark] = field(default_factory=list)
    drinks: float | None = None
    has_diary: bool = False
    # The windows' boundaries b0..b3 and W (§3), and whether the usual schedule filled a gap.
    boundaries: tuple[float, ...] = ()
    boundaries_estimated: bool = False
    stages: list[StageBand] = field(default_factory=list)


def axis_position(night: date, instant: datetime, tz) -> float:
    """Where an instant sits on the night's axis, 0 at 18:00 and 1 at 12:00 next day, clamped.

    Positions are by wall clock, so a night on which the clocks change still spans the same axis.
    """
    local = instant.astimezone(tz).replace(tzinfo=None)
    start = datetime.combine(night, AXIS_START)
    hours = (local - start) / timedelta(hours=1)
    return min(max(hours / AXIS_HOURS, 0.0), 1.0)


def span(night: date, start: datetime | None, end: datetime | None, tz) -> Span | None:
    if start is None or end is None:
        return None
    return Span(axis_position(night, start, tz), axis_position(night, end, tz))


def window_boundaries(night: date, schedule: nights.NightSchedule, tz) -> tuple[float, ...]:
    """Where the night's window boundaries fall on the axis: b0 (lights-out), b1, b2, b3, W."""
    return tuple(
        axis_position(night, instant, tz) for instant in (*schedule.boundaries, schedule.final_wake)
    )


def stage_bands(night: date, pieces, tz) -> list[StageBand]:
    """The recorded stages (rules.stages.Piece, in time order) placed on the axis; pieces that
    fall outside 18:00–12:00 are left out, as events there are clamped to the edge."""
    bands = []
    for piece in pieces:
        band = StageBand(
            axis_position(night, piece.start, tz), axis_position(night, piece.end, tz), piece.stage
        )
        if band.width > 0:
            bands.append(band)
    return bands


def grid_row(
    night: date, tz, diary=None, events=(), partner_times=(), schedule=None, pieces=()
) -> GridRow:
    """One night's row. `diary` is a Night (or None); `events` are (instant, kind) pairs;
    `schedule` the night's NightSchedule (§2) when its windows are to be drawn; `pieces` its
    recorded stages (rules.stages.NightStages.pieces)."""
    row = GridRow(night_of=night)
    if schedule is not None:
        row.boundaries = window_boundaries(night, schedule, tz)
        row.boundaries_estimated = schedule.estimated
    row.stages = stage_bands(night, pieces, tz)
    if diary is not None:
        row.has_diary = True
        row.in_bed = span(night, diary.got_into_bed or diary.tried_to_sleep, diary.out_of_bed, tz)
        if diary.tried_to_sleep and diary.final_wake:
            onset = nights.add_minutes(diary.tried_to_sleep, diary.minutes_to_fall_asleep or 0)
            row.asleep = span(night, onset, diary.final_wake, tz)
        if diary.alcohol_drinks is not None:
            row.drinks = float(diary.alcohol_drinks)
    row.events = [
        Mark(axis_position(night, at, tz), KIND_MARKS.get(kind, "O"), kind, at)
        for at, kind in sorted(events)
    ]
    row.partner = [
        Mark(axis_position(night, at, tz), "P", "partner", at) for at in sorted(partner_times)
    ]
    return row


def tick_positions():
    """(label, fraction) for each hour on the axis, 18 … 12."""
    return [(f"{hour:02d}", index / AXIS_HOURS) for index, hour in enumerate(HOUR_TICKS)]
