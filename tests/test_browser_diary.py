"""The morning check-in in a real phone-sized Chromium: from the timeline to a saved diary."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Night
from tests.chromium import OVERFLOW
from tests.factories import EventFactory, NightFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(db):
    return UserFactory(time_zone="Europe/London")


def finished_night(person):
    """The latest night that is certainly over (its morning has passed), in the person's zone.

    The browser keeps the real clock, so this is worked out from it, not pinned."""
    now = timezone.now().astimezone(person.tz)
    return now.date() - timedelta(days=1 if now.hour >= 9 else 2)


def assert_fits(page):
    overflow = page.evaluate(OVERFLOW)
    assert overflow["scroll"] <= 0
    assert overflow["clipped"] == []


def test_fill_in_last_night_from_the_timeline(phone, person, sign_in):
    night = finished_night(person)
    morning = night + timedelta(days=1)
    EventFactory(owner=person, night=night, clock="23:40", kind="cramp")

    sign_in(phone, person.email)
    phone.get_by_role("link", name="Nights").click()
    phone.get_by_role("link", name=f"Night of {night:%A} {night.day} {night:%b}").click()

    expect(phone.get_by_role("heading", name="Morning check-in")).to_be_visible()
    expect(phone.get_by_text("Cramp")).to_be_visible()
    phone.get_by_label("Got into bed").fill(f"{night.isoformat()}T22:30")
    phone.get_by_label("Tried to go to sleep (lights out)").fill(f"{night.isoformat()}T22:45")
    phone.get_by_label("Minutes to fall asleep").fill("30")
    phone.get_by_label("Times woken in the night").fill("2")
    phone.get_by_label("Minutes awake in the night").fill("20")
    phone.get_by_label("Woke for the day").fill(f"{morning.isoformat()}T06:40")
    phone.get_by_label("Got out of bed").fill(f"{morning.isoformat()}T07:00")
    phone.get_by_text("4 good", exact=True).click()

    # The calculator adds to the drinks box in place (static/js/drinks.js): a beer, then wine.
    phone.get_by_text("Work out standard drinks", exact=True).click()
    phone.get_by_label("Size of one drink (ml)").fill("500")
    phone.get_by_label("Strength (% alcohol)").fill("5")
    phone.get_by_role("button", name="Add to the drinks box").click()
    drinks_box = phone.get_by_label("Alcoholic drinks (standard drinks)")
    assert drinks_box.input_value() == "1.4"
    expect(phone.get_by_text("1.41 standard drinks")).to_be_visible()
    phone.get_by_label("Size of one drink (ml)").fill("175")
    phone.get_by_label("Strength (% alcohol)").fill("12")
    phone.get_by_role("button", name="Add to the drinks box").click()
    assert drinks_box.input_value() == "2.6"
    expect(phone.get_by_text("the drinks box now says 2.6")).to_be_visible()

    phone.get_by_role("button", name="Save diary").click()

    phone.wait_for_url("**/nights/*")
    card = phone.locator(f"#night-{night.isoformat()}")
    expect(card.get_by_text("22:45")).to_be_visible()
    expect(card.get_by_text("06:40")).to_be_visible()
    expect(card.get_by_text("4/5")).to_be_visible()
    expect(card.get_by_text("30 min")).to_be_visible()
    diary = Night.objects.for_user(person).get()
    assert diary.quality == 4
    assert str(diary.alcohol_drinks) == "2.6"


def test_timeline_and_night_page_fit_a_320_pixel_screen(phone, person, sign_in):
    night = finished_night(person)
    for clock in ("23:05", "02:05"):
        EventFactory(
            owner=person,
            night=night,
            clock=clock,
            kind="jerking_episode",
            body_parts=["left_leg", "right_leg", "left_arm", "whole_body"],
        )
    NightFactory(owner=person, night_of=night, quality=2, awakenings=3, alcohol_drinks=2)

    phone.set_viewport_size({"width": 320, "height": 700})
    sign_in(phone, person.email)
    phone.goto("/nights/")
    expect(phone.get_by_text("Jerking episode").first).to_be_visible()
    assert_fits(phone)
    phone.goto(f"/nights/{night.isoformat()}/")
    phone.get_by_text("Work out standard drinks", exact=True).click()
    assert_fits(phone)
