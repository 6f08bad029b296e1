"""The weekly review /patterns/: this week and the week before, week navigation, ranges."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from journal.rules import nights
from tests.factories import EventFactory, PartnerReportFactory
from tests.pages import find_all, visible_text

# Friday 20 November 2026 in London: this week began on Monday the 16th.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

THIS_MONDAY = date(2026, 11, 16)


def test_it_redirects_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("patterns"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_it_shows_this_week_and_the_week_before(signed_in, user, journal_this_week):
    response = signed_in.get(reverse("patterns"))
    assert response.status_code == 200
    page = visible_text(response)
    summary = response.context["summary"]
    assert journal_this_week == THIS_MONDAY
    assert summary.first_night == journal_this_week
    assert summary.events == 3
    assert summary.events_by_window["falling_asleep"] == 2
    assert response.context["previous"].first_night == journal_this_week - timedelta(weeks=1)
    # Weeks are written for people; the ISO label stays in the links.
    assert "9–15 Nov" in page and "Nights of Mon 16 Nov – Sun 22 Nov 2026" in page
    assert nights.iso_week(journal_this_week - timedelta(weeks=1)) not in page
    assert "Seek medical attention" in page
    assert "Injured during an event" in page
    charts = find_all(response, "svg", role="img")
    assert any(
        chart.text.startswith("Events per hour in each window of the night") for chart in charts
    )
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
    assert response.context["summary"].first_night == THIS_MONDAY
    assertContains(response, "is not a week we can show")
    assert "<b>x</b>" not in response.content.decode()
    assert find_all(response, "b") == []


@pytest.mark.parametrize("weeks", [4, 8, 12])
def test_it_shows_the_last_weeks(signed_in, user, journal_this_week, weeks):
    response = signed_in.get(reverse("patterns"), {"weeks": weeks})
    assert response.status_code == 200
    summary = response.context["summary"]
    # weeks×7 nights ending last night (Thursday 19 Nov): the ISO weeks they overlap, one more.
    last_night = date(2026, 11, 19)
    assert (summary.first_night, summary.last_night) == (
        last_night - timedelta(days=7 * weeks - 1),
        last_night,
    )
    assert summary.nights == 7 * weeks
    assert len(summary.weeks) == weeks + 1
    assert summary.weeks[-1].week == nights.iso_week(journal_this_week)
    assert summary.weeks[-1].events == 3
    assertContains(response, "Events per logged night, week by week")


def test_an_unknown_range_falls_back_to_this_week(signed_in, user):
    response = signed_in.get(reverse("patterns"), {"weeks": "52"})
    assert "last 4, 8 or 12 weeks" in visible_text(response)


def test_it_never_shows_another_users_entries(signed_in, user, other_user):
    EventFactory(owner=other_user, night=THIS_MONDAY, clock="23:30", injury=True)
    PartnerReportFactory(
        owner=other_user, night=THIS_MONDAY, clock="23:30", observations=["unresponsive"]
    )
    response = signed_in.get(reverse("patterns"))
    assert response.context["summary"].events == 0
    assert response.context["summary"].partner_reports == 0
    assert "Seek medical attention" not in visible_text(response)


def test_the_week_before_reads_the_same_rules(signed_in, user):
    EventFactory(
        owner=user, night=THIS_MONDAY - timedelta(weeks=1), clock="23:30", kind="jerking_episode"
    )
    response = signed_in.get(reverse("patterns"))
    assert response.context["previous"].events == 1
    # The first jerking episode ever was the week before: this week shows no such flag.
    assert response.context["summary"].red_flags == []
    assert [f.code for f in response.context["previous"].red_flags] == ["first_jerking_episode"]


def test_how_it_works_lists_every_hint_threshold(client):
    from journal.rules.hints import HINT_RULES

    response = client.get(reverse("how_it_works"))
    assert response.status_code == 200
    page = visible_text(response)
    for rule in HINT_RULES.values():
        assert rule.title in page
    assert "only a sleep" in page.lower() or "Only a sleep" in page
