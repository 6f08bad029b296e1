"""Changing the time zone puts every event and partner report on its night there (§1)."""

import zoneinfo
from datetime import date

import pytest

from accounts import services
from accounts.services import change_time_zone
from journal.models import Event, PartnerReport
from tests.factories import EventFactory, PartnerReportFactory, UserFactory, utc

pytestmark = pytest.mark.django_db


def wall_clock(instant, zone):
    return instant.astimezone(zoneinfo.ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def night_of(entry):
    entry.refresh_from_db()
    return entry.night_of


def test_an_afternoon_in_london_becomes_the_night_before_in_los_angeles(user):
    instant = utc(2026, 6, 10, 11, 30)
    assert wall_clock(instant, "Europe/London") == "2026-06-10 12:30"
    assert wall_clock(instant, "America/Los_Angeles") == "2026-06-10 04:30"
    moved = EventFactory(owner=user, occurred_at=instant)
    assert moved.night_of == date(2026, 6, 10)

    changed = change_time_zone(user, "America/Los_Angeles")

    assert night_of(moved) == date(2026, 6, 9)
    assert changed == 1
    user.refresh_from_db()
    assert user.time_zone == "America/Los_Angeles"
    assert user.tz == zoneinfo.ZoneInfo("America/Los_Angeles")


def test_an_entry_whose_night_is_the_same_in_both_zones_stays(user):
    instant = utc(2026, 6, 10, 20, 0)
    assert wall_clock(instant, "Europe/London") == "2026-06-10 21:00"
    assert wall_clock(instant, "America/Los_Angeles") == "2026-06-10 13:00"
    stays = EventFactory(owner=user, occurred_at=instant)
    updated_at = stays.updated_at

    changed = change_time_zone(user, "America/Los_Angeles")

    assert changed == 0
    stays.refresh_from_db()
    assert stays.night_of == date(2026, 6, 10)
    assert stays.updated_at == updated_at


def test_a_partner_report_moves_to_the_next_night_in_tokyo(user):
    instant = utc(2026, 6, 10, 10, 0)
    assert wall_clock(instant, "Europe/London") == "2026-06-10 11:00"
    assert wall_clock(instant, "Asia/Tokyo") == "2026-06-10 19:00"
    report = PartnerReportFactory(owner=user, observed_at=instant)
    assert report.night_of == date(2026, 6, 9)

    change_time_zone(user, "Asia/Tokyo")

    assert night_of(report) == date(2026, 6, 10)


def test_it_uses_new_york_summer_time_from_the_second_sunday_of_march(db):
    person = UserFactory(time_zone="UTC")
    # Clocks in New York went forward at 02:00 on 8 March 2026 (UTC-4 from then on).
    after_noon = EventFactory(owner=person, occurred_at=utc(2026, 3, 8, 16, 30))
    before_noon = EventFactory(owner=person, occurred_at=utc(2026, 3, 8, 15, 30))
    assert wall_clock(after_noon.occurred_at, "America/New_York") == "2026-03-08 12:30"
    assert wall_clock(before_noon.occurred_at, "America/New_York") == "2026-03-08 11:30"
    assert (after_noon.night_of, before_noon.night_of) == (date(2026, 3, 8), date(2026, 3, 8))

    change_time_zone(person, "America/New_York")

    assert night_of(after_noon) == date(2026, 3, 8)
    assert night_of(before_noon) == date(2026, 3, 7)


def test_it_leaves_other_peoples_entries_alone(user, other_user):
    mine = EventFactory(owner=user, occurred_at=utc(2026, 6, 10, 11, 30))
    theirs = EventFactory(owner=other_user, occurred_at=utc(2026, 6, 10, 11, 30))
    # A deliberately wrong night on the other person's entry shows whether it was touched at all.
    Event.objects.filter(pk=theirs.pk).update(night_of=date(2000, 1, 1))

    change_time_zone(user, "America/Los_Angeles")

    assert night_of(mine) == date(2026, 6, 9)
    assert night_of(theirs) == date(2000, 1, 1)


def test_it_reassigns_every_entry_across_batches(user, monkeypatch):
    monkeypatch.setattr(services, "BATCH_SIZE", 3)
    # 11:30 UTC in June is 04:30 in Los Angeles: each entry moves to the night before its date.
    entries = [
        (day, EventFactory(owner=user, occurred_at=utc(2026, 6, day, 11, 30)))
        for day in range(2, 10)
    ]
    entries += [
        (day, PartnerReportFactory(owner=user, observed_at=utc(2026, 6, day, 11, 30)))
        for day in range(2, 6)
    ]

    changed = change_time_zone(user, "America/Los_Angeles")

    assert changed == 12
    for day, entry in entries:
        assert night_of(entry) == date(2026, 6, day - 1)


def test_it_takes_a_handful_of_queries_however_many_entries(user, django_assert_max_num_queries):
    for minute in range(60):
        EventFactory(owner=user, occurred_at=utc(2026, 6, 10, 11, minute))
    for minute in range(20):
        PartnerReportFactory(owner=user, observed_at=utc(2026, 6, 10, 11, minute))

    with django_assert_max_num_queries(10):
        changed = change_time_zone(user, "America/Los_Angeles")

    assert changed == 80
    assert set(Event.objects.for_user(user).values_list("night_of", flat=True)) == {
        date(2026, 6, 9)
    }
    assert set(PartnerReport.objects.for_user(user).values_list("night_of", flat=True)) == {
        date(2026, 6, 9)
    }
