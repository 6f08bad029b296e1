"""Home (/): the log button, last night at a glance, and prompts for what is missing."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    SymptomCheckinFactory,
    local,
)
from tests.pages import find_all, hrefs

# Friday 20 November 2026, 09:30 in London: last night is the night of Thursday the 19th.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

TODAY = date(2026, 11, 20)
LAST_NIGHT = date(2026, 11, 19)


def test_it_shows_the_log_button(signed_in):
    response = signed_in.get(reverse("home"))

    button = f'<a class="btn btn-primary btn-huge mb-4" href="{reverse("log")}">Log a twitch</a>'
    assertContains(response, button, html=True)


@pytest.mark.parametrize(
    ("kind", "parts", "label"),
    [
        ("twitch", ["left_leg"], "Log a twitch · left leg"),
        ("jerking_episode", [], "Log a jerking episode"),
        ("cramp", ["left_foot", "right_leg"], "Log a cramp · left foot, right leg"),
        ("other", ["face"], "Log an event · face"),
    ],
)
def test_the_log_button_names_what_two_taps_will_save(signed_in, user, kind, parts, label):
    EventFactory(owner=user, kind=kind, body_parts=parts, night=LAST_NIGHT, clock="23:10")

    response = signed_in.get(reverse("home"))

    button = f'<a class="btn btn-primary btn-huge mb-4" href="{reverse("log")}">{label}</a>'
    assertContains(response, button, html=True)


def test_it_shows_last_nights_events_with_times_and_windows(signed_in, user):
    # Usual schedule: lights out 23:00, asleep by 23:15, so 23:25 is "falling asleep" (estimated).
    EventFactory(
        owner=user,
        night=LAST_NIGHT,
        clock="23:25",
        kind="twitch",
        body_parts=["left_leg"],
        woke_me=True,
    )
    EventFactory(owner=user, night=LAST_NIGHT - timedelta(days=1), clock="23:40", kind="cramp")

    response = signed_in.get(reverse("home"))

    for shown in ("23:25", "Twitch (single jerk)", "Left leg", "Falling asleep", "(estimated)"):
        assertContains(response, shown)
    assertContains(response, "Woke me")
    assertNotContains(response, "23:40")
    assertNotContains(response, "Cramp")


def test_the_window_is_not_estimated_once_the_diary_says_when(signed_in, user):
    EventFactory(owner=user, night=LAST_NIGHT, clock="23:25", kind="twitch")
    NightFactory(
        owner=user,
        night_of=LAST_NIGHT,
        tried_to_sleep="22:30",
        minutes_to_fall_asleep=10,
        final_wake="06:45",
        quality=4,
    )

    response = signed_in.get(reverse("home"))

    assertContains(response, "Early night — likely deep-sleep-rich")
    assertNotContains(response, "(estimated)")
    assertContains(response, "06:45")
    assertNotContains(response, "How did last night go?")


def test_an_event_logged_just_now_is_on_the_home_screen(signed_in, user):
    EventFactory(owner=user, occurred_at=local("Europe/London", 2026, 11, 20, 9, 29))

    assertContains(signed_in.get(reverse("home")), "Twitch (single jerk)")


def test_it_hides_other_users_events(signed_in, other_user):
    EventFactory(owner=other_user, night=LAST_NIGHT, clock="23:25", kind="spasm")

    response = signed_in.get(reverse("home"))

    assertNotContains(response, "Spasm")
    assertContains(response, "Nothing logged for last night.")


def test_it_prompts_for_what_is_missing(signed_in):
    response = signed_in.get(reverse("home"))

    assertContains(response, "How did last night go?")
    assertContains(response, "Did anyone notice anything?")
    assertContains(response, "check-in")
    links = hrefs(response)
    assert reverse("night", args=["2026-11-19"]) in links
    assert f"{reverse('partner_new')}?night=2026-11-19" in links
    assert reverse("checkin") in links


def test_prompts_go_away_once_filled_in(signed_in, user):
    NightFactory(owner=user, night_of=LAST_NIGHT, quality=3)
    PartnerReportFactory(owner=user, night=LAST_NIGHT, clock="23:50")
    SymptomCheckinFactory(owner=user, date=TODAY)

    response = signed_in.get(reverse("home"))

    assertNotContains(response, "How did last night go?")
    assertNotContains(response, "Did anyone notice anything?")
    assert reverse("checkin") not in hrefs(response)


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_home_queries_stay_few_with_many_events(signed_in, user, django_assert_max_num_queries):
    for index in range(40):
        EventFactory(owner=user, night=LAST_NIGHT, clock=f"{22 + index // 20}:{index % 20 * 3:02d}")

    with django_assert_max_num_queries(10):
        response = signed_in.get(reverse("home"))

    assert len(find_all(response, "li", class_="event-item")) == 40
