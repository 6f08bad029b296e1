"""The partner's own link: a way for a bed partner to add what they saw, with no account.

Like a clinician share link (journal/sharing.py), the token is 256 random bits, stored only as
its SHA-256 hash; revoking it takes effect at once, and it may expire. The page it opens can add
partner reports to the owner's journal and show the ones this phone added in the last few
minutes (to undo them), and nothing else. A phone is told apart by a random secret in a cookie,
stored with each report only as a hash.
"""

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import timedelta

import segno
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from journal.models import PartnerLink, PartnerReport
from journal.sharing import TOKEN_BYTES, hash_token

MAX_ACTIVE_LINKS = 10
# What a partner may undo: what this phone added in the last few minutes.
UNDO_MINUTES = 10
# A real night needs a handful of reports; a burst beyond this is refused (and said so).
MAX_SAVES = 20
SAVES_WINDOW = timedelta(minutes=10)
DEVICE_COOKIE = "nightjar_partner_device"
DEVICE_SECRET = re.compile(r"[A-Za-z0-9_-]{43}")
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


def create_link(owner, label: str, days: int | None) -> tuple[PartnerLink, str]:
    """A new link for `label`, working for `days` days (None: until revoked); the token is
    returned once, to be shown once."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = timezone.now() + timedelta(days=days) if days else None
    link = PartnerLink.objects.create(
        owner=owner, token_hash=hash_token(token), label=label, expires_at=expires_at
    )
    return link, token


def active(queryset):
    now = timezone.now()
    return queryset.filter(revoked_at__isnull=True).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)
    )


def active_links(owner):
    return active(PartnerLink.objects.for_user(owner))


def open_link(token: str) -> PartnerLink:
    """The active link for a token, marked as used now; anything else is a plain 404."""
    link = None
    if TOKEN.fullmatch(token or ""):
        link = (
            active(PartnerLink.objects.select_related("owner"))
            .filter(token_hash=hash_token(token))
            .first()
        )
    if link is None:
        raise Http404("This link does not exist or no longer works.")
    PartnerLink.objects.filter(pk=link.pk).update(last_used_at=timezone.now())
    return link


def device_secret(cookie_value: str | None) -> tuple[str, bool]:
    """This phone's secret from its cookie, or a new one: (secret, is_new)."""
    if cookie_value and DEVICE_SECRET.fullmatch(cookie_value):
        return cookie_value, False
    return secrets.token_urlsafe(32), True


def device_hash(secret: str) -> str:
    return hashlib.sha256(f"partner-device:{secret}".encode()).hexdigest()


def too_many_saves(link: PartnerLink) -> bool:
    """More reports through this link in the last ten minutes than a real night needs."""
    since = timezone.now() - SAVES_WINDOW
    saved = PartnerReport.objects.filter(partner_link=link, created_at__gte=since)
    return saved.count() >= MAX_SAVES


def added_recently(link: PartnerLink, device: str):
    """The reports this phone added through this link in the last UNDO_MINUTES: all it may see."""
    since = timezone.now() - timedelta(minutes=UNDO_MINUTES)
    return PartnerReport.objects.filter(
        partner_link=link, added_by_device=device, created_at__gte=since
    ).order_by("-created_at")


@dataclass(frozen=True)
class QrDrawing:
    """A QR code as an SVG template draws it: a square of `size` modules (quiet zone included)
    and the dark modules as horizontal runs (x, y, width)."""

    size: int
    runs: list[tuple[int, int, int]]


QUIET_ZONE = 4  # modules of white around the code, as the QR standard asks


def qr_drawing(text: str) -> QrDrawing:
    code = segno.make(text, error="m", micro=False)
    runs = []
    for y, row in enumerate(code.matrix):
        x = 0
        while x < len(row):
            if row[x]:
                start = x
                while x < len(row) and row[x]:
                    x += 1
                runs.append((start + QUIET_ZONE, y + QUIET_ZONE, x - start))
            else:
                x += 1
    return QrDrawing(size=len(code.matrix) + 2 * QUIET_ZONE, runs=runs)
