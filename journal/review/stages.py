"""Glue between stored stage segments and the pure rules of recorded stages (rules/stages.py).

One query loads the segments of a set of nights; the rules work out each night's source and
timeline; `label_stages` gives events and partner reports the stage recorded at their instant,
as `label_windows` (review/schedules.py) gives them their window.
"""

from collections.abc import Iterable
from datetime import UTC, date, datetime

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast

from journal.models import StageSegment
from journal.rules import stages
from journal.rules.vocabulary import STAGES

SEGMENT_FIELDS = ("night_of", "start", "end", "stage", "source")


def _lean(queryset):
    """(night_of, start, end, stage, source) rows without Django's per-value converters: the
    dates and instants are cast to text by the database and parsed by `fromisoformat` (as
    review.periods.lean_rows does for events), on a plain cursor running Django's SQL, owner
    filter included. A year holds about 10,000 segments, so the converters were a third of a
    year's summary."""
    query = (
        queryset.order_by()
        .annotate(
            night_text=Cast("night_of", TextField()),
            start_text=Cast("start", TextField()),
            end_text=Cast("end", TextField()),
        )
        .values_list("night_text", "start_text", "end_text", "stage", "source")
    )
    try:
        sql, params = query.query.sql_with_params()
    except EmptyResultSet:  # no nights asked for: Django would not run the query either
        return
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    parse_instant, parse_date = datetime.fromisoformat, date.fromisoformat

    def aware(text):
        instant = parse_instant(text)
        # SQLite keeps UTC without an offset.
        return instant if instant.tzinfo is not None else instant.replace(tzinfo=UTC)

    for night, start, end, stage, source in rows:
        yield parse_date(night), aware(start), aware(end), stage, source


def _grouped(user, rows) -> dict[date, stages.NightStages]:
    by_night: dict[date, list[stages.Segment]] = {}
    for night, *segment in rows:
        by_night.setdefault(night, []).append(stages.Segment(*segment))
    tz = user.tz
    return {night: stages.night_stages(night, tz, group) for night, group in by_night.items()}


def nights_stages(user, night_dates: Iterable[date]) -> dict[date, stages.NightStages]:
    """The recorded stages of these nights that have any (one query), by night."""
    rows = StageSegment.objects.for_user(user).filter(night_of__in=set(night_dates))
    return _grouped(user, _lean(rows))


def period_stages(user, first: date, last: date) -> dict[date, stages.NightStages]:
    """The recorded stages of nights first..last (inclusive) that have any (one query)."""
    rows = StageSegment.objects.for_user(user).filter(night_of__range=(first, last))
    return _grouped(user, _lean(rows))


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
