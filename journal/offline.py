"""Logging with no connection: the service worker's script, the account key queued entries carry,
and the JSON answers the page's script reads when it sends an entry it kept on the phone.

The service worker (static/js/sw.js) is served from the site root by journal/views/offline.py
with the settings below placed above it: its version (a hash of its own text, the app shell's
addresses and those files' contents, so any deploy that changes them replaces it) and what it
caches. docs/offline.md describes the behaviour for people.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.crypto import salted_hmac

# The files every page needs to open with no connection (static/ paths).
SHELL_STATIC = (
    "vendor/bootstrap/bootstrap.min.css",
    "css/nightjar.css",
    "js/theme.js",
    "js/queue.js",
    "js/offline.js",
    "js/log.js",
    "js/partner.js",
    "js/notes_counter.js",
    "icons/nightjar.svg",
    "icons/nightjar-192.png",
)
# Pages kept for the signed-in account (dropped on signing out or when another account appears).
SHELL_PAGES = ("home", "log")
SERVICE_WORKER_SOURCE = "js/sw.js"


def account_key(user) -> str:
    """An opaque key for the signed-in account: entries kept on the phone carry it, and are sent
    (and accepted) only while that same account is signed in. Empty when signed out."""
    if not getattr(user, "is_authenticated", False):
        return ""
    return salted_hmac("nightjar.offline.account", str(user.pk)).hexdigest()[:32]


def wants_json(request) -> bool:
    """The page's script asks for JSON; a plain form never does."""
    return request.headers.get("Accept", "").split(",")[0].strip() == "application/json"


def saved(entry, created: bool, url: str) -> JsonResponse:
    return JsonResponse(
        {"status": "saved", "created": created, "id": str(entry.pk), "url": url},
        status=201 if created else 200,
    )


REFUSALS = {
    "signed_out": (401, "You are signed out. Sign in to send it."),
    "other_account": (
        409,
        "This phone is signed in to a different account than the one it was "
        "saved for. Sign in to that account to send it.",
    ),
    "invalid": (400, "The entry was not accepted: open it in the form to fix it."),
    "too_many": (
        429,
        "That is more entries in a few minutes than a night needs, so this one "
        "waits. Nothing is lost: it is sent again in a few minutes.",
    ),
}


def refused(reason: str, message: str | None = None, errors=None) -> JsonResponse:
    """Why an entry was not stored, for the page to show next to it (it stays on the phone)."""
    status, default = REFUSALS[reason]
    body = {"status": "refused", "reason": reason, "message": message or default}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=status)


def form_refusal(form) -> JsonResponse:
    errors = {name: [str(text) for text in messages] for name, messages in form.errors.items()}
    words = " ".join(message for messages in errors.values() for message in messages)
    return refused("invalid", f"Not accepted: {words} Open it in the form to fix it.", errors)


def _file_text(path: str) -> bytes:
    found = finders.find(path)
    if found is None:
        raise FileNotFoundError(path)
    with open(found, "rb") as source:
        return source.read()


def _build_script() -> str:
    shell = [static(path) for path in SHELL_STATIC] + [reverse("offline"), reverse("manifest")]
    config = {
        "shell": shell,
        "pages": [reverse(name) for name in SHELL_PAGES],
        "partnerPrefix": "/p/",
        "offlinePage": reverse("offline"),
        "queueScript": static("js/queue.js"),
        "sessionUrl": reverse("offline_session"),
    }
    source = _file_text(SERVICE_WORKER_SOURCE)
    digest = hashlib.sha256(source)
    digest.update(json.dumps(config, sort_keys=True).encode())
    for path in SHELL_STATIC:
        digest.update(_file_text(path))
    config["version"] = digest.hexdigest()[:16]
    return f"self.NIGHTJAR = {json.dumps(config, sort_keys=True)};\n{source.decode()}"


_built_once = cache(_build_script)


def service_worker_script() -> str:
    """The service worker's text. Deployed, the static files cannot change under a running
    process, so it is built once; on a developer's machine it follows every edit."""
    return _build_script() if settings.DEBUG or settings.LOCAL else _built_once()
