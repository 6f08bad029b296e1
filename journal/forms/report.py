"""Choosing the report's period: the last 2, 4, 8 or 12 weeks, or two dates of nights."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Field, Layout, Submit
from django import forms
from django.utils import timezone

from journal.review import periods, report
from journal.rules import bounds

CHIPS = "journal/_chips.html"
CUSTOM = "custom"
PERIOD_CHOICES = [
    *((str(weeks), f"Last {weeks} weeks") for weeks in report.PRESET_WEEKS),
    (CUSTOM, "These dates"),
]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PeriodForm(forms.Form):
    """A period of nights, from `?weeks=` or `?from=&to=` (night_of dates, inclusive).

    `from` is a Python keyword, so the date fields are added in __init__ under their URL names.
    """

    weeks = forms.ChoiceField(
        label="Period",
        choices=PERIOD_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["weeks"].initial = str(report.DEFAULT_WEEKS)
        self.fields["from"] = forms.DateField(
            label="From the night of", required=False, widget=DATE_WIDGET
        )
        self.fields["to"] = forms.DateField(
            label="To the night of", required=False, widget=DATE_WIDGET
        )
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.layout = Layout(
            Field("weeks", template=CHIPS),
            Div("from", "to", css_class="period-dates"),
            Submit("show", "Show report", css_class="btn-primary btn-lg"),
        )

    def clean_from(self):
        return self._bounded_night("from")

    def clean_to(self):
        return self._bounded_night("to")

    def _bounded_night(self, name):
        """A night from 1900-01-01 up to today in the person's zone (journal.rules.bounds)."""
        night = self.cleaned_data.get(name)
        today = timezone.now().astimezone(self.user.tz).date()
        if night is not None and (problem := bounds.day_problem(night, today)):
            raise forms.ValidationError(problem)
        return night

    def clean(self):
        """Sets cleaned_data["first"], ["last"], ["weeks"] (None for custom dates) and
        ["period"] (review/periods.py's Period, the same definition /patterns/ uses)."""
        data = super().clean()
        if self._wants_dates(data):
            data["weeks"] = None
            self._clean_dates(data)
        else:
            weeks = int(data.get("weeks") or report.DEFAULT_WEEKS)
            period = periods.last_weeks(self.user, weeks)
            data["first"], data["last"], data["period"] = period.first, period.last, period
            data["weeks"] = weeks
        return data

    def _wants_dates(self, data) -> bool:
        """ "These dates" was picked, or no period was and some date was given (even a bad one)."""
        choice = data.get("weeks") or ""
        if choice:
            return choice == CUSTOM
        return any(data.get(name) or self.data.get(name) for name in ("from", "to"))

    def _clean_dates(self, data):
        if "from" in self.errors or "to" in self.errors:
            return
        first, last = data.get("from"), data.get("to")
        if first is None:
            self.add_error("from", "Give the first night, or pick one of the periods.")
        if last is None:
            self.add_error("to", "Give the last night, or pick one of the periods.")
        if first is None or last is None:
            return
        if last < first:
            self.add_error("to", "The last night must be on or after the first night.")
        elif (last - first).days + 1 > report.MAX_NIGHTS:
            self.add_error("to", f"A report covers at most {report.MAX_NIGHTS} nights (a year).")
        else:
            data["first"], data["last"] = first, last
            data["period"] = periods.between(self.user, first, last)
