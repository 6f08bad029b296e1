"""Query parameters read through forms: the day of ?before= and ?night=, the weeks of /patterns/,
and the dates of /api/summary. Every value is bounded and checked before it is used; what a bad
value leads to (ignored, a note on the page, a JSON error) is said with each form.
"""

import re
from datetime import date

from django import forms
from django.utils import timezone

from journal.rules import bounds, nights

ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")
# Far enough from date.min/date.max that week arithmetic around a period cannot overflow.
EARLIEST_NIGHT, LATEST_NIGHT = bounds.EARLIEST_DAY, date(9000, 12, 31)
RANGE_WEEKS = (4, 8, 12)
MAX_API_NIGHTS = 3660


class IsoDateField(forms.DateField):
    """A date written exactly YYYY-MM-DD (a browser's date input, this app's own links), from
    1900 up to today anywhere on Earth (journal.rules.bounds); the view may narrow it further."""

    def to_python(self, value):
        text = (value or "").strip()
        if not text:
            return None
        try:
            if not ISO_DATE.fullmatch(text):
                raise ValueError(text)
            day = date.fromisoformat(text)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if problem := bounds.day_problem(day, bounds.latest_day_anywhere(timezone.now())):
            raise forms.ValidationError(
                self.error_messages.get("out_of_range", problem), code="out_of_range"
            )
        return day


def parse_week(text: str) -> date | None:
    """The Monday of an ISO week written like 2026-W48, or None when it is not one."""
    match = ISO_WEEK.fullmatch(text.strip())
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not EARLIEST_NIGHT.year <= year <= LATEST_NIGHT.year:
        return None
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


class TimelineQueryForm(forms.Form):
    """?before=YYYY-MM-DD on /nights/: a bad date shows the latest nights, as no date does."""

    before = IsoDateField(required=False)

    def day(self) -> date | None:
        return self.cleaned_data["before"] if self.is_valid() else None


class PartnerQueryForm(forms.Form):
    """?night=YYYY-MM-DD on a new partner report: a bad date is ignored."""

    night = IsoDateField(required=False)

    def day(self) -> date | None:
        return self.cleaned_data["night"] if self.is_valid() else None


class PatternsQueryForm(forms.Form):
    """?weeks=4|8|12 (the last weeks) or ?week=YYYY-Www (one week) on /patterns/.

    A parameter that is absent asks for nothing; one that is given must be right, even if empty,
    or the page shows this week with the form's note (`problem`). ?weeks= wins over ?week=.
    """

    # Not required, so that an empty value reaches clean_weeks/clean_week and gets their note.
    weeks = forms.CharField(required=False, strip=False)
    week = forms.CharField(required=False, strip=False)

    def __init__(self, data, *, this_monday: date):
        super().__init__(data)
        self.this_monday = this_monday
        for name in ("weeks", "week"):
            if name not in data or (name == "week" and "weeks" in data):
                del self.fields[name]

    def clean_weeks(self) -> int:
        text = self.cleaned_data["weeks"]
        if text not in {str(count) for count in RANGE_WEEKS}:
            raise forms.ValidationError(
                "You can see the last 4, 8 or 12 weeks. Here is this week instead."
            )
        return int(text)

    def clean_week(self) -> date:
        monday = parse_week(self.cleaned_data["week"])
        if monday is None:
            raise forms.ValidationError(
                f"“{self.data['week'][:20]}” is not a week we can show (write it like "
                f"{nights.iso_week(self.this_monday)}). Here is this week instead."
            )
        return monday

    @property
    def problem(self) -> str | None:
        """The note for a bad parameter, or None."""
        for messages in self.errors.values():
            return messages[0]
        return None

    @property
    def chosen_weeks(self) -> int | None:
        return self.is_valid() and self.cleaned_data.get("weeks") or None

    @property
    def chosen_monday(self) -> date:
        return self.is_valid() and self.cleaned_data.get("week") or self.this_monday


class SummaryQueryForm(forms.Form):
    """?from=YYYY-MM-DD&to=YYYY-MM-DD on /api/summary: nights, inclusive, at most MAX_API_NIGHTS,
    from 1900-01-01 up to `today` (the person's today, journal.rules.bounds).

    `first_error` is what the API answers with a 400: the parameter and a sentence, checked in the
    order from, to, then the two together.
    """

    def __init__(self, data, *, today: date):
        super().__init__(data)
        self.today = today
        range_message = "“{name}” must be a night from 1900-01-01 to today ({today})."
        # `from` is a Python keyword, so the fields are added here under their URL names.
        for name in ("from", "to"):
            self.fields[name] = IsoDateField(
                error_messages={
                    "required": f"“{name}” is missing: give a date YYYY-MM-DD.",
                    "invalid": f"“{name}” must be a date written YYYY-MM-DD.",
                    "out_of_range": range_message.format(name=name, today=today.isoformat()),
                },
            )

    def clean_from(self) -> date:
        return self._up_to_today("from")

    def clean_to(self) -> date:
        return self._up_to_today("to")

    def _up_to_today(self, name: str) -> date:
        value = self.cleaned_data[name]
        if not bounds.day_in_range(value, self.today):
            raise forms.ValidationError(self.fields[name].error_messages["out_of_range"])
        return value

    def clean(self):
        data = super().clean()
        first, last = data.get("from"), data.get("to")
        if first is None or last is None:
            return data
        if last < first:
            self.add_error("to", "“to” must be on or after “from”.")
        elif (last - first).days + 1 > MAX_API_NIGHTS:
            self.add_error("to", f"A summary covers at most {MAX_API_NIGHTS} nights.")
        return data

    @property
    def first_error(self) -> tuple[str, str] | None:
        for name, messages in self.errors.items():
            return name, messages[0]
        return None


# Most values one form's pre-fill may read from a query (a body-parts list is the longest).
MAX_PREFILL_VALUES = 20


def prefilled(form_class, query, names=None) -> dict:
    """Initial values for a new form from the query string: each of the form's own fields (or
    those in `names`) given in `query`, checked by that field; a value it refuses is left out.

    Used when an entry kept on the phone was refused and opens in its form to be fixed.
    """
    initial = {}
    fields = form_class.base_fields
    for name in names or fields:
        field = fields.get(name)
        if field is None or name not in query:
            continue
        values = query.getlist(name)[:MAX_PREFILL_VALUES]
        multiple = isinstance(field, forms.MultipleChoiceField)
        try:
            value = field.clean(values if multiple else values[0])
        except forms.ValidationError:
            continue
        if value not in (None, "", []):
            initial[name] = value
    return initial
