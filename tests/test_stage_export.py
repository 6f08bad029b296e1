"""Recorded stages in the journal's export and back: stage_segments.csv in the ZIP, byte-identical
through the import; the events-only CSV's derived columns ignored by the import."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from journal.models import StageSegment
from tests.factories import StageSegmentFactory, delete_journal, export_journal, journal_counts
from tests.pages import csv_rows, download_export, zip_members

pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")


def upload_zip(client, content):
    return client.post(
        reverse("import"), {"file": SimpleUploadedFile("nightjar-export.zip", content)}
    )


@pytest.fixture
def journal_with_stages(user):
    export_journal(user)
    night = "2025-10-11"
    StageSegmentFactory(owner=user, start=f"{night} 23:05", end="2025-10-12 00:40", stage="deep")
    StageSegmentFactory(owner=user, start="2025-10-12 00:40", end="2025-10-12 02:30", stage="rem")
    StageSegmentFactory(
        owner=user,
        start="2025-10-11 22:50",
        end="2025-10-12 07:00",
        stage="in_bed",
        source="iPhone",
    )
    # The night the clocks go back: 01:30 happens twice, once in BST and once in GMT.
    StageSegmentFactory(
        owner=user, start="2025-10-26 01:10", end="2025-10-26 01:50", stage="light", source="Ring"
    )
    return user


def test_the_zip_holds_every_segment_in_order(signed_in, journal_with_stages):
    rows = csv_rows(zip_members(download_export(signed_in).content)["stage_segments.csv"])
    assert rows == [
        {
            "start": "2025-10-11T22:50:00+01:00",
            "end": "2025-10-12T07:00:00+01:00",
            "stage": "in_bed",
            "source": "iPhone",
        },
        {
            "start": "2025-10-11T23:05:00+01:00",
            "end": "2025-10-12T00:40:00+01:00",
            "stage": "deep",
            "source": "Apple Watch",
        },
        {
            "start": "2025-10-12T00:40:00+01:00",
            "end": "2025-10-12T02:30:00+01:00",
            "stage": "rem",
            "source": "Apple Watch",
        },
        {
            "start": "2025-10-26T01:10:00+01:00",
            "end": "2025-10-26T01:50:00+01:00",
            "stage": "light",
            "source": "Ring",
        },
    ]


def test_the_zip_comes_back_byte_for_byte_with_its_segments(signed_in, journal_with_stages):
    first = download_export(signed_in).content
    counts = journal_counts(journal_with_stages)
    delete_journal(journal_with_stages)
    response = upload_zip(signed_in, first)
    assert response.status_code == 302
    assert journal_counts(journal_with_stages) == counts
    assert download_export(signed_in).content == first


def test_importing_the_zip_again_changes_no_segment(signed_in, journal_with_stages):
    first = download_export(signed_in).content
    before = list(StageSegment.objects.values_list("pk", "updated_at").order_by("pk"))
    upload_zip(signed_in, first)
    assert list(StageSegment.objects.values_list("pk", "updated_at").order_by("pk")) == before


def test_a_wrong_segment_row_stops_the_whole_import(signed_in, user):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "stage_segments.csv",
            "start,end,stage,source\n"
            "2025-10-11T23:05:00+01:00,2025-10-12T00:40:00+01:00,deep,Watch\n"
            "2025-10-12T00:40:00+01:00,2025-10-12T00:30:00+01:00,rem,Watch\n",
        )
        archive.writestr(
            "symptom_checkins.csv",
            "id,date,speech_problems,uncontrollable_blinking,neck_pulling,foot_cramps,"
            "dragging_leg,notes\n,2025-10-13,no,no,no,no,no,\n",
        )
    response = upload_zip(signed_in, buffer.getvalue())
    assert response.status_code == 200
    problems = [str(p.message) for p in response.context["problems"]]
    assert problems == ["The end must come after the start."]
    assert response.context["problems"][0].where == "Row 3, end"
    assert sum(journal_counts(user).values()) == 0


def test_the_export_readme_describes_the_segments(signed_in, journal_with_stages):
    readme = zip_members(download_export(signed_in).content)["README.txt"].decode()
    assert "stage_segments.csv: sleep stages a watch, ring or app recorded" in readme
    assert "  stage: the stage the device recorded — one of awake, light, deep, rem," in readme
