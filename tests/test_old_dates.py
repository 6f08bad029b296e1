"""“Is the date right?” (issue 8): a date more than 60 days back asks once before saving, and the
saved message names the full date, so a year typed wrong is caught."""

import uuid

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.factories import EventFactory
from tests.pages import find, form_as_sent, visible_text

# Friday 20 November 2026, 09:30 in London; 60 days back is the night of Mon 21 Sep.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

QUESTION = "Is the date right?"


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def event_data(occurred_at, **more):
    return {"id": str(uuid.uuid4()), "occurred_at": occurred_at, "kind": "twitch", **more}


def test_an_event_more_than_60_days_back_asks_before_saving(signed_in, user):
    response = signed_in.post(reverse("event_new"), event_data("2025-11-03T03:10"))

    assert response.status_code == 200
    [message] = response.context["form"].errors["occurred_at"]
    assert message.startswith("Is the date right? This is for Sun 2 Nov 2025, 383 days ago.")
    assert not Event.objects.exists()
    box = find(response, "input", name="date_confirmed")
    assert box.attrs["type"] == "checkbox"
    assert "Yes, the date is right" in visible_text(response)


def test_confirming_the_old_date_saves_it_and_names_the_full_date(signed_in, user):
    first = signed_in.post(reverse("event_new"), event_data("2025-11-03T03:10"))
    again = form_as_sent(first, date_confirmed="on")

    response = signed_in.post(reverse("event_new"), again)

    assert response.status_code == 302
    assert Event.objects.for_user(user).get().night_of.isoformat() == "2025-11-02"
    assert flash(response) == ["Saved the twitch for the night of Sun 2 Nov 2025."]


def test_a_two_digit_year_is_refused_not_asked_about(signed_in):
    response = signed_in.post(reverse("event_new"), event_data("0026-11-03T03:10"))

    assert response.context["form"].errors["occurred_at"] == [
        "This is before 1900. Check the year."
    ]
    assert not Event.objects.exists()


def test_a_date_within_60_days_saves_at_once(signed_in, user):
    response = signed_in.post(reverse("event_new"), event_data("2026-09-22T03:10"))

    assert response.status_code == 302
    assert flash(response) == ["Saved the twitch for the night of Mon 21 Sep 2026."]
    box = find(signed_in.get(reverse("event_new")), "input", name="date_confirmed")
    assert box.attrs["type"] == "hidden"


def test_editing_an_old_event_without_changing_its_time_does_not_ask(signed_in, user):
    event = EventFactory(owner=user, occurred_at="2025-06-01T03:00")
    page = signed_in.get(reverse("event_edit", args=[event.pk]))

    response = signed_in.post(reverse("event_edit", args=[event.pk]), form_as_sent(page))

    assert response.status_code == 302
    assert flash(response) == ["Saved the twitch for the night of Sat 31 May 2025."]


def test_the_log_page_asks_about_an_old_exact_time(signed_in):
    response = signed_in.post(reverse("log"), {"kind": "twitch", "occurred_at": "2026-01-10T03:00"})

    assert QUESTION in response.context["form"].errors["occurred_at"][0]
    assert not Event.objects.exists()


def test_a_first_diary_for_an_old_night_asks_once(signed_in, user):
    url = reverse("night", args=["2026-08-01"])

    asked = signed_in.post(url, {"quality": "3"})
    assert QUESTION in asked.context["form"].non_field_errors()[0]
    assert not Night.objects.exists()

    response = signed_in.post(url, form_as_sent(asked, date_confirmed="on"))
    assert response.status_code == 302
    assert flash(response) == ["Diary saved for the night of Sat 1 Aug 2026."]


def test_an_old_partner_report_asks_once(signed_in, user):
    data = {"observed_at": "2026-03-01T02:00", "observations": ["twitching"]}
    asked = signed_in.post(reverse("partner_new"), data)
    assert QUESTION in asked.context["form"].errors["observed_at"][0]

    response = signed_in.post(reverse("partner_new"), {**data, "date_confirmed": "on"})
    assert response.status_code == 302
    assert PartnerReport.objects.for_user(user).count() == 1
    assert flash(response) == ["Partner report saved for the night of Sat 28 Feb 2026."]


def test_an_old_checkin_asks_once(signed_in, user):
    asked = signed_in.post(reverse("checkin"), {"date": "2026-01-05"})
    assert QUESTION in asked.context["form"].errors["date"][0]
    assert not SymptomCheckin.objects.exists()

    response = signed_in.post(reverse("checkin"), {"date": "2026-01-05", "date_confirmed": "on"})
    assert response.status_code == 302
    assert flash(response) == ["Check-in saved for Mon 5 Jan 2026."]
