"""Your recorded sleep stages by device or app, and deleting everything one of them recorded."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max, Min
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from journal import figures
from journal.models import StageSegment
from journal.views.owned import ConfirmDelete


@dataclass(frozen=True)
class SourceLine:
    """What one device or app recorded: how many segments on how many nights, first to last."""

    source: str
    segments: int
    nights: int
    first_night: date
    last_night: date

    @property
    def delete_url(self) -> str:
        return f"{reverse('stage_source_delete')}?{urlencode({'source': self.source})}"


def source_lines(user, source: str | None = None) -> list[SourceLine]:
    """Each source of the person's recorded stages (or only `source`), in name order (one query)."""
    segments = StageSegment.objects.for_user(user)
    if source is not None:
        segments = segments.filter(source=source)
    rows = (
        segments.values("source")
        .annotate(
            segments=Count("pk"),
            nights=Count("night_of", distinct=True),
            first_night=Min("night_of"),
            last_night=Max("night_of"),
        )
        .order_by("source")
    )
    return [SourceLine(**row) for row in rows]


@login_required
@require_GET
def stage_sources(request):
    return render(
        request,
        "journal/stages.html",
        {"sources": source_lines(request.user), "nav": "settings"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def stage_source_delete(request):
    """Asks first, with how much will go; then deletes every segment of one source."""
    lines = source_lines(request.user, request.GET.get("source", ""))
    if not lines:
        raise Http404("No recorded stages from that source.")
    (line,) = lines
    if request.method == "POST":
        with figures.batched():  # each night's figures refreshed once, not once a segment
            StageSegment.objects.for_user(request.user).filter(source=line.source).delete()
        messages.success(
            request,
            f"Deleted {line.segments:,} recorded stage segments from {line.source}.",
        )
        return redirect("stage_sources")
    confirm = ConfirmDelete(
        title="Delete recorded stages",
        question=f"Delete every sleep stage recorded by {line.source}?",
        preview="journal/_stage_source.html",
        consequence=(
            "Your events, diaries and partner reports stay; they lose the stage this source "
            "recorded. You can import the file again later. This cannot be undone."
        ),
        keep_url=reverse("stage_sources"),
        button=f"Delete {line.segments:,} segments",
    )
    return render(request, "journal/confirm_delete.html", {"confirm": confirm, "line": line})
