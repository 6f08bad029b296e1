"""`manage.py unlock <email>`: lift a sign-in lockout (accounts/lockout.py) before it ends."""

import ipaddress

from django.core.management.base import BaseCommand, CommandError

from accounts import lockout


class Command(BaseCommand):
    help = (
        "Lets an email sign in again at once after too many wrong passwords; --address also "
        "clears the failures counted from a client address."
    )

    def add_arguments(self, parser):
        parser.add_argument("email", nargs="?", help="the email whose failures to forget")
        parser.add_argument("--address", help="a client address (IPv4 or IPv6) to unlock as well")

    def handle(self, *args, email=None, address=None, **options):
        if not email and not address:
            raise CommandError("Give an email, an --address, or both.")
        if address:
            try:
                address = str(ipaddress.ip_address(address))
            except ValueError as error:
                raise CommandError(f"{address!r} is not an IP address.") from error
        cleared = lockout.unlock(email=email, address=address)
        what = " and ".join(filter(None, [lockout.normalize_email(email), address]))
        self.stdout.write(f"Unlocked {what}: {cleared} failure record(s) cleared.")
