"""Create a demo account with weeks (or, for the benchmark, years) of believable journal data."""

import time
from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from journal.data import demo

# Above this many nights the rows are built and bulk-inserted rather than saved one by one.
BULK_FROM_NIGHTS = 400
# The benchmark wants a heavy user: about ten events a night (issue 3).
BENCHMARK_DENSITY = 3.8


class Command(BaseCommand):
    help = (
        "Create (or with --reset recreate) a demo account with about eight weeks of believable "
        "nights, events, partner reports and check-ins. Same --seed and --end-date, same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument("--weeks", type=int, default=8, help="Weeks of nights (default 8).")
        parser.add_argument(
            "--years", type=float, help="Years of nights instead of weeks (for the benchmark)."
        )
        parser.add_argument("--email", default=demo.DEMO_EMAIL)
        parser.add_argument("--password", default=demo.DEMO_PASSWORD)
        parser.add_argument(
            "--end-date",
            type=date.fromisoformat,
            help="Today, as YYYY-MM-DD: the last night seeded is the one before (default: today).",
        )
        parser.add_argument(
            "--density",
            type=float,
            help="Scale the events per night (default 1; with --years, a heavy user).",
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the account first if it exists."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already has any account (used by make run).",
        )

    def handle(self, *args, **options):
        email = User.objects.normalize_email(options["email"]).lower()
        password = options["password"]
        if options["if_empty"] and User.objects.exists():
            self.stdout.write(
                "The database already has accounts; no demo data added. "
                f"If the demo account is among them, sign in as {email} / {password}."
            )
            return
        nights_count = round(options["years"] * 365) if options["years"] else options["weeks"] * 7
        if nights_count < 1:
            raise CommandError("Seed at least one night.")
        density = options["density"] or (BENCHMARK_DENSITY if options["years"] else 1.0)
        started = time.monotonic()
        with transaction.atomic():
            owner = self.fresh_owner(email, password, reset=options["reset"])
            end_date = self.end_date(owner, options["end_date"])
            journal = demo.build_demo(
                owner,
                end_date=end_date,
                nights_count=nights_count,
                seed=options["seed"],
                density=density,
            )
            if nights_count >= BULK_FROM_NIGHTS:
                demo.save_bulk(journal, owner.tz)
            else:
                demo.save_checked(journal)
        first_night = end_date - timedelta(days=nights_count)
        self.stdout.write(
            f"Demo journal: {len(journal.diaries)} diaries, {len(journal.events)} events, "
            f"{len(journal.partner_reports)} partner reports, {len(journal.checkins)} check-ins, "
            f"{len(journal.stage_segments)} recorded sleep stage segments, "
            f"nights {first_night} to {end_date - timedelta(days=1)} "
            f"({time.monotonic() - started:.1f} s)."
        )
        self.stdout.write(self.style.SUCCESS(f"Sign in as {email} with password {password}"))

    def fresh_owner(self, email, password, *, reset):
        """The demo account, new; an existing one is deleted first only with --reset."""
        existing = User.objects.filter(email__iexact=email)
        if existing.exists():
            if not reset:
                raise CommandError(f"{email} already exists. Use --reset to recreate it.")
            existing.delete()
        return User.objects.create_user(
            email=email, password=password, time_zone=demo.DEMO_TIME_ZONE, **demo.DEMO_PROFILE
        )

    def end_date(self, owner, asked):
        """The --end-date given (never in the future), else today in the owner's zone."""
        today = timezone.now().astimezone(owner.tz).date()
        if asked and asked > today:
            raise CommandError("--end-date cannot be in the future.")
        return asked or today
