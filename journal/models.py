"""The journal's entries (docs/definitions.md §7). Each belongs to one owner.

Rules that every form and the import share live in `clean()`; what must never be stored is also
a database constraint. Every query for journal data starts from `Model.objects.for_user(user)`.
"""

import uuid
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from . import nights
from .hints import RED_FLAG_RULES, event_flag_codes, partner_flag_codes
from .vocabulary import BODY_PARTS, EVENT_KINDS, OBSERVATIONS, SIGNS

CLOCK_SKEW = timedelta(minutes=5)


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        """The only way into journal data: the rows this user owns, and nothing else."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner=user)


OwnedManager = models.Manager.from_queryset(OwnedQuerySet)


class Entry(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OwnedManager()

    class Meta:
        abstract = True

    def _reject_future(self, errors, field, value):
        if value is not None and value > timezone.now() + CLOCK_SKEW:
            errors.setdefault(field, []).append("This is in the future. Check the date and time.")

    def _check_choices(self, errors, field, values, vocabulary):
        if not isinstance(values, list) or any(value not in vocabulary for value in values):
            errors.setdefault(field, []).append(
                "Choose from the list: " + ", ".join(term.label for term in vocabulary) + "."
            )


def nullable_range(field, low, high):
    return models.Q(**{f"{field}__isnull": True}) | models.Q(
        **{f"{field}__gte": low, f"{field}__lte": high}
    )


class TimedEntry(Entry):
    """An entry at an instant, assigned to a night by §1 whenever it is saved."""

    night_of = models.DateField(editable=False)

    class Meta:
        abstract = True

    instant_field = "occurred_at"

    def save(self, *args, **kwargs):
        # Stored for query speed; recomputed on every save, and for every entry when the owner's
        # time zone changes (accounts.services.change_time_zone), so it cannot go stale.
        self.assign_night()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "night_of"}
        super().save(*args, **kwargs)

    @property
    def instant(self):
        return getattr(self, self.instant_field)

    def assign_night(self, tz=None):
        self.night_of = nights.night_of(self.instant, tz or self.owner.tz)


class Event(TimedEntry):
    """Something the body did at night."""

    Kind = models.TextChoices(
        "Kind",
        [(kind.key.upper(), (kind.key, kind.label)) for kind in EVENT_KINDS],
        module=__name__,
        qualname="Event.Kind",
    )

    occurred_at = models.DateTimeField("when it happened")
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.TWITCH)
    body_parts = models.JSONField("body parts", default=list, blank=True)
    duration_seconds = models.PositiveIntegerField("how long (seconds)", null=True, blank=True)
    intensity = models.PositiveSmallIntegerField(
        "intensity", null=True, blank=True, help_text="1 barely – 5 violent"
    )
    woke_me = models.BooleanField("it woke me up", default=False)
    kept_me_awake = models.BooleanField("it stopped me falling asleep", default=False)
    consciousness_changed = models.BooleanField(
        "awareness changed (confused, absent, unresponsive)", null=True, blank=True
    )
    temperature_c = models.DecimalField(
        "body temperature (°C)", max_digits=3, decimal_places=1, null=True, blank=True
    )
    tongue_bitten = models.BooleanField("tongue bitten", null=True, blank=True)
    injury = models.BooleanField("injured", null=True, blank=True)
    incontinence = models.BooleanField("wet or soiled", null=True, blank=True)
    confused_after = models.BooleanField("confused afterwards", null=True, blank=True)
    notes = models.TextField(blank=True)

    instant_field = "occurred_at"

    class Meta:
        ordering = ["occurred_at"]
        indexes = [
            models.Index(fields=["owner", "occurred_at"], name="event_owner_time"),
            models.Index(fields=["owner", "night_of"], name="event_owner_night"),
            # The log form's "last time's kind and body parts" reads the newest-logged event.
            models.Index(fields=["owner", "created_at"], name="event_owner_logged"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=nullable_range("duration_seconds", 0, 86400), name="event_duration_range"
            ),
            models.CheckConstraint(
                condition=nullable_range("intensity", 1, 5), name="event_intensity_range"
            ),
            models.CheckConstraint(
                condition=nullable_range("temperature_c", Decimal("34.0"), Decimal("43.0")),
                name="event_temperature_range",
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=list(EVENT_KINDS.keys)),
                name="event_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.occurred_at:%Y-%m-%d %H:%M}"

    def clean(self):
        super().clean()
        errors = {}
        self._reject_future(errors, "occurred_at", self.occurred_at)
        self._check_choices(errors, "body_parts", self.body_parts, BODY_PARTS)
        if self.duration_seconds is not None and not 0 <= self.duration_seconds <= 86400:
            errors.setdefault("duration_seconds", []).append(
                "How long must be between 0 seconds and 24 hours."
            )
        if self.intensity is not None and not 1 <= self.intensity <= 5:
            errors.setdefault("intensity", []).append("Intensity is 1 (barely) to 5 (violent).")
        if self.temperature_c is not None and not (
            Decimal("34.0") <= Decimal(self.temperature_c) <= Decimal("43.0")
        ):
            errors.setdefault("temperature_c", []).append(
                "Body temperature must be between 34.0 and 43.0 °C (93.2 – 109.4 °F)."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def body_part_labels(self):
        return [BODY_PARTS.label(part) for part in self.body_parts]

    @property
    def red_flag_titles(self):
        """What about this entry calls for medical attention (journal.hints, clinical-notes §5)."""
        return [RED_FLAG_RULES[code].title for code in event_flag_codes(self)]


class PartnerReport(TimedEntry):
    """What a bed partner or someone else saw."""

    observed_at = models.DateTimeField("about when")
    observer = models.CharField("who saw it", max_length=120, blank=True)
    observations = models.JSONField("what they saw", default=list)
    body_parts = models.JSONField("body parts", default=list, blank=True)
    duration_seconds = models.PositiveIntegerField("how long (seconds)", null=True, blank=True)
    notes = models.TextField(blank=True)

    instant_field = "observed_at"

    class Meta:
        ordering = ["observed_at"]
        indexes = [
            models.Index(fields=["owner", "observed_at"], name="partner_owner_time"),
            models.Index(fields=["owner", "night_of"], name="partner_owner_night"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=nullable_range("duration_seconds", 0, 86400),
                name="partner_duration_range",
            ),
        ]

    def __str__(self):
        return f"Partner report at {self.observed_at:%Y-%m-%d %H:%M}"

    def clean(self):
        super().clean()
        errors = {}
        self._reject_future(errors, "observed_at", self.observed_at)
        self._check_choices(errors, "observations", self.observations, OBSERVATIONS)
        if not errors.get("observations") and not self.observations:
            errors["observations"] = ["Tick at least one thing they saw."]
        self._check_choices(errors, "body_parts", self.body_parts, BODY_PARTS)
        if self.duration_seconds is not None and not 0 <= self.duration_seconds <= 86400:
            errors.setdefault("duration_seconds", []).append(
                "How long must be between 0 seconds and 24 hours."
            )
        if errors:
            raise ValidationError(errors)

    @property
    def red_flag_titles(self):
        """What this report says that calls for medical attention (journal.hints)."""
        return [RED_FLAG_RULES[code].title for code in partner_flag_codes(self)]

    @property
    def observation_labels(self):
        return [OBSERVATIONS.label(item) for item in self.observations]

    @property
    def body_part_labels(self):
        return [BODY_PARTS.label(part) for part in self.body_parts]


class Night(Entry):
    """The morning check-in: the sleep diary for one night (Consensus Sleep Diary items)."""

    night_of = models.DateField("night of", help_text="The date of the evening the night began.")
    got_into_bed = models.DateTimeField("got into bed", null=True, blank=True)
    tried_to_sleep = models.DateTimeField("tried to go to sleep", null=True, blank=True)
    minutes_to_fall_asleep = models.PositiveSmallIntegerField(
        "minutes to fall asleep", null=True, blank=True
    )
    awakenings = models.PositiveSmallIntegerField(
        "times woken in the night",
        null=True,
        blank=True,
        help_text="Not counting the final awakening.",
    )
    awake_minutes = models.PositiveSmallIntegerField(
        "minutes awake in the night",
        null=True,
        blank=True,
        help_text="All those awakenings together.",
    )
    final_wake = models.DateTimeField("final awakening", null=True, blank=True)
    out_of_bed = models.DateTimeField("got out of bed", null=True, blank=True)
    quality = models.PositiveSmallIntegerField(
        "sleep quality", null=True, blank=True, help_text="1 very poor – 5 very good"
    )
    rested = models.PositiveSmallIntegerField(
        "rested on waking", null=True, blank=True, help_text="1 not at all – 5 very"
    )
    alcohol_drinks = models.DecimalField(
        "alcoholic drinks (standard drinks)",
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="One standard drink is 14 g of alcohol. Enter 0 for none.",
    )
    last_drink_at = models.DateTimeField("last alcoholic drink", null=True, blank=True)
    caffeine_drinks = models.PositiveSmallIntegerField("caffeinated drinks", null=True, blank=True)
    last_caffeine_at = models.DateTimeField("last caffeinated drink", null=True, blank=True)
    sleep_medication = models.CharField(
        "sleep medication", max_length=200, blank=True, help_text="Name, dose and time."
    )
    notes = models.TextField(blank=True)

    TIME_FIELDS = (
        "got_into_bed",
        "tried_to_sleep",
        "final_wake",
        "out_of_bed",
        "last_drink_at",
        "last_caffeine_at",
    )

    class Meta:
        ordering = ["-night_of"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "night_of"], name="one_diary_per_night"),
            models.CheckConstraint(
                condition=nullable_range("minutes_to_fall_asleep", 0, 720),
                name="night_sol_range",
            ),
            models.CheckConstraint(
                condition=nullable_range("awake_minutes", 0, 720), name="night_waso_range"
            ),
            models.CheckConstraint(
                condition=nullable_range("awakenings", 0, 100), name="night_awakenings_range"
            ),
            models.CheckConstraint(
                condition=nullable_range("quality", 1, 5), name="night_quality_range"
            ),
            models.CheckConstraint(
                condition=nullable_range("rested", 1, 5), name="night_rested_range"
            ),
            models.CheckConstraint(
                condition=nullable_range("alcohol_drinks", 0, 30), name="night_alcohol_range"
            ),
            models.CheckConstraint(
                condition=nullable_range("caffeine_drinks", 0, 50), name="night_caffeine_range"
            ),
        ]

    def __str__(self):
        return f"Night of {self.night_of:%Y-%m-%d}"

    RANGES = {
        "minutes_to_fall_asleep": (0, 720, "Minutes to fall asleep must be 0 to 720."),
        "awake_minutes": (0, 720, "Minutes awake must be 0 to 720."),
        "awakenings": (0, 100, "Times woken must be 0 to 100."),
        "quality": (1, 5, "Sleep quality is 1 (very poor) to 5 (very good)."),
        "rested": (1, 5, "Rested is 1 (not at all) to 5 (very)."),
        "alcohol_drinks": (0, 30, "Alcoholic drinks must be 0 to 30 standard drinks."),
        "caffeine_drinks": (0, 50, "Caffeinated drinks must be 0 to 50."),
    }

    def clean(self):
        super().clean()
        errors = {}

        def add(field, message):
            errors.setdefault(field, []).append(message)

        for field, (low, high, message) in self.RANGES.items():
            value = getattr(self, field)
            if value is not None and not low <= value <= high:
                add(field, message)

        if self.night_of is None:
            raise ValidationError(errors or {"night_of": "Which night is this?"})
        duplicate = Night.objects.filter(owner=self.owner, night_of=self.night_of).exclude(
            pk=self.pk
        )
        if duplicate.exists():
            add("night_of", "There is already a diary for this night. Edit that one instead.")
        tz = self.owner.tz
        start, end = nights.night_span(self.night_of, tz)
        if start > timezone.now() + CLOCK_SKEW:
            add("night_of", "This night has not begun yet.")
        for field in self.TIME_FIELDS:
            value = getattr(self, field)
            if value is None:
                continue
            if not start <= value < end:
                add(
                    field,
                    f"Must be within the night of {self.night_of:%a %-d %b}: "
                    f"from 12:00 that day to 11:59 the next morning.",
                )
            else:
                self._reject_future(errors, field, value)
        if field_errors := self._order_errors():
            for field, message in field_errors:
                add(field, message)
        if errors:
            raise ValidationError(errors)

    def _order_errors(self):
        """Bed ≤ tried to sleep < final wake ≤ out of bed; latency and waking fit inside."""
        problems = []
        bed, lights_out, wake, up = (
            self.got_into_bed,
            self.tried_to_sleep,
            self.final_wake,
            self.out_of_bed,
        )
        if bed and lights_out and lights_out < bed:
            problems.append(("tried_to_sleep", "You can't try to sleep before getting into bed."))
        if lights_out and wake and wake <= lights_out:
            problems.append(("final_wake", "The final awakening must come after trying to sleep."))
        elif bed and wake and not lights_out and wake <= bed:
            problems.append(("final_wake", "The final awakening must come after getting into bed."))
        if wake and up and up < wake:
            problems.append(("out_of_bed", "Getting up must come at or after the final awakening."))
        elif bed and up and up <= bed:
            problems.append(("out_of_bed", "Getting up must come after getting into bed."))
        if lights_out and wake and wake > lights_out:
            period = nights.elapsed_minutes(lights_out, wake)
            used = (self.minutes_to_fall_asleep or 0) + (self.awake_minutes or 0)
            if used > period:
                problems.append(
                    (
                        "awake_minutes" if self.awake_minutes else "minutes_to_fall_asleep",
                        f"Minutes to fall asleep plus minutes awake ({used:g}) are more than the "
                        f"{period:.0f} minutes between trying to sleep and the final awakening.",
                    )
                )
        if self.last_drink_at and wake and self.last_drink_at >= wake:
            problems.append(("last_drink_at", "The last drink must be before the final awakening."))
        if self.last_caffeine_at and wake and self.last_caffeine_at >= wake:
            problems.append(
                (
                    "last_caffeine_at",
                    "The last caffeinated drink must be before the final awakening.",
                )
            )
        return problems


def sign_field(key):
    """A check-in's yes/no field for one early sign, named and labelled by vocabulary.SIGNS."""
    return models.BooleanField(SIGNS[key].in_sentence, default=False)


class SymptomCheckin(Entry):
    """Daytime early signs of dystonia the guide asks a person to notice (one per day)."""

    date = models.DateField("day")
    speech_problems = sign_field("speech_problems")
    uncontrollable_blinking = sign_field("uncontrollable_blinking")
    neck_pulling = sign_field("neck_pulling")
    foot_cramps = sign_field("foot_cramps")
    dragging_leg = sign_field("dragging_leg")
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "date"], name="one_checkin_per_day"),
        ]

    def __str__(self):
        return f"Check-in {self.date:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.now().astimezone(self.owner.tz).date():
            raise ValidationError({"date": "This day has not happened yet."})
        duplicate = SymptomCheckin.objects.filter(owner=self.owner, date=self.date)
        if self.date and duplicate.exclude(pk=self.pk).exists():
            raise ValidationError(
                {"date": "There is already a check-in for this day. Edit it instead."}
            )

    @property
    def signs_present(self):
        return [sign.label for sign in SIGNS if getattr(self, sign.key)]


class ShareLink(models.Model):
    """A read-only link to one report period for a clinician; expires, can be revoked.

    Only a SHA-256 hash of the token is stored, so a copy of the database does not open reports.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    first_night = models.DateField("from night")
    last_night = models.DateField("to night")
    label = models.CharField("who it is for", max_length=120, blank=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_opened_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedManager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(first_night__lte=models.F("last_night")),
                name="share_period_in_order",
            ),
        ]

    def __str__(self):
        return f"Share link {self.first_night}–{self.last_night}"

    @property
    def is_active(self):
        return self.revoked_at is None and self.expires_at > timezone.now()
