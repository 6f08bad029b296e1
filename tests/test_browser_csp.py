"""The strict Content-Security-Policy in a real Chromium at phone size: the key pages load, their
scripts run (the service worker, the log's Save, the partner's timer), and the browser reports no
violation (`securitypolicyviolation` events and console errors)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from accounts import signup_mail
from journal.models import Event
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerLinkFactory,
    ShareLinkFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TZ = "Europe/London"
# Runs in every page before its own scripts (Playwright injects it; the policy does not apply).
WATCH_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline") +
    " in " + event.sourceFile + ":" + event.lineNumber
  );
});
"""


class Watched:
    """A phone-sized page that records every policy violation and console error about it."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(
            viewport={"width": 390, "height": 844},
            is_mobile=True,
            has_touch=True,
            timezone_id=TZ,
            base_url=base_url,
        )
        self.context.add_init_script(WATCH_VIOLATIONS)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.console = []
        self.page.on(
            "console",
            lambda message: (
                self.console.append(message.text)
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def open(self, url, status=200):
        response = self.page.goto(url)
        assert response.status == status, url
        assert "default-src 'self'" in response.headers["content-security-policy"], url
        self.page.wait_for_load_state("networkidle")
        return self.page

    def violations(self):
        return self.page.evaluate("window.cspViolations") + self.console


@pytest.fixture
def watched(browser, live_server):
    opened = []

    def watched():
        page = Watched(browser, live_server.url)
        opened.append(page)
        return page

    yield watched
    for page in opened:
        page.context.close()


@pytest.fixture
def owner():
    """A journal with a few nights, placed from the real clock (the browser keeps it)."""
    user = UserFactory(time_zone=TZ)
    last = timezone.now().astimezone(user.tz).date() - timedelta(days=1)
    for back in (0, 2, 9):
        night = last - timedelta(days=back)
        NightFactory(owner=user, night_of=night, tried_to_sleep="23:00", final_wake="07:00")
        EventFactory(owner=user, night=night, clock="23:05", body_parts=["left_leg"])
    user.last_night = last
    return user


def test_the_detector_sees_an_inline_style_the_policy_refuses(watched, owner):
    """So that an empty list below means no violation, not a deaf listener."""
    visitor = watched()
    page = visitor.open("/accounts/login/")
    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>body{}</style>')")
    page.wait_for_function("window.cspViolations.length > 0")
    assert any(violation.startswith("style-src") for violation in visitor.violations())


def test_signed_in_pages_run_with_no_violation(watched, owner, sign_in):
    visitor = watched()
    sign_in(visitor.page, owner.email)
    night = owner.last_night
    for url in (
        "/",
        "/log/",
        "/nights/",
        f"/nights/{night}/",
        "/patterns/",
        f"/report/?from={night - timedelta(days=13)}&to={night}",
        "/settings/",
        "/settings/partner/",
        "/share/",
        "/import/",
    ):
        visitor.open(url)
        assert visitor.violations() == [], url

    # The service worker registers and the log's Save goes through the page's own script.
    page = visitor.open("/log/")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.get_by_role("button", name="Save twitch").click()
    expect(page.get_by_role("heading", name="Saved")).to_be_visible()
    assert Event.objects.for_user(owner).count() == 4
    assert visitor.violations() == []


def test_the_share_and_partner_pages_run_with_no_violation(watched, owner):
    night = owner.last_night
    share = ShareLinkFactory(owner=owner, first_night=night - timedelta(days=13), last_night=night)
    partner = PartnerLinkFactory(owner=owner)
    visitor = watched()

    visitor.open(f"/s/{share.token}/")
    assert visitor.violations() == []

    page = visitor.open(f"/p/{partner.token}/")
    page.get_by_role("button", name="Start").click()
    expect(page.get_by_role("button", name="Stop")).to_be_visible()
    assert visitor.violations() == []


def test_the_sign_in_sign_up_admin_and_error_pages_run_with_no_violation(watched):
    visitor = watched()
    visitor.open("/accounts/login/")
    visitor.open("/accounts/signup/")
    # Sign-up's second step: the time-zone script and its JSON block of zone aliases.
    page = visitor.open(reverse("signup_confirm", args=[signup_mail.make_token("kim@example.com")]))
    expect(page.get_by_label("Time zone")).to_have_value("Europe/London")
    visitor.open("/nothing-here/", status=404)
    visitor.open("/admin/login/")
    assert visitor.violations() == []
