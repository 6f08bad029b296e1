"""Clinician share links: made and revoked from the account, opened by anyone with the token.

A link opens only its report period (HTML and PDF), through journal/sharing.py's `open_link`, which
answers a plain 404 for a wrong, expired or revoked token. The public views create no session and
render a standalone document with no link into the account.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journal import sharing
from journal.access import get_owned_or_404
from journal.forms.share import ShareLinkForm
from journal.models import ShareLink
from journal.review import periods
from journal.review.report_render import render_report, report_pdf_response


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def share(request):
    """Create a link (POST) and show it in that answer only; list the links still active.

    The token exists only in the answer to the POST that made it: the database keeps its hash
    and no session or later page holds it, so it cannot be shown, or read, a second time.
    """
    form = ShareLinkForm(request.POST if request.method == "POST" else None, user=request.user)
    new_link = new_link_url = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        new_link, token = sharing.create_link(
            request.user, data["first"], data["last"], data["days"], data["label"]
        )
        new_link_url = request.build_absolute_uri(reverse("shared_report", args=[token]))
        form = ShareLinkForm(user=request.user)
    active = ShareLink.objects.for_user(request.user).filter(
        revoked_at__isnull=True, expires_at__gt=timezone.now()
    )
    return render(
        request,
        "journal/share.html",
        {
            "form": form,
            "links": list(active),
            "new_link": new_link,
            "new_link_url": new_link_url,
            "max_days": sharing.MAX_DAYS,
        },
    )


@login_required
@require_POST
def share_revoke(request, pk):
    link = get_owned_or_404(ShareLink, request.user, pk=pk)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, "Link revoked. It no longer opens the report.")
    return redirect("share")


def shared_headers(response):
    # The token is in the address: keep it out of Referer headers, search engines and caches.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def shared_report(request, token):
    link = sharing.open_link(token)
    response = render_report(
        request,
        link.owner,
        periods.between(link.owner, link.first_night, link.last_night),
        "journal/report_document.html",
        {"pdf_url": reverse("shared_report_pdf", args=[token])},
    )
    return shared_headers(response)


@require_GET
def shared_report_pdf(request, token):
    link = sharing.open_link(token)
    response = report_pdf_response(
        request, link.owner, periods.between(link.owner, link.first_night, link.last_night)
    )
    return shared_headers(response)
