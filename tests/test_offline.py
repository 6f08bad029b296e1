"""Logging with no connection, the server's side: the service worker's script, the session the
queue reads, and /log/ answering JSON for an entry kept on the phone (sent later, with the time
of the tap, once however often it is retried, only into the account that made it)."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains

from journal import offline
from journal.models import Event
from tests.factories import EventFactory, local
from tests.pages import find, find_all, form_as_sent

# Friday 20 November 2026, 09:30 in London.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

NOW = local("Europe/London", 2026, 11, 20, 9, 30)
TAPPED = local("Europe/London", 2026, 11, 20, 3, 12, 5)
JSON = {"HTTP_ACCEPT": "application/json"}


def service_worker_config(text):
    return json.loads(re.match(r"self\.NIGHTJAR = (\{.*\});\n", text).group(1))


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    config = service_worker_config(response.content.decode())
    assert config["pages"] == ["/", "/log/"]
    assert "/static/css/nightjar.css" in config["shell"]
    assert "/offline/" in config["shell"]
    assert 'addEventListener("fetch"' in response.content.decode()


def test_the_service_worker_version_follows_the_files_it_keeps(client, tmp_path, settings):
    first = service_worker_config(client.get("/sw.js").content.decode())["version"]
    assert first == service_worker_config(client.get("/sw.js").content.decode())["version"]

    # A deploy that changes a kept file (here: a copy of the static folder with one edit).
    import shutil

    copy = tmp_path / "static"
    shutil.copytree(settings.STATICFILES_DIRS[0], copy)
    with open(copy / "css" / "nightjar.css", "a") as css:
        css.write("\n/* changed */\n")
    settings.STATICFILES_DIRS = [copy]

    assert service_worker_config(client.get("/sw.js").content.decode())["version"] != first


def test_the_offline_page_holds_nobodys_data(client):
    response = client.get(reverse("offline"))

    assertContains(response, "No connection")
    assert not find_all(response, "meta", name="nightjar-account")


def test_the_session_names_the_account_by_an_opaque_key(signed_in, user, other_user):
    answer = signed_in.get(reverse("offline_session")).json()

    assert answer["account"] == offline.account_key(user)
    assert answer["account"] != offline.account_key(other_user)
    assert len(answer["account"]) == 32 and user.email not in answer["account"]
    assert answer["csrf"]


def test_signed_out_the_session_has_no_account(client):
    assert client.get(reverse("offline_session")).json()["account"] == ""


def test_pages_carry_the_account_key_for_the_phone(signed_in, user):
    page = signed_in.get(reverse("log"))

    assert find(page, "meta", name="nightjar-account").attrs["content"] == offline.account_key(user)


def queued(page, user, **changes):
    """What the page's script sends for an entry kept on the phone."""
    data = form_as_sent(page, account=offline.account_key(user), tapped_at=TAPPED.isoformat())
    data.update(changes)
    return data


def test_a_kept_entry_is_saved_with_the_time_of_the_tap(signed_in, user):
    page = signed_in.get(reverse("log"))

    response = signed_in.post(reverse("log"), queued(page, user, earlier="15"), **JSON)

    assert response.status_code == 201
    event = Event.objects.for_user(user).get()
    assert response.json() == {
        "status": "saved",
        "created": True,
        "id": str(event.pk),
        "url": reverse("log_saved", args=[event.pk]),
    }
    assert event.occurred_at == TAPPED - timedelta(minutes=15)


def test_a_retried_entry_is_stored_once(signed_in, user):
    data = queued(signed_in.get(reverse("log")), user)

    first = signed_in.post(reverse("log"), data, **JSON)
    second = signed_in.post(reverse("log"), data, **JSON)

    assert (first.status_code, second.status_code) == (201, 200)
    assert second.json()["created"] is False
    assert first.json()["id"] == second.json()["id"]
    assert Event.objects.for_user(user).count() == 1


def test_an_exact_time_wins_over_the_tap(signed_in, user):
    page = signed_in.get(reverse("log"))

    signed_in.post(reverse("log"), queued(page, user, occurred_at="2026-11-20T02:40"), **JSON)

    assert Event.objects.for_user(user).get().occurred_at == local(
        "Europe/London", 2026, 11, 20, 2, 40
    )


def test_signed_out_a_kept_entry_is_refused_with_the_reason(client, signed_in, user):
    data = queued(signed_in.get(reverse("log")), user)
    anonymous = Client()

    response = anonymous.post(reverse("log"), data, **JSON)

    assert response.status_code == 401
    assert response.json()["reason"] == "signed_out"
    assert "signed out" in response.json()["message"]
    assert not Event.objects.exists()


def test_an_entry_made_for_another_account_is_refused(signed_in, user, other_user):
    data = queued(signed_in.get(reverse("log")), user, account=offline.account_key(other_user))

    response = signed_in.post(reverse("log"), data, **JSON)

    assert response.status_code == 409
    assert response.json()["reason"] == "other_account"
    assert not Event.objects.exists()


def test_an_entry_without_an_account_key_is_refused(signed_in, user):
    data = queued(signed_in.get(reverse("log")), user, account="")

    assert signed_in.post(reverse("log"), data, **JSON).status_code == 409
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"occurred_at": "2026-11-20T11:00"}, "occurred_at", "This is in the future"),
        ({"kind": "sneeze"}, "kind", "Select a valid choice"),
        ({"tapped_at": "2026-11-20T12:00:00+00:00"}, "__all__", "clock is ahead"),
        ({"tapped_at": "2026-11-20T03:12"}, "__all__", "no time zone"),
        ({"tapped_at": "yesterday"}, "__all__", "not readable"),
        ({"tapped_at": "1999-12-31T23:00:00+00:00"}, "__all__", "before 2000"),
    ],
)
def test_an_invalid_entry_is_refused_with_what_to_fix(signed_in, user, changes, field, words):
    data = queued(signed_in.get(reverse("log")), user, **changes)

    response = signed_in.post(reverse("log"), data, **JSON)

    assert response.status_code == 400
    answer = response.json()
    assert answer["reason"] == "invalid"
    assert words in " ".join(answer["errors"][field])
    assert words in answer["message"]
    assert not Event.objects.exists()


def test_another_users_id_is_a_404_and_nothing_changes(signed_in, user, other_user):
    theirs = EventFactory(owner=other_user, kind="tremor")
    data = queued(signed_in.get(reverse("log")), user, id=str(theirs.pk), kind="cramp")

    assert signed_in.post(reverse("log"), data, **JSON).status_code == 404
    theirs.refresh_from_db()
    assert theirs.kind == "tremor"
    assert not Event.objects.for_user(user).exists()


def test_the_plain_form_still_works_without_javascript(signed_in, user):
    page = signed_in.get(reverse("log"))

    response = signed_in.post(reverse("log"), form_as_sent(page))

    assert response.status_code == 302
    assert Event.objects.for_user(user).get().occurred_at == NOW
