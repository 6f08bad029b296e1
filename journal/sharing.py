"""Clinician share links: an unguessable token, stored only as its hash."""

import hashlib
import secrets
from datetime import timedelta

from django.http import Http404
from django.utils import timezone

from journal.models import ShareLink

TOKEN_BYTES = 32  # 256 random bits; the issue asks for at least 128
MAX_DAYS = 30


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_link(owner, first_night, last_night, days, label="") -> tuple[ShareLink, str]:
    """Make a link valid for `days` days; returns the link and the token (shown once)."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = ShareLink(
        owner=owner,
        token_hash=hash_token(token),
        first_night=first_night,
        last_night=last_night,
        label=label,
        expires_at=timezone.now() + timedelta(days=days),
    )
    link.save()
    return link, token


def open_link(token: str) -> ShareLink:
    """The active link for a token, marked as opened now; anything else is a plain 404."""
    active = ShareLink.objects.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())
    link = active.select_related("owner").filter(token_hash=hash_token(token)).first()
    if link is None:
        raise Http404("This link does not exist or is no longer valid.")
    ShareLink.objects.filter(pk=link.pk).update(last_opened_at=timezone.now())
    return link
