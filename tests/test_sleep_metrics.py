"""Sleep metrics (definitions §4): only from entered inputs, elapsed time, means where defined."""

import pytest

from journal.rules.sleep_metrics import NightMetrics, mean_metrics, night_metrics
from tests.factories import local


def london(*args):
    return local("Europe/London", *args)


def full_night(**changes):
    values = {
        "got_into_bed": london(2026, 3, 10, 22, 30),
        "tried_to_sleep": london(2026, 3, 10, 23, 0),
        "minutes_to_fall_asleep": 20,
        "awake_minutes": 40,
        "final_wake": london(2026, 3, 11, 7, 0),
        "out_of_bed": london(2026, 3, 11, 7, 30),
    }
    values.update(changes)
    return night_metrics(**values)


def test_it_computes_every_metric_from_a_full_diary():
    metrics = full_night()
    assert metrics.tib == 540
    assert metrics.sol == 20
    assert metrics.waso == 40
    assert metrics.tst == 480 - 20 - 40
    assert metrics.se == pytest.approx(420 / 540 * 100)


def test_zero_minutes_awake_is_an_entry():
    assert full_night(awake_minutes=0).tst == 460


@pytest.mark.parametrize(
    "blank", ["tried_to_sleep", "minutes_to_fall_asleep", "awake_minutes", "final_wake"]
)
def test_tst_and_se_need_every_input(blank):
    metrics = full_night(**{blank: None})
    assert metrics.tst is None
    assert metrics.se is None
    assert metrics.tib == 540


@pytest.mark.parametrize("blank", ["got_into_bed", "out_of_bed"])
def test_tib_needs_both_bed_times_and_se_needs_tib(blank):
    metrics = full_night(**{blank: None})
    assert metrics.tib is None
    assert metrics.se is None
    assert metrics.tst == 420


def test_se_needs_a_time_in_bed_above_zero():
    same = london(2026, 3, 11, 7, 0)
    metrics = full_night(got_into_bed=same, out_of_bed=same)
    assert metrics.tib == 0
    assert metrics.se is None


def test_the_night_the_clocks_go_back_lasts_an_hour_longer():
    # Europe/London, Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT.
    metrics = night_metrics(
        got_into_bed=london(2026, 10, 24, 23, 0),
        tried_to_sleep=london(2026, 10, 24, 23, 0),
        minutes_to_fall_asleep=0,
        awake_minutes=0,
        final_wake=london(2026, 10, 25, 7, 0),
        out_of_bed=london(2026, 10, 25, 7, 0),
    )
    assert metrics.tib == 9 * 60
    assert metrics.tst == 9 * 60
    assert metrics.se == 100


def test_the_night_the_clocks_go_forward_lasts_an_hour_less():
    # America/New_York, Sunday 8 March 2026: 02:00 EST becomes 03:00 EDT.
    metrics = night_metrics(
        got_into_bed=local("America/New_York", 2026, 3, 7, 23, 0),
        tried_to_sleep=local("America/New_York", 2026, 3, 7, 23, 0),
        minutes_to_fall_asleep=15,
        awake_minutes=5,
        final_wake=local("America/New_York", 2026, 3, 8, 7, 0),
        out_of_bed=local("America/New_York", 2026, 3, 8, 7, 0),
    )
    assert metrics.tib == 7 * 60
    assert metrics.tst == 7 * 60 - 20


def test_a_blank_diary_has_no_metrics():
    assert night_metrics(None, None, None, None, None, None) == NightMetrics(
        None, None, None, None, None
    )


def test_means_use_only_the_nights_where_each_metric_exists():
    means = mean_metrics(
        [
            NightMetrics(tib=500, tst=400, se=80, sol=10, waso=None),
            NightMetrics(tib=None, tst=None, se=None, sol=30, waso=20),
            NightMetrics(tib=None, tst=300, se=None, sol=None, waso=None),
        ]
    )
    assert means.tib == 500
    assert means.tst == 350
    assert means.se == 80
    assert means.sol == 20
    assert means.waso == 20
    assert means.nights == 3


def test_means_of_nothing_are_none():
    means = mean_metrics([])
    assert means.as_json() == {
        "mean_tib_min": None,
        "mean_tst_min": None,
        "mean_se_pct": None,
        "mean_sol_min": None,
        "mean_waso_min": None,
    }
