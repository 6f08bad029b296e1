"""Saves that really happen at once, on PostgreSQL: eight phones saving the first diary of the same
night, the same day's check-in, or the same client-made id. None of them may answer 5xx, the
journal keeps exactly one row, and every phone that lost sees the entry that won.

To make them collide for certain, the test holds a lock on the entry's table that lets every
request read (so each one finds nothing stored yet and passes its checks) but not write: once all
eight wait at their INSERT, the lock is let go and they write at the same moment.
"""

import threading
import time
import uuid
from datetime import date

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse

from journal import offline
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.factories import EventFactory, PartnerLinkFactory, UserFactory
from tests.pages import form_as_sent, visible_text

PHONES = 8
NIGHT = "2026-11-19"
JSON = {"HTTP_ACCEPT": "application/json"}

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.now("2026-11-20 09:30", tz="Europe/London"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite lets one connection write at a time (the whole database is locked), so "
        "saves cannot collide the way they do on PostgreSQL; make pg-test runs these.",
    ),
]


def at_once(model, send, mode="SHARE ROW EXCLUSIVE"):
    """Run send(phone_number) on PHONES threads, each with its own connection, so that all of
    them reach their write to `model`'s table together; their responses, in phone order.

    The lock `mode` lets reads go on and holds back writes: SHARE ROW EXCLUSIVE holds INSERTs,
    EXCLUSIVE also the SELECT ... FOR UPDATE with which an edit claims the stored row."""
    table = model._meta.db_table
    ready = threading.Barrier(PHONES + 1)
    responses = [None] * PHONES
    failures = []

    def phone(number):
        try:
            ready.wait(timeout=30)
            responses[number] = send(number)
        except Exception as failure:  # noqa: BLE001 - reported by the test below
            failures.append(failure)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=phone, args=(number,)) for number in range(PHONES)]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'LOCK TABLE "{table}" IN {mode} MODE')
        for thread in threads:
            thread.start()
        ready.wait(timeout=30)
        waiting_for(cursor, table, PHONES)
    for thread in threads:
        thread.join(timeout=60)
    assert not failures, failures
    return responses


def waiting_for(cursor, table, count, seconds=20):
    """Until `count` other connections wait for a lock on `table` (or the time is up)."""
    deadline = time.monotonic() + seconds
    waiting = 0
    while time.monotonic() < deadline:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE relation = %s::regclass AND NOT granted", [table]
        )
        waiting = cursor.fetchone()[0]
        if waiting >= count:
            return
        time.sleep(0.02)
    pytest.fail(f"only {waiting} of {count} saves reached the table")


@pytest.fixture
def owner():
    return UserFactory(email="sam@example.com", time_zone="Europe/London")


@pytest.fixture
def phones(owner):
    """Eight signed-in sessions of the same person, one per device."""
    clients = []
    for _ in range(PHONES):
        client = Client()
        client.force_login(owner)
        clients.append(client)
    return clients


def statuses(responses):
    return sorted(response.status_code for response in responses)


def test_eight_first_diaries_of_one_night_keep_one_and_show_it_to_the_others(owner, phones):
    def send(number):
        return phones[number].post(
            reverse("night", args=[NIGHT]),
            {"version": "0", "quality": "3", "notes": f"from phone {number}"},
        )

    responses = at_once(Night, send)

    assert statuses(responses) == [200] * (PHONES - 1) + [302]
    diary = Night.objects.for_user(owner).get()
    winner = int(diary.notes.rsplit(" ", 1)[1])
    for number, response in enumerate(responses):
        if number == winner:
            continue
        text = response.content.decode()
        assert "A diary for this night was saved meanwhile (from another device)" in text
        assert f"from phone {winner}" in text  # theirs, in the table of changes
        assert f"from phone {number}" in text  # what this phone typed is not lost


def test_eight_checkins_of_one_day_keep_one_and_show_it_to_the_others(owner, phones):
    def send(number):
        return phones[number].post(
            reverse("checkin"),
            {"version": "0", "date": "2026-11-20", "foot_cramps": "on", "notes": f"phone {number}"},
        )

    responses = at_once(SymptomCheckin, send)

    assert statuses(responses) == [200] * (PHONES - 1) + [302]
    checkin = SymptomCheckin.objects.for_user(owner).get()
    winner = int(checkin.notes.rsplit(" ", 1)[1])
    for number, response in enumerate(responses):
        if number != winner:
            assert "A check-in for this day was saved meanwhile" in response.content.decode()


def test_eight_sends_of_one_partner_report_save_it_once(owner, phones):
    report_id = str(uuid.uuid4())

    def send(number):
        data = {
            "id": report_id,
            "observed_at": "2026-11-20T02:00",
            "observations": "kicking_punching",
        }
        return phones[number].post(reverse("partner_new"), data)

    responses = at_once(PartnerReport, send)

    assert statuses(responses) == [302] * PHONES
    assert {response.url for response in responses} == {reverse("night", args=[NIGHT])}
    assert str(PartnerReport.objects.for_user(owner).get().pk) == report_id


def test_eight_sends_of_one_report_through_the_partner_link_save_it_once(owner):
    link = PartnerLinkFactory(owner=owner, label="Alex")
    report_id = str(uuid.uuid4())
    partners = [Client() for _ in range(PHONES)]

    def send(number):
        data = {
            "id": report_id,
            "observations": "kicking_punching",
            "started_at": "2026-11-20T09:20:00+00:00",
        }
        # Half the phones send it as the page's script does (JSON), half as a plain form.
        extra = JSON if number % 2 else {}
        return partners[number].post(reverse("partner_page", args=[link.token]), data, **extra)

    responses = at_once(PartnerReport, send)

    assert all(response.status_code < 500 for response in responses), statuses(responses)
    answers = [response.json() for response in responses[1::2]]
    assert all(answer["status"] == "saved" and answer["id"] == report_id for answer in answers)
    assert all(response.status_code == 302 for response in responses[0::2])
    assert sorted(statuses(responses[1::2])) in ([200] * 4, [200] * 3 + [201])
    assert str(PartnerReport.objects.get(partner_link=link).pk) == report_id


def test_eight_sends_of_one_queued_log_save_it_once(owner, phones):
    event_id = str(uuid.uuid4())
    account = offline.account_key(owner)

    def send(number):
        data = {"id": event_id, "account": account, "kind": "twitch", "earlier": "0"}
        return phones[number].post(reverse("log"), data, **JSON)

    responses = at_once(Event, send)

    assert statuses(responses) == [200] * (PHONES - 1) + [201]
    assert {response.json()["id"] for response in responses} == {event_id}
    assert str(Event.objects.for_user(owner).get().pk) == event_id


def test_eight_edits_from_the_same_version_save_one_and_show_it_to_the_others(owner, phones):
    event = EventFactory(owner=owner, night=date(2026, 11, 18), clock="01:30", notes="")
    url = reverse("event_edit", args=[event.pk])
    opened = form_as_sent(phones[0].get(url))

    def send(number):
        return phones[number].post(url, {**opened, "notes": f"from phone {number}"})

    responses = at_once(Event, send, mode="EXCLUSIVE")

    assert statuses(responses) == [200] * (PHONES - 1) + [302]
    stored = Event.objects.get(pk=event.pk)
    assert stored.version == 2
    winner = int(stored.notes.rsplit(" ", 1)[1])
    for number, response in enumerate(responses):
        if number != winner:
            text = visible_text(response)
            assert "This entry was changed on another device at 09:30" in text
            assert f"from phone {winner} → from phone {number}" in text
