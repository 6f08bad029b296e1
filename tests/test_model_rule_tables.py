"""The models' rules as tables: ranges (clean() and constraint from one bound), choice lists, and
the diary's order rules (journal/models.py)."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import CheckConstraint

from journal.models import (
    DRINKS_BEFORE_WAKING,
    SLEEP_ORDER,
    ChoiceList,
    Event,
    Night,
    PartnerReport,
    Range,
    broken_rules,
)
from journal.rules.vocabulary import OBSERVATIONS

LIGHTS_OUT = datetime(2026, 3, 2, 23, 0, tzinfo=UTC)


def hours_after_lights_out(hours):
    return LIGHTS_OUT + timedelta(hours=hours)


def order_errors(**hours):
    """The diary's order errors for times given in hours after 23:00 (None: left blank)."""
    times = {
        field: None if value is None else hours_after_lights_out(value)
        for field, value in hours.items()
    }
    return Night(**times)._order_errors()


@pytest.mark.parametrize("model", [Event, PartnerReport, Night])
def test_every_range_is_also_a_database_constraint_with_the_same_bounds(model):
    constraints = {c.name: c for c in model._meta.constraints if isinstance(c, CheckConstraint)}
    for rule in model.RANGES:
        assert constraints[rule.constraint_name] == rule.constraint()


def test_a_range_allows_its_bounds_and_blank_and_names_the_problem_outside_them():
    intensity = Range("intensity", 1, 5, "Intensity is 1 to 5.", "intensity_range")
    assert [intensity.problem(value) for value in (None, 1, 5)] == [None, None, None]
    assert intensity.problem(0) == intensity.problem(6) == "Intensity is 1 to 5."


def test_a_decimal_range_reads_the_value_as_a_decimal():
    temperature = Range("temperature_c", Decimal("34.0"), Decimal("43.0"), "No.", "temp")
    assert temperature.problem("36.6") is None
    assert temperature.problem(33.9) == "No."
    assert temperature.problem(Decimal("43.0")) is None


def test_a_choice_list_refuses_unknown_items_and_an_empty_list_when_it_must_not_be_empty():
    seen = ChoiceList("observations", OBSERVATIONS, empty="Tick at least one.")
    assert seen.problem(["twitching", "other"]) is None
    assert seen.problem(["snoring"]).startswith("Choose from the list: Twitching, ")
    assert seen.problem("twitching").startswith("Choose from the list")
    assert seen.problem([]) == "Tick at least one."
    assert ChoiceList("body_parts", OBSERVATIONS).problem([]) is None


def test_a_diary_in_order_breaks_no_rule():
    assert (
        order_errors(
            got_into_bed=-0.5,
            tried_to_sleep=0,
            final_wake=8,
            out_of_bed=8,
            last_drink_at=-2,
            last_caffeine_at=-6,
        )
        == []
    )


@pytest.mark.parametrize("rule", [*SLEEP_ORDER, *DRINKS_BEFORE_WAKING], ids=lambda r: r.message)
def test_each_order_rule_puts_its_message_on_its_field(rule):
    at_same_time = {rule.earlier: 1, rule.later: 1}
    one_hour_early = {rule.earlier: 2, rule.later: 1}
    assert (rule.field, rule.message) in order_errors(**one_hour_early)
    assert ((rule.field, rule.message) in order_errors(**at_same_time)) is rule.strict


def test_getting_up_has_one_order_error_even_when_it_breaks_two_rules():
    # Up before waking and before getting into bed: only the first rule is reported.
    errors = order_errors(got_into_bed=3, tried_to_sleep=3, final_wake=4, out_of_bed=2)
    assert [message for field, message in errors if field == "out_of_bed"] == [
        "Getting up must come at or after the final awakening."
    ]


def test_the_final_wake_is_checked_against_getting_into_bed_only_without_lights_out():
    assert order_errors(got_into_bed=2, final_wake=1) == [
        ("final_wake", "The final awakening must come after getting into bed.")
    ]
    assert order_errors(got_into_bed=2, tried_to_sleep=0, final_wake=1) == [
        ("tried_to_sleep", "You can't try to sleep before getting into bed.")
    ]


def test_the_minutes_asleep_and_awake_must_fit_between_lights_out_and_waking():
    diary = Night(
        tried_to_sleep=LIGHTS_OUT,
        final_wake=hours_after_lights_out(1),
        minutes_to_fall_asleep=40,
        awake_minutes=30,
        last_drink_at=hours_after_lights_out(1),
    )
    assert diary._order_errors() == [
        (
            "awake_minutes",
            "Minutes to fall asleep plus minutes awake (70) are more than the 60 minutes between "
            "trying to sleep and the final awakening.",
        ),
        ("last_drink_at", "The last drink must be before the final awakening."),
    ]
    diary.minutes_to_fall_asleep, diary.awake_minutes = 70, None
    assert diary._order_errors()[0][0] == "minutes_to_fall_asleep"


def test_broken_rules_keeps_the_tables_order():
    diary = Night(
        last_drink_at=hours_after_lights_out(3),
        last_caffeine_at=hours_after_lights_out(3),
        final_wake=hours_after_lights_out(2),
    )
    assert [field for field, _ in broken_rules(diary, DRINKS_BEFORE_WAKING)] == [
        "last_drink_at",
        "last_caffeine_at",
    ]
