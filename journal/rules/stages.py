"""Recorded sleep stages: which source counts on a night, the stage recorded at an instant, the
hours spent in each stage, and the period figures of docs/definitions.md §8.

Pure functions over aware datetimes and plain values; nothing here knows about requests or the
ORM. A night's recorded stages are worked out once, as a timeline of pieces (each a span of time
with one recorded stage), by sweeping the boundaries of its segments: between two consecutive
boundaries no segment starts or ends, so §8's rule gives the same stage at every instant of the
span and needs applying only once there. The pieces then answer "which stage at 03:12?" by binary
search and "how long in deep sleep?" by adding up.
"""

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import NamedTuple
from zoneinfo import ZoneInfo

from journal.rules import nights
from journal.rules.vocabulary import STAGES

# §8: the stages whose time decides which source counts on a night (not "in bed").
SOURCE_DECIDING = frozenset(stage.key for stage in STAGES if stage.key != "in_bed")
_RANK = {stage.key: stage.rank for stage in STAGES}
_ORDER = {key: index for index, key in enumerate(STAGES.keys)}
_HOUR = timedelta(hours=1)


class Segment(NamedTuple):
    """A span of one stage as a source recorded it (§8): start < end, both aware."""

    start: datetime
    end: datetime
    stage: str
    source: str

    @property
    def duration(self) -> timedelta:
        """Elapsed time, whatever the wall clocks did in between."""
        return elapsed(self.start, self.end)


class Piece(NamedTuple):
    """A span of a night's timeline (UTC instants, start < end) with one recorded stage."""

    start: datetime
    end: datetime
    stage: str

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


def elapsed(start: datetime, end: datetime) -> timedelta:
    """Elapsed time from start to end (two aware datetimes sharing a zone compare wall clocks in
    Python, so both go to UTC first)."""
    return end.astimezone(UTC) - start.astimezone(UTC)


def chosen_source(segments: Iterable[Segment]) -> str | None:
    """The one source that counts on a night (§8), among those with any segment that night.

    The source whose awake, light, deep, REM and asleep segments add up to the most time (as they
    are: overlaps included, elapsed, not rounded; "in bed" does not count, but a source with only
    "in bed" still takes part). A tie goes to the name that sorts first compared
    case-insensitively, then as written. None when there are no segments.
    """
    totals: dict[str, timedelta] = {}
    for segment in segments:
        total = totals.setdefault(segment.source, timedelta(0))
        if segment.stage in SOURCE_DECIDING:
            totals[segment.source] = total + segment.duration
    if not totals:
        return None
    return min(totals, key=lambda source: (-totals[source], source.casefold(), source))


def preference(segment: Segment) -> tuple:
    """Sorts first the segment whose stage is recorded where several cover an instant (§8): the
    most specific (scored stages, then "asleep", then "in bed"); between two of the same rank the
    later start, then the later end, then the stage first in the order awake, light, deep, REM."""
    start, end = segment.start.astimezone(UTC), segment.end.astimezone(UTC)
    return (_RANK[segment.stage], -_micros(start), -_micros(end), _ORDER[segment.stage])


def _micros(instant: datetime) -> int:
    return (instant - EPOCH) // timedelta(microseconds=1)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def stage_at_instant(segments: Iterable[Segment], instant: datetime) -> Segment | None:
    """The segment whose stage is recorded at `instant`, straight from §8's wording: among the
    segments with start ≤ t < end, the preferred one. The caller passes one night's segments of
    its chosen source and an instant inside that night (see NightStages.stage_at, which also
    stops a segment at the night's end)."""
    moment = instant.astimezone(UTC)
    covering = [s for s in segments if s.start.astimezone(UTC) <= moment < s.end.astimezone(UTC)]
    return min(covering, key=preference, default=None)


def timeline(segments: Iterable[Segment], start: datetime, end: datetime) -> list[Piece]:
    """The recorded stage over [start, end) as pieces in time order, by sweeping boundaries.

    Each segment is cut to the span. Between two consecutive boundaries (segment starts and
    ends) the same segments cover every instant, so the preferred one among them
    (`preference`) holds for the whole piece. Neighbouring pieces of one stage are joined;
    instants no segment covers are left out. When no two segments overlap (a source's usual
    record) the sweep would give back the segments themselves, so they are only joined.
    """
    span_start, span_end = start.astimezone(UTC), end.astimezone(UTC)
    clipped = []
    for segment in segments:
        piece_start = max(segment.start.astimezone(UTC), span_start)
        piece_end = min(segment.end.astimezone(UTC), span_end)
        if piece_start < piece_end:
            clipped.append((piece_start, piece_end, segment))
    clipped.sort(key=lambda s: s[0])
    if all(a[1] <= b[0] for a, b in zip(clipped, clipped[1:], strict=False)):
        # No two segments overlap (one source's usual record): each instant has at most one
        # covering segment, so the sweep would give back the segments themselves, joined.
        return _joined((piece_start, piece_end, s.stage) for piece_start, piece_end, s in clipped)
    cut = [(a, b, preference(s), s.stage) for a, b, s in clipped]
    boundaries = sorted({moment for s in cut for moment in (s[0], s[1])})
    spans = []
    active: list[tuple] = []
    waiting = 0
    for left, right in zip(boundaries, boundaries[1:], strict=False):
        active = [s for s in active if s[1] > left]
        while waiting < len(cut) and cut[waiting][0] <= left:
            active.append(cut[waiting])
            waiting += 1
        if not active:
            continue
        spans.append((left, right, min(active, key=lambda s: s[2])[3]))
    return _joined(spans)


def _joined(spans: Iterable[tuple[datetime, datetime, str]]) -> list[Piece]:
    """Pieces from (start, end, stage) spans in time order, neighbours of one stage joined."""
    pieces: list[Piece] = []
    for left, right, stage in spans:
        if pieces and pieces[-1].end == left and pieces[-1].stage == stage:
            pieces[-1] = Piece(pieces[-1].start, right, stage)
        else:
            pieces.append(Piece(left, right, stage))
    return pieces


@dataclass(frozen=True)
class NightStages:
    """One night's recorded stages (§8): every source's segments, the source that counts, and
    the timeline of its recorded stage over the night's noon-to-noon span."""

    night_of: date
    start: datetime  # the night's span (§1), in UTC
    end: datetime
    segments: tuple[Segment, ...]
    source: str | None
    pieces: tuple[Piece, ...]

    @cached_property
    def _starts(self) -> tuple[datetime, ...]:
        return tuple(piece.start for piece in self.pieces)

    @property
    def used(self) -> tuple[Segment, ...]:
        """The chosen source's segments (the others are kept and shown, not used)."""
        return tuple(s for s in self.segments if s.source == self.source)

    @property
    def other_sources(self) -> list[str]:
        """The sources with segments this night that do not count, in name order."""
        others = {s.source for s in self.segments} - {self.source}
        return sorted(others, key=lambda source: (source.casefold(), source))

    def stage_at(self, instant: datetime) -> str | None:
        """The recorded stage at an instant of this night (§8), or None when no segment of the
        chosen source covers it, or when the instant is outside the night's span."""
        moment = instant.astimezone(UTC)
        index = bisect_right(self._starts, moment) - 1
        if index < 0 or not (self.start <= moment < self.end):
            return None
        piece = self.pieces[index]
        return piece.stage if moment < piece.end else None

    def stage_time(self) -> dict[str, timedelta]:
        """Elapsed time in each recorded stage over the night (every stage, zeros included)."""
        totals = dict.fromkeys(STAGES.keys, timedelta(0))
        for piece in self.pieces:
            totals[piece.stage] += piece.duration
        return totals

    @property
    def covered(self) -> timedelta:
        """How much of the night has a recorded stage."""
        return sum((piece.duration for piece in self.pieces), timedelta(0))


def night_stages(night: date, tz: ZoneInfo, segments: Iterable[Segment]) -> NightStages:
    """A night's recorded stages from its segments (those whose start belongs to it, §8)."""
    start, end = (moment.astimezone(UTC) for moment in nights.night_span(night, tz))
    segments = tuple(sorted(segments, key=lambda s: (s.start, s.end, s.source, s.stage)))
    source = chosen_source(segments)
    used = [s for s in segments if s.source == source]
    return NightStages(
        night_of=night,
        start=start,
        end=end,
        segments=segments,
        source=source,
        pieces=tuple(timeline(used, start, end)),
    )


def by_night(segments: Iterable[Segment], tz: ZoneInfo) -> dict[date, NightStages]:
    """Segments grouped on the night of their start (§8, §1), each night worked out."""
    grouped: dict[date, list[Segment]] = {}
    for segment in segments:
        grouped.setdefault(nights.night_of(segment.start, tz), []).append(segment)
    return {night: night_stages(night, tz, group) for night, group in sorted(grouped.items())}


@dataclass(frozen=True)
class RecordedStages:
    """The period figures of §8 (`recorded_stages` in the summary JSON)."""

    nights_with_stages: int
    events_with_stage: int
    events_by_stage: dict[str, int]
    stage_hours: dict[str, float]

    @property
    def events_per_hour_by_stage(self) -> dict[str, float | None]:
        """Events in each stage per hour recorded in it; None when it has no hours."""
        return {
            stage: self.events_by_stage[stage] / hours if hours else None
            for stage, hours in self.stage_hours.items()
        }

    def as_json(self) -> dict:
        """Exactly the keys of §8; every stage listed, numbers unrounded, null for no rate."""
        return {
            "nights_with_stages": self.nights_with_stages,
            "events_with_stage": self.events_with_stage,
            "events_by_stage": dict(self.events_by_stage),
            "stage_hours": dict(self.stage_hours),
            "events_per_hour_by_stage": self.events_per_hour_by_stage,
        }


def event_stages(nights_by_date: dict[date, NightStages], entries: Iterable) -> Iterator:
    """(entry, recorded stage or None) for entries with `night_of` and `instant` (§8: at the
    entry's instant, on its own night)."""
    for entry in entries:
        night = nights_by_date.get(entry.night_of)
        yield entry, night.stage_at(entry.instant) if night else None


def recorded_stages(period_nights: Iterable[NightStages], events: Iterable) -> RecordedStages:
    """§8's figures for a period: `period_nights` are the period's nights with segments (from
    `by_night`), `events` the period's events (anything with `night_of` and `instant`, such as
    review.summary.EventInput). Partner reports add nothing here (§8)."""
    nights_by_date = {n.night_of: n for n in period_nights if n.source is not None}
    by_stage = dict.fromkeys(STAGES.keys, 0)
    for _, stage in event_stages(nights_by_date, events):
        if stage is not None:
            by_stage[stage] += 1
    time_in = dict.fromkeys(STAGES.keys, timedelta(0))
    for night in nights_by_date.values():
        for stage, spent in night.stage_time().items():
            time_in[stage] += spent
    return RecordedStages(
        nights_with_stages=len(nights_by_date),
        events_with_stage=sum(by_stage.values()),
        events_by_stage=by_stage,
        stage_hours={stage: spent / _HOUR for stage, spent in time_in.items()},
    )
