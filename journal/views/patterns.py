"""The weekly review, the "How the estimates work" page and the summary API.

All three read review/summary.py through review/periods.py, so the page and the API can never
disagree. The views only pick the period and hand the summary to templates or JSON.
"""

from datetime import timedelta

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from journal.forms.queries import RANGE_WEEKS, PatternsQueryForm, SummaryQueryForm
from journal.review.periods import load_period, summary_for
from journal.review.summary import ALCOHOL_MIN_NIGHTS, summarize
from journal.review.summary_display import summary_context
from journal.rules import hints, nights
from journal.rules.vocabulary import METRICS, STAGES, WINDOWS


@login_required
@require_GET
def patterns(request):
    """This week and the week before (or ?week=YYYY-Www and its week before), or ?weeks=4|8|12."""
    user = request.user
    this_monday = nights.monday_of(nights.night_of(timezone.now(), user.tz))
    query = PatternsQueryForm(request.GET, this_monday=this_monday)
    if query.chosen_weeks:
        return weeks_page(request, this_monday, query.chosen_weeks)
    return week_page(request, this_monday, query.chosen_monday, query.problem)


def weeks_page(request, this_monday, count):
    """The last `count` weeks, this one included."""
    first = this_monday - timedelta(weeks=count - 1)
    summary = summary_for(request.user, first, this_monday + timedelta(days=6))
    return render(
        request,
        "journal/patterns_range.html",
        {
            "nav": "patterns",
            "weeks_shown": count,
            "range_weeks": RANGE_WEEKS,
            **summary_context(summary, clock=request.user.clock),
        },
    )


def week_page(request, this_monday, monday, problem):
    """One week beside the week before, with the note for a bad parameter if there was one."""
    before = monday - timedelta(weeks=1)
    # One load for both weeks; the week before is also read for the "first ever" red flag.
    period = load_period(request.user, before, monday + timedelta(days=6))
    summary = summarize(period.narrowed(monday, monday + timedelta(days=6)))
    previous = summarize(period.narrowed(before, before + timedelta(days=6)))
    next_monday = monday + timedelta(weeks=1)
    return render(
        request,
        "journal/patterns.html",
        {
            "nav": "patterns",
            "problem": problem,
            "week": nights.iso_week(monday),
            "monday": monday,
            "sunday": monday + timedelta(days=6),
            "is_this_week": monday == this_monday,
            "previous": previous,
            "week_before": nights.iso_week(before),
            "next_week": nights.iso_week(next_monday) if next_monday <= this_monday else None,
            "range_weeks": RANGE_WEEKS,
            **summary_context(summary, clock=request.user.clock, compare=previous),
        },
    )


def how_it_works(request):
    """The night rule, the windows, "estimated", the metrics, and every hint's threshold and
    source, in plain words (open to everyone: it holds no personal data)."""
    return render(
        request,
        "journal/how_it_works.html",
        {
            "nav": "patterns",
            "windows": WINDOWS.choices,
            "falling_asleep_minutes": nights.FALLING_ASLEEP_MINUTES,
            "metrics": [
                (metric.abbreviation, metric.label, metric.definition) for metric in METRICS
            ],
            "hint_rules": hints.HINT_RULES.values(),
            "red_flag_rules": hints.RED_FLAG_RULES.values(),
            "alcohol_min_nights": ALCOHOL_MIN_NIGHTS,
            "stages": STAGES.choices,
        },
    )


@require_GET
def api_summary(request):
    """GET /api/summary?from=YYYY-MM-DD&to=YYYY-MM-DD: the signed-in user's summary (§6)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to see your summary."}, status=401)
    query = SummaryQueryForm(request.GET, today=timezone.now().astimezone(request.user.tz).date())
    if not query.is_valid():
        parameter, message = query.first_error
        return JsonResponse({"error": message, "parameter": parameter}, status=400)
    first, last = query.cleaned_data["from"], query.cleaned_data["to"]
    return JsonResponse(summary_for(request.user, first, last).as_json())
