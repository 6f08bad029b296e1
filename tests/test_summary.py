"""Period summaries (definitions §5) against hand-computed figures, and their query count."""

import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from journal import figures
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.review.periods import entries_summary, load_period, summary_for
from journal.review.summary import (
    DiaryInput,
    EventInput,
    PartnerInput,
    PeriodInputs,
    summarize,
    week_mondays,
)
from journal.rules.nights import UsualSchedule
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    SymptomCheckinFactory,
    on_night,
)

LONDON = ZoneInfo("Europe/London")


def at(*args, fold=0):
    return datetime(*args, tzinfo=LONDON, fold=fold)


def event(instant, night, kind="twitch", **fields):
    return EventInput(occurred_at=instant, night_of=night, kind=kind, **fields)


def period(first, last, **inputs):
    return PeriodInputs(first, last, LONDON, UsualSchedule(), **inputs)


@pytest.fixture
def dst_journal():
    """Three nights around the end of British Summer Time (02:00 BST → 01:00 GMT, 25 Oct 2026).

    Night of Sat 24: diary 23:00 BST lights-out, 20 min to sleep, woke 07:00 GMT, so the sleep
    period is 520 elapsed minutes from 22:20 UTC: b1 22:40, b2 01:13:20, b3 04:06:40 (UTC).
    """
    sat, sun, fri = date(2026, 10, 24), date(2026, 10, 25), date(2026, 10, 23)
    diaries = (
        DiaryInput(
            night_of=sat,
            got_into_bed=at(2026, 10, 24, 22, 45),
            tried_to_sleep=at(2026, 10, 24, 23, 0),
            minutes_to_fall_asleep=20,
            awake_minutes=40,
            final_wake=at(2026, 10, 25, 7, 0),
            out_of_bed=at(2026, 10, 25, 7, 15),
            alcohol_drinks=Decimal("2"),
        ),
        DiaryInput(
            night_of=fri,
            tried_to_sleep=at(2026, 10, 23, 23, 0),
            minutes_to_fall_asleep=10,
            final_wake=at(2026, 10, 24, 6, 30),
            alcohol_drinks=Decimal("0"),
        ),
    )
    events = (
        event(at(2026, 10, 24, 23, 30), sat, body_parts=("left_leg",)),  # falling asleep
        event(at(2026, 10, 25, 1, 30, fold=0), sat, body_parts=("left_leg", "right_leg")),  # early
        event(at(2026, 10, 25, 1, 30, fold=1), sat, "tremor", body_parts=("left_hand",)),  # middle
        event(at(2026, 10, 25, 5, 0), sat, "cramp"),  # late
        event(at(2026, 10, 25, 7, 0), sat),  # exactly at final wake: on waking
        event(at(2026, 10, 25, 23, 10), sun, woke_me=True),  # estimated: falling asleep
        event(at(2026, 10, 24, 6, 45), fri),  # after final wake 06:30
    )
    reports = (PartnerInput(at(2026, 10, 25, 3, 0), sat, ("twitching",)),)
    return period(
        date(2026, 10, 19),
        date(2026, 10, 28),
        events=events,
        partner_reports=reports,
        diaries=diaries,
    )


def test_it_summarizes_a_journal_across_the_clock_change(dst_journal):
    summary = summarize(dst_journal)
    assert summary.nights_logged == 3
    assert summary.nights_with_diary == 2
    assert summary.events == 7
    assert summary.events_per_logged_night == pytest.approx(7 / 3)
    assert summary.estimated_windows == 1
    assert summary.events_by_window == {
        "evening": 0,
        "falling_asleep": 2,
        "early": 1,
        "middle": 1,
        "late": 1,
        "on_waking": 2,
    }
    assert summary.events_by_kind == {
        "twitch": 5,
        "tremor": 1,
        "spasm": 0,
        "cramp": 1,
        "restless_urge": 0,
        "jerking_episode": 0,
        "other": 0,
    }
    assert summary.events_by_body_part == {"left_leg": 2, "right_leg": 1, "left_hand": 1}
    assert summary.nights_woken == 1
    assert summary.partner_reports == 1
    assert summary.partner_by_window["middle"] == 1
    # TIB 22:45 BST → 07:15 GMT is 9 h 30 elapsed; TST = 540 − 20 − 40.
    assert summary.sleep.tib == 570
    assert summary.sleep.tst == 480
    assert summary.sleep.se == pytest.approx(480 / 570 * 100)
    assert summary.sleep.sol == 15
    assert summary.sleep.waso == 40
    assert [week.as_json() for week in summary.weeks] == [
        {"week": "2026-W43", "nights_logged": 3, "events": 7, "nights_woken": 1},
        {"week": "2026-W44", "nights_logged": 0, "events": 0, "nights_woken": 0},
    ]
    alcohol = summary.alcohol.as_json()
    assert alcohol == {
        "enough_data": False,
        "with": {"nights": 1, "events_per_night": None, "late_share": None},
        "without": {"nights": 1, "events_per_night": None, "late_share": None},
    }
    assert summary.alcohol.more_with_needed == 2
    assert summary.alcohol.more_without_needed == 2


def test_the_hour_chart_counts_both_readings_of_the_repeated_hour(dst_journal):
    from journal.review.summary import HOUR_AXIS

    hours = dict(zip(HOUR_AXIS, summarize(dst_journal).events_by_hour, strict=True))
    assert hours[1] == 2
    assert hours[23] == 2
    assert hours[5] == 1 and hours[6] == 1 and hours[7] == 1
    assert hours[None] == 0


def test_entries_outside_the_period_are_left_out(dst_journal):
    summary = summarize(dst_journal.narrowed(date(2026, 10, 25), date(2026, 10, 25)))
    assert summary.events == 1
    assert summary.nights_logged == 1
    assert summary.nights_with_diary == 0
    assert [week.week for week in summary.weeks] == ["2026-W43"]


def alcohol_period(with_nights, without_nights, blank_nights=0):
    first = date(2026, 6, 1)
    diaries, events = [], []
    for index in range(with_nights + without_nights + blank_nights):
        night = first + timedelta(days=index)
        if index < with_nights:
            drinks = Decimal("1.5")
        elif index < with_nights + without_nights:
            drinks = Decimal("0")
        else:
            drinks = None
        diaries.append(DiaryInput(night_of=night, alcohol_drinks=drinks))
        # Two events a night with alcohol (one at 05:30, late), one on other nights (00:30).
        events.append(
            event(at(night.year, night.month, night.day, 23, 50) + timedelta(hours=1), night)
        )
        if drinks:
            events.append(
                event(datetime.combine(night + timedelta(days=1), time(5, 30), LONDON), night)
            )
    return period(first, first + timedelta(days=30), diaries=tuple(diaries), events=tuple(events))


@pytest.mark.parametrize(("with_nights", "without_nights"), [(2, 3), (3, 2), (2, 2), (0, 5)])
def test_the_alcohol_comparison_needs_three_nights_each_side(with_nights, without_nights):
    alcohol = summarize(alcohol_period(with_nights, without_nights, blank_nights=4)).alcohol
    assert alcohol.enough_data is False
    assert alcohol.as_json()["with"] == {
        "nights": with_nights,
        "events_per_night": None,
        "late_share": None,
    }
    assert alcohol.without_alcohol.nights == without_nights
    assert alcohol.without_alcohol.events_per_night is None


def test_the_alcohol_comparison_shows_with_three_nights_each_side():
    alcohol = summarize(alcohol_period(3, 4, blank_nights=2)).alcohol
    assert alcohol.enough_data is True
    assert alcohol.as_json() == {
        "enough_data": True,
        "with": {"nights": 3, "events_per_night": 2.0, "late_share": 0.5},
        "without": {"nights": 4, "events_per_night": 1.0, "late_share": 0.0},
    }


def test_a_side_without_events_has_no_late_share():
    diaries = tuple(
        DiaryInput(night_of=date(2026, 6, day), alcohol_drinks=Decimal(day % 2))
        for day in range(1, 7)
    )
    alcohol = summarize(period(date(2026, 6, 1), date(2026, 6, 7), diaries=diaries)).alcohol
    assert alcohol.enough_data is True
    assert alcohol.with_alcohol.events_per_night == 0
    assert alcohol.with_alcohol.late_share is None


def test_weeks_cross_the_iso_year_boundary_with_zero_weeks():
    assert date(2026, 12, 28).isocalendar()[:2] == (2026, 53)
    events = (event(at(2027, 1, 2, 23, 30), date(2027, 1, 2), woke_me=True),)
    summary = summarize(period(date(2026, 12, 28), date(2027, 1, 17), events=events))
    assert [week.as_json() for week in summary.weeks] == [
        {"week": "2026-W53", "nights_logged": 1, "events": 1, "nights_woken": 1},
        {"week": "2027-W01", "nights_logged": 0, "events": 0, "nights_woken": 0},
        {"week": "2027-W02", "nights_logged": 0, "events": 0, "nights_woken": 0},
    ]


def test_a_week_counts_only_the_periods_nights():
    events = (
        event(at(2026, 11, 2, 23, 0), date(2026, 11, 2)),  # Monday: before the period
        event(at(2026, 11, 5, 23, 0), date(2026, 11, 5)),  # Thursday: inside
    )
    summary = summarize(period(date(2026, 11, 4), date(2026, 11, 10), events=events))
    assert [(w.week, w.events) for w in summary.weeks] == [("2026-W45", 1), ("2026-W46", 0)]


def test_week_mondays_cover_every_overlapping_week():
    assert week_mondays(date(2026, 11, 8), date(2026, 11, 9)) == [
        date(2026, 11, 2),
        date(2026, 11, 9),
    ]
    assert week_mondays(date(2026, 11, 9), date(2026, 11, 9)) == [date(2026, 11, 9)]


@pytest.mark.django_db
def test_load_period_reads_the_users_entries(user, other_user):
    night = date(2026, 10, 24)
    NightFactory(owner=user, night_of=night, alcohol_drinks=1)
    EventFactory(owner=user, occurred_at=at(2026, 10, 25, 1, 30, fold=1), kind="spasm")
    EventFactory(owner=user, occurred_at=at(2026, 10, 1, 23, 0), kind="jerking_episode")
    EventFactory(owner=other_user, occurred_at=at(2026, 10, 25, 1, 0))
    PartnerReportFactory(owner=user, observed_at=at(2026, 10, 25, 3, 0))
    SymptomCheckinFactory(owner=user, date=night, foot_cramps=True)
    loaded = load_period(user, night, night)
    assert [(e.kind, e.night_of) for e in loaded.events] == [("spasm", night)]
    assert loaded.partner_reports[0].observations == ("twitching",)
    assert loaded.diaries[0].alcohol_drinks == 1
    assert loaded.checkins[0].signs == ("foot_cramps",)
    assert loaded.earlier_jerking_episode is True


@pytest.mark.django_db
def test_a_two_year_summary_takes_a_constant_number_of_queries(user, django_assert_max_num_queries):
    """Two years of nights, diaries, events, partner reports and check-ins: five queries."""
    rng = random.Random(7)
    first = date(2024, 11, 1)
    diaries, events, reports, checkins = [], [], [], []
    for offset in range(730):
        night = first + timedelta(days=offset)
        lights_out = on_night(night, "23:00", user.tz)
        diaries.append(
            NightFactory.build(
                owner=user,
                night_of=night,
                tried_to_sleep=lights_out,
                minutes_to_fall_asleep=rng.randint(5, 40),
                awake_minutes=rng.randint(0, 60),
                final_wake=lights_out + timedelta(hours=8),
                alcohol_drinks=rng.choice([None, 0, 0, 1, 2]),
            )
        )
        events += [
            EventFactory.build(
                owner=user,
                occurred_at=lights_out + timedelta(minutes=rng.randint(-60, 500)),
                kind=rng.choice(["twitch", "twitch", "tremor", "cramp", "restless_urge"]),
                body_parts=rng.sample(["left_leg", "right_leg", "face", "left_hand"], 2),
                woke_me=rng.random() < 0.2,
            )
            for _ in range(rng.randint(0, 5))
        ]
        if offset % 15 == 0:
            reports.append(
                PartnerReportFactory.build(owner=user, observed_at=lights_out + timedelta(hours=5))
            )
        if offset % 7 == 0:
            checkins.append(
                SymptomCheckinFactory.build(owner=user, date=night, foot_cramps=offset % 14 == 0)
            )
    Night.objects.bulk_create(diaries)
    Event.objects.bulk_create(events)
    PartnerReport.objects.bulk_create(reports)
    SymptomCheckin.objects.bulk_create(checkins)
    # bulk_create bypasses the signals that keep the stored per-night figures current.
    figures.rebuild(user)

    last = first + timedelta(days=729)
    with django_assert_max_num_queries(4):
        summary = summary_for(user, first, last)
    assert summary == entries_summary(user, first, last)
    assert summary.events == len(events)
    assert summary.nights_with_diary == 730
    assert summary.partner_reports == len(reports)
    assert len(summary.weeks) >= 105
    assert sum(week.events for week in summary.weeks) == len(events)
    with django_assert_max_num_queries(4):
        summary_for(user, first, first + timedelta(days=6))
