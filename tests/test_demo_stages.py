"""The demo's recorded sleep stages (journal/data/demo.py): a watch on most nights, deep sleep
early and REM late, consistent with the diary and the events, the same for the same seed."""

from datetime import date, timedelta

import pytest

from accounts.models import User
from journal.data import demo
from journal.models import StageSegment
from journal.review.stages import period_stages
from journal.rules import nights as night_rules
from journal.rules import stages

pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")

END = date(2026, 11, 10)
NIGHTS = 56


def build(seed=7, now=None, **more):
    owner = User(email="someone@example.com", time_zone="Europe/London")
    return owner, demo.build_demo(owner, end_date=END, nights_count=NIGHTS, seed=seed, now=now)


def by_night(owner, journal):
    segments = [stages.Segment(s.start, s.end, s.stage, s.source) for s in journal.stage_segments]
    return stages.by_night(segments, owner.tz)


def test_most_nights_have_a_watchs_stages_and_some_the_phones_time_in_bed():
    owner, journal = build()
    nights = by_night(owner, journal)
    watched = [n for n in nights.values() if n.source == demo.WATCH]
    assert 0.7 * NIGHTS < len(watched) < NIGHTS
    assert any(demo.PHONE in n.other_sources for n in watched)


def test_deep_sleep_comes_early_and_rem_late():
    owner, journal = build()
    early = {"deep": timedelta(0), "rem": timedelta(0)}
    late = dict(early)
    for night in by_night(owner, journal).values():
        if night.source != demo.WATCH:
            continue
        middle = night.pieces[0].start + (night.pieces[-1].end - night.pieces[0].start) / 2
        for piece in night.pieces:
            if piece.stage in early:
                half = early if piece.start < middle else late
                half[piece.stage] += piece.duration
    assert early["deep"] > 3 * late["deep"]
    assert late["rem"] > 1.5 * early["rem"]


def test_the_watchs_night_starts_at_lights_out_and_ends_at_the_final_wake():
    owner, journal = build()
    diaries = {d.night_of: d for d in journal.diaries if d.tried_to_sleep and d.final_wake}
    nights = by_night(owner, journal)
    checked = 0
    for night_of, diary in diaries.items():
        night = nights.get(night_of)
        if night is None or night.source != demo.WATCH:
            continue
        assert night.pieces[0].start == diary.tried_to_sleep.replace(microsecond=0)
        assert night.pieces[-1].end <= diary.final_wake
        checked += 1
    assert checked > 20


def test_late_jolts_come_out_of_rem_and_an_event_that_woke_is_followed_by_waking():
    owner, journal = build()
    by_date = by_night(owner, journal)
    dreams = 0
    for event in journal.events:
        night = by_date.get(night_rules.night_of(event.occurred_at, owner.tz))
        if night is None or night.source != demo.WATCH:
            continue
        if event.woke_me and event.notes == "Vivid dream, then a jolt.":
            assert night.stage_at(event.occurred_at) == "rem"
            assert night.stage_at(event.occurred_at + timedelta(seconds=45)) == "awake"
            dreams += 1
    assert dreams >= 2


def test_the_same_seed_gives_the_same_stages_and_another_seed_others():
    _, first = build(seed=7)
    _, again = build(seed=7)
    _, other = build(seed=8)

    def rows(journal):
        return [(s.start, s.end, s.stage, s.source) for s in journal.stage_segments]

    assert rows(first) == rows(again)
    assert rows(first) != rows(other)


def test_adding_stages_left_the_rest_of_the_demo_as_it_was():
    _, journal = build(seed=7)
    # The other entries come from their own random stream: the stages draw from a second one.
    assert len(journal.events) == len(build(seed=7)[1].events)
    assert [e.occurred_at for e in journal.events] == [
        e.occurred_at for e in build(seed=7)[1].events
    ]


def test_no_stage_ends_after_now():
    owner = User(email="someone@example.com", time_zone="Europe/London")
    now = demo.build_demo(owner, end_date=END, nights_count=3, seed=3).stage_segments[-1].end
    journal = demo.build_demo(
        owner, end_date=END, nights_count=3, seed=3, now=now - timedelta(seconds=1)
    )
    assert all(segment.end < now for segment in journal.stage_segments)


@pytest.mark.django_db
def test_the_seeded_demo_has_its_stages_on_their_nights(demo_owner):
    segments = StageSegment.objects.for_user(demo_owner)
    assert segments.count() > 1000
    recorded = period_stages(demo_owner, END - timedelta(days=NIGHTS), END)
    assert len(recorded) > 40
    for segment in segments[:200]:
        segment.full_clean()
