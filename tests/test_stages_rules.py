"""Recorded sleep stages (definitions §8, journal/rules/stages.py): which source counts on a night,
the stage recorded at an instant, hours in each stage, and the period's `recorded_stages`."""

from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

import pytest

from journal.rules import stages
from journal.rules.stages import Segment
from journal.rules.vocabulary import STAGES
from tests.factories import local

LONDON = ZoneInfo("Europe/London")
NIGHT = date(2026, 10, 1)  # a Thursday, no clock change


class Ev:
    """An event as the rules see it: its night and its instant."""

    def __init__(self, night_of, instant):
        self.night_of, self.instant = night_of, instant


def at(clock: str, night: date = NIGHT, tz=LONDON, fold=0):
    """A clock time on a night: from 12:00 on its date, before 12:00 the next day."""
    hour, minute = (int(part) for part in clock.split(":"))
    day = night if hour >= 12 else night + timedelta(days=1)
    return local(tz, day.year, day.month, day.day, hour, minute, fold=fold)


def seg(start, end, stage="light", source="Apple Watch", night=NIGHT, tz=LONDON):
    return Segment(at(start, night, tz), at(end, night, tz), stage, source)


# --- which source counts --------------------------------------------------------------------------


def test_it_chooses_the_source_with_the_most_recorded_sleep_time():
    segments = [
        seg("23:00", "06:00", "light", "iPhone"),  # 7 h
        seg("23:30", "03:00", "deep", "Apple Watch"),  # 3.5 h
        seg("03:00", "07:00", "rem", "Apple Watch"),  # 4 h -> 7.5 h in all
    ]
    assert stages.chosen_source(segments) == "Apple Watch"


def test_it_adds_overlapping_segments_as_they_are():
    segments = [
        seg("23:00", "03:00", "asleep", "Sleep app"),  # 4 h
        seg("23:00", "03:00", "light", "Sleep app"),  # overlaps the first: 8 h in all
        seg("23:00", "06:00", "light", "Apple Watch"),  # 7 h
    ]
    assert stages.chosen_source(segments) == "Sleep app"


def test_time_in_bed_does_not_count_toward_the_choice():
    segments = [
        seg("22:00", "08:00", "in_bed", "iPhone"),  # 10 h, not counted
        seg("23:00", "23:30", "awake", "iPhone"),  # 0.5 h
        seg("23:30", "00:30", "light", "Apple Watch"),  # 1 h
    ]
    assert stages.chosen_source(segments) == "Apple Watch"


def test_a_night_with_only_time_in_bed_still_has_a_source():
    segments = [seg("22:00", "07:00", "in_bed", "iPhone"), seg("23:00", "06:00", "in_bed", "Ring")]
    assert stages.chosen_source(segments) == "iPhone"  # 0 h each: the tie goes by name


def test_a_tie_goes_to_the_name_first_compared_without_case():
    segments = [seg("23:00", "01:00", "light", "Garmin"), seg("23:00", "01:00", "deep", "fitbit")]
    assert stages.chosen_source(segments) == "fitbit"  # "G" < "f" as written, not without case


def test_a_tie_between_names_that_differ_only_in_case_goes_by_the_name_as_written():
    segments = [seg("23:00", "01:00", "light", "oura"), seg("23:00", "01:00", "light", "Oura")]
    assert stages.chosen_source(segments) == "Oura"


def test_durations_are_elapsed_time_on_the_night_the_clocks_go_forward():
    # London, Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST.
    night = date(2026, 3, 28)
    watch = seg("00:30", "02:30", "light", "Watch", night)  # 1 hour elapsed, 2 on the clock
    ring = Segment(at("00:00", night), at("00:00", night) + timedelta(minutes=90), "light", "Ring")
    assert watch.duration == timedelta(hours=1)
    assert stages.chosen_source([watch, ring]) == "Ring"


def test_no_segments_means_no_source():
    assert stages.chosen_source([]) is None
    assert stages.night_stages(NIGHT, LONDON, []).source is None


# --- the recorded stage at an instant ------------------------------------------------------------


def night_of(*segments, night=NIGHT, tz=LONDON):
    return stages.night_stages(night, tz, segments)


def test_the_most_specific_stage_covering_an_instant_is_recorded():
    night = night_of(
        seg("22:30", "07:30", "in_bed"),
        seg("23:00", "07:00", "asleep"),
        seg("02:00", "02:30", "rem"),
    )
    assert night.stage_at(at("22:45")) == "in_bed"
    assert night.stage_at(at("01:00")) == "asleep"
    assert night.stage_at(at("02:10")) == "rem"
    assert night.stage_at(at("07:15")) == "in_bed"


def test_between_two_of_the_same_rank_the_later_start_wins():
    night = night_of(seg("01:00", "03:00", "deep"), seg("02:00", "02:30", "light"))
    assert night.stage_at(at("02:15")) == "light"
    assert night.stage_at(at("02:45")) == "deep"


def test_with_the_same_start_the_later_end_wins():
    night = night_of(seg("01:00", "02:00", "awake"), seg("01:00", "03:00", "rem"))
    assert night.stage_at(at("01:30")) == "rem"


def test_with_the_same_start_and_end_the_stage_order_decides():
    for first, second in [("awake", "light"), ("light", "deep"), ("deep", "rem")]:
        night = night_of(seg("01:00", "02:00", second), seg("01:00", "02:00", first))
        assert night.stage_at(at("01:30")) == first


def test_only_the_chosen_source_gives_the_stage():
    night = night_of(
        seg("23:00", "06:00", "light", "Apple Watch"),
        seg("02:00", "02:30", "rem", "Apple Watch"),
        seg("00:00", "07:00", "deep", "iPhone"),  # less time: kept, not used
    )
    assert night.source == "Apple Watch"
    assert night.other_sources == ["iPhone"]
    assert night.stage_at(at("06:30")) is None  # only the iPhone covers it
    assert night.stage_at(at("02:15")) == "rem"


def test_an_instant_no_segment_covers_has_no_stage():
    night = night_of(seg("23:00", "01:00", "light"), seg("02:00", "05:00", "deep"))
    assert night.stage_at(at("01:30")) is None
    assert night.stage_at(at("22:59")) is None
    assert night.stage_at(at("05:30")) is None


def test_an_event_on_a_boundary_takes_the_segment_that_starts_there():
    night = night_of(seg("23:00", "01:00", "light"), seg("01:00", "02:00", "deep"))
    assert night.stage_at(at("23:00")) == "light"
    assert night.stage_at(at("01:00")) == "deep"
    assert night.stage_at(at("02:00")) is None  # the end is not covered
    assert night.stage_at(at("01:00") - timedelta(microseconds=1)) == "light"


def test_a_segment_past_the_next_noon_covers_nothing_after_it():
    next_noon = at("12:00", NIGHT + timedelta(days=1))
    night = night_of(
        seg("23:00", "11:00", "asleep"),
        Segment(at("11:00"), next_noon + timedelta(minutes=90), "light", "Apple Watch"),
    )
    assert night.stage_at(next_noon - timedelta(seconds=1)) == "light"
    assert night.stage_at(next_noon) is None
    assert night.stage_time()["light"] == timedelta(hours=1)


def test_only_a_nights_own_segments_count_on_the_next_night():
    # One segment starts before noon (the first night), one after (the second).
    segments = [
        Segment(at("11:00", NIGHT), at("14:00", NIGHT + timedelta(days=1)), "asleep", "W"),
        Segment(
            at("12:30", NIGHT + timedelta(days=1)),
            at("13:00", NIGHT + timedelta(days=1)),
            "rem",
            "W",
        ),
    ]
    by_night = stages.by_night(segments, LONDON)
    second = by_night[NIGHT + timedelta(days=1)]
    assert second.stage_at(at("12:10", NIGHT + timedelta(days=1))) is None
    assert second.stage_at(at("12:40", NIGHT + timedelta(days=1))) == "rem"


def test_an_instant_outside_the_nights_span_has_no_stage():
    night = night_of(seg("23:00", "01:00", "light"))
    assert night.stage_at(at("23:30", NIGHT - timedelta(days=1))) is None


# --- hours in each stage -------------------------------------------------------------------------


def test_stage_time_follows_the_recorded_stage_at_every_instant():
    night = night_of(
        seg("22:30", "07:30", "in_bed"),
        seg("23:00", "07:00", "asleep"),
        seg("23:30", "01:00", "deep"),
        seg("00:30", "00:40", "awake"),
        seg("04:00", "05:00", "rem"),
    )
    time_in = night.stage_time()
    assert time_in == {
        "awake": timedelta(minutes=10),
        "light": timedelta(0),
        "deep": timedelta(minutes=80),
        "rem": timedelta(hours=1),
        "asleep": timedelta(hours=8) - timedelta(minutes=90) - timedelta(hours=1),
        "in_bed": timedelta(hours=1),
    }
    assert night.covered == timedelta(hours=9)


def test_the_night_the_clocks_go_back_has_an_hour_more_of_stages():
    # London, Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT.
    night = date(2026, 10, 24)
    first_130 = at("01:30", night, fold=0)
    second_130 = at("01:30", night, fold=1)
    recorded = night_of(
        Segment(at("23:00", night), first_130, "light", "W"),
        Segment(first_130, second_130, "deep", "W"),  # 01:30 BST to 01:30 GMT: one hour
        Segment(second_130, at("06:00", night), "rem", "W"),
        night=night,
    )
    time_in = recorded.stage_time()
    assert time_in["deep"] == timedelta(hours=1)
    assert recorded.covered == timedelta(hours=8)  # 23:00 to 06:00 on the clock, 8 h elapsed
    assert recorded.stage_at(second_130.astimezone(UTC) - timedelta(minutes=1)) == "deep"
    assert recorded.stage_at(second_130) == "rem"


def test_pieces_of_one_stage_side_by_side_are_joined():
    night = night_of(seg("23:00", "00:00", "light"), seg("00:00", "01:00", "light"))
    assert [(p.stage, p.duration) for p in night.pieces] == [("light", timedelta(hours=2))]


# --- the period figures --------------------------------------------------------------------------


def test_recorded_stages_gives_the_exact_object_of_section_8():
    second = NIGHT + timedelta(days=1)
    third = NIGHT + timedelta(days=2)
    nights = stages.by_night(
        [
            seg("23:00", "01:00", "light"),
            seg("01:00", "02:00", "deep"),
            seg("02:00", "02:30", "awake"),
            seg("02:30", "04:00", "rem"),
            seg("22:00", "07:00", "in_bed", "iPhone", night=second),
        ],
        LONDON,
    )
    events = [
        Ev(NIGHT, at("23:15")),  # light
        Ev(NIGHT, at("01:00")),  # deep, on the boundary
        Ev(NIGHT, at("02:10")),  # awake
        Ev(NIGHT, at("04:00")),  # after the last segment: no stage
        Ev(second, at("03:00", second)),  # in bed
        Ev(third, at("03:00", third)),  # a night without stages
    ]
    figures = stages.recorded_stages(nights.values(), events)
    assert figures.as_json() == {
        "nights_with_stages": 2,
        "events_with_stage": 4,
        "events_by_stage": {
            "awake": 1,
            "light": 1,
            "deep": 1,
            "rem": 0,
            "asleep": 0,
            "in_bed": 1,
        },
        "stage_hours": {
            "awake": 0.5,
            "light": 2.0,
            "deep": 1.0,
            "rem": 1.5,
            "asleep": 0.0,
            "in_bed": 9.0,
        },
        "events_per_hour_by_stage": {
            "awake": 2.0,
            "light": 0.5,
            "deep": 1.0,
            "rem": 0.0,
            "asleep": None,
            "in_bed": 1 / 9,
        },
    }


def test_recorded_stages_of_a_period_without_stages_lists_every_key():
    figures = stages.recorded_stages([], [Ev(NIGHT, at("03:00"))]).as_json()
    assert figures["nights_with_stages"] == figures["events_with_stage"] == 0
    assert list(figures["events_by_stage"]) == list(STAGES.keys)
    assert figures["stage_hours"] == dict.fromkeys(STAGES.keys, 0.0)
    assert figures["events_per_hour_by_stage"] == dict.fromkeys(STAGES.keys, None)


def test_stage_hours_are_not_rounded():
    night = night_of(
        Segment(at("23:00"), at("23:00") + timedelta(seconds=1), "rem", "W"),
    )
    figures = stages.recorded_stages([night], [])
    assert figures.stage_hours["rem"] == 1 / 3600


@pytest.mark.parametrize("stage", STAGES.keys)
def test_every_stage_has_a_rank_and_a_place_in_the_order(stage):
    assert stages.preference(seg("23:00", "01:00", stage))[0] == STAGES[stage].rank
