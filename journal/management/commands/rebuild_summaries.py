"""Rebuild the stored per-night figures (journal/figures.py) from the entries."""

import time

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from journal import figures


class Command(BaseCommand):
    help = (
        "Work out every night's stored summary figures again from the entries, for every "
        "account or one (--email). They are kept current on every write; this is for after a "
        "restore, a migration or a change made straight in the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", help="Only this account.")

    def handle(self, *args, **options):
        users = User.objects.order_by("pk")
        if options["email"]:
            users = users.filter(email__iexact=options["email"])
            if not users.exists():
                raise CommandError(f"No account {options['email']}.")
        started = time.monotonic()
        accounts = nights = 0
        for user in users.iterator():
            nights += figures.rebuild(user)
            accounts += 1
        self.stdout.write(
            f"Rebuilt the figures of {nights:,} nights for {accounts} account(s) "
            f"({time.monotonic() - started:.1f} s)."
        )
