"""The night grid's pure rules (review/night_grid.py) and its drawing rows (review/report.py)."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from journal.review import night_grid, report
from tests.factories import local

LONDON = ZoneInfo("Europe/London")
NIGHT = date(2025, 10, 6)


@dataclass
class Diary:
    got_into_bed: datetime | None = None
    tried_to_sleep: datetime | None = None
    minutes_to_fall_asleep: int | None = None
    final_wake: datetime | None = None
    out_of_bed: datetime | None = None
    alcohol_drinks: Decimal | None = None


@pytest.mark.parametrize(
    ("hour", "day", "expected"),
    [(18, 6, 0.0), (21, 6, 1 / 6), (0, 7, 1 / 3), (3, 7, 0.5), (12, 7, 1.0)],
)
def test_it_places_clock_times_on_the_18_to_12_axis(hour, day, expected):
    at = local("Europe/London", 2025, 10, day, hour, 0)
    assert night_grid.axis_position(NIGHT, at, LONDON) == pytest.approx(expected)


def test_it_clamps_times_outside_the_axis():
    assert night_grid.axis_position(NIGHT, local("Europe/London", 2025, 10, 6, 13, 0), LONDON) == 0
    assert night_grid.axis_position(NIGHT, local("Europe/London", 2025, 10, 7, 13, 0), LONDON) == 1


def test_it_places_by_wall_clock_on_the_night_the_clocks_go_back():
    # 25 Oct 2025 in London: 02:00 BST becomes 01:00 GMT; 03:00 is still halfway along.
    night = date(2025, 10, 25)
    at = local("Europe/London", 2025, 10, 26, 3, 0)
    assert night_grid.axis_position(night, at, LONDON) == pytest.approx(0.5)


def test_a_row_has_in_bed_and_asleep_spans_from_the_diary():
    diary = Diary(
        got_into_bed=local("Europe/London", 2025, 10, 6, 22, 30),
        tried_to_sleep=local("Europe/London", 2025, 10, 6, 22, 45),
        minutes_to_fall_asleep=15,
        final_wake=local("Europe/London", 2025, 10, 7, 6, 0),
        out_of_bed=local("Europe/London", 2025, 10, 7, 7, 0),
        alcohol_drinks=Decimal("1.5"),
    )
    row = night_grid.grid_row(NIGHT, LONDON, diary)
    assert row.in_bed.start == pytest.approx(4.5 / 18) and row.in_bed.end == pytest.approx(13 / 18)
    assert row.asleep.start == pytest.approx(5 / 18) and row.asleep.end == pytest.approx(12 / 18)
    assert row.drinks == 1.5 and row.has_diary


def test_a_row_without_a_diary_has_marks_but_no_spans():
    events = [
        (local("Europe/London", 2025, 10, 7, 3, 0), "cramp"),
        (local("Europe/London", 2025, 10, 6, 23, 0), "twitch"),
    ]
    partner = [local("Europe/London", 2025, 10, 7, 4, 0)]
    row = night_grid.grid_row(NIGHT, LONDON, None, events, partner)
    assert row.in_bed is None and row.asleep is None and row.drinks is None
    assert [mark.letter for mark in row.events] == ["T", "C"]
    assert [mark.letter for mark in row.partner] == ["P"]


def test_every_kind_has_its_own_letter():
    letters = list(night_grid.KIND_MARKS.values())
    assert len(set(letters)) == len(letters) == 7
    assert "P" not in letters  # P is the partner mark


def test_the_axis_has_a_tick_every_hour_from_18_to_12():
    ticks = night_grid.tick_positions()
    assert ticks[0] == ("18", 0.0) and ticks[-1] == ("12", 1.0) and len(ticks) == 19
    assert [label for label, _ in report.hour_labels("12")][:2] == ["6p", "7p"]
    assert dict(report.hour_labels("12"))["12a"] == pytest.approx(240.0)


def test_close_marks_are_nudged_so_their_letters_do_not_overlap():
    events = [
        (local("Europe/London", 2025, 10, 6, 23, 0), "twitch"),
        (local("Europe/London", 2025, 10, 6, 23, 1), "twitch"),
        (local("Europe/London", 2025, 10, 6, 23, 2), "cramp"),
    ]
    row = night_grid.grid_row(NIGHT, LONDON, None, events)
    marks = report.drawn_marks(row, lambda at: at.strftime("%H:%M"))
    xs = [mark.letter_x for mark in marks]
    assert all(b - a >= report.LETTER_GAP for a, b in zip(xs, xs[1:], strict=False))
    # The tick stays at the true time.
    assert marks[1].x == pytest.approx(5 / 18 * report.GRID_WIDTH + 40 / 60, abs=0.1)
    assert marks[2].title == "Cramp, 23:02"


def test_a_row_is_described_in_words():
    diary = Diary(
        got_into_bed=local("Europe/London", 2025, 10, 6, 22, 30),
        tried_to_sleep=local("Europe/London", 2025, 10, 6, 22, 45),
        final_wake=local("Europe/London", 2025, 10, 7, 6, 0),
        out_of_bed=local("Europe/London", 2025, 10, 7, 7, 0),
        alcohol_drinks=Decimal("0"),
    )
    events = [(local("Europe/London", 2025, 10, 7, 3, 0), "cramp")]
    row = night_grid.grid_row(NIGHT, LONDON, diary, events)
    text = report.describe_row(row, diary, lambda at: at.astimezone(LONDON).strftime("%H:%M"))
    assert text == "in bed 22:30–07:00; asleep until 06:00; cramp 03:00; 0 drinks"
    empty = night_grid.grid_row(NIGHT, LONDON)
    assert report.describe_row(empty, None, str) == "not logged"


def test_recorded_stages_are_placed_on_the_axis_and_cut_at_its_ends():
    from journal.rules.stages import Piece

    pieces = [
        Piece(
            local("Europe/London", 2025, 10, 6, 17, 0),
            local("Europe/London", 2025, 10, 6, 21, 0),
            "awake",
        ),
        Piece(
            local("Europe/London", 2025, 10, 7, 3, 0),
            local("Europe/London", 2025, 10, 7, 4, 30),
            "rem",
        ),
    ]
    bands = night_grid.stage_bands(NIGHT, pieces, LONDON)
    assert bands == [
        night_grid.StageBand(0.0, 3 / 18, "awake"),
        night_grid.StageBand(9 / 18, 10.5 / 18, "rem"),
    ]
