from datetime import UTC, date, datetime, time

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import EventFactory
from tests.pages import find, find_all, hrefs

pytestmark = pytest.mark.django_db


def settings_data(**overrides):
    data = {
        "time_zone": "Europe/London",
        "usual_lights_out": "22:30",
        "usual_minutes_to_fall_asleep": "25",
        "usual_wake": "06:45",
        "temperature_unit": "F",
        "clock": "12",
        "theme": "dark",
        "report_name": "Sam Taylor",
        "doctor_questions": "Is this dystonia?\nShould I stop the wine?",
    }
    data.update(overrides)
    return data


def test_the_settings_page_shows_every_setting_and_the_account_actions(signed_in):
    page = signed_in.get(reverse("settings"))

    for label in (
        "Time zone",
        "Usual lights-out",
        "Usual minutes to fall asleep",
        "Usual wake time",
        "Temperature unit",
        "Clock",
        "Theme",
        "Name on report",
        "Questions for my doctor",
    ):
        assertContains(page, label)
    for clock in ("usual_lights_out", "usual_wake"):
        assert find(page, "input", name=clock).attrs["type"] == "time"
    sign_out = find(page, "form", action=reverse("logout"))
    assert sign_out.attrs["method"] == "post" and sign_out.text == "Sign out"
    assert {reverse("password_change"), reverse("delete_account")} <= set(hrefs(page))
    assert find_all(page, "select", name="time_zone")


def test_it_saves_the_settings(signed_in, user):
    response = signed_in.post(reverse("settings"), settings_data())

    assert response.status_code == 302
    assert response.url == reverse("settings")
    user.refresh_from_db()
    assert user.usual_lights_out == time(22, 30)
    assert user.usual_minutes_to_fall_asleep == 25
    assert user.usual_wake == time(6, 45)
    assert (user.temperature_unit, user.clock, user.theme) == ("F", "12", "dark")
    assert user.report_name == "Sam Taylor"
    assert user.doctor_question_list == ["Is this dystonia?", "Should I stop the wine?"]
    assertContains(signed_in.get(reverse("settings")), "Settings saved.")


def test_it_rejects_too_many_minutes_to_fall_asleep_and_saves_nothing(signed_in, user):
    response = signed_in.post(
        reverse("settings"), settings_data(usual_minutes_to_fall_asleep="900", theme="light")
    )

    assertContains(response, "less than or equal to 720")
    user.refresh_from_db()
    assert user.usual_minutes_to_fall_asleep == 15
    assert user.theme == "auto"


def test_it_rejects_an_unknown_time_zone(signed_in, user):
    response = signed_in.post(reverse("settings"), settings_data(time_zone="Europe/Atlantis"))

    assertContains(response, "Choose a time zone from the list")
    user.refresh_from_db()
    assert user.time_zone == "Europe/London"


def field_errors(response, name):
    """The error messages shown next to field `name` (crispy renders them under its input)."""
    return [
        " ".join(error.text.split())
        for error in find_all(response, "span", id=f"error_1_id_{name}")
        + find_all(response, "p", id=f"error_1_id_{name}")
    ]


def test_questions_over_2000_characters_are_refused_next_to_the_field_and_nothing_saved(
    signed_in, user
):
    response = signed_in.post(
        reverse("settings"), settings_data(doctor_questions="q" * 2001, theme="light")
    )

    assert response.status_code == 200
    errors = field_errors(response, "doctor_questions")
    assert errors and "at most 2000 characters (it has 2001)" in errors[0]
    user.refresh_from_db()
    assert (user.doctor_questions, user.theme, user.report_name) == ("", "auto", "")


def test_the_questions_box_tells_the_browser_its_limit_and_asks_for_a_counter(signed_in):
    box = find(signed_in.get(reverse("settings")), "textarea", name="doctor_questions")

    assert box.attrs["maxlength"] == "2000"
    assert "data-counter" in box.attrs


def test_a_report_name_over_its_120_characters_is_refused(signed_in, user):
    response = signed_in.post(reverse("settings"), settings_data(report_name="n" * 121))

    assert "at most 120 characters" in field_errors(response, "report_name")[0]
    user.refresh_from_db()
    assert user.report_name == ""


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("report_name", "Sam\x07"),
        ("report_name", "Sam\tTaylor"),
        ("report_name", "Sam\nTaylor"),
        ("doctor_questions", "Is this\x1b[31m dystonia?"),
        ("doctor_questions", "Bell\x07"),
        ("doctor_questions", "Delete\x7f"),
    ],
)
def test_a_control_character_is_refused_next_to_the_field_and_nothing_saved(
    signed_in, user, field, text
):
    response = signed_in.post(reverse("settings"), settings_data(**{field: text}, theme="light"))

    assert response.status_code == 200
    assert field_errors(response, field) == [
        "Remove the control character (an invisible character such as NUL) from this text."
    ]
    user.refresh_from_db()
    assert (user.report_name, user.doctor_questions, user.theme) == ("", "", "auto")


def test_a_nul_is_refused_in_the_report_name_too(signed_in, user):
    response = signed_in.post(reverse("settings"), settings_data(report_name="Sam\x00Taylor"))

    assert field_errors(response, "report_name") == ["Null characters are not allowed."]
    user.refresh_from_db()
    assert user.report_name == ""


def test_the_questions_keep_their_tabs_and_line_breaks(signed_in, user):
    signed_in.post(
        reverse("settings"), settings_data(doctor_questions="Is this dystonia?\r\n\tAsk twice")
    )

    user.refresh_from_db()
    assert user.doctor_questions == "Is this dystonia?\r\n\tAsk twice"


def test_saving_a_new_time_zone_moves_entries_to_their_night_there(signed_in, user):
    # 11:30 UTC on 10 June is 12:30 in London (night of the 10th) but 04:30 in Los Angeles,
    # which belongs to the night of the 9th.
    event = EventFactory(owner=user, occurred_at=datetime(2026, 6, 10, 11, 30, tzinfo=UTC))
    assert event.night_of == date(2026, 6, 10)

    response = signed_in.post(reverse("settings"), settings_data(time_zone="America/Los_Angeles"))

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.time_zone == "America/Los_Angeles"
    event.refresh_from_db()
    assert event.night_of == date(2026, 6, 9)
