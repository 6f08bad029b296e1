"""The web app manifest, so Nightjar can be added to a phone's home screen."""

import json

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse


@pytest.mark.django_db
def test_the_manifest_describes_the_app(client):
    response = client.get(reverse("manifest"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == "Nightjar"
    assert manifest["short_name"]
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["background_color"] == manifest["theme_color"] == "#10131a"
    assert manifest["shortcuts"][0]["name"] == "Log a twitch"
    assert manifest["shortcuts"][0]["url"] == reverse("log") == "/log/"


@pytest.mark.django_db
def test_the_manifest_icons_exist(client):
    manifest = client.get(reverse("manifest")).json()

    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"any", "192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        path = icon["src"].removeprefix(settings.STATIC_URL)
        found = finders.find(path)
        assert found, icon["src"]
        if icon["type"] == "image/png":
            with open(found, "rb") as image:
                header = image.read(24)
            width = int.from_bytes(header[16:20], "big")
            assert header[:8] == b"\x89PNG\r\n\x1a\n"
            assert f"{width}x{width}" == icon["sizes"]
