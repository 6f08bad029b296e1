"""GET /api/summary: exactly the keys of definitions §6, nulls, and JSON errors."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from journal.review.periods import entries_summary, summary_for
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    StageSegmentFactory,
)

TOP_KEYS = {
    "from",
    "to",
    "nights_logged",
    "nights_with_diary",
    "events",
    "events_per_logged_night",
    "estimated_windows",
    "events_by_window",
    "events_by_kind",
    "events_by_body_part",
    "nights_woken",
    "sleep",
    "alcohol",
    "partner_reports",
    "weeks",
    "hints",
    "red_flags",
    "window_hours",
    "events_per_hour_by_window",
    "recorded_stages",
}
IN_BED = ["falling_asleep", "early", "middle", "late"]
STAGE_KEYS = ["awake", "light", "deep", "rem", "asleep", "in_bed"]


def get(client, **params):
    return client.get(reverse("api_summary"), params)


def test_it_answers_anonymous_callers_with_401_json(client):
    response = get(client, **{"from": "2026-10-01", "to": "2026-10-28"})
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]


def test_an_empty_period_has_every_key_with_zeros_and_nulls(signed_in):
    response = get(signed_in, **{"from": "2026-10-01", "to": "2026-10-07"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == TOP_KEYS
    assert body["from"] == "2026-10-01" and body["to"] == "2026-10-07"
    assert body["events_per_logged_night"] is None
    assert body["events_by_window"] == dict.fromkeys(
        ["evening", "falling_asleep", "early", "middle", "late", "on_waking"], 0
    )
    assert body["events_by_kind"] == dict.fromkeys(
        ["twitch", "tremor", "spasm", "cramp", "restless_urge", "jerking_episode", "other"], 0
    )
    assert body["events_by_body_part"] == {}
    assert body["sleep"] == {
        "mean_tib_min": None,
        "mean_tst_min": None,
        "mean_se_pct": None,
        "mean_sol_min": None,
        "mean_waso_min": None,
    }
    assert body["alcohol"] == {
        "enough_data": False,
        "with": {"nights": 0, "events_per_night": None, "late_share": None},
        "without": {"nights": 0, "events_per_night": None, "late_share": None},
    }
    # 2026-10-01 is a Thursday: weeks 40 and 41 overlap the period.
    assert body["weeks"] == [
        {"week": "2026-W40", "nights_logged": 0, "events": 0, "nights_woken": 0},
        {"week": "2026-W41", "nights_logged": 0, "events": 0, "nights_woken": 0},
    ]
    assert body["hints"] == [] and body["red_flags"] == []
    # No logged night: no exposure, so no rate (§5, §6).
    assert body["window_hours"] == dict.fromkeys(IN_BED, 0.0)
    assert body["events_per_hour_by_window"] == dict.fromkeys(IN_BED, None)
    assert body["recorded_stages"] == {
        "nights_with_stages": 0,
        "events_with_stage": 0,
        "events_by_stage": dict.fromkeys(STAGE_KEYS, 0),
        "stage_hours": dict.fromkeys(STAGE_KEYS, 0.0),
        "events_per_hour_by_stage": dict.fromkeys(STAGE_KEYS, None),
    }


def test_it_returns_the_same_numbers_as_the_summary(signed_in, user, other_user):
    night = date(2026, 10, 11)
    NightFactory(
        owner=user,
        night_of=night,
        tried_to_sleep="23:00",
        minutes_to_fall_asleep=20,
        awake_minutes=30,
        final_wake="07:00",
        alcohol_drinks=0,
    )
    EventFactory(
        owner=user,
        night=night,
        clock="02:14",
        kind="jerking_episode",
        body_parts=["left_leg", "right_leg"],
        duration_seconds=360,
        woke_me=True,
    )
    EventFactory(owner=other_user, night=night, clock="02:00")
    body = get(signed_in, **{"from": "2026-10-01", "to": "2026-10-28"}).json()
    assert body == summary_for(user, date(2026, 10, 1), date(2026, 10, 28)).as_json()
    assert body["events"] == 1
    assert body["nights_logged"] == 1
    assert body["events_per_logged_night"] == 1.0
    assert body["events_by_window"]["middle"] == 1
    assert body["events_by_body_part"] == {"left_leg": 1, "right_leg": 1}
    assert body["sleep"]["mean_tst_min"] == 480 - 20 - 30
    assert body["sleep"]["mean_tib_min"] is None
    assert {flag["code"] for flag in body["red_flags"]} == {
        "long_episode",
        "first_jerking_episode",
    }
    assert body["red_flags"][0]["when"] == "2026-10-12T02:14:00+01:00"
    assert set(body["red_flags"][0]) == {"code", "title", "when"}
    for week in body["weeks"]:
        assert set(week) == {"week", "nights_logged", "events", "nights_woken"}
    for hint in body["hints"]:
        assert {"code", "title", "evidence", "source"} <= set(hint)


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"to": "2026-10-28"}, "from"),
        ({"from": "2026-10-01"}, "to"),
        ({"from": "", "to": "2026-10-28"}, "from"),
        ({"from": "2026-13-01", "to": "2026-10-28"}, "from"),
        ({"from": "20261001", "to": "2026-10-28"}, "from"),
        ({"from": "2026-10-01", "to": "yesterday"}, "to"),
        ({"from": "2026-10-01", "to": "2026-02-30"}, "to"),
        ({"from": "2026-10-28", "to": "2026-10-01"}, "to"),
        ({"from": "0001-01-01", "to": "0001-01-02"}, "from"),
    ],
)
def test_it_rejects_bad_dates_naming_the_parameter(signed_in, params, parameter):
    response = get(signed_in, **params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["parameter"] == parameter
    assert parameter in body["error"]


def test_it_allows_3660_nights_and_refuses_3661(signed_in):
    first = date(2016, 1, 1)
    ok = get(signed_in, **{"from": first, "to": first + timedelta(days=3659)})
    assert ok.status_code == 200
    assert len(ok.json()["weeks"]) >= 522
    too_long = get(signed_in, **{"from": first, "to": first + timedelta(days=3660)})
    assert too_long.status_code == 400
    assert too_long.json()["parameter"] == "to"


def test_a_single_night_is_a_valid_period(signed_in):
    response = get(signed_in, **{"from": "2026-10-25", "to": "2026-10-25"})
    assert response.status_code == 200
    assert response.json()["weeks"] == [
        {"week": "2026-W43", "nights_logged": 0, "events": 0, "nights_woken": 0}
    ]


@pytest.mark.now("2026-11-20 09:30", tz="Europe/London")
def test_a_year_is_read_in_as_few_queries_as_a_week(signed_in, user, django_assert_max_num_queries):
    """The summary sums stored per-night figures: a year (with stages, diaries, partner reports)
    costs the session, the user and four queries, the same as a week."""
    first = date(2025, 10, 1)
    for offset in range(0, 365, 3):
        night = first + timedelta(days=offset)
        NightFactory(owner=user, night_of=night, full=True)
        EventFactory(owner=user, night=night, clock="23:10", injury=offset % 30 == 0)
        EventFactory(owner=user, night=night, clock="04:40", kind="tremor")
        PartnerReportFactory(owner=user, night=night, clock="02:00")
        StageSegmentFactory(owner=user, night=night, from_clock="23:00", to_clock="04:50")
    summary_for(user, first, first)  # figures first built for this account (then kept current)
    for last in (first + timedelta(days=6), first + timedelta(days=364)):
        with django_assert_max_num_queries(6):
            response = get(signed_in, **{"from": first.isoformat(), "to": last.isoformat()})
        assert response.json() == entries_summary(user, first, last).as_json()
    assert response.json()["events"] == 2 * 122
    assert response.json()["recorded_stages"]["events_by_stage"]["light"] == 2 * 122
