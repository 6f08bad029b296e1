"""The night page's hypnogram: the stages a device recorded, as bands over the night, with the
events and partner observations marked on it and the estimated windows beneath for comparison.

Only geometry, as plain values (the template templates/journal/_hypnogram.html draws it, the
way the charts are drawn, with presentation attributes and CSS classes, no inline styles). The
time axis is elapsed time, so on the night the clocks change an hour more or less of stages is
drawn as it was lived; the hour ticks follow the wall clock. The text beside it (a summary and
the night as a list) says the same for anyone who cannot see the picture.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from journal.rules.nights import NightSchedule
from journal.rules.stages import NightStages
from journal.rules.vocabulary import EVENT_KINDS, STAGES, WINDOWS
from journal.templatetags.nightjar_format import clock_time, duration, hour_tick

WIDTH = 340
LEFT = 50  # the stage names' column
RIGHT = 8
TOP = 16  # room for the events' letters above the bands
ROW = 20
AXIS = 16  # hour ticks under the bands
WINDOW_STRIP = 16
MARGIN = timedelta(minutes=20)
LETTER_GAP = 9
# Top to bottom as sleep medicine draws it: awake, REM, light, deep; the unscored rows below
# only when the night has them.
ROW_ORDER = ("awake", "rem", "light", "deep", "asleep", "in_bed")
FILLS = {  # presentation-attribute colours; static/css/nightjar.css sets them per theme
    "awake": "#d98b2b",
    "rem": "#9b6fd6",
    "light": "#5b9bd5",
    "deep": "#2f5fb3",
    "asleep": "#7a8799",
    "in_bed": "#b8bec8",
}
KIND_LETTERS = EVENT_KINDS.labels("letter")


@dataclass(frozen=True, slots=True)
class Band:
    x: float
    y: float
    width: float
    height: float
    stage: str
    fill: str
    title: str


@dataclass(frozen=True, slots=True)
class RowLabel:
    y: float
    text: str


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str  # "" for a tick without a label


@dataclass(frozen=True, slots=True)
class Mark:
    x: float
    letter_x: float
    letter: str
    is_partner: bool
    title: str

    @property
    def box_x(self) -> float:
        return round(self.letter_x - 5, 1)


@dataclass(frozen=True, slots=True)
class WindowSpan:
    x: float
    width: float
    key: str
    label: str  # drawn inside when it fits, else ""
    title: str


@dataclass(frozen=True, slots=True)
class Hypnogram:
    width: int
    height: int
    plot_top: int
    plot_bottom: int
    tick_y: int
    window_y: int
    window_height: int
    left: int
    right: int
    bands: tuple[Band, ...]
    rows: tuple[RowLabel, ...]
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    boundaries: tuple[float, ...]
    windows: tuple[WindowSpan, ...]
    source: str
    other_sources: tuple[str, ...]
    summary: str  # the stage totals in words
    pieces: tuple[str, ...]  # the night as a list: "23:10–23:40 Light"
    entries: tuple[str, ...]  # each event and observation with its recorded stage
    window_text: str  # the estimated windows in words


class Axis:
    """Instants to x: elapsed time from `start` to `end` across the plot."""

    def __init__(self, start: datetime, end: datetime):
        self.start, self.end = start, end
        self.span = (end - start).total_seconds()

    def x(self, instant: datetime) -> float:
        seconds = (instant.astimezone(UTC) - self.start).total_seconds()
        fraction = min(max(seconds / self.span, 0.0), 1.0)
        return round(LEFT + fraction * (WIDTH - LEFT - RIGHT), 1)


def drawn_span(stages: NightStages, schedule: NightSchedule) -> tuple[datetime, datetime]:
    """From a little before the earlier of lights-out and the first stage to a little after the
    later of the final wake and the last stage, inside the night's noon-to-noon span."""
    b0 = schedule.boundaries[0]
    first = min([b0, *(piece.start for piece in stages.pieces)])
    last = max([schedule.final_wake_utc, *(piece.end for piece in stages.pieces)])
    return max(first - MARGIN, stages.start), min(last + MARGIN, stages.end)


def hour_ticks(axis: Axis, tz: ZoneInfo, clock: str) -> tuple[Tick, ...]:
    """A tick at each wall-clock hour on the axis; labels every hour, or every other hour on a
    long night so that they do not crowd."""
    local = axis.start.astimezone(tz)
    hour = local.replace(minute=0, second=0, microsecond=0)
    moment = hour.astimezone(UTC)
    if moment < axis.start:
        moment += timedelta(hours=1)
    every = 1 if axis.span <= 14 * 3600 else 2
    ticks = []
    while moment <= axis.end:
        local_hour = moment.astimezone(tz).hour
        label = hour_tick(local_hour, clock) if local_hour % every == 0 else ""
        ticks.append(Tick(axis.x(moment), label))
        moment += timedelta(hours=1)
    return tuple(ticks)


def nudged_marks(placed: list[tuple[float, str, bool, str]]) -> tuple[Mark, ...]:
    """Letters in time order, each moved right just enough not to overlap the one before."""
    marks, next_free = [], 0.0
    for x, letter, is_partner, title in sorted(placed):
        letter_x = min(max(x, next_free), WIDTH - RIGHT - LETTER_GAP / 2)
        next_free = letter_x + LETTER_GAP
        marks.append(Mark(x, round(letter_x, 1), letter, is_partner, title))
    return tuple(marks)


def hypnogram(
    stages: NightStages, schedule: NightSchedule, items, tz: ZoneInfo, clock: str
) -> Hypnogram | None:
    """The night's hypnogram; None when the night has no recorded stages.

    `items` are the night's TimelineItems (review/timeline.py), labelled with their window and
    recorded stage.
    """
    if stages is None or not stages.pieces:
        return None

    def at(instant):
        return clock_time(instant.astimezone(tz), clock)

    axis = Axis(*drawn_span(stages, schedule))
    used = {piece.stage for piece in stages.pieces}
    rows = [stage for stage in ROW_ORDER if STAGES[stage].rank == 0 or stage in used]
    row_y = {stage: TOP + index * ROW for index, stage in enumerate(rows)}
    plot_bottom = TOP + len(rows) * ROW
    bands = tuple(
        Band(
            x=axis.x(piece.start),
            y=row_y[piece.stage] + 2,
            width=max(round(axis.x(piece.end) - axis.x(piece.start), 1), 0.6),
            height=ROW - 4,
            stage=piece.stage,
            fill=FILLS[piece.stage],
            title=f"{STAGES[piece.stage].short} {at(piece.start)}–{at(piece.end)}",
        )
        for piece in stages.pieces
    )
    marks = nudged_marks([mark_of(item, axis, at) for item in items])
    window_y = plot_bottom + AXIS
    return Hypnogram(
        width=WIDTH,
        height=window_y + WINDOW_STRIP + 2,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        tick_y=plot_bottom + AXIS - 4,
        window_y=window_y,
        window_height=WINDOW_STRIP - 2,
        left=LEFT,
        right=WIDTH - RIGHT,
        bands=bands,
        rows=tuple(RowLabel(row_y[stage] + ROW / 2 + 4, STAGES[stage].short) for stage in rows),
        ticks=hour_ticks(axis, tz, clock),
        marks=marks,
        boundaries=tuple(axis.x(b) for b in (*schedule.boundaries, schedule.final_wake_utc)),
        windows=window_spans(schedule, axis, at),
        source=stages.source,
        other_sources=tuple(stages.other_sources),
        summary=stage_summary(stages),
        pieces=tuple(
            f"{at(piece.start)}–{at(piece.end)} {STAGES[piece.stage].short}"
            for piece in stages.pieces
        ),
        entries=tuple(entry_text(item, at) for item in items),
        window_text=window_words(schedule, at),
    )


def mark_of(item, axis: Axis, at) -> tuple[float, str, bool, str]:
    entry = item.entry
    if item.kind == "partner":
        what, letter = "Partner saw something", "P"
    else:
        what, letter = EVENT_KINDS.label(entry.kind, "short"), KIND_LETTERS.get(entry.kind, "O")
    return axis.x(entry.instant), letter, item.kind == "partner", f"{what}, {at(entry.instant)}"


def window_spans(schedule: NightSchedule, axis: Axis, at) -> tuple[WindowSpan, ...]:
    """The four in-bed windows (§3) as spans of the strip under the axis."""
    b0, b1, b2, b3 = schedule.boundaries
    wake = schedule.final_wake_utc
    spans = []
    for key, start, end in (
        ("falling_asleep", b0, b1),
        ("early", b1, b2),
        ("middle", b2, b3),
        ("late", b3, wake),
    ):
        end = min(end, wake)
        x, right = axis.x(start), axis.x(end)
        width = round(max(right - x, 0.0), 1)
        short = WINDOWS[key].short
        label = key.replace("_", " ") if width >= 7 * len(key) else ""
        spans.append(WindowSpan(x, width, key, label, f"{short}: {at(start)}–{at(end)}"))
    return tuple(spans)


def stage_summary(stages: NightStages) -> str:
    """E.g. "Light 3 h 40 min, Deep 1 h 10 min, REM 1 h 45 min, Awake 25 min"."""
    time_in = stages.stage_time()
    parts = [
        f"{STAGES[stage].short} {duration(round(spent.total_seconds() / 60) * 60)}"
        for stage, spent in time_in.items()
        if spent
    ]
    return ", ".join(parts)


def entry_text(item, at) -> str:
    entry = item.entry
    what = (
        "Partner saw something"
        if item.kind == "partner"
        else EVENT_KINDS.label(entry.kind, "short")
    )
    stage = entry.recorded_stage_label or "no stage recorded"
    return f"{what} at {at(entry.instant)}: {stage}; window {WINDOWS[entry.window].short}"


def window_words(schedule: NightSchedule, at) -> str:
    b0, b1, b2, b3 = schedule.boundaries
    wake = schedule.final_wake_utc
    estimated = " (estimated from your usual times)" if schedule.estimated else ""
    return (
        f"Windows{estimated}: lights out {at(b0)}, falling asleep until {at(b1)}, early night "
        f"until {at(b2)}, middle until {at(b3)}, late night until the final wake at {at(wake)}."
    )
