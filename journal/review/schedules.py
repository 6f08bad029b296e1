"""Glue between stored diaries and the pure night rules: schedules and windows for entries."""

from collections.abc import Iterable
from datetime import date

from journal.rules import nights
from journal.rules.vocabulary import WINDOWS


def schedule_for(user, night: date, diary=None) -> nights.NightSchedule:
    """The night's schedule (definitions §2) from its diary if any, else the usual schedule."""
    return nights.diary_schedule(night, user.tz, user.usual_schedule, diary)


def label_windows(user, entries: Iterable, diaries_by_night: dict) -> None:
    """Give each Event or PartnerReport its `window`, `window_label` and `window_estimated`.

    `diaries_by_night` maps night_of to the Night diary; nights without one use the usual
    schedule, and their windows are marked estimated.
    """
    schedules = {}
    for entry in entries:
        if entry.night_of not in schedules:
            schedules[entry.night_of] = schedule_for(
                user, entry.night_of, diaries_by_night.get(entry.night_of)
            )
        schedule = schedules[entry.night_of]
        entry.window = schedule.window_of(entry.instant)
        entry.window_label = WINDOWS[entry.window].label
        entry.window_estimated = schedule.estimated
