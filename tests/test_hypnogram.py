"""The night page's hypnogram as geometry (journal/review/hypnogram.py): bands on an elapsed-time
axis, wall-clock hour ticks, marks that do not overlap, the estimated windows beneath."""

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from journal.review import hypnogram as drawing
from journal.rules import nights, stages
from journal.rules.nights import UsualSchedule
from journal.rules.stages import Segment

LONDON = ZoneInfo("Europe/London")
NIGHT = date(2026, 10, 1)
BACK = date(2026, 10, 24)  # the clocks go back in London that night


@dataclass
class Entry:
    instant: datetime
    kind: str = "twitch"
    recorded_stage_label: str = ""
    window: str = "late"


@dataclass
class Item:
    kind: str
    entry: Entry


def at(night, clock, fold=0):
    return nights.usual_instant(night, time.fromisoformat(clock), LONDON).replace(fold=fold)


def night_with(night, *pieces):
    segments = [Segment(at(night, a), at(night, b), stage, "Watch") for a, b, stage in pieces]
    return stages.night_stages(night, LONDON, segments)


def schedule(night):
    return nights.night_schedule(night, LONDON, UsualSchedule())  # 23:00, 15 min, 07:00


def draw(recorded, night=NIGHT, items=(), clock="24"):
    return drawing.hypnogram(recorded, schedule(night), list(items), LONDON, clock)


def test_a_night_without_stages_has_no_hypnogram():
    assert draw(None) is None
    assert draw(stages.night_stages(NIGHT, LONDON, [])) is None


def test_the_four_scored_rows_are_always_there_and_the_others_only_when_used():
    scored = draw(night_with(NIGHT, ("23:20", "01:00", "light")))
    assert [row.text for row in scored.rows] == ["Awake", "REM", "Light", "Deep"]
    both = draw(night_with(NIGHT, ("23:20", "01:00", "asleep"), ("22:50", "07:10", "in_bed")))
    assert [row.text for row in both.rows] == ["Awake", "REM", "Light", "Deep", "Asleep", "In bed"]


def test_bands_sit_on_their_row_and_their_width_is_their_time():
    drawn = draw(night_with(NIGHT, ("23:20", "00:20", "light"), ("00:20", "02:20", "deep")))
    light, deep = drawn.bands
    assert light.y < deep.y  # light above deep
    assert abs(deep.width - 2 * light.width) < 0.2
    assert light.x >= drawing.LEFT
    assert deep.x + deep.width <= drawing.WIDTH - drawing.RIGHT
    assert deep.title == "Deep 00:20–02:20"
    assert drawn.pieces == ("23:20–00:20 Light", "00:20–02:20 Deep")
    assert drawn.summary == "Light 1 h, Deep 2 h"


def test_on_the_night_the_clocks_go_back_each_hour_lived_is_as_wide_and_01_comes_twice():
    recorded = night_with(
        BACK,
        ("23:30", "00:30", "light"),
        ("00:30", "01:30", "deep"),  # 00:30 to 01:30 BST
    )
    first_0130 = at(BACK, "01:30")
    second_0130 = at(BACK, "01:30", fold=1)
    extra = stages.night_stages(
        BACK,
        LONDON,
        [
            *recorded.segments,
            Segment(first_0130, second_0130, "rem", "Watch"),  # the hour lived twice
            Segment(second_0130, at(BACK, "02:30"), "light", "Watch"),
        ],
    )
    drawn = draw(extra, night=BACK)
    widths = [band.width for band in drawn.bands]
    assert max(widths) - min(widths) < 0.2  # four hours lived, four equal bands
    labels = [tick.label for tick in drawn.ticks if tick.label]
    assert labels.count("01") == 2


def test_hour_ticks_follow_the_persons_clock():
    drawn = draw(night_with(NIGHT, ("23:20", "01:00", "light")), clock="12")
    assert [tick.label for tick in drawn.ticks][:3] == ["11p", "12a", "1a"]


def test_marks_close_together_are_nudged_apart_but_keep_their_exact_time():
    items = [
        Item("event", Entry(at(NIGHT, "02:00"))),
        Item("event", Entry(at(NIGHT, "02:01"), kind="cramp")),
        Item("partner", Entry(at(NIGHT, "02:02"))),
    ]
    drawn = draw(night_with(NIGHT, ("23:20", "06:00", "light")), items=items)
    letters = [mark.letter for mark in drawn.marks]
    assert letters == ["T", "C", "P"]
    xs = [mark.letter_x for mark in drawn.marks]
    assert all(b - a >= drawing.LETTER_GAP - 0.1 for a, b in zip(xs, xs[1:], strict=False))
    assert drawn.marks[0].x == drawn.marks[0].letter_x
    assert drawn.marks[2].is_partner
    assert drawn.marks[1].title == "Cramp, 02:01"


def test_the_estimated_windows_lie_beneath_in_order_between_lights_out_and_waking():
    drawn = draw(night_with(NIGHT, ("23:20", "06:00", "light")))
    keys = [window.key for window in drawn.windows]
    assert keys == ["falling_asleep", "early", "middle", "late"]
    for left, right in zip(drawn.windows, drawn.windows[1:], strict=False):
        assert abs(left.x + left.width - right.x) < 0.2
    assert len(drawn.boundaries) == 5
    assert drawn.window_text == (
        "Windows (estimated from your usual times): lights out 23:00, falling asleep until "
        "23:35, early night until 01:50, middle until 04:25, late night until the final wake "
        "at 07:00."
    )


def test_the_axis_stays_inside_the_night_even_for_a_stage_past_noon():
    recorded = stages.night_stages(
        NIGHT,
        LONDON,
        [Segment(at(NIGHT, "23:00"), at(NIGHT, "11:50"), "asleep", "W")],
    )
    drawn = draw(recorded)
    (band,) = drawn.bands
    assert band.x + band.width <= drawing.WIDTH - drawing.RIGHT
