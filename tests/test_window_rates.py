"""Window exposure and rates (definitions §5): `window_hours` and `events_per_hour_by_window`,
checked against hand calculations, an independent calculation (Hypothesis), the API (§6) and
the chart that draws them; and `recorded_stages` (§8) in the summary and the API."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from journal.review.charts import window_chart
from journal.review.periods import summary_for
from journal.rules.nights import IN_BED_WINDOWS, NightSchedule, UsualSchedule, night_schedule
from tests.factories import EventFactory, NightFactory, StageSegmentFactory, local

LONDON = ZoneInfo("Europe/London")
MINUTE = timedelta(minutes=1)


def minutes(spans) -> dict[str, float]:
    return {key: span / MINUTE for key, span in spans.items()}


def test_a_usual_night_is_cut_into_its_four_windows():
    # 23:00 lights out, 15 minutes to sleep, 07:00 wake: S 23:15, D 465 min, thirds of 155.
    schedule = night_schedule(date(2026, 11, 2), LONDON, UsualSchedule())
    assert minutes(schedule.window_spans()) == {
        "falling_asleep": 35,
        "early": 135,
        "middle": 155,
        "late": 155,
    }


def test_the_night_the_clocks_go_back_has_an_hour_more():
    # Sunday 25 October 2026: 23:00 to 07:00 lasts 9 hours.
    schedule = night_schedule(date(2026, 10, 24), LONDON, UsualSchedule())
    spans = minutes(schedule.window_spans())
    assert sum(spans.values()) == 9 * 60
    assert spans["falling_asleep"] == 35
    assert spans["early"] == spans["middle"] - 20 == spans["late"] - 20


def test_a_wake_before_the_end_of_falling_asleep_cuts_the_windows_at_wake():
    lights = local(LONDON, 2026, 11, 2, 23, 0)
    schedule = night_schedule(
        date(2026, 11, 2), LONDON, UsualSchedule(), lights, 30, lights + timedelta(minutes=25)
    )
    assert minutes(schedule.window_spans()) == {
        "falling_asleep": 25,
        "early": 0,
        "middle": 0,
        "late": 0,
    }


def independent_spans(lights_out: datetime, latency: int, wake: datetime) -> dict[str, float]:
    """§5 worked out another way: walk the night minute by minute (all values are whole
    minutes) and put each minute between lights-out and wake in its window by §3's rule."""
    onset = lights_out + timedelta(minutes=latency)
    length = (wake - onset) / MINUTE
    edges = [
        onset + timedelta(minutes=20),
        onset + timedelta(minutes=length / 3),
        onset + timedelta(minutes=2 * length / 3),
    ]
    totals = dict.fromkeys(IN_BED_WINDOWS, 0.0)
    moment = lights_out
    while moment < wake:
        if moment < edges[0]:
            key = "falling_asleep"
        elif moment < max(edges[0], edges[1]):
            key = "early"
        elif moment < max(edges[0], edges[1], edges[2]):
            key = "middle"
        else:
            key = "late"
        totals[key] += 1
        moment += MINUTE
    return totals


@given(
    start=st.integers(min_value=0, max_value=6 * 60),
    latency=st.integers(min_value=0, max_value=120),
    sleep=st.integers(min_value=-60, max_value=12 * 60).map(lambda m: m * 3),
)
def test_window_spans_match_a_minute_by_minute_count(start, latency, sleep):
    # Whole minutes, thirds of a multiple of three minutes: every boundary falls on a minute.
    lights_out = datetime(2026, 3, 2, 19, 0, tzinfo=UTC) + timedelta(minutes=start)
    wake = lights_out + timedelta(minutes=latency + sleep)
    schedule = NightSchedule(
        night_of=date(2026, 3, 2),
        lights_out=lights_out,
        sleep_onset=lights_out + timedelta(minutes=latency),
        final_wake=wake,
        estimated=False,
    )
    assert minutes(schedule.window_spans()) == independent_spans(lights_out, latency, wake)


@pytest.mark.django_db
def test_the_api_gives_hours_and_rates_of_the_logged_nights(client, user):
    client.force_login(user)
    # Night 1 from its diary: 22:30, 30 minutes to sleep, wake 06:30 (S 23:00, D 450 min).
    NightFactory(
        owner=user,
        night_of=date(2026, 11, 2),
        tried_to_sleep="22:30",
        minutes_to_fall_asleep=30,
        final_wake="06:30",
    )
    for clock in ("22:40", "22:50", "23:10", "05:00"):
        EventFactory(owner=user, night=date(2026, 11, 2), clock=clock)
    # Night 2 has only an event: the usual schedule, estimated (23:00, 15 min, 07:00).
    EventFactory(owner=user, night=date(2026, 11, 4), clock="23:20")
    # Night 3 is not logged: its hours do not count.
    body = client.get(reverse("api_summary"), {"from": "2026-11-02", "to": "2026-11-08"}).json()
    expected_minutes = {
        "falling_asleep": 50 + 35,
        "early": (150 - 20) + 135,
        "middle": 150 + 155,
        "late": 150 + 155,
    }
    assert body["window_hours"] == pytest.approx(
        {key: value / 60 for key, value in expected_minutes.items()}
    )
    assert body["events_by_window"]["falling_asleep"] == 4  # 22:40, 22:50, 23:10, 23:20
    assert body["events_by_window"]["late"] == 1
    assert body["events_per_hour_by_window"] == pytest.approx(
        {
            "falling_asleep": 4 / (85 / 60),
            "early": 0.0,
            "middle": 0.0,
            "late": 1 / (305 / 60),
        }
    )


@pytest.mark.django_db
def test_the_chart_draws_the_rate_with_the_count_in_the_label(user):
    NightFactory(
        owner=user,
        night_of=date(2026, 11, 2),
        tried_to_sleep="23:00",
        minutes_to_fall_asleep=30,
        final_wake="07:00",
    )
    # S 23:30, D 450 min: falling asleep 50 minutes, late night from 04:30, 2 h 30 min.
    for clock in ("23:05", "23:10", "23:15", "02:00", "05:00", "05:30"):
        EventFactory(owner=user, night=date(2026, 11, 2), clock=clock)
    summary = summary_for(user, date(2026, 11, 2), date(2026, 11, 2))
    chart = window_chart("c", summary)
    bars = {row.label.split(" · ")[0]: row.bars[0] for row in chart.rows}
    rates = summary.events_per_hour_by_window
    # 3 events in 50 minutes against 2 in 2 h 30 min: the bars keep the rates' proportion.
    assert rates["falling_asleep"] == pytest.approx(3.6)
    assert rates["late"] == pytest.approx(2 / 2.5)
    assert bars["Falling asleep"].length / bars["Late night (likely REM-rich)"].length == (
        pytest.approx(rates["falling_asleep"] / rates["late"], rel=0.01)
    )
    assert bars["Falling asleep"].value == "3.6/h"
    assert any(row.label == "Falling asleep · 3 in 0.8 h" for row in chart.rows)


@pytest.mark.django_db
def test_recorded_stages_in_the_api_match_a_hand_count(client, user):
    client.force_login(user)
    night = date(2026, 11, 2)
    for start, end, stage in (("23:00", "01:00", "light"), ("01:00", "02:00", "deep")):
        StageSegmentFactory(owner=user, night=night, from_clock=start, to_clock=end, stage=stage)
    StageSegmentFactory(owner=user, night=night, from_clock="02:00", to_clock="03:30", stage="rem")
    # A second source with less time that night: kept, but not used (§8).
    StageSegmentFactory(
        owner=user, night=night, from_clock="00:00", to_clock="01:00", source="Phone"
    )
    for clock in ("01:30", "02:00", "02:10", "04:00"):
        EventFactory(owner=user, night=night, clock=clock)
    body = client.get(reverse("api_summary"), {"from": "2026-11-01", "to": "2026-11-07"}).json()
    assert body["recorded_stages"] == {
        "nights_with_stages": 1,
        "events_with_stage": 3,
        "events_by_stage": {"awake": 0, "light": 0, "deep": 1, "rem": 2, "asleep": 0, "in_bed": 0},
        "stage_hours": {
            "awake": 0.0,
            "light": 2.0,
            "deep": 1.0,
            "rem": 1.5,
            "asleep": 0.0,
            "in_bed": 0.0,
        },
        "events_per_hour_by_stage": {
            "awake": None,
            "light": 0.0,
            "deep": 1.0,
            "rem": 2 / 1.5,
            "asleep": None,
            "in_bed": None,
        },
    }
