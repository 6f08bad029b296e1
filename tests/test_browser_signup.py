import re

import pytest

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def label(text):
    """A field's label, whether or not it carries the "required" asterisk."""
    return re.compile(rf"^\s*{text}\W*$")


def horizontal_overflow(page):
    # nightjar.css hides overflow-x on <html>, which pins documentElement.scrollWidth to the
    # viewport; <body>'s scrollWidth still shows content that would be cut off.
    widest = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    return widest - page.viewport_size["width"]


def test_a_new_person_signs_up_on_a_phone_with_its_time_zone(phone, live_server):
    phone.goto("/accounts/signup/")
    # The phone is set to Europe/London; the page's own default without JavaScript is UTC.
    assert phone.get_by_label(label("Time zone")).input_value() == "Europe/London"

    phone.get_by_label(label("Email")).fill("Robin@Example.com")
    phone.get_by_label(label("Password")).fill(PASSWORD)
    phone.get_by_label(label("Password again")).fill(PASSWORD)
    phone.get_by_role("button", name="Create account").click()

    phone.wait_for_url(f"{live_server.url}/")
    assert phone.get_by_role("link", name="Settings").is_visible()
    user = User.objects.get()
    assert user.email == "robin@example.com"
    assert user.time_zone == "Europe/London"
    phone.goto("/settings/")
    assert phone.get_by_text("Signed in as robin@example.com").is_visible()


def test_the_sign_up_page_fits_a_320_pixel_screen(phone):
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto("/accounts/signup/")
    assert phone.get_by_role("button", name="Create account").is_visible()
    assert horizontal_overflow(phone) <= 0


def test_the_other_account_pages_fit_a_320_pixel_screen(phone, sign_in):
    person = UserFactory()
    phone.set_viewport_size({"width": 320, "height": 700})
    for path in ("/accounts/login/", "/accounts/password-reset/"):
        phone.goto(path)
        assert horizontal_overflow(phone) <= 0, path
    sign_in(phone, person.email)
    for path in ("/settings/", "/settings/password/", "/settings/delete/"):
        phone.goto(path)
        assert horizontal_overflow(phone) <= 0, path
    assert phone.get_by_role("button", name="Delete my account").is_visible()


def test_settings_offer_the_phones_time_zone_and_save_it(phone, sign_in):
    person = UserFactory(time_zone="America/New_York")
    sign_in(phone, person.email)
    phone.goto("/settings/")
    assert horizontal_overflow(phone) <= 0
    assert phone.get_by_label(label("Time zone")).input_value() == "America/New_York"

    phone.get_by_role("button", name="Use this phone's time zone (Europe/London)").click()
    phone.get_by_role("button", name="Save settings").click()

    assert phone.get_by_text("Settings saved.").is_visible()
    person.refresh_from_db()
    assert person.time_zone == "Europe/London"


def test_signing_out_from_settings_needs_a_tap_on_the_button(phone, sign_in):
    sign_in(phone, UserFactory().email)
    phone.goto("/settings/")

    phone.get_by_role("button", name="Sign out").click()

    phone.wait_for_url(re.compile(r"/accounts/login/$"))
    phone.goto("/settings/")
    assert "/accounts/login/" in phone.url
