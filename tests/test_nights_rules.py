"""journal/rules/nights.py, directly: which night, the schedule, the windows (definitions §1–§3)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.rules import nights
from journal.rules.nights import UsualSchedule, night_schedule

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
SECOND = timedelta(seconds=1)


def utc(*args):
    return datetime(*args, tzinfo=UTC)


def london(*args, fold=0):
    return datetime(*args, tzinfo=LONDON, fold=fold)


# --- §1 which night -------------------------------------------------------------------------


def test_a_moment_before_noon_belongs_to_the_night_before():
    assert nights.night_of(london(2026, 3, 10, 11, 59, 59), LONDON) == date(2026, 3, 9)


def test_noon_starts_a_new_night():
    assert nights.night_of(london(2026, 3, 10, 12, 0), LONDON) == date(2026, 3, 10)


def test_late_monday_and_early_tuesday_are_monday_night():
    monday = date(2026, 3, 9)
    assert nights.night_of(london(2026, 3, 9, 23, 30), LONDON) == monday
    assert nights.night_of(london(2026, 3, 10, 3, 10), LONDON) == monday


def test_the_night_follows_the_users_zone_not_utc():
    # 10:30 UTC on 10 March is 06:30 in New York: still the night of 9 March there.
    assert nights.night_of(utc(2026, 3, 10, 10, 30), NEW_YORK) == date(2026, 3, 9)
    assert nights.night_of(utc(2026, 3, 10, 12, 30), LONDON) == date(2026, 3, 10)


# --- §2 the schedule --------------------------------------------------------------------------


def diary_schedule(**changes):
    """Lights out 23:00, 15 minutes to sleep (S 23:15), final wake 07:15: D is 480 minutes."""
    values = {
        "tried_to_sleep": london(2026, 3, 10, 23, 0),
        "minutes_to_fall_asleep": 15,
        "final_wake": london(2026, 3, 11, 7, 15),
    }
    values.update(changes)
    return night_schedule(date(2026, 3, 10), LONDON, UsualSchedule(), **values)


def test_a_full_diary_is_not_estimated():
    schedule = diary_schedule()
    assert schedule.estimated is False
    assert schedule.sleep_onset == london(2026, 3, 10, 23, 15)


def test_a_night_without_a_diary_uses_the_usual_schedule():
    usual = UsualSchedule(lights_out=time(22, 30), minutes_to_fall_asleep=30, wake=time(6, 45))
    schedule = night_schedule(date(2026, 3, 10), LONDON, usual)
    assert schedule.estimated is True
    assert schedule.lights_out == london(2026, 3, 10, 22, 30)
    assert schedule.sleep_onset == london(2026, 3, 10, 23, 0)
    assert schedule.final_wake == london(2026, 3, 11, 6, 45)


@pytest.mark.parametrize("blank", ["tried_to_sleep", "minutes_to_fall_asleep", "final_wake"])
def test_a_partial_diary_fills_the_gap_and_is_estimated(blank):
    schedule = diary_schedule(**{blank: None})
    assert schedule.estimated is True
    if blank == "final_wake":
        assert schedule.final_wake == london(2026, 3, 11, 7, 0)
        assert schedule.lights_out == london(2026, 3, 10, 23, 0)
    if blank == "minutes_to_fall_asleep":
        assert schedule.sleep_onset == london(2026, 3, 10, 23, 15)  # usual 15 minutes
    if blank == "tried_to_sleep":
        assert schedule.final_wake == london(2026, 3, 11, 7, 15)


def test_zero_minutes_to_fall_asleep_is_an_entry_not_a_gap():
    schedule = diary_schedule(minutes_to_fall_asleep=0)
    assert schedule.estimated is False
    assert schedule.sleep_onset == schedule.lights_out


def test_usual_times_from_noon_go_on_the_evening_and_before_noon_on_the_morning():
    night = date(2026, 3, 10)
    assert nights.usual_instant(night, time(12, 0), LONDON) == london(2026, 3, 10, 12, 0)
    assert nights.usual_instant(night, time(11, 59), LONDON) == london(2026, 3, 11, 11, 59)
    assert nights.usual_instant(night, time(0, 30), LONDON) == london(2026, 3, 11, 0, 30)


def test_a_usual_time_that_does_not_exist_means_the_time_the_clocks_jump_to():
    # New York, Sunday 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
    instant = nights.usual_instant(date(2026, 3, 7), time(2, 30), NEW_YORK)
    assert instant.astimezone(UTC) == utc(2026, 3, 8, 7, 0)
    assert instant.astimezone(NEW_YORK).hour == 3


def test_a_usual_time_that_happens_twice_means_the_first_time():
    # London, Sunday 25 October 2026: 01:30 happens at 00:30 UTC (BST) and 01:30 UTC (GMT).
    instant = nights.usual_instant(date(2026, 10, 24), time(1, 30), LONDON)
    assert instant.astimezone(UTC) == utc(2026, 10, 25, 0, 30)


def test_a_usual_wake_time_that_does_not_exist_in_new_york():
    usual = UsualSchedule(lights_out=time(23, 0), minutes_to_fall_asleep=15, wake=time(2, 15))
    schedule = night_schedule(date(2026, 3, 7), NEW_YORK, usual)
    assert schedule.final_wake.astimezone(UTC) == utc(2026, 3, 8, 7, 0)


# --- §3 windows, every boundary -----------------------------------------------------------------


def test_the_boundaries_of_an_ordinary_night():
    b0, b1, b2, b3 = diary_schedule().boundaries
    assert b0 == london(2026, 3, 10, 23, 0)
    assert b1 == london(2026, 3, 10, 23, 35)
    assert b2 == london(2026, 3, 11, 1, 55)
    assert b3 == london(2026, 3, 11, 4, 35)


@pytest.mark.parametrize(
    ("moment", "window"),
    [
        (london(2026, 3, 10, 12, 0), "evening"),
        (london(2026, 3, 10, 23, 0) - SECOND, "evening"),
        (london(2026, 3, 10, 23, 0), "falling_asleep"),  # exactly b0
        (london(2026, 3, 10, 23, 35) - SECOND, "falling_asleep"),
        (london(2026, 3, 10, 23, 35), "early"),  # exactly b1
        (london(2026, 3, 11, 1, 55) - SECOND, "early"),
        (london(2026, 3, 11, 1, 55), "middle"),  # exactly b2
        (london(2026, 3, 11, 4, 35) - SECOND, "middle"),
        (london(2026, 3, 11, 4, 35), "late"),  # exactly b3
        (london(2026, 3, 11, 7, 15) - SECOND, "late"),
        (london(2026, 3, 11, 7, 15), "on_waking"),  # exactly W
        (london(2026, 3, 11, 11, 59), "on_waking"),
    ],
)
def test_each_boundary_belongs_to_the_later_window(moment, window):
    assert diary_schedule().window_of(moment) == window


def test_on_a_short_night_the_early_and_middle_windows_collapse():
    # S 23:10, W 23:40: D is 30 minutes, so D/3 (10) ends before b1 (S + 20).
    schedule = diary_schedule(minutes_to_fall_asleep=10, final_wake=london(2026, 3, 10, 23, 40))
    b0, b1, b2, b3 = schedule.boundaries
    assert b1 == b2 == b3 == london(2026, 3, 10, 23, 30)
    assert schedule.window_of(london(2026, 3, 10, 23, 29)) == "falling_asleep"
    assert schedule.window_of(london(2026, 3, 10, 23, 30)) == "late"
    assert schedule.window_of(london(2026, 3, 10, 23, 40)) == "on_waking"


def test_waking_before_the_falling_asleep_window_ends_wins():
    # W 23:20 comes before b1 (23:30): "on or after waking" is tried first.
    schedule = diary_schedule(minutes_to_fall_asleep=10, final_wake=london(2026, 3, 10, 23, 20))
    assert schedule.window_of(london(2026, 3, 10, 23, 25)) == "on_waking"
    assert schedule.window_of(london(2026, 3, 10, 23, 15)) == "falling_asleep"


def test_the_night_the_clocks_go_back_in_london():
    # Usual 23:00 BST (22:00 UTC) + 15 → S 22:15 UTC; wake 07:00 GMT = 07:00 UTC: D = 525 min.
    schedule = night_schedule(date(2026, 10, 24), LONDON, UsualSchedule())
    b0, b1, b2, b3 = schedule.boundaries
    assert b0 == utc(2026, 10, 24, 22, 0)
    assert b1 == utc(2026, 10, 24, 22, 35)
    assert b2 == utc(2026, 10, 25, 1, 10)
    assert b3 == utc(2026, 10, 25, 4, 5)
    assert nights.elapsed_minutes(schedule.sleep_onset, schedule.final_wake) == 525
    # 01:30 happens twice: the first time is early, the second (after 01:10 UTC) middle.
    assert schedule.window_of(london(2026, 10, 25, 1, 30, fold=0)) == "early"
    assert schedule.window_of(london(2026, 10, 25, 1, 30, fold=1)) == "middle"


def test_the_night_the_clocks_go_forward_in_new_york():
    # 23:00 EST (04:00 UTC) + 15 → S 04:15 UTC; wake 07:00 EDT = 11:00 UTC: D = 405 min.
    schedule = night_schedule(date(2026, 3, 7), NEW_YORK, UsualSchedule())
    b0, b1, b2, b3 = schedule.boundaries
    assert b1 == utc(2026, 3, 8, 4, 35)
    assert b2 == utc(2026, 3, 8, 6, 30)
    assert b3 == utc(2026, 3, 8, 8, 45)
    # b3 is 04:45 EDT on the wall clock, though only 4 h 30 of elapsed time after 23:15 EST.
    assert schedule.window_of(datetime(2026, 3, 8, 4, 44, tzinfo=NEW_YORK)) == "middle"
    assert schedule.window_of(datetime(2026, 3, 8, 4, 45, tzinfo=NEW_YORK)) == "late"


def test_minutes_are_added_in_elapsed_time_across_the_change():
    start = london(2026, 10, 25, 0, 30)
    later = nights.add_minutes(start, 120)
    assert later.astimezone(UTC) == utc(2026, 10, 25, 1, 30)
    assert later.hour == 1 and later.utcoffset() == timedelta(0)
    assert nights.elapsed_minutes(london(2026, 10, 24, 23, 0), london(2026, 10, 25, 7, 0)) == 540


def test_iso_week_labels_across_the_new_year():
    assert nights.iso_week(date(2026, 12, 28)) == "2026-W53"
    assert nights.iso_week(date(2027, 1, 3)) == "2026-W53"
    assert nights.iso_week(date(2027, 1, 4)) == "2027-W01"
