"""The stored per-night figures (journal/figures.py) on the paths that write without model signals
or all at once: the import of an export, a device's stages deleted from settings, an account
deleted, and `manage.py rebuild_summaries`. tests/test_figures_properties.py holds the property
over random sequences of single writes."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from journal import figures
from journal.models import FiguresBasis, NightFigures
from journal.review.periods import entries_summary, summary_for
from tests.factories import (
    StageSegmentFactory,
    delete_journal,
    export_journal,
    known_journal_for,
)
from tests.pages import download_export

pytestmark = pytest.mark.now("2026-11-20 09:30", tz="Europe/London")

WHOLE = (date(2000, 1, 1), date(2026, 11, 19))


def stored(user):
    rows = NightFigures.objects.for_user(user).order_by("night_of").values()
    return [{key: value for key, value in row.items() if key != "id"} for row in rows]


def assert_current(user):
    """The stored figures are what a rebuild makes, and give the summary of the entries."""
    kept = stored(user)
    assert kept
    figures.rebuild(user)
    assert stored(user) == kept
    assert summary_for(user, *WHOLE) == entries_summary(user, *WHOLE)


def test_an_imported_export_is_in_the_figures_at_once(signed_in, user):
    export_journal(user)
    before = summary_for(user, *WHOLE)
    exported = download_export(signed_in).content
    delete_journal(user)
    assert summary_for(user, *WHOLE).events == 0

    signed_in.post(reverse("import"), {"file": SimpleUploadedFile("export.zip", exported)})

    assert summary_for(user, *WHOLE) == before
    assert_current(user)


def test_deleting_a_devices_stages_in_settings_refreshes_their_nights(signed_in, user):
    period = known_journal_for(user)
    for start, end in (("23:00", "01:00"), ("01:00", "03:30"), ("03:30", "06:40")):
        StageSegmentFactory(owner=user, night=period.first, from_clock=start, to_clock=end)
    assert summary_for(user, period.first, period.last).recorded_stages.nights_with_stages == 1

    signed_in.post(reverse("stage_source_delete") + "?source=Apple Watch")

    after = summary_for(user, period.first, period.last)
    assert after.recorded_stages.nights_with_stages == 0
    assert after.recorded_stages.events_with_stage == 0
    assert_current(user)


def test_an_account_deleted_takes_its_figures_with_it(user, other_user):
    known_journal_for(user)
    known_journal_for(other_user)
    summary_for(user, *WHOLE)

    user.delete()

    assert not NightFigures.objects.filter(owner_id=user.pk).exists()
    assert not FiguresBasis.objects.filter(owner_id=user.pk).exists()
    assert_current(other_user)


def test_rebuild_summaries_rebuilds_one_account_or_all(user, other_user, capsys):
    known_journal_for(user)
    known_journal_for(other_user)
    summary_for(user, *WHOLE)
    summary_for(other_user, *WHOLE)
    expected = {person.pk: stored(person) for person in (user, other_user)}
    NightFigures.objects.all().delete()

    call_command("rebuild_summaries", email=user.email.upper())
    assert stored(user) == expected[user.pk]
    assert stored(other_user) == []

    call_command("rebuild_summaries")
    assert stored(other_user) == expected[other_user.pk]
    assert "for 2 account(s)" in capsys.readouterr().out


def test_rebuild_summaries_names_an_unknown_account(db):
    with pytest.raises(CommandError, match="No account nobody@example.com"):
        call_command("rebuild_summaries", email="nobody@example.com")
