"""What keeps pages light: pages are sent gzipped to browsers that accept it (static files are
WhiteNoise's, compressed ahead of time), and the Bootstrap build keeps what the pages need.

The weights themselves are measured by `make page-weight` / `make audit` (docs/audit.md).
"""

import gzip
import re
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
BOOTSTRAP = PROJECT / "static" / "vendor" / "bootstrap" / "bootstrap.min.css"

pytestmark = pytest.mark.django_db


def test_it_gzips_pages_for_browsers_that_accept_it(signed_in):
    response = signed_in.get("/log/", headers={"accept-encoding": "gzip, deflate, br"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<h1" in html and "csrfmiddlewaretoken" in html
    assert len(response.content) < len(html.encode()) / 3


def test_it_sends_pages_plain_to_clients_that_do_not_accept_gzip(signed_in):
    response = signed_in.get("/log/")

    assert not response.has_header("Content-Encoding")
    assert b"csrfmiddlewaretoken" in response.content


def test_each_gzipped_page_differs_in_length_or_bytes(signed_in):
    """BREACH: the CSRF token is masked afresh and the gzip header padded with random bytes, so
    the same page never comes out the same twice."""
    first, second = (
        signed_in.get("/log/", headers={"accept-encoding": "gzip"}).content for _ in range(2)
    )

    assert first != second


def test_it_leaves_static_files_to_whitenoise(client):
    response = client.get("/static/icons/nightjar-192.png", headers={"accept-encoding": "gzip"})

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def selectors(css):
    return set(re.findall(r"([^{}]+)\{", css))


def test_the_bootstrap_build_keeps_the_dark_theme_forms_and_print_classes():
    css = BOOTSTRAP.read_text(encoding="utf-8-sig")
    found = " ".join(selectors(css))

    assert "[data-bs-theme=dark]" in found
    assert "--bs-body-bg:" in css.split("[data-bs-theme=dark]", 1)[1]
    for rule in (
        ".form-control",
        ".form-select",
        ".form-check-input",
        ".is-invalid",
        ".invalid-feedback",
        ".btn-primary",
        ".btn-outline-danger",
        ".alert-warning",
        ".text-bg-warning",
        ".visually-hidden-focusable",
        ".table-responsive",
    ):
        assert rule in found, rule
    print_rules = css.split("@media print", 1)[1]
    assert ".d-print-none" in print_rules


def test_the_bootstrap_build_leaves_out_what_nightjar_does_not_use():
    css = BOOTSTRAP.read_text(encoding="utf-8-sig")

    for unused in (".modal", ".carousel", ".offcanvas", ".navbar", ".accordion", ".tooltip"):
        assert unused not in css, unused
    assert len(css.encode()) < 80_000
