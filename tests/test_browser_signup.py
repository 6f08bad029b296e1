import re
from datetime import time

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from accounts import signup_mail
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


def emailed_path(to):
    """The path of the link in the last email sent to `to` (the live server runs in this process,
    so its mail lands in Django's test outbox)."""
    message = [message for message in mail.outbox if message.to == [to]][-1]
    return re.search(r"https?://[^/\s]+(/accounts/signup/\S+/)", message.body).group(1)


def test_a_new_person_signs_up_on_a_phone_with_its_time_zone(phone, live_server):
    phone.goto("/accounts/signup/")
    phone.get_by_label(label("Email")).fill("Robin@Example.com")
    phone.get_by_role("button", name="Email me a link").click()

    phone.wait_for_url(f"{live_server.url}/accounts/signup/sent/")
    assert "We sent a link to robin@example.com" in phone.locator("main").inner_text()
    assert not User.objects.exists()

    phone.goto(emailed_path("robin@example.com"))
    # The phone is set to Europe/London; without JavaScript the list would start on "Choose…".
    assert phone.get_by_label(label("Time zone")).input_value() == "Europe/London"
    assert phone.get_by_label(label("Usual lights-out")).input_value() == "23:00"
    assert phone.get_by_label(label("Usual wake time")).input_value() == "07:00"
    phone.get_by_label(label("Password")).fill(PASSWORD)
    phone.get_by_label(label("Password again")).fill(PASSWORD)
    phone.get_by_label(label("Usual lights-out")).fill("00:30")
    phone.get_by_label(label("Usual minutes to fall asleep")).fill("30")
    phone.get_by_role("button", name="Create account").click()

    phone.wait_for_url(f"{live_server.url}/")
    expect(phone.get_by_role("link", name="Settings")).to_be_visible()
    user = User.objects.get()
    assert user.email == "robin@example.com"
    assert user.time_zone == "Europe/London"
    assert (user.usual_lights_out, user.usual_minutes_to_fall_asleep) == (time(0, 30), 30)
    phone.goto("/settings/")
    expect(phone.get_by_text("Signed in as robin@example.com")).to_be_visible()


def test_an_existing_email_sees_the_same_page_and_no_account_is_made(phone, live_server):
    UserFactory(email="sam@example.com")
    phone.goto("/accounts/signup/")
    phone.get_by_label(label("Email")).fill("SAM@example.com")
    phone.get_by_role("button", name="Email me a link").click()

    phone.wait_for_url(f"{live_server.url}/accounts/signup/sent/")
    assert "We sent a link to sam@example.com" in phone.locator("main").inner_text()
    assert User.objects.count() == 1
    assert mail.outbox[-1].subject == "Someone tried to sign up to Nightjar with your address"


def phone_context(browser, live_server, **options):
    return browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        base_url=live_server.url,
        **options,
    )


def test_with_javascript_off_the_person_picks_the_zone(browser, live_server):
    context = phone_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    page.goto(reverse("signup_confirm", args=[signup_mail.make_token("kim@example.com")]))
    zone = page.get_by_label(label("Time zone"))
    assert zone.input_value() == ""

    zone.select_option("Europe/Paris")
    page.get_by_label(label("Password")).fill(PASSWORD)
    page.get_by_label(label("Password again")).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    page.wait_for_url(f"{live_server.url}/")
    assert User.objects.get().time_zone == "Europe/Paris"
    context.close()


def test_a_browser_naming_its_zone_by_an_old_alias_gets_the_listed_zone(browser, live_server):
    context = phone_context(browser, live_server, timezone_id="Asia/Calcutta")
    page = context.new_page()
    page.goto(reverse("signup_confirm", args=[signup_mail.make_token("kim@example.com")]))

    assert page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") in {
        "Asia/Calcutta",
        "Asia/Kolkata",
    }
    assert page.get_by_label(label("Time zone")).input_value() == "Asia/Kolkata"
    context.close()


def test_the_sign_up_page_fits_a_320_pixel_screen(phone):
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto("/accounts/signup/")
    expect(phone.get_by_role("button", name="Email me a link")).to_be_visible()
    assert horizontal_overflow(phone) <= 0
    phone.goto(reverse("signup_confirm", args=[signup_mail.make_token("kim@example.com")]))
    expect(phone.get_by_role("button", name="Create account")).to_be_visible()
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
    expect(phone.get_by_role("button", name="Delete my account")).to_be_visible()


def test_settings_offer_the_phones_time_zone_and_save_it(phone, sign_in):
    person = UserFactory(time_zone="America/New_York")
    sign_in(phone, person.email)
    phone.goto("/settings/")
    assert horizontal_overflow(phone) <= 0
    assert phone.get_by_label(label("Time zone")).input_value() == "America/New_York"

    phone.get_by_role("button", name="Use this phone's time zone (Europe/London)").click()
    phone.get_by_role("button", name="Save settings").click()

    expect(phone.get_by_text("Settings saved.")).to_be_visible()
    person.refresh_from_db()
    assert person.time_zone == "Europe/London"


def test_signing_out_from_settings_needs_a_tap_on_the_button(phone, sign_in):
    sign_in(phone, UserFactory().email)
    phone.goto("/settings/")

    phone.get_by_role("button", name="Sign out").click()

    phone.wait_for_url(re.compile(r"/accounts/login/$"))
    phone.goto("/settings/")
    assert "/accounts/login/" in phone.url


def test_five_wrong_passwords_show_when_to_try_again_on_a_small_screen(phone):
    person = UserFactory()
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto("/accounts/login/")
    for _ in range(5):  # each wrong try shows the sign-in form again, the fifth the pause
        phone.get_by_label("Email").fill(person.email)
        phone.get_by_label("Password").fill("wrong-guess")
        phone.get_by_role("button", name="Sign in").click()
        phone.wait_for_load_state()

    expect(phone.get_by_role("heading", name="Signing in is paused")).to_be_visible()
    expect(phone.get_by_text("Try again in 15 minutes")).to_be_visible()
    expect(phone.get_by_role("link", name="Reset my password")).to_be_visible()
    assert horizontal_overflow(phone) <= 0
