"""axe-core in a real Chromium: no serious or critical accessibility violations on the main pages.

Run in the dark theme (what a person woken at 3 a.m. sees) on every page, and in the light theme
on one. axe-core comes bundled with the axe-playwright-python test extra; nothing is fetched.
"""

from datetime import timedelta

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone

from accounts import signup_mail
from journal.rules import nights
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerLinkFactory,
    PartnerReportFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


def last_night(user):
    return nights.night_of(timezone.now(), user.tz) - timedelta(days=1)


def a_little_journal(user):
    """Two nights with a diary, a few events (one red-flagged) and a partner's report."""
    newest = last_night(user)
    for night in (newest - timedelta(days=1), newest):
        NightFactory(
            owner=user,
            night_of=night,
            tried_to_sleep="23:00",
            minutes_to_fall_asleep=15,
            awake_minutes=20,
            final_wake="07:00",
            alcohol_drinks=1 if night == newest else 0,
        )
        for clock, kind, parts in (
            ("23:20", "twitch", ["left_leg"]),
            ("23:25", "twitch", ["left_leg", "right_hand"]),
            ("04:00", "cramp", ["right_foot"]),
        ):
            EventFactory(
                owner=user,
                night=night,
                clock=clock,
                kind=kind,
                body_parts=parts,
                woke_me=kind == "cramp",
                injury=kind == "cramp" and night == newest,
            )
        PartnerReportFactory(owner=user, night=night, clock="01:00", body_parts=["left_leg"])
    return newest


def serious_violations(page):
    """axe's violations of impact serious or critical on the page as it stands."""
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in SERIOUS]


def readable(violations, url):
    lines = [f"{len(violations)} serious/critical accessibility violation(s) on {url}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"  {violation['helpUrl']}")
        for node in violation["nodes"][:8]:
            lines.append(f"    at {' '.join(map(str, node['target']))}")
            lines.append(f"       {node['html'][:160]}")
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"       {summary[:300]}")
    return "\n".join(lines)


def check(page, path):
    page.goto(path)
    page.wait_for_load_state("load")
    violations = serious_violations(page)
    assert not violations, readable(violations, path)


@pytest.fixture
def dark_user(db):
    user = UserFactory(theme="dark")
    user.night = a_little_journal(user)
    return user


SIGNED_IN_PAGES = [
    "/",
    "/log/",
    "/nights/",
    "NIGHT",
    "/patterns/",
    "/report/",
    "/settings/",
    "/settings/partner/",
]


@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_signed_in_pages_have_no_serious_violations_in_the_dark(phone, dark_user, path, sign_in):
    sign_in(phone, dark_user.email)
    if path == "NIGHT":
        path = f"/nights/{dark_user.night.isoformat()}/"
    check(phone, path)
    assert phone.locator("html").get_attribute("data-bs-theme") == "dark"


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "SIGN_UP_LINK", "/accounts/password-reset/"]
)
def test_sign_in_and_sign_up_have_no_serious_violations_in_the_dark(phone, path):
    if path == "SIGN_UP_LINK":  # the second step of sign-up, opened from the emailed link
        path = reverse("signup_confirm", args=[signup_mail.make_token("kim@example.com")])
    # Signed out, the theme follows the clock and the phone's setting: ask for dark.
    phone.emulate_media(color_scheme="dark")
    check(phone, path)
    assert phone.locator("html").get_attribute("data-bs-theme") == "dark"


def test_the_weekly_review_has_no_serious_violations_in_the_light(phone, db, sign_in):
    user = UserFactory(theme="light")
    a_little_journal(user)
    sign_in(phone, user.email)
    check(phone, "/patterns/")
    assert phone.locator("html").get_attribute("data-bs-theme") == "light"


def test_the_partners_page_has_no_serious_violations(phone, dark_user):
    link = PartnerLinkFactory(owner=dark_user)
    check(phone, f"/p/{link.token}/")
    # With what this phone just added listed, and a red flag's guidance shown.
    phone.get_by_text("Pauses in breathing", exact=True).click()
    phone.get_by_role("button", name="Save what I saw").click()
    phone.get_by_role("heading", name="Seek medical attention").wait_for()
    violations = serious_violations(phone)
    assert not violations, readable(violations, phone.url)


def test_a_new_partner_link_with_its_qr_code_has_no_serious_violations(phone, dark_user, sign_in):
    sign_in(phone, dark_user.email)
    phone.goto("/settings/partner/")
    phone.get_by_label("Their name").fill("Sam")
    phone.get_by_role("button", name="Create partner link").click()
    phone.get_by_role("img", name="QR code of the link for Sam").wait_for()
    violations = serious_violations(phone)
    assert not violations, readable(violations, phone.url)


def all_violations(page):
    """axe's violations of any impact, minor included (the audit's target: none)."""
    return Axe().run(page).response["violations"]


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("path", ["/", "/patterns/", "/report/"])
def test_home_patterns_and_the_report_have_no_violations_at_all(phone, db, sign_in, theme, path):
    """What the audit found (docs/audit.md): home had no h1, the review an empty table header, the
    report two landmarks of one name and greyed rows at 4.18:1 in the light theme."""
    user = UserFactory(theme=theme)
    a_little_journal(user)
    sign_in(phone, user.email)
    phone.goto(path)
    phone.wait_for_load_state("load")
    violations = all_violations(phone)
    assert not violations, readable(violations, path)
    assert phone.locator("html").get_attribute("data-bs-theme") == theme
