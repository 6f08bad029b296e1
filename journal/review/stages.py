"""Glue between stored stage segments and the pure rules of recorded stages (rules/stages.py).

One query loads the segments of a set of nights; the rules work out each night's source and
timeline; `label_stages` gives events and partner reports the stage recorded at their instant,
as `label_windows` (review/schedules.py) gives them their window.
"""

from collections.abc import Iterable
from datetime import date

from journal.models import StageSegment
from journal.rules import stages
from journal.rules.vocabulary import STAGES

SEGMENT_FIELDS = ("night_of", "start", "end", "stage", "source")


def _grouped(user, rows) -> dict[date, stages.NightStages]:
    by_night: dict[date, list[stages.Segment]] = {}
    for night, *segment in rows:
        by_night.setdefault(night, []).append(stages.Segment(*segment))
    tz = user.tz
    return {night: stages.night_stages(night, tz, group) for night, group in by_night.items()}


def nights_stages(user, night_dates: Iterable[date]) -> dict[date, stages.NightStages]:
    """The recorded stages of these nights that have any (one query), by night."""
    rows = (
        StageSegment.objects.for_user(user)
        .filter(night_of__in=set(night_dates))
        .order_by()
        .values_list(*SEGMENT_FIELDS)
    )
    return _grouped(user, rows)


def period_stages(user, first: date, last: date) -> dict[date, stages.NightStages]:
    """The recorded stages of nights first..last (inclusive) that have any (one query)."""
    rows = (
        StageSegment.objects.for_user(user)
        .filter(night_of__range=(first, last))
        .order_by()
        .values_list(*SEGMENT_FIELDS)
    )
    return _grouped(user, rows)


def label_stages(user, entries: Iterable, nights_by_date=None) -> dict[date, stages.NightStages]:
    """Give each Event or PartnerReport the stage recorded at its instant on its night (§8):
    `recorded_source` (the night's chosen source, "" when the night has no stages),
    `recorded_stage` (a key of vocabulary.STAGES, None when no segment covers the instant) and
    `recorded_stage_label`. Loads the nights' segments unless given; returns them by night."""
    entries = list(entries)
    if nights_by_date is None:
        nights_by_date = nights_stages(user, {entry.night_of for entry in entries})
    for entry, stage in stages.event_stages(nights_by_date, entries):
        night = nights_by_date.get(entry.night_of)
        entry.recorded_source = night.source if night else ""
        entry.recorded_stage = stage
        entry.recorded_stage_label = STAGES.label(stage, "short") if stage else ""
    return nights_by_date
