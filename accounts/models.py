import zoneinfo
from datetime import time
from functools import cache, cached_property

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone

from journal.rules.nights import UsualSchedule


@cache
def known_time_zones() -> frozenset[str]:
    """Every zone name Python knows. Read from disk once: the scan takes about 12 ms."""
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(name):
    if name not in known_time_zones():
        raise ValidationError("Choose a time zone from the list, for example Europe/London.")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A Nightjar account: signs in by email and carries the person's preferences."""

    class TemperatureUnit(models.TextChoices):
        CELSIUS = "C", "°C"
        FAHRENHEIT = "F", "°F"

    class Clock(models.TextChoices):
        H24 = "24", "24-hour (23:30)"
        H12 = "12", "12-hour (11:30 pm)"

    class Theme(models.TextChoices):
        AUTO = "auto", "Automatic (dark at night)"
        DARK = "dark", "Always dark"
        LIGHT = "light", "Always light"

    email = models.EmailField("email address", unique=True)
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    time_zone = models.CharField(max_length=64, default="UTC", validators=[validate_time_zone])
    usual_lights_out = models.TimeField(
        "usual lights-out", default=time(23, 0), help_text="When you usually try to go to sleep."
    )
    usual_minutes_to_fall_asleep = models.PositiveSmallIntegerField(
        "usual minutes to fall asleep",
        default=15,
        validators=[MaxValueValidator(720)],
    )
    usual_wake = models.TimeField(
        "usual wake time", default=time(7, 0), help_text="When you usually wake for the day."
    )
    temperature_unit = models.CharField(
        max_length=1, choices=TemperatureUnit, default=TemperatureUnit.CELSIUS
    )
    clock = models.CharField(max_length=2, choices=Clock, default=Clock.H24)
    theme = models.CharField(max_length=5, choices=Theme, default=Theme.AUTO)
    report_name = models.CharField(
        "name on report", max_length=120, blank=True, help_text="Printed at the top of the report."
    )
    doctor_questions = models.TextField(
        "questions for my doctor",
        blank=True,
        help_text="One question a line; they are printed on the report.",
    )

    objects = UserManager()

    EMAIL_FIELD = "email"
    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(usual_minutes_to_fall_asleep__lte=720),
                name="user_usual_sol_range",
            ),
        ]

    def __str__(self):
        return self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    @cached_property
    def tz(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def usual_schedule(self) -> UsualSchedule:
        return UsualSchedule(
            lights_out=self.usual_lights_out,
            minutes_to_fall_asleep=self.usual_minutes_to_fall_asleep,
            wake=self.usual_wake,
        )

    @property
    def doctor_question_list(self) -> list[str]:
        return [line.strip() for line in self.doctor_questions.splitlines() if line.strip()]


class SignedInSession(models.Model):
    """Which session keys a person is signed in with, so that deleting the account or changing
    the password can end those sessions in any session store (accounts/sessions.py); the store
    itself can only be searched by key."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    signed_in_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.user} · {self.signed_in_at:%Y-%m-%d %H:%M}"


class SignUpMail(models.Model):
    """A sign-up email sent (accounts/signup_mail.py), kept an hour so that sign-up cannot flood
    anyone's mailbox. The address is kept only as a keyed hash."""

    address_hash = models.CharField(max_length=64, db_index=True)
    sent_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"{self.address_hash[:8]}… {self.sent_at:%Y-%m-%d %H:%M}"
