"""A change made on another device while the form was open, in a real phone-sized Chromium: the
phone is told what changed, it all fits on the screen, and "Save mine" saves."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Event
from tests.chromium import OVERFLOW
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_phone_sees_the_other_devices_change_and_saves_its_own(phone, sign_in):
    person = UserFactory(time_zone="Europe/London")
    # The browser keeps the real clock: the night before last is certainly over.
    night = timezone.now().astimezone(person.tz).date() - timedelta(days=2)
    event = EventFactory(owner=person, night=night, clock="23:40", kind="cramp", notes="Left calf")
    sign_in(phone, person.email)
    phone.goto(f"/events/{event.pk}/edit/")

    on_the_tablet = Event.objects.get(pk=event.pk)
    on_the_tablet.notes = "Left calf, woke me"
    assert on_the_tablet.save_if_unchanged(1)

    phone.get_by_label("Notes").fill("Right calf")
    phone.get_by_role("button", name="Save changes").click()

    expect(phone.get_by_text("This entry was changed on another device at")).to_be_visible()
    row = phone.get_by_role("row", name="Notes")
    assert row.inner_text().split("\t") == ["Notes", "Left calf, woke me", "→ Right calf"]
    expect(phone.get_by_role("link", name="Keep theirs")).to_be_visible()
    overflow = phone.evaluate(OVERFLOW)
    assert (overflow["scroll"], overflow["clipped"]) == (0, [])
    assert Event.objects.get(pk=event.pk).notes == "Left calf, woke me"

    phone.get_by_role("button", name="Save mine").click()
    phone.wait_for_url(f"**/nights/{night.isoformat()}/")

    assert Event.objects.get(pk=event.pk).notes == "Right calf"
