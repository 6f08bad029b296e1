"""Red flags at the moment an entry is saved: the guidance at once, a notice on the home page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from journal import red_flags
from journal.access import get_owned_or_404
from journal.models import RedFlagNotice


def announce(request, entry):
    """After a form saved `entry`: keep a home-page notice, and put each rule's guidance and its
    source at the top of the next page (before the "saved" message)."""
    if red_flags.raise_notice(entry) is None:
        return
    for rule in red_flags.guidance(entry):
        messages.error(
            request,
            f"Seek medical attention — {rule.title}. {rule.guidance} Source: {rule.source}",
        )


@login_required
@require_POST
def acknowledge(request, pk):
    """ "I have seen this": the notice leaves the home page (the entry keeps its red flag)."""
    notice = get_owned_or_404(RedFlagNotice, request.user, pk=pk)
    if notice.acknowledged_at is None:
        notice.acknowledged_at = timezone.now()
        notice.save(update_fields=["acknowledged_at"])
    return redirect("home")
