"""The weekly review in a real Chromium at phone size (390×844), in the dark theme."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.rules import nights
from tests.factories import EventFactory, NightFactory, StageSegmentFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def dark_user_with_a_week(db):
    user = UserFactory(theme="dark")
    # The browser keeps the real clock, so "this week" is worked out from it, not pinned.
    monday = nights.monday_of(nights.night_of(timezone.now(), user.tz))
    for night in (monday - timedelta(weeks=1), monday):
        NightFactory(
            owner=user,
            night_of=night,
            tried_to_sleep="23:00",
            minutes_to_fall_asleep=15,
            awake_minutes=20,
            final_wake="07:00",
            alcohol_drinks=0,
        )
        for clock, kind in (("23:20", "twitch"), ("23:25", "twitch"), ("05:40", "cramp")):
            EventFactory(
                owner=user,
                night=night,
                clock=clock,
                kind=kind,
                body_parts=["left_leg"],
                woke_me=kind == "cramp",
                injury=kind == "cramp" and night == monday,
            )
    return user


def test_the_weekly_review_reads_on_a_phone_in_the_dark(phone, dark_user_with_a_week, sign_in):
    sign_in(phone, dark_user_with_a_week.email)
    phone.get_by_role("link", name="Patterns").click()

    expect(phone.get_by_role("heading", name="Patterns", exact=True)).to_be_visible()
    assert phone.locator("html").get_attribute("data-bs-theme") == "dark"
    # Red flags come first and say plainly what to do.
    flags = phone.get_by_role("heading", name="Seek medical attention")
    expect(flags).to_be_visible()
    assert (
        flags.bounding_box()["y"]
        < phone.get_by_role("heading", name="When in the night").bounding_box()["y"]
    )
    expect(phone.get_by_text("Injured during an event")).to_be_visible()

    chart = phone.get_by_role("img", name="Events per hour in each window of the night")
    chart.scroll_into_view_if_needed()
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box["width"] > 250 and box["height"] > 100
    bar_fill = phone.locator("#chart-windows rect.bar").first.evaluate(
        "el => getComputedStyle(el).fill"
    )
    assert bar_fill != "rgb(0, 0, 0)"  # a theme colour, visible on the dark background
    expect(
        phone.get_by_role("img", name="Events by hour of the night, evening to noon")
    ).to_be_visible()

    # A sleep metric's definition is one tap away.
    phone.get_by_text("Time in bed (TIB)").click()
    expect(phone.get_by_text("From getting into bed to getting out of bed.")).to_be_visible()

    no_sideways_scroll = phone.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert no_sideways_scroll

    phone.get_by_role("link", name="Last 4 weeks").click()
    expect(phone.get_by_role("heading", name="Patterns: the last 4 weeks")).to_be_visible()
    expect(phone.get_by_role("img", name="Events per logged night, week by week")).to_be_visible()
    assert phone.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def test_recorded_stage_figures_fit_a_phone(phone, sign_in):
    """The §8 figures beside the windows, on a 390 px phone, with no sideways scrolling."""
    user = UserFactory(time_zone="Europe/London")
    # Last night, by the real clock the browser keeps.
    night = timezone.now().astimezone(user.tz).date() - timedelta(days=1)
    StageSegmentFactory(owner=user, night=night, from_clock="23:30", to_clock="01:00", stage="deep")
    StageSegmentFactory(owner=user, night=night, from_clock="01:00", to_clock="03:00", stage="rem")
    EventFactory(owner=user, night=night, clock="01:30")
    sign_in(phone, user.email)
    phone.goto("/patterns/")
    heading = phone.get_by_role("heading", name="By recorded sleep stage")
    heading.scroll_into_view_if_needed()
    expect(heading).to_be_visible()
    table = phone.locator(".stage-figures table")
    expect(table.get_by_role("row", name="REM sleep 1 2:00 0.50")).to_be_visible()
    box = table.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
