"""The audit (`make audit`): Nightjar in production mode, weighed and checked page by page.

Builds a throw-away production setup: DEBUG off, `collectstatic` into a temporary folder (the
manifest storage, compressed files), a temporary SQLite database with the demo account
(`seed_demo`) and a clinician share link, served by gunicorn with WhiteNoise. Then, on home,
/log/, /nights/, a night's page, /patterns/, /report/ and the share page:

- page weight: Chromium at 390 x 844 with an empty cache loads the page and counts the bytes
  transferred for every response (Chrome's encodedDataLength: compressed body and headers);
- Lighthouse 12 (mobile, its default throttling), with Debian's Chromium;
- axe-core (bundled with axe-playwright-python) in the light and the dark theme;
- the Nu HTML checker (vnu.jar, Java).

It prints each table and rewrites the measured part of docs/audit.md (between the audit markers;
the words around them are kept). `--weight-only` (make page-weight) measures only the weight.
The npm tools (lighthouse, vnu-jar) are installed by `make audit` into .audit/ (ignored).
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
TOOLS = PROJECT / ".audit" / "node_modules"
LIGHTHOUSE = TOOLS / "lighthouse" / "cli" / "index.js"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
DOC = PROJECT / "docs" / "audit.md"
BEGIN, END = "<!-- audit:begin -->", "<!-- audit:end -->"

# First-load budgets in bytes transferred (issue 10); the other pages are measured, not budgeted.
BUDGETS = {"/log/": 60_000, "/report/": 150_000}
# Lighthouse targets (issue 10): performance 98 (the report 95), accessibility and best practices
# 100.
PERFORMANCE_TARGET = {"report": 95}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True, stdout=sys.stderr
    )


def wait_until_up(url, server, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn stopped before answering.")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer at {url}.")


class Site:
    """The production-mode server with the demo journal, and what the audit needs to reach it."""

    def __init__(self, base_url, session_cookie, pages, owner_email):
        self.base_url = base_url
        self.session_cookie = session_cookie
        self.pages = pages  # [(name, path)]
        self.owner_email = owner_email

    def cookie_for_playwright(self):
        return [{"name": "sessionid", "value": self.session_cookie, "url": self.base_url}]

    def set_theme(self, theme):
        from accounts.models import User

        User.objects.filter(email=self.owner_email).update(theme=theme)


def prepare(env):
    """Migrate, seed, make a share link and a signed-in session; returns the pages to audit."""
    manage(env, "collectstatic", "--noinput", "-v", "0")
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "seed_demo", "--seed", "1")
    os.environ.update(env)
    # The theme is switched between runs from inside Playwright's sync API, which keeps an event
    # loop running in this thread; nothing else here runs asynchronously.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    sys.path.insert(0, str(PROJECT))
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from accounts.models import User
    from journal import sharing
    from journal.data import demo
    from journal.models import Event

    owner = User.objects.get(email=demo.DEMO_EMAIL)
    nights = sorted(set(Event.objects.for_user(owner).values_list("night_of", flat=True)))
    last, first = nights[-1], nights[max(0, len(nights) - 28)]
    _, token = sharing.create_link(owner, first, last, 7, "Audit")
    session = SessionStore()
    session[SESSION_KEY] = str(owner.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = owner.get_session_auth_hash()
    session.create()
    pages = [
        ("home", "/"),
        ("log", "/log/"),
        ("nights", "/nights/"),
        ("night", f"/nights/{last:%Y-%m-%d}/"),
        ("patterns", "/patterns/"),
        ("report", "/report/"),
        ("share", f"/s/{token}/"),
    ]
    return session.session_key, pages, owner.email


@contextmanager
def production_site():
    with tempfile.TemporaryDirectory(prefix="nightjar-audit-") as workdir:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": f"sqlite:///{workdir}/audit.sqlite3",
            "STATIC_ROOT": f"{workdir}/static",
            # Plain HTTP on the loopback: a deployment's TLS proxy is not part of what is measured.
            "SECURE_COOKIES": "0",
            "SECURE_SSL_REDIRECT": "0",
            "SECURE_HSTS_SECONDS": "0",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "LOG_LEVEL": "ERROR",
            # manage.py marks its runs local (StaticFilesStorage); these are production ones.
            "NIGHTJAR_LOCAL": "0",
        }
        session_cookie, pages, owner_email = prepare(env)
        port = free_port()
        gunicorn = Path(sys.executable).parent / "gunicorn"
        server = subprocess.Popen(
            [str(gunicorn), "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}"],
            cwd=PROJECT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(Path(workdir) / "gunicorn.log").open("w"),
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            try:
                wait_until_up(f"{base_url}/accounts/login/", server)
            except SystemExit:
                print((Path(workdir) / "gunicorn.log").read_text()[-3000:], file=sys.stderr)
                raise
            yield Site(base_url, session_cookie, pages, owner_email), Path(workdir)
        finally:
            server.terminate()
            server.wait(timeout=20)


def phone_context(browser, site, **options):
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        base_url=site.base_url,
        **options,
    )
    context.add_cookies(site.cookie_for_playwright())
    return context


def kind_of(mime, url):
    if mime == "text/html":
        return "html"
    if mime == "text/css":
        return "css"
    if "javascript" in mime:
        return "js"
    return "other"


def measure_weight(browser, site):
    """Bytes transferred on a first load (empty cache) of each page, by kind of response.

    The service worker is blocked: it caches the app shell after the page has loaded, from the
    same files, and is not part of what the page needs to show."""
    rows = []
    for name, path in site.pages:
        context = phone_context(browser, site, service_workers="block")
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        kinds, sizes, decoded = {}, {}, {}
        cdp.on(
            "Network.responseReceived",
            lambda event, kinds=kinds: kinds.__setitem__(
                event["requestId"], kind_of(event["response"]["mimeType"], event["response"]["url"])
            ),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda event, sizes=sizes: sizes.__setitem__(
                event["requestId"], event["encodedDataLength"]
            ),
        )
        cdp.on(
            "Network.dataReceived",
            lambda event, decoded=decoded: decoded.__setitem__(
                event["requestId"], decoded.get(event["requestId"], 0) + event["dataLength"]
            ),
        )
        page.goto(path, wait_until="load")
        page.wait_for_load_state("networkidle")
        by_kind = {"html": 0, "css": 0, "js": 0, "other": 0}
        for request_id, size in sizes.items():
            by_kind[kinds.get(request_id, "other")] += int(size)
        rows.append(
            {
                "page": name,
                "path": path,
                "requests": len(sizes),
                **by_kind,
                "total": sum(by_kind.values()),
                "html_unzipped": sum(
                    size for request_id, size in decoded.items() if kinds.get(request_id) == "html"
                ),
                "budget": BUDGETS.get(path),
                "dom_nodes": page.evaluate("document.getElementsByTagName('*').length"),
            }
        )
        context.close()
    return rows


def run_axe(browser, site):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for theme in ("light", "dark"):
        site.set_theme(theme)
        context = phone_context(browser, site, service_workers="block")
        page = context.new_page()
        for name, path in site.pages:
            page.goto(path, wait_until="load")
            violations = axe.run(page).response["violations"]
            found[(name, theme)] = [
                (v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in violations
            ]
        context.close()
    site.set_theme("auto")
    return found


LIGHTHOUSE_TRIES = 3


def lighthouse_once(site, path, report, headers):
    """One Lighthouse run. Lighthouse sometimes fails to record the page load's trace
    (NO_NAVSTART, "Please run Lighthouse again"): such a run is tried again, up to three times."""
    for attempt in range(1, LIGHTHOUSE_TRIES + 1):
        finished = subprocess.run(
            [
                "node",
                str(LIGHTHOUSE),
                site.base_url + path,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                "--only-categories=performance,accessibility,best-practices",
                "--chrome-flags=--headless --no-sandbox --disable-gpu --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync",
                f"--extra-headers={headers}",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
        )
        if finished.returncode == 0:
            break
        if attempt == LIGHTHOUSE_TRIES:
            finished.check_returncode()
    data = json.loads(report.read_text())
    scores = {key: round(cat["score"] * 100) for key, cat in data["categories"].items()}
    failing = sorted(
        audit_id
        for cat in data["categories"].values()
        if cat["id"] != "performance"
        for ref in cat["auditRefs"]
        if ref["weight"] > 0
        for audit_id in [ref["id"]]
        if data["audits"][audit_id]["score"] is not None and data["audits"][audit_id]["score"] < 1
    )
    metrics = data["audits"]
    return {
        **scores,
        "failing": failing,
        "lcp": metrics["largest-contentful-paint"]["numericValue"],
        "tbt": metrics["total-blocking-time"]["numericValue"],
        "cls": metrics["cumulative-layout-shift"]["numericValue"],
        "bytes": metrics["total-byte-weight"]["numericValue"],
        # Lighthouse's measure of this machine's CPU at the time (a typical desktop: ~1000+).
        "benchmark": data["environment"]["benchmarkIndex"],
    }


def run_lighthouse(site, workdir, runs):
    """Each page `runs` times; the run with the median performance score is kept, as Lighthouse's
    documentation advises for its run-to-run variance (more so on a shared, busy machine)."""
    headers = workdir / "lighthouse-headers.json"
    headers.write_text(json.dumps({"Cookie": f"sessionid={site.session_cookie}"}))
    results = {}
    for name, path in site.pages:
        attempts = [
            lighthouse_once(site, path, workdir / f"lighthouse-{name}-{run}.json", headers)
            for run in range(runs)
        ]
        attempts.sort(key=lambda attempt: attempt["performance"])
        results[name] = {
            **attempts[len(attempts) // 2],
            "all_performance": [attempt["performance"] for attempt in attempts],
        }
    return results


def run_nu(site, workdir):
    folder = workdir / "html"
    folder.mkdir()
    files = {}
    for name, path in site.pages:
        request = urllib.request.Request(
            site.base_url + path, headers={"Cookie": f"sessionid={site.session_cookie}"}
        )
        with urllib.request.urlopen(request) as response:
            target = folder / f"{name}.html"
            target.write_bytes(response.read())
            files[str(target)] = name
    checked = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(checked.stderr or '{"messages": []}')["messages"]
    found = {name: [] for name in files.values()}
    for message in messages:
        if message.get("type") == "error":
            name = files.get(message["url"].removeprefix("file:"), "?")
            found[name].append(f"line {message.get('lastLine', '?')}: {message['message']}")
    return found


def kb(size):
    return f"{size / 1000:.1f}"


def weight_table(rows):
    lines = [
        "| page | requests | HTML kB | CSS kB | JS kB | other kB | total kB | budget kB "
        "| DOM nodes | HTML unzipped kB |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        budget = ""
        if row["budget"]:
            verdict = "met" if row["total"] <= row["budget"] else "**missed**"
            budget = f"{kb(row['budget'])} ({verdict})"
        lines.append(
            f"| {row['page']} | {row['requests']} | {kb(row['html'])} | {kb(row['css'])} | "
            f"{kb(row['js'])} | {kb(row['other'])} | {kb(row['total'])} | {budget} | "
            f"{row['dom_nodes']} | {kb(row['html_unzipped'])} |"
        )
    return lines


def lighthouse_table(results):
    lines = [
        "| page | performance (median; all runs) | accessibility | best practices | LCP s | TBT ms "
        "| CLS | total kB | CPU benchmark | audits failing (not performance) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for name, r in results.items():
        target = PERFORMANCE_TARGET.get(name, 98)
        performance = f"{r['performance']}" + ("" if r["performance"] >= target else " (missed)")
        performance += f"; {', '.join(map(str, r['all_performance']))}"
        lines.append(
            f"| {name} | {performance} | {r['accessibility']} | {r['best-practices']} | "
            f"{r['lcp'] / 1000:.1f} | {r['tbt']:.0f} | {r['cls']:.3f} | {kb(r['bytes'])} | "
            f"{r['benchmark']:.0f} | "
            f"{', '.join(r['failing']) or 'none'} |"
        )
    return lines


def axe_table(found, pages):
    lines = ["| page | light theme | dark theme |", "|---|---|---|"]
    for name, _ in pages:
        cells = []
        for theme in ("light", "dark"):
            violations = found[(name, theme)]
            cells.append(
                "; ".join(
                    f"{rule} ({impact}, {count} node{'s' if count > 1 else ''}: "
                    f"`{' '.join(map(str, target))}`)"
                    for rule, impact, count, target in violations
                )
                or "0"
            )
        lines.append(f"| {name} | {cells[0]} | {cells[1]} |")
    return lines


def nu_table(found):
    lines = ["| page | errors | first errors |", "|---|--:|---|"]
    for name, errors in found.items():
        shown = "; ".join(e.replace("|", "\\|") for e in errors[:3])
        lines.append(f"| {name} | {len(errors)} | {shown} |")
    return lines


def write_doc(sections):
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    body = [BEGIN, "", f"Measured {stamp} by `make audit` (scripts/audit.py).", ""]
    for title, lines in sections:
        body += [f"### {title}", "", *lines, ""]
    body.append(END)
    generated = "\n".join(body)
    if DOC.exists() and BEGIN in DOC.read_text():
        text = DOC.read_text()
        before, rest = text.split(BEGIN, 1)
        after = rest.split(END, 1)[1]
        DOC.write_text(before + generated + after)
    else:
        DOC.write_text("# Audit\n\n" + generated + "\n")
    print(f"Wrote {DOC.relative_to(PROJECT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weight-only", action="store_true", help="measure only page weight")
    parser.add_argument("--no-doc", action="store_true", help="print, do not write docs/audit.md")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (median)")
    options = parser.parse_args()
    # Stopped from outside, still stop gunicorn and remove the temporary folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    if not options.weight_only:
        missing = [str(tool) for tool in (LIGHTHOUSE, VNU) if not tool.exists()]
        if missing or not shutil.which("java"):
            raise SystemExit(
                "The audit needs lighthouse and vnu-jar in .audit/ and Java: run `make audit`."
            )

    from playwright.sync_api import sync_playwright

    sections = []
    with production_site() as (site, workdir), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        rows = measure_weight(browser, site)
        sections.append(("Page weight, first load (bytes transferred, gzip)", weight_table(rows)))
        print("\n".join(sections[-1][1]))
        if not options.weight_only:
            found_axe = run_axe(browser, site)
            sections.append(("axe-core violations", axe_table(found_axe, site.pages)))
            print("\n".join(sections[-1][1]))
        browser.close()
        if not options.weight_only:
            found_nu = run_nu(site, workdir)
            sections.append(("Nu HTML checker errors", nu_table(found_nu)))
            print("\n".join(sections[-1][1]))
            scores = run_lighthouse(site, workdir, options.runs)
            sections.append(("Lighthouse (mobile)", lighthouse_table(scores)))
            print("\n".join(sections[-1][1]))
    if not options.no_doc and not options.weight_only:
        write_doc(sections)


if __name__ == "__main__":
    main()
