"""Export and import on a phone: download the journal, bring it back, read the problems."""

import re

import pytest
from playwright.sync_api import expect

from journal.models import Event
from tests.factories import UserFactory, delete_journal, export_journal, journal_counts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def horizontal_overflow(page):
    widest = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    return widest - page.viewport_size["width"]


def test_a_person_exports_their_journal_and_brings_it_back(phone, tmp_path, sign_in):
    person = UserFactory()
    export_journal(person)
    counts = journal_counts(person)
    sign_in(phone, person.email)

    phone.goto("/export/")
    with phone.expect_download() as download_info:
        phone.get_by_role("link", name="Download everything (ZIP)").click()
    download = download_info.value
    assert re.fullmatch(r"nightjar-export-\d{4}-\d{2}-\d{2}\.zip", download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    delete_journal(person)

    phone.goto("/import/")
    phone.get_by_label(re.compile("Your Nightjar export")).set_input_files(saved)
    phone.get_by_role("button", name="Import").click()

    expect(
        phone.get_by_text(
            "Imported 2 sleep diaries, 5 events, 1 partner report and 1 daytime check-in"
        )
    ).to_be_visible()
    assert journal_counts(person) == counts


def test_a_bad_file_shows_each_problem_and_fits_a_small_screen(phone, tmp_path, sign_in):
    sign_in(phone, UserFactory().email)
    bad = tmp_path / "a-rather-long-file-name-from-a-spreadsheet-program.csv"
    bad.write_text(
        "id,occurred_at,kind,body_parts,duration_seconds,intensity,woke_me,kept_me_awake,"
        "consciousness_changed,temperature_c,tongue_bitten,injury,incontinence,confused_after,"
        "notes\n,last tuesday,twitch,,,9,no,no,,,,,,,\n"
    )
    phone.set_viewport_size({"width": 320, "height": 700})

    phone.goto("/import/")
    assert horizontal_overflow(phone) <= 0
    phone.get_by_label(re.compile("Your Nightjar export")).set_input_files(bad)
    phone.get_by_role("button", name="Import").click()

    alert = phone.get_by_role("alert")
    expect(alert.get_by_role("heading", name="Nothing was imported")).to_be_visible()
    problems = alert.get_by_role("listitem")
    assert problems.all_inner_texts() == [
        "Row 2, occurred_at: Not a date and time. Write it as 2026-10-12T02:14:00+01:00 "
        "(ISO 8601, with the UTC offset).",
        "Row 2, intensity: Intensity is 1 (barely) to 5 (violent).",
    ]
    assert horizontal_overflow(phone) <= 0
    assert not Event.objects.exists()
    phone.goto("/export/")
    assert horizontal_overflow(phone) <= 0
