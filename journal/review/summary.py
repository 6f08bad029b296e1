"""Period summaries (docs/definitions.md §5) and their JSON form (§6).

`summarize(PeriodInputs) -> Summary` is pure: it takes plain values (loaded by review/periods.py)
and knows nothing of requests or the ORM. The weekly review, the summary API and the doctor report
all read the same Summary, so they can never disagree.
"""

from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from operator import attrgetter
from typing import NamedTuple
from zoneinfo import ZoneInfo

from journal.rules import hints as hint_rules
from journal.rules import stages as stage_rules
from journal.rules.nights import (
    IN_BED_WINDOWS,
    NightSchedule,
    UsualSchedule,
    diary_schedule,
    iso_week,
    monday_of,
)
from journal.rules.sleep_metrics import MeanMetrics, NightMetrics, mean, mean_metrics, night_metrics
from journal.rules.vocabulary import (
    BODY_PARTS,
    EVENT_KINDS,
    METRICS,
    OBSERVATIONS,
    STAGES,
    WINDOWS,
)

# The evening-to-noon clock axis of the hour chart: everything from noon to 17:59 in one bucket
# (the night starts at noon by §1, but little happens then), then one bucket per hour.
HOUR_AXIS = (None, *range(18, 24), *range(0, 12))

# §5: the alcohol comparison needs at least this many nights on each side (clinical-notes §4).
ALCOHOL_MIN_NIGHTS = 3

HOUR = timedelta(hours=1)
_HOUR_INDEX = {hour: index for index, hour in enumerate(HOUR_AXIS) if hour is not None}


# The per-entry values are named tuples rather than frozen dataclasses: just as immutable, and
# made several times faster, which counts when a period holds tens of thousands of entries.
class EventInput(NamedTuple):
    """The columns of an Event that summaries, hints and red flags read."""

    occurred_at: datetime
    night_of: date
    kind: str
    body_parts: tuple[str, ...] = ()
    duration_seconds: int | None = None
    woke_me: bool = False
    consciousness_changed: bool | None = None
    tongue_bitten: bool | None = None
    injury: bool | None = None
    incontinence: bool | None = None
    confused_after: bool | None = None

    @property
    def instant(self) -> datetime:
        return self.occurred_at


class PartnerInput(NamedTuple):
    """The columns of a PartnerReport that summaries and red flags read."""

    observed_at: datetime
    night_of: date
    observations: tuple[str, ...] = ()
    duration_seconds: int | None = None

    @property
    def instant(self) -> datetime:
        return self.observed_at


@dataclass(frozen=True, slots=True)
class DiaryInput:
    """A night's diary (the morning check-in): the items the schedule and metrics use."""

    night_of: date
    got_into_bed: datetime | None = None
    tried_to_sleep: datetime | None = None
    minutes_to_fall_asleep: int | None = None
    awake_minutes: int | None = None
    final_wake: datetime | None = None
    out_of_bed: datetime | None = None
    alcohol_drinks: Decimal | None = None


@dataclass(frozen=True, slots=True)
class CheckinInput:
    """A daytime check-in: its day and the keys of the early signs ticked (§7)."""

    date: date
    signs: tuple[str, ...] = ()


@dataclass(frozen=True)
class PeriodInputs:
    """Everything a period summary needs, for nights first_night..last_night inclusive."""

    first_night: date
    last_night: date
    tz: ZoneInfo
    usual: UsualSchedule
    events: tuple[EventInput, ...] = ()
    partner_reports: tuple[PartnerInput, ...] = ()
    diaries: tuple[DiaryInput, ...] = ()
    checkins: tuple[CheckinInput, ...] = ()
    # Whether any jerking episode was recorded before first_night ("first ever" red flag).
    earlier_jerking_episode: bool = False
    # The recorded stages (§8) of the period's nights that have any segment, by night.
    stage_nights: dict[date, stage_rules.NightStages] = field(default_factory=dict)

    def narrowed(self, first_night: date, last_night: date) -> "PeriodInputs":
        """The same journal cut to a shorter period, so one load can serve several summaries."""
        earlier = self.earlier_jerking_episode or any(
            event.kind == "jerking_episode" and event.night_of < first_night
            for event in self.events
        )
        return replace(
            self,
            first_night=first_night,
            last_night=last_night,
            events=tuple(_within(self.events, first_night, last_night)),
            partner_reports=tuple(_within(self.partner_reports, first_night, last_night)),
            diaries=tuple(_within(self.diaries, first_night, last_night)),
            checkins=tuple(_within(self.checkins, first_night, last_night, "date")),
            earlier_jerking_episode=earlier,
            stage_nights={
                night: stages
                for night, stages in self.stage_nights.items()
                if first_night <= night <= last_night
            },
        )


def _within(entries, first: date, last: date, day: str = "night_of") -> list:
    """The entries whose night (or, with day="date", day) is in first..last, in their order."""
    day_of = attrgetter(day)
    return [entry for entry in entries if first <= day_of(entry) <= last]


class Placed(NamedTuple):
    """An event or partner report with its window (§3) and its night's alcohol (§5)."""

    entry: EventInput | PartnerInput
    window: str
    estimated: bool
    alcohol_drinks: Decimal | None


@dataclass(frozen=True, slots=True)
class WeekCounts:
    """One ISO week of a period (§5): only the period's nights in it are counted."""

    week: str
    monday: date
    nights_logged: int
    events: int
    nights_woken: int

    @property
    def events_per_logged_night(self) -> float | None:
        return self.events / self.nights_logged if self.nights_logged else None

    def as_json(self) -> dict:
        return {
            "week": self.week,
            "nights_logged": self.nights_logged,
            "events": self.events,
            "nights_woken": self.nights_woken,
        }


@dataclass(frozen=True, slots=True)
class AlcoholSide:
    nights: int
    events_per_night: float | None
    late_share: float | None

    def as_json(self) -> dict:
        return {
            "nights": self.nights,
            "events_per_night": self.events_per_night,
            "late_share": self.late_share,
        }


@dataclass(frozen=True, slots=True)
class AlcoholComparison:
    """Nights with drinks against nights with none (§5); figures only with enough nights."""

    enough_data: bool
    with_alcohol: AlcoholSide
    without_alcohol: AlcoholSide

    @property
    def more_with_needed(self) -> int:
        return max(0, ALCOHOL_MIN_NIGHTS - self.with_alcohol.nights)

    @property
    def more_without_needed(self) -> int:
        return max(0, ALCOHOL_MIN_NIGHTS - self.without_alcohol.nights)

    def as_json(self) -> dict:
        return {
            "enough_data": self.enough_data,
            "with": self.with_alcohol.as_json(),
            "without": self.without_alcohol.as_json(),
        }


@dataclass(frozen=True)
class Summary:
    first_night: date
    last_night: date
    nights_logged: int
    nights_with_diary: int
    events: int
    estimated_windows: int
    events_by_window: dict[str, int]
    events_by_kind: dict[str, int]
    events_by_body_part: dict[str, int]
    nights_woken: int
    sleep: MeanMetrics
    alcohol: AlcoholComparison
    partner_reports: int
    weeks: list[WeekCounts]
    hints: list[hint_rules.Hint]
    red_flags: list[hint_rules.RedFlag]
    # For the pages (not in §6): hour-of-night counts along HOUR_AXIS, partner observations by
    # kind and by window, and the check-in days on which a sign was ticked.
    events_by_hour: list[int] = field(default_factory=list)
    partner_observations: dict[str, int] = field(default_factory=dict)
    partner_by_window: dict[str, int] = field(default_factory=dict)
    checkin_days: int = 0
    checkins_with_signs: list[CheckinInput] = field(default_factory=list)
    nights: int = 0
    # §5 window exposure: elapsed hours of each in-bed window over the logged nights.
    window_hours: dict[str, float] = field(
        default_factory=lambda: dict.fromkeys(IN_BED_WINDOWS, 0.0)
    )
    # §8: events by recorded stage, hours in each stage, rates.
    recorded_stages: stage_rules.RecordedStages = field(
        default_factory=lambda: stage_rules.recorded_stages((), ())
    )

    @property
    def events_per_logged_night(self) -> float | None:
        """§5: events / nights logged, or None when no night was logged."""
        return self.events / self.nights_logged if self.nights_logged else None

    @property
    def events_per_hour_by_window(self) -> dict[str, float | None]:
        """§5: events in each in-bed window / its window_hours; None when the hours are 0."""
        return {
            key: self.events_by_window[key] / hours if hours else None
            for key, hours in self.window_hours.items()
        }

    def as_json(self) -> dict:
        """Exactly the keys of definitions §6; numbers unrounded, missing means null."""
        return {
            "from": self.first_night.isoformat(),
            "to": self.last_night.isoformat(),
            "nights_logged": self.nights_logged,
            "nights_with_diary": self.nights_with_diary,
            "events": self.events,
            "events_per_logged_night": self.events_per_logged_night,
            "estimated_windows": self.estimated_windows,
            "events_by_window": dict(self.events_by_window),
            "events_by_kind": dict(self.events_by_kind),
            "events_by_body_part": dict(self.events_by_body_part),
            "nights_woken": self.nights_woken,
            "sleep": self.sleep.as_json(),
            "alcohol": self.alcohol.as_json(),
            "window_hours": dict(self.window_hours),
            "events_per_hour_by_window": self.events_per_hour_by_window,
            "partner_reports": self.partner_reports,
            "weeks": [week.as_json() for week in self.weeks],
            "hints": [hint.as_json() for hint in self.hints],
            "red_flags": [flag.as_json() for flag in self.red_flags],
            "recorded_stages": self.recorded_stages.as_json(),
        }


def week_mondays(first_night: date, last_night: date) -> list[date]:
    """The Monday of every ISO week that overlaps first_night..last_night, in order (§5)."""
    monday = monday_of(first_night)
    mondays = []
    while monday <= last_night:
        mondays.append(monday)
        monday += timedelta(days=7)
    return mondays


def _alcohol_side(nights: set[date], placed_by_night: dict[date, list[Placed]]) -> AlcoholSide:
    night_events = [placed for night in nights for placed in placed_by_night.get(night, ())]
    late = sum(1 for placed in night_events if placed.window == "late")
    return AlcoholSide(
        nights=len(nights),
        events_per_night=len(night_events) / len(nights) if nights else None,
        late_share=late / len(night_events) if night_events else None,
    )


def alcohol_comparison(
    diaries: list[DiaryInput], placed_by_night: dict[date, list[Placed]]
) -> AlcoholComparison:
    """§5: nights whose diary records a drinks count (0 counts, blank does not), split at 0."""
    with_nights = {
        d.night_of for d in diaries if d.alcohol_drinks is not None and d.alcohol_drinks > 0
    }
    without_nights = {d.night_of for d in diaries if d.alcohol_drinks == 0}
    with_side = _alcohol_side(with_nights, placed_by_night)
    without_side = _alcohol_side(without_nights, placed_by_night)
    enough = with_side.nights >= ALCOHOL_MIN_NIGHTS and without_side.nights >= ALCOHOL_MIN_NIGHTS
    if not enough:
        with_side = AlcoholSide(with_side.nights, None, None)
        without_side = AlcoholSide(without_side.nights, None, None)
    return AlcoholComparison(enough, with_side, without_side)


class NightPlacer:
    """Places entries in their night's windows (§3), working out each night's schedule once."""

    def __init__(self, period: PeriodInputs, diary_by_night: dict[date, DiaryInput]):
        self.tz, self.usual = period.tz, period.usual
        self.diary_by_night = diary_by_night
        self.schedules: dict[date, NightSchedule] = {}

    def schedule(self, night: date) -> NightSchedule:
        if night not in self.schedules:
            diary = self.diary_by_night.get(night)
            self.schedules[night] = diary_schedule(night, self.tz, self.usual, diary)
        return self.schedules[night]

    def place(self, entry: EventInput | PartnerInput) -> Placed:
        schedule = self.schedule(entry.night_of)
        diary = self.diary_by_night.get(entry.night_of)
        return Placed(
            entry=entry,
            window=schedule.window_of(entry.instant),
            estimated=schedule.estimated,
            alcohol_drinks=diary.alcohol_drinks if diary else None,
        )


@dataclass
class EventCounts:
    """Events by window, kind, body part and hour of the night (§5), counted in one pass."""

    by_window: dict[str, int]
    by_kind: dict[str, int]
    by_part: Counter
    by_hour: list[int]


def count_events(placed_events: list[Placed], tz: ZoneInfo) -> EventCounts:
    by_window = dict.fromkeys(WINDOWS.keys, 0)
    by_kind = dict.fromkeys(EVENT_KINDS.keys, 0)
    by_part: Counter[str] = Counter()
    by_hour = [0] * len(HOUR_AXIS)
    hour_index = _HOUR_INDEX
    for placed in placed_events:
        by_window[placed.window] += 1
        by_kind[placed.entry.kind] = by_kind.get(placed.entry.kind, 0) + 1
        by_part.update(set(placed.entry.body_parts))
        by_hour[hour_index.get(placed.entry.occurred_at.astimezone(tz).hour, 0)] += 1
    return EventCounts(by_window, by_kind, by_part, by_hour)


def week_counts(
    first: date, last: date, logged: set[date], events: list[EventInput], woken: set[date]
) -> list[WeekCounts]:
    """Each ISO week of the period with its nights logged, events and nights woken (§5).

    Counted per Monday in one pass, so ten years of weeks cost no more than one.
    """
    logged_by_week = Counter(monday_of(night) for night in logged)
    events_by_week: Counter[date] = Counter()
    for night, count in Counter(e.night_of for e in events).items():
        events_by_week[monday_of(night)] += count
    woken_by_week = Counter(monday_of(night) for night in woken)
    return [
        WeekCounts(
            week=iso_week(monday),
            monday=monday,
            nights_logged=logged_by_week[monday],
            events=events_by_week[monday],
            nights_woken=woken_by_week[monday],
        )
        for monday in week_mondays(first, last)
    ]


def window_hours(placer: "NightPlacer", logged: set[date]) -> dict[str, float]:
    """§5: for each in-bed window, its elapsed hours summed over the logged nights, each night's
    schedule from its diary with the usual schedule filling the gaps (estimated values count)."""
    total = dict.fromkeys(IN_BED_WINDOWS, timedelta(0))
    for night in logged:
        for key, span in placer.schedule(night).window_spans().items():
            total[key] += span
    return {key: span / HOUR for key, span in total.items()}


def sleep_means(diaries: list[DiaryInput]) -> MeanMetrics:
    """§4 means over the period's diaries."""
    per_night: list[NightMetrics] = [
        night_metrics(
            d.got_into_bed,
            d.tried_to_sleep,
            d.minutes_to_fall_asleep,
            d.awake_minutes,
            d.final_wake,
            d.out_of_bed,
        )
        for d in diaries
    ]
    return mean_metrics(per_night)


def count_partner_reports(placed_reports: list[Placed]) -> tuple[Counter, dict[str, int]]:
    """What partners saw, by observation and by window."""
    observations: Counter[str] = Counter()
    by_window = dict.fromkeys(WINDOWS.keys, 0)
    for placed in placed_reports:
        observations.update(placed.entry.observations)
        by_window[placed.window] += 1
    return observations, by_window


def nights_of(entries) -> set[date]:
    return {entry.night_of for entry in entries}


def by_night(placed_events: list[Placed]) -> dict[date, list[Placed]]:
    placed_by_night: dict[date, list[Placed]] = {}
    for placed in placed_events:
        placed_by_night.setdefault(placed.entry.night_of, []).append(placed)
    return placed_by_night


# --- Per-night figures -------------------------------------------------------------------------
#
# A summary is the sum of its nights' figures: every count below adds up night by night, so the
# figures of each night can be worked out once, stored (journal.figures keeps them current on every
# write) and a period of ten years read as one sum. `summarize` works the same figures out from the
# loaded entries, so both ways give the same summary by construction.

WINDOW_COLUMNS = {key: f"w_{key}" for key in WINDOWS.keys}
KIND_COLUMNS = {key: f"k_{key}" for key in EVENT_KINDS.keys}
PART_COLUMNS = {key: f"p_{key}" for key in BODY_PARTS.keys}
OBSERVATION_COLUMNS = {key: f"o_{key}" for key in OBSERVATIONS.keys}
PARTNER_WINDOW_COLUMNS = {key: f"pw_{key}" for key in WINDOWS.keys}
HOUR_COLUMNS = tuple(f"h_{index}" for index in range(len(HOUR_AXIS)))
STAGE_EVENT_COLUMNS = {key: f"es_{key}" for key in STAGES.keys}
# Elapsed time in whole microseconds (exact sums; hours = microseconds / MICROS_PER_HOUR).
SPAN_COLUMNS = {key: f"span_{key}" for key in IN_BED_WINDOWS}
STAGE_TIME_COLUMNS = {key: f"st_{key}" for key in STAGES.keys}
MICROS_PER_HOUR = 3_600_000_000
NIGHT_COLUMNS = ("logged", "diary", "woken", "has_stages", "events", "estimated", "partner_reports")
# Every column that adds up over nights: small counts, then microseconds.
COUNT_COLUMNS = (
    *NIGHT_COLUMNS,
    *WINDOW_COLUMNS.values(),
    *KIND_COLUMNS.values(),
    *PART_COLUMNS.values(),
    *OBSERVATION_COLUMNS.values(),
    *PARTNER_WINDOW_COLUMNS.values(),
    *HOUR_COLUMNS,
    *STAGE_EVENT_COLUMNS.values(),
    *hint_rules.NIGHT_TALLY_FIELDS,
)
MICROS_COLUMNS = (*SPAN_COLUMNS.values(), *STAGE_TIME_COLUMNS.values())
METRIC_COLUMNS = METRICS.keys
# The alcohol comparison's sums (§5) over nights whose diary records drinks (with) or 0 (without).
ALCOHOL_SUMS = (
    "with_nights",
    "with_events",
    "with_late",
    "without_nights",
    "without_events",
    "without_late",
)


_FLAG_ORDER = {code: index for index, code in enumerate(hint_rules.RED_FLAG_RULES)}


def _micros(span: timedelta) -> int:
    return span // timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class NightFigures:
    """One night's figures: `counts` holds the COUNT_COLUMNS and MICROS_COLUMNS that are not 0;
    `alcohol` is 1 (drinks), 0 (none) or None (blank or no diary); `metrics` the diary's §4
    metrics (None without a diary); `flags` the red flags its entries raise by themselves, as
    (code, UTC instant); `first_jerking` the instant of its first jerking episode."""

    night_of: date
    counts: dict[str, int]
    alcohol: int | None
    metrics: NightMetrics | None
    flags: tuple[tuple[str, datetime], ...]
    first_jerking: datetime | None


def night_figures(
    night: date,
    tz: ZoneInfo,
    usual: UsualSchedule,
    events: list[EventInput],
    reports: list[PartnerInput],
    diary: DiaryInput | None,
    stages: stage_rules.NightStages | None,
) -> NightFigures:
    """The figures of one night from its entries (events and reports in time order), its diary
    and its recorded stages, by the rules of §3–§5 and §8."""
    schedule = diary_schedule(night, tz, usual, diary)
    drinks = diary.alcohol_drinks if diary else None
    window_of, estimated = schedule.window_of, schedule.estimated
    placed_events = [Placed(e, window_of(e.occurred_at), estimated, drinks) for e in events]
    placed_reports = [Placed(r, window_of(r.observed_at), estimated, drinks) for r in reports]
    event_counts = count_events(placed_events, tz)
    observations, partner_by_window = count_partner_reports(placed_reports)
    logged = bool(diary is not None or events or reports)
    tally = hint_rules.tally(
        hint_rules.PeriodFacts(placed_events, placed_reports, (), 0, 0, False, tz)
    )
    found = [
        ("logged", int(logged)),
        ("diary", int(diary is not None)),
        ("woken", int(any(e.woke_me for e in events))),
        ("events", len(events)),
        ("estimated", len(events) if estimated else 0),
        ("partner_reports", len(reports)),
        *((WINDOW_COLUMNS[key], count) for key, count in event_counts.by_window.items()),
        *((PARTNER_WINDOW_COLUMNS[key], count) for key, count in partner_by_window.items()),
        *((column, event_counts.by_kind.get(key, 0)) for key, column in KIND_COLUMNS.items()),
        *((column, event_counts.by_part.get(key, 0)) for key, column in PART_COLUMNS.items()),
        *((column, observations.get(key, 0)) for key, column in OBSERVATION_COLUMNS.items()),
        *zip(HOUR_COLUMNS, event_counts.by_hour, strict=True),
        *((name, getattr(tally, name)) for name in hint_rules.NIGHT_TALLY_FIELDS),
    ]
    if logged:
        found += (
            (SPAN_COLUMNS[key], _micros(span)) for key, span in schedule.window_spans().items()
        )
    if stages is not None and stages.source is not None:
        found.append(("has_stages", 1))
        found += ((STAGE_TIME_COLUMNS[key], _micros(t)) for key, t in stages.stage_time().items())
        by_stage = Counter(stages.stage_at(event.occurred_at) for event in events)
        found += ((STAGE_EVENT_COLUMNS[key], n) for key, n in by_stage.items() if key is not None)
    # Only what is not 0: most of a night's counts are (a missing column counts 0).
    counts = {name: value for name, value in found if value}
    flags = [(code, e.occurred_at) for e in events for code in hint_rules.event_flag_codes(e)]
    flags += [(code, r.observed_at) for r in reports for code in hint_rules.partner_flag_codes(r)]
    jerking = [e.occurred_at for e in events if e.kind == "jerking_episode"]
    return NightFigures(
        night_of=night,
        counts=counts,
        alcohol=None if drinks is None else int(drinks > 0),
        metrics=None if diary is None else sleep_metrics_of(diary),
        # In time order, an entry's flags in the order of the rules (as red_flags lists them).
        flags=tuple(
            sorted(
                ((code, instant.astimezone(UTC)) for code, instant in flags),
                key=lambda flag: (flag[1], _FLAG_ORDER[flag[0]]),
            )
        ),
        first_jerking=min(jerking).astimezone(UTC) if jerking else None,
    )


def sleep_metrics_of(diary: DiaryInput) -> NightMetrics:
    return night_metrics(
        diary.got_into_bed,
        diary.tried_to_sleep,
        diary.minutes_to_fall_asleep,
        diary.awake_minutes,
        diary.final_wake,
        diary.out_of_bed,
    )


@dataclass(frozen=True)
class FigureTotals:
    """A period's nights' figures added up: `counts` the sums of COUNT_COLUMNS and
    MICROS_COLUMNS, `alcohol` the ALCOHOL_SUMS, `weeks` (nights logged, events, nights woken)
    by Monday, each §4 metric's values in night order, every red flag and the first jerking
    episode's instant."""

    counts: dict[str, int]
    alcohol: dict[str, int]
    weeks: dict[date, tuple[int, int, int]]
    metric_values: dict[str, list[float]]
    flags: list[tuple[str, datetime]]
    first_jerking: datetime | None


def totals_of(figures: list[NightFigures]) -> FigureTotals:
    """The totals of nights' figures (journal.figures sums the stored ones in SQL the same way)."""
    figures = sorted(figures, key=attrgetter("night_of"))
    counts = dict.fromkeys((*COUNT_COLUMNS, *MICROS_COLUMNS), 0)
    alcohol = dict.fromkeys(ALCOHOL_SUMS, 0)
    weeks: dict[date, tuple[int, int, int]] = {}
    metric_values: dict[str, list[float]] = {name: [] for name in METRIC_COLUMNS}
    for night in figures:
        got = night.counts.get
        for name, value in night.counts.items():
            counts[name] += value
        if night.alcohol is not None:
            side = "with" if night.alcohol else "without"
            alcohol[f"{side}_nights"] += 1
            alcohol[f"{side}_events"] += got("events", 0)
            alcohol[f"{side}_late"] += got("w_late", 0)
        monday = monday_of(night.night_of)
        logged, events, woken = weeks.get(monday, (0, 0, 0))
        weeks[monday] = (
            logged + got("logged", 0),
            events + got("events", 0),
            woken + got("woken", 0),
        )
        if night.metrics is not None:
            for name, values in metric_values.items():
                if (value := getattr(night.metrics, name)) is not None:
                    values.append(value)
    jerking = [night.first_jerking for night in figures if night.first_jerking is not None]
    return FigureTotals(
        counts=counts,
        alcohol=alcohol,
        weeks=weeks,
        metric_values=metric_values,
        flags=[flag for night in figures for flag in night.flags],
        first_jerking=min(jerking, default=None),
    )


def _side(nights: int, events: int, late: int) -> AlcoholSide:
    return AlcoholSide(
        nights=nights,
        events_per_night=events / nights if nights else None,
        late_share=late / events if events else None,
    )


def _most_common(counts: dict[str, int], columns: dict[str, str]) -> dict[str, int]:
    """The keys counted at least once, most first (ties in vocabulary order)."""
    found = [(key, counts[column]) for key, column in columns.items() if counts[column]]
    return dict(sorted(found, key=lambda item: -item[1]))


def summary_from_totals(
    first: date,
    last: date,
    tz: ZoneInfo,
    totals: FigureTotals,
    checkins: list[CheckinInput],
    earlier_jerking_episode: bool,
) -> Summary:
    """The summary of nights first..last (§5) from their figures' totals and the check-ins."""
    c, a = totals.counts, totals.alcohol
    with_side = _side(a["with_nights"], a["with_events"], a["with_late"])
    without_side = _side(a["without_nights"], a["without_events"], a["without_late"])
    enough = with_side.nights >= ALCOHOL_MIN_NIGHTS and without_side.nights >= ALCOHOL_MIN_NIGHTS
    if not enough:
        with_side = AlcoholSide(with_side.nights, None, None)
        without_side = AlcoholSide(without_side.nights, None, None)
    weeks = []
    for monday in week_mondays(first, last):
        logged, events, woken = totals.weeks.get(monday, (0, 0, 0))
        weeks.append(WeekCounts(iso_week(monday), monday, logged, events, woken))
    checkins = sorted(checkins, key=attrgetter("date"))
    tally = hint_rules.HintTally(
        events=c["events"],
        late=c["w_late"],
        twitches=c["k_twitch"],
        urges=c["k_restless_urge"],
        nights_logged=c["logged"],
        nights_woken=c["woken"],
        checkins=checkins,
        **{name: c[name] for name in hint_rules.NIGHT_TALLY_FIELDS},
    )
    flags = list(totals.flags)
    if totals.first_jerking is not None and not earlier_jerking_episode:
        flags.append(("first_jerking_episode", totals.first_jerking))
    flags.sort(key=lambda flag: (flag[1], _FLAG_ORDER[flag[0]]))
    stage_events = {key: c[column] for key, column in STAGE_EVENT_COLUMNS.items()}
    return Summary(
        first_night=first,
        last_night=last,
        nights_logged=c["logged"],
        nights_with_diary=c["diary"],
        events=c["events"],
        estimated_windows=c["estimated"],
        events_by_window={key: c[column] for key, column in WINDOW_COLUMNS.items()},
        events_by_kind={key: c[column] for key, column in KIND_COLUMNS.items()},
        events_by_body_part=_most_common(c, PART_COLUMNS),
        nights_woken=c["woken"],
        # §4 means, each over the nights with that metric, added up in night order.
        sleep=MeanMetrics(
            **{name: mean(values) for name, values in totals.metric_values.items()},
            nights=c["diary"],
        ),
        alcohol=AlcoholComparison(enough, with_side, without_side),
        partner_reports=c["partner_reports"],
        weeks=weeks,
        hints=hint_rules.pattern_hints(tally),
        red_flags=[
            hint_rules.RedFlag(code, hint_rules.RED_FLAG_RULES[code].title, when.astimezone(tz))
            for code, when in flags
        ],
        events_by_hour=[c[column] for column in HOUR_COLUMNS],
        partner_observations=_most_common(c, OBSERVATION_COLUMNS),
        partner_by_window={key: c[column] for key, column in PARTNER_WINDOW_COLUMNS.items()},
        checkin_days=len(checkins),
        checkins_with_signs=[checkin for checkin in checkins if checkin.signs],
        nights=(last - first).days + 1,
        window_hours={key: c[column] / MICROS_PER_HOUR for key, column in SPAN_COLUMNS.items()},
        recorded_stages=stage_rules.RecordedStages(
            nights_with_stages=c["has_stages"],
            events_with_stage=sum(stage_events.values()),
            events_by_stage=stage_events,
            stage_hours={
                key: c[column] / MICROS_PER_HOUR for key, column in STAGE_TIME_COLUMNS.items()
            },
        ),
    )


def group_by_night(entries) -> dict[date, list]:
    """Entries by night_of, each night's in the given order."""
    grouped: dict[date, list] = {}
    for entry in entries:
        grouped.setdefault(entry.night_of, []).append(entry)
    return grouped


def period_figures(period: PeriodInputs, first: date, last: date) -> list[NightFigures]:
    """The figures of every night first..last with an entry or recorded stages, in night order."""
    events = group_by_night(
        sorted(_within(period.events, first, last), key=attrgetter("occurred_at"))
    )
    reports = group_by_night(
        sorted(_within(period.partner_reports, first, last), key=attrgetter("observed_at"))
    )
    diaries = {d.night_of: d for d in _within(period.diaries, first, last)}
    stages = {night: s for night, s in period.stage_nights.items() if first <= night <= last}
    return [
        night_figures(
            night,
            period.tz,
            period.usual,
            events.get(night, []),
            reports.get(night, []),
            diaries.get(night),
            stages.get(night),
        )
        for night in sorted({*events, *reports, *diaries, *stages})
    ]


def summarize(period: PeriodInputs) -> Summary:
    """The summary of a period of nights (definitions §5), from already-loaded inputs: the sum of
    its nights' figures.

    Entries outside first_night..last_night are ignored, so callers may pass a wider load.
    """
    first, last = period.first_night, period.last_night
    return summary_from_totals(
        first,
        last,
        period.tz,
        totals_of(period_figures(period, first, last)),
        _within(period.checkins, first, last, "date"),
        period.earlier_jerking_episode,
    )
