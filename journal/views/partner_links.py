"""The sleeper's side of partner links: create one (shown once, with a QR code), see when each
was last used, revoke one at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from journal import partner_links
from journal.access import get_owned_or_404
from journal.forms.partner_links import PartnerLinkForm
from journal.models import PartnerLink

NEW_TOKEN_KEY = "partner_new_token"


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def partner_links_page(request):
    """Create a link (POST), then show it once; list the links that still work."""
    if request.method == "POST":
        form = PartnerLinkForm(request.POST, owner=request.user)
        if form.is_valid():
            link, token = partner_links.create_link(
                request.user, form.cleaned_data["label"], form.cleaned_data["lasts"]
            )
            # Kept in the session only until the next page shows it; the database has the hash.
            request.session[NEW_TOKEN_KEY] = [str(link.pk), token]
            return redirect("partner_links")
    else:
        form = PartnerLinkForm(owner=request.user)
    links = list(partner_links.active_links(request.user))
    new_link = new_link_url = qr = None
    pending = request.session.pop(NEW_TOKEN_KEY, None)
    if pending:
        link_id, token = pending
        new_link = next((link for link in links if str(link.pk) == link_id), None)
        if new_link is not None:
            new_link_url = request.build_absolute_uri(reverse("partner_page", args=[token]))
            qr = partner_links.qr_drawing(new_link_url)
    return render(
        request,
        "journal/partner_links.html",
        {
            "form": form,
            "links": links,
            "new_link": new_link,
            "new_link_url": new_link_url,
            "qr": qr,
            "undo_minutes": partner_links.UNDO_MINUTES,
            "nav": "settings",
        },
    )


@login_required
@require_POST
def partner_link_revoke(request, pk):
    link = get_owned_or_404(PartnerLink, request.user, pk=pk)
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
    messages.success(request, f"The link for {link.label} is revoked: it no longer opens anything.")
    return redirect("partner_links")
