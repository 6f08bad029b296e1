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


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def partner_links_page(request):
    """Create a link (POST) and show it, with its QR code, in that answer only; list the links
    that still work. As with share links, only the POST's own answer ever holds the token."""
    form = PartnerLinkForm(request.POST if request.method == "POST" else None, owner=request.user)
    new_link = new_link_url = qr = None
    if request.method == "POST" and form.is_valid():
        new_link, token = partner_links.create_link(
            request.user, form.cleaned_data["label"], form.cleaned_data["lasts"]
        )
        new_link_url = request.build_absolute_uri(reverse("partner_page", args=[token]))
        qr = partner_links.qr_drawing(new_link_url)
        form = PartnerLinkForm(owner=request.user)
    return render(
        request,
        "journal/partner_links.html",
        {
            "form": form,
            "links": list(partner_links.active_links(request.user)),
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
