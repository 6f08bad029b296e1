"""Clinician share links: made and revoked by the owner, opened by anyone with the token."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal import sharing
from journal.models import ShareLink
from tests.factories import KNOWN_PERIOD, ShareLinkFactory, local, token_hash
from tests.pages import find, find_all, hrefs, visible_text

# Friday 20 November 2026, 09:30 in London.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

FIRST, LAST = KNOWN_PERIOD.first, KNOWN_PERIOD.last
NOW = local("Europe/London", 2026, 11, 20, 9, 30)


def create(client, **fields):
    data = {"weeks": "custom", "from": FIRST, "to": LAST, "days": 14, "label": "Dr Patel"}
    data.update(fields)
    return client.post(reverse("share"), data)


def new_link_url(client) -> str:
    """Create a link through the page and read the address it shows once."""
    response = create(client)
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    return find(response, "textarea", id="share-url").text


def open_shared(client, link, name="shared_report"):
    return client.get(reverse(name, args=[link.token]))


def test_creating_a_link_shows_its_address_once(signed_in, user):
    url = new_link_url(signed_in)
    token = url.rstrip("/").rsplit("/", 1)[1]
    link = ShareLink.objects.get(owner=user)
    assert (link.first_night, link.last_night, link.label) == (FIRST, LAST, "Dr Patel")
    assert link.expires_at == NOW + timedelta(days=14)
    # Shown once: the next visit lists the link but no longer shows its address.
    page = signed_in.get(reverse("share"))
    assertNotContains(page, token)
    assertContains(page, "Dr Patel")
    assertContains(page, "not opened yet")


def test_the_token_is_long_and_only_its_hash_is_stored(signed_in, user):
    url = new_link_url(signed_in)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) * 6 >= 128  # URL-safe base64: six bits a character
    link = ShareLink.objects.get(owner=user)
    assert link.token_hash == token_hash(token)
    stored = [str(value) for value in ShareLink.objects.values_list().get()]
    assert not any(token in value for value in stored)
    assert sharing.TOKEN_BYTES * 8 >= 128


def test_presets_make_a_link_for_the_last_weeks(signed_in, user):
    create(signed_in, weeks="2", **{"from": "", "to": ""})
    link = ShareLink.objects.get(owner=user)
    assert (link.last_night - link.first_night).days == 13


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"days": 0}, "days", "A link can work for 1 to 30 days."),
        ({"days": 31}, "days", "A link can work for 1 to 30 days."),
        ({"days": "soon"}, "days", "Write a whole number of days, 1 to 30."),
        ({"days": ""}, "days", "Say how many days the link should work"),
        ({"from": LAST, "to": FIRST}, "to", "The last night must be on or after the first"),
        ({"from": "", "to": ""}, "from", "Give the first night"),
    ],
)
def test_bad_input_shows_the_form_again_and_makes_no_link(signed_in, fields, field, message):
    response = create(signed_in, **fields)
    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assertContains(response, "The link was not made")
    assert not ShareLink.objects.exists()


def test_the_link_opens_the_report_without_signing_in(client, user, known_journal):
    link = ShareLinkFactory(owner=user, first_night=FIRST, last_night=LAST)
    response = open_shared(client, link)
    assertContains(response, "Calf cramp, stretched it out")
    assert response.context["summary"].events == 3
    assert response["Referrer-Policy"] == "no-referrer"
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    link.refresh_from_db()
    assert link.last_opened_at == NOW
    # Times are shown in the owner's zone even though nobody is signed in.
    assert "Tue 7 Oct 03:10" in visible_text(response)


def test_the_shared_page_links_to_nothing_in_the_account(client, user, known_journal):
    link = ShareLinkFactory(owner=user, first_night=FIRST, last_night=LAST)
    response = open_shared(client, link)
    assert hrefs(response) == [reverse("shared_report_pdf", args=[link.token])]
    assert all(tag.attrs["href"].startswith("/static/") for tag in find_all(response, "link"))
    for path in ("/nights/", "/settings/", "/log/", "/patterns/", "/export/"):
        assertNotContains(response, path)
    assert find_all(response, "nav") == [] and find_all(response, "form") == []


def test_the_link_opens_the_pdf(client, user, known_journal):
    link = ShareLinkFactory(owner=user, first_night=FIRST, last_night=LAST)
    response = open_shared(client, link, "shared_report_pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "nightjar-report-2025-10-06-2025-10-19.pdf" in response["Content-Disposition"]


def test_a_link_works_for_its_days_and_then_is_a_plain_404(client, user, clock):
    _, token = sharing.create_link(user, FIRST, LAST, 7)
    clock.shift(timedelta(days=7) - timedelta(seconds=1))
    assert client.get(reverse("shared_report", args=[token])).status_code == 200
    clock.shift(timedelta(seconds=1))
    assert client.get(reverse("shared_report", args=[token])).status_code == 404
    assert client.get(reverse("shared_report_pdf", args=[token])).status_code == 404


def test_a_revoked_link_is_a_plain_404(signed_in, client, user):
    link = ShareLinkFactory(owner=user)
    response = signed_in.post(reverse("share_revoke", args=[link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at == NOW
    signed_in.logout()
    assert open_shared(client, link).status_code == 404
    assert open_shared(client, link, "shared_report_pdf").status_code == 404


def test_a_wrong_token_is_a_plain_404(client, user):
    token = ShareLinkFactory(owner=user).token
    for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", token_hash(token)):
        assert client.get(reverse("shared_report", args=[wrong])).status_code == 404


def test_another_user_cannot_revoke_your_link(client, user, other_user):
    link = ShareLinkFactory(owner=user)
    client.force_login(other_user)
    assert client.post(reverse("share_revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assertNotContains(client.get(reverse("share")), "Report link")


def test_the_list_shows_only_active_links(signed_in, user):
    ShareLinkFactory(owner=user, label="Active one")
    ShareLinkFactory(owner=user, label="Expired one", expires_at=NOW)
    ShareLinkFactory(owner=user, label="Revoked one", revoked_at=NOW - timedelta(hours=1))
    page = signed_in.get(reverse("share"))
    assertContains(page, "Active one")
    assertNotContains(page, "Expired one")
    assertNotContains(page, "Revoked one")


def test_revoking_needs_post_and_sign_in(client, user):
    link = ShareLinkFactory(owner=user)
    response = client.post(reverse("share_revoke", args=[link.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(user)
    assert client.get(reverse("share_revoke", args=[link.pk])).status_code == 405


def test_the_new_token_is_kept_in_no_session(signed_in, user):
    url = new_link_url(signed_in)
    token = url.rstrip("/").rsplit("/", 1)[1]

    sessions = list(Session.objects.all())
    assert sessions
    for session in sessions:
        assert token not in repr(session.get_decoded())
