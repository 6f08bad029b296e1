"""Recorded sleep stages on a phone: upload an Apple Health export, watch the import's progress
while the background worker reads it, then see the night's hypnogram and each event's stage."""

import io
import re
import signal
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from journal.models import StageSegment
from tests.factories import EventFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Ticking, so the worker and the page's polling see time pass; after the fixture's nights.
    pytest.mark.now("2026-11-20 09:30", tz="Europe/London", tick=True),
]

FIXTURES = Path(__file__).parent / "fixtures" / "stages"
SUMMARY = "2 nights of stages, 1 Oct – 2 Oct: 1 from Sam’s Apple Watch, 1 from Sam’s iPhone"


def export_zip(folder: Path) -> Path:
    path = folder / "export.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("apple_health_export/export.xml", (FIXTURES / "export.xml").read_bytes())
    path.write_bytes(buffer.getvalue())
    return path


def run_worker_once():
    """What `make run`'s worker does, here in the test's process: every waiting task, then stop.
    (The worker sets its own Ctrl+C handling; the test runner's is put back afterwards.)"""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def horizontal_overflow(page):
    widest = page.evaluate(
        "Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
    )
    return widest - page.viewport_size["width"]


def test_an_upload_shows_its_progress_then_the_night_shows_the_hypnogram(
    phone, sign_in, settings, tmp_path
):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    person = UserFactory()
    EventFactory(owner=person, occurred_at="2026-10-02 04:45", kind="twitch", woke_me=True)
    sign_in(phone, person.email)

    phone.goto("/import/")
    phone.get_by_label(re.compile("Your Nightjar export")).set_input_files(export_zip(tmp_path))
    phone.get_by_role("button", name="Import").click()

    card = phone.get_by_role("article", name="export.zip")
    expect(card.get_by_text("Waiting to start")).to_be_visible()
    bar = card.get_by_role("progressbar", name="How much of export.zip has been read")
    expect(bar).to_have_attribute("value", "0")
    expect(card.get_by_role("link", name="Refresh")).to_be_visible()
    assert not StageSegment.objects.exists()

    run_worker_once()

    # The page's script follows the import to its end without a reload.
    expect(card.get_by_text(SUMMARY)).to_be_visible()
    expect(bar).to_have_attribute("value", "100")
    expect(card.get_by_text("Done")).to_be_visible()
    expect(card.get_by_role("link", name="Refresh")).to_be_hidden()
    assert StageSegment.objects.filter(owner=person).count() == 8
    # And it survives a reload.
    phone.reload()
    expect(phone.get_by_role("article", name="export.zip").get_by_text(SUMMARY)).to_be_visible()

    phone.goto("/nights/2026-10-01/")
    figure = phone.locator("figure.hypnogram")
    expect(figure.get_by_text("Recorded by Sam’s Apple Watch:")).to_be_visible()
    picture = figure.get_by_role("img", name=re.compile("Sleep stages recorded by"))
    expect(picture).to_be_visible()
    assert picture.bounding_box()["width"] <= 390
    expect(phone.get_by_text("Recorded: REM (Sam’s Apple Watch)")).to_be_visible()
    figure.get_by_text("The night as a list").click()
    expect(figure.get_by_text("04:30–05:15 REM")).to_be_visible()
    assert horizontal_overflow(phone) <= 0
