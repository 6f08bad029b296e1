"""The doctor report in a real Chromium, at phone and desktop size, on screen and in print."""

from datetime import timedelta

import pytest
from django.utils import timezone

from journal.models import Event, Night
from tests.conftest import local, make_user
from tests.conftest import sign_in_page as sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "report@example.com"
TZ = "Europe/London"
SIZES = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.fixture(params=list(SIZES))
def page(request, browser, live_server):
    width, height = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=request.param == "phone",
        has_touch=request.param == "phone",
        timezone_id=TZ,
        base_url=live_server.url,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def some_nights(user):
    last = timezone.now().astimezone(user.tz).date() - timedelta(days=1)
    for back in (1, 3, 10):
        night = last - timedelta(days=back)
        Night.objects.create(
            owner=user,
            night_of=night,
            tried_to_sleep=local(TZ, night.year, night.month, night.day, 23, 0),
            minutes_to_fall_asleep=10,
            awake_minutes=5,
            final_wake=local(TZ, night.year, night.month, night.day, 23, 0) + timedelta(hours=8),
            alcohol_drinks=0,
        )
        Event.objects.create(
            owner=user,
            occurred_at=local(TZ, night.year, night.month, night.day, 23, 5),
            kind="twitch",
            body_parts=["left_leg"],
            notes=f"twitch on the night of {night}",
        )


def test_open_the_report_from_patterns_and_print_it(page):
    user = make_user(email=EMAIL, time_zone=TZ)
    some_nights(user)
    sign_in(page, EMAIL)
    page.get_by_role("link", name="Patterns").click()
    page.get_by_role("link", name="Report for my doctor").click()
    page.wait_for_url("**/report/")

    assert page.get_by_role("heading", name="Report for my doctor").is_visible()
    for heading in (
        "Events per week, against the first week",
        "Sleep diary averages",
        "Events by kind",
        "Events by time of night",
        "Patterns worth discussing",
    ):
        assert page.get_by_role("heading", name=heading).is_visible()
    assert page.locator(".ng-row").count() == 28
    assert page.get_by_role("button", name="Print").is_visible()
    assert page.get_by_text("use your browser’s Print").is_hidden()
    assert page.get_by_role("link", name="Download PDF").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    page.emulate_media(media="print")
    assert page.get_by_role("navigation", name="Main").is_hidden()
    assert page.get_by_role("button", name="Print").is_hidden()
    assert page.get_by_role("link", name="Download PDF").is_hidden()
    assert page.get_by_role("heading", name="Events by kind").is_visible()
    assert page.get_by_role("heading", name="Night grid: one row per night").is_visible()


def test_choose_the_last_two_weeks(page):
    make_user(email=EMAIL, time_zone=TZ)
    sign_in(page, EMAIL)
    page.goto("/report/")
    page.get_by_text("Change the period").click()
    page.get_by_text("Last 2 weeks").click()
    page.get_by_role("button", name="Show report").click()
    page.wait_for_url("**/report/?weeks=2*")
    assert page.locator(".ng-row").count() == 14
