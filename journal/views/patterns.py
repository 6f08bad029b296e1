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
from journal.review import periods
from journal.review.summary import ALCOHOL_MIN_NIGHTS
from journal.review.summary_display import summary_context
from journal.rules import hints, nights
from journal.rules.vocabulary import METRICS, STAGES, WINDOWS
from journal.templatetags.nightjar_format import week_label


@login_required
@require_GET
def patterns(request):
    """This week and the week before (or ?week=YYYY-Www and its week before), or ?weeks=4|8|12.

    The periods are review/periods.py's, the same as the report's and the API's.
    """
    user = request.user
    current = periods.this_week(user)
    query = PatternsQueryForm(request.GET, this_monday=current.first)
    if query.chosen_weeks:
        return weeks_page(request, periods.last_weeks(user, query.chosen_weeks))
    if query.chosen_monday != current.first:
        current = periods.week_of(query.chosen_monday, current.latest)
    return week_page(request, current, query.problem)


def weeks_page(request, period):
    """The last `period.weeks` weeks of nights, ending with the latest night."""
    summary = periods.period_summary(
        periods.summary_for(request.user, period.first, period.last), period
    )
    return render(
        request,
        "journal/patterns_range.html",
        {
            "nav": "patterns",
            "period": period,
            "weeks_shown": period.weeks,
            "range_weeks": RANGE_WEEKS,
            "report_query": period.query,
            **summary_context(summary, clock=request.user.clock),
        },
    )


def week_page(request, period, problem):
    """One week beside the week before, with the note for a bad parameter if there was one."""
    monday = period.first
    before = periods.week_of(monday - timedelta(weeks=1), period.latest)
    # Both weeks from the stored per-night figures (four queries each).
    summary = periods.period_summary(periods.summary_for(request.user, monday, period.last), period)
    previous = periods.period_summary(
        periods.summary_for(request.user, before.first, before.last), before
    )
    next_monday = monday + timedelta(weeks=1)
    this_monday = nights.monday_of(period.latest)
    return render(
        request,
        "journal/patterns.html",
        {
            "nav": "patterns",
            "problem": problem,
            "period": period,
            "week": nights.iso_week(monday),
            "week_label": week_label(monday, period.last),
            "monday": monday,
            "sunday": period.last,
            "is_this_week": monday == this_monday,
            "previous": previous,
            "week_before": nights.iso_week(before.first),
            "week_before_label": week_label(before.first, before.last),
            "next_week": nights.iso_week(next_monday) if next_monday <= this_monday else None,
            "next_week_label": week_label(next_monday, next_monday + timedelta(days=6)),
            "range_weeks": RANGE_WEEKS,
            "report_query": period.query,
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
    return JsonResponse(periods.summary_for(request.user, first, last).as_json())
