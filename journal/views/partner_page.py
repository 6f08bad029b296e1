"""The page a partner's own link opens (/p/<token>/): made for 3 a.m., no account needed.

It adds partner reports to the link owner's journal and shows only what this phone added in the
last few minutes, to undo; nothing else of the journal. A wrong, expired or revoked link is a
plain 404 (journal.partner_links.open_link). Answers JSON to the page's script, like /log/, so a
report kept on the phone while offline is sent later, once.
"""

import uuid

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journal import offline, partner_links, red_flags
from journal.access import insert_once
from journal.forms.partner_page import PartnerPageForm
from journal.forms.queries import prefilled
from journal.models import PartnerReport
from journal.rules.hints import EMERGENCY_NUMBERS
from journal.views.entries import BACKGROUND

DEVICE_COOKIE_DAYS = 400

PREFILL = ("id", "observations", "body_parts", "duration_seconds", "notes", "started_at")


def private(response):
    """The token is in the address: keep it out of Referer headers to other sites, search engines
    and caches. (Not "no-referrer": a form would then send "Origin: null" and fail CSRF.)"""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


def this_phone(request):
    """(secret, is_new): this phone's secret from its cookie, or a new one to set."""
    return partner_links.device_secret(request.COOKIES.get(partner_links.DEVICE_COOKIE))


def answer(response, token, secret, new_phone):
    """Every answer of the page: private, and telling a new phone its secret."""
    if new_phone:
        remember_phone(response, token, secret)
    return private(response)


def remember_phone(response, token, secret):
    response.set_cookie(
        partner_links.DEVICE_COOKIE,
        secret,
        max_age=DEVICE_COOKIE_DAYS * 24 * 3600,
        path=reverse("partner_page", args=[token]),
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def save_once(form, link, client_id):
    """(report, created), or (None, False) when the form has errors. A retry of a report this
    link already saved answers that report; an id that is anyone else's is a 404."""
    try:
        pk = uuid.UUID(client_id or "")
    except ValueError:
        pk = None
    if pk is not None:
        already = PartnerReport.objects.filter(partner_link=link, pk=pk).first()
        if already is not None:
            return already, False
    if partner_links.too_many_saves(link):
        raise TooMany
    if not form.is_valid():
        return None, False
    report = form.save(commit=False)
    report.pk = form.cleaned_data.get("id") or uuid.uuid4()
    return insert_once(report, pk=report.pk, partner_link=link)


class TooMany(Exception):
    """More saves through one link in a few minutes than a real night needs."""


@require_http_methods(["GET", "POST"])
def partner_page(request, token):
    link = partner_links.open_link(token)
    # Times on the page are the sleeper's (the partner is beside them), as the journal shows them.
    with timezone.override(link.owner.tz):
        return partner_page_in_zone(request, token, link)


def partner_page_in_zone(request, token, link):
    secret, new_phone = this_phone(request)
    device = partner_links.device_hash(secret)
    status = 200
    if request.method == "POST":
        as_json = offline.wants_json(request)
        form = PartnerPageForm(request.POST, link=link, device=device)
        try:
            report, created = save_once(form, link, request.POST.get("id"))
        except TooMany:
            if as_json:
                return answer(offline.refused("too_many"), token, secret, new_phone)
            report, created, status = None, False, 429
            form.add_error(None, offline.REFUSALS["too_many"][1])
        if report is not None:
            if created:
                red_flags.raise_notice(report)
            url = f"{reverse('partner_page', args=[token])}?saved={report.pk}"
            response = offline.saved(report, created, url) if as_json else redirect(url)
            return answer(response, token, secret, new_phone)
        if as_json:
            return answer(offline.form_refusal(form), token, secret, new_phone)
    else:
        form = PartnerPageForm(
            link=link, device=device, initial=prefilled(PartnerPageForm, request.GET, PREFILL)
        )
    recent = list(partner_links.added_recently(link, device))
    just_saved = next((r for r in recent if str(r.pk) == request.GET.get("saved")), None)
    response = render(
        request,
        "journal/partner_page.html",
        {
            "link": link,
            "token": token,
            "form": form,
            "recent": recent,
            "just_saved": just_saved,
            "red_flag_rules": red_flags.guidance(just_saved) if just_saved else [],
            "undone": request.GET.get("undone") == "1",
            "undo_minutes": partner_links.UNDO_MINUTES,
            "emergency_numbers": EMERGENCY_NUMBERS,
        },
        status=status,
    )
    return answer(response, token, secret, new_phone)


@require_POST
def partner_undo(request, token, pk):
    """Remove a report this phone added through this link in the last few minutes; anything
    else is a 404."""
    link = partner_links.open_link(token)
    secret, new_phone = this_phone(request)
    if new_phone:
        raise Http404("Nothing to undo from this phone.")
    report = partner_links.added_recently(link, partner_links.device_hash(secret)).filter(pk=pk)
    if not report.exists():
        raise Http404("Nothing to undo here.")
    report.delete()
    return private(redirect(f"{reverse('partner_page', args=[token])}?undone=1"))


@require_GET
def partner_manifest(request, token):
    """Its own web app manifest, so the partner can put their link on the home screen."""
    link = partner_links.open_link(token)
    start = reverse("partner_page", args=[token])
    data = {
        "name": f"Nightjar — {link.label}",
        "short_name": "Nightjar",
        "description": "Add what you see at night to a Nightjar journal.",
        "id": start,
        "start_url": start,
        "scope": start,
        "display": "standalone",
        "background_color": BACKGROUND,
        "theme_color": BACKGROUND,
        "icons": [
            {"src": static("icons/nightjar.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("icons/nightjar-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/nightjar-512.png"), "sizes": "512x512", "type": "image/png"},
        ],
    }
    return private(JsonResponse(data, content_type="application/manifest+json"))
