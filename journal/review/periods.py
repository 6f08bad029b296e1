"""The period of nights every page reads, and loading it for the summary.

One definition of a period (docs/definitions.md, "Periods"), used by /patterns/, the doctor
report, the share link and /api/summary:

- "this week" is the ISO week (Monday to Sunday, by night_of) that contains the latest night;
- "the last N weeks" are the N×7 nights ending with the latest night;
- or two dates of nights, inclusive.

The latest night is last night (the night that ended this morning or, before noon, is ending);
once the night in progress (after noon, tonight) has an entry, it is that night instead, and
the pages say so. Nights that have not begun are never counted in "n of N".

Loading: every page that summarizes calls `summary_for` (or `load_period` then `summarize`), so
they share one reading of the data and one set of rules (review/summary.py). Only the columns the
rules read are fetched, as tuples, so ten years of entries stay cheap.
"""

import dataclasses
import json
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from django.db import connections
from django.db.models import TextField
from django.db.models.functions import Cast
from django.utils import timezone

from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.review.stages import period_stages
from journal.review.summary import (
    CheckinInput,
    DiaryInput,
    EventInput,
    PartnerInput,
    PeriodInputs,
    Summary,
    summarize,
)
from journal.rules import nights as night_rules
from journal.rules.vocabulary import SIGNS
from journal.templatetags.nightjar_format import day


@dataclasses.dataclass(frozen=True)
class Period:
    """Nights first..last (inclusive, by night_of), and which of them have begun.

    `latest` is the latest night that counts as begun: nights after it (the rest of this week,
    or tonight before it has an entry) are shown in the dates but not counted in "n of N".
    `in_progress` is true when the period includes the night in progress (it has an entry, or it
    is before noon and last night is still going).
    """

    first: date
    last: date
    latest: date
    weeks: int | None = None  # "the last N weeks"; None for one week or two dates
    in_progress: bool = False

    @property
    def nights(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def nights_begun(self) -> int:
        """The period's nights up to the latest night: the N of "n of N"."""
        return max(0, (min(self.last, self.latest) - self.first).days + 1)

    @property
    def label(self) -> str:
        """ "Nights of Mon 29 Oct – Sun 25 Nov 2026", the exact dates every page prints."""
        start = "weekday_year" if self.first.year != self.last.year else "weekday"
        return f"Nights of {day(self.first, start)} – {day(self.last, 'weekday_year')}"

    @property
    def query(self) -> str:
        """The period as ?from=&to= (the report and the API read it)."""
        return urlencode({"from": self.first.isoformat(), "to": self.last.isoformat()})


def last_night(user, now: datetime | None = None) -> date:
    """The night that ended this morning (or, before noon, is ending): yesterday's local date."""
    return timezone.localdate(now or timezone.now(), user.tz) - timedelta(days=1)


def has_entry(user, night: date) -> bool:
    """Whether the night has an event, a partner report or a diary (at most three queries)."""
    return any(
        model.objects.for_user(user).filter(night_of=night).exists()
        for model in (Event, PartnerReport, Night)
    )


def latest_night(user, now: datetime | None = None) -> tuple[date, bool]:
    """The latest night a period ends with, and whether it is the night in progress.

    Last night, unless the night in progress (after noon: tonight) already has an entry.
    """
    now = now or timezone.now()
    last = last_night(user, now)
    tonight = night_rules.night_of(now, user.tz)
    if tonight > last and has_entry(user, tonight):
        return tonight, True
    return last, tonight == last


def this_week(user, now: datetime | None = None) -> Period:
    """The ISO week (Monday to Sunday nights) that contains the latest night."""
    latest, in_progress = latest_night(user, now)
    return week_of(night_rules.monday_of(latest), latest, in_progress)


def week_of(monday: date, latest: date, in_progress: bool = False) -> Period:
    """The ISO week starting on `monday`; `latest` as from latest_night."""
    sunday = monday + timedelta(days=6)
    return Period(monday, sunday, latest, in_progress=in_progress and monday <= latest <= sunday)


def last_weeks(user, weeks: int, now: datetime | None = None) -> Period:
    """The weeks×7 nights ending with the latest night."""
    latest, in_progress = latest_night(user, now)
    return Period(latest - timedelta(days=7 * weeks - 1), latest, latest, weeks, in_progress)


def between(user, first: date, last: date, now: datetime | None = None) -> Period:
    """Two dates of nights, inclusive."""
    latest, in_progress = latest_night(user, now)
    return Period(first, last, latest, in_progress=in_progress and first <= latest <= last)


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


def night_entries(user, night_filter: dict) -> dict:
    """The events, partner reports and diaries of the user's nights that `night_filter` selects
    (on night_of), as PeriodInputs' `events`, `partner_reports` and `diaries`."""
    # The JSON lists arrive as text and are decoded once per distinct value (a journal repeats
    # a handful of body-part combinations), not once per row.
    as_tuple = json_list_reader()
    events = lean_rows(
        Event.objects.for_user(user).filter(**night_filter).order_by(),
        "occurred_at",
        EVENT_FIELDS[2:],
    )
    reports = lean_rows(
        PartnerReport.objects.for_user(user).filter(**night_filter).order_by(),
        "observed_at",
        PARTNER_FIELDS[2:],
    )
    diaries = (
        Night.objects.for_user(user).filter(**night_filter).order_by().values_list(*DIARY_FIELDS)
    )
    return {
        # Columns arrive in EVENT_FIELDS order, the EventInput field order; body_parts, a list
        # in the JSON column, becomes a tuple like every other sequence in the inputs.
        "events": tuple(EventInput(*row[:3], as_tuple(row[3]), *row[4:]) for row in events),
        "partner_reports": tuple(
            PartnerInput(observed_at, night, as_tuple(observations), duration)
            for observed_at, night, observations, duration in reports
        ),
        "diaries": tuple(DiaryInput(*row) for row in diaries),
    }


def load_period(user, first_night: date, last_night: date) -> PeriodInputs:
    """The user's entries for nights first_night..last_night (inclusive), as plain values.

    Events and partner reports by their stored night_of, diaries by night_of, check-ins by day;
    plus whether a jerking episode was recorded before the period (for the "first ever" flag).
    """
    nights = (first_night, last_night)
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
    stage_nights = period_stages(user, first_night, last_night)
    return PeriodInputs(
        first_night=first_night,
        last_night=last_night,
        tz=user.tz,
        usual=user.usual_schedule,
        **night_entries(user, {"night_of__range": nights}),
        checkins=tuple(checkin_input(row) for row in checkins),
        earlier_jerking_episode=earlier_jerking,
        stage_nights=stage_nights,
    )


def summary_for(user, first_night: date, last_night: date) -> Summary:
    """The summary of the user's nights first_night..last_night (definitions §5), read from the
    stored per-night figures (journal/figures.py): the same as `entries_summary`, and as fast
    for ten years as for a week."""
    from journal.figures import stored_summary

    return stored_summary(user, first_night, last_night)


def entries_summary(user, first_night: date, last_night: date) -> Summary:
    """The same summary worked out from the entries themselves."""
    return summarize(load_period(user, first_night, last_night))


def period_summary(summary: Summary, period: Period) -> Summary:
    """The summary as a page shows it for a period: "n of N" counts only begun nights."""
    return dataclasses.replace(summary, nights=period.nights_begun)
