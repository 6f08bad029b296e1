"""The morning check-in on the night page: save, update, reject, DST nights, drinks, delete."""

from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Night
from journal.rules.drinks import added_to, standard_drinks
from tests.factories import NightFactory, UserFactory, local
from tests.pages import field_value, find, form_as_sent, visible_text

# Friday 20 November 2026 in London, well after every night these tests fill in.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

NIGHT = "2026-10-02"


def diary_data(**overrides):
    data = {
        "got_into_bed": "2026-10-02T22:40",
        "tried_to_sleep": "2026-10-02T23:00",
        "minutes_to_fall_asleep": "20",
        "awakenings": "2",
        "awake_minutes": "15",
        "final_wake": "2026-10-03T06:50",
        "out_of_bed": "2026-10-03T07:05",
        "quality": "3",
        "rested": "2",
        "alcohol_drinks": "2.5",
        "last_drink_at": "2026-10-02T21:30",
        "caffeine_drinks": "1",
        "last_caffeine_at": "2026-10-02T15:00",
        "sleep_medication": "",
        "notes": "Hot room",
    }
    data.update(overrides)
    return data


def night_url(night=NIGHT):
    return reverse("night", args=[night])


def test_it_saves_the_diary_in_the_users_zone(signed_in, user):
    response = signed_in.post(night_url(), diary_data())

    assert response.status_code == 302
    assert response.url == f"{reverse('nights')}#night-{NIGHT}"
    diary = Night.objects.for_user(user).get()
    assert diary.night_of.isoformat() == NIGHT
    assert diary.tried_to_sleep == local("Europe/London", 2026, 10, 2, 23, 0)
    assert diary.final_wake == local("Europe/London", 2026, 10, 3, 6, 50)
    assert diary.quality == 3
    assert diary.alcohol_drinks == Decimal("2.5")
    assert diary.notes == "Hot room"

    timeline = visible_text(signed_in.get(reverse("nights")))
    assert "Night of Friday 2 Oct" in timeline
    assert "23:00" in timeline
    assert "06:50" in timeline


def test_saving_again_updates_the_one_diary(signed_in, user):
    signed_in.post(night_url(), diary_data())
    signed_in.post(night_url(), diary_data(quality="5", notes="Better than I thought"))

    diary = Night.objects.for_user(user).get()
    assert diary.quality == 5
    assert diary.notes == "Better than I thought"


def test_it_shows_the_saved_diary_in_the_form(signed_in, user):
    signed_in.post(night_url(), diary_data())
    page = signed_in.get(night_url())
    assert field_value(page, "tried_to_sleep") == "2026-10-02T23:00"
    assert field_value(page, "final_wake") == "2026-10-03T06:50"
    assert field_value(page, "notes") == "Hot room"
    assertContains(page, "Delete diary")


def test_a_new_diary_is_prefilled_from_the_usual_schedule(signed_in, user):
    user.usual_lights_out = time(22, 30)
    user.usual_minutes_to_fall_asleep = 25
    user.usual_wake = time(6, 15)
    user.save()

    page = signed_in.get(night_url())

    assert find(page, "input", name="tried_to_sleep").attrs["type"] == "datetime-local"
    assert field_value(page, "tried_to_sleep") == "2026-10-02T22:30"
    assert field_value(page, "final_wake") == "2026-10-03T06:15"
    assert field_value(page, "minutes_to_fall_asleep") == "25"
    assert Night.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"final_wake": "2026-10-02T22:50", "out_of_bed": "2026-10-02T22:55"},
            "final_wake",
            "The final awakening must come after trying to sleep.",
        ),
        (
            {"got_into_bed": "2026-10-02T11:30"},
            "got_into_bed",
            "Must be within the night of Fri 2 Oct",
        ),
        (
            {"out_of_bed": "2026-10-03T12:00"},
            "out_of_bed",
            "Must be within the night of Fri 2 Oct",
        ),
        (
            {"minutes_to_fall_asleep": "200", "awake_minutes": "300"},
            "awake_minutes",
            "are more than the 470 minutes between trying to sleep",
        ),
        (
            {"last_drink_at": "2026-10-03T07:00"},
            "last_drink_at",
            "The last drink must be before the final awakening.",
        ),
        (
            {"alcohol_drinks": "31"},
            "alcohol_drinks",
            "Alcoholic drinks must be 0 to 30 standard drinks.",
        ),
        ({"tried_to_sleep": "last night"}, "tried_to_sleep", "Enter a date and time"),
    ],
)
def test_it_rejects_bad_diaries_and_saves_nothing(signed_in, user, overrides, field, message):
    response = signed_in.post(night_url(), diary_data(**overrides))

    assert message in response.context["form"].errors[field][0]
    assertContains(response, message)
    assertContains(response, "Nothing was saved")
    assert Night.objects.count() == 0


def test_a_rejected_edit_leaves_the_saved_diary_alone(signed_in, user):
    signed_in.post(night_url(), diary_data())
    signed_in.post(night_url(), diary_data(alcohol_drinks="31", notes="changed"))
    diary = Night.objects.for_user(user).get()
    assert diary.alcohol_drinks == Decimal("2.5")
    assert diary.notes == "Hot room"


@pytest.mark.now("2026-10-25 09:00", tz="Europe/London")
def test_london_night_when_the_clocks_go_back(client):
    user = UserFactory(time_zone="Europe/London")
    client.force_login(user)
    data = diary_data(
        got_into_bed="2026-10-24T22:50",
        tried_to_sleep="2026-10-24T23:00",
        # 23:00 BST to 07:00 GMT is nine hours: 30 + 500 minutes fit, as they would not in eight.
        minutes_to_fall_asleep="30",
        awake_minutes="500",
        final_wake="2026-10-25T07:00",
        out_of_bed="2026-10-25T07:10",
        last_drink_at="2026-10-25T01:30",  # happens twice: the first (BST) one
        last_caffeine_at="2026-10-24T16:00",
    )

    response = client.post(night_url("2026-10-24"), data)

    assert response.status_code == 302
    diary = Night.objects.for_user(user).get()
    assert diary.tried_to_sleep.astimezone(UTC) == datetime(2026, 10, 24, 22, 0, tzinfo=UTC)
    assert diary.final_wake.astimezone(UTC) == datetime(2026, 10, 25, 7, 0, tzinfo=UTC)
    assert diary.last_drink_at.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    page = client.get(night_url("2026-10-24"))
    assert field_value(page, "tried_to_sleep") == "2026-10-24T23:00"
    assert field_value(page, "final_wake") == "2026-10-25T07:00"
    assert field_value(page, "last_drink_at") == "2026-10-25T01:30"
    timeline = visible_text(client.get(reverse("nights")))
    assert "23:00" in timeline
    assert "07:00" in timeline


@pytest.mark.now("2026-03-08 09:00", tz="America/New_York")
def test_new_york_night_when_the_clocks_go_forward(client):
    user = UserFactory(time_zone="America/New_York")
    client.force_login(user)
    base = diary_data(
        got_into_bed="2026-03-07T22:45",
        tried_to_sleep="2026-03-07T23:00",
        final_wake="2026-03-08T07:00",
        out_of_bed="2026-03-08T07:15",
        last_drink_at="2026-03-08T02:30",  # does not exist: the clocks jump to 03:00
        last_caffeine_at="2026-03-07T14:00",
    )

    too_long = client.post(
        night_url("2026-03-07"), {**base, "minutes_to_fall_asleep": "30", "awake_minutes": "400"}
    )
    assertContains(too_long, "420 minutes")  # 23:00 EST to 07:00 EDT is seven hours
    assert Night.objects.count() == 0

    response = client.post(night_url("2026-03-07"), base)

    assert response.status_code == 302
    diary = Night.objects.for_user(user).get()
    assert diary.tried_to_sleep.astimezone(UTC) == datetime(2026, 3, 8, 4, 0, tzinfo=UTC)
    assert diary.final_wake.astimezone(UTC) == datetime(2026, 3, 8, 11, 0, tzinfo=UTC)
    assert diary.last_drink_at.astimezone(UTC) == datetime(2026, 3, 8, 7, 0, tzinfo=UTC)
    page = client.get(night_url("2026-03-07"))
    assert field_value(page, "tried_to_sleep") == "2026-03-07T23:00"
    assert field_value(page, "final_wake") == "2026-03-08T07:00"
    assert field_value(page, "last_drink_at") == "2026-03-08T03:00"


@pytest.mark.now("2026-03-29 09:00", tz="Europe/London")
def test_london_night_when_the_clocks_go_forward(client):
    user = UserFactory(time_zone="Europe/London")
    client.force_login(user)
    base = diary_data(
        got_into_bed="2026-03-28T22:45",
        tried_to_sleep="2026-03-28T23:00",
        final_wake="2026-03-29T07:00",
        out_of_bed="2026-03-29T07:15",
        last_drink_at="2026-03-29T01:30",  # does not exist: at 01:00 GMT the clocks jump to 02:00
        last_caffeine_at="2026-03-28T14:00",
    )

    too_long = client.post(
        night_url("2026-03-28"), {**base, "minutes_to_fall_asleep": "30", "awake_minutes": "400"}
    )
    assertContains(too_long, "420 minutes")  # 23:00 GMT to 07:00 BST is seven hours
    assert Night.objects.count() == 0

    assert client.post(night_url("2026-03-28"), base).status_code == 302
    diary = Night.objects.for_user(user).get()
    assert diary.tried_to_sleep.astimezone(UTC) == datetime(2026, 3, 28, 23, 0, tzinfo=UTC)
    assert diary.final_wake.astimezone(UTC) == datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    assert diary.last_drink_at.astimezone(UTC) == datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    assert field_value(client.get(night_url("2026-03-28")), "last_drink_at") == "2026-03-29T02:00"


@pytest.mark.now("2026-04-05 09:00", tz="Pacific/Auckland")
def test_auckland_night_when_the_clocks_go_back(client):
    # Sunday 5 April 2026: at 03:00 NZDT (UTC+13) the clocks go back to 02:00 NZST (UTC+12).
    user = UserFactory(time_zone="Pacific/Auckland")
    client.force_login(user)
    data = diary_data(
        got_into_bed="2026-04-04T22:50",
        tried_to_sleep="2026-04-04T23:00",
        # 23:00 NZDT to 07:00 NZST is nine hours: 30 + 500 minutes fit, as they would not in eight.
        minutes_to_fall_asleep="30",
        awake_minutes="500",
        final_wake="2026-04-05T07:00",
        out_of_bed="2026-04-05T07:10",
        last_drink_at="2026-04-05T02:30",  # happens twice: the first (NZDT) one
        last_caffeine_at="2026-04-04T16:00",
    )

    assert client.post(night_url("2026-04-04"), data).status_code == 302

    diary = Night.objects.for_user(user).get()
    assert diary.tried_to_sleep.astimezone(UTC) == datetime(2026, 4, 4, 10, 0, tzinfo=UTC)
    assert diary.final_wake.astimezone(UTC) == datetime(2026, 4, 4, 19, 0, tzinfo=UTC)
    assert diary.last_drink_at.astimezone(UTC) == datetime(2026, 4, 4, 13, 30, tzinfo=UTC)
    page = client.get(night_url("2026-04-04"))
    assert field_value(page, "last_drink_at") == "2026-04-05T02:30"
    assert field_value(page, "final_wake") == "2026-04-05T07:00"


def test_standard_drinks_from_volume_and_strength():
    assert round(standard_drinks(500, 5), 3) == Decimal("1.409")  # a 500 ml can of 5 % beer
    assert round(standard_drinks(175, 12, count=2), 3) == Decimal("2.367")


def test_the_calculator_fills_the_drinks_box_without_javascript(signed_in, user):
    response = signed_in.get(night_url(), {"drink-volume_ml": "500", "drink-abv_percent": "5"})

    assertContains(response, "1.41 standard drinks")
    assert field_value(response, "alcohol_drinks") == "1.4"
    assert Night.objects.count() == 0


def test_the_calculator_keeps_what_was_typed_and_saves_nothing(signed_in, user):
    data = diary_data(notes="Typed before calculating", alcohol_drinks="")
    data.update({"drink-volume_ml": "500", "drink-abv_percent": "5", "drink-count": "2"})
    data["calculate"] = "1"

    response = signed_in.post(night_url(), data)

    assertContains(response, "2.82 standard drinks")
    assert field_value(response, "alcohol_drinks") == "2.8"
    assert field_value(response, "notes") == "Typed before calculating"
    assert field_value(response, "tried_to_sleep") == "2026-10-02T23:00"
    assert Night.objects.count() == 0


def test_drinks_of_different_kinds_add_up_without_javascript(signed_in, user):
    beers = diary_data(alcohol_drinks="")
    beers.update({"drink-volume_ml": "500", "drink-abv_percent": "5", "calculate": "1"})
    after_beers = signed_in.post(night_url(), beers)
    assert field_value(after_beers, "alcohol_drinks") == "1.4"

    wine = form_as_sent(after_beers)
    wine.update({"drink-volume_ml": "175", "drink-abv_percent": "12", "calculate": "1"})
    after_wine = signed_in.post(night_url(), wine)

    assert "the drinks box now says 2.6" in visible_text(after_wine)
    assert field_value(after_wine, "alcohol_drinks") == "2.6"
    assert Night.objects.count() == 0


def test_the_calculator_adds_to_the_drinks_of_a_saved_diary(signed_in, user):
    NightFactory(owner=user, night_of=date(2026, 10, 2), alcohol_drinks=Decimal("2"))

    response = signed_in.get(night_url(), {"drink-volume_ml": "500", "drink-abv_percent": "5"})

    assert field_value(response, "alcohol_drinks") == "3.4"


@pytest.mark.parametrize(
    ("total", "more", "expected"),
    [
        (None, "1.409", "1.4"),
        ("", "1.409", "1.4"),
        ("1.4", "1.183", "2.6"),
        ("abc", "1", "1.0"),
        ("-3", "1", "1.0"),
        ("NaN", "1", "1.0"),
        (Decimal("2"), "0.05", "2.1"),
    ],
)
def test_added_to_adds_what_the_box_says(total, more, expected):
    assert added_to(total, Decimal(more)) == Decimal(expected)


def test_the_calculator_explains_bad_input(signed_in, user):
    response = signed_in.get(night_url(), {"drink-volume_ml": "500", "drink-abv_percent": "150"})
    assertContains(response, "Ensure this value is less than or equal to 100")


def test_delete_diary_asks_then_deletes(signed_in, user):
    signed_in.post(night_url(), diary_data())
    delete_url = reverse("night_delete", args=[NIGHT])

    confirm = signed_in.get(delete_url)
    assertContains(confirm, "Delete the diary for the night of Friday 2 Oct?")
    assert Night.objects.count() == 1

    response = signed_in.post(delete_url)
    assert response.status_code == 302
    assert Night.objects.count() == 0


def test_another_users_diary_cannot_be_seen_or_deleted(signed_in, other_user):
    NightFactory(owner=other_user, night_of=NIGHT, notes="their private note", quality=1)

    page = signed_in.get(night_url())
    assertNotContains(page, "their private note")
    assertNotContains(page, "Delete diary")
    assert signed_in.get(reverse("night_delete", args=[NIGHT])).status_code == 404
    assert signed_in.post(reverse("night_delete", args=[NIGHT])).status_code == 404
    assert Night.objects.count() == 1


def test_saving_my_diary_does_not_touch_another_users_diary(signed_in, user, other_user):
    NightFactory(owner=other_user, night_of=NIGHT, notes="theirs")
    signed_in.post(night_url(), diary_data())
    assert Night.objects.for_user(other_user).get().notes == "theirs"
    assert Night.objects.for_user(user).get().notes == "Hot room"


def test_a_night_not_begun_cannot_get_a_diary(signed_in, user):
    assert signed_in.post(night_url("2099-01-01"), diary_data()).status_code == 404
    assert Night.objects.count() == 0


def test_diary_needs_sign_in(client, db):
    response = client.post(night_url(), diary_data())
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert client.get(reverse("night_delete", args=[NIGHT])).status_code == 302
    assert Night.objects.count() == 0


@pytest.mark.now("2026-10-25 09:00", tz="Europe/London")
def test_an_unchanged_diary_time_in_the_second_occurrence_keeps_its_instant(client):
    user = UserFactory(time_zone="Europe/London")
    client.force_login(user)
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 01:30 GMT, the hour's second run
    NightFactory(owner=user, night_of=date(2026, 10, 24), tried_to_sleep=second)

    page = client.get(night_url("2026-10-24"))
    assert field_value(page, "tried_to_sleep") == "2026-10-25T01:30"
    response = client.post(
        night_url("2026-10-24"),
        diary_data(
            got_into_bed="",
            tried_to_sleep="2026-10-25T01:30",
            minutes_to_fall_asleep="10",
            awake_minutes="0",
            final_wake="2026-10-25T08:00",
            out_of_bed="",
            last_drink_at="",
            last_caffeine_at="",
        ),
    )

    assert response.status_code == 302
    assert Night.objects.for_user(user).get().tried_to_sleep == second
