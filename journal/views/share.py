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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from journal import sharing
from journal.access import get_owned_or_404
from journal.forms.share import ShareLinkForm
from journal.models import ShareLink
from journal.review import periods
from journal.review.report_render import render_report, report_pdf_response

NEW_TOKEN_KEY = "share_new_token"


@login_required
@require_http_methods(["GET", "POST"])
def share(request):
    """Create a link (POST), then show it once; list the links still active."""
    if request.method == "POST":
        form = ShareLinkForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            link, token = sharing.create_link(
                request.user, data["first"], data["last"], data["days"], data["label"]
            )
            # Kept in the session only until the next page shows it; the database has the hash.
            request.session[NEW_TOKEN_KEY] = [str(link.pk), token]
            return redirect("share")
    else:
        form = ShareLinkForm(user=request.user)
    new_link_url = None
    new_link = None
    pending = request.session.pop(NEW_TOKEN_KEY, None)
    active = list(
        ShareLink.objects.for_user(request.user).filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
    )
    if pending:
        link_id, token = pending
        new_link = next((link for link in active if str(link.pk) == link_id), None)
        if new_link is not None:
            new_link_url = request.build_absolute_uri(reverse("shared_report", args=[token]))
    return render(
        request,
        "journal/share.html",
        {
            "form": form,
            "links": active,
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
