"""Loading a period of nights for the summary: five queries, however big the journal.

Every page that summarizes (the weekly review, the summary API, the doctor report) calls
`summary_for`, so they share one reading of the data and one set of rules (journal/summary.py).
Only the columns the rules read are fetched, as tuples, so ten years of entries stay cheap.
"""

import json
from datetime import date

from django.db.models import TextField
from django.db.models.functions import Cast

from .models import Event, Night, PartnerReport, SymptomCheckin
from .summary import (
    CheckinInput,
    DiaryInput,
    EventInput,
    PartnerInput,
    PeriodInputs,
    Summary,
    summarize,
)

EVENT_FIELDS = (
    "occurred_at",
    "night_of",
    "kind",
    "body_parts",
    "duration_seconds",
    "woke_me",
    "consciousness_changed",
    "tongue_bitten",
    "injury",
    "incontinence",
    "confused_after",
)
PARTNER_FIELDS = ("observed_at", "night_of", "observations", "duration_seconds")
DIARY_FIELDS = (
    "night_of",
    "got_into_bed",
    "tried_to_sleep",
    "minutes_to_fall_asleep",
    "awake_minutes",
    "final_wake",
    "out_of_bed",
    "alcohol_drinks",
)
SIGN_FIELDS = tuple(sign for sign, _ in SymptomCheckin.SIGNS)
# JSON list columns read as their text (see load_period).
JSON_TEXT = {"body_parts": "body_parts_json", "observations": "observations_json"}


def json_list_reader():
    """Text of a JSON list column -> tuple, remembering each distinct text already decoded."""
    decoded = {}

    def as_tuple(text):
        if text not in decoded:
            decoded[text] = tuple(json.loads(text) or ()) if text else ()
        return decoded[text]

    return as_tuple


def load_period(user, first_night: date, last_night: date) -> PeriodInputs:
    """The user's entries for nights first_night..last_night (inclusive), as plain values.

    Events and partner reports by their stored night_of, diaries by night_of, check-ins by day;
    plus whether a jerking episode was recorded before the period (for the "first ever" flag).
    """
    nights = (first_night, last_night)
    # The JSON lists arrive as text and are decoded once per distinct value (a journal repeats
    # a handful of body-part combinations), not once per row.
    events = (
        Event.objects.for_user(user)
        .filter(night_of__range=nights)
        .order_by()
        .annotate(body_parts_json=Cast("body_parts", TextField()))
        .values_list(*(JSON_TEXT.get(name, name) for name in EVENT_FIELDS))
    )
    reports = (
        PartnerReport.objects.for_user(user)
        .filter(night_of__range=nights)
        .order_by()
        .annotate(observations_json=Cast("observations", TextField()))
        .values_list(*(JSON_TEXT.get(name, name) for name in PARTNER_FIELDS))
    )
    diaries = (
        Night.objects.for_user(user)
        .filter(night_of__range=nights)
        .order_by()
        .values_list(*DIARY_FIELDS)
    )
    checkins = (
        SymptomCheckin.objects.for_user(user)
        .filter(date__range=nights)
        .order_by()
        .values_list("date", *SIGN_FIELDS)
    )
    earlier_jerking = (
        Event.objects.for_user(user)
        .filter(kind=Event.Kind.JERKING_EPISODE, night_of__lt=first_night)
        .exists()
    )
    as_tuple = json_list_reader()
    return PeriodInputs(
        first_night=first_night,
        last_night=last_night,
        tz=user.tz,
        usual=user.usual_schedule,
        # Columns arrive in EVENT_FIELDS order, the EventInput field order; body_parts, a list
        # in the JSON column, becomes a tuple like every other sequence in the inputs.
        events=tuple(EventInput(*row[:3], as_tuple(row[3]), *row[4:]) for row in events),
        partner_reports=tuple(
            PartnerInput(observed_at, night, as_tuple(observations), duration)
            for observed_at, night, observations, duration in reports
        ),
        diaries=tuple(DiaryInput(*row) for row in diaries),
        checkins=tuple(
            CheckinInput(
                row[0],
                tuple(sign for sign, ticked in zip(SIGN_FIELDS, row[1:], strict=True) if ticked),
            )
            for row in checkins
        ),
        earlier_jerking_episode=earlier_jerking,
    )


def summary_for(user, first_night: date, last_night: date) -> Summary:
    """The summary of the user's nights first_night..last_night (definitions §5)."""
    return summarize(load_period(user, first_night, last_night))
