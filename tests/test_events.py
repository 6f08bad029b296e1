"""The full event form (/events/new/, /events/<id>/edit/) and delete (/events/<id>/delete/)."""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from journal.models import Event
from tests.factories import EventFactory, UserFactory
from tests.pages import field_value, visible_text

# Friday 20 November 2026, 09:30 in London.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]


def full_form(**changes):
    data = {
        "id": str(uuid.uuid4()),
        "occurred_at": "2025-01-15T03:10",
        "kind": "jerking_episode",
        "body_parts": ["left_arm", "left_leg"],
        "woke_me": "on",
        "intensity": "4",
        "duration_seconds": "90",
        "consciousness_changed": "True",
        "temperature_c": "38.2",
        "tongue_bitten": "False",
        "injury": "",
        "incontinence": "False",
        "confused_after": "True",
        "notes": "Partner says my arm shook.",
        # January 2025 is long ago: the date is confirmed (tests/test_old_dates.py asks).
        "date_confirmed": "on",
    }
    data.update(changes)
    return data


def night_page(night_of):
    return reverse("night", args=[night_of.isoformat()])


def test_the_new_event_form_has_every_field(signed_in):
    response = signed_in.get(reverse("event_new"))

    for label in [
        "When it happened",
        "What happened",
        "Body parts",
        "It woke me up",
        "It stopped me falling asleep",
        "Intensity",
        "How long (seconds)",
        "Awareness changed",
        "Body temperature (°C)",
        "Tongue bitten",
        "Injured",
        "Wet or soiled",
        "Confused afterwards",
        "Notes",
        "Not recorded",
    ]:
        assertContains(response, label)


def test_it_saves_a_new_event_with_every_field(signed_in, user):
    response = signed_in.post(reverse("event_new"), full_form())

    event = Event.objects.for_user(user).get()
    assert response["Location"] == night_page(event.night_of)
    assert event.occurred_at == datetime(2025, 1, 15, 3, 10, tzinfo=UTC)
    assert event.night_of.isoformat() == "2025-01-14"
    assert (event.kind, event.body_parts) == ("jerking_episode", ["left_arm", "left_leg"])
    assert (event.woke_me, event.kept_me_awake) == (True, False)
    assert (event.intensity, event.duration_seconds) == (4, 90)
    assert event.temperature_c == Decimal("38.2")
    # Yes, no and "not recorded" are three different answers.
    assert event.consciousness_changed is True
    assert event.tongue_bitten is False
    assert event.injury is None
    assert event.confused_after is True
    assert event.notes == "Partner says my arm shook."


def test_a_resubmitted_new_event_is_stored_once(signed_in, user):
    data = full_form()

    signed_in.post(reverse("event_new"), data)
    signed_in.post(reverse("event_new"), data)

    assert Event.objects.for_user(user).count() == 1


def test_a_new_event_cannot_take_another_users_id(signed_in, other_user):
    theirs = EventFactory(owner=other_user, kind="tremor")

    response = signed_in.post(reverse("event_new"), full_form(id=str(theirs.pk)))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.owner, theirs.kind) == (other_user, "tremor")


def test_it_edits_an_event(signed_in, user):
    event = EventFactory(owner=user, kind="twitch", intensity=2)

    page = signed_in.get(reverse("event_edit", args=[event.pk]))
    assert field_value(page, "occurred_at") == "2025-01-15T03:10"
    response = signed_in.post(
        reverse("event_edit", args=[event.pk]),
        full_form(id="", kind="twitch", intensity="5", temperature_c=""),
    )

    assert response["Location"] == night_page(event.night_of)
    event.refresh_from_db()
    assert event.intensity == 5
    assert event.temperature_c is None
    assert Event.objects.for_user(user).count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"occurred_at": "2999-01-01T03:00"}, "occurred_at", "in the future"),
        ({"temperature_c": "50"}, "temperature_c", "between 34.0 and 43.0 °C (93.2 – 109.4 °F)"),
        ({"intensity": "9"}, "intensity", "Intensity is 1 (barely) to 5 (violent)."),
        ({"duration_seconds": "90000"}, "duration_seconds", "between 0 seconds and 24 hours"),
        ({"body_parts": ["tail"]}, "body_parts", "valid choice"),
    ],
)
def test_bad_input_shows_the_form_again_and_saves_nothing(signed_in, user, changes, field, message):
    event = EventFactory(owner=user, kind="twitch", intensity=2)

    response = signed_in.post(reverse("event_edit", args=[event.pk]), full_form(**changes))

    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert message in visible_text(response)
    event.refresh_from_db()
    assert (event.kind, event.intensity, event.temperature_c) == ("twitch", 2, None)

    created = signed_in.post(reverse("event_new"), full_form(**changes))
    assert created.status_code == 200
    assert Event.objects.for_user(user).count() == 1


def test_temperature_is_entered_and_shown_in_fahrenheit(client, db):
    person = UserFactory(temperature_unit="F")
    client.force_login(person)

    client.post(reverse("event_new"), full_form(temperature_c="100.4"))

    event = Event.objects.for_user(person).get()
    assert event.temperature_c == Decimal("38.0")
    page = client.get(reverse("event_edit", args=[event.pk]))
    assertContains(page, "Body temperature (°F)")
    assert field_value(page, "temperature_c") == "100.4"


def test_an_impossible_fahrenheit_temperature_is_refused_in_both_units(client, db):
    person = UserFactory(temperature_unit="F")
    client.force_login(person)

    response = client.post(reverse("event_new"), full_form(temperature_c="115"))

    assert response.status_code == 200
    assert "34.0 and 43.0 °C (93.2 – 109.4 °F)" in " ".join(
        response.context["form"].errors["temperature_c"]
    )
    assert not Event.objects.for_user(person).exists()


def test_delete_asks_first_then_deletes_and_returns_to_the_night(signed_in, user):
    event = EventFactory(owner=user)

    confirm = signed_in.get(reverse("event_delete", args=[event.pk]))
    assertContains(confirm, "Delete this twitch?")
    assert Event.objects.for_user(user).filter(pk=event.pk).exists()

    response = signed_in.post(reverse("event_delete", args=[event.pk]))

    assert response["Location"] == night_page(event.night_of)
    assert not Event.objects.for_user(user).exists()


@pytest.mark.parametrize("name", ["event_edit", "event_delete"])
def test_another_users_event_is_a_404(signed_in, other_user, name):
    theirs = EventFactory(owner=other_user, intensity=1)

    assert signed_in.get(reverse(name, args=[theirs.pk])).status_code == 404
    assert signed_in.post(reverse(name, args=[theirs.pk]), full_form()).status_code == 404
    theirs.refresh_from_db()
    assert theirs.intensity == 1


def test_a_missing_event_is_a_404(signed_in):
    assert signed_in.get(reverse("event_edit", args=[uuid.uuid4()])).status_code == 404


@pytest.mark.parametrize("name", ["event_new", "event_edit", "event_delete"])
def test_anonymous_visitors_are_sent_to_sign_in(client, user, name):
    event = EventFactory(owner=user, intensity=1)
    args = [] if name == "event_new" else [event.pk]

    for response in (
        client.get(reverse(name, args=args)),
        client.post(reverse(name, args=args), full_form()),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    event.refresh_from_db()
    assert event.intensity == 1
    assert Event.objects.for_user(user).count() == 1


def test_the_new_form_starts_at_now_in_the_users_zone(signed_in, user):
    assert field_value(signed_in.get(reverse("event_new")), "occurred_at") == "2026-11-20T09:30"

    user.time_zone = "America/New_York"
    user.save()
    assert field_value(signed_in.get(reverse("event_new")), "occurred_at") == "2026-11-20T04:30"


def test_the_timeline_says_why_an_event_needs_medical_attention(signed_in, user):
    last_night = date(2026, 11, 19)
    EventFactory(
        owner=user,
        night=last_night,
        clock="08:30",
        kind="jerking_episode",
        duration_seconds=360,
        tongue_bitten=True,
    )
    EventFactory(owner=user, night=last_night, clock="07:30", kind="cramp", duration_seconds=600)
    page = visible_text(signed_in.get(reverse("night", args=["2026-11-19"])))
    assert page.count("Seek medical attention:") == 1
    assert "An episode lasted 5 minutes or more" in page
    assert "tongue bitten" in page.lower()


@pytest.mark.now("2026-10-25 09:00", tz="Europe/London")
def test_an_exact_time_in_the_repeated_hour_means_its_first_occurrence(signed_in, user):
    # Europe/London, 25 October 2026: 01:00–01:59 happens twice (BST, then GMT).
    response = signed_in.post(reverse("event_new"), full_form(occurred_at="2026-10-25T01:30"))

    assert response.status_code == 302
    event = Event.objects.for_user(user).get()
    assert event.occurred_at.astimezone(UTC) == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)


@pytest.mark.now("2026-09-27 09:00", tz="Pacific/Auckland")
def test_an_exact_time_the_clocks_skip_means_the_time_they_jump_to(signed_in, user):
    # Pacific/Auckland, Sunday 27 September 2026: at 02:00 NZST the clocks jump to 03:00 NZDT.
    user.time_zone = "Pacific/Auckland"
    user.save()

    response = signed_in.post(reverse("event_new"), full_form(occurred_at="2026-09-27T02:30"))

    assert response.status_code == 302
    event = Event.objects.for_user(user).get()
    assert event.occurred_at.astimezone(UTC) == datetime(2026, 9, 26, 14, 0, tzinfo=UTC)
    assert event.night_of == date(2026, 9, 26)
    page = signed_in.get(reverse("event_edit", args=[event.pk]))
    assert field_value(page, "occurred_at") == "2026-09-27T03:00"


@pytest.mark.now("2026-10-25 09:00", tz="Europe/London")
def test_an_unchanged_time_in_the_second_occurrence_keeps_its_instant(signed_in, user):
    second = datetime(2026, 10, 25, 1, 30, tzinfo=UTC)  # 01:30 GMT, after the clocks went back
    event = EventFactory(owner=user, occurred_at=second, kind="twitch")

    page = signed_in.get(reverse("event_edit", args=[event.pk]))
    assert field_value(page, "occurred_at") == "2026-10-25T01:30"
    signed_in.post(
        reverse("event_edit", args=[event.pk]),
        full_form(id="", occurred_at="2026-10-25T01:30", kind="twitch", intensity="3"),
    )

    event.refresh_from_db()
    assert event.intensity == 3
    assert event.occurred_at == second
