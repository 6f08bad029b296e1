"""The views every kind of entry shares (journal/views/owned.py): edit and delete your own entry
(one confirm page), and create an entry once however often the form is sent."""

import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from journal.models import Event, Night, PartnerReport, SymptomCheckin

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 5, 9, 0, tzinfo=LONDON)
AT_3AM = datetime(2026, 11, 3, 3, 20, tzinfo=LONDON)  # the night of Mon 2 Nov

# Friday 20 November 2026 in London: the forms' dates are a few weeks back.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def an_event(owner):
    return Event.objects.create(owner=owner, occurred_at=AT_3AM, kind="cramp")


def a_diary(owner):
    return Night.objects.create(owner=owner, night_of=date(2026, 11, 2), awakenings=2)


def a_partner_report(owner):
    return PartnerReport.objects.create(owner=owner, observed_at=AT_3AM, observations=["twitching"])


def a_checkin(owner):
    return SymptomCheckin.objects.create(owner=owner, date=date(2026, 11, 4), foot_cramps=True)


def delete_url(entry):
    if isinstance(entry, Night):
        return reverse("night_delete", args=[entry.night_of.isoformat()])
    names = {Event: "event", PartnerReport: "partner", SymptomCheckin: "checkin"}
    return reverse(f"{names[type(entry)]}_delete", args=[entry.pk])


# (make the entry, what its confirm page asks, its delete button, where "Keep it" and a deletion
# go, the message after deleting)
KINDS = {
    "event": (
        an_event,
        "Delete this cramp?",
        "Delete",
        lambda entry: reverse("event_edit", args=[entry.pk]),
        "/nights/2026-11-02/",
        "Deleted the cramp.",
    ),
    "diary": (
        a_diary,
        "Delete the diary for the night of Monday 2 Nov?",
        "Delete diary",
        lambda entry: "/nights/2026-11-02/",
        "/nights/2026-11-02/",
        "Diary for the night of Mon 2 Nov deleted.",
    ),
    "partner report": (
        a_partner_report,
        "Delete this partner report?",
        "Delete",
        lambda entry: reverse("partner_edit", args=[entry.pk]),
        "/nights/2026-11-02/",
        "Partner report deleted.",
    ),
    "check-in": (
        a_checkin,
        "Delete the check-in for Wednesday 4 Nov?",
        "Delete",
        lambda entry: "/checkin/2026-11-04/",
        "/checkin/2026-11-04/",
        "Check-in for Wed 4 Nov deleted.",
    ),
}


@pytest.mark.parametrize("kind", KINDS)
def test_the_confirm_page_asks_about_that_entry_and_keeps_it_until_post(signed_in, user, kind):
    make, question, button, keep_url, _, _ = KINDS[kind]
    entry = make(user)
    response = signed_in.get(delete_url(entry))
    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "journal/confirm_delete.html"
    page = response.content.decode()
    assert f"<h1>{question}</h1>" in page
    assert f'<button type="submit" class="btn btn-danger btn-lg">{button}</button>' in page
    assert f'href="{keep_url(entry)}">Keep it</a>' in page
    assert type(entry).objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_post_deletes_the_entry_says_so_and_goes_back(signed_in, user, kind):
    make, _, _, _, done_url, message = KINDS[kind]
    entry = make(user)
    response = signed_in.post(delete_url(entry))
    assert response.status_code == 302
    assert response.url == done_url
    assert not type(entry).objects.filter(pk=entry.pk).exists()
    assert [str(note) for note in get_messages(response.wsgi_request)] == [message]


@pytest.mark.parametrize("kind", KINDS)
def test_another_persons_entry_is_a_404_and_stays(signed_in, other_user, kind):
    entry = KINDS[kind][0](other_user)
    assert signed_in.get(delete_url(entry)).status_code == 404
    assert signed_in.post(delete_url(entry)).status_code == 404
    assert type(entry).objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_signing_in_comes_first(client, user, kind):
    entry = KINDS[kind][0](user)
    for response in (client.get(delete_url(entry)), client.post(delete_url(entry))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert type(entry).objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("kind", KINDS)
def test_only_get_and_post_are_answered(signed_in, user, kind):
    entry = KINDS[kind][0](user)
    assert signed_in.put(delete_url(entry)).status_code == 405
    assert signed_in.delete(delete_url(entry)).status_code == 405
    assert type(entry).objects.filter(pk=entry.pk).exists()


def test_editing_another_persons_event_or_partner_report_is_a_404(signed_in, other_user):
    for name, entry in (
        ("event_edit", an_event(other_user)),
        ("partner_edit", a_partner_report(other_user)),
    ):
        assert signed_in.get(reverse(name, args=[entry.pk])).status_code == 404
        assert signed_in.post(reverse(name, args=[entry.pk]), {"notes": "x"}).status_code == 404
        entry.refresh_from_db()
        assert entry.notes == ""


def test_a_bad_edit_shows_the_form_again_and_saves_nothing(signed_in, user):
    report = a_partner_report(user)
    response = signed_in.post(
        reverse("partner_edit", args=[report.pk]),
        {"observed_at": "2026-11-03T03:20", "observations": [], "notes": "changed"},
    )
    assert response.status_code == 200
    assert "Tick at least one thing they saw." in response.content.decode()
    report.refresh_from_db()
    assert report.notes == ""


# --- creating once by a client-made id (journal.access.insert_once) ---

EVENT_FORM = {
    "occurred_at": "2026-11-03T03:20",
    "kind": "twitch",
    "intensity": "",
    "duration_seconds": "",
    "notes": "",
}
PARTNER_FORM = {"observed_at": "2026-11-03T03:20", "observations": ["twitching"]}
CREATE_FORMS = {
    "log": ("log", Event, {"kind": "twitch", "earlier": "0"}),
    "event": ("event_new", Event, EVENT_FORM),
    "partner report": ("partner_new", PartnerReport, PARTNER_FORM),
}


@pytest.mark.parametrize("form", CREATE_FORMS)
def test_sending_a_form_twice_stores_one_entry(signed_in, user, form):
    name, model, data = CREATE_FORMS[form]
    data = {**data, "id": str(uuid.uuid4())}
    first = signed_in.post(reverse(name), data)
    again = signed_in.post(reverse(name), data)
    assert first.status_code == again.status_code == 302
    assert first.url == again.url
    assert model.objects.for_user(user).count() == 1
    assert str(model.objects.get().pk) == data["id"]


@pytest.mark.parametrize("form", CREATE_FORMS)
def test_another_persons_id_is_a_404_and_their_entry_stays(signed_in, other_user, form):
    name, model, data = CREATE_FORMS[form]
    theirs = an_event(other_user) if model is Event else a_partner_report(other_user)
    response = signed_in.post(reverse(name), {**data, "id": str(theirs.pk)})
    assert response.status_code == 404
    assert model.objects.count() == 1
    theirs.refresh_from_db()
    assert theirs.owner == other_user


def test_a_repeated_partner_report_says_it_was_already_saved(signed_in, user):
    data = {**PARTNER_FORM, "id": str(uuid.uuid4())}
    signed_in.post(reverse("partner_new"), data)
    response = signed_in.post(reverse("partner_new"), data)
    assert [str(note) for note in get_messages(response.wsgi_request)] == [
        "Partner report saved for the night of Mon 2 Nov 2026.",
        "That partner report was already saved.",
    ]
