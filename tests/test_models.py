"""Model rules (clean) shared by every form and the import, and the database's own guards."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from journal import nights
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.conftest import local

pytestmark = pytest.mark.django_db

TZ = "Europe/London"
NIGHT = date(2026, 10, 2)


def at(day, hour, minute=0):
    return local(TZ, 2026, 10, day, hour, minute)


def diary(owner, **fields):
    defaults = {
        "got_into_bed": at(2, 22, 30),
        "tried_to_sleep": at(2, 23),
        "minutes_to_fall_asleep": 20,
        "awake_minutes": 10,
        "final_wake": at(3, 7),
        "out_of_bed": at(3, 7, 15),
    }
    return Night(owner=owner, **{"night_of": NIGHT, **defaults, **fields})


def errors_of(entry):
    with pytest.raises(ValidationError) as raised:
        entry.full_clean()
    return raised.value.message_dict


def test_a_sound_diary_is_valid(user):
    diary(user).full_clean()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"tried_to_sleep": at(2, 22)}, "tried_to_sleep"),  # before getting into bed
        ({"final_wake": at(2, 23), "out_of_bed": at(3, 7)}, "final_wake"),  # wake = lights out
        ({"out_of_bed": at(3, 6, 59)}, "out_of_bed"),  # up before the final wake
        ({"got_into_bed": at(2, 11, 59)}, "got_into_bed"),  # before the night's noon
        ({"out_of_bed": at(3, 12)}, "out_of_bed"),  # the next noon belongs to the next night
        ({"minutes_to_fall_asleep": 300, "awake_minutes": 181}, "awake_minutes"),  # 481 > 480
        ({"minutes_to_fall_asleep": 481, "awake_minutes": None}, "minutes_to_fall_asleep"),
        ({"last_drink_at": at(3, 7)}, "last_drink_at"),  # at the final wake
        ({"last_caffeine_at": at(3, 8)}, "last_caffeine_at"),
        ({"alcohol_drinks": Decimal("30.1")}, "alcohol_drinks"),
        ({"quality": 6}, "quality"),
        ({"awake_minutes": 721, "final_wake": None}, "awake_minutes"),
    ],
)
def test_a_diary_breaking_a_rule_is_rejected(user, fields, field):
    assert field in errors_of(diary(user, **fields))


def test_sleep_period_is_elapsed_time_on_a_dst_night(user):
    # 23:00 BST to 07:00 GMT on 24/25 October 2026 is 540 minutes, not 480.
    night = diary(
        user,
        night_of=date(2026, 10, 24),
        got_into_bed=at(24, 23),
        tried_to_sleep=at(24, 23),
        final_wake=at(25, 7),
        out_of_bed=at(25, 7),
        minutes_to_fall_asleep=40,
        awake_minutes=500,
    )
    night.full_clean()
    night.awake_minutes = 501
    assert "awake_minutes" in errors_of(night)


def test_a_night_not_begun_and_times_to_come_are_rejected(user):
    today = timezone.now().astimezone(user.tz).date()
    later = Night(owner=user, night_of=today + timedelta(days=1))
    assert "night_of" in errors_of(later)

    now = timezone.now()
    tonight = Night(owner=user, night_of=nights.night_of(now, user.tz))
    tonight.final_wake = now + timedelta(minutes=30)
    assert "final_wake" in errors_of(tonight)  # in the future (or, near noon, past the night)


def test_one_diary_per_night_per_owner(user, other_user):
    Night.objects.create(owner=user, night_of=NIGHT)
    assert "night_of" in errors_of(Night(owner=user, night_of=NIGHT))
    Night(owner=other_user, night_of=NIGHT).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Night.objects.bulk_create([Night(owner=user, night_of=NIGHT)])


@pytest.mark.parametrize(
    ("instant", "night"),
    [
        (at(3, 11, 59), date(2026, 10, 2)),
        (at(3, 12, 0), date(2026, 10, 3)),
        (at(2, 23, 30), date(2026, 10, 2)),
        (at(3, 0, 0), date(2026, 10, 2)),
    ],
)
def test_event_and_partner_report_belong_to_their_night(user, instant, night):
    event = Event.objects.create(owner=user, occurred_at=instant)
    report = PartnerReport.objects.create(owner=user, observed_at=instant, observations=["other"])
    assert event.night_of == night
    assert report.night_of == night


def test_night_of_follows_the_owners_zone(other_user):
    # 03:00 UTC is 23:00 the evening before in New York.
    event = Event.objects.create(owner=other_user, occurred_at=local("UTC", 2026, 10, 3, 3, 0))
    assert event.night_of == date(2026, 10, 2)


def test_night_of_is_recomputed_when_the_time_changes(user):
    event = Event.objects.create(owner=user, occurred_at=at(3, 2))
    event.occurred_at = at(3, 13)
    event.save(update_fields=["occurred_at"])
    event.refresh_from_db()
    assert event.night_of == date(2026, 10, 3)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"intensity": 6}, "intensity"),
        ({"intensity": 0}, "intensity"),
        ({"duration_seconds": 86401}, "duration_seconds"),
        ({"temperature_c": Decimal("33.9")}, "temperature_c"),
        ({"temperature_c": Decimal("43.1")}, "temperature_c"),
        ({"body_parts": ["tail"]}, "body_parts"),
        ({"occurred_at": timezone.now() + timedelta(hours=1)}, "occurred_at"),
    ],
)
def test_an_event_out_of_range_is_rejected(user, fields, field):
    event = Event(owner=user, **{"occurred_at": at(3, 2), **fields})
    assert field in errors_of(event)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"observations": []}, "observations"),
        ({"observations": ["sleepwalking"]}, "observations"),
        ({"duration_seconds": 86401}, "duration_seconds"),
        ({"observed_at": timezone.now() + timedelta(hours=1)}, "observed_at"),
    ],
)
def test_a_partner_report_out_of_range_is_rejected(user, fields, field):
    report = PartnerReport(
        owner=user, **{"observed_at": at(3, 2), "observations": ["twitching"], **fields}
    )
    assert field in errors_of(report)


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Event, {"occurred_at": at(3, 2), "night_of": NIGHT, "intensity": 9}),
        (Event, {"occurred_at": at(3, 2), "night_of": NIGHT, "duration_seconds": 86401}),
        (Event, {"occurred_at": at(3, 2), "night_of": NIGHT, "temperature_c": Decimal("50")}),
        (Event, {"occurred_at": at(3, 2), "night_of": NIGHT, "kind": "sneeze"}),
        (PartnerReport, {"observed_at": at(3, 2), "night_of": NIGHT, "duration_seconds": 90000}),
        (Night, {"night_of": NIGHT, "alcohol_drinks": Decimal("31")}),
        (Night, {"night_of": NIGHT, "minutes_to_fall_asleep": 721}),
        (Night, {"night_of": NIGHT, "awake_minutes": 721}),
        (Night, {"night_of": NIGHT, "quality": 0}),
        (Night, {"night_of": NIGHT, "rested": 6}),
    ],
)
def test_the_database_refuses_out_of_range_values_that_skip_clean(user, model, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.bulk_create([model(owner=user, **fields)])
    assert model.objects.count() == 0


def test_the_database_refuses_an_update_out_of_range(user):
    Night.objects.create(owner=user, night_of=NIGHT, quality=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Night.objects.for_user(user).update(quality=7)
    assert Night.objects.get().quality == 3


def test_one_checkin_per_day_per_owner(user, other_user):
    SymptomCheckin.objects.create(owner=user, date=NIGHT)
    with pytest.raises(ValidationError):
        SymptomCheckin(owner=user, date=NIGHT).full_clean()
    SymptomCheckin(owner=other_user, date=NIGHT).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SymptomCheckin.objects.bulk_create([SymptomCheckin(owner=user, date=NIGHT)])
