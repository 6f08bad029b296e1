"""Importing recorded sleep stages on /import/ (issue 11): recognised by content, read by the
background task (run at once in tests), all or nothing, the same file twice changes nothing."""

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from accounts.services import change_time_zone
from journal.models import StageImport, StageSegment
from tests.factories import UserFactory, local

pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")

FIXTURES = Path(__file__).parent / "fixtures" / "stages"
APPLE_SUMMARY = (
    "2 nights of stages, 1 Oct – 2 Oct: 1 from Sam’s Apple Watch, 1 from Sam’s iPhone; 1 night "
    "also had Sam’s iPhone data, not used. 8 new segments. 1 record of a kind Nightjar does not "
    "know (SomethingNew) was left out."
)


def export_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", (FIXTURES / "export.xml").read_bytes())
    return buffer.getvalue()


def upload(client, name, content):
    return client.post(reverse("import"), {"file": SimpleUploadedFile(name, content)})


def latest_import(user) -> StageImport:
    return StageImport.objects.for_user(user).get()


def test_an_apple_export_zip_is_imported_in_the_background_and_summarised(signed_in, user):
    response = upload(signed_in, "export.zip", export_zip())
    assertRedirects(response, reverse("import") + "#stage-imports", fetch_redirect_response=False)
    stage_import = latest_import(user)
    assert stage_import.status == StageImport.Status.DONE
    assert stage_import.file_format == "apple_zip"
    assert stage_import.summary == APPLE_SUMMARY
    assert stage_import.nights_found == 2
    assert stage_import.bytes_read == stage_import.bytes_total > 0
    assert StageSegment.objects.for_user(user).count() == 8
    page = signed_in.get(reverse("import"))
    assertContains(page, APPLE_SUMMARY)
    assertContains(page, 'value="100"')


def test_the_segments_are_on_the_night_of_their_start(signed_in, user):
    upload(signed_in, "export.zip", export_zip())
    nights = StageSegment.objects.for_user(user).values_list("night_of", flat=True)
    assert sorted(set(nights)) == [date(2026, 10, 1), date(2026, 10, 2)]


def test_importing_the_same_export_again_changes_nothing(signed_in, user):
    upload(signed_in, "export.zip", export_zip())
    before = list(StageSegment.objects.for_user(user).values_list("pk", "updated_at"))
    upload(signed_in, "export.xml", (FIXTURES / "export.xml").read_bytes())
    newest = StageImport.objects.for_user(user).get(filename="export.xml")
    assert newest.status == StageImport.Status.DONE
    assert "Nothing new: all 8 segments were already there." in newest.summary
    assert list(StageSegment.objects.for_user(user).values_list("pk", "updated_at")) == before


def test_the_uploaded_file_is_kept_privately_and_deleted_when_done(
    signed_in, user, private_uploads
):
    upload(signed_in, "export.zip", export_zip())
    assert latest_import(user).upload_path == ""
    assert list(private_uploads.iterdir()) == []


def test_a_fitbit_takeout_and_a_csv_of_stages_are_imported_too(signed_in, user):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "Takeout/Fitbit/Global Export Data/sleep-2026-03-01.json",
            (FIXTURES / "sleep-2026-03-01.json").read_bytes(),
        )
    upload(signed_in, "takeout-20261120.zip", buffer.getvalue())
    upload(signed_in, "oura.csv", (FIXTURES / "stages.csv").read_bytes())
    summaries = dict(StageImport.objects.for_user(user).values_list("filename", "summary"))
    assert summaries == {
        "takeout-20261120.zip": "2 nights of stages from Fitbit, 28 Mar – 29 Mar. 8 new segments.",
        "oura.csv": "1 night of stages from Oura, 1 Oct. 5 new segments.",
    }


def test_a_cut_short_export_ends_with_a_clear_message_and_nothing_saved(
    signed_in, user, private_uploads
):
    whole = (FIXTURES / "export.xml").read_bytes()
    upload(signed_in, "export.xml", whole[: len(whole) // 2])
    stage_import = latest_import(user)
    assert stage_import.status == StageImport.Status.FAILED
    assert "stops part-way" in stage_import.error
    assert not StageSegment.objects.exists()
    assert list(private_uploads.iterdir()) == []
    assertContains(signed_in.get(reverse("import")), "stops part-way")


def test_a_billion_laughs_file_is_refused(signed_in, user):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE HealthData [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><HealthData>&b;</HealthData>'
    )
    upload(signed_in, "export.xml", bomb)
    assert "declares entities" in latest_import(user).error
    assert not StageSegment.objects.exists()


def test_an_export_without_sleep_records_says_so(signed_in, user):
    no_sleep = b'<?xml version="1.0"?>\n<HealthData locale="en_GB">\n</HealthData>\n'
    upload(signed_in, "export.xml", no_sleep)
    stage_import = latest_import(user)
    assert stage_import.status == StageImport.Status.FAILED
    assert stage_import.error.startswith("This file has no sleep stages in it")


def test_an_xml_file_of_another_kind_is_refused_next_to_the_field(signed_in, user):
    response = upload(signed_in, "route.gpx", b'<?xml version="1.0"?><gpx></gpx>')
    assert response.status_code == 200
    assertContains(response, "not an Apple Health export")
    assert not StageImport.objects.exists()


def test_a_file_that_is_none_of_the_formats_is_refused(signed_in, user):
    response = upload(signed_in, "photo.png", b"\x89PNG\r\n\x1a\n" + bytes(100))
    assertContains(response, "Nothing was imported")
    assert not StageImport.objects.exists()


def test_a_journal_file_over_its_own_limit_is_refused_before_it_is_read(signed_in, settings):
    response = upload(signed_in, "events.csv", b"id,occurred_at\n" + b"x" * (5 * 1024 * 1024))
    assertContains(response, "the limit is 5 MB")


def test_a_stage_file_over_the_limit_is_refused(signed_in, settings):
    settings.STAGE_UPLOAD_MAX_BYTES = 1000
    response = upload(signed_in, "export.zip", export_zip())
    assertContains(response, "the limit is")
    assert not StageImport.objects.exists()


def test_anonymous_people_are_sent_to_sign_in(client, db):
    response = upload(client, "export.zip", export_zip())
    assert response.status_code == 302
    assert reverse("login") in response["Location"]
    assert not StageImport.objects.exists()


def test_progress_is_json_for_the_owner(signed_in, user):
    upload(signed_in, "export.zip", export_zip())
    stage_import = latest_import(user)
    response = signed_in.get(reverse("stage_import_progress", args=[stage_import.pk]))
    assert response["Cache-Control"].startswith("max-age=0")
    progress = response.json()
    assert progress["finished"] is True
    assert progress["percent"] == 100
    assert progress["status_label"] == "Done"
    assert progress["read_text"] == "6 kB of 6 kB read · 2 nights found"
    assert progress["summary"] == APPLE_SUMMARY
    assert progress["error"] == ""


def test_progress_of_someone_elses_import_is_not_found(signed_in, other_user):
    theirs = StageImport.objects.create(owner=other_user, filename="x.zip", file_format="apple_zip")
    response = signed_in.get(reverse("stage_import_progress", args=[theirs.pk]))
    assert response.status_code == 404


def test_progress_for_someone_signed_out_is_401(client, user):
    mine = StageImport.objects.create(owner=user, filename="x.zip", file_format="apple_zip")
    response = client.get(reverse("stage_import_progress", args=[mine.pk]))
    assert response.status_code == 401
    assert response.json() == {"error": "Sign in to see your imports."}


def test_an_import_waiting_for_the_worker_shows_its_progress_and_a_refresh_link(signed_in, user):
    StageImport.objects.create(
        owner=user,
        filename="export.zip",
        file_format="apple_zip",
        status=StageImport.Status.RUNNING,
        bytes_read=512 * 1024 * 1024,
        bytes_total=2 * 1024**3,
        nights_found=120,
    )
    page = signed_in.get(reverse("import"))
    assertContains(page, "512 MB of 2.0 GB read · 120 nights found")
    assertContains(page, 'value="25"')
    assertContains(page, "Refresh</a> to see how far it has got.", html=False)


def test_another_persons_imports_are_not_on_the_page(signed_in, other_user):
    StageImport.objects.create(owner=other_user, filename="theirs.zip", file_format="apple_zip")
    page = signed_in.get(reverse("import"))
    assert b"theirs.zip" not in page.content


def test_a_new_time_zone_moves_segments_to_their_nights_there(signed_in, user):
    upload(signed_in, "export.zip", export_zip())
    deep = StageSegment.objects.for_user(user).get(stage="deep")  # 23:40 BST on 1 Oct
    awake = StageSegment.objects.for_user(user).get(stage="awake")  # 00:40 BST on 2 Oct
    assert deep.night_of == awake.night_of == date(2026, 10, 1)
    change_time_zone(user, "Pacific/Kiritimati")  # UTC+14: 12:40 and 13:40 on 2 Oct there
    deep.refresh_from_db()
    awake.refresh_from_db()
    assert (deep.night_of, awake.night_of) == (date(2026, 10, 2), date(2026, 10, 2))


def test_deleting_the_account_deletes_its_segments_and_imports(signed_in, user):
    upload(signed_in, "export.zip", export_zip())
    keeper = UserFactory()
    StageSegment.objects.create(
        owner=keeper,
        start=local("Europe/London", 2026, 10, 1, 23, 0),
        end=local("Europe/London", 2026, 10, 2, 0, 0),
        stage="light",
        source="Ring",
    )
    user.delete()
    assert StageSegment.objects.get().owner == keeper
    assert not StageImport.objects.exists()


def test_deleting_the_account_deletes_an_upload_still_waiting_for_the_worker(user, private_uploads):
    private_uploads.mkdir(parents=True)
    waiting = private_uploads / "waiting.upload"
    waiting.write_bytes(export_zip())
    StageImport.objects.create(
        owner=user, filename="export.zip", file_format="apple_zip", upload_path=str(waiting)
    )
    user.delete()
    assert not waiting.exists()
