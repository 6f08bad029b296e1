"""Import: an export (or one of its CSV files) comes back whole, or not at all (issue 4)."""

import io
import uuid
import zipfile
from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains

from journal.models import Event, Night, PartnerReport, SymptomCheckin
from tests.factories import delete_journal, export_journal, journal_counts, local
from tests.pages import EXPORT_COLUMNS, csv_rows, download_export, find, zip_members

# Friday 20 November 2026 in London: every entry imported here is in the past.
pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")

EVENTS_HEADER = EXPORT_COLUMNS["events.csv"].replace(", ", ",")
NIGHTS_HEADER = EXPORT_COLUMNS["nights.csv"].replace(", ", ",")


def upload(client, name, content):
    if isinstance(content, str):
        content = content.encode("utf-8")
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, content)})


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def make_zip(files):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def event_row(occurred_at="2025-10-12T02:14:00+01:00", kind="twitch", entry_id="", **cells):
    """One events.csv row; unspecified yes/no columns are "no", everything else empty."""
    values = {
        "id": entry_id,
        "occurred_at": occurred_at,
        "kind": kind,
        "woke_me": "no",
        "kept_me_awake": "no",
        **cells,
    }
    return ",".join(values.get(column, "") for column in EVENTS_HEADER.split(","))


def events_csv(*rows):
    return "\n".join([EVENTS_HEADER, *rows]) + "\n"


def assert_problem(response, *fragments):
    """The page says nothing was imported and shows a problem containing every fragment."""
    assertContains(response, "Nothing was imported")
    problems = response.context["problems"]
    texts = [f"{p.file} row {p.row} {p.column}: {p.message}" for p in problems]
    assert any(all(fragment in text for fragment in fragments) for text in texts), texts


# --- the happy paths -----------------------------------------------------------------------------


def test_round_trip_gives_the_same_files(signed_in, user):
    export_journal(user)
    exported = download_export(signed_in).content
    counts = journal_counts(user)
    delete_journal(user)

    response = upload(signed_in, "nightjar-export.zip", exported)

    assert response.status_code == 302
    assert journal_counts(user) == counts
    again = download_export(signed_in).content
    assert zip_members(again) == zip_members(exported)
    assert again == exported


def test_it_says_what_it_imported(signed_in, user):
    export_journal(user)
    exported = download_export(signed_in).content
    delete_journal(user)

    response = upload(signed_in, "nightjar-export.zip", exported)

    assert response["Location"] == reverse("import")
    assert flash(response) == [
        "Imported 2 sleep diaries, 5 events, 1 partner report and 1 daytime check-in (0 unchanged)."
    ]


def test_importing_the_same_file_twice_changes_nothing(signed_in, user):
    export_journal(user)
    exported = download_export(signed_in).content
    before = {event.pk: event.updated_at for event in Event.objects.for_user(user)}

    response = upload(signed_in, "nightjar-export.zip", exported)
    upload(signed_in, "nightjar-export.zip", exported)

    assert flash(response) == ["Nothing to change: all 9 rows are already in your journal."]
    assert {event.pk: event.updated_at for event in Event.objects.for_user(user)} == before
    assert download_export(signed_in).content == exported


def test_a_row_with_an_existing_id_updates_that_entry(signed_in, user):
    export_journal(user)
    text = zip_members(download_export(signed_in).content)["events.csv"].decode()
    text = text.replace("'=1+1, with a comma", "changed my mind")

    response = upload(signed_in, "events.csv", text)

    assert flash(response) == ["Imported 1 event (4 unchanged)."]
    assert Event.objects.for_user(user).filter(notes="changed my mind").count() == 1
    assert Event.objects.for_user(user).count() == 5


def test_it_recognises_a_csv_file_by_its_header_whatever_its_name(signed_in, user):
    response = upload(signed_in, "My spreadsheet (1).csv", events_csv(event_row(kind="cramp")))

    assert flash(response) == ["Imported 1 event (0 unchanged)."]
    assert Event.objects.for_user(user).get().kind == "cramp"


def test_it_reads_the_downloaded_events_csv_and_a_byte_order_mark(signed_in, user):
    export_journal(user)
    events = signed_in.get(reverse("export_events_csv")).content
    # Only the events go: the file's window and recorded-stage columns are worked out from the
    # diaries and stages that stay, and the import ignores them.
    Event.objects.for_user(user).delete()

    response = upload(signed_in, "nightjar-events-2025-10-14.csv", b"\xef\xbb\xbf" + events)

    assert flash(response) == ["Imported 5 events (0 unchanged)."]
    assert signed_in.get(reverse("export_events_csv")).content == events


def test_rows_without_an_id_are_added_once_however_often_imported(signed_in, user):
    text = events_csv(event_row(), event_row(), event_row(kind="cramp"))

    upload(signed_in, "events.csv", text)
    response = upload(signed_in, "events.csv", text)

    assert flash(response)[-1:] == ["Nothing to change: all 3 rows are already in your journal."]
    assert Event.objects.for_user(user).count() == 3


def test_an_import_into_another_time_zone_places_entries_on_that_zones_nights(
    client, user, other_user
):
    export_journal(user)
    client.force_login(user)
    events = client.get(reverse("export_events_csv")).content
    delete_journal(user)

    client.force_login(other_user)  # America/New_York
    response = upload(client, "events.csv", events)

    assert response.status_code == 302
    just_after_noon = Event.objects.for_user(other_user).get(kind="cramp")
    assert just_after_noon.occurred_at == local("Europe/London", 2025, 10, 12, 12, 30)
    # 12:30 in London is 07:30 in New York: still the night of the 11th there.
    assert just_after_noon.night_of == date(2025, 10, 11)
    (row,) = [
        row
        for row in csv_rows(client.get(reverse("export_events_csv")).content)
        if row["kind"] == "cramp"
    ]
    assert row["occurred_at"] == "2025-10-12T07:30:00-04:00"


def test_the_page_has_a_labelled_file_box_and_explains_the_rules(signed_in):
    response = signed_in.get(reverse("import"))

    form = find(response, "form", enctype="multipart/form-data")
    assert form.attrs["method"] == "post"
    find(response, "input", type="hidden", name="csrfmiddlewaretoken")
    assert find(response, "input", name="file").attrs["type"] == "file"
    label = find(response, "label", **{"for": "id_file"})
    assert "Your Nightjar export, or your sleep stages from a watch or ring" in label.text
    assertContains(response, "Nightjar's export: up to 5 MB")
    assertContains(response, "CSV of sleep stages: up to 1 GB")
    assertContains(response, "50,000 rows")


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_is_sent_to_sign_in(client, db, method):
    response = getattr(client, method)(reverse("import"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- bad files: a clear problem, and nothing written ---------------------------------------------


@pytest.fixture
def journal(user):
    export_journal(user)
    return journal_counts(user)


def test_it_refuses_a_file_that_is_not_a_zip(signed_in, user, journal):
    response = upload(signed_in, "nightjar-export.zip", b"PK\x03\x04 this is not really a zip")

    assert_problem(response, "nightjar-export.zip", "not a ZIP file")
    assert journal_counts(user) == journal


def test_it_refuses_a_file_that_is_neither_zip_nor_text(signed_in, user, journal):
    response = upload(signed_in, "photo.jpg", bytes(range(256)) * 10)

    assert_problem(response, "photo.jpg", "not a file Nightjar can import")
    assert journal_counts(user) == journal


def test_it_refuses_wrong_columns(signed_in, user, journal):
    response = upload(signed_in, "events.csv", "id,when,kind\n,2025-10-12T02:14:00+01:00,twitch\n")

    assert_problem(response, "events.csv", "row 1", "Missing columns: occurred_at, body_parts")
    assert_problem(response, "events.csv", "does not have: when")
    assert journal_counts(user) == journal


def test_it_refuses_a_csv_it_cannot_recognise(signed_in, user, journal):
    response = upload(signed_in, "shopping.csv", "item,price\nmilk,1\n")

    assert_problem(response, "shopping.csv", "doesn't recognise this file")
    assert journal_counts(user) == journal


def test_it_refuses_bad_dates_and_lists_every_problem_by_row_and_column(signed_in, user, journal):
    text = events_csv(
        event_row(kind="cramp"),  # fine, but must not be written either
        event_row(occurred_at="12/10/2025 02:14"),
        event_row(occurred_at=""),
        event_row(kind="sneeze"),
    )

    response = upload(signed_in, "events.csv", text)

    assert_problem(response, "events.csv", "row 3", "occurred_at", "Not a date and time")
    assert_problem(response, "events.csv", "row 4", "occurred_at", "can't be empty")
    assert_problem(response, "events.csv", "row 5", "kind", "twitch, tremor")
    assert journal_counts(user) == journal
    assertContains(response, "Row 3")


def test_it_refuses_out_of_range_values_with_the_models_own_messages(signed_in, user, journal):
    text = events_csv(
        event_row(intensity="9"),
        event_row(temperature_c="50.0"),
        event_row(duration_seconds="-5"),
        event_row(body_parts="left_leg;tail"),
        event_row(woke_me="maybe"),
        event_row(occurred_at="2999-01-01T03:00:00+00:00"),
    )

    response = upload(signed_in, "events.csv", text)

    assert_problem(response, "row 2", "intensity", "1 (barely) to 5 (violent)")
    assert_problem(response, "row 3", "temperature_c", "34.0 and 43.0")
    assert_problem(response, "row 4", "duration_seconds")
    assert_problem(response, "row 5", "body_parts", "Unknown value tail")
    assert_problem(response, "row 6", "woke_me", "Write yes or no")
    assert_problem(response, "row 7", "occurred_at", "in the future")
    assert journal_counts(user) == journal


def test_it_checks_diaries_with_the_night_rules(signed_in, user, journal):
    row = dict.fromkeys(NIGHTS_HEADER.split(","), "")
    row |= {
        "night_of": "2025-09-01",
        "tried_to_sleep": "2025-09-01T23:00:00+01:00",
        "final_wake": "2025-09-01T22:00:00+01:00",
        "quality": "6",
    }
    text = NIGHTS_HEADER + "\n" + ",".join(row.values()) + "\n"

    response = upload(signed_in, "nights.csv", text)

    assert_problem(response, "nights.csv", "row 2", "final_wake", "after trying to sleep")
    assert_problem(response, "nights.csv", "row 2", "quality", "1 (very poor) to 5")
    assert journal_counts(user) == journal


def test_it_refuses_two_diaries_for_one_night_in_the_file(signed_in, user, journal):
    blank = dict.fromkeys(NIGHTS_HEADER.split(","), "")
    rows = [",".join((blank | {"night_of": "2025-09-01", "quality": q}).values()) for q in "34"]

    response = upload(signed_in, "nights.csv", "\n".join([NIGHTS_HEADER, *rows]))

    assert_problem(response, "row 3", "night_of", "Row 2 is already the diary for this night")
    assert journal_counts(user) == journal


def test_it_refuses_a_diary_for_a_night_that_already_has_one(signed_in, user, journal):
    blank = dict.fromkeys(NIGHTS_HEADER.split(","), "")
    row = ",".join((blank | {"night_of": "2025-10-11", "quality": "5"}).values())

    response = upload(signed_in, "nights.csv", f"{NIGHTS_HEADER}\n{row}\n")

    assert_problem(response, "row 2", "night_of", "already a diary for this night")
    assert journal_counts(user) == journal
    assert Night.objects.for_user(user).get(night_of=date(2025, 10, 11)).quality == 3


def test_it_refuses_another_accounts_id_and_never_overwrites(client, user, other_user, journal):
    client.force_login(user)
    exported = download_export(client).content
    client.force_login(other_user)

    response = upload(client, "nightjar-export.zip", exported)

    assert_problem(response, "events.csv", "id", "already in use outside your journal")
    assert_problem(response, "nights.csv", "id", "already in use outside your journal")
    assert journal_counts(other_user) == dict.fromkeys(journal, 0)
    client.force_login(user)
    assert download_export(client).content == exported
    # Nothing about the other entry is shown, only that the id is taken.
    page = response.content.decode()
    assert "Jambe gauche" not in page and user.email not in page


def test_an_id_that_is_not_a_uuid_is_refused(signed_in, user, journal):
    response = upload(signed_in, "events.csv", events_csv(event_row(entry_id="42")))

    assert_problem(response, "row 2", "id", "Not a valid id")
    assert journal_counts(user) == journal


def test_a_zip_with_one_bad_file_writes_none_of_them(signed_in, user):
    export_journal(user)
    members = zip_members(download_export(signed_in).content)
    delete_journal(user)
    members["symptom_checkins.csv"] = members["symptom_checkins.csv"].replace(
        b"2025-10-13", b"13th"
    )

    response = upload(signed_in, "nightjar-export.zip", make_zip(members))

    assert_problem(response, "symptom_checkins.csv", "row 2", "date", "YYYY-MM-DD")
    assert journal_counts(user) == dict.fromkeys(journal_counts(user), 0)


def test_a_zip_without_nightjar_files_is_refused(signed_in, user, journal):
    response = upload(signed_in, "photos.zip", make_zip({"holiday.txt": "sunny"}))

    assert_problem(response, "photos.zip", "none of Nightjar's files")
    assert journal_counts(user) == journal


def test_it_refuses_a_file_over_the_size_limit(signed_in, user, journal):
    response = upload(signed_in, "events.csv", b"x" * (5 * 1024 * 1024 + 1))

    assertContains(response, "the limit is 5 MB")
    assert response.context["form"].errors["file"]
    assert journal_counts(user) == journal


def test_it_refuses_more_rows_than_the_limit(signed_in, user, journal):
    row = event_row()
    response = upload(signed_in, "events.csv", events_csv(*[row] * 50_001))

    assert_problem(response, "row 50002", "more than 50,000 rows")
    assert journal_counts(user) == journal


def test_a_missing_file_is_asked_for(signed_in, user, journal):
    response = signed_in.post(reverse("import"), {})

    assertContains(response, "Choose the file to import.")
    assert journal_counts(user) == journal


def test_a_partner_report_must_say_what_was_seen(signed_in, user):
    header = EXPORT_COLUMNS["partner_reports.csv"].replace(", ", ",")
    entry_id = uuid.uuid4()
    text = f"{header}\n{entry_id},2025-10-12T04:00:00+01:00,Alex,,,,\n"

    response = upload(signed_in, "partner_reports.csv", text)

    assert_problem(response, "row 2", "observations", "at least one")
    assert not PartnerReport.objects.for_user(user).exists()
    assert not SymptomCheckin.objects.for_user(user).exists()


def test_the_summary_leaves_out_kinds_of_entry_with_nothing_new(signed_in, user):
    export_journal(user)
    members = zip_members(download_export(signed_in).content)
    members["events.csv"] = members["events.csv"].replace(b"=1+1, with a comma", b"edited")

    response = upload(signed_in, "nightjar-export.zip", make_zip(members))

    assert flash(response) == ["Imported 1 event (8 unchanged)."]
