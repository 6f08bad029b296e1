"""Pattern hints fire exactly at their thresholds; red flags follow clinical-notes §5."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from journal.review.summary import (
    CheckinInput,
    DiaryInput,
    EventInput,
    PartnerInput,
    PeriodInputs,
    summarize,
)
from journal.rules import hints
from journal.rules.nights import UsualSchedule

LONDON = ZoneInfo("Europe/London")
FIRST = date(2026, 6, 1)
# With the usual schedule (23:00, 15 minutes, 07:00) and no diary: falling asleep until 23:35,
# early until 01:50, middle until 04:25, late until 07:00.
CLOCK = {"evening": (22, 0), "falling_asleep": (23, 20), "early": (0, 30), "late": (5, 0)}


def at_window(night, window):
    hour, minute = CLOCK[window]
    day = night if hour >= 12 else night + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def events_in(windows, kind="twitch", **fields):
    """One event a night, night after night, in the windows given."""
    return tuple(
        EventInput(
            occurred_at=at_window(FIRST + timedelta(days=i), window),
            night_of=FIRST + timedelta(days=i),
            kind=kind,
            **fields,
        )
        for i, window in enumerate(windows)
    )


def summary_of(events=(), reports=(), diaries=(), checkins=(), earlier=False):
    return summarize(
        PeriodInputs(
            FIRST,
            FIRST + timedelta(days=27),
            LONDON,
            UsualSchedule(),
            events=tuple(events),
            partner_reports=tuple(reports),
            diaries=tuple(diaries),
            checkins=tuple(checkins),
            earlier_jerking_episode=earlier,
        )
    )


def codes(summary):
    return [hint.code for hint in summary.hints]


def test_sleep_onset_twitches_fire_at_three_with_half_falling_asleep():
    summary = summary_of(events_in(["falling_asleep", "falling_asleep", "late", "late"]))
    hint = summary.hints[0]
    assert hint.code == "sleep_onset_twitches"
    assert hint.evidence == "2 of 4 twitches while falling asleep."
    assert "guide" in hint.source


def test_sleep_onset_twitches_need_three_twitches():
    assert "sleep_onset_twitches" not in codes(summary_of(events_in(["falling_asleep"] * 2)))


def test_sleep_onset_twitches_need_half_of_them():
    windows = ["falling_asleep", "falling_asleep", "late", "late", "early"]
    assert "sleep_onset_twitches" not in codes(summary_of(events_in(windows)))


def drinks(nights_with):
    return [
        DiaryInput(night_of=FIRST + timedelta(days=i), alcohol_drinks=Decimal("2"))
        for i in range(nights_with)
    ]


def test_tremors_with_alcohol_fire_with_two_tremors_and_a_drinking_night():
    tremors = events_in(["early", "early"], kind="tremor", body_parts=("left_hand",))
    summary = summary_of(tremors, diaries=drinks(1))
    hint = next(h for h in summary.hints if h.code == "tremor_with_alcohol")
    assert hint.evidence == (
        "2 tremors in the hands, arms, legs or face; 1 of them on 1 night with alcohol."
    )


def test_tremors_without_alcohol_or_elsewhere_do_not_fire():
    assert "tremor_with_alcohol" not in codes(
        summary_of(events_in(["early"] * 2, kind="tremor", body_parts=("left_hand",)))
    )
    assert "tremor_with_alcohol" not in codes(
        summary_of(events_in(["early"], kind="tremor", body_parts=("face",)), diaries=drinks(1))
    )
    assert "tremor_with_alcohol" not in codes(
        summary_of(
            events_in(["early"] * 2, kind="tremor", body_parts=("trunk",)), diaries=drinks(2)
        )
    )


def test_restless_urges_in_the_evening():
    fired = summary_of(events_in(["evening", "late"], kind="restless_urge"))
    assert "evening_restless_urges" in codes(fired)
    assert "evening_restless_urges" not in codes(
        summary_of(events_in(["evening"], kind="restless_urge"))
    )
    assert "evening_restless_urges" not in codes(
        summary_of(events_in(["evening", "late", "late"], kind="restless_urge"))
    )


@pytest.mark.parametrize(
    ("fields", "fires"),
    [
        ({"body_parts": ("left_leg",), "duration_seconds": 60}, True),
        ({"body_parts": ("left_leg", "left_foot", "right_arm"), "duration_seconds": 90}, True),
        ({"body_parts": ("left_leg",), "duration_seconds": 59}, False),
        ({"body_parts": ("left_leg", "right_leg", "left_arm"), "duration_seconds": 120}, False),
        ({"body_parts": ("face",), "duration_seconds": 120}, False),
        ({"body_parts": (), "consciousness_changed": True}, True),
    ],
)
def test_convulsion_like_spasms(fields, fires):
    summary = summary_of(events_in(["early"], kind="spasm", **fields))
    assert ("convulsion_like" in codes(summary)) is fires


def test_dystonia_signs_on_check_in_days():
    checkins = [
        CheckinInput(FIRST, ("foot_cramps", "uncontrollable_blinking")),
        CheckinInput(FIRST + timedelta(days=1), ("foot_cramps",)),
        CheckinInput(FIRST + timedelta(days=2), ()),
    ]
    hint = next(h for h in summary_of(checkins=checkins).hints if h.code == "dystonia_signs")
    assert hint.evidence == (
        "Signs on 2 of 3 check-in days: foot cramps (2), uncontrollable blinking (1)."
    )
    assert "dystonia_signs" not in codes(summary_of(checkins=[CheckinInput(FIRST, ())]))


def test_late_night_events_or_a_partner_seeing_heavy_twitching():
    assert "late_night_or_partner" in codes(summary_of(events_in(["late", "late", "early"])))
    assert "late_night_or_partner" not in codes(summary_of(events_in(["late", "late"])))
    assert "late_night_or_partner" not in codes(summary_of(events_in(["late", "early", "early"])))
    report = PartnerInput(at_window(FIRST, "late"), FIRST, ("acting_out_dream",))
    fired = summary_of(reports=[report])
    assert codes(fired) == ["late_night_or_partner"]
    assert "1 partner report" in fired.hints[0].evidence
    talking = PartnerInput(at_window(FIRST, "late"), FIRST, ("talking_shouting",))
    assert codes(summary_of(reports=[talking])) == []


def test_woken_on_many_nights():
    woken = events_in(["early"] * 3, kind="cramp", woke_me=True)
    hint = next(h for h in summary_of(woken).hints if h.code == "woken_many_nights")
    assert hint.evidence == "Woken on 3 of 3 logged nights."
    assert "sleep study" in hint.rule
    # Three nights woken out of ten logged is less than a third.
    diaries = [DiaryInput(night_of=FIRST + timedelta(days=i)) for i in range(10)]
    assert "woken_many_nights" not in codes(summary_of(woken, diaries=diaries))
    diaries = [DiaryInput(night_of=FIRST + timedelta(days=i)) for i in range(9)]
    assert "woken_many_nights" in codes(summary_of(woken, diaries=diaries))
    assert "woken_many_nights" not in codes(summary_of(woken[:2]))


def test_no_hint_says_you_have_something():
    for rule in hints.HINT_RULES.values():
        text = f"{rule.title} {rule.rule} {rule.advice}".lower()
        assert "you have " not in text
        assert rule.source


def flag_codes(summary):
    return [flag.code for flag in summary.red_flags]


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"duration_seconds": 300}, "long_episode"),
        ({"injury": True}, "injury"),
        ({"tongue_bitten": True}, "tongue_bitten"),
        ({"incontinence": True}, "incontinence"),
        ({"confused_after": True}, "confused_after"),
    ],
)
def test_event_red_flags(fields, code):
    summary = summary_of(events_in(["late"], kind="spasm", **fields))
    assert flag_codes(summary) == [code]
    flag = summary.red_flags[0]
    assert flag.advice == "Seek medical attention."
    assert flag.when == at_window(FIRST, "late")
    assert flag.as_json()["when"] == "2026-06-02T05:00:00+01:00"


def test_no_red_flag_below_five_minutes_or_for_answers_of_no():
    fields = {"duration_seconds": 299, "injury": False, "tongue_bitten": None}
    assert flag_codes(summary_of(events_in(["late"], kind="spasm", **fields))) == []


@pytest.mark.parametrize(
    ("observations", "duration", "code"),
    [
        (("breathing_pauses",), None, "breathing_trouble"),
        (("unresponsive",), None, "unresponsive"),
        (("fell_out_of_bed",), None, "fell_out_of_bed"),
        (("shaking_all_over",), 300, "long_episode"),
    ],
)
def test_partner_red_flags(observations, duration, code):
    report = PartnerInput(at_window(FIRST, "late"), FIRST, observations, duration)
    assert flag_codes(summary_of(reports=[report])) == [code]


def test_only_the_first_jerking_episode_ever_is_flagged():
    episodes = events_in(["early", "late"], kind="jerking_episode")
    summary = summary_of(episodes)
    assert flag_codes(summary) == ["first_jerking_episode"]
    assert summary.red_flags[0].when == episodes[0].occurred_at
    assert flag_codes(summary_of(episodes, earlier=True)) == []


def test_red_flags_come_in_time_order():
    late = events_in(["late"], kind="spasm", injury=True)
    report = PartnerInput(at_window(FIRST, "early"), FIRST, ("unresponsive",))
    assert flag_codes(summary_of(late, reports=[report])) == ["unresponsive", "injury"]


@pytest.mark.parametrize("kind", ["cramp", "restless_urge", "twitch"])
def test_a_long_cramp_or_restless_spell_is_no_red_flag(kind):
    summary = summary_of(events_in(["late"], kind=kind, duration_seconds=600))
    assert flag_codes(summary) == []
