"""How Nightjar writes times, dates, durations and temperatures: one place for pages, report, PDF.

Each function is a template filter (`{% load nightjar_format %}`) and a plain function that Python
code calls when it needs the same words (messages, the report's night grid titles). Times and
temperatures follow the person's settings, which templates have as `clock` ("12" or "24") and
`temperature_unit` ("C" or "F"): from accounts.context_processors on pages, and from the report's
owner in the report (journal/review/report.py), also when a clinician opens a shared link.
"""

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from django import template
from django.template.defaultfilters import floatformat
from django.utils import dateformat
from django.utils.translation import get_language, gettext

register = template.Library()

TIME_FORMATS = {"12": "g:i A", "24": "H:i"}
DATE_FORMATS = {
    "weekday": "D j M",  # Tue 3 Nov
    "long": "l j M",  # Tuesday 3 Nov
    "full": "l j F Y",  # Tuesday 3 November 2026
    "short": "j M",  # 3 Nov
    "year": "j M Y",  # 3 Nov 2026
    "weekday_year": "D j M Y",  # Tue 3 Nov 2026
}
TENTH = Decimal("0.1")


@register.filter(expects_localtime=True)
def clock_time(value, clock="24") -> str:
    """A time of day on the person's clock: 23:05 on 24 h, 11:05 PM on 12 h; "" for none.

    Templates get datetimes in the current time zone (the owner's, in the report); Python callers
    pass them already in the zone to show.
    """
    if value in (None, ""):
        return ""
    if isinstance(value, datetime | time):
        # What dateformat writes for TIME_FORMATS, without its time zone checks (a timeline
        # page writes dozens of times).
        if clock == "12":
            noon = gettext("PM" if value.hour > 11 else "AM")
            return f"{value.hour % 12 or 12}:{value.minute:02d} {noon}"
        return f"{value.hour:02d}:{value.minute:02d}"
    return dateformat.time_format(value, TIME_FORMATS.get(clock, TIME_FORMATS["24"]))


@register.filter(expects_localtime=True)
def day(value, style="weekday") -> str:
    """A date (or a datetime's date) in one of the DATE_FORMATS styles; "" for none."""
    if value in (None, ""):
        return ""
    if type(value) is date:
        return _date_text(value, style, get_language())
    return dateformat.format(value, DATE_FORMATS[style])


@lru_cache(maxsize=4096)
def _date_text(value: date, style: str, language: str | None) -> str:
    """A plain date as `day` writes it, remembered per language: a report writes the same few
    dozen dates hundreds of times, and dateformat takes tens of microseconds for each."""
    return dateformat.format(value, DATE_FORMATS[style])


def week_label(first, last) -> str:
    """A week of nights as people write it: "23–29 Nov", "30 Nov – 6 Dec" (ISO labels such as
    2026-W48 stay in the API and the CSV)."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{day(last, 'short')}"
    return f"{day(first, 'short')} – {day(last, 'short')}"


@register.filter
def duration(seconds) -> str:
    """45 s, 2 min 30 s, 1 h 5 min: how long, as a doctor reads it; "" when not recorded."""
    if seconds is None or seconds == "":
        return ""
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes} min" if minutes else f"{hours} h"


@register.filter
def hours_minutes(minutes, missing="–") -> str:
    """A sleep duration as a physician's diary reads it, h:mm: 407 minutes is 6:47, 15 is 0:15
    (rounded to the minute); `missing` when there is none."""
    if minutes is None or minutes == "":
        return missing
    hours, rest = divmod(round(float(minutes)), 60)
    return f"{hours}:{rest:02d}"


@register.filter
def file_size(size) -> str:
    """How big a file is, as a person reads it: 850 kB, 412 MB, 1.9 GB."""
    size = int(size or 0)
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2)):
        if size >= scale:
            value = size / scale
            return f"{value:.1f} {unit}" if value < 10 else f"{value:.0f} {unit}"
    return f"{size / 1024:.0f} kB"


def in_unit(celsius, unit: str) -> Decimal | None:
    """A stored °C temperature in the person's unit, to a tenth of a degree.

    One rule for every place a temperature is shown or put back in a form: °F = °C × 9/5 + 32,
    rounded half up to 0.1. (Stored temperatures have one decimal, so °F has at most two and its
    second is even: half up and half even never differ on them.)
    """
    if celsius is None or celsius == "":
        return None
    value = Decimal(celsius)
    if unit == "F":
        value = value * 9 / 5 + 32
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


@register.filter
def temperature(celsius, unit="C") -> str:
    """36.8 °C or 98.2 °F, in the person's unit; "" when not recorded."""
    value = in_unit(celsius, unit)
    if value is None:
        return ""
    return f"{value} °F" if unit == "F" else f"{value} °C"


@register.filter
def one_decimal(value, missing="–") -> str:
    """A rate such as events per night to one decimal (2.5, 3.0); `missing` when there is none."""
    if value is None or value == "":
        return missing
    return floatformat(value, 1)


def hour_tick(hour: int, clock: str) -> str:
    """An hour as a chart's axis tick: 18 or 06 on 24 h, 6p or 6a on 12 h."""
    if clock == "12":
        return f"{hour % 12 or 12}{'a' if hour < 12 else 'p'}"
    return f"{hour:02d}"


def hour_name(hour: int, clock: str) -> str:
    """An hour as a label: 18:00 on 24 h, 6 pm on 12 h."""
    if clock == "12":
        return f"{hour % 12 or 12} {'am' if hour < 12 else 'pm'}"
    return f"{hour:02d}:00"
