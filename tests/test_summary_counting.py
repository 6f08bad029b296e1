"""The counting helpers that summarize() is made of (journal/review/summary.py)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from journal.review.summary import (
    HOUR_AXIS,
    DiaryInput,
    EventInput,
    NightPlacer,
    PartnerInput,
    PeriodInputs,
    Placed,
    count_events,
    count_partner_reports,
    week_counts,
)
from journal.rules.nights import UsualSchedule
from journal.rules.vocabulary import EVENT_KINDS, WINDOWS

LONDON = ZoneInfo("Europe/London")
NIGHT = date(2026, 6, 1)


def event(hour, kind="twitch", parts=(), day=1):
    return EventInput(datetime(2026, 6, day, hour, 10, tzinfo=LONDON), NIGHT, kind, parts)


def test_events_are_counted_by_window_kind_part_and_hour_in_one_pass():
    placed = [
        Placed(event(23, parts=("left_leg", "left_leg")), "falling_asleep", False, None),
        Placed(event(3, "cramp", ("left_leg",), day=2), "late", True, None),
        Placed(event(14, "hiccup"), "evening", True, None),
    ]
    counts = count_events(placed, LONDON)
    assert list(counts.by_window) == list(WINDOWS.keys)
    assert (counts.by_window["late"], counts.by_window["evening"]) == (1, 1)
    assert list(counts.by_kind) == [*EVENT_KINDS.keys, "hiccup"]
    assert counts.by_kind["cramp"] == counts.by_kind["hiccup"] == 1
    assert counts.by_part == {"left_leg": 2}  # once per event, however often it is listed
    assert counts.by_hour[HOUR_AXIS.index(23)] == counts.by_hour[HOUR_AXIS.index(3)] == 1
    assert counts.by_hour[0] == 1  # noon to 17:59 share the first bucket


def test_partner_reports_are_counted_by_what_was_seen_and_by_window():
    report = PartnerInput(datetime(2026, 6, 2, 2, tzinfo=LONDON), NIGHT, ("twitching", "other"))
    observations, by_window = count_partner_reports(
        [Placed(report, "middle", False, None), Placed(report, "middle", False, None)]
    )
    assert observations == {"twitching": 2, "other": 2}
    assert by_window == {**dict.fromkeys(WINDOWS.keys, 0), "middle": 2}


def test_every_week_of_the_period_is_listed_even_without_entries():
    first, last = date(2026, 6, 3), date(2026, 6, 22)
    events = [event(23), event(1, day=2)]
    weeks = week_counts(first, last, {NIGHT}, events, {NIGHT})
    assert [(w.week, w.nights_logged, w.events, w.nights_woken) for w in weeks] == [
        ("2026-W23", 1, 2, 1),
        ("2026-W24", 0, 0, 0),
        ("2026-W25", 0, 0, 0),
        ("2026-W26", 0, 0, 0),
    ]


def test_the_placer_works_out_each_nights_schedule_once_from_its_diary():
    diary = DiaryInput(
        NIGHT,
        tried_to_sleep=datetime(2026, 6, 1, 22, 0, tzinfo=LONDON),
        minutes_to_fall_asleep=10,
        final_wake=datetime(2026, 6, 2, 6, 0, tzinfo=LONDON),
        alcohol_drinks=2,
    )
    period = PeriodInputs(NIGHT, NIGHT, LONDON, UsualSchedule(), diaries=(diary,))
    placer = NightPlacer(period, {NIGHT: diary})
    first = placer.place(event(22, day=1))
    second = placer.place(event(5, day=2))
    assert (first.window, first.estimated, first.alcohol_drinks) == ("falling_asleep", False, 2)
    assert second.window == "late"
    assert list(placer.schedules) == [NIGHT]
    no_diary = placer.place(
        EventInput(datetime(2026, 6, 3, 1, tzinfo=LONDON), date(2026, 6, 2), "x")
    )
    assert (no_diary.estimated, no_diary.alcohol_drinks) == (True, None)
    assert list(placer.schedules) == [NIGHT, date(2026, 6, 2)]
