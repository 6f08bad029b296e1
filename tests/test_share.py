"""Clinician share links: made and revoked by the owner, opened by anyone with the token."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from journal import sharing
from journal.models import ShareLink
from tests.report_journal import FIRST, LAST, known_journal, sha256

pytestmark = pytest.mark.django_db


def create(client, **fields):
    data = {"weeks": "custom", "from": FIRST, "to": LAST, "days": 14, "label": "Dr Patel"}
    data.update(fields)
    return client.post(reverse("share"), data)


def new_link_url(client) -> str:
    """Create a link through the page and read the address it shows once."""
    response = create(client)
    assert response.status_code == 302
    page = client.get(reverse("share")).content.decode()
    match = re.search(r'<textarea id="share-url"[^>]*>\s*(\S+)\s*</textarea>', page)
    assert match, "the new link is shown"
    return match[1]


def test_creating_a_link_shows_its_address_once(signed_in, user):
    url = new_link_url(signed_in)
    token = url.rstrip("/").rsplit("/", 1)[1]
    link = ShareLink.objects.get(owner=user)
    assert (link.first_night, link.last_night, link.label) == (FIRST, LAST, "Dr Patel")
    assert timedelta(days=13, hours=23) < link.expires_at - timezone.now() <= timedelta(days=14)
    # Shown once: the next visit lists the link but no longer shows its address.
    page = signed_in.get(reverse("share")).content.decode()
    assert token not in page
    assert "Dr Patel" in page and "not opened yet" in page


def test_the_token_is_long_and_only_its_hash_is_stored(signed_in, user):
    url = new_link_url(signed_in)
    token = url.rstrip("/").rsplit("/", 1)[1]
    assert len(token) * 6 >= 128  # URL-safe base64: six bits a character
    link = ShareLink.objects.get(owner=user)
    assert link.token_hash == sha256(token)
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
    assert "The link was not made" in response.content.decode()
    assert not ShareLink.objects.exists()


def test_the_link_opens_the_report_without_signing_in(client, user):
    known_journal(user)
    link, token = sharing.create_link(user, FIRST, LAST, 7)
    response = client.get(reverse("shared_report", args=[token]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Calf cramp, stretched it out" in html
    assert response.context["summary"].events == 3
    assert response["Referrer-Policy"] == "no-referrer"
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    link.refresh_from_db()
    assert link.last_opened_at is not None
    # Times are shown in the owner's zone even though nobody is signed in.
    assert "Tue 7 Oct 03:10" in " ".join(html.split())


def test_the_shared_page_links_to_nothing_in_the_account(client, user):
    known_journal(user)
    _, token = sharing.create_link(user, FIRST, LAST, 7)
    html = client.get(reverse("shared_report", args=[token])).content.decode()
    hrefs = re.findall(r'href="([^"]*)"', html)
    pdf = reverse("shared_report_pdf", args=[token])
    assert pdf in hrefs
    assert all(href == pdf or href.startswith("/static/") for href in hrefs)
    for path in ("/nights/", "/settings/", "/log/", "/patterns/", "/export/", 'href="/"'):
        assert path not in html
    assert "tabbar" not in html and "<form" not in html


def test_the_link_opens_the_pdf(client, user):
    known_journal(user)
    _, token = sharing.create_link(user, FIRST, LAST, 7)
    response = client.get(reverse("shared_report_pdf", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "nightjar-report-2025-10-06-2025-10-19.pdf" in response["Content-Disposition"]


def test_an_expired_link_is_a_plain_404(client, user):
    link, token = sharing.create_link(user, FIRST, LAST, 7)
    ShareLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("shared_report", args=[token])).status_code == 404
    assert client.get(reverse("shared_report_pdf", args=[token])).status_code == 404


def test_a_revoked_link_is_a_plain_404(signed_in, client, user):
    link, token = sharing.create_link(user, FIRST, LAST, 7)
    response = signed_in.post(reverse("share_revoke", args=[link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None
    signed_in.logout()
    assert client.get(reverse("shared_report", args=[token])).status_code == 404
    assert client.get(reverse("shared_report_pdf", args=[token])).status_code == 404


def test_a_wrong_token_is_a_plain_404(client, user):
    _, token = sharing.create_link(user, FIRST, LAST, 7)
    for wrong in (token[:-1] + ("A" if token[-1] != "A" else "B"), "x", sha256(token)):
        assert client.get(reverse("shared_report", args=[wrong])).status_code == 404


def test_another_user_cannot_revoke_your_link(client, user, other_user):
    link, token = sharing.create_link(user, FIRST, LAST, 7)
    client.force_login(other_user)
    assert client.post(reverse("share_revoke", args=[link.pk])).status_code == 404
    link.refresh_from_db()
    assert link.revoked_at is None
    assert "Report link" not in client.get(reverse("share")).content.decode()


def test_the_list_shows_only_active_links(signed_in, user):
    sharing.create_link(user, FIRST, LAST, 7, label="Active one")
    expired, _ = sharing.create_link(user, FIRST, LAST, 7, label="Expired one")
    ShareLink.objects.filter(pk=expired.pk).update(expires_at=timezone.now() - timedelta(days=1))
    revoked, _ = sharing.create_link(user, FIRST, LAST, 7, label="Revoked one")
    ShareLink.objects.filter(pk=revoked.pk).update(revoked_at=timezone.now())
    page = signed_in.get(reverse("share")).content.decode()
    assert "Active one" in page
    assert "Expired one" not in page and "Revoked one" not in page


def test_revoking_needs_post_and_sign_in(client, user):
    link, _ = sharing.create_link(user, FIRST, LAST, 7)
    response = client.post(reverse("share_revoke", args=[link.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(user)
    assert client.get(reverse("share_revoke", args=[link.pk])).status_code == 405
