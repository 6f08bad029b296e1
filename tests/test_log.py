"""Log on waking (/log/): one tap saves an event now with last time's kind and body parts."""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from journal.models import Event
from tests.factories import EventFactory, local
from tests.pages import find, form_as_sent, hrefs, visible_text

# Friday 20 November 2026, 09:30 in London.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

NOW = local("Europe/London", 2026, 11, 20, 9, 30)


def test_it_saves_a_twitch_now_in_one_tap(signed_in, user):
    page = signed_in.get(reverse("log"))
    find(page, "input", type="submit", name="save")

    response = signed_in.post(reverse("log"), form_as_sent(page))

    event = Event.objects.for_user(user).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("log_saved", args=[event.pk])
    assert event.kind == "twitch"
    assert event.body_parts == []
    assert not event.woke_me
    assert event.occurred_at == NOW


def test_it_preselects_the_kind_and_body_parts_used_last_time(signed_in, user, clock):
    EventFactory(
        owner=user, kind="twitch", body_parts=["face"], occurred_at=NOW - timedelta(days=3)
    )
    clock.shift(timedelta(minutes=1))  # logged later, though it happened earlier
    EventFactory(
        owner=user,
        kind="cramp",
        body_parts=["left_foot", "right_leg"],
        occurred_at=NOW - timedelta(days=4),
    )

    page = signed_in.get(reverse("log"))
    chosen = form_as_sent(page)
    assert chosen["kind"] == ["cramp"]
    assert sorted(chosen["body_parts"]) == ["left_foot", "right_leg"]
    assertContains(page, "Filled in from last time: <strong>cramp · left foot, right leg</strong>")

    signed_in.post(reverse("log"), form_as_sent(page))

    latest = Event.objects.for_user(user).order_by("-created_at").first()
    assert latest.kind == "cramp"
    assert sorted(latest.body_parts) == ["left_foot", "right_leg"]


def test_it_lets_the_kind_and_parts_change_before_saving(signed_in, user):
    page = signed_in.get(reverse("log"))
    data = form_as_sent(
        page, kind="restless_urge", body_parts=["left_leg"], woke_me="on", kept_me_awake="on"
    )

    signed_in.post(reverse("log"), data)

    event = Event.objects.for_user(user).get()
    assert (event.kind, event.body_parts, event.woke_me, event.kept_me_awake) == (
        "restless_urge",
        ["left_leg"],
        True,
        True,
    )


@pytest.mark.parametrize("minutes", [5, 15, 30, 60])
def test_earlier_presets_set_the_time(signed_in, user, minutes):
    page = signed_in.get(reverse("log"))

    signed_in.post(reverse("log"), form_as_sent(page, earlier=str(minutes)))

    event = Event.objects.for_user(user).get()
    assert event.occurred_at == NOW - timedelta(minutes=minutes)


def test_exact_time_is_read_in_the_users_zone_and_wins_over_presets(signed_in, user):
    page = signed_in.get(reverse("log"))

    data = form_as_sent(page, earlier="60", occurred_at="2025-07-01T03:10", date_confirmed="on")
    signed_in.post(reverse("log"), data)

    event = Event.objects.for_user(user).get()
    # 03:10 in London in July is 02:10 UTC (BST), and belongs to the night of 30 June.
    assert event.occurred_at == datetime(2025, 7, 1, 2, 10, tzinfo=UTC)
    assert event.occurred_at == local("Europe/London", 2025, 7, 1, 3, 10)
    assert event.night_of.isoformat() == "2025-06-30"


def test_it_refuses_a_time_in_the_future(signed_in, user):
    page = signed_in.get(reverse("log"))

    response = signed_in.post(reverse("log"), form_as_sent(page, occurred_at="2026-11-20T09:40"))

    assertContains(response, "This is in the future")
    assert response.context["form"].errors["occurred_at"]
    assert not Event.objects.for_user(user).exists()


def test_a_double_submission_with_the_same_id_stores_one_event(signed_in, user):
    page = signed_in.get(reverse("log"))
    data = form_as_sent(page)

    first = signed_in.post(reverse("log"), data)
    second = signed_in.post(reverse("log"), data)

    assert Event.objects.for_user(user).count() == 1
    assert first["Location"] == second["Location"]
    assertContains(signed_in.get(second["Location"]), "Saved")


def test_another_users_id_is_refused_and_their_event_untouched(signed_in, user, other_user):
    theirs = EventFactory(owner=other_user, kind="tremor", body_parts=["right_hand"])
    page = signed_in.get(reverse("log"))

    response = signed_in.post(reverse("log"), form_as_sent(page, id=str(theirs.pk), kind="cramp"))

    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.owner, theirs.kind, theirs.body_parts) == (other_user, "tremor", ["right_hand"])
    assert not Event.objects.for_user(user).exists()


def test_the_form_carries_a_fresh_id_each_time(signed_in):
    first = form_as_sent(signed_in.get(reverse("log")))["id"][0]
    second = form_as_sent(signed_in.get(reverse("log")))["id"][0]

    assert uuid.UUID(first) != uuid.UUID(second)


@pytest.mark.parametrize("client_id", ["", "not-a-uuid"])
def test_a_missing_or_garbled_id_still_saves(signed_in, user, client_id):
    page = signed_in.get(reverse("log"))

    response = signed_in.post(reverse("log"), form_as_sent(page, id=client_id))

    assert response.status_code == 302
    assert Event.objects.for_user(user).count() == 1


def test_unknown_kind_shows_the_form_again(signed_in, user):
    page = signed_in.get(reverse("log"))

    response = signed_in.post(reverse("log"), form_as_sent(page, kind="sneeze"))

    assert response.status_code == 200
    assert response.context["form"].errors["kind"]
    assert not Event.objects.for_user(user).exists()


def test_the_confirmation_shows_what_was_saved_with_undo_and_details(signed_in, user):
    event = EventFactory(owner=user, kind="cramp", body_parts=["left_foot"], clock="03:10")

    response = signed_in.get(reverse("log_saved", args=[event.pk]))

    assertContains(response, "03:10")
    assertContains(response, "Left foot")
    assert reverse("event_edit", args=[event.pk]) in hrefs(response)
    undo = find(response, "form", action=reverse("event_undo", args=[event.pk]))
    assert undo.attrs["method"] == "post"
    assert "Undo" in undo.text


def test_the_confirmation_names_the_full_date_of_the_night_like_the_other_forms(signed_in, user):
    # A night of the year before: only the year tells it apart from this November's.
    event = EventFactory(owner=user, night=date(2025, 11, 2), clock="03:10")

    response = signed_in.get(reverse("log_saved", args=[event.pk]))

    assert "is in your journal (the night of Sun 2 Nov 2025)." in visible_text(response)


def test_undo_deletes_the_event(signed_in, user):
    event = EventFactory(owner=user)

    response = signed_in.post(reverse("event_undo", args=[event.pk]), follow=True)

    assert not Event.objects.for_user(user).exists()
    assertContains(response, "Undone")


def test_undo_only_answers_post(signed_in, user):
    event = EventFactory(owner=user)

    response = signed_in.get(reverse("event_undo", args=[event.pk]))

    assert response.status_code == 405
    assert Event.objects.for_user(user).filter(pk=event.pk).exists()


def test_undo_cannot_touch_another_users_event(signed_in, other_user):
    theirs = EventFactory(owner=other_user)

    assert signed_in.post(reverse("event_undo", args=[theirs.pk])).status_code == 404
    assert signed_in.get(reverse("log_saved", args=[theirs.pk])).status_code == 404
    assert Event.objects.for_user(other_user).filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("name", ["log", "log_saved", "event_undo"])
def test_anonymous_visitors_are_sent_to_sign_in(client, user, name):
    args = [] if name == "log" else [EventFactory(owner=user).pk]

    response = client.post(reverse(name, args=args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert Event.objects.for_user(user).count() == len(args)


def test_a_first_time_user_starts_from_a_twitch_and_is_not_told_of_a_last_time(signed_in):
    page = signed_in.get(reverse("log"))

    chosen = form_as_sent(page)
    assert chosen["kind"] == ["twitch"]
    assert "body_parts" not in chosen
    assertNotContains(page, "last time")
    assertContains(page, "it is logged at the moment you tap Save")


def test_without_javascript_the_save_button_is_neutral_and_the_chips_show_the_choice(
    signed_in, user
):
    EventFactory(owner=user, kind="cramp", body_parts=["left_foot"], occurred_at=NOW)

    page = signed_in.get(reverse("log"))

    # The label cannot follow the chips without a script, so it names nothing that could change.
    assert find(page, "input", type="submit", name="save").attrs["value"] == "Save"
    assert form_as_sent(page)["kind"] == ["cramp"]
    assert form_as_sent(page)["body_parts"] == ["left_foot"]


def test_save_comes_right_after_the_kind_and_the_time_for_the_keyboard(signed_in):
    page = signed_in.get(reverse("log")).content.decode()

    order = [page.index(marker) for marker in ('name="kind"', 'name="earlier"', 'name="save"')]
    assert order == sorted(order)
    assert page.index('name="save"') < page.index('name="body_parts"')


def test_a_red_flag_entry_shows_its_guidance_and_source_first(signed_in, user):
    event = EventFactory(
        owner=user, kind="jerking_episode", duration_seconds=400, injury=True, clock="03:10"
    )

    page = signed_in.get(reverse("log_saved", args=[event.pk])).content.decode()

    assert page.index("Seek medical attention") < page.index("Add details")
    assert page.index("An episode lasted 5 minutes or more") < page.index("Undo")
    assert "call emergency services now" in page
    assert "Source: CDC seizure first aid" in page
    assert page.index("Injured during an event") < page.index("Undo")


def test_an_ordinary_entry_shows_no_guidance(signed_in, user):
    event = EventFactory(owner=user, kind="twitch")

    response = signed_in.get(reverse("log_saved", args=[event.pk]))

    assertNotContains(response, "Seek medical attention")
