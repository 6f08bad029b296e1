"""The morning check-in (the night's diary) and its standard-drinks calculator."""

from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Field, Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from journal.data.columns import DIARY_ITEMS
from journal.forms.fields import (
    DATE_CONFIRMED,
    AsksAboutOldDates,
    KeepsUnchangedTimes,
    LocalDateTimeField,
    PlainDecimalField,
    PlainIntegerField,
    TracksVersion,
    notes_widget,
    plain_number_formfield,
)
from journal.models import Night
from journal.rules import nights
from journal.rules.drinks import standard_drinks

CHIP_TEMPLATE = "journal/_chips.html"


def rating_field(label, choices):
    return forms.TypedChoiceField(
        label=label,
        choices=[("", "Skip"), *choices],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


def number_input(**attrs):
    return forms.NumberInput(attrs={"inputmode": "numeric", "min": 0, **attrs})


class NightForm(AsksAboutOldDates, TracksVersion, KeepsUnchangedTimes, forms.ModelForm):
    """The Consensus Sleep Diary items for one night; the night itself comes from the URL (so a
    first diary for a night long ago asks about the date above the form)."""

    opened_empty = True

    quality = rating_field(
        "Sleep quality",
        [(1, "1 very poor"), (2, "2 poor"), (3, "3 fair"), (4, "4 good"), (5, "5 very good")],
    )
    rested = rating_field(
        "Rested on waking",
        [(1, "1 not at all"), (2, "2 slightly"), (3, "3 somewhat"), (4, "4 well"), (5, "5 very")],
    )

    class Meta:
        model = Night
        fields = DIARY_ITEMS
        formfield_callback = plain_number_formfield
        field_classes = dict.fromkeys(Night.TIME_FIELDS, LocalDateTimeField)
        labels = {
            "got_into_bed": "Got into bed",
            "tried_to_sleep": "Tried to go to sleep (lights out)",
            "minutes_to_fall_asleep": "Minutes to fall asleep",
            "awakenings": "Times woken in the night",
            "awake_minutes": "Minutes awake in the night",
            "final_wake": "Woke for the day",
            "out_of_bed": "Got out of bed",
            "alcohol_drinks": "Alcoholic drinks (standard drinks)",
            "last_drink_at": "Last alcoholic drink",
            "caffeine_drinks": "Caffeinated drinks",
            "last_caffeine_at": "Last caffeinated drink",
            "notes": "Anything else about the night",
        }
        help_texts = {
            "alcohol_drinks": "One standard drink is 14 g of alcohol; enter 0 for none. "
            "Not sure? Use “Work out standard drinks” below the Save button.",
        }
        widgets = {
            "minutes_to_fall_asleep": number_input(max=720),
            "awakenings": number_input(max=100),
            "awake_minutes": number_input(max=720),
            "alcohol_drinks": forms.NumberInput(
                attrs={"inputmode": "decimal", "min": 0, "step": "0.1"}
            ),
            "caffeine_drinks": number_input(max=50),
            "notes": notes_widget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            DATE_CONFIRMED,
            Fieldset("Going to sleep", "got_into_bed", "tried_to_sleep", "minutes_to_fall_asleep"),
            Fieldset("In the night", "awakenings", "awake_minutes"),
            Fieldset(
                "Waking up",
                "final_wake",
                "out_of_bed",
                Field("quality", template=CHIP_TEMPLATE),
                Field("rested", template=CHIP_TEMPLATE),
            ),
            Fieldset(
                "Drinks and medication",
                "alcohol_drinks",
                "last_drink_at",
                "caffeine_drinks",
                "last_caffeine_at",
                "sleep_medication",
            ),
            "notes",
            Submit("save", "Save diary", css_class="btn-primary btn-lg w-100"),
            HTML('{% include "journal/night_drinks_calculator.html" %}'),
        )

    def entry_day(self, cleaned):
        return self.instance.night_of

    def _update_errors(self, errors):
        # The night comes from the URL, not from a field; its rare errors (a diary saved for the
        # same night in another tab) belong at the top of the form rather than crashing it.
        if hasattr(errors, "error_dict"):
            moved = {
                (name if name in self.fields else NON_FIELD_ERRORS): messages
                for name, messages in errors.error_dict.items()
            }
            errors = ValidationError(moved)
        super()._update_errors(errors)


def usual_diary_initial(user, night, now):
    """A fresh diary pre-filled from the usual schedule (§2); times still to come are left blank."""
    usual = user.usual_schedule
    lights_out = nights.usual_instant(night, usual.lights_out, user.tz)
    wake = nights.usual_instant(night, usual.wake, user.tz)
    initial = {"minutes_to_fall_asleep": usual.minutes_to_fall_asleep}
    for name, instant in (
        ("got_into_bed", lights_out),
        ("tried_to_sleep", lights_out),
        ("final_wake", wake),
        ("out_of_bed", wake),
    ):
        if instant <= now:
            initial[name] = instant
    return initial


class DrinksCalculatorForm(forms.Form):
    """Volume and strength → standard drinks, so nobody has to do the arithmetic at 7 a.m."""

    volume_ml = PlainDecimalField(
        label="Size of one drink (ml)",
        min_value=1,
        max_value=5000,
        decimal_places=0,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "placeholder": "500"}),
        help_text="A pint is 568 ml, a can 330–500 ml, a glass of wine 125–250 ml.",
    )
    abv_percent = PlainDecimalField(
        label="Strength (% alcohol)",
        min_value=0,
        max_value=100,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1", "placeholder": "5"}),
    )
    count = PlainIntegerField(
        label="How many of these",
        min_value=1,
        max_value=50,
        initial=1,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    prefix = "drink"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    @property
    def result(self) -> Decimal | None:
        """Unrounded standard drinks, once the form is valid."""
        if not self.is_bound or not self.is_valid():
            return None
        data = self.cleaned_data
        return standard_drinks(data["volume_ml"], data["abv_percent"], data["count"] or 1)

    @classmethod
    def submitted(cls, data):
        """Bound to `data` if the calculator was used, else unbound."""
        if any(key.startswith(f"{cls.prefix}-") for key in data):
            return cls(data)
        return cls()
