"""The journal timeline (/nights/) and the night page (/nights/<date>/) as pages."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from journal import nights
from journal.models import Event, Night, PartnerReport
from tests.conftest import local

pytestmark = pytest.mark.django_db

LONDON = "Europe/London"


def event(owner, *when, **fields):
    return Event.objects.create(owner=owner, occurred_at=local(LONDON, *when), **fields)


def test_timeline_shows_nights_newest_first_with_diary_events_and_reports(signed_in, user):
    event(user, 2026, 10, 3, 2, 15, kind="cramp")
    event(user, 2026, 10, 5, 23, 40, kind="twitch")
    PartnerReport.objects.create(
        owner=user, observed_at=local(LONDON, 2026, 10, 3, 4, 0), observations=["kicking_punching"]
    )
    Night.objects.create(
        owner=user,
        night_of=date(2026, 10, 2),
        tried_to_sleep=local(LONDON, 2026, 10, 2, 22, 50),
        minutes_to_fall_asleep=25,
        awakenings=2,
        awake_minutes=30,
        final_wake=local(LONDON, 2026, 10, 3, 6, 45),
        quality=2,
        alcohol_drinks=3,
    )

    response = signed_in.get(reverse("nights"))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Night of Monday 5 Oct") < page.index("Night of Friday 2 Oct")
    for text in ("22:50", "06:45", "25 min", "2 times", "2/5", "Cramp", "Kicking or punching"):
        assert text in page
    assert "Middle of the night" in page  # the cramp's window, from the diary
    assert "(estimated)" in page  # the twitch's night has no diary
    assert page.index("Cramp") < page.index("Kicking or punching")  # 02:15 before 04:00


def test_timeline_links_to_older_nights(signed_in, user):
    for day in range(1, 13):
        event(user, 2026, 10, day, 23, 0)

    first = signed_in.get(reverse("nights")).content.decode()
    assert "Night of Monday 12 Oct" in first
    assert "Night of Saturday 3 Oct" not in first
    assert "?before=2026-10-05" in first

    older = signed_in.get(reverse("nights"), {"before": "2026-10-05"}).content.decode()
    assert "Night of Sunday 4 Oct" in older
    assert "Night of Thursday 1 Oct" in older
    assert "Night of Monday 5 Oct" not in older
    assert "Older nights" not in older


def test_timeline_ignores_a_bad_before(signed_in, user):
    event(user, 2026, 10, 3, 2, 0)
    response = signed_in.get(reverse("nights"), {"before": "yesterday"})
    assert "Night of Friday 2 Oct" in response.content.decode()


def test_timeline_shows_nothing_of_other_users(signed_in, other_user):
    Event.objects.create(
        owner=other_user, occurred_at=local("America/New_York", 2026, 10, 3, 2, 0), notes="secret"
    )
    response = signed_in.get(reverse("nights"))
    assert "Nothing here yet" in response.content.decode()
    assert "Night of" not in response.content.decode()


def test_timeline_needs_sign_in(client, db):
    response = client.get(reverse("nights"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_timeline_makes_a_constant_number_of_queries(
    signed_in, user, django_assert_max_num_queries
):
    first = date(2026, 8, 1)
    rows, diaries = [], []
    for offset in range(60):
        night = first + timedelta(days=offset)
        for hour in (23, 2, 5):
            day = night if hour >= 12 else night + timedelta(days=1)
            when = local(LONDON, day.year, day.month, day.day, hour, 10)
            night_of = nights.night_of(when, user.tz)
            rows.append(Event(owner=user, occurred_at=when, night_of=night_of))
        if offset % 2:
            diaries.append(Night(owner=user, night_of=night, quality=3))
    Event.objects.bulk_create(rows)
    Night.objects.bulk_create(diaries)

    with django_assert_max_num_queries(8):
        response = signed_in.get(reverse("nights"))
    assert response.content.decode().count('class="event-item') == 8 * 3
    with django_assert_max_num_queries(8):
        signed_in.get(reverse("nights"), {"before": "2026-09-01"})


def test_night_page_shows_that_nights_entries_in_order_with_links(signed_in, user):
    event(user, 2026, 10, 3, 5, 0, kind="cramp")
    event(user, 2026, 10, 2, 23, 30, kind="twitch")
    event(user, 2026, 10, 3, 14, 0, kind="spasm")  # the next night

    response = signed_in.get(reverse("night", args=["2026-10-02"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Twitch") < page.index("Cramp")
    assert "Spasm" not in page
    assert f"{reverse('event_new')}?night=2026-10-02" in page
    assert f"{reverse('partner_new')}?night=2026-10-02" in page
    assert reverse("night", args=["2026-10-01"]) in page
    assert reverse("night", args=["2026-10-03"]) in page


def test_night_page_shows_nothing_of_another_users_night(signed_in, other_user):
    Event.objects.create(
        owner=other_user,
        occurred_at=local("America/New_York", 2026, 10, 3, 2, 0),
        kind="tremor",
        notes="their secret",
    )
    Night.objects.create(owner=other_user, night_of=date(2026, 10, 2), notes="their diary")

    response = signed_in.get(reverse("night", args=["2026-10-02"]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Tremor" not in page
    assert "their" not in page
    assert "Nothing logged for this night" in page


def test_night_page_for_a_night_not_begun_is_404(signed_in, user):
    tomorrow = timezone.now().astimezone(user.tz).date() + timedelta(days=1)
    assert signed_in.get(reverse("night", args=[tomorrow.isoformat()])).status_code == 404


def test_night_page_for_an_impossible_date_is_404(signed_in):
    assert signed_in.get("/nights/2026-02-30/").status_code == 404


def test_night_page_needs_sign_in(client, db):
    response = client.get(reverse("night", args=["2026-10-02"]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
