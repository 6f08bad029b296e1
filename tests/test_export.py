"""Export: the ZIP of four CSV files and a README, and events.csv alone (issue 4)."""

import io
import zipfile
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from tests.factories import EventFactory, StageSegmentFactory, export_journal, local
from tests.pages import (
    EXPORT_COLUMNS,
    EXPORT_FILES,
    csv_rows,
    download_export,
    hrefs,
    zip_members,
)

# Friday 20 November 2026, 09:30 in London: the day the files are named after.
pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")


def test_it_names_the_zip_by_date_and_holds_the_four_files_and_readme(signed_in, user):
    export_journal(user)
    response = download_export(signed_in)

    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == (
        'attachment; filename="nightjar-export-2026-11-20.zip"'
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        assert archive.namelist() == [*EXPORT_FILES, "README.txt"]


def test_its_columns_are_exactly_those_of_the_issue_in_order(signed_in, user):
    members = zip_members(download_export(signed_in).content)

    for name in EXPORT_FILES:
        header = members[name].decode("utf-8").splitlines()[0]
        assert header.split(",") == EXPORT_COLUMNS[name].split(", ")


def test_it_writes_cells_in_the_documented_format(signed_in, user):
    export_journal(user)
    members = zip_members(download_export(signed_in).content)

    events = {row["kind"]: row for row in csv_rows(members["events.csv"])}
    twitch = next(
        row
        for row in csv_rows(members["events.csv"])
        if row["occurred_at"].startswith("2025-10-12T02")
    )
    assert twitch["occurred_at"] == "2025-10-12T02:14:00+01:00"
    assert twitch["body_parts"] == "left_leg;right_leg"
    assert (twitch["woke_me"], twitch["kept_me_awake"]) == ("yes", "no")
    assert twitch["consciousness_changed"] == ""  # not recorded
    assert twitch["tongue_bitten"] == "no"
    assert twitch["temperature_c"] == ""
    assert twitch["notes"] == "Jambe gauche — très forte, ça"
    episode = events["jerking_episode"]
    assert episode["temperature_c"] == "37.8"
    assert episode["consciousness_changed"] == "yes"
    assert episode["incontinence"] == ""
    # A spreadsheet would run it as a formula: the apostrophe keeps it text (issue 8).
    assert episode["notes"] == "'=1+1, with a comma"
    # Both 01:30s of the night the clocks go back, each with its own offset.
    assert [row["occurred_at"] for row in csv_rows(members["events.csv"])][-2:] == [
        "2025-10-26T01:30:00+01:00",
        "2025-10-26T01:30:00+00:00",
    ]

    first, second = csv_rows(members["nights.csv"])
    assert first["night_of"] == "2025-10-11"
    assert first["tried_to_sleep"] == "2025-10-11T23:00:00+01:00"
    assert first["alcohol_drinks"] == "2.5"
    assert first["notes"] == 'Slept badly, "odd" dreams\nsecond line'
    assert second["alcohol_drinks"] == "0.0"  # none, which is not the same as not recorded
    assert second["tried_to_sleep"] == second["minutes_to_fall_asleep"] == ""

    (report,) = csv_rows(members["partner_reports.csv"])
    assert report["observations"] == "kicking_punching;talking_shouting"
    assert report["observed_at"] == "2025-10-12T04:00:00+01:00"

    (checkin,) = csv_rows(members["symptom_checkins.csv"])
    assert checkin["date"] == "2025-10-13"
    assert (checkin["speech_problems"], checkin["neck_pulling"]) == ("yes", "no")


def test_it_writes_times_in_the_users_own_zone(client, other_user):
    EventFactory(owner=other_user, occurred_at=datetime(2025, 7, 1, 6, 0, tzinfo=UTC))
    client.force_login(other_user)

    (row,) = csv_rows(client.get(reverse("export_events_csv")).content)

    assert row["occurred_at"] == "2025-07-01T02:00:00-04:00"


def test_the_readme_describes_every_column(signed_in, user):
    readme = zip_members(download_export(signed_in).content)["README.txt"].decode("utf-8")

    for name in EXPORT_FILES:
        assert f"{name}:" in readme
        for column in EXPORT_COLUMNS[name].split(", "):
            assert f"  {column}: " in readme, column
    assert "empty cell means 'not recorded'" in readme
    assert "Europe/London" in readme
    assert "34.0 to 43.0" in readme
    assert "left_leg" in readme and "acting_out_dream" in readme


def test_events_csv_alone_is_the_zips_events_with_their_window_and_recorded_stage(signed_in, user):
    export_journal(user)
    StageSegmentFactory(owner=user, start="2025-10-12 02:00", end="2025-10-12 02:30", stage="rem")
    response = signed_in.get(reverse("export_events_csv"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="nightjar-events-2026-11-20.csv"' in response["Content-Disposition"]
    alone = csv_rows(response.content)
    in_zip = csv_rows(zip_members(download_export(signed_in).content)["events.csv"])
    derived = ["window", "window_estimated", "recorded_stage", "recorded_stage_source"]
    assert [{k: v for k, v in row.items() if k not in derived} for row in alone] == in_zip
    at_0214 = next(row for row in alone if row["occurred_at"] == "2025-10-12T02:14:00+01:00")
    assert [at_0214[column] for column in derived] == ["middle", "no", "rem", "Apple Watch"]
    at_2320 = next(row for row in alone if row["occurred_at"] == "2025-10-11T23:20:00+01:00")
    # The night has stages, but none covers 23:20: the source is named, the stage left empty.
    assert [at_2320[column] for column in derived] == ["falling_asleep", "no", "", "Apple Watch"]


def test_it_exports_only_the_users_own_entries(signed_in, user, other_user):
    export_journal(other_user)
    EventFactory(owner=user, occurred_at="2025-09-01 03:00")

    members = zip_members(download_export(signed_in).content)

    assert len(csv_rows(members["events.csv"])) == 1
    for name in ("nights.csv", "partner_reports.csv", "symptom_checkins.csv"):
        assert csv_rows(members[name]) == []


def test_exporting_twice_gives_the_same_bytes(signed_in, user):
    export_journal(user)

    assert download_export(signed_in).content == download_export(signed_in).content


def test_the_export_page_explains_and_offers_both_downloads(signed_in):
    response = signed_in.get(reverse("export"))

    assertContains(response, "Download everything (ZIP)")
    assertContains(response, "not recorded")
    links = hrefs(response)
    assert f"{reverse('export')}?download=zip" in links
    assert reverse("export_events_csv") in links
    assert reverse("import") in links


@pytest.mark.parametrize(
    "url", [reverse("export"), reverse("export") + "?download=zip", reverse("export_events_csv")]
)
def test_anonymous_is_sent_to_sign_in(client, db, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_the_export_takes_a_constant_number_of_queries(
    signed_in, user, django_assert_max_num_queries
):
    export_journal(user)
    for minute in range(60):
        EventFactory(owner=user, occurred_at=local("Europe/London", 2025, 9, 1, 3, minute))

    with django_assert_max_num_queries(7):  # session, user, and one per file
        response = download_export(signed_in)
    assert len(csv_rows(zip_members(response.content)["events.csv"])) == 65
