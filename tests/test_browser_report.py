"""The doctor report in a real Chromium, at phone and desktop size, on screen and in print."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tests.factories import EventFactory, NightFactory, ShareLinkFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

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
    # The browser keeps the real clock, so the nights are placed from it, not pinned.
    last = timezone.now().astimezone(user.tz).date() - timedelta(days=1)
    for back in (1, 3, 10):
        night = last - timedelta(days=back)
        NightFactory(
            owner=user,
            night_of=night,
            tried_to_sleep="23:00",
            minutes_to_fall_asleep=10,
            awake_minutes=5,
            final_wake="07:00",
            alcohol_drinks=0,
        )
        EventFactory(
            owner=user,
            night=night,
            clock="23:05",
            body_parts=["left_leg"],
            notes=f"twitch on the night of {night}",
        )


def test_open_the_report_from_patterns_and_print_it(page, sign_in):
    user = UserFactory(time_zone=TZ)
    some_nights(user)
    sign_in(page, user.email)
    page.get_by_role("link", name="Patterns").click()
    page.get_by_role("link", name="Last 4 weeks").click()
    page.get_by_role("link", name="Report for my doctor").click()
    # The button carries the week Patterns showed, as its exact dates.
    page.wait_for_url(re.compile(r"/report/\?from=\d{4}-\d{2}-\d{2}&to="))

    expect(page.get_by_role("heading", name="Report for my doctor")).to_be_visible()
    for heading in (
        "Events per week, against the first week",
        "Sleep diary averages",
        "Events by kind",
        "Events by time of night",
        "Patterns worth discussing",
    ):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    assert page.locator(".ng-row").count() == 28
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    expect(page.get_by_text("use your browser’s Print")).to_be_hidden()
    expect(page.get_by_role("link", name="Download PDF")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.get_by_role("button", name="Print")).to_be_hidden()
    expect(page.get_by_role("link", name="Download PDF")).to_be_hidden()
    expect(page.get_by_role("heading", name="Events by kind")).to_be_visible()
    expect(page.get_by_role("heading", name="Night grid: one row per night")).to_be_visible()


def test_choose_the_last_two_weeks(page, sign_in):
    sign_in(page, UserFactory(time_zone=TZ).email)
    page.goto("/report/")
    page.get_by_text("Change the period").click()
    page.get_by_text("Last 2 weeks").click()
    page.get_by_role("button", name="Show report").click()
    page.wait_for_url("**/report/?weeks=2*")
    assert page.locator(".ng-row").count() == 14


# Every element outside a sideways-scrolling region (the night grid) that reaches past the right
# edge of the window, as "tag.class right-edge".
OVERFLOWING = """() => {
  const found = [];
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect();
    if (box.width && box.right > window.innerWidth + 0.5 && !element.closest(".report-scroll")) {
      found.push(`${element.tagName}.${element.className} ${Math.round(box.right)}`);
    }
  }
  return found;
}"""


def test_on_a_phone_the_report_fits_and_the_appendix_opens_week_by_week(phone, sign_in):
    user = UserFactory(time_zone=TZ)
    some_nights(user)
    sign_in(phone, user.email)
    phone.goto("/report/")

    assert phone.evaluate(OVERFLOWING) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # The grid scrolls sideways inside its own region, the whole 18:00-12:00 span labelled.
    grid = phone.get_by_role("region", name="Night grid, 18:00 to 12:00 (scrolls sideways)")
    assert grid.evaluate("region => region.scrollWidth > region.clientWidth")
    axis = phone.locator(".ng-axis text")
    assert axis.first.text_content() == "18" and axis.last.text_content() == "12"
    # Summary and grid first; the appendix is closed weeks with visible markers.
    weeks = phone.locator("details.report-week")
    assert weeks.count() >= 2
    entry = phone.get_by_text("twitch on the night of").first
    expect(entry).to_be_hidden()
    first_week = weeks.first.locator("summary")
    assert first_week.evaluate("summary => getComputedStyle(summary).display") == "list-item"
    assert first_week.bounding_box()["height"] >= 44
    first_week.click()
    expect(weeks.first.locator("td", has_text="twitch on the night of").first).to_be_visible()
    # Opened, each row is a card that fits the phone, every column named.
    assert phone.evaluate(OVERFLOWING) == []
    kind = weeks.first.locator("td[data-label='Kind']").first
    assert kind.evaluate("cell => getComputedStyle(cell, '::before').content") == '"Kind: "'

    phone.emulate_media(media="print")
    for note in phone.get_by_text("twitch on the night of").all():
        expect(note).to_be_visible()
    expect(phone.get_by_text("scroll it sideways")).to_be_hidden()


def test_the_report_does_not_move_when_its_print_button_appears(page, sign_in):
    """Lighthouse counted a layout shift of 0.069 when report.js swapped the print hint for the
    Print button; the swap is now styled from the first paint."""
    user = UserFactory(time_zone=TZ)
    some_nights(user)
    sign_in(page, user.email)
    page.add_init_script(
        "window.shifts = []; new PerformanceObserver(list => "
        "window.shifts.push(...list.getEntries().map(entry => entry.value)))"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    page.goto("/report/")
    page.get_by_role("button", name="Print").wait_for()
    page.wait_for_timeout(300)

    assert page.evaluate("window.shifts") == []
    expect(page.get_by_text("To print, use your browser’s Print.")).to_be_hidden()


def test_a_shared_report_opens_every_week_to_print_and_closes_them_after(phone):
    """A clinician's link: closed weeks on screen; printing opens them all (report.js, for
    browsers whose print stylesheet cannot), and they close again afterwards."""
    user = UserFactory(time_zone=TZ)
    some_nights(user)
    last = timezone.now().astimezone(user.tz).date() - timedelta(days=1)
    link = ShareLinkFactory(owner=user, first_night=last - timedelta(days=27), last_night=last)
    phone.goto(reverse("shared_report", args=[link.token]))
    weeks = phone.locator("details.report-week")
    assert weeks.count() >= 2
    assert (
        phone.evaluate("[...document.querySelectorAll('details.report-week')].some(w => w.open)")
        is False
    )
    phone.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert phone.evaluate(
        "[...document.querySelectorAll('details.report-week')].every(w => w.open)"
    )
    phone.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert (
        phone.evaluate("[...document.querySelectorAll('details.report-week')].some(w => w.open)")
        is False
    )
