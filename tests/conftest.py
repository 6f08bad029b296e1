import zoneinfo
from datetime import datetime

import pytest

from accounts.models import User

PASSWORD = "night-owl-correct-horse"
CHROMIUM = "/usr/bin/chromium"
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


@pytest.fixture
def london():
    return zoneinfo.ZoneInfo("Europe/London")


def make_user(email="sam@example.com", time_zone="Europe/London", **extra):
    return User.objects.create_user(email=email, password=PASSWORD, time_zone=time_zone, **extra)


@pytest.fixture
def user(db):
    return make_user()


@pytest.fixture
def other_user(db):
    return make_user(email="alex@example.com", time_zone="America/New_York")


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    return client


def local(tz_name, *args):
    """An aware datetime at a wall-clock time in a named zone (first occurrence if ambiguous)."""
    return datetime(*args, tzinfo=zoneinfo.ZoneInfo(tz_name))


@pytest.fixture(scope="session")
def browser():
    """Real Chromium (Debian's) driven by Playwright; one per test session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


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


def sign_in(page, email, password=PASSWORD):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
