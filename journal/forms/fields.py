"""Form fields shared by every journal form."""

from datetime import UTC, datetime, time, timedelta

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.utils import dateformat, timezone

from journal.rules import bounds, nights


class LocalDateTimeInput(forms.DateTimeInput):
    """The phone's native date-and-time picker."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time read in the user's zone (activated per request), by the rules of §2.

    Django's own field refuses a time that happens twice or not at all on a DST night; an entry
    for that night must still save, so such a time means its first occurrence, or the instant the
    clocks jump to, exactly as the usual schedule is placed. (A time already stored in the second
    occurrence keeps it when left unchanged: see KeepsUnchangedTimes.) A time before 1900 or days
    ahead is refused before it is placed in the zone (journal.rules.bounds).
    """

    widget = LocalDateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime) and timezone.is_aware(value):
            return value
        if not isinstance(value, datetime):
            try:
                value = datetime.fromisoformat(str(value).strip())
            except ValueError as bad:
                raise ValidationError(
                    "Enter a date and time, for example 2026-10-24 23:15.", code="invalid"
                ) from bad
        zone = timezone.get_current_timezone()
        if timezone.is_aware(value):
            problem = bounds.instant_problem(value, zone, timezone.now())
        else:
            problem = bounds.wall_clock_problem(value, timezone.now().astimezone(zone).date())
        if problem:
            raise ValidationError(problem, code="out_of_range")
        if timezone.is_aware(value):
            return value
        wall_clock = time(value.hour, value.minute)
        return nights.local_instant(value.date(), wall_clock, zone)


class PlainNumber:
    """For number fields: the text is checked by length and shape (digits, an optional point and
    sign, no exponent) before it is converted, so a huge or exotic number costs nothing
    (journal.rules.bounds.read_number). A form's own "invalid" message wins over the plain one."""

    default_error_messages = {"invalid": bounds.NOT_A_NUMBER}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            bounds.read_number(str(value))
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        return super().to_python(value)


class PlainIntegerField(PlainNumber, forms.IntegerField):
    pass


class PlainDecimalField(PlainNumber, forms.DecimalField):
    pass


def plain_number_formfield(model_field, **kwargs):
    """A ModelForm's `formfield_callback`: the model's number fields as PlainNumber fields."""
    if isinstance(model_field, models.DecimalField):
        kwargs.setdefault("form_class", PlainDecimalField)
    elif isinstance(model_field, models.IntegerField):
        kwargs.setdefault("form_class", PlainIntegerField)
    return model_field.formfield(**kwargs)


def notes_widget(rows=3):
    """A notes box: the browser stops at the field's limit (maxlength, from the model) and
    static/js/notes_counter.js shows the characters left near it."""
    return forms.Textarea(attrs={"rows": rows, "data-counter": ""})


class KeepsUnchangedTimes:
    """For forms with LocalDateTimeFields: a time shown and sent back unchanged keeps its instant.

    A datetime-local input carries no offset, so 01:30 in the second occurrence of the hour the
    clocks go back would otherwise be read back as the first and move an hour on every save.
    """

    def clean(self):
        cleaned = super().clean()
        zone = timezone.get_current_timezone()
        for name, field in self.fields.items():
            if not isinstance(field, LocalDateTimeField):
                continue
            initial = self.get_initial_for_field(field, name)
            submitted = cleaned.get(name)
            if not (isinstance(initial, datetime) and isinstance(submitted, datetime)):
                continue
            if timezone.is_naive(initial):
                continue
            shown = initial.astimezone(zone).replace(second=0, microsecond=0, tzinfo=None)
            if shown == submitted.astimezone(zone).replace(tzinfo=None):
                cleaned[name] = initial
        return cleaned


class ClientIdField(forms.UUIDField):
    """The id the page was given, so a retried POST is recognised rather than stored twice.

    Missing or garbled (a page from an old version, a hand-made request) is not the person's
    mistake and there is nothing they could fix on screen, so the entry just gets a new id.
    """

    widget = forms.HiddenInput

    def to_python(self, value):
        try:
            return super().to_python(value)
        except forms.ValidationError:
            return None


class TapTimeField(forms.DateTimeField):
    """The instant Save was tapped on the phone, as the page's script sends it (ISO 8601 with
    its offset, e.g. 2026-11-20T03:12:05.120Z), so an entry sent later keeps its own time.

    Optional: a plain form leaves it out and the server's "now" is used. A value that is not an
    instant with an offset, is ahead of the server's clock by more than a few minutes, or is
    before 2000 is refused with a message (the entry stays on the phone to be fixed).
    """

    widget = forms.HiddenInput
    MAX_LENGTH = 40
    EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
    CLOCK_SKEW = timedelta(minutes=5)

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        # Kept as the instant it is (with its offset), not turned into a local wall-clock time.
        return value.isoformat() if isinstance(value, datetime) else value

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        try:
            if len(text) > self.MAX_LENGTH:
                raise ValueError(text)
            instant = datetime.fromisoformat(text)
        except ValueError:
            raise ValidationError("The time of the tap was not readable.", code="invalid") from None
        if timezone.is_naive(instant):
            raise ValidationError("The time of the tap had no time zone.", code="invalid")
        if instant > timezone.now() + self.CLOCK_SKEW:
            raise ValidationError(
                "The phone's clock is ahead of the server's: check the time of this entry.",
                code="future",
            )
        if instant < self.EARLIEST:
            raise ValidationError("The time of the tap is before 2000.", code="past")
        return instant


class ShowsHiddenErrors:
    """A problem with a hidden field (the time of the tap) is shown above the form, where it is
    seen, instead of next to a field nobody sees."""

    def full_clean(self):
        super().full_clean()
        hidden = [name for name in self.errors if name in self.fields and self[name].is_hidden]
        for name in hidden:
            messages = self.errors.pop(name)
            self.errors.setdefault(NON_FIELD_ERRORS, self.error_class(error_class="nonfield"))
            self.errors[NON_FIELD_ERRORS].extend(messages)


class OpenedVersionField(forms.IntegerField):
    """The version of the entry the form showed (0: none was stored yet), so that saving can tell
    whether it changed meanwhile on another device (journal.views.owned.save_unless_changed).

    Missing or garbled (a page from before versions, a hand-made request) means "not known": the
    save then goes ahead as it always did.
    """

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        try:
            number = super().to_python(value)
        except ValidationError:
            return None
        return number if number is not None and number >= 0 else None


class TracksVersion:
    """An entry's form that carries the version it was opened at, as the hidden field `version`
    (the layout places it). A new entry's form says 0 when `opened_empty`, for the one-a-night
    or one-a-day entries whose first save may meet another device's."""

    opened_empty = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance._state.adding:
            if self.opened_empty:
                self.fields["version"] = OpenedVersionField(initial=0)
        else:
            self.fields["version"] = OpenedVersionField(initial=self.instance.version)

    @property
    def opened_version(self) -> int | None:
        if "version" not in self.fields:
            return None
        field = self.fields["version"]
        return field.clean(self.data.get(self.add_prefix("version")))


# A date further back than this is more often a slip (a year typed 25 for 26, a wrong month)
# than a late entry, so the form asks once before saving it.
OLD_DATE_DAYS = 60
DATE_CONFIRMED = "date_confirmed"


class AsksAboutOldDates:
    """For entry forms: an entry whose night (or day) is more than OLD_DATE_DAYS back asks "Is
    the date right?" once before it is saved. The form comes back with the question next to the
    date (`date_field`; None when the page's address gives the night) and a "Yes, the date is
    right" box, hidden until then, that the layout places after it; saved with the box ticked.
    A stored entry whose date is left unchanged is not asked about again. Works without JS.

    `entry_day(cleaned)` gives the night or day the entry is for, or None when the form has no
    usable date yet.
    """

    date_field: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[DATE_CONFIRMED] = forms.BooleanField(
            label="Yes, the date is right", required=False, widget=forms.HiddenInput
        )

    def entry_day(self, cleaned):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        day = self.entry_day(cleaned)
        if day is None or day < bounds.EARLIEST_DAY or cleaned.get(DATE_CONFIRMED):
            return cleaned
        if not self.instance._state.adding and self.date_field not in self.changed_data:
            return cleaned
        today = timezone.now().astimezone(self.instance.owner.tz).date()
        days_back = (today - day).days
        if days_back > OLD_DATE_DAYS:
            self.fields[DATE_CONFIRMED].widget = forms.CheckboxInput()
            self.add_error(
                self.date_field,
                ValidationError(
                    f"Is the date right? This is for {dateformat.format(day, 'D j M Y')}, "
                    f"{days_back} days ago. If it is, tick “Yes, the date is right” and save "
                    "again.",
                    code="old_date",
                ),
            )
        return cleaned
