"""One period everywhere (review/periods.py): this week, the last N weeks and two dates mean the
same nights on /patterns/, the report, the share page and /api/summary, with the clock pinned."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from journal.review import periods
from journal.templatetags.nightjar_format import week_label
from tests.factories import EventFactory, NightFactory, ShareLinkFactory
from tests.pages import hrefs, visible_text

pytestmark = pytest.mark.django_db

LONDON_EVENING = "2026-11-26 20:00"  # Thursday evening: last night is Wednesday 25 Nov
LONDON_MORNING = "2026-11-26 09:30"  # Thursday morning: Wednesday night is ending


def report_link(response) -> str:
    (link,) = [href for href in hrefs(response) if href.startswith(reverse("report"))]
    return link


@pytest.mark.now(LONDON_EVENING, tz="Europe/London")
def test_last_weeks_are_the_nights_ending_last_night(user):
    period = periods.last_weeks(user, 4)
    assert (period.first, period.last) == (date(2026, 10, 29), date(2026, 11, 25))
    assert period.nights == period.nights_begun == 28
    assert not period.in_progress
    assert period.label == "Nights of Thu 29 Oct – Wed 25 Nov 2026"
    assert period.query == "from=2026-10-29&to=2026-11-25"


@pytest.mark.now(LONDON_EVENING, tz="Europe/London")
def test_the_night_in_progress_counts_once_it_has_an_entry(user):
    EventFactory(owner=user, night=date(2026, 11, 26), clock="19:30")
    period = periods.last_weeks(user, 4)
    assert (period.first, period.last) == (date(2026, 10, 30), date(2026, 11, 26))
    assert period.in_progress and period.nights == 28


@pytest.mark.now(LONDON_MORNING, tz="Europe/London")
def test_before_noon_last_night_is_the_night_still_ending(user):
    period = periods.last_weeks(user, 2)
    assert period.last == date(2026, 11, 25)
    assert period.in_progress


@pytest.mark.now(LONDON_EVENING, tz="Europe/London")
def test_this_week_is_the_iso_week_of_last_night_counting_only_begun_nights(user):
    period = periods.this_week(user)
    assert (period.first, period.last) == (date(2026, 11, 23), date(2026, 11, 29))
    # Monday to Wednesday have begun and count; tonight has no entry, the weekend is to come.
    assert period.nights_begun == 3


@pytest.mark.now("2026-11-30 20:00", tz="Europe/London")
def test_on_monday_evening_this_week_is_last_week_until_tonight_has_an_entry(user):
    assert periods.this_week(user).first == date(2026, 11, 23)
    EventFactory(owner=user, night=date(2026, 11, 30), clock="19:00")
    week = periods.this_week(user)
    assert week.first == date(2026, 11, 30) and week.nights_begun == 1 and week.in_progress


def test_a_week_is_labelled_for_people():
    assert week_label(date(2026, 11, 23), date(2026, 11, 29)) == "23–29 Nov"
    assert week_label(date(2026, 11, 30), date(2026, 12, 6)) == "30 Nov – 6 Dec"


@pytest.mark.now(LONDON_EVENING, tz="Europe/London")
def test_a_new_user_with_one_event_tonight_sees_it_on_patterns_and_the_report(signed_in, user):
    EventFactory(owner=user, night=date(2026, 11, 26), clock="19:45")
    patterns = signed_in.get(reverse("patterns"), {"weeks": 4})
    report = signed_in.get(reverse("report"), {"weeks": 4})
    week = signed_in.get(reverse("patterns"))
    for response in (patterns, report, week):
        assert response.context["summary"].events == 1
        assert response.context["summary"].nights_logged == 1
        assert "still in progress" in visible_text(response)
    assert patterns.context["summary"].nights == report.context["summary"].nights == 28
    # This week (23–29 Nov): Monday to tonight, Thursday, have begun.
    assert week.context["summary"].nights == 4


@pytest.mark.now(LONDON_EVENING, tz="Europe/London")
def test_the_patterns_button_opens_the_report_for_the_same_nights(signed_in, user):
    patterns = signed_in.get(reverse("patterns"), {"weeks": 4})
    link = report_link(patterns)
    assert link == f"{reverse('report')}?from=2026-10-29&to=2026-11-25"
    report = signed_in.get(link)
    assert "Nights of Thu 29 Oct – Wed 25 Nov 2026" in visible_text(report)
    assert "Nights of Thu 29 Oct – Wed 25 Nov 2026" in visible_text(patterns)
    week = signed_in.get(reverse("patterns"))
    link = report_link(week)
    assert link == f"{reverse('report')}?from=2026-11-23&to=2026-11-29"


@pytest.mark.now(LONDON_EVENING, tz="Europe/London")
def test_patterns_report_share_page_and_api_agree_on_a_period(signed_in, user, client):
    for offset in range(0, 28, 3):
        night = date(2026, 11, 25) - timedelta(days=offset)
        NightFactory(
            owner=user,
            night_of=night,
            tried_to_sleep="23:00",
            minutes_to_fall_asleep=15 + offset,
            final_wake="06:30",
        )
        for clock in ("23:10", "01:40", "05:55"):
            EventFactory(owner=user, night=night, clock=clock, woke_me=offset % 2 == 0)
    EventFactory(owner=user, night=date(2026, 11, 20), clock="21:00")  # no diary
    EventFactory(owner=user, night=date(2026, 10, 28), clock="23:30")  # before the period
    period = periods.last_weeks(user, 4)
    patterns = signed_in.get(reverse("patterns"), {"weeks": 4}).context["summary"]
    report = signed_in.get(reverse("report"), {"weeks": 4}).context["summary"]
    api = signed_in.get(reverse("api_summary"), {"from": period.first, "to": period.last}).json()
    ShareLinkFactory(owner=user, first_night=period.first, last_night=period.last, token="t" * 43)
    shared = client.get(reverse("shared_report", args=["t" * 43])).context["summary"]
    for summary in (patterns, report, shared):
        assert summary.as_json() == api
        assert summary.nights == 28
    assert api["events"] == 31 and api["nights_logged"] == 11
