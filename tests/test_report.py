"""The doctor report page: same figures as the summary, a grid row per night, the appendix."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from journal import report
from journal.models import Event
from journal.periods import summary_for
from tests.conftest import local, make_user
from tests.report_journal import FIRST, LAST, PERIOD, known_journal, long_journal

pytestmark = pytest.mark.django_db


def page_text(response) -> str:
    """The page as a person reads it: tags gone, whitespace collapsed."""
    return " ".join(strip_tags(response.content.decode()).split())


def get_report(client, query=PERIOD):
    return client.get(f"{reverse('report')}?{query}")


def test_it_shows_the_same_figures_as_the_summary(signed_in, user):
    known_journal(user)
    response = get_report(signed_in)
    assert response.status_code == 200
    summary = summary_for(user, FIRST, LAST)
    assert response.context["summary"].as_json() == summary.as_json()
    text = page_text(response)
    assert summary.nights_logged == 2
    assert f"Nights logged {summary.nights_logged} of 14" in text
    assert f"Events {summary.events} " in text
    assert f"Nights woken {summary.nights_woken} of {summary.nights_logged}" in text
    assert f"Partner reports {summary.partner_reports}" in text
    # Definitions §4 from the one diary: TIB 510, TST 445, SE 87 %, SOL 15, WASO 20.
    for shown in (
        "Time in bed (TIB) 510 min",
        "Total sleep time (TST) 445 min",
        "Sleep efficiency (SE) 87 %",
        "Time to fall asleep (SOL) 15 min",
        "Awake in the night (WASO) 20 min",
    ):
        assert shown in text
    assert "T Twitch 1" in text and "C Cramp 1" in text and "R Tremor 1" in text
    assert "S Spasm 0" in text
    assert "Falling asleep 2" in text and "Middle of the night 1" in text
    assert "Left hand 1" in text and "Right foot 1" in text
    assert "Kicking or punching 1" in text
    assert "Foot cramps 1 day" in text


def test_it_compares_each_week_with_the_first(signed_in, user):
    known_journal(user)
    text = page_text(get_report(signed_in))
    # Week of 6 Oct: 1 logged night, 2 events; week of 13 Oct: 1 night, 1 event (-50 %).
    assert "6 Oct–12 Oct 1 2 2.0 baseline 1" in text
    assert "13 Oct–19 Oct 1 1 1.0 −50 % 0" in text


def test_it_explains_why_there_is_no_alcohol_comparison(signed_in, user):
    known_journal(user)
    text = page_text(get_report(signed_in))
    assert "No comparison: it needs at least 3 nights with drinks and 3 without" in text
    assert "This period has 1 with and 1 without." in text


def test_the_night_grid_has_a_row_per_night(signed_in, user):
    known_journal(user)
    response = get_report(signed_in)
    html = response.content.decode()
    assert html.count('class="ng-row') == 14
    rows = response.context["grid_rows"]
    assert [row["night_of"] for row in rows] == [FIRST + timedelta(days=i) for i in range(14)]
    first = rows[0]
    assert [mark.letter for mark in first["marks"]] == ["T", "C", "P"]
    assert first["in_bed"] and first["asleep"]
    assert first["row"].drinks == 2
    assert not rows[1]["logged"]
    assert "not logged" in html


def test_the_appendix_lists_every_event_and_partner_report(signed_in, user):
    known_journal(user)
    text = page_text(get_report(signed_in))
    assert "Events (3)" in text and "Partner reports (1)" in text
    assert "Tue 7 Oct 03:10 6 Oct Middle of the night C Cramp Right foot 2 min 30 s yes no" in text
    assert "37.2 °C" in text and "Calf cramp, stretched it out" in text
    assert "Mon 13 Oct 23:30 13 Oct Falling asleep (est.)" in text
    assert "Tue 7 Oct 04:00 6 Oct" in text and "Jo Kicking or punching" in text
    assert "Kicked twice" in text


def test_it_shows_times_and_temperatures_in_the_users_settings(client):
    user = make_user(clock="12", temperature_unit="F")
    known_journal(user)
    client.force_login(user)
    text = page_text(get_report(client))
    assert "Tue 7 Oct 3:10 AM" in text
    assert "99.0 °F" in text


def test_it_prints_the_name_and_questions_from_settings(signed_in, user):
    user.report_name = "Sam Taylor, born 1980"
    user.doctor_questions = "Is this restless legs?\n\nShould I stop drinking wine?"
    user.save()
    text = page_text(get_report(signed_in))
    assert "Night symptom journal: Sam Taylor, born 1980" in text
    assert "Questions for the doctor Is this restless legs? Should I stop drinking wine?" in text


def test_it_groups_red_flags_with_their_times(signed_in, user):
    for day in (8, 9):
        Event.objects.create(
            owner=user,
            occurred_at=local("Europe/London", 2025, 10, day, 2, 0),
            kind="jerking_episode",
            duration_seconds=400,
        )
    response = get_report(signed_in)
    text = page_text(response)
    groups = response.context["red_flag_groups"]
    assert groups and all(len(times) >= 1 for _, times in groups)
    title, times = next((t, w) for t, w in groups if len(w) == 2)
    assert f"{title} (2): Wed 8 Oct 02:00; Thu 9 Oct 02:00" in text


def test_it_never_shows_another_users_entries(signed_in, user, other_user):
    known_journal(user)
    Event.objects.create(
        owner=other_user,
        occurred_at=local("America/New_York", 2025, 10, 8, 23, 0),
        kind="spasm",
        notes="Alex's private note",
    )
    response = get_report(signed_in)
    assert "Alex's private note" not in response.content.decode()
    assert response.context["summary"].events_by_kind["spasm"] == 0
    assert len(response.context["events"]) == 3


def test_it_defaults_to_the_last_four_weeks_ending_last_night(signed_in, user):
    response = signed_in.get(reverse("report"))
    last = timezone.localdate(timezone.now(), user.tz) - timedelta(days=1)
    assert response.context["last_night"] == last
    assert response.context["first_night"] == last - timedelta(days=27)
    assert len(response.context["grid_rows"]) == 28
    assert f"from={last - timedelta(days=27)}&amp;to={last}" in response.content.decode()


@pytest.mark.parametrize("weeks", [2, 4, 8, 12])
def test_it_offers_presets(signed_in, weeks):
    response = get_report(signed_in, f"weeks={weeks}")
    assert len(response.context["grid_rows"]) == 7 * weeks


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("from=2025-13-01&to=2025-10-19", "from", "Enter a valid date."),
        ("from=2025-10-19&to=2025-10-06", "to", "The last night must be on or after the first"),
        ("from=2020-01-01&to=2025-10-06", "to", "A report covers at most 366 nights"),
        ("from=2025-10-06", "to", "Give the last night"),
        ("weeks=custom", "from", "Give the first night"),
        ("weeks=5", "weeks", "Select a valid choice"),
    ],
)
def test_bad_dates_show_a_message_not_an_error(signed_in, user, query, field, message):
    response = get_report(signed_in, query)
    assert response.status_code == 200
    form = response.context["form"]
    assert any(message in error for error in form.errors[field])
    html = response.content.decode()
    assert message.replace("’", "&#x27;")[:20] in html
    assert "here are the last 4 weeks" in html
    assert len(response.context["grid_rows"]) == 28


def test_the_pdf_with_bad_dates_goes_back_to_the_page(signed_in):
    response = signed_in.get(f"{reverse('report_pdf')}?from=2025-10-19&to=2025-10-06")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("report") + "?from=2025-10-19")


@pytest.mark.parametrize("name", ["report", "report_pdf", "share"])
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_query_count_stays_the_same_for_a_long_journal(
    signed_in, user, django_assert_max_num_queries
):
    last = report.last_night(user)
    long_journal(user, last - timedelta(days=83), 84, per_night=10)
    with django_assert_max_num_queries(10):
        response = get_report(signed_in, "weeks=12")
    assert len(response.context["events"]) == 840
    assert len(response.context["grid_rows"]) == 84


def test_the_page_has_print_and_pdf_buttons_and_a_no_javascript_hint(signed_in):
    html = get_report(signed_in).content.decode()
    assert re.search(
        r'<button type="button" class="[^"]*js-print[^"]*" hidden>Print</button>', html
    )
    assert "use your browser’s Print" in html
    assert f'href="{reverse("report_pdf")}?from=' in html
    assert "js/report.js" in html and "onclick" not in html


def test_the_filename_names_the_period():
    assert report.report_filename(date(2025, 10, 6), date(2025, 10, 19)) == (
        "nightjar-report-2025-10-06-2025-10-19.pdf"
    )
