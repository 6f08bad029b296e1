"""nights.diary_schedule: one way from a diary (a Night or a DiaryInput) to the night's schedule."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from journal.models import Night
from journal.review.summary import DiaryInput
from journal.rules.nights import UsualSchedule, diary_schedule

LONDON = ZoneInfo("Europe/London")
NIGHT = date(2026, 6, 1)
LIGHTS_OUT = datetime(2026, 6, 1, 22, 30, tzinfo=LONDON)
WAKE = datetime(2026, 6, 2, 6, 15, tzinfo=LONDON)


def test_without_a_diary_the_usual_schedule_is_used_and_marked_estimated():
    schedule = diary_schedule(NIGHT, LONDON, UsualSchedule())
    assert schedule.lights_out == datetime(2026, 6, 1, 23, 0, tzinfo=LONDON)
    assert schedule.final_wake == datetime(2026, 6, 2, 7, 0, tzinfo=LONDON)
    assert schedule.estimated


def test_a_stored_diary_and_a_summary_input_give_the_same_schedule():
    stored = Night(
        night_of=NIGHT, tried_to_sleep=LIGHTS_OUT, minutes_to_fall_asleep=5, final_wake=WAKE
    )
    loaded = DiaryInput(NIGHT, tried_to_sleep=LIGHTS_OUT, minutes_to_fall_asleep=5, final_wake=WAKE)
    schedule = diary_schedule(NIGHT, LONDON, UsualSchedule(), stored)
    assert schedule == diary_schedule(NIGHT, LONDON, UsualSchedule(), loaded)
    assert schedule.sleep_onset == datetime(2026, 6, 1, 22, 35, tzinfo=LONDON)
    assert not schedule.estimated


def test_a_diary_with_gaps_takes_the_rest_from_the_usual_schedule():
    partial = DiaryInput(NIGHT, tried_to_sleep=LIGHTS_OUT)
    schedule = diary_schedule(NIGHT, LONDON, UsualSchedule(minutes_to_fall_asleep=20), partial)
    assert schedule.sleep_onset == datetime(2026, 6, 1, 22, 50, tzinfo=LONDON)
    assert schedule.final_wake == datetime(2026, 6, 2, 7, 0, tzinfo=LONDON)
    assert schedule.estimated
