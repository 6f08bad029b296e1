"""The partner's own link: created from settings (shown once, with a QR code drawn on the server),
listed with when it was last used, revoked at once; and the page it opens, which adds partner
reports to the owner's journal and shows nothing else of it."""

import json
import re
from datetime import date, timedelta

import pytest
import segno
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal import offline, partner_links
from journal.models import PartnerLink, PartnerReport, RedFlagNotice
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerLinkFactory,
    PartnerReportFactory,
    local,
    token_hash,
)
from tests.pages import find, find_all, form_as_sent, visible_text

# Friday 20 November 2026, 03:30 in London: the middle of a night.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 03:30", tz="Europe/London")]

NOW = local("Europe/London", 2026, 11, 20, 3, 30)
JSON = {"HTTP_ACCEPT": "application/json"}


def create(client, label="Sam", lasts=""):
    return client.post(reverse("partner_links"), {"label": label, "lasts": lasts})


def page_url(link):
    return reverse("partner_page", args=[link.token])


@pytest.fixture
def link(user):
    return PartnerLinkFactory(owner=user, label="Sam")


@pytest.fixture
def partner():
    """The partner's phone: no account, its own cookies."""
    return Client()


# --- the sleeper's side --------------------------------------------------------------------------


def test_creating_a_link_shows_it_once_with_a_qr_code_of_it(signed_in, user):
    page = create(signed_in)
    assert page.status_code == 200

    url = find(page, "textarea", id="share-url").text
    token = url.rstrip("/").rsplit("/", 1)[1]
    link = PartnerLink.objects.for_user(user).get()
    assert (link.label, link.expires_at, link.token_hash) == ("Sam", None, token_hash(token))
    assert url == f"http://testserver/p/{token}/"
    # The QR code is drawn as rects; reading them back gives the same modules as the link's code.
    drawn = find(page, "svg", class_="qr-code")
    size = int(drawn.attrs["viewbox"].split()[2])
    code = segno.make(url, error="m", micro=False)
    assert size == len(code.matrix) + 8
    dark = set()
    for rect in find_all(page, "rect", fill="#000000"):
        x, y, width = (int(rect.attrs[key]) for key in ("x", "y", "width"))
        dark.update((x + step - 4, y - 4) for step in range(width))
    expected = {(x, y) for y, row in enumerate(code.matrix) for x, on in enumerate(row) if on}
    assert dark == expected
    assert "style" not in page.content.decode().split('class="qr-code"')[1].split("</svg>")[0]
    # Shown once: the next visit lists the link without its address.
    again = signed_in.get(reverse("partner_links"))
    assertNotContains(again, token)
    assertContains(again, "not used yet")


def test_a_link_can_expire(signed_in, user):
    create(signed_in, lasts="7")

    assert PartnerLink.objects.for_user(user).get().expires_at == NOW + timedelta(days=7)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"label": "", "lasts": ""}, "Write their name"),
        ({"label": "x" * 61, "lasts": ""}, "at most 60 characters"),
        ({"label": "Sam", "lasts": "365"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_a_message(signed_in, user, data, message):
    response = signed_in.post(reverse("partner_links"), data)

    assert response.status_code == 200
    assertContains(response, message)
    assert not PartnerLink.objects.exists()


def test_at_most_ten_links_work_at_once(signed_in, user):
    for _ in range(partner_links.MAX_ACTIVE_LINKS):
        PartnerLinkFactory(owner=user)

    response = create(signed_in)

    assertContains(response, "Revoke one you no longer need first")
    assert PartnerLink.objects.count() == partner_links.MAX_ACTIVE_LINKS


def test_the_list_says_when_each_link_was_last_used(signed_in, user, link, partner):
    partner.get(page_url(link))

    page = visible_text(signed_in.get(reverse("partner_links")))

    assert "Sam Works until you revoke it · last used 20 Nov 2026, 03:30" in page


def test_revoking_a_link_closes_it_at_once(signed_in, user, link, partner):
    assert partner.get(page_url(link)).status_code == 200

    signed_in.post(reverse("partner_link_revoke", args=[link.pk]))

    assert partner.get(page_url(link)).status_code == 404
    assert partner.post(page_url(link), {"observations": ["twitching"]}).status_code == 404
    assertNotContains(signed_in.get(reverse("partner_links")), "Revoke the link for Sam")


def test_another_users_link_cannot_be_revoked(signed_in, other_user, partner):
    theirs = PartnerLinkFactory(owner=other_user)

    assert signed_in.post(reverse("partner_link_revoke", args=[theirs.pk])).status_code == 404
    assert partner.get(page_url(theirs)).status_code == 200


def test_settings_lead_to_the_partner_link(signed_in):
    assertContains(signed_in.get(reverse("settings")), f'href="{reverse("partner_links")}"')


@pytest.mark.parametrize("name", ["partner_links", "partner_link_revoke"])
def test_anonymous_visitors_are_sent_to_sign_in(client, link, name):
    args = [link.pk] if name == "partner_link_revoke" else []

    response = client.post(reverse(name, args=args), {"label": "Sam"})

    assert response["Location"].startswith(reverse("login"))
    assert PartnerLink.objects.get().revoked_at is None


# --- the partner's page --------------------------------------------------------------------------


def save(partner, link, **changes):
    page = partner.get(page_url(link))
    data = form_as_sent(page, **{"observations": ["kicking_punching"], **changes})
    return partner.post(page_url(link), data)


def test_the_partner_saves_what_they_saw_into_the_owners_journal(user, link, partner):
    response = save(partner, link, body_parts=["left_leg"], earlier="5", duration_seconds="40")

    report = PartnerReport.objects.for_user(user).get()
    assert response["Location"] == f"{page_url(link)}?saved={report.pk}"
    assert (report.observer, report.partner_link, report.observations) == (
        "Sam",
        link,
        ["kicking_punching"],
    )
    assert report.body_parts == ["left_leg"]
    assert report.duration_seconds == 40
    assert report.observed_at == NOW - timedelta(minutes=5)
    page = partner.get(response["Location"])
    assertContains(page, "Saved: Kicking or punching.")


def test_the_timer_sets_the_start_and_the_length(user, link, partner):
    started = NOW - timedelta(minutes=3, seconds=20)

    save(partner, link, started_at=started.isoformat(), duration_seconds="200", earlier="60")

    report = PartnerReport.objects.for_user(user).get()
    assert (report.observed_at, report.duration_seconds) == (started, 200)


def test_the_owner_sees_added_by_the_partner(signed_in, user, link, partner):
    save(partner, link)

    night = signed_in.get(reverse("night", args=["2026-11-19"]))

    assertContains(night, "Added by Sam")


def test_the_partner_sees_nothing_else_of_the_journal(user, link, partner, other_user):
    event = EventFactory(
        owner=user, kind="cramp", night=date(2026, 11, 19), clock="01:00", notes="SECRET-EVENT"
    )
    NightFactory(owner=user, night_of=date(2026, 11, 18), notes="SECRET-DIARY")
    owners = PartnerReportFactory(
        owner=user, clock="02:00", night=date(2026, 11, 19), notes="SECRET-REPORT"
    )
    other_link = PartnerLinkFactory(owner=user, label="Alex")
    alexs = PartnerReport.objects.create(
        owner=user,
        observed_at=NOW - timedelta(minutes=2),
        observations=["talking_shouting"],
        observer="Alex",
        partner_link=other_link,
        added_by_device="someone-elses-phone",
    )
    save(partner, link, notes="MINE")

    page = partner.get(page_url(link))

    text = page.content.decode()
    for secret in ("SECRET-EVENT", "SECRET-DIARY", "SECRET-REPORT", "Alex", "Cramp"):
        assert secret not in text
    for other in (event, owners, alexs):
        assert str(other.pk) not in text
    assert len(find_all(page, "form", class_="partner-undo")) == 1
    assert "Kicking or punching" in visible_text(page)
    assert user.email not in text
    # No way into the journal from here.
    for anchor in find_all(page, "a"):
        assert not anchor.attrs.get("href", "").startswith(
            ("/nights", "/log", "/report", "/settings")
        )


def test_another_phone_sees_none_of_the_reports_and_cannot_undo_them(user, link, partner):
    save(partner, link)
    report = PartnerReport.objects.get()
    other_phone = Client()

    page = other_phone.get(page_url(link))

    assertNotContains(page, "Added from this phone")
    undo = other_phone.post(reverse("partner_undo", args=[link.token, report.pk]))
    assert undo.status_code == 404
    assert PartnerReport.objects.filter(pk=report.pk).exists()


def test_the_partner_can_undo_what_this_phone_added_in_the_last_ten_minutes(
    user, link, partner, clock
):
    save(partner, link)
    report = PartnerReport.objects.get()
    page = partner.get(page_url(link))
    undo = find(page, "form", action=reverse("partner_undo", args=[link.token, report.pk]))
    assert "Undo" in undo.text

    response = partner.post(reverse("partner_undo", args=[link.token, report.pk]))

    assert response["Location"] == f"{page_url(link)}?undone=1"
    assert not PartnerReport.objects.exists()
    assertContains(partner.get(response["Location"]), "Removed.")


def test_after_ten_minutes_the_partner_can_no_longer_see_or_undo_it(user, link, partner, clock):
    save(partner, link)
    report = PartnerReport.objects.get()
    clock.shift(timedelta(minutes=10, seconds=1))

    assertNotContains(partner.get(page_url(link)), "Added from this phone")
    assert partner.post(reverse("partner_undo", args=[link.token, report.pk])).status_code == 404
    assert PartnerReport.objects.filter(pk=report.pk).exists()


def test_the_partner_cannot_undo_the_owners_own_reports(user, link, partner):
    partner.get(page_url(link))
    owners = PartnerReportFactory(owner=user, night=date(2026, 11, 19), clock="02:00")

    response = partner.post(reverse("partner_undo", args=[link.token, owners.pk]))

    assert response.status_code == 404
    assert PartnerReport.objects.filter(pk=owners.pk).exists()


def test_the_phone_is_known_by_a_cookie_for_this_link_only(link, partner):
    response = partner.get(page_url(link))

    cookie = response.cookies[partner_links.DEVICE_COOKIE]
    assert cookie["path"] == page_url(link)
    assert cookie["httponly"]
    assert "sessionid" not in response.cookies
    assert response["Cache-Control"] == "private, no-store"
    assert response["Referrer-Policy"] == "same-origin"
    stored = PartnerReport.objects.filter(added_by_device=cookie.value)
    assert not stored.exists()  # only its hash is ever stored


def test_nothing_but_observations_is_needed_and_nothing_is_saved_without_one(user, link, partner):
    page = partner.get(page_url(link))

    response = partner.post(page_url(link), form_as_sent(page))

    assert response.status_code == 200
    assertContains(response, "Tick at least one thing you are seeing.")
    assert not PartnerReport.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"duration_seconds": "90000"}, "less than or equal to 86400"),
        ({"observations": ["sleepwalking"]}, "Select a valid choice"),
        ({"started_at": "2026-11-20T05:00:00+00:00"}, "clock is ahead"),
    ],
)
def test_bad_input_shows_the_form_again(user, link, partner, changes, message):
    response = save(partner, link, **changes)

    assert response.status_code == 200
    assertContains(response, message)
    assert not PartnerReport.objects.exists()


def test_a_wrong_or_expired_link_is_a_plain_404(user, partner, clock):
    expiring = PartnerLinkFactory(owner=user, expires_at=NOW + timedelta(hours=1))
    assert partner.get(page_url(expiring)).status_code == 200

    clock.shift(timedelta(hours=1, seconds=1))

    assert partner.get(page_url(expiring)).status_code == 404
    assert partner.get("/p/not-a-real-token-at-all-aaaaaaaaaaaaaaaaaaaa/").status_code == 404
    assert partner.get("/p/x/").status_code == 404


def test_the_partner_report_is_red_flag_checked(user, link, partner):
    response = save(partner, link, observations=["shaking_all_over"], duration_seconds="320")

    page = partner.get(response["Location"]).content.decode()

    assert page.index("Seek medical attention") < page.index("Added from this phone")
    assert "An episode lasted 5 minutes or more" in page
    assert "call emergency services now" in page
    assert RedFlagNotice.objects.for_user(user).get().codes == ["long_episode"]


def test_a_burst_of_saves_beyond_a_real_night_is_refused(user, link, partner):
    for _ in range(partner_links.MAX_SAVES):
        assert save(partner, link).status_code == 302

    response = save(partner, link)

    assert response.status_code == 429
    assertContains(response, "more entries in a few minutes than a night needs", status_code=429)
    assert PartnerReport.objects.count() == partner_links.MAX_SAVES


def test_a_kept_report_is_sent_as_json_once(user, link, partner):
    page = partner.get(page_url(link))
    data = form_as_sent(
        page, observations=["twitching"], tapped_at=(NOW - timedelta(minutes=20)).isoformat()
    )

    first = partner.post(page_url(link), data, **JSON)
    second = partner.post(page_url(link), data, **JSON)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["id"] == second.json()["id"]
    report = PartnerReport.objects.get()
    assert report.observed_at == NOW - timedelta(minutes=20)
    assert first.json()["url"] == f"{page_url(link)}?saved={report.pk}"


def test_json_refusals_say_why(user, link, partner):
    page = partner.get(page_url(link))

    invalid = partner.post(page_url(link), form_as_sent(page), **JSON)

    assert invalid.status_code == 400
    assert "Tick at least one thing" in invalid.json()["message"]
    for _ in range(partner_links.MAX_SAVES):
        save(partner, link)
    busy = partner.post(page_url(link), form_as_sent(page, observations=["twitching"]), **JSON)
    assert (busy.status_code, busy.json()["reason"]) == (429, "too_many")


def test_a_report_id_from_elsewhere_is_not_taken_over(user, link, partner, other_user):
    theirs = PartnerReportFactory(owner=other_user, clock="02:00", night=date(2026, 11, 19))

    response = save(partner, link, id=str(theirs.pk))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.owner == other_user and theirs.partner_link is None


def test_the_partner_page_has_its_own_manifest_starting_at_the_link(link, partner):
    page = partner.get(page_url(link))
    manifest_url = find(page, "link", rel="manifest").attrs["href"]

    manifest = json.loads(partner.get(manifest_url).content)

    assert manifest["start_url"] == manifest["scope"] == manifest["id"] == page_url(link)
    assert manifest["display"] == "standalone"
    assert "Sam" in manifest["name"]


def test_a_revoked_links_manifest_is_a_404(link, partner):
    link.revoked_at = NOW
    link.save()

    assert partner.get(reverse("partner_manifest", args=[link.token])).status_code == 404


def test_the_partner_page_carries_no_account_key(signed_in, link):
    # Even opened on the sleeper's own phone, signed in, the page is the partner's.
    page = signed_in.get(page_url(link))

    assert not find_all(page, "meta", name="nightjar-account")
    assert not re.search(offline.account_key(link.owner), page.content.decode())


def test_the_new_token_is_kept_in_no_session(signed_in, user):
    url = find(create(signed_in), "textarea", id="share-url").text
    token = url.rstrip("/").rsplit("/", 1)[1]

    sessions = list(Session.objects.all())
    assert sessions
    for session in sessions:
        assert token not in repr(session.get_decoded())
