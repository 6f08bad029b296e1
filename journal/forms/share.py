"""Creating a clinician share link: a report period, how many days it works, who it is for."""

from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms

from journal.forms.fields import PlainIntegerField
from journal.forms.report import CHIPS, PeriodForm
from journal.sharing import MAX_DAYS


class ShareLinkForm(PeriodForm):
    days = PlainIntegerField(
        label="Link works for (days)",
        initial=14,
        help_text=f"From 1 to {MAX_DAYS} days. You can revoke it sooner.",
        error_messages={
            "required": f"Say how many days the link should work, 1 to {MAX_DAYS}.",
            "invalid": f"Write a whole number of days, 1 to {MAX_DAYS}.",
        },
    )
    label = forms.CharField(
        label="Who it is for (optional)",
        max_length=120,
        required=False,
        help_text="For example “Dr Patel, sleep clinic”. Only you see this.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["days"].widget.attrs.update({"inputmode": "numeric"})
        self.helper.form_method = "post"
        self.helper.layout = Layout(
            Field("weeks", template=CHIPS),
            Div("from", "to", css_class="period-dates"),
            "days",
            "label",
            Submit("create", "Create link", css_class="btn-primary btn-lg w-100"),
        )

    def clean_days(self):
        days = self.cleaned_data["days"]
        if not 1 <= days <= MAX_DAYS:
            raise forms.ValidationError(f"A link can work for 1 to {MAX_DAYS} days.")
        return days
