"""A small known journal (two weeks of nights in October 2025, Europe/London) for the report and
share-link tests, and a long one for query counts."""

import hashlib
from datetime import date, datetime, timedelta
from decimal import Decimal

from journal import nights
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.conftest import local

FIRST, LAST = date(2025, 10, 6), date(2025, 10, 19)
PERIOD = f"from={FIRST}&to={LAST}"
LONDON = "Europe/London"


def known_journal(user):
    """Two logged nights (6 and 13 Oct), three events, a partner report and a check-in.

    Night of 6 Oct, from the diary: into bed 22:30, tried 22:45, 15 min to fall asleep, 20 min
    awake, final wake 06:45, out of bed 07:00 -> TIB 510, TST 445, SE 87.3 %, 2 drinks.
    """
    Night.objects.create(
        owner=user,
        night_of=date(2025, 10, 6),
        got_into_bed=local(LONDON, 2025, 10, 6, 22, 30),
        tried_to_sleep=local(LONDON, 2025, 10, 6, 22, 45),
        minutes_to_fall_asleep=15,
        awake_minutes=20,
        final_wake=local(LONDON, 2025, 10, 7, 6, 45),
        out_of_bed=local(LONDON, 2025, 10, 7, 7, 0),
        alcohol_drinks=Decimal("2"),
    )
    Night.objects.create(owner=user, night_of=date(2025, 10, 13), alcohol_drinks=Decimal("0"))
    Event.objects.create(
        owner=user,
        occurred_at=local(LONDON, 2025, 10, 6, 23, 5),
        kind="twitch",
        body_parts=["left_leg"],
    )
    Event.objects.create(
        owner=user,
        occurred_at=local(LONDON, 2025, 10, 7, 3, 10),
        kind="cramp",
        body_parts=["right_foot"],
        duration_seconds=150,
        woke_me=True,
        consciousness_changed=False,
        temperature_c=Decimal("37.2"),
        notes="Calf cramp, stretched it out",
    )
    Event.objects.create(
        owner=user,
        occurred_at=local(LONDON, 2025, 10, 13, 23, 30),
        kind="tremor",
        body_parts=["left_hand", "right_hand"],
    )
    PartnerReport.objects.create(
        owner=user,
        observed_at=local(LONDON, 2025, 10, 7, 4, 0),
        observer="Jo",
        observations=["kicking_punching"],
        notes="Kicked twice",
    )
    SymptomCheckin.objects.create(owner=user, date=date(2025, 10, 8), foot_cramps=True)


def long_journal(user, first: date, nights_count: int, per_night: int = 8):
    """Many nights with a diary, several events and a partner report each, bulk-inserted."""
    tz = user.tz
    diaries, events, reports = [], [], []
    for offset in range(nights_count):
        night = first + timedelta(days=offset)
        evening = datetime(night.year, night.month, night.day, 22, 40, tzinfo=tz)
        diaries.append(
            Night(
                owner=user,
                night_of=night,
                got_into_bed=evening,
                tried_to_sleep=evening + timedelta(minutes=10),
                minutes_to_fall_asleep=20,
                awake_minutes=10,
                final_wake=evening + timedelta(hours=8),
                out_of_bed=evening + timedelta(hours=8, minutes=20),
                alcohol_drinks=Decimal(offset % 3),
            )
        )
        for index in range(per_night):
            at = evening + timedelta(minutes=25 + 50 * index)
            events.append(
                Event(
                    owner=user,
                    occurred_at=at,
                    night_of=nights.night_of(at, tz),
                    kind=("twitch", "cramp", "tremor")[index % 3],
                    body_parts=["left_leg"],
                    notes=f"note {offset}-{index}",
                )
            )
        at = evening + timedelta(hours=6)
        reports.append(
            PartnerReport(
                owner=user,
                observed_at=at,
                night_of=nights.night_of(at, tz),
                observations=["twitching"],
            )
        )
    Night.objects.bulk_create(diaries)
    Event.objects.bulk_create(events)
    PartnerReport.objects.bulk_create(reports)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()
