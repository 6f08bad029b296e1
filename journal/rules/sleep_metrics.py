"""Sleep-diary metrics: TIB, SOL, WASO, TST and SE (docs/definitions.md §4).

Consensus Sleep Diary definitions (Carney et al., SLEEP 2012;35(2):287–302; clinical-notes §2).
A metric exists only when every input it needs was entered in that night's diary: the profile's
usual schedule estimates windows, never metrics. Durations are elapsed minutes (§2), so a night
when the clocks change is an hour longer or shorter than its wall clocks suggest.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from journal.rules.nights import elapsed_minutes
from journal.rules.vocabulary import METRICS


@dataclass(frozen=True, slots=True)
class NightMetrics:
    """One night's metrics in minutes (SE in percent); None where an input was left blank."""

    tib: float | None
    tst: float | None
    se: float | None
    sol: float | None
    waso: float | None


@dataclass(frozen=True, slots=True)
class MeanMetrics:
    """Means over a period, each over the nights where that metric exists (§4); None if none."""

    tib: float | None
    tst: float | None
    se: float | None
    sol: float | None
    waso: float | None
    nights: int

    def as_json(self) -> dict:
        return {metric.json_key: getattr(self, metric.key) for metric in METRICS}


def night_metrics(
    got_into_bed: datetime | None,
    tried_to_sleep: datetime | None,
    minutes_to_fall_asleep: float | None,
    awake_minutes: float | None,
    final_wake: datetime | None,
    out_of_bed: datetime | None,
) -> NightMetrics:
    """A night's metrics by §4.

    - TIB = out of bed − got into bed
    - SOL = minutes to fall asleep; WASO = minutes awake in the night (0 is an entry, blank is not)
    - TST = (final wake − tried to sleep) − SOL − WASO, only when all four were entered
    - SE = TST / TIB × 100, only when TST exists and TIB is above 0
    """
    tib = None
    if got_into_bed is not None and out_of_bed is not None:
        tib = elapsed_minutes(got_into_bed, out_of_bed)
    sol = None if minutes_to_fall_asleep is None else float(minutes_to_fall_asleep)
    waso = None if awake_minutes is None else float(awake_minutes)
    tst = None
    if None not in (tried_to_sleep, final_wake, sol, waso):
        tst = elapsed_minutes(tried_to_sleep, final_wake) - sol - waso
    se = None
    if tst is not None and tib is not None and tib > 0:
        se = tst / tib * 100
    return NightMetrics(tib=tib, tst=tst, se=se, sol=sol, waso=waso)


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def mean_metrics(per_night: Iterable[NightMetrics]) -> MeanMetrics:
    """Means over the nights where each metric exists (§4: averages skip nights without it)."""
    columns = {name: [] for name in METRICS.keys}
    count = 0
    for metrics in per_night:
        count += 1
        for name, values in columns.items():
            value = getattr(metrics, name)
            if value is not None:
                values.append(value)
    return MeanMetrics(
        **{name: mean(values) for name, values in columns.items()},
        nights=count,
    )
