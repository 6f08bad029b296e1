"""The weekly review /patterns/: this week and the week before, week navigation, ranges."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import nights
from journal.models import Event, Night, PartnerReport

from .conftest import local


def text(response):
    """The page's HTML with runs of whitespace collapsed, as a reader would see the words."""
    return " ".join(response.content.decode().split())


def this_monday(user):
    night = nights.night_of(timezone.now(), user.tz)
    return night - timedelta(days=night.weekday())


@pytest.fixture
def journal_this_week(user):
    """Two twitches while falling asleep on Monday night of the current week, one injury."""
    monday = this_monday(user)
    tz = user.tz
    Night.objects.create(
        owner=user,
        night_of=monday,
        tried_to_sleep=nights.local_instant(monday, nights.time(23, 0), tz),
        minutes_to_fall_asleep=10,
        final_wake=nights.local_instant(monday + timedelta(days=1), nights.time(7, 0), tz),
        alcohol_drinks=2,
    )
    start = nights.local_instant(monday, nights.time(23, 12), tz)
    for minutes in (0, 5):
        Event.objects.create(
            owner=user,
            occurred_at=start + timedelta(minutes=minutes),
            kind="twitch",
            body_parts=["left_leg"],
        )
    Event.objects.create(
        owner=user, occurred_at=start + timedelta(hours=4), kind="cramp", injury=True
    )
    return monday


def test_it_redirects_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("patterns"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_this_week_and_the_week_before(signed_in, user, journal_this_week):
    response = signed_in.get(reverse("patterns"))
    assert response.status_code == 200
    page = text(response)
    summary = response.context["summary"]
    assert summary.first_night == journal_this_week
    assert summary.events == 3
    assert summary.events_by_window["falling_asleep"] == 2
    assert response.context["previous"].first_night == journal_this_week - timedelta(weeks=1)
    assert nights.iso_week(journal_this_week - timedelta(weeks=1)) in page
    assert "Seek medical attention" in page
    assert "Injured during an event" in page
    assert 'role="img"' in page
    assert "Events by time of night" in page
    assert "Left leg" in page
    assert "Needs 2 more nights with alcohol and 3 more without." in page


def test_it_navigates_to_another_week(signed_in, user, journal_this_week):
    earlier = journal_this_week - timedelta(weeks=3)
    week = nights.iso_week(earlier)
    response = signed_in.get(reverse("patterns"), {"week": week})
    assert response.status_code == 200
    assert response.context["summary"].first_night == earlier
    assert response.context["summary"].events == 0
    assert response.context["next_week"] == nights.iso_week(earlier + timedelta(weeks=1))
    assert response.context["week_before"] == nights.iso_week(earlier - timedelta(weeks=1))


def test_this_week_has_no_next_link(signed_in, journal_this_week):
    response = signed_in.get(reverse("patterns"))
    assert response.context["next_week"] is None


@pytest.mark.parametrize("week", ["2026-W54", "next tuesday", "2026-W5", "0001-W01", "<b>x</b>"])
def test_a_bad_week_falls_back_to_this_week_with_a_message(signed_in, user, week):
    response = signed_in.get(reverse("patterns"), {"week": week})
    assert response.status_code == 200
    assert response.context["summary"].first_night == this_monday(user)
    assert "is not a week we can show" in text(response)
    assert "<b>x</b>" not in text(response)


@pytest.mark.parametrize("weeks", [4, 8, 12])
def test_it_shows_the_last_weeks(signed_in, user, journal_this_week, weeks):
    response = signed_in.get(reverse("patterns"), {"weeks": weeks})
    assert response.status_code == 200
    summary = response.context["summary"]
    assert len(summary.weeks) == weeks
    assert summary.weeks[-1].week == nights.iso_week(journal_this_week)
    assert summary.weeks[-1].events == 3
    assert "Events per logged night, week by week" in text(response)


def test_an_unknown_range_falls_back_to_this_week(signed_in, user):
    response = signed_in.get(reverse("patterns"), {"weeks": "52"})
    assert response.status_code == 200
    assert "last 4, 8 or 12 weeks" in text(response)


def test_it_never_shows_another_users_entries(signed_in, user, other_user):
    monday = this_monday(user)
    occurred = nights.local_instant(monday, nights.time(23, 30), other_user.tz)
    Event.objects.create(owner=other_user, occurred_at=occurred, kind="twitch", injury=True)
    PartnerReport.objects.create(
        owner=other_user, observed_at=occurred, observations=["unresponsive"]
    )
    response = signed_in.get(reverse("patterns"))
    assert response.context["summary"].events == 0
    assert response.context["summary"].partner_reports == 0
    assert "Seek medical attention" not in text(response)


def test_the_week_before_reads_the_same_rules(signed_in, user):
    monday = this_monday(user) - timedelta(weeks=1)
    Event.objects.create(
        owner=user,
        occurred_at=local("Europe/London", monday.year, monday.month, monday.day, 23, 30),
        kind="jerking_episode",
    )
    response = signed_in.get(reverse("patterns"))
    assert response.context["previous"].events == 1
    # The first jerking episode ever was the week before: this week shows no such flag.
    assert response.context["summary"].red_flags == []
    assert [f.code for f in response.context["previous"].red_flags] == ["first_jerking_episode"]


def test_how_it_works_lists_every_hint_threshold(client):
    from journal.hints import HINT_RULES

    response = client.get(reverse("how_it_works"))
    assert response.status_code == 200
    page = text(response)
    for rule in HINT_RULES.values():
        assert rule.title in page
    assert "only a sleep" in page.lower() or "Only a sleep" in page
