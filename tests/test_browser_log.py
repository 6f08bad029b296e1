"""Logging on waking in a real Chromium at phone size (390×844)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Event
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_home_a_twitch_is_saved_in_two_taps(phone, user, sign_in):
    sign_in(phone, user.email)
    phone.goto("/")

    phone.get_by_role("link", name="Log a twitch").click()
    save = phone.get_by_role("button", name="Save twitch")
    expect(save).to_be_in_viewport()
    save.click()

    expect(phone.get_by_role("heading", name="Saved")).to_be_visible()
    expect(phone.get_by_text("Your twitch at")).to_be_visible()
    assert Event.objects.for_user(user).count() == 1


def test_add_details_opens_the_full_form_and_saves_a_change(phone, user, sign_in):
    sign_in(phone, user.email)
    phone.goto("/log/")
    phone.get_by_role("button", name="Save twitch").click()

    phone.get_by_role("link", name="Add details").click()
    intensity = phone.get_by_role("group", name="Intensity")
    intensity.get_by_text("4", exact=True).click()
    phone.get_by_label("Notes").fill("Left calf, woke me at once.")
    phone.get_by_role("button", name="Save changes").click()

    expect(phone.get_by_text("Saved the twitch for the night of")).to_be_visible()
    event = Event.objects.for_user(user).get()
    assert event.intensity == 4
    assert event.notes == "Left calf, woke me at once."


def test_the_chosen_kind_and_preset_are_saved(phone, user, sign_in):
    sign_in(phone, user.email)
    phone.goto("/log/")

    phone.get_by_text("Cramp", exact=True).click()
    phone.get_by_text("Left foot", exact=True).click()
    phone.get_by_text("15 min ago", exact=True).click()
    phone.get_by_text("Woke me", exact=True).click()
    phone.get_by_role("button", name="Save cramp").click()

    expect(phone.get_by_text("Your cramp at")).to_be_visible()
    event = Event.objects.for_user(user).get()
    assert (event.kind, event.body_parts, event.woke_me) == ("cramp", ["left_foot"], True)

    # Next time, the log page starts from what was used last.
    phone.goto("/log/")
    expect(phone.get_by_role("radio", name="Cramp")).to_be_checked()
    expect(phone.get_by_role("checkbox", name="Left foot")).to_be_checked()


def test_undo_removes_the_event(phone, user, sign_in):
    sign_in(phone, user.email)
    phone.goto("/log/")
    phone.get_by_role("button", name="Save twitch").click()

    phone.get_by_role("button", name="Undo").click()

    expect(phone.get_by_text(re.compile("Undone"))).to_be_visible()
    assert not Event.objects.for_user(user).exists()


@pytest.mark.parametrize("width", [320, 430])
def test_the_log_page_has_no_horizontal_scroll(phone, user, width, sign_in):
    sign_in(phone, user.email)
    phone.set_viewport_size({"width": width, "height": 740})
    phone.goto("/log/")
    assert_fits(phone, width)
    # Every chip is a thumb-sized target.
    heights = phone.locator(".chip label").evaluate_all(
        "labels => labels.map(l => l.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44


def test_home_and_the_event_pages_fit_at_320_px(phone, user, sign_in):
    event = EventFactory(
        owner=user,
        occurred_at=timezone.now() - timedelta(hours=20),
        kind="jerking_episode",
        body_parts=["left_arm", "right_arm", "left_leg", "right_leg", "whole_body"],
        woke_me=True,
        kept_me_awake=True,
        intensity=5,
    )
    sign_in(phone, user.email)
    phone.set_viewport_size({"width": 320, "height": 640})
    for url in ["/", f"/log/saved/{event.pk}/", "/events/new/", f"/events/{event.pk}/edit/"]:
        phone.goto(url)
        assert_fits(phone, 320)


def assert_fits(phone, width):
    overflow = phone.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, phone.url
    widest = phone.evaluate(
        "Math.max(...[...document.querySelectorAll('main *')]"
        ".map(e => e.getBoundingClientRect().right))"
    )
    assert widest <= width, phone.url


def test_the_kinds_are_above_the_fold_at_390_by_844(phone, user, sign_in):
    EventFactory(owner=user, kind="cramp", body_parts=["left_foot", "right_leg", "left_leg"])
    sign_in(phone, user.email)
    phone.goto("/log/")

    kinds = phone.get_by_role("group", name="What happened").locator("label")
    assert kinds.count() == 7
    save_bar_top = phone.locator(".sticky-save").bounding_box()["y"]
    for index in range(kinds.count()):
        box = kinds.nth(index).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= save_bar_top, kinds.nth(index)


def test_save_is_reached_in_at_most_8_tab_presses(phone, user, sign_in):
    sign_in(phone, user.email)
    phone.goto("/log/")
    phone.locator("body").focus()

    presses = 0
    while presses < 20:
        phone.keyboard.press("Tab")
        presses += 1
        if phone.evaluate("document.activeElement.name") == "save":
            break
    assert presses <= 8, presses
    expect(phone.get_by_role("button", name="Save twitch")).to_be_focused()


def relative_luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(v) for v in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The focused element's ring (its outline, or its chip's label's for a hidden radio) and the
# colour behind the ring: the nearest ancestor with a background of its own.
RING = """() => {
  let el = document.activeElement;
  if (el.matches('.chip input')) el = el.nextElementSibling;
  const style = getComputedStyle(el);
  let behind = el.parentElement, background = 'rgba(0, 0, 0, 0)';
  while (behind) {
    background = getComputedStyle(behind).backgroundColor;
    if (!/rgba\\(.*, 0\\)$/.test(background) && background !== 'transparent') break;
    behind = behind.parentElement;
  }
  return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
          colour: style.outlineColor, background};
}"""


def rgb(text):
    return [int(value) for value in re.findall(r"\d+", text)[:3]]


@pytest.mark.parametrize("theme", ["dark", "light"])
def test_the_focus_ring_stands_out_at_least_3_to_1_in_both_themes(phone, theme, sign_in):
    person = UserFactory(theme=theme)
    sign_in(phone, person.email)
    phone.goto("/log/")
    phone.locator("body").focus()

    rings = []
    for _ in range(6):  # the skip link, the header's links, the chips, Save
        phone.keyboard.press("Tab")
        rings.append(
            (phone.evaluate("document.activeElement.outerHTML.slice(0, 60)"), phone.evaluate(RING))
        )

    for element, ring in rings:
        assert ring["style"] == "solid" and ring["width"] >= 3, element
        ratio = contrast(rgb(ring["colour"]), rgb(ring["background"]))
        assert ratio >= 3, (element, ring, ratio)
