"""The security headers (docs/security.md): a strict Content-Security-Policy and a
Permissions-Policy on every response, no caching of anything that shows journal data or an
account, the share and partner tokens kept out of Referer headers; error pages included."""

import uuid

import pytest
from django.test import Client
from django.urls import path, reverse

from config import urls as project_urls
from tests.factories import KNOWN_PERIOD, PartnerLinkFactory, ShareLinkFactory

pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

UNUSED_FEATURES = ("camera", "microphone", "geolocation", "payment", "usb", "bluetooth", "serial")


def boom(request):
    raise RuntimeError("a bug in a view")


# The project's URLs and one view that fails, for the server error page.
urlpatterns = [*project_urls.urlpatterns, path("boom/", boom)]


def policy(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def assert_strict_policy(response):
    csp = policy(response)
    assert csp["default-src"] == ["'self'"]
    # Scripts and styles only from Nightjar's own files: no inline code, no eval, no nonces
    # or hashes that would let a block in.
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert "unsafe" not in response["Content-Security-Policy"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["object-src"] == ["'none'"]
    # What the service worker, the web app manifest and the offline queue need, and no more.
    assert csp["worker-src"] == ["'self'"]
    assert csp["manifest-src"] == ["'self'"]
    assert csp["connect-src"] == ["'self'"]
    assert csp["img-src"] == ["'self'", "data:"]


def assert_unused_features_off(response):
    header = response["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    for feature in UNUSED_FEATURES:
        assert features[feature] == "()", feature


def assert_never_stored(response):
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


def assert_every_header(response):
    assert_strict_policy(response)
    assert_unused_features_off(response)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "no-referrer"}


def test_a_signed_in_page_has_every_header_and_is_never_stored(signed_in):
    response = signed_in.get(reverse("home"))
    assert response.status_code == 200
    assert_every_header(response)
    assert_never_stored(response)
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/log/",
        "/events/new/",
        "/nights/",
        f"/nights/{KNOWN_PERIOD.first}/",
        "/partner/new/",
        "/checkin/",
        "/patterns/",
        "/how-it-works/",
        f"/api/summary?from={KNOWN_PERIOD.first}&to={KNOWN_PERIOD.last}",
        "/export/",
        "/import/",
        "/stages/",
        "/report/",
        "/share/",
        "/settings/",
        "/settings/partner/",
        "/settings/password/",
        "/settings/delete/",
        "/offline/",
    ],
)
def test_no_signed_in_page_is_kept_by_a_browser_or_proxy(signed_in, known_journal, url):
    response = signed_in.get(url)
    assert response.status_code == 200
    assert_never_stored(response)
    assert_strict_policy(response)


def test_the_service_worker_keeps_its_own_cache_rule(signed_in):
    response = signed_in.get(reverse("service_worker"))
    assert response["Cache-Control"] == "no-cache"


def test_the_sign_in_page_has_the_headers_too(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert_every_header(response)


def test_the_share_page_has_every_header_and_sends_no_referrer(client, user, known_journal):
    link = ShareLinkFactory(owner=user, first_night=KNOWN_PERIOD.first)
    response = client.get(reverse("shared_report", args=[link.token]))
    assert response.status_code == 200
    assert_every_header(response)
    assert_never_stored(response)
    assert response["Referrer-Policy"] == "no-referrer"


def test_the_partner_page_has_every_header_and_keeps_its_token_here(client, user):
    link = PartnerLinkFactory(owner=user)
    response = client.get(reverse("partner_page", args=[link.token]))
    assert response.status_code == 200
    assert_every_header(response)
    assert_never_stored(response)
    # Not "no-referrer": its form would then send "Origin: null" and fail the CSRF check.
    assert response["Referrer-Policy"] == "same-origin"


def test_a_missing_page_has_the_headers_signed_in_or_not(client, signed_in):
    for visitor in (client, signed_in):
        response = visitor.get(f"/events/{uuid.uuid4()}/edit/")
        assert response.status_code == 404
        assert_every_header(response)
    assert_never_stored(response)


@pytest.mark.urls(__name__)
def test_the_server_error_page_has_the_headers_with_debug_off(settings, user):
    settings.DEBUG = False
    visitor = Client(raise_request_exception=False)
    visitor.force_login(user)
    response = visitor.get("/boom/")
    assert response.status_code == 500
    assert b"Something went wrong" in response.content
    assert_every_header(response)
    assert_never_stored(response)


def test_a_deployment_redirects_plain_http_and_sends_hsts(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 365 * 24 * 3600
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get(reverse("login"))
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/accounts/login/"
    proxied = client.get(reverse("login"), headers={"X-Forwarded-Proto": "https"})
    assert proxied.status_code == 200
    assert proxied["Strict-Transport-Security"].startswith("max-age=31536000")
    assert_every_header(proxied)
