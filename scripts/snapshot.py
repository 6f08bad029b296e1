"""Render every page, the API, the report (HTML and PDF text) and the export for the demo journal,
with the clock pinned, into a folder of text files — so that two versions of Nightjar can be
compared with `diff -r`.

    .venv/bin/python scripts/snapshot.py /tmp/before      # on the old version
    .venv/bin/python scripts/snapshot.py /tmp/after       # on the new one
    diff -r /tmp/before /tmp/after

It uses a throw-away SQLite database, seeds the demo journal (seed 1, eight weeks) as of a fixed
day, and signs in with the test client. Things that differ on every run are replaced by stable
placeholders: CSRF tokens, the share-link token, and row ids (numbered in order of appearance).
Whitespace between tags is collapsed, so a template that only moves markup around compares equal.
With `--text` only what a reader sees is kept (tags dropped, the text of each element on a line of
its own), to show that a change of markup left every word and figure as it was.
"""

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

NOW = datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Europe/London"))
END_DATE = date(2026, 11, 20)

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
TOKEN = re.compile(r"/s/[A-Za-z0-9_-]{20,}/")
BETWEEN_TAGS = re.compile(r">\s+<")
SPACES = re.compile(r"[ \t]+")
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
BLANK_LINES = re.compile(r"\n\s*\n+")


def normalise(text: str) -> str:
    ids: dict[str, str] = {}

    def stable_id(match):
        return ids.setdefault(match.group(0), f"{{id-{len(ids) + 1}}}")

    text = UUID.sub(stable_id, text)
    text = CSRF.sub(r"\1{csrf}\2", text)
    text = TOKEN.sub("/s/{token}/", text)
    text = BETWEEN_TAGS.sub(">\n<", text)
    text = SPACES.sub(" ", text)
    text = BLANK_LINES.sub("\n", text)
    return "\n".join(line.strip() for line in text.splitlines()) + "\n"


def visible_text(text: str) -> str:
    return "\n".join(line for line in TAG.sub("\n", text).splitlines() if line.strip())


def main(out_dir: Path, text_only: bool = False):
    database = Path(tempfile.mkdtemp(prefix="nightjar-snapshot-")) / "db.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("NIGHTJAR_LOCAL", "1")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    import django
    import time_machine

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()
    out_dir.mkdir(parents=True, exist_ok=True)

    with time_machine.travel(NOW, tick=False):
        call_command("migrate", verbosity=0)
        call_command("seed_demo", end_date=END_DATE, stdout=io.StringIO())
        from accounts.models import User
        from journal import sharing
        from journal.models import Event, Night, PartnerReport, SymptomCheckin

        owner = User.objects.get(email="demo@nightjar.test")
        event = Event.objects.filter(owner=owner).order_by("occurred_at").first()
        flagged = Event.objects.filter(owner=owner, kind="jerking_episode").first()
        diary = Night.objects.filter(owner=owner).order_by("night_of").last()
        report = PartnerReport.objects.filter(owner=owner).order_by("observed_at").first()
        checkin = SymptomCheckin.objects.filter(owner=owner).order_by("date").last()
        _, token = sharing.create_link(owner, date(2026, 10, 23), date(2026, 11, 19), 7, "Dr Lee")

        anonymous = Client()
        client = Client()
        client.force_login(owner)
        pages = [
            (anonymous, "/accounts/login/"),
            (anonymous, "/accounts/signup/"),
            (anonymous, "/accounts/password-reset/"),
            (anonymous, f"/s/{token}/"),
            (anonymous, f"/s/{token}/report.pdf"),
            (client, "/"),
            (client, "/log/"),
            (client, f"/log/saved/{event.pk}/"),
            (client, "/events/new/"),
            (client, f"/events/{event.pk}/edit/"),
            (client, f"/events/{event.pk}/delete/"),
            (client, "/nights/"),
            (client, "/nights/?before=2026-10-20"),
            (client, f"/nights/{diary.night_of.isoformat()}/"),
            (client, "/nights/2026-10-03/"),
            (client, f"/nights/{flagged.night_of.isoformat()}/" if flagged else "/nights/"),
            (client, f"/nights/{diary.night_of.isoformat()}/delete/"),
            (client, "/nights/2026-11-10/?drinks_wine_ml=250&drinks_wine_abv=12"),
            (client, "/partner/new/"),
            (client, "/partner/new/?night=2026-11-01"),
            (client, f"/partner/{report.pk}/edit/"),
            (client, f"/partner/{report.pk}/delete/"),
            (client, "/checkin/"),
            (client, f"/checkin/{checkin.date.isoformat()}/"),
            (client, f"/checkin/{checkin.pk}/delete/"),
            (client, "/patterns/"),
            (client, "/patterns/?week=2026-W44"),
            (client, "/patterns/?weeks=4"),
            (client, "/patterns/?weeks=8"),
            (client, "/patterns/?weeks=12"),
            (client, "/how-it-works/"),
            (client, "/api/summary?from=2026-09-25&to=2026-11-19"),
            (client, "/api/summary?from=2026-11-01&to=2026-11-07"),
            (client, "/report/"),
            (client, "/report/?weeks=2"),
            (client, "/report/?weeks=8"),
            (client, "/report/?weeks=12"),
            (client, "/report/?weeks=custom&from=2026-10-01&to=2026-10-31"),
            (client, "/report/?weeks=custom&from=2026-10-31&to=2026-10-01"),
            (client, "/report.pdf"),
            (client, "/report.pdf?weeks=8"),
            (client, "/export/"),
            (client, "/export/?download=zip"),
            (client, "/export/events.csv"),
            (client, "/import/"),
            (client, "/share/"),
            (client, "/settings/"),
            (client, "/settings/password/"),
            (client, "/settings/delete/"),
            (client, "/manifest.webmanifest"),
            (client, "/nights/2030-01-01/"),
        ]
        for number, (who, url) in enumerate(pages, start=1):
            response = who.get(url)
            shown_url = normalise(url).strip()
            name = f"{number:02d}" + re.sub(r"[^A-Za-z0-9]+", "_", shown_url)[:80]
            body = describe(response)
            if text_only and "html" in response.get("Content-Type", ""):
                body = visible_text(normalise(body))
            (out_dir / f"{name}.txt").write_text(
                f"GET {shown_url}\nstatus {response.status_code}\n"
                f"{headers(response)}\n{normalise(body)}"
            )
    print(f"Wrote {len(pages)} snapshots to {out_dir}")


def headers(response) -> str:
    keep = ("Content-Type", "Content-Disposition", "Location", "Cache-Control")
    return "".join(f"{name}: {response[name]}\n" for name in keep if response.has_header(name))


def describe(response) -> str:
    content_type = response.get("Content-Type", "")
    content = b"".join(response) if response.streaming else response.content
    if content_type.startswith("application/pdf"):
        text = subprocess.run(
            ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
        ).stdout.decode()
        pages = content.count(b"/Type /Page") - content.count(b"/Type /Pages")
        return f"PDF, {pages} pages\n{text}"
    if content_type.startswith("application/zip"):
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(
                f"--- {name}\n{archive.read(name).decode()}\n" for name in archive.namelist()
            )
    if "json" in content_type:
        return json.dumps(json.loads(content), indent=1, sort_keys=True)
    return content.decode()


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--text"]
    if len(arguments) != 1:
        sys.exit(__doc__)
    main(Path(arguments[0]), text_only="--text" in sys.argv[1:])
