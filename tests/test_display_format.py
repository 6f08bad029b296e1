"""Display formatting (journal/templatetags/nightjar_format.py): one way to write each thing."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from django.utils import dateformat, timezone

from journal.models import Event
from journal.templatetags.nightjar_format import (
    clock_time,
    day,
    duration,
    hour_name,
    hour_tick,
    in_unit,
    one_decimal,
    temperature,
)

LONDON = ZoneInfo("Europe/London")
LATE = datetime(2026, 11, 3, 23, 5, tzinfo=LONDON)


def test_clock_time_follows_the_persons_clock():
    assert clock_time(LATE, "24") == "23:05"
    assert clock_time(LATE, "12") == "11:05 PM"
    assert clock_time(LATE.replace(hour=0), "12") == "12:05 AM"
    assert clock_time(None, "12") == ""


def test_clock_time_writes_every_minute_as_django_date_formats_do():
    for minutes in range(24 * 60):
        moment = LATE.replace(hour=minutes // 60, minute=minutes % 60)
        for clock, style in (("24", "H:i"), ("12", "g:i A")):
            assert clock_time(moment, clock) == dateformat.time_format(moment, style)
            assert clock_time(moment.time(), clock) == dateformat.time_format(moment.time(), style)


def test_clock_time_in_a_template_uses_the_current_time_zone():
    template = Template("{% load nightjar_format %}{{ when|clock_time:clock }}")
    with timezone.override(ZoneInfo("America/New_York")):
        shown = template.render(Context({"when": LATE, "clock": "12"}))
    assert shown == "6:05 PM"


def test_days_are_written_in_named_styles():
    tuesday = date(2026, 11, 3)
    assert day(tuesday) == "Tue 3 Nov"
    assert day(tuesday, "long") == "Tuesday 3 Nov"
    assert day(tuesday, "full") == "Tuesday 3 November 2026"
    assert day(tuesday, "short") == "3 Nov"
    assert day(tuesday, "year") == "3 Nov 2026"
    assert day(tuesday, "weekday_year") == "Tue 3 Nov 2026"
    assert day(None) == ""


def test_durations_read_as_a_doctor_reads_them():
    assert duration(None) == ""
    assert duration(0) == "0 s"
    assert duration(45) == "45 s"
    assert duration(120) == "2 min"
    assert duration(150) == "2 min 30 s"
    assert duration(3600) == "1 h"
    assert duration(3900) == "1 h 5 min"


def test_temperatures_follow_the_persons_unit():
    assert temperature(Decimal("36.8"), "C") == "36.8 °C"
    assert temperature(Decimal("36.8"), "F") == "98.2 °F"
    assert temperature(Decimal("37"), "C") == "37.0 °C"
    assert temperature(None, "F") == ""


def test_fahrenheit_is_rounded_half_up_to_a_tenth():
    # 36.25 °C is exactly 97.25 °F, where half up (97.3) and half even (97.2) part.
    assert in_unit(Decimal("36.25"), "F") == Decimal("97.3")
    assert in_unit(Decimal("36.8"), "C") == Decimal("36.8")
    assert in_unit(None, "F") is None


def test_every_stored_temperature_converts_the_same_under_either_rounding_rule():
    # Stored temperatures have one decimal, so no °F value ends in a 5 in its second decimal.
    for tenths in range(340, 431):
        celsius = Decimal(tenths) / 10
        exact = celsius * 9 / 5 + 32
        assert in_unit(celsius, "F") == exact.quantize(Decimal("0.1"))


def test_hours_on_an_axis_and_as_labels():
    assert [hour_tick(hour, "24") for hour in (18, 0, 6)] == ["18", "00", "06"]
    assert [hour_tick(hour, "12") for hour in (18, 0, 12)] == ["6p", "12a", "12p"]
    assert hour_name(18, "24") == "18:00"
    assert hour_name(18, "12") == "6 pm"
    assert hour_name(0, "12") == "12 am"


def test_one_decimal_marks_a_missing_rate():
    assert one_decimal(None) == "–"
    assert one_decimal(2.25) == "2.3"
    assert one_decimal(3) == "3.0"


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 11, 4, 9, 0, tzinfo=LONDON), tick=False)
def test_pages_show_times_on_the_persons_clock(client, user):
    user.clock = "12"
    user.save(update_fields=["clock"])
    Event.objects.create(owner=user, occurred_at=LATE, kind="twitch")
    client.force_login(user)
    page = client.get(reverse("night", args=["2026-11-03"])).content.decode()
    assert "11:05 PM" in page
    assert "23:05" not in page


@pytest.mark.django_db
@time_machine.travel(datetime(2026, 11, 4, 9, 0, tzinfo=LONDON), tick=False)
def test_the_report_shows_temperatures_in_the_persons_unit(client, user):
    user.temperature_unit = "F"
    user.save(update_fields=["temperature_unit"])
    Event.objects.create(
        owner=user, occurred_at=LATE, kind="jerking_episode", temperature_c=Decimal("38.5")
    )
    client.force_login(user)
    page = client.get(reverse("report")).content.decode()
    assert "101.3 °F" in page
    assert "38.5 °C" not in page
