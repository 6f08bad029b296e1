"""Daytime check-ins: one per day, edit if it exists, delete with confirm."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import SymptomCheckin
from tests.factories import SymptomCheckinFactory
from tests.pages import field_value, find_all

# Friday 20 November 2026 in London; early on Saturday the 21st in Auckland.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 12:30", tz="Europe/London")]

SIGNS = (
    "speech_problems",
    "uncontrollable_blinking",
    "neck_pulling",
    "foot_cramps",
    "dragging_leg",
)


def ticked(response):
    return [box.attrs["name"] for box in find_all(response, "input", type="checkbox", checked=None)]


def test_checkin_is_for_today_in_the_users_zone(signed_in, user):
    response = signed_in.get(reverse("checkin"))

    assert response.status_code == 200
    assert field_value(response, "date") == "2026-11-20"
    for label in ("Speech problems", "Uncontrollable blinking", "Dragging a leg"):
        assertContains(response, label)
    boxes = find_all(response, "input", type="checkbox")
    assert tuple(box.attrs["name"] for box in boxes) == SIGNS
    assert ticked(response) == []

    user.time_zone = "Pacific/Auckland"
    user.save()
    assert field_value(signed_in.get(reverse("checkin")), "date") == "2026-11-21"


def test_it_saves_todays_checkin(signed_in, user):
    response = signed_in.post(
        reverse("checkin"),
        {
            "date": "2026-11-20",
            "foot_cramps": "on",
            "dragging_leg": "on",
            "notes": "Left foot, morning",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("checkin_day", args=["2026-11-20"])
    entry = SymptomCheckin.objects.for_user(user).get()
    assert entry.signs_present == ["Foot cramps", "Dragging a leg"]
    assert entry.notes == "Left foot, morning"


def test_it_edits_the_days_checkin_instead_of_adding_one(signed_in, user):
    SymptomCheckinFactory(owner=user, date=date(2026, 10, 2), speech_problems=True)

    page = signed_in.get(reverse("checkin_day", args=["2026-10-02"]))
    assert ticked(page) == ["speech_problems"]
    assertContains(page, "Delete this check-in")

    signed_in.post(reverse("checkin_day", args=["2026-10-02"]), {"date": "2026-10-02"})

    entry = SymptomCheckin.objects.for_user(user).get()
    assert entry.speech_problems is False


def test_it_refuses_a_second_checkin_for_a_day(signed_in, user):
    SymptomCheckinFactory(owner=user, date=date(2026, 10, 2), notes="first")
    SymptomCheckinFactory(owner=user, date=date(2026, 10, 3), notes="second")

    response = signed_in.post(
        reverse("checkin_day", args=["2026-10-03"]), {"date": "2026-10-02", "notes": "moved"}
    )

    assert response.status_code == 200
    message = "There is already a check-in for this day. Edit it instead."
    assert response.context["form"].errors["date"] == [message]
    assertContains(response, message)
    assert sorted(SymptomCheckin.objects.values_list("notes", flat=True)) == ["first", "second"]


def test_it_refuses_a_day_to_come(signed_in, user):
    response = signed_in.post(reverse("checkin"), {"date": "2026-11-21", "foot_cramps": "on"})
    assertContains(response, "This day has not happened yet.")
    assert SymptomCheckin.objects.count() == 0
    assert signed_in.get(reverse("checkin_day", args=["2026-11-21"])).status_code == 404


def test_it_refuses_a_missing_day(signed_in, user):
    response = signed_in.post(reverse("checkin"), {"date": "", "foot_cramps": "on"})
    assertContains(response, "This field is required.")
    assert SymptomCheckin.objects.count() == 0


def test_another_users_checkin_is_never_shown_or_deleted(signed_in, other_user):
    theirs = SymptomCheckinFactory(
        owner=other_user, date=date(2026, 10, 2), neck_pulling=True, notes="their notes"
    )

    page = signed_in.get(reverse("checkin_day", args=["2026-10-02"]))
    assertNotContains(page, "their notes")
    assert ticked(page) == []
    assert signed_in.get(reverse("checkin_delete", args=[theirs.pk])).status_code == 404
    assert signed_in.post(reverse("checkin_delete", args=[theirs.pk])).status_code == 404
    assert SymptomCheckin.objects.count() == 1


def test_my_checkin_can_share_a_day_with_another_users(signed_in, user, other_user):
    SymptomCheckinFactory(owner=other_user, date=date(2026, 10, 2))
    response = signed_in.post(
        reverse("checkin_day", args=["2026-10-02"]), {"date": "2026-10-02", "foot_cramps": "on"}
    )
    assert response.status_code == 302
    assert SymptomCheckin.objects.for_user(user).get().foot_cramps is True


def test_it_deletes_a_checkin_after_confirming(signed_in, user):
    entry = SymptomCheckinFactory(owner=user, date=date(2026, 10, 2), foot_cramps=True)

    confirm = signed_in.get(reverse("checkin_delete", args=[entry.pk]))
    assertContains(confirm, "Delete the check-in for Friday 2 Oct?")
    assertContains(confirm, "Foot cramps")

    response = signed_in.post(reverse("checkin_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert SymptomCheckin.objects.count() == 0


def test_checkin_pages_need_sign_in(client, user):
    entry = SymptomCheckinFactory(owner=user, date=date(2026, 10, 2))
    for url in (
        reverse("checkin"),
        reverse("checkin_day", args=["2026-10-02"]),
        reverse("checkin_delete", args=[entry.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    client.post(reverse("checkin_delete", args=[entry.pk]))
    assert SymptomCheckin.objects.count() == 1
