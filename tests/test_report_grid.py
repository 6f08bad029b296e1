"""The report's night grid as drawn: each logged night's window boundaries (solid from a diary,
dashed when estimated from the usual schedule), and the recorded stages shaded under the bars."""

import re
from datetime import date

import pytest
from django.urls import reverse

from journal.review import report
from tests.factories import KNOWN_PERIOD, EventFactory, StageSegmentFactory, known_journal_for
from tests.pages import find, find_all

pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

# 40 SVG units an hour from 18:00 (the grid is 720 units across 18 hours).
PER_HOUR = 40


def x_of(clock: str) -> float:
    hours, minutes = (int(part) for part in clock.split(":"))
    since_six = (hours - 18) % 24 + minutes / 60
    return round(since_six * PER_HOUR, 1)


def vertical_lines(path) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of each line of a path drawn as "M x top V bottom" moves."""
    return [
        tuple(float(n) for n in line)
        for line in re.findall(r"M([\d.]+) ([\d.]+)V([\d.]+)", path.attrs["d"])
    ]


def rectangles(path) -> list[tuple[float, float]]:
    """(x, width) of each rectangle of a path drawn as "M x y h width v height h -width z"."""
    return [
        (float(x), float(width))
        for x, width in re.findall(r"M([\d.]+) [\d.]+h([\d.]+)v[\d.]+h-[\d.]+z", path.attrs["d"])
    ]


def boundaries(page) -> list[tuple[float, bool]]:
    """Each night's window boundaries, one path a night, as (x, dashed)."""
    return [
        (x, "stroke-dasharray" in path.attrs)
        for path in find_all(page, "path", class_="ng-boundary")
        for x, _top, _bottom in vertical_lines(path)
    ]


def get_report(client):
    return client.get(f"{reverse('report')}?{KNOWN_PERIOD.query}")


def test_a_night_with_a_full_diary_has_solid_window_boundaries(signed_in, user):
    known_journal_for(user)
    drawn = boundaries(get_report(signed_in))
    # 6 Oct's diary: lights-out 22:45, 15 min to sleep (onset 23:00, +20 min = 23:20), final wake
    # 06:45, so the thirds of the 7 h 45 min sleep period end at 01:35 and 04:10.
    solid = [x for x, dashed in drawn if not dashed]
    assert solid == [x_of(t) for t in ("22:45", "23:20", "01:35", "04:10", "06:45")]


def test_a_night_without_a_full_diary_has_dashed_boundaries_from_the_usual_schedule(
    signed_in, user
):
    EventFactory(owner=user, night=date(2025, 10, 8), clock="02:00")
    drawn = boundaries(get_report(signed_in))
    # The usual schedule: lights-out 23:00, 15 min to fall asleep (onset 23:15), up at 07:00:
    # thirds of 7 h 45 min end at 01:50 and 04:25.
    assert drawn == [(x_of(t), True) for t in ("23:00", "23:35", "01:50", "04:25", "07:00")]
    legend = find(get_report(signed_in), "p", class_="report-legend").text
    assert "dashed estimated from the usual schedule" in legend


def test_unlogged_nights_have_no_boundaries(signed_in, user):
    assert boundaries(get_report(signed_in)) == []


def test_recorded_stages_are_shaded_behind_the_events_with_a_legend(signed_in, user):
    night = date(2025, 10, 8)
    EventFactory(owner=user, night=night, clock="02:00")
    for start, end, stage in (("23:30", "01:00", "deep"), ("01:00", "03:00", "rem")):
        StageSegmentFactory(owner=user, night=night, from_clock=start, to_clock=end, stage=stage)
    response = get_report(signed_in)
    # One path a stage, a rectangle for each of its spans.
    bands = find_all(response, "path", class_="ng-stage")
    drawn = [(b.attrs["data-stage"], *span) for b in bands for span in rectangles(b)]
    assert drawn == [
        ("deep", x_of("23:30"), 1.5 * PER_HOUR),
        ("rem", x_of("01:00"), 2 * PER_HOUR),
    ]
    assert [b.attrs["fill"] for b in bands] == [
        report.STAGE_FILLS["deep"],
        report.STAGE_FILLS["rem"],
    ]
    legend = find(response, "p", class_="report-stage-legend").text
    assert "the sleep stage the person’s device recorded" in legend
    for label in ("Awake", "Light", "Deep", "REM"):
        assert label in legend
    # The event's tick runs down through the strip of stages.
    [(_x, _top, bottom)] = vertical_lines(find(response, "path", class_="ng-tick"))
    assert bottom > 29


def test_without_recorded_stages_there_is_no_strip_or_legend(signed_in, user):
    known_journal_for(user)
    response = get_report(signed_in)
    assert find_all(response, "path", class_="ng-stage") == []
    assert find_all(response, "p", class_="report-stage-legend") == []
