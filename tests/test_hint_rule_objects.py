"""Each hint rule is one object: its words (title, threshold, source) and the function that
reads a period's facts (journal/rules/hints.py)."""

from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from journal.review.summary import CheckinInput, EventInput, PartnerInput, Placed
from journal.rules import hints

NIGHT = date(2026, 6, 1)
MIDNIGHT = datetime(2026, 6, 1, 23, 0, tzinfo=UTC)


def placed_event(kind, window, *, drinks=None, **fields):
    return Placed(EventInput(MIDNIGHT, NIGHT, kind, **fields), window, False, drinks)


def facts(events=(), reports=(), checkins=(), logged=0, woken=0):
    return hints.PeriodFacts(
        events=list(events),
        partner_reports=list(reports),
        checkins=list(checkins),
        nights_logged=logged,
        nights_woken=woken,
        earlier_jerking_episode=False,
        tz=ZoneInfo("Europe/London"),
    )


def test_each_rule_is_named_by_its_code_and_keeps_its_threshold_and_source():
    for code, rule in hints.HINT_RULES.items():
        assert rule.code == code == rule.evidence.__name__
        assert rule.threshold and rule.source


def test_no_rule_fires_on_an_empty_period():
    empty = facts()
    assert [rule.evidence(empty) for rule in hints.HINT_RULES.values()] == [None] * 7
    assert hints.pattern_hints(empty) == []


def test_a_fired_rule_gives_a_hint_with_its_words_and_the_evidence():
    rule = hints.HINT_RULES["woken_many_nights"]
    assert rule.evidence(facts(logged=9, woken=3)) == "Woken on 3 of 9 logged nights."
    assert rule.evidence(facts(logged=10, woken=3)) is None
    hint = rule.hint("Woken on 3 of 9 logged nights.")
    assert (hint.code, hint.title, hint.threshold, hint.advice, hint.source) == (
        rule.code,
        rule.title,
        rule.threshold,
        rule.advice,
        rule.source,
    )


def test_every_rule_that_fires_is_listed_in_the_tables_order():
    events = [
        *(placed_event("twitch", "falling_asleep") for _ in range(3)),
        *(
            placed_event("tremor", "late", body_parts=("left_hand",), drinks=Decimal(2))
            for _ in range(2)
        ),
        *(placed_event("restless_urge", "evening") for _ in range(2)),
        placed_event("spasm", "middle", consciousness_changed=True),
    ]
    reports = [
        Placed(PartnerInput(MIDNIGHT, NIGHT, ("kicking_punching",)), "late", False, None),
    ]
    checkins = [CheckinInput(NIGHT, ("foot_cramps",))]
    found = hints.pattern_hints(facts(events, reports, checkins, logged=3, woken=3))
    assert [hint.code for hint in found] == list(hints.HINT_RULES)
    assert found[4].evidence == "Signs on 1 of 1 check-in day: foot cramps (1)."


def test_a_convulsion_like_episode_is_in_one_or_two_limbs_for_a_minute_or_has_awareness_changed():
    rule = hints.HINT_RULES["convulsion_like"]
    two_legs = {"body_parts": ("left_leg", "right_foot"), "duration_seconds": 60}
    assert rule.evidence(facts([placed_event("jerking_episode", "late", **two_legs)]))
    three_limbs = {**two_legs, "body_parts": ("left_leg", "right_leg", "left_arm")}
    assert rule.evidence(facts([placed_event("jerking_episode", "late", **three_limbs)])) is None
    short = {**two_legs, "duration_seconds": 59}
    assert rule.evidence(facts([placed_event("spasm", "late", **short)])) is None
    assert rule.evidence(facts([placed_event("cramp", "late", **two_legs)])) is None
    assert rule.evidence(facts([placed_event("spasm", "late", consciousness_changed=True)])) == (
        "1 spasm or jerking episode in one or two limbs lasting a minute or more, or with "
        "awareness changed (1 with awareness changed)."
    )
