"""The time-zone list of sign-up and settings (accounts/time_zones.py)."""

import zoneinfo

import pytest
from django.test.html import Element, parse_html
from django.urls import reverse

from accounts import signup_mail, time_zones
from accounts.models import User
from tests.factories import UserFactory
from tests.pages import find, find_all

pytestmark = pytest.mark.django_db


def offered(page):
    """The time-zone select's option groups: (label, [values]) in page order."""

    def walk(element):
        for child in element.children:
            if isinstance(child, Element):
                yield child
                yield from walk(child)

    select = next(e for e in walk(parse_html(page.content.decode())) if e.name == "select")
    groups = [e for e in walk(select) if e.name == "optgroup"]
    return select, [
        (dict(group.attributes)["label"], [dict(o.attributes)["value"] for o in walk(group)])
        for group in groups
    ]


def test_the_list_has_canonical_names_only():
    listed = set(time_zones.listed_zones())

    assert {"Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Kyiv", "UTC"} <= listed
    assert not {"Factory", "localtime", "US/Eastern", "GB", "Asia/Calcutta", "Europe/Kiev"} & listed
    assert not {zone for zone in listed if zone.startswith("Etc/")}
    assert listed <= zoneinfo.available_timezones()
    assert set(time_zones.COMMON) <= listed


def test_every_alias_stands_for_a_listed_zone_with_the_same_rules():
    listed = set(time_zones.listed_zones())
    for alias, zone in time_zones.aliases().items():
        assert alias not in listed
        assert zone in listed
    assert time_zones.aliases()["Europe/Belfast"] == "Europe/London"
    assert time_zones.aliases()["Etc/UTC"] == "UTC"


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("Europe/London", "Europe/London"),
        ("US/Pacific", "America/Los_Angeles"),
        ("Europe/Kiev", "Europe/Kyiv"),
        ("Etc/GMT+5", "Etc/GMT+5"),
        ("Factory", None),
        ("localtime", None),
        ("Mars/Olympus_Mons", None),
        (None, None),
    ],
)
def test_a_name_is_kept_mapped_or_refused(given, kept):
    assert time_zones.canonical(given) == kept


def test_sign_up_lists_common_zones_first_then_every_region(client):
    link = reverse("signup_confirm", args=[signup_mail.make_token("robin@example.com")])

    _, groups = offered(client.get(link))

    assert groups[0] == ("Common", list(time_zones.COMMON))
    regions = [label for label, _ in groups[1:]]
    assert regions[:3] == ["Africa", "America", "Antarctica"]
    assert regions[-1] == "Other"
    assert sorted(zone for _, zones in groups[1:] for zone in zones) == list(
        time_zones.listed_zones()
    )


def test_settings_show_the_same_list_with_the_saved_zone_chosen(client):
    person = UserFactory(time_zone="America/New_York")
    client.force_login(person)

    page = client.get(reverse("settings"))

    _, groups = offered(page)
    assert groups[0] == ("Common", list(time_zones.COMMON))
    chosen = [o.attrs["value"] for o in find_all(page, "option") if "selected" in o.attrs]
    assert chosen == ["America/New_York"]
    find(page, "script", id="time-zone-aliases", type="application/json")


def test_settings_show_an_old_saved_name_as_its_zone_and_keep_it_on_saving(client):
    person = UserFactory(time_zone="US/Eastern")
    client.force_login(person)

    page = client.get(reverse("settings"))

    chosen = [o.attrs["value"] for o in find_all(page, "option") if "selected" in o.attrs]
    assert chosen[0] == "America/New_York"


def test_settings_keep_a_real_zone_that_is_not_listed(client):
    person = UserFactory(time_zone="Etc/GMT+5")
    client.force_login(person)

    page = client.get(reverse("settings"))

    _, groups = offered(page)
    assert groups[0] == ("Your current zone", ["Etc/GMT+5"])
    assert User.objects.get().time_zone == "Etc/GMT+5"
