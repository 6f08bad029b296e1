"""Daytime check-ins: one per day, edit if it exists, delete with confirm."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import SymptomCheckin

pytestmark = pytest.mark.django_db


def today(user):
    return timezone.now().astimezone(user.tz).date()


def test_checkin_is_for_today_in_the_users_zone(signed_in, user):
    response = signed_in.get(reverse("checkin"))

    page = response.content.decode()
    assert response.status_code == 200
    assert f'value="{today(user).isoformat()}"' in page
    for label in ("Speech problems", "Uncontrollable blinking", "Dragging a leg"):
        assert label in page
    assert page.count('type="checkbox"') == 5


def test_it_saves_todays_checkin(signed_in, user):
    day = today(user).isoformat()
    response = signed_in.post(
        reverse("checkin"),
        {"date": day, "foot_cramps": "on", "dragging_leg": "on", "notes": "Left foot, morning"},
    )

    assert response.status_code == 302
    assert response.url == reverse("checkin_day", args=[day])
    entry = SymptomCheckin.objects.for_user(user).get()
    assert entry.signs_present == ["Foot cramps", "Dragging a leg"]
    assert entry.notes == "Left foot, morning"


def test_it_edits_the_days_checkin_instead_of_adding_one(signed_in, user):
    SymptomCheckin.objects.create(owner=user, date=date(2026, 10, 2), speech_problems=True)

    page = signed_in.get(reverse("checkin_day", args=["2026-10-02"])).content.decode()
    assert "checked" in page
    assert "Delete this check-in" in page

    signed_in.post(reverse("checkin_day", args=["2026-10-02"]), {"date": "2026-10-02"})

    entry = SymptomCheckin.objects.for_user(user).get()
    assert entry.speech_problems is False


def test_it_refuses_a_second_checkin_for_a_day(signed_in, user):
    SymptomCheckin.objects.create(owner=user, date=date(2026, 10, 2), notes="first")
    SymptomCheckin.objects.create(owner=user, date=date(2026, 10, 3), notes="second")

    response = signed_in.post(
        reverse("checkin_day", args=["2026-10-03"]), {"date": "2026-10-02", "notes": "moved"}
    )

    assert response.status_code == 200
    message = "There is already a check-in for this day. Edit it instead."
    assert response.context["form"].errors["date"] == [message]
    assert message in response.content.decode()
    assert sorted(SymptomCheckin.objects.values_list("notes", flat=True)) == ["first", "second"]


def test_it_refuses_a_day_to_come(signed_in, user):
    tomorrow = (today(user) + timedelta(days=1)).isoformat()
    response = signed_in.post(reverse("checkin"), {"date": tomorrow, "foot_cramps": "on"})
    assert response.status_code == 200
    assert "This day has not happened yet." in response.content.decode()
    assert SymptomCheckin.objects.count() == 0
    assert signed_in.get(reverse("checkin_day", args=[tomorrow])).status_code == 404


def test_it_refuses_a_missing_day(signed_in, user):
    response = signed_in.post(reverse("checkin"), {"date": "", "foot_cramps": "on"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert SymptomCheckin.objects.count() == 0


def test_another_users_checkin_is_never_shown_or_deleted(signed_in, other_user):
    theirs = SymptomCheckin.objects.create(
        owner=other_user, date=date(2026, 10, 2), neck_pulling=True, notes="their notes"
    )

    page = signed_in.get(reverse("checkin_day", args=["2026-10-02"])).content.decode()
    assert "their notes" not in page
    assert "checked" not in page
    assert signed_in.get(reverse("checkin_delete", args=[theirs.pk])).status_code == 404
    assert signed_in.post(reverse("checkin_delete", args=[theirs.pk])).status_code == 404
    assert SymptomCheckin.objects.count() == 1


def test_my_checkin_can_share_a_day_with_another_users(signed_in, user, other_user):
    SymptomCheckin.objects.create(owner=other_user, date=date(2026, 10, 2))
    response = signed_in.post(
        reverse("checkin_day", args=["2026-10-02"]), {"date": "2026-10-02", "foot_cramps": "on"}
    )
    assert response.status_code == 302
    assert SymptomCheckin.objects.for_user(user).get().foot_cramps is True


def test_it_deletes_a_checkin_after_confirming(signed_in, user):
    entry = SymptomCheckin.objects.create(owner=user, date=date(2026, 10, 2), foot_cramps=True)

    confirm = signed_in.get(reverse("checkin_delete", args=[entry.pk]))
    assert "Delete the check-in for Friday 2 Oct?" in confirm.content.decode()
    assert "Foot cramps" in confirm.content.decode()

    response = signed_in.post(reverse("checkin_delete", args=[entry.pk]))
    assert response.status_code == 302
    assert SymptomCheckin.objects.count() == 0


def test_checkin_pages_need_sign_in(client, user):
    entry = SymptomCheckin.objects.create(owner=user, date=date(2026, 10, 2))
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
