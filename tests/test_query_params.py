"""Query parameters read through forms (journal/forms/queries.py): good values are used, bad ones
get the same answer as ever (a note on the page, a JSON error, or the default)."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from journal.forms.queries import PatternsQueryForm, parse_week

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 5, 9, 0, tzinfo=LONDON)  # a Thursday in week 2026-W45
RANGE_PROBLEM = "You can see the last 4, 8 or 12 weeks. Here is this week instead."

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def week_problem(shown):
    return (
        f"“{shown}” is not a week we can show (write it like 2026-W45). Here is this week instead."
    )


def patterns(client, query):
    response = client.get(reverse("patterns"), query)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ({"weeks": "5"}, RANGE_PROBLEM),
        ({"weeks": ""}, RANGE_PROBLEM),
        ({"weeks": "4x", "week": "2026-W40"}, RANGE_PROBLEM),
        ({"week": "garbage"}, week_problem("garbage")),
        ({"week": ""}, week_problem("")),
        ({"week": "2026-W60"}, week_problem("2026-W60")),
        ({"week": "1899-W10"}, week_problem("1899-W10")),
        ({"week": "2026-W4"}, week_problem("2026-W4")),
        ({"week": "x" * 50}, week_problem("x" * 20)),
    ],
)
def test_a_bad_patterns_parameter_shows_this_week_with_a_note(signed_in, query, problem):
    response = patterns(signed_in, query)
    assert response.context["problem"] == problem
    assert response.context["is_this_week"]
    assert response.context["week"] == "2026-W45"


def test_a_week_is_read_with_spaces_around_it(signed_in):
    response = patterns(signed_in, {"week": " 2026-W40 "})
    assert response.context["problem"] is None
    assert response.context["week"] == "2026-W40"


def test_weeks_wins_over_week(signed_in):
    response = patterns(signed_in, {"weeks": "8", "week": "garbage"})
    assert response.context["weeks_shown"] == 8
    assert [template.name for template in response.templates][0] == "journal/patterns_range.html"


def test_the_patterns_form_on_its_own():
    monday = datetime(2026, 11, 2).date()
    assert PatternsQueryForm({}, this_monday=monday).chosen_monday == monday
    assert PatternsQueryForm({"weeks": "12"}, this_monday=monday).chosen_weeks == 12
    chosen = PatternsQueryForm({"week": "2026-W01"}, this_monday=monday).chosen_monday
    assert chosen.isoformat() == "2025-12-29"
    assert parse_week("2026-W53").isoformat() == "2026-12-28"  # 2026 began on a Thursday
    assert parse_week("2025-W53") is None


@pytest.mark.parametrize(
    ("query", "parameter", "error"),
    [
        ({"to": "2026-11-01"}, "from", "“from” is missing: give a date YYYY-MM-DD."),
        ({"from": " ", "to": "2026-11-01"}, "from", "“from” is missing: give a date YYYY-MM-DD."),
        ({"from": "2026-1-1", "to": "x"}, "from", "“from” must be a date written YYYY-MM-DD."),
        (
            {"from": "20261101", "to": "2026-11-07"},
            "from",
            "“from” must be a date written YYYY-MM-DD.",
        ),
        (
            {"from": "2026-02-30", "to": "2026-11-07"},
            "from",
            "“from” must be a date written YYYY-MM-DD.",
        ),
        (
            {"from": "1899-12-31", "to": "x"},
            "from",
            "“from” must be a night from 1900-01-01 to today (2026-11-05).",
        ),
        ({"from": "2026-11-01"}, "to", "“to” is missing: give a date YYYY-MM-DD."),
        (
            {"from": "2026-11-01", "to": "9999-12-31"},
            "to",
            "“to” must be a night from 1900-01-01 to today (2026-11-05).",
        ),
        (
            {"from": "2026-11-01", "to": "2026-11-06"},
            "to",
            "“to” must be a night from 1900-01-01 to today (2026-11-05).",
        ),
        ({"from": "2026-11-04", "to": "2026-11-01"}, "to", "“to” must be on or after “from”."),
        ({"from": "2000-01-01", "to": "2026-11-01"}, "to", "A summary covers at most 3660 nights."),
    ],
)
def test_the_summary_api_names_the_first_bad_parameter(signed_in, query, parameter, error):
    response = signed_in.get(reverse("api_summary"), query)
    assert response.status_code == 400
    assert response.json() == {"error": error, "parameter": parameter}


def test_the_summary_api_reads_dates_with_spaces_around_them(signed_in):
    response = signed_in.get(reverse("api_summary"), {"from": " 2026-11-01", "to": "2026-11-05 "})
    assert response.status_code == 200
    assert (response.json()["from"], response.json()["to"]) == ("2026-11-01", "2026-11-05")


@pytest.mark.parametrize("before", ["garbage", "2026-02-30", "2026-1-01", ""])
def test_a_bad_before_date_shows_the_latest_nights(signed_in, before):
    response = signed_in.get(reverse("nights"), {"before": before})
    assert response.status_code == 200
    assert response.context["before"] is None


def test_a_before_date_pages_back(signed_in):
    response = signed_in.get(reverse("nights"), {"before": "2026-10-20"})
    assert response.context["before"].isoformat() == "2026-10-20"


@pytest.mark.parametrize("night", ["garbage", "2026-02-30", "2030-01-01"])
def test_a_bad_or_future_partner_night_falls_back_to_last_night(signed_in, night):
    page = signed_in.get(reverse("partner_new"), {"night": night}).content.decode()
    assert 'value="2026-11-05T02:00"' in page


def test_a_partner_night_sets_about_2am(signed_in):
    page = signed_in.get(reverse("partner_new"), {"night": "2026-10-01"}).content.decode()
    assert 'value="2026-10-02T02:00"' in page


@pytest.mark.parametrize(
    "url", ["/nights/2026-02-30/", "/nights/2030-01-01/", "/checkin/2026-13-01/"]
)
def test_a_day_in_the_path_that_is_not_real_or_not_yet_is_a_404(signed_in, url):
    assert signed_in.get(url).status_code == 404
