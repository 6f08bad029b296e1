"""Fill a database with years of demo data, then time the main pages against a one-query floor.

Run it on a database of its own (`make bench` uses bench.sqlite3, or DATABASE_URL): it deletes
its previous bench accounts (unless --keep) and refuses a database with anyone else's account
unless --force. `make bench` runs it with the production settings (DEBUG off, the cached
template loader, the manifest static storage after a collectstatic into a temporary folder);
the first line of its output says which settings it ran with. Results: docs/benchmark.md.
"""

import gc
import time
import warnings

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.template import engines
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import User
from journal import bench, figures
from journal.data import demo
from journal.management.commands.seed_demo import BENCHMARK_DENSITY
from journal.models import Event, NightFigures
from journal.review import periods

BENCH_EMAIL = "bench@nightjar.test"
# A year at the demo's own density, for the PDF at the size a real journal has.
DEMO_EMAIL = "bench-demo@nightjar.test"
DEMO_NIGHTS = 365
WARM_UP_RUNS = 2


class Command(BaseCommand):
    help = (
        "Fill the database with N years of demo data for one bench account, then print the "
        "median and 95th-percentile server time and query count of the main pages, each as a "
        "multiple of a minimal signed-in page (the floor)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--years", type=float, default=10, help="Years of nights (10).")
        parser.add_argument(
            "--nights", type=int, help="Number of nights instead of years (for quick checks)."
        )
        parser.add_argument("--runs", type=int, default=20, help="Timed requests per page (20).")
        parser.add_argument("--seed", type=int, default=1, help="Random seed of the demo (1).")
        parser.add_argument(
            "--no-pdf",
            action="store_true",
            help="Leave out the report PDFs (each takes seconds).",
        )
        parser.add_argument(
            "--keep",
            action="store_true",
            help="Time the journals already seeded by an earlier run (same size and seed) "
            "instead of seeding them again.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even though the database holds other people's accounts.",
        )

    def handle(self, *args, **options):
        nights_count = options["nights"] or round(options["years"] * 365)
        if nights_count < 1:
            raise CommandError("Bench at least one night.")
        if options["runs"] < 1:
            raise CommandError("--runs must be at least 1.")
        others = User.objects.exclude(email__in=(BENCH_EMAIL, DEMO_EMAIL))
        if others.exists() and not options["force"]:
            raise CommandError(
                f"This database ({self.database_name()}) has {others.count()} other account(s). "
                "Run the bench on its own database (make bench uses bench.sqlite3), "
                "or pass --force."
            )
        owners = {
            bench.HEAVY: self.seeded(BENCH_EMAIL, nights_count, options, BENCHMARK_DENSITY),
            bench.DEMO: self.seeded(DEMO_EMAIL, min(nights_count, DEMO_NIGHTS), options, 1.0),
        }
        with (
            override_settings(
                ROOT_URLCONF="journal.bench",
                ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
                DEBUG=False,
            ),
            warnings.catch_warnings(),
        ):
            # WhiteNoise warns when collectstatic has not run (a local run); it does not matter.
            warnings.filterwarnings("ignore", "No directory at", UserWarning)
            measurements = self.measure(owners, options["runs"], pdf=not options["no_pdf"])
        self.stdout.write(
            f"\n{connection.vendor}, {nights_count} nights, {options['runs']} runs per page "
            f"({bench.PDF_RUNS} per PDF) in turns (each right after an untimed one), after "
            f"{WARM_UP_RUNS} warm-up requests; server time through the test client with the "
            f"full middleware stack. Settings: {self.settings_line()}.\n"
        )
        self.stdout.write(bench.table(measurements))

    def settings_line(self) -> str:
        """What the production-likeness of the run rests on, as one line."""
        storage = settings.STORAGES["staticfiles"]["BACKEND"].rsplit(".", 1)[-1]
        cached = any("cached" in str(loader) for loader in engines["django"].engine.loaders)
        return (
            f"DEBUG {'on' if settings.DEBUG else 'off'}, "
            f"{'cached' if cached else 'uncached'} template loader, {storage}, "
            f"{'production' if not settings.LOCAL else 'local'} settings"
        )

    def seeded(self, email, nights_count, options, density):
        """The bench account `email`: kept from an earlier run with --keep, else seeded anew."""
        if options["keep"]:
            owner = User.objects.filter(email=email).first()
            if owner is not None:
                self.stdout.write(f"Kept {email}: {Event.objects.for_user(owner).count()} events.")
                if not NightFigures.objects.for_user(owner).exists():
                    # Seeded before the stored figures existed: build them now, untimed.
                    figures.rebuild(owner)
                return owner
        return self.fill(email, nights_count, options["seed"], density)

    def database_name(self):
        return f"{connection.vendor} {connection.settings_dict['NAME']}"

    def fill(self, email, nights_count, seed, density):
        """A fresh bench account with the demo journal of `nights_count` nights before today."""
        started = time.monotonic()
        with transaction.atomic():
            User.objects.filter(email=email).delete()
            owner = User.objects.create_user(
                email=email, password=None, time_zone=demo.DEMO_TIME_ZONE
            )
            journal = demo.build_demo(
                owner,
                end_date=timezone.now().astimezone(owner.tz).date(),
                nights_count=nights_count,
                seed=seed,
                density=density,
            )
            demo.save_bulk(journal, owner.tz)
        # Fresh statistics, so PostgreSQL plans as it would for a long-standing journal.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        self.stdout.write(
            f"Bench journal on {self.database_name()}: {len(journal.diaries)} diaries, "
            f"{len(journal.events)} events, {len(journal.partner_reports)} partner reports, "
            f"{len(journal.checkins)} check-ins ({time.monotonic() - started:.1f} s)."
        )
        return owner

    def measure(self, owners, runs, pdf=True):
        """Warm up and count queries page by page, then time the pages in turns.

        Taking turns spreads any load from other programs evenly over the pages, so the ratios
        to the floor stay fair on a busy machine.
        """
        clients = {}
        for journal, owner in owners.items():
            clients[journal] = Client()
            clients[journal].force_login(owner)
        heavy = owners[bench.HEAVY]
        last_night = periods.last_night(heavy)
        pages = [page for page in bench.pages(last_night) if pdf or not page.max_runs]
        query_counts = {}
        for page in pages:
            client = clients[page.journal]
            # A PDF's counted request is its warm-up: each one takes seconds.
            for _ in range(0 if page.max_runs else WARM_UP_RUNS):
                self.fetch(client, page)
            # Counted on a request of its own: capturing queries slows the cursor a little.
            with CaptureQueriesContext(connection) as queries:
                self.fetch(client, page)
            query_counts[page] = len(queries)
        times_ms = {page: [] for page in pages}
        for run in range(runs):
            for page in pages:
                if page.max_runs and run >= page.max_runs:
                    continue
                client = clients[page.journal]
                # Each page pays for collecting its own garbage, not for the page before it,
                # and is timed warm (an untimed request first), as on a server in steady use.
                gc.collect()
                if not page.max_runs:
                    self.fetch(client, page)
                started = time.perf_counter()
                self.fetch(client, page)
                times_ms[page].append((time.perf_counter() - started) * 1000)
        return [bench.Measurement(page, times_ms[page], query_counts[page]) for page in pages]

    def fetch(self, client, page):
        # secure: production settings redirect plain HTTP to HTTPS.
        response = client.get(page.url, secure=True)
        if response.status_code != 200:
            raise CommandError(f"{page.url} answered {response.status_code}, not 200.")
        return response
