"""Test data, built one way: a factory for every model, aware of the owner, their zone and nights.

    user = UserFactory(time_zone="America/New_York")
    EventFactory(owner=user, night=date(2026, 10, 2), clock="23:40")  # that evening, in New York
    EventFactory(owner=user, night=date(2026, 10, 2), clock="03:10")  # the next morning
    EventFactory(owner=user, occurred_at="2026-10-25 01:30")  # a wall-clock time in their zone
    NightFactory(owner=user, night_of=date(2026, 10, 2), full=True, final_wake="06:30")

A clock time ("23:40") is placed on a night as definitions §2 places a usual time: from 12:00 on
the night's date, before 12:00 on the next day. A wall-clock time that the clocks skip means the
instant they jump to; one that happens twice, its first occurrence. Aware datetimes are used as
they are. Entries are saved with `save()`, so `night_of` comes from the model's own rule; `build()`
assigns it too, so that a built batch can go straight to `bulk_create`.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from factory.django import DjangoModelFactory

from accounts.models import User
from journal.models import (
    Event,
    Night,
    PartnerLink,
    PartnerReport,
    ShareLink,
    StageSegment,
    SymptomCheckin,
)
from journal.rules import nights

PASSWORD = "night-owl-correct-horse"
# The night an entry belongs to when a test does not care which.
DEFAULT_NIGHT = date(2025, 1, 14)


def local(zone, *args, fold=0) -> datetime:
    """An aware datetime at a wall-clock time in a zone (a name or a ZoneInfo)."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    return datetime(*args, tzinfo=tz, fold=fold)


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def on_night(night: date, clock: str | time, tz: ZoneInfo) -> datetime:
    """A clock time on a night: from 12:00 on its date, before 12:00 on the next day (§2)."""
    clock = clock if isinstance(clock, time) else time.fromisoformat(clock)
    return nights.usual_instant(night, clock, tz)


def wall_clock(text: str, tz: ZoneInfo) -> datetime:
    """'2026-10-25 01:30' in a zone: its first occurrence, or where the clocks jump to (§2)."""
    naive = datetime.fromisoformat(text)
    return nights.local_instant(naive.date(), naive.time(), tz)


def in_zone(value: str | time, tz: ZoneInfo, night: date | None) -> datetime:
    """A clock time ("23:40", placed on the night) or a wall-clock date and time, in a zone."""
    if isinstance(value, time):
        return on_night(night, value, tz)
    try:
        return on_night(night, time.fromisoformat(value), tz)
    except ValueError:
        return wall_clock(value, tz)


class UserFactory(DjangoModelFactory):
    """A person who signs in by email, in London unless told otherwise."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    password = PASSWORD
    time_zone = "Europe/London"

    @classmethod
    def _create(cls, model_class, *args, password, **kwargs):
        return model_class.objects.create_user(*args, password=password, **kwargs)


class ZoneAwareFactory(DjangoModelFactory):
    """Reads text given for a date-time field in the owner's zone (see the module docstring)."""

    class Meta:
        abstract = True

    owner = factory.SubFactory(UserFactory)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        tz = kwargs["owner"].tz
        night = kwargs.get("night_of", kwargs.get("night"))
        for name, value in kwargs.items():
            if isinstance(value, str | time) and cls._is_datetime_field(name):
                kwargs[name] = in_zone(value, tz, night)
        return kwargs

    @classmethod
    def _is_datetime_field(cls, name) -> bool:
        try:
            field = cls._meta.model._meta.get_field(name)
        except FieldDoesNotExist:
            return False
        return isinstance(field, models.DateTimeField)


class TimedEntryFactory(ZoneAwareFactory):
    """An event or partner report at a clock time on a night (`night`, `clock`) in its zone."""

    class Meta:
        abstract = True

    class Params:
        night = DEFAULT_NIGHT
        clock = "03:10"

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        entry = super()._build(model_class, *args, **kwargs)
        entry.assign_night()
        return entry


def _placed(entry) -> datetime:
    return on_night(entry.night, entry.clock, entry.owner.tz)


class EventFactory(TimedEntryFactory):
    class Meta:
        model = Event

    occurred_at = factory.LazyAttribute(_placed)
    kind = "twitch"


class PartnerReportFactory(TimedEntryFactory):
    class Meta:
        model = PartnerReport

    observed_at = factory.LazyAttribute(_placed)
    observations = factory.LazyFunction(lambda: ["twitching"])


class StageSegmentFactory(ZoneAwareFactory):
    """A stretch of one recorded sleep stage (§8): from `from_clock` to `to_clock` on `night`
    (each placed as a clock time on the night), or `start`/`end` given as wall-clock date-times
    in the owner's zone or as aware datetimes."""

    class Meta:
        model = StageSegment

    class Params:
        night = DEFAULT_NIGHT
        from_clock = "23:00"
        to_clock = "23:30"

    start = factory.LazyAttribute(lambda s: on_night(s.night, s.from_clock, s.owner.tz))
    end = factory.LazyAttribute(lambda s: on_night(s.night, s.to_clock, s.owner.tz))
    stage = "light"
    source = "Apple Watch"

    @classmethod
    def _build(cls, model_class, *args, **kwargs):
        segment = super()._build(model_class, *args, **kwargs)
        segment.assign_night()
        return segment


class NightFactory(ZoneAwareFactory):
    """A morning diary; `full=True` fills in a whole ordinary night (22:30 in bed to 07:00 up)."""

    class Meta:
        model = Night

    class Params:
        full = factory.Trait(
            got_into_bed="22:30",
            tried_to_sleep="22:45",
            minutes_to_fall_asleep=15,
            awake_minutes=20,
            final_wake="06:45",
            out_of_bed="07:00",
        )

    night_of = DEFAULT_NIGHT


class SymptomCheckinFactory(DjangoModelFactory):
    class Meta:
        model = SymptomCheckin

    owner = factory.SubFactory(UserFactory)
    date = DEFAULT_NIGHT + timedelta(days=1)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkFactory(DjangoModelFactory):
    """A share link for a period, valid for a week; the token it opens with is `link.token`."""

    class Meta:
        model = ShareLink

    owner = factory.SubFactory(UserFactory)
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    token_hash = factory.LazyAttribute(lambda link: token_hash(link.token))
    first_night = DEFAULT_NIGHT
    last_night = factory.LazyAttribute(lambda link: link.first_night + timedelta(days=13))
    expires_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @classmethod
    def _create(cls, model_class, *args, token, **kwargs):
        link = super()._create(model_class, *args, **kwargs)
        link.token = token
        return link


class PartnerLinkFactory(DjangoModelFactory):
    """A partner's own link for "Sam", with no end date; the token it opens with is `link.token`."""

    class Meta:
        model = PartnerLink

    owner = factory.SubFactory(UserFactory)
    token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))
    token_hash = factory.LazyAttribute(lambda link: token_hash(link.token))
    label = "Sam"

    @classmethod
    def _create(cls, model_class, *args, token, **kwargs):
        link = super()._create(model_class, *args, **kwargs)
        link.token = token
        return link


# --- journals a few test modules share ----------------------------------------------------------


@dataclass(frozen=True)
class Period:
    first: date
    last: date

    @property
    def query(self) -> str:
        return f"from={self.first}&to={self.last}"


# Two weeks of nights in October 2025 (Europe/London), for the report and share-link tests.
KNOWN_PERIOD = Period(date(2025, 10, 6), date(2025, 10, 19))


def known_journal_for(owner) -> Period:
    """Two logged nights (6 and 13 Oct 2025), three events, a partner report and a check-in.

    Night of 6 Oct, from the diary: into bed 22:30, tried 22:45, 15 min to fall asleep, 20 min
    awake, final wake 06:45, out of bed 07:00 -> TIB 510, TST 445, SE 87.3 %, 2 drinks.
    """
    monday, next_monday = KNOWN_PERIOD.first, KNOWN_PERIOD.first + timedelta(days=7)
    NightFactory(owner=owner, night_of=monday, full=True, alcohol_drinks=Decimal("2"))
    NightFactory(owner=owner, night_of=next_monday, alcohol_drinks=Decimal("0"))
    EventFactory(owner=owner, night=monday, clock="23:05", body_parts=["left_leg"])
    EventFactory(
        owner=owner,
        night=monday,
        clock="03:10",
        kind="cramp",
        body_parts=["right_foot"],
        duration_seconds=150,
        woke_me=True,
        consciousness_changed=False,
        temperature_c=Decimal("37.2"),
        notes="Calf cramp, stretched it out",
    )
    EventFactory(
        owner=owner,
        night=next_monday,
        clock="23:30",
        kind="tremor",
        body_parts=["left_hand", "right_hand"],
    )
    PartnerReportFactory(
        owner=owner,
        night=monday,
        clock="04:00",
        observer="Jo",
        observations=["kicking_punching"],
        notes="Kicked twice",
    )
    SymptomCheckinFactory(owner=owner, date=date(2025, 10, 8), foot_cramps=True)
    return KNOWN_PERIOD


def export_journal(owner):
    """A small journal valid by every model rule, with the awkward cases a file format must keep:
    quotes, new lines, accents, a formula-like note, both 01:30s of a night the clocks go back."""
    NightFactory(
        owner=owner,
        night_of=date(2025, 10, 11),
        got_into_bed="22:40",
        tried_to_sleep="23:00",
        minutes_to_fall_asleep=20,
        awakenings=2,
        awake_minutes=15,
        final_wake="06:45",
        out_of_bed="07:10",
        quality=3,
        rested=2,
        alcohol_drinks=Decimal("2.5"),
        last_drink_at="21:00",
        caffeine_drinks=1,
        last_caffeine_at="15:30",
        sleep_medication="Melatonin 2 mg, 22:00",
        notes='Slept badly, "odd" dreams\nsecond line',
    )
    NightFactory(owner=owner, night_of=date(2025, 10, 12), quality=4, alcohol_drinks=0)
    EventFactory(
        owner=owner,
        occurred_at="2025-10-12 02:14",
        body_parts=["left_leg", "right_leg"],
        duration_seconds=3,
        intensity=2,
        woke_me=True,
        tongue_bitten=False,
        notes="Jambe gauche — très forte, ça",
    )
    EventFactory(
        owner=owner,
        occurred_at="2025-10-11 23:20",
        kind="jerking_episode",
        body_parts=["whole_body"],
        duration_seconds=90,
        intensity=5,
        kept_me_awake=True,
        consciousness_changed=True,
        temperature_c=Decimal("37.8"),
        tongue_bitten=True,
        injury=False,
        confused_after=True,
        notes="=1+1, with a comma",
    )
    # Just after noon: the night of the 12th in London, but of the 11th in New York.
    EventFactory(owner=owner, occurred_at="2025-10-12 12:30", kind="cramp")
    # 01:30 happens twice in London on 26 October 2025: once in BST, once in GMT.
    EventFactory(owner=owner, occurred_at=utc(2025, 10, 26, 0, 30))
    EventFactory(owner=owner, occurred_at=utc(2025, 10, 26, 1, 30))
    PartnerReportFactory(
        owner=owner,
        observed_at="2025-10-12 04:00",
        observer="Alex",
        observations=["kicking_punching", "talking_shouting"],
        body_parts=["left_arm"],
        duration_seconds=60,
    )
    SymptomCheckinFactory(
        owner=owner, date=date(2025, 10, 13), speech_problems=True, foot_cramps=True, notes="a bit"
    )


# The demo journal as the report and the seed tests read it (tests/conftest.py, demo_owner):
# eight weeks to 9 November 2026, across the night the clocks go back in London, seeded at a
# pinned moment after them.
DEMO_SEEDED_AT = local("Europe/London", 2026, 11, 20, 9, 30)
DEMO_END_DATE = "2026-11-10"
DEMO_SEED = "7"

ENTRY_MODELS = (Event, Night, PartnerReport, SymptomCheckin, StageSegment)


def journal_counts(owner) -> dict[str, int]:
    return {model.__name__: model.objects.for_user(owner).count() for model in ENTRY_MODELS}


def delete_journal(owner):
    for model in ENTRY_MODELS:
        model.objects.for_user(owner).delete()
