"""Loading a period of nights for the summary: five queries, however big the journal.

Every page that summarizes (the weekly review, the summary API, the doctor report) calls
`summary_for`, so they share one reading of the data and one set of rules (review/summary.py).
Only the columns the rules read are fetched, as tuples, so ten years of entries stay cheap.
"""

import dataclasses
import json
from datetime import UTC, date, datetime

from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast

from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.review.summary import (
    CheckinInput,
    DiaryInput,
    EventInput,
    PartnerInput,
    PeriodInputs,
    Summary,
    summarize,
)
from journal.rules.vocabulary import SIGNS

# The columns each input holds, in its field order, are the ones read.
EVENT_FIELDS = EventInput._fields
PARTNER_FIELDS = PartnerInput._fields
DIARY_FIELDS = tuple(field.name for field in dataclasses.fields(DiaryInput))
SIGN_FIELDS = SIGNS.keys
# JSON list columns read as their text (see load_period).
JSON_TEXT = {"body_parts": "body_parts_json", "observations": "observations_json"}


def lean_rows(queryset, instant_field: str, fields: tuple[str, ...]):
    """Rows of an owner-scoped queryset as tuples: (instant, night_of, *the other fields).

    Django converts every value of every row in Python (on SQLite, each datetime is parsed and
    made aware), which was most of the cost of a 12-week summary. Here the instant and the night
    are cast to text by the database and parsed by `fromisoformat`, and the SQL Django compiled
    runs on a plain cursor, so no per-value converters run. The other columns are strings,
    numbers, booleans or None on both SQLite and PostgreSQL. The query is still Django's (the
    owner filter included) and still counted by Django's query logging.
    """
    query = queryset.annotate(
        instant_text=Cast(instant_field, TextField()),
        night_text=Cast("night_of", TextField()),
        **{JSON_TEXT[name]: Cast(name, TextField()) for name in fields if name in JSON_TEXT},
    ).values_list("instant_text", "night_text", *(JSON_TEXT.get(name, name) for name in fields))
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    parse_instant, parse_date = datetime.fromisoformat, date.fromisoformat
    for instant_text, night_text, *rest in rows:
        instant = parse_instant(instant_text)
        if instant.tzinfo is None:  # SQLite keeps UTC without an offset
            instant = instant.replace(tzinfo=UTC)
        yield (instant, parse_date(night_text), *rest)


def json_list_reader():
    """Text of a JSON list column -> tuple, remembering each distinct text already decoded."""
    decoded = {}

    def as_tuple(text):
        if text not in decoded:
            decoded[text] = tuple(json.loads(text) or ()) if text else ()
        return decoded[text]

    return as_tuple


def checkin_input(row) -> CheckinInput:
    """A check-in row (its day, then yes or no for each sign) as its day and the signs ticked."""
    day, *ticked = row
    return CheckinInput(
        day, tuple(sign for sign, yes in zip(SIGN_FIELDS, ticked, strict=True) if yes)
    )


def load_period(user, first_night: date, last_night: date) -> PeriodInputs:
    """The user's entries for nights first_night..last_night (inclusive), as plain values.

    Events and partner reports by their stored night_of, diaries by night_of, check-ins by day;
    plus whether a jerking episode was recorded before the period (for the "first ever" flag).
    """
    nights = (first_night, last_night)
    # The JSON lists arrive as text and are decoded once per distinct value (a journal repeats
    # a handful of body-part combinations), not once per row.
    events = lean_rows(
        Event.objects.for_user(user).filter(night_of__range=nights).order_by(),
        "occurred_at",
        EVENT_FIELDS[2:],
    )
    reports = lean_rows(
        PartnerReport.objects.for_user(user).filter(night_of__range=nights).order_by(),
        "observed_at",
        PARTNER_FIELDS[2:],
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
        checkins=tuple(checkin_input(row) for row in checkins),
        earlier_jerking_episode=earlier_jerking,
    )


def summary_for(user, first_night: date, last_night: date) -> Summary:
    """The summary of the user's nights first_night..last_night (definitions §5)."""
    return summarize(load_period(user, first_night, last_night))
