"""Properties of rules/stages.py for any segments on any night (Hypothesis).

The timeline is built by sweeping boundaries; §8 states the rule for one instant. Here the two are
held against each other at every boundary and at random instants, and the hours in each stage
against the covered time, on ordinary nights and on the nights the clocks change.
"""

from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from journal.rules import nights, stages
from journal.rules.stages import Segment
from journal.rules.vocabulary import STAGES

ZONES = ["Europe/London", "America/New_York", "Pacific/Auckland", "Australia/Lord_Howe", "UTC"]
# Nights with a clock change somewhere above, and an ordinary one.
NIGHTS = [
    date(2026, 3, 28),  # London forward
    date(2026, 10, 24),  # London back
    date(2026, 3, 7),  # New York forward
    date(2026, 4, 4),  # Auckland and Lord Howe back
    date(2026, 9, 26),  # Auckland forward
    date(2026, 6, 10),
]
SOURCES = ["Apple Watch", "apple watch", "Fitbit"]
MINUTE = timedelta(minutes=1)


@st.composite
def nights_with_segments(draw):
    tz = ZoneInfo(draw(st.sampled_from(ZONES)))
    night = draw(st.sampled_from(NIGHTS))
    start, end = (moment.astimezone(UTC) for moment in nights.night_span(night, tz))
    span_minutes = int((end - start) / MINUTE)
    segments = []
    for _ in range(draw(st.integers(0, 12))):
        offset = draw(st.integers(0, span_minutes - 1))
        length = draw(st.integers(1, 16 * 60))
        begins = start + offset * MINUTE
        segments.append(
            Segment(
                begins.astimezone(tz),
                (begins + length * MINUTE).astimezone(tz),
                draw(st.sampled_from(STAGES.keys)),
                draw(st.sampled_from(SOURCES)),
            )
        )
    return stages.night_stages(night, tz, segments)


def by_definition(night: stages.NightStages, instant):
    """§8 read literally: inside the night's span, the preferred covering segment of the source."""
    if not (night.start <= instant < night.end):
        return None
    chosen = stages.stage_at_instant(night.used, instant)
    return chosen.stage if chosen else None


@given(nights_with_segments(), st.lists(st.integers(-60, 25 * 60), max_size=20))
def test_the_swept_timeline_gives_the_stage_section_8_gives_at_every_instant(night, minutes):
    boundaries = {moment.astimezone(UTC) for s in night.segments for moment in (s.start, s.end)}
    probes = boundaries | {night.start + m * MINUTE for m in minutes}
    probes |= {moment - timedelta(microseconds=1) for moment in boundaries}
    for instant in probes:
        assert night.stage_at(instant) == by_definition(night, instant)


@given(nights_with_segments())
def test_the_hours_in_each_stage_add_up_to_the_covered_time_and_fit_in_the_night(night):
    time_in = night.stage_time()
    assert sum(time_in.values(), timedelta(0)) == night.covered
    # A night is 23, 24 or 25 hours long (24 ± the clock change, half an hour on Lord Howe).
    assert night.covered <= night.end - night.start <= timedelta(hours=25)
    assert all(spent >= timedelta(0) for spent in time_in.values())


@given(nights_with_segments())
def test_the_covered_time_is_the_union_of_the_used_segments_inside_the_night(night):
    spans = sorted(
        (max(s.start.astimezone(UTC), night.start), min(s.end.astimezone(UTC), night.end))
        for s in night.used
    )
    union, reach = timedelta(0), None
    for begins, ends in spans:
        if ends <= begins:
            continue
        if reach is None or begins >= reach:
            union += ends - begins
            reach = ends
        elif ends > reach:
            union += ends - reach
            reach = ends
    assert night.covered == union


@given(nights_with_segments(), st.randoms(use_true_random=False))
def test_the_chosen_source_does_not_depend_on_the_order_of_the_segments(night, random):
    shuffled = list(night.segments)
    random.shuffle(shuffled)
    assert stages.chosen_source(shuffled) == night.source


@st.composite
def nights_recorded_one_stage_at_a_time(draw):
    """A night as one source usually records it: segments one after another, never overlapping,
    sometimes back to back, sometimes with a gap (the timeline skips the sweep for these)."""
    tz = ZoneInfo(draw(st.sampled_from(ZONES)))
    night = draw(st.sampled_from(NIGHTS))
    start, end = (moment.astimezone(UTC) for moment in nights.night_span(night, tz))
    begins = start - draw(st.integers(0, 120)) * MINUTE  # may start before the night
    segments = []
    for _ in range(draw(st.integers(0, 30))):
        begins += draw(st.sampled_from([0, 0, 1, 45])) * MINUTE
        ends = begins + draw(st.integers(1, 120)) * MINUTE
        stage = draw(st.sampled_from(STAGES.keys))
        segments.append(Segment(begins.astimezone(tz), ends.astimezone(tz), stage, "Fitbit"))
        begins = ends
    return stages.night_stages(night, tz, segments)


@given(nights_recorded_one_stage_at_a_time(), st.lists(st.integers(-60, 25 * 60), max_size=20))
def test_segments_one_after_another_give_the_stage_section_8_gives(night, minutes):
    boundaries = {moment.astimezone(UTC) for s in night.segments for moment in (s.start, s.end)}
    probes = boundaries | {night.start + m * MINUTE for m in minutes}
    probes |= {moment - timedelta(microseconds=1) for moment in boundaries}
    for instant in probes:
        assert night.stage_at(instant) == by_definition(night, instant)
    # Back-to-back pieces of one stage are one piece, as the sweep makes them.
    for left, right in zip(night.pieces, night.pieces[1:], strict=False):
        assert left.end < right.start or left.stage != right.stage
