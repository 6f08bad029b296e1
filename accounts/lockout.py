"""Lockout of repeated failed sign-ins, with django-axes (settings: the AXES_* block).

Failures are counted per email and per client address, on the sign-in page and the admin's alike;
5 within 15 minutes pause signing in for that email, or from that address, until 15 minutes after
the last failure. An email is counted whether or not it has an account, so the pause looks the
same for both and tells nobody which emails are registered.
"""

import ipaddress
import math

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off, get_failure_limit
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone

EMAIL_MAX_LENGTH = 254  # RFC 5321; axes keeps at most 255 characters


def normalize_email(email) -> str | None:
    """One spelling per mailbox, as accounts are stored (lower case): "Sam@X" counts as "sam@x"."""
    if email is None:
        return None
    return str(email).strip().lower()[:EMAIL_MAX_LENGTH] or None


def email_of(request, credentials=None) -> str | None:
    """The email a sign-in tried (AXES_USERNAME_CALLABLE)."""
    if credentials and credentials.get("username") is not None:
        return normalize_email(credentials["username"])
    if request is not None:
        return normalize_email(request.POST.get("username"))
    return None


def _valid_address(text: str) -> str | None:
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        return None


def client_address(request) -> str | None:
    """The client's address (AXES_CLIENT_IP_CALLABLE).

    Behind `NIGHTJAR_PROXY_COUNT` proxies that each append the address they were reached from to
    X-Forwarded-For, the client is that many entries from the right: whatever a client writes in
    the header itself sits further left and is never read. A request that did not come through
    them (too few entries, or not an address) is placed at REMOTE_ADDR.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.NIGHTJAR_PROXY_COUNT
    if count > 0:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if len(forwarded) >= count:
            address = _valid_address(forwarded[-count])
            if address is not None:
                return address
    return _valid_address(remote or "")


def paused_until(request, credentials=None):
    """When signing in works again for this request's email and address: 15 minutes after the
    latest failure of whichever of the two reached the limit."""
    handler = AxesProxyHandler.get_implementation()
    limit = get_failure_limit(request, credentials)
    latest = None
    for attempts in handler.get_user_attempts(request, credentials):
        counted = attempts.aggregate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        if (counted["failures"] or 0) >= limit and counted["last"] is not None:
            latest = counted["last"] if latest is None else max(latest, counted["last"])
    return (latest or timezone.now()) + get_cool_off(request)


def locked_out_response(request, original_response=None, credentials=None):
    """The page a paused sign-in answers (AXES_LOCKOUT_CALLABLE): what happened and when to try
    again, with 429 and Retry-After."""
    until = paused_until(request, credentials)
    seconds = max(0, (until - timezone.now()).total_seconds())
    response = render(
        request,
        "registration/locked_out.html",
        {"minutes": max(1, math.ceil(seconds / 60)), "until": until},
        status=429,
    )
    response["Retry-After"] = str(math.ceil(seconds))
    return response


def unlock(email: str | None = None, address: str | None = None) -> int:
    """Forget the failures of an email and/or an address; returns how many records went."""
    cleared = 0
    if email:
        cleared += AxesProxyHandler.reset_attempts(username=normalize_email(email))
    if address:
        cleared += AxesProxyHandler.reset_attempts(ip_address=address)
    return cleared
