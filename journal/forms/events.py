"""Forms for events: the one-tap log on waking and the full event form (definitions §7 Event).

Both are ModelForms, so the model's `clean()` (ranges, no future times) runs on every save and its
messages land next to the field. The owner is set on the instance before validation because the
model needs the owner's time zone to place the event in its night.
"""

import uuid
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout, Submit
from django import forms
from django.utils import timezone

from journal.data.columns import EVENT_COLUMNS, without
from journal.forms.fields import (
    DATE_CONFIRMED,
    AsksAboutOldDates,
    ClientIdField,
    KeepsUnchangedTimes,
    LocalDateTimeField,
    PlainDecimalField,
    PlainIntegerField,
    ShowsHiddenErrors,
    TapTimeField,
    TracksVersion,
    notes_widget,
)
from journal.models import Event
from journal.rules import nights
from journal.rules.vocabulary import BODY_PARTS, EVENT_KINDS
from journal.templatetags.nightjar_format import in_unit

CHIPS = "journal/_chips.html"

# On the log page, at 3 a.m., one word per chip is enough; the full form explains each kind.
SHORT_KIND_LABELS = EVENT_KINDS.labels("short")

EARLIER_PRESETS = (
    ("0", "Now"),
    ("5", "5 min ago"),
    ("15", "15 min ago"),
    ("30", "30 min ago"),
    ("60", "60 min ago"),
)

# Empty means "not recorded", which is not the same as "no" (definitions §7).
YES_NO_UNKNOWN = (("True", "Yes"), ("False", "No"), ("", "Not recorded"))


def kind_word(kind):
    """The kind as a word in a sentence or a button: "Save twitch", "Undo cramp"."""
    return SHORT_KIND_LABELS.get(kind, "event").lower() if kind != Event.Kind.OTHER else "event"


def with_article(word):
    """ "a twitch", "an event"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def choice_words(kind, body_parts):
    """What a log will save, as its buttons say it: "cramp · left foot, right leg"."""
    words = kind_word(kind)
    parts = [BODY_PARTS.label(part).lower() for part in body_parts if part in BODY_PARTS]
    return f"{words} · {', '.join(parts)}" if parts else words


def last_used(owner):
    """The kind and body parts of the event this person logged most recently, or None."""
    latest = (
        Event.objects.for_user(owner)
        .order_by("-created_at", "-occurred_at")
        .only("kind", "body_parts")
        .first()
    )
    if latest is None:
        return None
    return {"kind": latest.kind, "body_parts": list(latest.body_parts)}


# A first-time log starts from a twitch with no body part chosen.
FIRST_LOG = {"kind": Event.Kind.TWITCH, "body_parts": []}


def to_celsius(value, unit):
    if value is None:
        return None
    if unit == "F":
        value = (Decimal(value) - 32) * 5 / 9
    return Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def sleep_effect_chips():
    """ "Woke me" and "Kept me awake" as one group of chips, on both event forms."""
    return Div(
        Field("woke_me", template=CHIPS),
        Field("kept_me_awake", template=CHIPS),
        css_class="chips",
        role="group",
        aria_label="How it affected your sleep",
    )


def body_parts_field():
    return forms.MultipleChoiceField(
        label="Body parts",
        choices=BODY_PARTS.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def yes_no_field(label):
    return forms.NullBooleanField(
        label=label, required=False, widget=forms.RadioSelect(choices=YES_NO_UNKNOWN)
    )


class OwnedEventForm(AsksAboutOldDates, KeepsUnchangedTimes, forms.ModelForm):
    """Shared by both forms: the owner and a client-made id, so a retried POST is recognised;
    an exact time more than a couple of months back asks whether the date is right."""

    date_field = "occurred_at"

    id = ClientIdField(required=False, initial=uuid.uuid4)

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.instance.owner = owner
        if not self.instance._state.adding:
            # The id of a stored event cannot change; editing never needs a fresh one.
            del self.fields["id"]

    def entry_day(self, cleaned):
        occurred_at = cleaned.get("occurred_at")
        return nights.night_of(occurred_at, self.owner.tz) if occurred_at else None


class LogEventForm(ShowsHiddenErrors, OwnedEventForm):
    """Log on waking: everything pre-filled, so one tap on Save records it.

    "Now" and the presets count back from the moment Save was tapped: the page's script sends
    that instant as `tapped_at`, so an entry kept on the phone while offline keeps its time (a
    plain form, sent at once, counts from its arrival). templates/journal/log.html draws it:
    Save comes straight after the kind and the time, so the keyboard reaches it in a few steps;
    it is fixed at the bottom of the screen, so it sits after everything else on screen anyway.
    """

    kind = forms.ChoiceField(
        label="What happened", choices=list(SHORT_KIND_LABELS.items()), widget=forms.RadioSelect
    )
    body_parts = body_parts_field()
    earlier = forms.ChoiceField(
        label="When",
        choices=EARLIER_PRESETS,
        initial="0",
        required=False,
        widget=forms.RadioSelect,
    )
    occurred_at = LocalDateTimeField(
        label="Exact time (optional)",
        required=False,
        help_text="If you set this, it is used instead of the choice above.",
    )
    woke_me = forms.BooleanField(label="Woke me", required=False)
    kept_me_awake = forms.BooleanField(label="Kept me awake", required=False)
    tapped_at = TapTimeField()

    class Meta:
        model = Event
        fields = ["kind", "body_parts", "occurred_at", "woke_me", "kept_me_awake"]

    def __init__(self, *args, owner, **kwargs):
        self.last_time = last_used(owner)
        if not args and kwargs.get("data") is None:
            kwargs.setdefault("initial", self.last_time or FIRST_LOG)
        super().__init__(*args, owner=owner, **kwargs)

    @property
    def last_time_words(self):
        """Last time's kind and parts in words, or None for someone's first log."""
        return choice_words(**self.last_time) if self.last_time else None

    def clean(self):
        cleaned = super().clean()
        # An exact time wins over the presets; with neither, it is the moment Save was tapped.
        if cleaned.get("occurred_at") is None and "occurred_at" not in self.errors:
            minutes = int(cleaned.get("earlier") or 0)
            tapped = cleaned.get("tapped_at") or timezone.now()
            cleaned["occurred_at"] = tapped - timedelta(minutes=minutes)
        return cleaned


class EventForm(TracksVersion, OwnedEventForm):
    """The full event form: every field of definitions §7, temperature in the user's unit."""

    occurred_at = LocalDateTimeField(label="When it happened")
    kind = forms.ChoiceField(label="What happened", choices=Event.Kind, widget=forms.RadioSelect)
    body_parts = body_parts_field()
    woke_me = forms.BooleanField(label="It woke me up", required=False)
    kept_me_awake = forms.BooleanField(label="It stopped me falling asleep", required=False)
    intensity = forms.TypedChoiceField(
        label="Intensity",
        help_text="1 barely – 5 violent",
        choices=[("1", "1"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5"), ("", "Not recorded")],
        coerce=int,
        empty_value=None,
        error_messages={"invalid_choice": "Intensity is 1 (barely) to 5 (violent)."},
        required=False,
        widget=forms.RadioSelect,
    )
    duration_seconds = PlainIntegerField(
        label="How long (seconds)",
        required=False,
        min_value=0,
        help_text="A rough guess is fine: 60 is one minute.",
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    consciousness_changed = yes_no_field("Awareness changed (confused, absent, unresponsive)")
    temperature_c = PlainDecimalField(
        label="Body temperature",
        required=False,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
    )
    tongue_bitten = yes_no_field("Tongue bitten")
    injury = yes_no_field("Injured")
    incontinence = yes_no_field("Wet or soiled")
    confused_after = yes_no_field("Confused afterwards")

    class Meta:
        model = Event
        # Every column but the id, which is the client's (see OwnedEventForm); the layout
        # below sets the order on the page.
        fields = without(EVENT_COLUMNS, "id")
        widgets = {"notes": notes_widget()}

    def __init__(self, *args, owner, **kwargs):
        super().__init__(*args, owner=owner, **kwargs)
        self.unit = owner.temperature_unit
        symbol = "°F" if self.unit == "F" else "°C"
        self.fields["temperature_c"].label = f"Body temperature ({symbol})"
        self.fields["temperature_c"].help_text = "If you took it. 34.0 – 43.0 °C (93.2 – 109.4 °F)."
        if "temperature_c" in self.initial:
            self.initial["temperature_c"] = in_unit(self.initial["temperature_c"], self.unit)
        if self.instance._state.adding and "occurred_at" not in self.initial:
            self.initial["occurred_at"] = timezone.localtime().replace(second=0, microsecond=0)
        save_label = "Save event" if self.instance._state.adding else "Save changes"
        self.helper = FormHelper()
        self.helper.form_class = "with-save-bar"
        self.helper.form_id = "entry-form"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            *(["id"] if "id" in self.fields else []),
            *(["version"] if "version" in self.fields else []),
            "occurred_at",
            DATE_CONFIRMED,
            Field("kind", template=CHIPS),
            Field("body_parts", template=CHIPS),
            sleep_effect_chips(),
            Field("intensity", template=CHIPS),
            "duration_seconds",
            HTML('<h2 class="h5 mt-4">If it was a bigger episode</h2>'),
            Field("consciousness_changed", template=CHIPS),
            "temperature_c",
            Field("tongue_bitten", template=CHIPS),
            Field("injury", template=CHIPS),
            Field("incontinence", template=CHIPS),
            Field("confused_after", template=CHIPS),
            "notes",
            Div(Submit("save", save_label, css_class="btn-lg w-100"), css_class="sticky-save"),
        )

    def clean_temperature_c(self):
        # Stored in °C; the model's clean() checks the range and names both units.
        return to_celsius(self.cleaned_data.get("temperature_c"), self.unit)
