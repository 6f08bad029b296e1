"""What a bed partner (or anyone else) saw in the night."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout, Submit
from django import forms

from journal.data.columns import PARTNER_REPORT_COLUMNS, without
from journal.forms.fields import (
    DATE_CONFIRMED,
    AsksAboutOldDates,
    ClientIdField,
    KeepsUnchangedTimes,
    LocalDateTimeField,
    TracksVersion,
    notes_widget,
    plain_number_formfield,
)
from journal.forms.nights import CHIP_TEMPLATE
from journal.models import PartnerReport
from journal.rules import nights
from journal.rules.vocabulary import BODY_PARTS, OBSERVATIONS


class PartnerReportForm(AsksAboutOldDates, TracksVersion, KeepsUnchangedTimes, forms.ModelForm):
    """A partner report. A new one carries a client-made id, so a double tap saves it once."""

    id = ClientIdField(required=False, initial=uuid.uuid4)
    date_field = "observed_at"

    observations = forms.MultipleChoiceField(
        label="What did they see?",
        choices=OBSERVATIONS.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one thing they saw."},
    )
    body_parts = forms.MultipleChoiceField(
        label="Which parts of the body? (if they noticed)",
        choices=BODY_PARTS.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PartnerReport
        # The layout below sets the order on the page; the id is the client-made one above.
        fields = without(PARTNER_REPORT_COLUMNS, "id")
        formfield_callback = plain_number_formfield
        field_classes = {"observed_at": LocalDateTimeField}
        labels = {
            "observed_at": "About when",
            "observer": "Who saw it (optional)",
            "duration_seconds": "About how long, in seconds (if known)",
            "notes": "What else they noticed",
        }
        help_texts = {"duration_seconds": "For example 90 for a minute and a half."}
        widgets = {
            "duration_seconds": forms.NumberInput(
                attrs={"inputmode": "numeric", "min": 0, "max": 86400}
            ),
            "notes": notes_widget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance._state.adding:
            # An existing report keeps its id; only a new one takes the client's.
            del self.fields["id"]
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            *(["id"] if "id" in self.fields else []),
            *(["version"] if "version" in self.fields else []),
            "observed_at",
            DATE_CONFIRMED,
            Field("observations", template=CHIP_TEMPLATE),
            Field("body_parts", template=CHIP_TEMPLATE),
            "observer",
            "duration_seconds",
            "notes",
            Submit("save", "Save partner report", css_class="btn-primary btn-lg w-100"),
        )

    def entry_day(self, cleaned):
        observed_at = cleaned.get("observed_at")
        return nights.night_of(observed_at, self.instance.owner.tz) if observed_at else None
