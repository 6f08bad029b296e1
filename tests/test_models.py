"""Model rules (clean) shared by every form and the import, and the database's own guards."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    SymptomCheckinFactory,
    local,
)

# The clock stands on the morning of Friday 20 November 2026, after every night used here.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

TZ = "Europe/London"
NIGHT = date(2026, 10, 2)
IN_AN_HOUR = local(TZ, 2026, 11, 20, 10, 30)
OCT_3_2AM = local(TZ, 2026, 10, 3, 2, 0)


def diary(owner, **fields):
    """An unsaved diary for the night of 2 Oct: in bed 22:30, lights out 23:00, up 07:15."""
    defaults = {
        "night_of": NIGHT,
        "got_into_bed": "22:30",
        "tried_to_sleep": "23:00",
        "minutes_to_fall_asleep": 20,
        "awake_minutes": 10,
        "final_wake": "07:00",
        "out_of_bed": "07:15",
    }
    return NightFactory.build(owner=owner, **{**defaults, **fields})


def errors_of(entry):
    with pytest.raises(ValidationError) as raised:
        entry.full_clean()
    return raised.value.message_dict


def test_a_sound_diary_is_valid(user):
    diary(user).full_clean()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"tried_to_sleep": "22:00"}, "tried_to_sleep"),  # before getting into bed
        ({"final_wake": "23:00", "out_of_bed": "07:00"}, "final_wake"),  # wake = lights out
        ({"out_of_bed": "06:59"}, "out_of_bed"),  # up before the final wake
        ({"got_into_bed": "2026-10-02 11:59"}, "got_into_bed"),  # before the night's noon
        ({"out_of_bed": "2026-10-03 12:00"}, "out_of_bed"),  # the next noon: the next night
        ({"minutes_to_fall_asleep": 300, "awake_minutes": 181}, "awake_minutes"),  # 481 > 480
        ({"minutes_to_fall_asleep": 481, "awake_minutes": None}, "minutes_to_fall_asleep"),
        ({"last_drink_at": "07:00"}, "last_drink_at"),  # at the final wake
        ({"last_caffeine_at": "08:00"}, "last_caffeine_at"),
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
        got_into_bed="23:00",
        tried_to_sleep="23:00",
        final_wake="07:00",
        out_of_bed="07:00",
        minutes_to_fall_asleep=40,
        awake_minutes=500,
    )
    night.full_clean()
    night.awake_minutes = 501
    assert "awake_minutes" in errors_of(night)


def test_a_night_not_begun_and_times_to_come_are_rejected(user):
    # Friday 09:30: tonight (the night of the 20th) begins at noon; last night is still going.
    assert "night_of" in errors_of(Night(owner=user, night_of=date(2026, 11, 20)))
    Night(owner=user, night_of=date(2026, 11, 19)).full_clean()

    last_night = Night(owner=user, night_of=date(2026, 11, 19))
    last_night.final_wake = local(TZ, 2026, 11, 20, 10, 0)
    assert errors_of(last_night)["final_wake"] == [
        "This is in the future. Check the date and time."
    ]


def test_one_diary_per_night_per_owner(user, other_user):
    NightFactory(owner=user, night_of=NIGHT)
    assert "night_of" in errors_of(Night(owner=user, night_of=NIGHT))
    Night(owner=other_user, night_of=NIGHT).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Night.objects.bulk_create([Night(owner=user, night_of=NIGHT)])


@pytest.mark.parametrize(
    ("instant", "night"),
    [
        ("2026-10-03 11:59", date(2026, 10, 2)),
        ("2026-10-03 12:00", date(2026, 10, 3)),
        ("2026-10-02 23:30", date(2026, 10, 2)),
        ("2026-10-03 00:00", date(2026, 10, 2)),
    ],
)
def test_event_and_partner_report_belong_to_their_night(user, instant, night):
    event = EventFactory(owner=user, occurred_at=instant)
    report = PartnerReportFactory(owner=user, observed_at=instant)
    assert event.night_of == night
    assert report.night_of == night


def test_night_of_follows_the_owners_zone(other_user):
    # 03:00 UTC is 23:00 the evening before in New York.
    event = EventFactory(owner=other_user, occurred_at=local("UTC", 2026, 10, 3, 3, 0))
    assert event.night_of == date(2026, 10, 2)


def test_night_of_is_recomputed_when_the_time_changes(user):
    event = EventFactory(owner=user, occurred_at="2026-10-03 02:00")
    event.occurred_at = local(TZ, 2026, 10, 3, 13, 0)
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
        ({"occurred_at": IN_AN_HOUR}, "occurred_at"),
    ],
)
def test_an_event_out_of_range_is_rejected(user, fields, field):
    event = EventFactory.build(owner=user, **{"occurred_at": "2026-10-03 02:00", **fields})
    assert field in errors_of(event)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"observations": []}, "observations"),
        ({"observations": ["sleepwalking"]}, "observations"),
        ({"duration_seconds": 86401}, "duration_seconds"),
        ({"observed_at": IN_AN_HOUR}, "observed_at"),
    ],
)
def test_a_partner_report_out_of_range_is_rejected(user, fields, field):
    report = PartnerReportFactory.build(owner=user, **{"observed_at": "2026-10-03 02:00", **fields})
    assert field in errors_of(report)


def test_a_moment_within_five_minutes_of_now_is_not_the_future(user):
    # Phones' clocks run a little fast or slow: up to five minutes ahead is accepted.
    EventFactory.build(owner=user, occurred_at=local(TZ, 2026, 11, 20, 9, 35)).full_clean()
    late = EventFactory.build(owner=user, occurred_at=local(TZ, 2026, 11, 20, 9, 35, 1))
    assert "occurred_at" in errors_of(late)


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (Event, {"occurred_at": OCT_3_2AM, "night_of": NIGHT, "intensity": 9}),
        (Event, {"occurred_at": OCT_3_2AM, "night_of": NIGHT, "duration_seconds": 86401}),
        (Event, {"occurred_at": OCT_3_2AM, "night_of": NIGHT, "temperature_c": Decimal("50")}),
        (Event, {"occurred_at": OCT_3_2AM, "night_of": NIGHT, "kind": "sneeze"}),
        (PartnerReport, {"observed_at": OCT_3_2AM, "night_of": NIGHT, "duration_seconds": 90000}),
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
    NightFactory(owner=user, night_of=NIGHT, quality=3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Night.objects.for_user(user).update(quality=7)
    assert Night.objects.get().quality == 3


def test_one_checkin_per_day_per_owner(user, other_user):
    SymptomCheckinFactory(owner=user, date=NIGHT)
    with pytest.raises(ValidationError):
        SymptomCheckin(owner=user, date=NIGHT).full_clean()
    SymptomCheckin(owner=other_user, date=NIGHT).full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        SymptomCheckin.objects.bulk_create([SymptomCheckin(owner=user, date=NIGHT)])
