"""Shared fixtures: people, journals several modules read, the seeded demo, a phone-sized Chromium.

Test data comes from tests/factories.py; the clock from the `now` marker (see the root conftest).
"""

import io

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from journal.data import demo
from journal.rules import nights
from tests import chromium
from tests.factories import (
    DEMO_END_DATE,
    DEMO_SEED,
    DEMO_SEEDED_AT,
    PASSWORD,
    EventFactory,
    NightFactory,
    UserFactory,
    known_journal_for,
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    """Uploaded stage files wait in a folder of the test's own, never in the project's."""
    settings.PRIVATE_UPLOAD_DIR = tmp_path / "private-uploads"
    return settings.PRIVATE_UPLOAD_DIR


@pytest.fixture
def user(db):
    return UserFactory(email="sam@example.com", time_zone="Europe/London")


@pytest.fixture
def other_user(db):
    return UserFactory(email="alex@example.com", time_zone="America/New_York")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def known_journal(user):
    """The two known weeks of October 2025 (tests/factories.known_journal_for) for `user`; the
    fixture's value is their period."""
    return known_journal_for(user)


@pytest.fixture
def journal_this_week(user, clock):
    """Two twitches while falling asleep on Monday night of the current week, and a cramp that
    injured; the diary says 23:00 lights out, 10 minutes to sleep, 07:00 wake. Its value is that
    Monday. Needs the clock pinned."""
    monday = nights.monday_of(nights.night_of(timezone.now(), user.tz))
    NightFactory(
        owner=user,
        night_of=monday,
        tried_to_sleep="23:00",
        minutes_to_fall_asleep=10,
        final_wake="07:00",
        alcohol_drinks=2,
    )
    for at in ("23:12", "23:17"):
        EventFactory(owner=user, night=monday, clock=at, body_parts=["left_leg"])
    EventFactory(owner=user, night=monday, clock="03:12", kind="cramp", injury=True)
    return monday


@pytest.fixture(scope="class")
def demo_owner(django_db_setup, django_db_blocker):
    """The demo journal, seeded once for a class (or module) of tests that only read it, and
    deleted after them. Tests that read it still run in their own transaction."""
    with django_db_blocker.unblock(), time_machine.travel(DEMO_SEEDED_AT.timestamp(), tick=False):
        call_command(
            "seed_demo", "--end-date", DEMO_END_DATE, "--seed", DEMO_SEED, stdout=io.StringIO()
        )
        owner = User.objects.get(email=demo.DEMO_EMAIL)
    yield owner
    with django_db_blocker.unblock():
        User.objects.filter(pk=owner.pk).delete()


# --- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    """Real Chromium (Debian's, or Playwright's own) driven by Playwright; one per session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    executable = chromium.executable()
    if executable is None:
        pytest.fail(chromium.MISSING, pytrace=False)
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized page (390×844) pointed at the live server; closed after the test."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        timezone_id="Europe/London",
        base_url=live_server.url,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def sign_in():
    """Sign a page in through the sign-in form, as a person would."""

    def sign_in(page, email, password=PASSWORD):
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()

    return sign_in
