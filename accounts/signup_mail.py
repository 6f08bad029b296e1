"""Signing up without telling anyone whether an email has an account.

Sign-up asks only for the email and answers every address the same way: "we sent a link to …",
with one email sent. A new address gets a link to finish setting up the account; an address that
already has one gets a note to its owner instead ("someone tried to sign up with your address"),
and no second account. The link carries the email signed with the site's key and a timestamp
(django.core.signing): nothing is stored until the account is made, and no secret is kept.
"""

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from .models import User

SALT = "accounts.signup"
LINK_HOURS = 24
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


def send_link(request, email: str):
    """Mail a new address its link, or an address with an account a note to its owner."""
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


def mail_is_printed() -> bool:
    """True when mail goes to the terminal running Nightjar (local runs) rather than out."""
    return settings.EMAIL_BACKEND == CONSOLE_BACKEND
