"""Error pages keep Nightjar's dark look: nobody gets a white page at 3 a.m."""

import uuid

from django.conf import settings
from django.template.loader import get_template
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.pages import find, find_all, hrefs


def test_a_missing_page_is_a_dark_nightjar_page_at_night(signed_in, user):
    user.theme = "dark"
    user.save()
    response = signed_in.get(f"/events/{uuid.uuid4()}/edit/")
    assertContains(response, "Nothing here", status_code=404)
    assert find(response, "html").attrs["data-bs-theme"] == "dark"
    assert reverse("home") in hrefs(response)


def test_an_expired_form_explains_itself_and_saves_nothing(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(reverse("log"), {"kind": "twitch"})
    assertContains(response, "Nothing was saved", status_code=403)
    assert not user.event_set.exists()


def test_the_server_error_page_stands_alone_in_dark_colours():
    """No base.html (it may be what failed), no inline style (CSP): one small dark stylesheet."""
    page = get_template("500.html").render()
    assert '<meta name="color-scheme" content="dark">' in page
    stylesheets = [link.attrs["href"] for link in find_all(page, "link")]
    assert len(stylesheets) == 1 and stylesheets[0].endswith("css/error.css")
    assert "#10131a" in (settings.BASE_DIR / "static/css/error.css").read_text()
