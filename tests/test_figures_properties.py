"""The stored per-night figures (journal/figures.py) after any sequence of writes (Hypothesis).

Events, partner reports, diaries and recorded stages are added, edited (moved to another night
too) and deleted through the paths the app uses (save, save_if_unchanged, delete, the stage
import's bulk write, a source's segments deleted at once), and the usual schedule and time zone
change. Afterwards the stored figures equal a rebuild from scratch, and the summary read from
them equals the summary worked out from the entries, for the whole span and part of it.
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from accounts.services import change_time_zone
from journal import figures
from journal.data import stage_import
from journal.models import Event, Night, NightFigures, PartnerReport, StageSegment
from journal.review.periods import entries_summary, summary_for
from journal.rules import stages as stage_rules
from journal.rules.nights import night_span
from journal.rules.vocabulary import BODY_PARTS, EVENT_KINDS, OBSERVATIONS, STAGES
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

# Four nights, the London clocks going back on the second.
FIRST = date(2026, 10, 23)
NIGHTS = [FIRST + timedelta(days=offset) for offset in range(4)]
ZONES = ["Europe/London", "America/New_York", "Pacific/Auckland"]
SOURCES = ["Apple Watch", "Fitbit"]
MINUTES_A_NIGHT = 24 * 60

night_index = st.integers(0, len(NIGHTS) - 1)
minute = st.integers(0, MINUTES_A_NIGHT - 1)
optional = st.booleans() | st.none()

event_op = st.tuples(
    st.just("event"),
    night_index,
    minute,
    st.sampled_from(EVENT_KINDS.keys),
    st.lists(st.sampled_from(BODY_PARTS.keys), max_size=3, unique=True),
    st.booleans(),
    st.none() | st.sampled_from([30, 60, 300, 600]),
    optional,
    optional,
)
report_op = st.tuples(
    st.just("report"),
    night_index,
    minute,
    st.lists(st.sampled_from(OBSERVATIONS.keys), min_size=1, max_size=3, unique=True),
    st.none() | st.sampled_from([60, 300]),
)
move_op = st.tuples(
    st.just("move"), st.sampled_from(["event", "report"]), st.integers(0, 9), night_index, minute
)
delete_op = st.tuples(
    st.just("delete"), st.sampled_from(["event", "report", "diary", "segment"]), st.integers(0, 9)
)
diary_op = st.tuples(
    st.just("diary"),
    night_index,
    st.none() | st.integers(9 * 60, 14 * 60),  # tried to sleep, minutes after noon
    st.none() | st.integers(0, 90),
    st.none() | st.integers(16 * 60, 22 * 60),  # final wake, minutes after noon
    st.none() | st.sampled_from([Decimal(0), Decimal("1.5"), Decimal(3)]),
    st.none() | st.integers(0, 120),
)
segments_op = st.tuples(
    st.just("segments"),
    st.sampled_from(["bulk", "save"]),
    night_index,
    st.lists(
        st.tuples(
            minute, st.integers(1, 300), st.sampled_from(STAGES.keys), st.sampled_from(SOURCES)
        ),
        min_size=1,
        max_size=6,
    ),
)
source_op = st.tuples(st.just("delete_source"), st.sampled_from(SOURCES))
schedule_op = st.tuples(
    st.just("schedule"),
    st.sampled_from([time(22, 0), time(23, 30), time(1, 0)]),
    st.integers(0, 60),
    st.sampled_from([time(6, 0), time(7, 30)]),
)
zone_op = st.tuples(st.just("zone"), st.sampled_from(ZONES))
# The settings changes rebuild everything, so they come less often than the entries' writes.
operations = st.lists(
    st.one_of(
        event_op,
        event_op,
        report_op,
        move_op,
        move_op,
        delete_op,
        diary_op,
        diary_op,
        segments_op,
        source_op,
        schedule_op,
        zone_op,
    ),
    max_size=14,
)


def at(user, night: int, minutes: int) -> datetime:
    """An instant `minutes` after noon on one of NIGHTS, in the person's zone now."""
    start, _ = night_span(NIGHTS[night], user.tz)
    return (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(user.tz)


def pick(model, user, index):
    rows = list(model.objects.for_user(user).order_by("pk"))
    return rows[index % len(rows)] if rows else None


def apply(user, op):
    kind, *args = op
    if kind == "event":
        night, minutes, event_kind, parts, woke, duration, injury, awareness = args
        Event(
            owner=user,
            occurred_at=at(user, night, minutes),
            kind=event_kind,
            body_parts=parts,
            woke_me=woke,
            duration_seconds=duration,
            injury=injury,
            consciousness_changed=awareness,
        ).save()
    elif kind == "report":
        night, minutes, observations, duration = args
        PartnerReport(
            owner=user,
            observed_at=at(user, night, minutes),
            observations=observations,
            duration_seconds=duration,
        ).save()
    elif kind == "move":
        which, index, night, minutes = args
        model = Event if which == "event" else PartnerReport
        if entry := pick(model, user, index):
            setattr(entry, model.instant_field, at(user, night, minutes))
            entry.save_if_unchanged(None)
    elif kind == "delete":
        which, index = args
        model = {"event": Event, "report": PartnerReport, "diary": Night, "segment": StageSegment}[
            which
        ]
        if entry := pick(model, user, index):
            entry.delete()
    elif kind == "diary":
        night, tried, latency, wake, drinks, waso = args
        diary = Night.objects.for_user(user).filter(night_of=NIGHTS[night]).first()
        diary = diary or Night(owner=user, night_of=NIGHTS[night])
        diary.tried_to_sleep = None if tried is None else at(user, night, tried)
        diary.got_into_bed = None if tried is None else at(user, night, tried - 15)
        diary.minutes_to_fall_asleep = latency
        diary.final_wake = None if wake is None else at(user, night, wake)
        diary.out_of_bed = None if wake is None else at(user, night, wake + 10)
        diary.awake_minutes = waso
        diary.alcohol_drinks = drinks
        diary.save()
    elif kind == "segments":
        how, night, pieces = args
        segments = [
            stage_rules.Segment(
                at(user, night, start), at(user, night, start + length), stage, source
            )
            for start, length, stage, source in pieces
        ]
        if how == "bulk":
            stage_import.save(user, segments)
        else:
            for segment in segments:
                if not StageSegment.objects.filter(
                    owner=user,
                    start=segment.start,
                    end=segment.end,
                    stage=segment.stage,
                    source=segment.source,
                ).exists():
                    StageSegment(owner=user, **segment._asdict()).save()
    elif kind == "delete_source":
        with figures.batched():
            StageSegment.objects.for_user(user).filter(source=args[0]).delete()
    elif kind == "schedule":
        user.usual_lights_out, user.usual_minutes_to_fall_asleep, user.usual_wake = args
        user.save()
    elif kind == "zone":
        change_time_zone(user, args[0])


def stored(user):
    rows = NightFigures.objects.for_user(user).order_by("night_of").values()
    return [{key: value for key, value in row.items() if key != "id"} for row in rows]


EVENT = ("event", 0, 600, "tremor", ["left_hand"], True, 600, True, None)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(zone=st.sampled_from(ZONES), ops=operations)
@example(zone="Europe/London", ops=[EVENT, ("move", "event", 0, 2, 700)])
@example(zone="Europe/London", ops=[EVENT, ("diary", 0, 600, 20, 1200, Decimal(2), 5)])
@example(zone="Europe/London", ops=[EVENT, ("delete", "event", 0)])
@example(
    zone="America/New_York",
    ops=[
        EVENT,
        ("segments", "bulk", 0, [(590, 30, "rem", "Fitbit"), (650, 60, "deep", "Apple Watch")]),
        ("delete_source", "Apple Watch"),
    ],
)
def test_after_any_writes_the_stored_figures_are_a_rebuild_and_give_the_same_summary(zone, ops):
    user = UserFactory(time_zone=zone)
    figures.rebuild(user)  # from here on the writes alone keep them current
    for op in ops:
        apply(user, op)
    whole = (FIRST - timedelta(days=2), NIGHTS[-1] + timedelta(days=2))
    part = (NIGHTS[1], NIGHTS[2])

    from_figures = summary_for(user, *whole)  # rebuilds first if the settings changed
    kept = stored(user)
    figures.rebuild(user)
    assert kept == stored(user)

    assert from_figures == entries_summary(user, *whole)
    assert summary_for(user, *part) == entries_summary(user, *part)
    assert summary_for(user, *part).as_json() == entries_summary(user, *part).as_json()
