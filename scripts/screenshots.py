"""Phone-sized screenshots of the real app for the README (`make screenshots`).

Builds a throw-away SQLite database with the demo account (seed_demo), serves it with
`manage.py runserver` on a free local port, signs in with Chromium at 390×844 in the dark theme
(the app as it looks at 3 a.m.) and saves PNGs to docs/screenshots/. The partner's page is taken
in a browser of its own, signed in to nothing, through a partner link made for the demo account.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prepare_database(env, seed):
    """Migrate and seed the temporary database; return the night to show, the sign-in and a
    partner link's token."""
    os.environ.update(env)
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.core.management import call_command

    from accounts.models import User
    from journal import partner_links
    from journal.data import demo
    from journal.models import Event, Night

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", "--seed", str(seed))
    owner = User.objects.get(email=demo.DEMO_EMAIL)
    _, partner_token = partner_links.create_link(owner, "Sam", None)
    # The newest night with a full diary and a few events shows the most.
    for diary in Night.objects.for_user(owner).order_by("-night_of"):
        events = Event.objects.for_user(owner).filter(night_of=diary.night_of).count()
        if diary.final_wake and diary.awake_minutes is not None and events >= 3:
            return diary.night_of, demo.DEMO_EMAIL, demo.DEMO_PASSWORD, partner_token
    raise SystemExit("The demo data has no night worth showing.")


def wait_until_up(url, server, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("The development server stopped before answering.")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"The development server did not answer at {url}.")


def phone_context(browser, base_url):
    return browser.new_context(
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        color_scheme="dark",
        timezone_id="Europe/London",
        base_url=base_url,
    )


def take_screenshots(base_url, night, email, password, partner_token, out_dir):
    from playwright.sync_api import sync_playwright

    shots = [
        ("home", "/"),
        ("log", "/log/"),
        ("nights", "/nights/"),
        ("night", f"/nights/{night:%Y-%m-%d}/"),
        ("patterns", "/patterns/"),
    ]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = phone_context(browser, base_url).new_page()
        page.goto("/accounts/login/")
        page.get_by_label("Email").fill(email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{base_url}/")
        for name, path in shots:
            page.goto(path)
            target = out_dir / f"{name}.png"
            page.screenshot(path=str(target))
            print(f"Saved {target.relative_to(PROJECT)}")
        # The partner's phone: no account, the timer running for a minute and a half.
        partner = phone_context(browser, base_url).new_page()
        partner.goto(f"/p/{partner_token}/")
        partner.evaluate(
            "localStorage.setItem('nightjar-episode-start:' + location.pathname, "
            "Date.now() - 95000)"
        )
        partner.reload()
        partner.get_by_text("Kicking or punching", exact=True).click()
        partner.wait_for_timeout(300)
        target = out_dir / "partner.png"
        partner.screenshot(path=str(target))
        print(f"Saved {target.relative_to(PROJECT)}")
        browser.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=PROJECT / "docs" / "screenshots")
    options = parser.parse_args()
    options.out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(prefix="nightjar-shots-") as workdir:
        env = {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "NIGHTJAR_LOCAL": "1",
            "DATABASE_URL": f"sqlite:///{workdir}/screenshots.sqlite3",
        }
        night, email, password, partner_token = prepare_database(env, options.seed)
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
            cwd=PROJECT,
            env={**os.environ, **env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_up(f"{base_url}/accounts/login/", server)
            take_screenshots(base_url, night, email, password, partner_token, options.out)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
