"""Home (/): the log button, last night at a glance, and prompts for what is missing."""

from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal.models import Event, Night, PartnerReport, SymptomCheckin

pytestmark = pytest.mark.django_db


def at(user, day, hour, minute):
    return datetime.combine(day, time(hour, minute), tzinfo=user.tz)


@pytest.fixture
def today(user):
    return timezone.localtime(timezone.now(), user.tz).date()


@pytest.fixture
def last_night(today):
    return today - timedelta(days=1)


def test_it_shows_the_log_button(signed_in):
    html = signed_in.get(reverse("home")).content.decode()

    assert f'href="{reverse("log")}"' in html
    assert "Log a twitch" in html


def test_it_shows_last_nights_events_with_times_and_windows(signed_in, user, last_night):
    # Usual schedule: lights out 23:00, asleep by 23:15, so 23:25 is "falling asleep" (estimated).
    Event.objects.create(
        owner=user,
        occurred_at=at(user, last_night, 23, 25),
        kind="twitch",
        body_parts=["left_leg"],
        woke_me=True,
    )
    Event.objects.create(
        owner=user, occurred_at=at(user, last_night - timedelta(days=1), 23, 40), kind="cramp"
    )

    html = signed_in.get(reverse("home")).content.decode()

    assert "23:25" in html
    assert "Twitch (single jerk)" in html
    assert "Left leg" in html
    assert "Falling asleep" in html
    assert "(estimated)" in html
    assert "Woke me" in html
    assert "23:40" not in html
    assert "Cramp" not in html


def test_the_window_is_not_estimated_once_the_diary_says_when(signed_in, user, last_night, today):
    Event.objects.create(owner=user, occurred_at=at(user, last_night, 23, 25), kind="twitch")
    Night.objects.create(
        owner=user,
        night_of=last_night,
        tried_to_sleep=at(user, last_night, 22, 30),
        minutes_to_fall_asleep=10,
        final_wake=at(user, today, 6, 45),
        quality=4,
    )

    html = signed_in.get(reverse("home")).content.decode()

    assert "Early night — likely deep-sleep-rich" in html
    assert "(estimated)" not in html
    assert "06:45" in html
    assert "How did last night go?" not in html


def test_an_event_logged_just_now_is_on_the_home_screen(signed_in, user):
    Event.objects.create(owner=user, occurred_at=timezone.now() - timedelta(minutes=1))

    html = signed_in.get(reverse("home")).content.decode()

    assert "Twitch (single jerk)" in html


def test_it_hides_other_users_events(signed_in, other_user, last_night):
    Event.objects.create(
        owner=other_user, occurred_at=at(other_user, last_night, 23, 25), kind="spasm"
    )

    html = signed_in.get(reverse("home")).content.decode()

    assert "Spasm" not in html
    assert "Nothing logged for last night." in html


def test_it_prompts_for_what_is_missing(signed_in, last_night):
    html = signed_in.get(reverse("home")).content.decode()

    assert "How did last night go?" in html
    assert reverse("night", args=[last_night.isoformat()]) in html
    assert "Did anyone notice anything?" in html
    assert f"{reverse('partner_new')}?night={last_night.isoformat()}" in html
    assert "check-in" in html
    assert f'href="{reverse("checkin")}"' in html


def test_prompts_go_away_once_filled_in(signed_in, user, last_night, today):
    Night.objects.create(owner=user, night_of=last_night, quality=3)
    PartnerReport.objects.create(
        owner=user, observed_at=at(user, last_night, 23, 50), observations=["twitching"]
    )
    SymptomCheckin.objects.create(owner=user, date=today)

    html = signed_in.get(reverse("home")).content.decode()

    assert "How did last night go?" not in html
    assert "Did anyone notice anything?" not in html
    assert f'href="{reverse("checkin")}"' not in html


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_queries_stay_few_with_many_events(
    signed_in, user, last_night, django_assert_max_num_queries
):
    for minute in range(40):
        Event.objects.create(
            owner=user, occurred_at=at(user, last_night, 22, 0) + timedelta(minutes=minute * 3)
        )

    with django_assert_max_num_queries(10):
        response = signed_in.get(reverse("home"))

    assert response.content.decode().count('class="event-item') == 40
