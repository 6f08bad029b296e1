"""The §8 figures beside the windows: events by recorded stage, hours in each stage, events an
hour, on /patterns/ and page 1 of the report, only when the period has recorded stages."""

from datetime import date

import pytest
from django.urls import reverse

from journal.rules import sources
from tests.factories import KNOWN_PERIOD, EventFactory, StageSegmentFactory
from tests.pages import find, find_all

pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

NIGHT = date(2025, 10, 8)  # a Wednesday, in ISO week 2025-W41


@pytest.fixture
def staged_night(user):
    """1 h 30 min of deep sleep then 2 h of REM; one event in each, one more in REM, and one
    before the stages begin (no recorded stage)."""
    StageSegmentFactory(owner=user, night=NIGHT, from_clock="23:30", to_clock="01:00", stage="deep")
    StageSegmentFactory(owner=user, night=NIGHT, from_clock="01:00", to_clock="03:00", stage="rem")
    for clock in ("00:10", "01:30", "02:45", "22:00"):
        EventFactory(owner=user, night=NIGHT, clock=clock)


def test_the_report_shows_events_hours_and_rates_by_recorded_stage(signed_in, staged_night):
    response = signed_in.get(f"{reverse('report')}?{KNOWN_PERIOD.query}")
    section = find(response, "section", class_="stage-figures").text
    assert "Watch or ring, 1 of 14 nights, 3 of 4 events; hours in h:mm." in section
    # Deep: 1 event in 1:30 (0.67 an hour); REM: 2 events in 2:00 (1.00 an hour).
    assert "Deep REM" in section
    assert "Events 1 2 Hours 1:30 2:00 Per hour 0.67 1.00" in section
    assert "Light" not in section  # no time and no events in it: left out
    assert "not a sleep study" in section
    assert sources.cite("devices") in section
    assert " you" not in section.lower()


def test_patterns_show_the_same_figures_in_the_persons_words(signed_in, staged_night):
    response = signed_in.get(f"{reverse('patterns')}?week=2025-W41")
    section = find(response, "section", class_="stage-figures").text
    assert "Deep sleep 1 1:30 0.67" in section
    assert "REM sleep 2 2:00 1.00" in section
    assert "your watch or ring" in section and "not a sleep study" in section


def test_nothing_is_shown_without_recorded_stages(signed_in, user):
    EventFactory(owner=user, night=NIGHT, clock="01:30")
    report = signed_in.get(f"{reverse('report')}?{KNOWN_PERIOD.query}")
    patterns = signed_in.get(f"{reverse('patterns')}?week=2025-W41")
    assert find_all(report, "section", class_="stage-figures") == []
    assert find_all(patterns, "section", class_="stage-figures") == []
