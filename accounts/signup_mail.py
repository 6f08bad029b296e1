"""Signing up without telling anyone whether an email has an account.

Sign-up asks only for the email and answers every address the same way: "we sent a link to …",
with one email sent. A new address gets a link to finish setting up the account; an address that
already has one gets a note to its owner instead ("someone tried to sign up with your address"),
and no second account. The link carries the email signed with the site's key and a timestamp
(django.core.signing): nothing is stored until the account is made, and no secret is kept.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from .models import SignUpMail, User

SALT = "accounts.signup"
LINK_HOURS = 24
# At most this many sign-up emails an hour to one address, whatever they say: enough for a
# person who mistyped or lost one, too few to flood a mailbox through the form.
MAILS_PER_HOUR = 3
CONSOLE_BACKEND = "django.core.mail.backends.console.EmailBackend"


class LinkError(Exception):
    """The link is not one Nightjar made, or it is older than LINK_HOURS."""


def make_token(email: str) -> str:
    return signing.dumps({"email": email}, salt=SALT)


def email_from_token(token: str) -> str:
    try:
        return signing.loads(token, salt=SALT, max_age=LINK_HOURS * 3600)["email"]
    except (signing.BadSignature, KeyError, TypeError) as error:
        raise LinkError from error


def has_account(email: str) -> bool:
    return User.objects.filter(email__iexact=email).exists()


def _may_mail(email: str) -> bool:
    """Counts this email against the address's hourly allowance; False once it is used up."""
    SignUpMail.objects.filter(sent_at__lt=timezone.now() - timedelta(hours=1)).delete()
    address_hash = salted_hmac(SALT, email, algorithm="sha256").hexdigest()
    if SignUpMail.objects.filter(address_hash=address_hash).count() >= MAILS_PER_HOUR:
        return False
    SignUpMail.objects.create(address_hash=address_hash)
    return True


def send_link(request, email: str) -> bool:
    """Mail a new address its link, or an address with an account a note to its owner; returns
    False, sending nothing, when the address has had MAILS_PER_HOUR already."""
    if not _may_mail(email):
        return False
    context = {"email": email, "hours": LINK_HOURS}
    if has_account(email):
        context.update(
            sign_in_url=request.build_absolute_uri(reverse("login")),
            reset_url=request.build_absolute_uri(reverse("password_reset")),
        )
        subject = "Someone tried to sign up to Nightjar with your address"
        template = "accounts/email/signup_existing.txt"
    else:
        path = reverse("signup_confirm", args=[make_token(email)])
        context["link"] = request.build_absolute_uri(path)
        subject = "Finish setting up your Nightjar account"
        template = "accounts/email/signup_link.txt"
    send_mail(subject, render_to_string(template, context), None, [email])
    return True


def mail_is_printed() -> bool:
    """True when mail goes to the terminal running Nightjar (local runs) rather than out."""
    return settings.EMAIL_BACKEND == CONSOLE_BACKEND
