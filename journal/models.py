"""The journal's entries (docs/definitions.md §7). Each belongs to one owner.

Rules that every form and the import share live in `clean()`; what must never be stored is also
a database constraint. Every query for journal data starts from `Model.objects.for_user(user)`.
"""

import uuid
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from journal.rules import bounds, nights
from journal.rules.hints import RED_FLAG_RULES, event_flag_codes, partner_flag_codes
from journal.rules.vocabulary import (
    BODY_PARTS,
    EVENT_KINDS,
    OBSERVATIONS,
    SIGNS,
    STAGE_FILE_FORMATS,
    STAGES,
    Vocabulary,
)

CLOCK_SKEW = bounds.CLOCK_SKEW


def add_error(errors, field, message):
    errors.setdefault(field, []).append(message)


def note_text(value):
    """A note: no control characters but tab and line breaks (the length is the field's)."""
    if bounds.has_control_character(value, allowed=bounds.NOTE_WHITESPACE):
        raise ValidationError(bounds.CONTROL_CHARACTER, code="control_character")


def single_line_text(value):
    """A name or a short answer: no control characters at all."""
    if bounds.has_control_character(value):
        raise ValidationError(bounds.CONTROL_CHARACTER, code="control_character")


def notes_field():
    """Free text of a few paragraphs, at most bounds.MAX_NOTES_LENGTH characters: checked by
    every form (which also tells the browser) and by the import through full_clean()."""
    return models.TextField(
        blank=True,
        max_length=bounds.MAX_NOTES_LENGTH,
        validators=[MaxLengthValidator(bounds.MAX_NOTES_LENGTH), note_text],
    )


def nullable_range(field, low, high):
    return models.Q(**{f"{field}__isnull": True}) | models.Q(
        **{f"{field}__gte": low, f"{field}__lte": high}
    )


@dataclass(frozen=True)
class Range:
    """A number's allowed values: clean() says so in the person's words, and a database
    constraint of the same bounds keeps anything outside them from ever being stored."""

    field: str
    low: int | Decimal
    high: int | Decimal
    message: str
    constraint_name: str

    def problem(self, value):
        if value is None:
            return None
        if isinstance(self.low, Decimal):
            value = Decimal(value)
        return None if self.low <= value <= self.high else self.message

    def constraint(self):
        return models.CheckConstraint(
            condition=nullable_range(self.field, self.low, self.high), name=self.constraint_name
        )


def duration_range(constraint_name):
    return Range(
        "duration_seconds",
        0,
        86400,
        "How long must be between 0 seconds and 24 hours.",
        constraint_name,
    )


@dataclass(frozen=True)
class ChoiceList:
    """A JSON list field whose items come from a vocabulary; `empty` says why it can't be empty."""

    field: str
    vocabulary: Vocabulary
    empty: str | None = None

    def problem(self, values):
        if not isinstance(values, list) or any(value not in self.vocabulary for value in values):
            return "Choose from the list: " + ", ".join(t.label for t in self.vocabulary) + "."
        if self.empty and not values:
            return self.empty
        return None


EVENT_RANGES = (
    duration_range("event_duration_range"),
    Range("intensity", 1, 5, "Intensity is 1 (barely) to 5 (violent).", "event_intensity_range"),
    Range(
        "temperature_c",
        Decimal("34.0"),
        Decimal("43.0"),
        "Body temperature must be between 34.0 and 43.0 °C (93.2 – 109.4 °F).",
        "event_temperature_range",
    ),
)
PARTNER_RANGES = (duration_range("partner_duration_range"),)
NIGHT_RANGES = (
    Range(
        "minutes_to_fall_asleep",
        0,
        720,
        "Minutes to fall asleep must be 0 to 720.",
        "night_sol_range",
    ),
    Range("awake_minutes", 0, 720, "Minutes awake must be 0 to 720.", "night_waso_range"),
    Range("awakenings", 0, 100, "Times woken must be 0 to 100.", "night_awakenings_range"),
    Range(
        "quality", 1, 5, "Sleep quality is 1 (very poor) to 5 (very good).", "night_quality_range"
    ),
    Range("rested", 1, 5, "Rested is 1 (not at all) to 5 (very).", "night_rested_range"),
    Range(
        "alcohol_drinks",
        0,
        30,
        "Alcoholic drinks must be 0 to 30 standard drinks.",
        "night_alcohol_range",
    ),
    Range("caffeine_drinks", 0, 50, "Caffeinated drinks must be 0 to 50.", "night_caffeine_range"),
)


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

    # The rules of single fields, checked in this order by clean(): lists, then numbers.
    LISTS: tuple[ChoiceList, ...] = ()
    RANGES: tuple[Range, ...] = ()

    def _already_taken(self, field):
        """Whether another of the owner's entries has this entry's `field` (one a night or day)."""
        same = type(self).objects.filter(owner=self.owner, **{field: getattr(self, field)})
        return same.exclude(pk=self.pk).exists()

    def _reject_out_of_range(self, errors, field, value):
        """An instant before the earliest night or in the future (journal.rules.bounds)."""
        if value is not None and (
            problem := bounds.instant_problem(value, self.owner.tz, timezone.now())
        ):
            add_error(errors, field, problem)

    def _check_field_rules(self, errors):
        for rule in (*self.LISTS, *self.RANGES):
            if message := rule.problem(getattr(self, rule.field)):
                add_error(errors, rule.field, message)


class Versioned(models.Model):
    """An entry a person edits, perhaps from two devices: every save through a form counts its
    version up, and a form opened at an older version cannot silently save over a newer one."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True

    def save_if_unchanged(self, opened_version: int | None) -> bool:
        """Save this stored entry only if it is still at `opened_version` (None: whatever it is):
        True when saved, False when another save came first (then nothing is written).

        The stored row is locked while it is checked and written, so of two saves made from the
        same version at the same moment exactly one wins.
        """
        with transaction.atomic():
            stored = (
                type(self)
                .objects.select_for_update()
                .filter(pk=self.pk)
                .values_list("version", flat=True)
                .first()
            )
            if stored is None or opened_version not in (None, stored):
                return False
            self.version = stored + 1
            self.save(force_update=True)
        return True


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

    def clean(self):
        super().clean()
        errors = {}
        self._reject_out_of_range(errors, self.instant_field, self.instant)
        self._check_field_rules(errors)
        if errors:
            raise ValidationError(errors)


class Event(Versioned, TimedEntry):
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
    notes = notes_field()

    instant_field = "occurred_at"
    LISTS = (ChoiceList("body_parts", BODY_PARTS),)
    RANGES = EVENT_RANGES

    class Meta:
        ordering = ["occurred_at"]
        indexes = [
            models.Index(fields=["owner", "occurred_at"], name="event_owner_time"),
            models.Index(fields=["owner", "night_of"], name="event_owner_night"),
            # The log form's "last time's kind and body parts" reads the newest-logged event.
            models.Index(fields=["owner", "created_at"], name="event_owner_logged"),
        ]
        constraints = [
            *(rule.constraint() for rule in EVENT_RANGES),
            models.CheckConstraint(
                condition=models.Q(kind__in=list(EVENT_KINDS.keys)),
                name="event_kind_known",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} at {self.occurred_at:%Y-%m-%d %H:%M}"

    @property
    def body_part_labels(self):
        return [BODY_PARTS.label(part) for part in self.body_parts]

    @property
    def red_flag_titles(self):
        """What about this entry calls for medical attention (rules/hints.py, clinical-notes §5)."""
        return [RED_FLAG_RULES[code].title for code in event_flag_codes(self)]


class PartnerReport(Versioned, TimedEntry):
    """What a bed partner or someone else saw."""

    observed_at = models.DateTimeField("about when")
    observer = models.CharField(
        "who saw it", max_length=120, blank=True, validators=[single_line_text]
    )
    observations = models.JSONField("what they saw", default=list)
    body_parts = models.JSONField("body parts", default=list, blank=True)
    duration_seconds = models.PositiveIntegerField("how long (seconds)", null=True, blank=True)
    notes = notes_field()
    # Set when the partner saved it from their own link (journal/partner_links.py): the sleeper
    # sees "added by" the link's label, and the phone that added it may undo it for a while.
    partner_link = models.ForeignKey(
        "PartnerLink", null=True, blank=True, on_delete=models.SET_NULL, editable=False
    )
    added_by_device = models.CharField(max_length=64, blank=True, editable=False)

    instant_field = "observed_at"
    LISTS = (
        ChoiceList("observations", OBSERVATIONS, empty="Tick at least one thing they saw."),
        ChoiceList("body_parts", BODY_PARTS),
    )
    RANGES = PARTNER_RANGES

    class Meta:
        ordering = ["observed_at"]
        indexes = [
            models.Index(fields=["owner", "observed_at"], name="partner_owner_time"),
            models.Index(fields=["owner", "night_of"], name="partner_owner_night"),
        ]
        constraints = [rule.constraint() for rule in PARTNER_RANGES]

    def __str__(self):
        return f"Partner report at {self.observed_at:%Y-%m-%d %H:%M}"

    @property
    def red_flag_titles(self):
        """What this report says that calls for medical attention (journal.rules.hints)."""
        return [RED_FLAG_RULES[code].title for code in partner_flag_codes(self)]

    @property
    def observation_labels(self):
        return [OBSERVATIONS.label(item) for item in self.observations]

    @property
    def body_part_labels(self):
        return [BODY_PARTS.label(part) for part in self.body_parts]


class Night(Versioned, Entry):
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
        "sleep medication",
        max_length=200,
        blank=True,
        help_text="Name, dose and time.",
        validators=[single_line_text],
    )
    notes = notes_field()

    TIME_FIELDS = (
        "got_into_bed",
        "tried_to_sleep",
        "final_wake",
        "out_of_bed",
        "last_drink_at",
        "last_caffeine_at",
    )

    RANGES = NIGHT_RANGES

    class Meta:
        ordering = ["-night_of"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "night_of"], name="one_diary_per_night"),
            *(rule.constraint() for rule in NIGHT_RANGES),
        ]

    def __str__(self):
        return f"Night of {self.night_of:%Y-%m-%d}"

    def clean(self):
        super().clean()
        errors = {}
        self._check_field_rules(errors)
        if self.night_of is None:
            raise ValidationError(errors or {"night_of": "Which night is this?"})
        latest = bounds.latest_day_anywhere(timezone.now())
        if problem := bounds.day_problem(self.night_of, latest):
            # Too far out to place in the zone (the span of 9999-12-31 overflows).
            add_error(errors, "night_of", problem)
            raise ValidationError(errors)
        start, end = nights.night_span(self.night_of, self.owner.tz)
        self._check_night(errors, start)
        self._check_times_inside(errors, start, end)
        for field, message in self._order_errors():
            add_error(errors, field, message)
        if errors:
            raise ValidationError(errors)

    def _check_night(self, errors, start):
        """One diary per night, and only for a night that has begun."""
        if self._already_taken("night_of"):
            add_error(
                errors,
                "night_of",
                "There is already a diary for this night. Edit that one instead.",
            )
        if start > timezone.now() + CLOCK_SKEW:
            add_error(errors, "night_of", "This night has not begun yet.")

    def _check_times_inside(self, errors, start, end):
        """Every time of the diary falls inside its night's noon-to-noon span (§2), and has
        happened."""
        for field in self.TIME_FIELDS:
            value = getattr(self, field)
            if value is None:
                continue
            if start <= value < end:
                self._reject_out_of_range(errors, field, value)
            else:
                add_error(
                    errors,
                    field,
                    f"Must be within the night of {self.night_of:%a %-d %b}: "
                    f"from 12:00 that day to 11:59 the next morning.",
                )

    def _order_errors(self):
        """Bed ≤ tried to sleep < final wake ≤ out of bed; latency and waking fit inside; drinks
        before the final awakening."""
        return [
            *broken_rules(self, SLEEP_ORDER),
            *self._latency_errors(),
            *broken_rules(self, DRINKS_BEFORE_WAKING),
        ]

    def _latency_errors(self):
        """The minutes to fall asleep and awake fit between trying to sleep and the final wake."""
        lights_out, wake = self.tried_to_sleep, self.final_wake
        if not (lights_out and wake and wake > lights_out):
            return []
        period = nights.elapsed_minutes(lights_out, wake)
        used = (self.minutes_to_fall_asleep or 0) + (self.awake_minutes or 0)
        if used <= period:
            return []
        return [
            (
                "awake_minutes" if self.awake_minutes else "minutes_to_fall_asleep",
                f"Minutes to fall asleep plus minutes awake ({used:g}) are more than the "
                f"{period:.0f} minutes between trying to sleep and the final awakening.",
            )
        ]


class Order(NamedTuple):
    """A rule of the diary's order: `later` comes after `earlier` (at the same time too, unless
    `strict`). When both are filled in and it fails, `message` goes on `field`. A rule is skipped
    when its `unless` time is filled in, or when an earlier rule already faulted `field`."""

    earlier: str
    later: str
    strict: bool
    field: str
    message: str
    unless: str | None = None

    def broken(self, diary) -> bool:
        earlier, later = getattr(diary, self.earlier), getattr(diary, self.later)
        if not (earlier and later) or (self.unless and getattr(diary, self.unless)):
            return False
        return later <= earlier if self.strict else later < earlier


# Bed ≤ tried to sleep < final wake ≤ out of bed (definitions §7, Consensus Sleep Diary order).
SLEEP_ORDER = (
    Order(
        "got_into_bed",
        "tried_to_sleep",
        False,
        "tried_to_sleep",
        "You can't try to sleep before getting into bed.",
    ),
    Order(
        "tried_to_sleep",
        "final_wake",
        True,
        "final_wake",
        "The final awakening must come after trying to sleep.",
    ),
    Order(
        "got_into_bed",
        "final_wake",
        True,
        "final_wake",
        "The final awakening must come after getting into bed.",
        unless="tried_to_sleep",
    ),
    Order(
        "final_wake",
        "out_of_bed",
        False,
        "out_of_bed",
        "Getting up must come at or after the final awakening.",
    ),
    Order(
        "got_into_bed",
        "out_of_bed",
        True,
        "out_of_bed",
        "Getting up must come after getting into bed.",
    ),
)
DRINKS_BEFORE_WAKING = (
    Order(
        "last_drink_at",
        "final_wake",
        True,
        "last_drink_at",
        "The last drink must be before the final awakening.",
    ),
    Order(
        "last_caffeine_at",
        "final_wake",
        True,
        "last_caffeine_at",
        "The last caffeinated drink must be before the final awakening.",
    ),
)


def broken_rules(diary, rules):
    """(field, message) for each rule the diary breaks, at most one per field."""
    problems = []
    for rule in rules:
        if rule.broken(diary) and all(field != rule.field for field, _ in problems):
            problems.append((rule.field, rule.message))
    return problems


def sign_field(key):
    """A check-in's yes/no field for one early sign, named and labelled by vocabulary.SIGNS."""
    return models.BooleanField(SIGNS[key].in_sentence, default=False)


class SymptomCheckin(Versioned, Entry):
    """Daytime early signs of dystonia the guide asks a person to notice (one per day)."""

    date = models.DateField("day")
    speech_problems = sign_field("speech_problems")
    uncontrollable_blinking = sign_field("uncontrollable_blinking")
    neck_pulling = sign_field("neck_pulling")
    foot_cramps = sign_field("foot_cramps")
    dragging_leg = sign_field("dragging_leg")
    notes = notes_field()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["owner", "date"], name="one_checkin_per_day"),
        ]

    def __str__(self):
        return f"Check-in {self.date:%Y-%m-%d}"

    def clean(self):
        super().clean()
        if self.date and self.date < bounds.EARLIEST_DAY:
            raise ValidationError({"date": bounds.BEFORE_1900})
        if self.date and self.date > timezone.now().astimezone(self.owner.tz).date():
            raise ValidationError({"date": "This day has not happened yet."})
        if self.date and self._already_taken("date"):
            raise ValidationError(
                {"date": "There is already a check-in for this day. Edit it instead."}
            )

    @property
    def signs_present(self):
        return [sign.label for sign in SIGNS if getattr(self, sign.key)]


class StageSegment(TimedEntry):
    """A span of one sleep stage as a watch, ring or sleep app recorded it (definitions §8).

    It belongs to the night of its start. The same segment (owner, source, start, end, stage)
    is stored once, so importing the same export again changes nothing.
    """

    start = models.DateTimeField("from")
    end = models.DateTimeField("to")
    stage = models.CharField(max_length=10, choices=STAGES.choices)
    source = models.CharField(
        "recorded by", max_length=120, help_text="The device or app, as its export names it."
    )

    instant_field = "start"

    class Meta:
        ordering = ["start", "end"]
        indexes = [
            models.Index(fields=["owner", "night_of"], name="stage_owner_night"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="stage_segment_in_order"
            ),
            models.CheckConstraint(
                condition=models.Q(stage__in=list(STAGES.keys)), name="stage_segment_stage_known"
            ),
            # Also the index for one source's segments (the settings action, the import).
            models.UniqueConstraint(
                fields=["owner", "source", "start", "end", "stage"], name="stage_segment_once"
            ),
        ]

    def __str__(self):
        return f"{self.get_stage_display()} {self.start:%Y-%m-%d %H:%M}–{self.end:%H:%M}"

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "The end must come after the start."})


class StageImport(models.Model):
    """One upload of recorded sleep stages, read in the background (journal/tasks.py): how far
    it has got, and how it ended. The uploaded file waits in a private folder until then."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Reading"
        DONE = "done", "Done"
        FAILED = "failed", "Not imported"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    filename = models.CharField(max_length=255)
    file_format = models.CharField(max_length=20, choices=STAGE_FILE_FORMATS.choices)
    status = models.CharField(max_length=10, choices=Status, default=Status.QUEUED)
    bytes_read = models.BigIntegerField(default=0)
    bytes_total = models.BigIntegerField(default=0)
    nights_found = models.PositiveIntegerField(default=0)
    summary = models.TextField(blank=True)
    error = models.TextField(blank=True)
    # Where the upload waits for the worker (never under a folder the web server serves);
    # emptied once the file is deleted.
    upload_path = models.CharField(max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedManager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="stage_import_owner_new")]

    def __str__(self):
        return f"Import of {self.filename} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        """How much of the file has been read, 0–100."""
        if self.status == self.Status.DONE:
            return 100
        if not self.bytes_total:
            return 0
        return min(100, self.bytes_read * 100 // self.bytes_total)


@receiver(post_delete, sender=StageImport)
def delete_waiting_upload(sender, instance, **kwargs):
    """An import deleted before its file was read (its account deleted, say) takes the file with
    it: an uploaded export never outlives the person's data."""
    if instance.upload_path:
        Path(instance.upload_path).unlink(missing_ok=True)


class ShareLink(models.Model):
    """A read-only link to one report period for a clinician; expires, can be revoked.

    Only a SHA-256 hash of the token is stored, so a copy of the database does not open reports.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    first_night = models.DateField("from night")
    last_night = models.DateField("to night")
    label = models.CharField(
        "who it is for", max_length=120, blank=True, validators=[single_line_text]
    )
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


class PartnerLink(models.Model):
    """A bed partner's own link to add what they saw to the sleeper's journal, and nothing else.

    Like a ShareLink, only a SHA-256 hash of the token is stored; it can be revoked at once and
    may expire. `last_used_at` tells the sleeper when it was last opened or used.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    label = models.CharField("their name", max_length=60, validators=[single_line_text])
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OwnedManager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Partner link for {self.label}"


class RedFlagNotice(models.Model):
    """An entry saved from a form that matched a red-flag rule, until its owner says they saw it.

    The home page shows it (with the rule's guidance) until `acknowledged_at` is set; the import
    raises none. `codes` are the rules the entry matched when the notice was raised, so an edit
    that adds a new reason raises it again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    event = models.OneToOneField(Event, null=True, blank=True, on_delete=models.CASCADE)
    partner_report = models.OneToOneField(
        PartnerReport, null=True, blank=True, on_delete=models.CASCADE
    )
    codes = models.JSONField(default=list)
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedManager()

    class Meta:
        ordering = ["raised_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(event__isnull=False, partner_report__isnull=True)
                | models.Q(event__isnull=True, partner_report__isnull=False),
                name="red_flag_notice_one_entry",
            ),
        ]

    def __str__(self):
        return f"Red flag notice {self.raised_at:%Y-%m-%d %H:%M}"

    @property
    def entry(self):
        return self.event or self.partner_report


class NightFigures(models.Model):
    """One night's figures for period summaries (definitions §5, §8), kept current on every write
    by journal.figures: counts by window, kind, body part, hour, recorded stage and more, window
    and stage time in microseconds, the diary's metrics and the red flags its entries raise.

    Derived data: `manage.py rebuild_summaries` rebuilds it from the entries.
    """

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, editable=False)
    night_of = models.DateField()
    week = models.IntegerField(help_text="The ordinal of the Monday of night_of's ISO week.")
    alcohol = models.SmallIntegerField(null=True)
    flags = models.JSONField(null=True)
    first_jerking = models.DateTimeField(null=True)

    objects = OwnedManager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "night_of"], name="one_figures_per_night"),
        ]

    def __str__(self):
        return f"Figures of the night of {self.night_of:%Y-%m-%d}"


class FiguresBasis(models.Model):
    """What a person's NightFigures were last rebuilt with: the time zone and usual schedule
    (journal.figures.basis_of). A summary that finds another basis, or none, rebuilds them."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, editable=False
    )
    basis = models.CharField(max_length=100)

    def __str__(self):
        return f"Figures basis {self.basis}"


def _add_figure_columns():
    from journal.review import summary

    for name in summary.COUNT_COLUMNS:
        NightFigures.add_to_class(name, models.IntegerField(default=0))
    for name in summary.MICROS_COLUMNS:
        NightFigures.add_to_class(name, models.BigIntegerField(default=0))
    for name in summary.METRIC_COLUMNS:
        NightFigures.add_to_class(name, models.FloatField(null=True))


_add_figure_columns()
