"""The daytime check-in: early signs the guide asks a person to notice, one per day."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms

from journal.data.columns import SYMPTOM_CHECKIN_COLUMNS, without
from journal.forms.fields import DATE_CONFIRMED, AsksAboutOldDates, TracksVersion, notes_widget
from journal.models import SymptomCheckin
from journal.rules.vocabulary import SIGNS


class CheckinForm(AsksAboutOldDates, TracksVersion, forms.ModelForm):
    date_field = "date"

    opened_empty = True

    class Meta:
        model = SymptomCheckin
        fields = without(SYMPTOM_CHECKIN_COLUMNS, "id")
        labels = {
            "date": "Day",
            "notes": "Notes (when, how long, what made it better or worse)",
            **SIGNS.labels(),
        }
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": notes_widget(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            "version",
            "date",
            DATE_CONFIRMED,
            Fieldset(
                "Did you notice any of these?",
                *SIGNS.keys,
                css_class="checkin-signs",
            ),
            "notes",
            Submit("save", "Save check-in", css_class="btn-primary btn-lg w-100"),
        )

    def entry_day(self, cleaned):
        return cleaned.get("date")
