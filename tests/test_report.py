"""The doctor report page: same figures as the summary, a grid row per night, the appendix."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from journal import figures
from journal.models import Event, Night, PartnerReport
from journal.review import periods, report
from journal.review.periods import entries_summary, summary_for
from journal.rules import sources
from tests.factories import (
    KNOWN_PERIOD,
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    on_night,
)
from tests.pages import find, find_all, hrefs, visible_text

# Friday 20 November 2026, 09:30 in London: the default period ends last night, the 19th.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

FIRST, LAST = KNOWN_PERIOD.first, KNOWN_PERIOD.last


def get_report(client, query=KNOWN_PERIOD.query):
    return client.get(f"{reverse('report')}?{query}")


def grid_rows(response):
    return find_all(response, "tr", class_="ng-row")


def test_it_shows_the_same_figures_as_the_summary(signed_in, user, known_journal):
    response = get_report(signed_in)
    assert response.status_code == 200
    summary = summary_for(user, FIRST, LAST)
    assert response.context["summary"].as_json() == summary.as_json()
    text = visible_text(response)
    assert summary.nights_logged == 2
    assert f"Nights logged {summary.nights_logged} of 14" in text
    assert f"Events {summary.events} " in text
    assert f"Nights woken {summary.nights_woken} of {summary.nights_logged}" in text
    assert f"Partner reports {summary.partner_reports}" in text
    # Definitions §4 from the one diary: TIB 510, TST 445, SE 87 %, SOL 15, WASO 20.
    for shown in (
        "Time in bed (TIB) 8:30",
        "Total sleep time (TST) 7:25",
        "Sleep efficiency (SE) 87 %",
        "Time to fall asleep (SOL) 0:15",
        "Awake in the night (WASO) 0:20",
    ):
        assert shown in text
    assert "T Twitch 1" in text and "C Cramp 1" in text and "R Tremor 1" in text
    assert "S Spasm 0" in text
    assert "Falling asleep 2" in text and "Middle of the night 1" in text
    assert "Left hand 1" in text and "Right foot 1" in text
    assert "Kicking or punching 1" in text
    assert "Foot cramps 1 day" in text


def test_it_compares_each_week_with_the_first(signed_in, user, known_journal):
    text = visible_text(get_report(signed_in))
    # Week of 6 Oct: 1 logged night, 2 events; week of 13 Oct: 1 night, 1 event (-50 %).
    assert "6 Oct–12 Oct 1 2 2.0 baseline 1" in text
    assert "13 Oct–19 Oct 1 1 1.0 −50 % 0" in text


def test_it_explains_why_there_is_no_alcohol_comparison(signed_in, user, known_journal):
    text = visible_text(get_report(signed_in))
    assert "No comparison: it needs at least 3 nights with drinks and 3 without" in text
    assert "This period has 1 with and 1 without." in text


def test_the_night_grid_has_a_row_per_night(signed_in, user, known_journal):
    response = get_report(signed_in)
    assert len(grid_rows(response)) == 14
    rows = response.context["grid_rows"]
    assert [row["night_of"] for row in rows] == [FIRST + timedelta(days=i) for i in range(14)]
    first = rows[0]
    assert [mark.letter for mark in first["marks"]] == ["T", "C", "P"]
    assert first["in_bed"] and first["asleep"]
    assert first["row"].drinks == 2
    assert not rows[1]["logged"]
    assert grid_rows(response)[1].has_class("ng-unlogged")
    assertContains(response, "not logged")


def test_the_appendix_lists_every_event_and_partner_report(signed_in, user, known_journal):
    text = visible_text(get_report(signed_in))
    assert "Events (3)" in text and "Partner reports (1)" in text
    assert "Tue 7 Oct 03:10 6 Oct Middle of the night C Cramp Right foot 2 min 30 s yes no" in text
    assert "37.2 °C" in text and "Calf cramp, stretched it out" in text
    assert "Mon 13 Oct 23:30 13 Oct Falling asleep (est.)" in text
    assert "Tue 7 Oct 04:00 6 Oct" in text and "Jo Kicking or punching" in text
    assert "Kicked twice" in text


def test_it_shows_times_and_temperatures_in_the_users_settings(signed_in, user, known_journal):
    user.clock = "12"
    user.temperature_unit = "F"
    user.save()
    text = visible_text(get_report(signed_in))
    assert "Tue 7 Oct 3:10 AM" in text
    assert "99.0 °F" in text


def test_it_prints_the_name_and_questions_from_settings(signed_in, user):
    user.report_name = "Sam Taylor, born 1980"
    user.doctor_questions = "Is this restless legs?\n\nShould I stop drinking wine?"
    user.save()
    text = visible_text(get_report(signed_in))
    assert "Night symptom journal: Sam Taylor, born 1980" in text
    assert "Questions for the doctor Is this restless legs? Should I stop drinking wine?" in text


def test_it_groups_red_flags_with_their_times(signed_in, user):
    for night in (date(2025, 10, 7), date(2025, 10, 8)):
        EventFactory(
            owner=user, night=night, clock="02:00", kind="jerking_episode", duration_seconds=400
        )
    response = get_report(signed_in)
    text = visible_text(response)
    groups = response.context["red_flag_groups"]
    assert groups and all(len(times) >= 1 for _, times, _ in groups)
    title, times = next((t, w) for t, w, _ in groups if len(w) == 2)
    cdc = sources.cite("cdc")
    assert f"{title} (2): Wed 8 Oct 02:00; Thu 9 Oct 02:00 {cdc}" in text
    # The report ends with the numbered references the citations point to.
    references = find(response, "section", class_="report-references").text
    assert f"{cdc} Centers for Disease Control and Prevention (CDC). n.d. Seizure first aid" in (
        references
    )


def test_it_never_shows_another_users_entries(signed_in, user, other_user, known_journal):
    EventFactory(
        owner=other_user,
        occurred_at="2025-10-08 23:00",
        kind="spasm",
        notes="Alex's private note",
    )
    response = get_report(signed_in)
    assert "Alex's private note" not in response.content.decode()
    assert response.context["summary"].events_by_kind["spasm"] == 0
    assert len(response.context["events"]) == 3


def test_it_defaults_to_the_last_four_weeks_ending_last_night(signed_in, user):
    response = signed_in.get(reverse("report"))
    assert response.context["last_night"] == date(2026, 11, 19)
    assert response.context["first_night"] == date(2026, 10, 23)
    assert len(grid_rows(response)) == 28
    pdf = find(response, "a", href=f"{reverse('report_pdf')}?from=2026-10-23&to=2026-11-19")
    assert pdf.text == "Download PDF"


@pytest.mark.parametrize("weeks", [2, 4, 8, 12])
def test_it_offers_presets(signed_in, weeks):
    response = get_report(signed_in, f"weeks={weeks}")
    assert len(grid_rows(response)) == 7 * weeks
    assert response.context["last_night"] == date(2026, 11, 19)


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
    text = visible_text(response)
    assert message in text
    assert "here are the last 4 weeks" in text
    assert len(grid_rows(response)) == 28


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
    """Twelve weeks with a full diary, ten events and a partner report every night."""
    last = periods.last_night(user)
    diaries, events, reports = [], [], []
    for offset in range(84):
        night = last - timedelta(days=offset)
        diaries.append(NightFactory.build(owner=user, night_of=night, full=True))
        events += [
            EventFactory.build(
                owner=user,
                occurred_at=on_night(night, "23:05", user.tz) + timedelta(minutes=50 * index),
                kind=("twitch", "cramp", "tremor")[index % 3],
                notes=f"note {offset}-{index}",
            )
            for index in range(10)
        ]
        reports.append(PartnerReportFactory.build(owner=user, night=night, clock="04:40"))
    Night.objects.bulk_create(diaries)
    Event.objects.bulk_create(events)
    PartnerReport.objects.bulk_create(reports)
    # bulk_create skips the signals that keep the stored figures current: as the bulk writers do.
    figures.rebuild(user)
    with django_assert_max_num_queries(15):
        response = get_report(signed_in, "weeks=12")
    assert len(response.context["events"]) == 840
    assert len(response.context["grid_rows"]) == 84


def test_the_page_has_print_and_pdf_buttons_and_a_no_javascript_hint(signed_in):
    response = get_report(signed_in)
    # Hidden until js/report.js shows it; without JavaScript the hint says what to do.
    print_button = find(response, "button", class_="js-print")
    assert (print_button.text, print_button.attrs["type"]) == ("Print", "button")
    assert "hidden" in print_button.attrs
    assert "To print, use your browser’s Print." in visible_text(response)
    assert any(href.startswith(f"{reverse('report_pdf')}?from=") for href in hrefs(response))
    find(response, "script", src="/static/js/report.js")
    assert "onclick" not in response.content.decode()


def test_the_filename_names_the_period():
    assert report.report_filename(date(2025, 10, 6), date(2025, 10, 19)) == (
        "nightjar-report-2025-10-06-2025-10-19.pdf"
    )


@pytest.mark.now("2026-11-20 09:30", tz="Europe/London")
def test_red_flags_before_the_period_are_listed_below_the_periods(signed_in, user):
    """The demo's red flag of 9 Oct must reach a 4-week report too (issue 10)."""
    EventFactory(owner=user, night=date(2026, 10, 9), clock="02:10", injury=True)
    EventFactory(owner=user, night=date(2026, 9, 1), clock="03:00", kind="jerking_episode")
    EventFactory(owner=user, night=date(2026, 9, 8), clock="03:00", kind="jerking_episode")
    EventFactory(owner=user, night=date(2026, 9, 2), clock="01:00", kind="twitch")
    PartnerReportFactory(
        owner=user, night=date(2026, 8, 3), clock="02:00", observations=["unresponsive"]
    )
    EventFactory(owner=user, night=date(2026, 11, 10), clock="02:00", tongue_bitten=True)
    response = get_report(signed_in, "weeks=4")
    flags = [flag.title for flag in response.context["earlier_red_flags"]]
    assert [flag.when.date() for flag in response.context["earlier_red_flags"]] == [
        date(2026, 8, 4),
        date(2026, 9, 2),
        date(2026, 10, 10),
    ]
    assert len(flags) == 3 and "Injured during an event" in flags
    listed = find(response, "ul", class_="report-earlier-flags").text
    assert "Sat 10 Oct 2026 02:10: Injured during an event" in listed
    # The period's own flag stays above, and is not repeated below.
    assert len(response.context["red_flag_groups"]) == 1
    assert "Injured during an event" not in [
        group[0] for group in response.context["red_flag_groups"]
    ]


def test_hints_are_worded_for_a_physician_with_numbered_sources(signed_in, user):
    """The same rule as the patient's hint on /patterns/, in the third person on the report."""
    for night in (date(2025, 10, 7), date(2025, 10, 8), date(2025, 10, 9)):
        EventFactory(owner=user, night=night, clock="23:20", kind="twitch")
    response = get_report(signed_in)
    # (find() puts a space between an element and the text after it.)
    hints = find(response, "section", class_="report-hints").text.replace("] .", "].")
    citation = sources.cite("guide", "hypnic", "statpearls")
    assert (
        "Twitches cluster in the first 20 minutes after estimated sleep onset: "
        "3 of 3 twitches while falling asleep."
    ) in hints
    association = "Associated in the guide with sleep myoclonus (hypnic jerks)"
    assert f"{association} {citation}." in hints
    # Usual schedule, no diaries: falling asleep is 23:00-23:35, 35 minutes on each of 3 nights.
    assert "All events: 1.7 an hour in the first 20 minutes after sleep onset, 0.0 later." in hints
    words = set(hints.lower().replace(".", " ").replace(",", " ").split())
    assert not words & {"you", "your", "you're"}

    patterns = signed_in.get(f"{reverse('patterns')}?week=2025-W41")
    assert "Twitches cluster as you fall asleep" in visible_text(patterns)


@pytest.mark.now("2026-11-20 09:30", tz="Europe/London")
def test_earlier_red_flags_are_the_flags_of_the_nights_before_even_after_a_settings_change(user):
    """The earlier flags (read from the stored figures) are the summary's flags of every night
    before the period, worked out from the entries: the same rules, the same instants; also when
    the time zone changed behind the figures' back (they are rebuilt first)."""
    EventFactory(owner=user, night=date(2026, 9, 1), clock="03:00", kind="jerking_episode")
    EventFactory(
        owner=user,
        night=date(2026, 9, 1),
        clock="04:00",
        kind="jerking_episode",
        duration_seconds=600,
        injury=True,
        confused_after=True,
    )
    EventFactory(owner=user, night=date(2026, 9, 20), clock="01:00", tongue_bitten=True)
    EventFactory(owner=user, night=date(2026, 9, 21), clock="01:00", kind="spasm")
    PartnerReportFactory(
        owner=user,
        night=date(2026, 8, 3),
        clock="02:00",
        observations=["shaking_all_over", "breathing_pauses", "fell_out_of_bed"],
        duration_seconds=400,
    )
    PartnerReportFactory(owner=user, night=date(2026, 8, 4), clock="02:00")
    EventFactory(owner=user, night=date(2026, 11, 10), clock="02:00", incontinence=True)
    first = date(2026, 10, 24)

    def expected():
        flags = entries_summary(user, date(2026, 1, 1), first - timedelta(days=1)).red_flags
        return sorted((flag.code, flag.when) for flag in flags)

    def listed():
        return sorted((flag.code, flag.when) for flag in report.earlier_red_flags(user, first))

    assert len(expected()) == 8
    assert listed() == expected()
    type(user).objects.filter(pk=user.pk).update(time_zone="America/New_York")
    user.refresh_from_db()
    assert listed() == expected()
