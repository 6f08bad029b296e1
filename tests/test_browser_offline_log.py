"""Logging with no connection, in a real Chromium at phone size: the service worker keeps the log
page, a Save with no connection is kept on the phone (IndexedDB) and sent once when the
connection is back, with the time of the tap.

Playwright's `context.set_offline` cuts the page and its service worker off the network. The
queue is sent on the `online` event and on the next page load here; Background Sync, which
Chromium also offers, is not driven by this emulation (docs/offline.md says what was not tested).
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from journal.models import Event
from tests.factories import EventFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAITING_ONE = "Saved on this phone — will be sent when you're back online: 1 entry waiting."


def kept_for_offline(page):
    """Wait until the service worker has kept this page for opening offline."""
    expect(page.locator("html")).to_have_attribute("data-offline-ready", "yes", timeout=15_000)


def nothing_waiting(page):
    """Wait until the page has listed the phone's queue and found nothing of this account's."""
    expect(page.locator("html")).to_have_attribute("data-queue-count", "0")
    expect(page.locator("[data-queue-panel]")).to_be_hidden()


def wait_for_events(user, count, timeout=10.0):
    deadline = timezone.now() + timedelta(seconds=timeout)
    while Event.objects.for_user(user).count() != count and timezone.now() < deadline:
        pass
    return list(Event.objects.for_user(user))


@pytest.fixture
def on_log_page(phone, user, sign_in):
    sign_in(phone, user.email)
    phone.goto("/log/")
    kept_for_offline(phone)
    return phone


def test_a_twitch_saved_offline_reaches_the_journal_once_with_the_time_of_the_tap(
    on_log_page, user
):
    phone = on_log_page
    phone.context.set_offline(True)

    tapped_after = timezone.now()
    phone.get_by_role("button", name="Save twitch").click()
    expect(phone.get_by_text(WAITING_ONE)).to_be_visible()
    tapped_before = timezone.now()
    assert not Event.objects.for_user(user).exists()

    phone.wait_for_timeout(3000)  # the connection comes back a few seconds after the tap
    phone.context.set_offline(False)

    nothing_waiting(phone)
    events = wait_for_events(user, 1)
    assert len(events) == 1
    event = events[0]
    assert (event.kind, event.body_parts) == ("twitch", [])
    assert tapped_after - timedelta(seconds=1) <= event.occurred_at <= tapped_before
    # Stored when the connection came back, but dated at the tap.
    assert event.created_at - event.occurred_at >= timedelta(seconds=2.5)


def test_the_log_page_opens_offline_after_one_visit(on_log_page):
    phone = on_log_page
    phone.context.set_offline(True)

    phone.goto("/log/")

    expect(phone.get_by_role("heading", name="Log on waking")).to_be_visible()
    expect(phone.get_by_text("You are offline.")).to_be_visible()
    expect(phone.get_by_role("radio", name="Cramp")).to_be_visible()


def test_a_page_not_kept_offline_says_so_and_leads_to_the_log(on_log_page):
    phone = on_log_page
    phone.context.set_offline(True)

    phone.goto("/patterns/")

    expect(phone.get_by_role("heading", name="No connection")).to_be_visible()
    phone.get_by_role("link", name="Log on waking").click()
    expect(phone.get_by_role("heading", name="Log on waking")).to_be_visible()


def test_a_kept_entry_survives_a_reload_and_is_sent_once(on_log_page, user):
    phone = on_log_page
    phone.context.set_offline(True)
    phone.get_by_text("Cramp", exact=True).click()
    phone.get_by_text("Left foot", exact=True).click()
    phone.get_by_role("button", name="Save cramp · left foot").click()
    expect(phone.get_by_text(WAITING_ONE)).to_be_visible()

    phone.reload()

    expect(phone.get_by_text(WAITING_ONE)).to_be_visible()
    expect(phone.get_by_text(re.compile(r"Cramp · Left foot, tapped"))).to_be_visible()
    # The page opened from the phone's copy (kept before the cramp) saves an entry of its own.
    phone.get_by_role("button", name="Save twitch").click()
    expect(phone.get_by_text(re.compile("2 entries waiting"))).to_be_visible()
    phone.context.set_offline(False)
    phone.reload()
    nothing_waiting(phone)
    events = sorted(wait_for_events(user, 2), key=lambda e: e.occurred_at)
    assert [(e.kind, e.body_parts) for e in events] == [("cramp", ["left_foot"]), ("twitch", [])]


def test_two_entries_kept_offline_are_both_sent_in_order(on_log_page, user):
    phone = on_log_page
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Save twitch").click()
    expect(phone.get_by_text(WAITING_ONE)).to_be_visible()
    phone.get_by_text("Cramp", exact=True).click()
    phone.get_by_role("button", name="Save cramp").click()
    expect(phone.get_by_text(re.compile("2 entries waiting"))).to_be_visible()

    phone.context.set_offline(False)

    nothing_waiting(phone)
    events = sorted(wait_for_events(user, 2), key=lambda e: e.created_at)
    assert [e.kind for e in events] == ["twitch", "cramp"]
    assert events[0].occurred_at < events[1].occurred_at


def test_an_entry_the_server_refuses_is_kept_with_its_reason_and_can_be_fixed(on_log_page, user):
    phone = on_log_page
    phone.context.set_offline(True)
    later = timezone.localtime(timezone.now() + timedelta(hours=2), user.tz)
    phone.get_by_label("Exact time (optional)").fill(later.strftime("%Y-%m-%dT%H:%M"))
    phone.get_by_role("button", name="Save twitch").click()
    expect(phone.get_by_text(WAITING_ONE)).to_be_visible()

    phone.context.set_offline(False)

    expect(
        phone.get_by_text(re.compile("Not sent: Not accepted: This is in the future"))
    ).to_be_visible()
    expect(phone.get_by_text(re.compile("1 entry was not accepted"))).to_be_visible()
    phone.reload()
    expect(
        phone.get_by_text(re.compile("Not sent: Not accepted: This is in the future"))
    ).to_be_visible()
    assert not Event.objects.for_user(user).exists()

    # Fixed in the full form, filled in from the kept entry; then the queue lets it go.
    phone.get_by_role("link", name=re.compile("Open it in the form")).click()
    expect(phone.get_by_role("radio", name=re.compile("Twitch"))).to_be_checked()
    earlier = timezone.localtime(timezone.now() - timedelta(minutes=30), user.tz)
    phone.get_by_label("When it happened").fill(earlier.strftime("%Y-%m-%dT%H:%M"))
    phone.get_by_role("button", name="Save event").click()
    expect(phone.get_by_text("Saved the twitch for the night of")).to_be_visible()
    phone.goto("/log/")
    nothing_waiting(phone)
    assert Event.objects.for_user(user).count() == 1


def test_signed_out_a_kept_entry_waits_for_its_own_account(on_log_page, user, sign_in):
    phone = on_log_page
    phone.context.set_offline(True)
    phone.get_by_role("button", name="Save twitch").click()
    expect(phone.get_by_text(WAITING_ONE)).to_be_visible()
    # The session ends while the phone is offline (it expired, or was signed out elsewhere).
    phone.context.clear_cookies()
    phone.context.set_offline(False)

    phone.goto("/accounts/login/")
    expect(
        phone.get_by_text(re.compile("1 entry saved on this phone belongs to an account"))
    ).to_be_visible()
    # Someone else signs in on this phone: the entry is not sent to their account.
    someone_else = UserFactory(email="jo@example.com")
    sign_in(phone, someone_else.email)
    expect(phone.get_by_text(re.compile("belongs to another account"))).to_be_visible()
    assert not Event.objects.exists()

    phone.goto("/settings/")
    phone.get_by_role("button", name="Sign out").click()
    expect(phone.get_by_role("button", name="Sign in")).to_be_visible()
    sign_in(phone, user.email)
    nothing_waiting(phone)
    assert len(wait_for_events(user, 1)) == 1
    assert not Event.objects.for_user(someone_else).exists()


def test_signing_out_forgets_the_kept_pages(on_log_page):
    phone = on_log_page
    kept = "caches.keys().then(keys => keys.filter(k => k.startsWith('nightjar-pages-')).length)"
    assert phone.evaluate(kept) == 1

    phone.goto("/settings/")
    phone.get_by_role("button", name="Sign out").click()
    expect(phone.get_by_role("button", name="Sign in")).to_be_visible()

    assert phone.evaluate(kept) == 0
    phone.context.set_offline(True)
    phone.goto("/log/")
    expect(phone.get_by_role("heading", name="No connection")).to_be_visible()


def test_online_a_save_goes_straight_to_the_saved_page(on_log_page, user):
    EventFactory(owner=user, kind="spasm", body_parts=["neck"], occurred_at=timezone.now())
    phone = on_log_page
    phone.goto("/")
    phone.get_by_role("link", name="Log a spasm · neck").click()

    phone.get_by_role("button", name="Save spasm · neck").click()

    expect(phone.get_by_role("heading", name="Saved")).to_be_visible()
    assert Event.objects.for_user(user).count() == 2


def test_online_a_mistake_is_shown_next_to_its_field_and_nothing_is_kept(on_log_page, user):
    phone = on_log_page
    later = timezone.localtime(timezone.now() + timedelta(hours=2), user.tz)
    phone.get_by_label("Exact time (optional)").fill(later.strftime("%Y-%m-%dT%H:%M"))

    phone.get_by_role("button", name="Save twitch").click()

    expect(phone.get_by_text("This is in the future. Check the date and time.")).to_be_visible()
    nothing_waiting(phone)
    assert not Event.objects.exists()
