"""The journal timeline (/nights/) and the night page (/nights/<date>/) as pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Event, Night
from tests.factories import EventFactory, NightFactory, PartnerReportFactory
from tests.pages import find_all, hrefs, visible_text

# Friday 20 November 2026, mid-morning: every night of October is over.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]


def october(day):
    return date(2026, 10, day)


def event_items(response):
    return find_all(response, "li", class_="event-item")


def test_timeline_shows_nights_newest_first_with_diary_events_and_reports(signed_in, user):
    EventFactory(owner=user, night=october(2), clock="02:15", kind="cramp")
    EventFactory(owner=user, night=october(5), clock="23:40", kind="twitch")
    PartnerReportFactory(
        owner=user, night=october(2), clock="04:00", observations=["kicking_punching"]
    )
    NightFactory(
        owner=user,
        night_of=october(2),
        tried_to_sleep="22:50",
        minutes_to_fall_asleep=25,
        awakenings=2,
        awake_minutes=30,
        final_wake="06:45",
        quality=2,
        alcohol_drinks=3,
    )

    response = signed_in.get(reverse("nights"))

    assert response.status_code == 200
    text = visible_text(response)
    assert text.index("Night of Monday 5 Oct") < text.index("Night of Friday 2 Oct")
    for shown in ("22:50", "06:45", "25 min", "2 times", "2/5", "Cramp", "Kicking or punching"):
        assert shown in text
    assert "Middle of the night" in text  # the cramp's window, from the diary
    assert "(estimated)" in text  # the twitch's night has no diary
    assert text.index("Cramp") < text.index("Kicking or punching")  # 02:15 before 04:00


def test_timeline_links_to_older_nights(signed_in, user):
    for day in range(1, 13):
        EventFactory(owner=user, night=october(day), clock="23:00")

    first = signed_in.get(reverse("nights"))
    assertContains(first, "Night of Monday 12 Oct")
    assertNotContains(first, "Night of Saturday 3 Oct")
    assert f"{reverse('nights')}?before=2026-10-05" in hrefs(first)

    older = signed_in.get(reverse("nights"), {"before": "2026-10-05"})
    assertContains(older, "Night of Sunday 4 Oct")
    assertContains(older, "Night of Thursday 1 Oct")
    assertNotContains(older, "Night of Monday 5 Oct")
    assertNotContains(older, "Older nights")


def test_timeline_ignores_a_bad_before(signed_in, user):
    EventFactory(owner=user, night=october(2), clock="02:00")
    response = signed_in.get(reverse("nights"), {"before": "yesterday"})
    assertContains(response, "Night of Friday 2 Oct")


def test_timeline_shows_nothing_of_other_users(signed_in, other_user):
    EventFactory(owner=other_user, night=october(2), clock="22:00", notes="secret")
    response = signed_in.get(reverse("nights"))
    assertContains(response, "Nothing here yet")
    assertNotContains(response, "Night of")
    assertNotContains(response, "secret")


def test_timeline_needs_sign_in(client, db):
    response = client.get(reverse("nights"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_timeline_makes_a_constant_number_of_queries(
    signed_in, user, django_assert_max_num_queries
):
    first = date(2026, 8, 1)
    events, diaries = [], []
    for offset in range(60):
        night = first + timedelta(days=offset)
        events += [
            EventFactory.build(owner=user, night=night, clock=clock)
            for clock in ("23:10", "02:10", "05:10")
        ]
        if offset % 2:
            diaries.append(NightFactory.build(owner=user, night_of=night, quality=3))
    Event.objects.bulk_create(events)
    Night.objects.bulk_create(diaries)

    with django_assert_max_num_queries(8):
        response = signed_in.get(reverse("nights"))
    assert len(event_items(response)) == 8 * 3
    with django_assert_max_num_queries(8):
        signed_in.get(reverse("nights"), {"before": "2026-09-01"})


def test_night_page_shows_that_nights_entries_in_order_with_links(signed_in, user):
    EventFactory(owner=user, night=october(2), clock="05:00", kind="cramp")
    EventFactory(owner=user, night=october(2), clock="23:30", kind="twitch")
    EventFactory(owner=user, night=october(3), clock="14:00", kind="spasm")  # the next night

    response = signed_in.get(reverse("night", args=["2026-10-02"]))

    assert response.status_code == 200
    text = visible_text(response)
    assert text.index("Twitch") < text.index("Cramp")
    assert "Spasm" not in text
    links = hrefs(response)
    assert f"{reverse('event_new')}?night=2026-10-02" in links
    assert f"{reverse('partner_new')}?night=2026-10-02" in links
    assert reverse("night", args=["2026-10-01"]) in links
    assert reverse("night", args=["2026-10-03"]) in links


def test_night_page_shows_nothing_of_another_users_night(signed_in, other_user):
    EventFactory(
        owner=other_user, night=october(2), clock="21:00", kind="tremor", notes="their secret"
    )
    NightFactory(owner=other_user, night_of=october(2), notes="their diary")

    response = signed_in.get(reverse("night", args=["2026-10-02"]))

    assert response.status_code == 200
    assertNotContains(response, "Tremor")
    assertNotContains(response, "their")
    assertContains(response, "Nothing logged for this night")


def test_night_page_for_a_night_not_begun_is_404(signed_in, user):
    # At 09:30 on the 20th, the night of the 19th is still going; the 20th's starts at noon.
    assert signed_in.get(reverse("night", args=["2026-11-19"])).status_code == 200
    assert signed_in.get(reverse("night", args=["2026-11-20"])).status_code == 404


def test_night_page_for_an_impossible_date_is_404(signed_in):
    assert signed_in.get("/nights/2026-02-30/").status_code == 404


def test_night_page_needs_sign_in(client, db):
    response = client.get(reverse("night", args=["2026-10-02"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
