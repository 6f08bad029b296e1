"""The weekly review, the "How the estimates work" page and the summary API.

All three read journal/summary.py through journal/periods.py, so the page and the API can never
disagree. The views only pick the period and hand the summary to templates or JSON.
"""

import re
from datetime import date, timedelta

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from .. import hints, nights
from ..charts import summary_figures
from ..periods import load_period, summary_for
from ..summary import ALCOHOL_MIN_NIGHTS, summarize
from ..vocabulary import METRICS, OBSERVATIONS, SIGNS, WINDOWS

RANGE_WEEKS = (4, 8, 12)
MAX_API_NIGHTS = 3660
WEEK_PATTERN = re.compile(r"^(\d{4})-W(\d{2})$")
DATE_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Far enough from date.min/date.max that week arithmetic around a period cannot overflow.
EARLIEST_NIGHT, LATEST_NIGHT = date(1900, 1, 1), date(9000, 12, 31)


def parse_week(text: str) -> date | None:
    """The Monday of an ISO week written like 2026-W48, or None when it is not one."""
    match = WEEK_PATTERN.match(text.strip())
    if not match:
        return None
    year, week = int(match[1]), int(match[2])
    if not EARLIEST_NIGHT.year <= year <= LATEST_NIGHT.year:
        return None
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        return None


def sleep_rows(summary) -> list[dict]:
    """The five sleep metrics with their plain-words definitions, for the sleep partial."""
    rows = []
    for metric in METRICS:
        value = getattr(summary.sleep, metric.key)
        rows.append(
            {
                "key": metric.abbreviation,
                "name": metric.label,
                "definition": metric.definition,
                "value": value,
                "shown": "Not enough entries" if value is None else f"{value:.0f} {metric.unit}",
            }
        )
    return rows


def summary_context(summary, *, clock: str, compare=None, prefix: str = "chart") -> dict:
    """What the _summary_* partials read: the summary, its charts and its labelled rows."""
    return {
        "summary": summary,
        "figures": summary_figures(summary, clock=clock, compare=compare, prefix=prefix),
        "sleep_rows": sleep_rows(summary),
        "partner_rows": [
            (OBSERVATIONS.label(key), count) for key, count in summary.partner_observations.items()
        ],
        "checkin_rows": [
            (checkin.date, [SIGNS.label(sign, "in_sentence") for sign in checkin.signs])
            for checkin in summary.checkins_with_signs
        ],
        "alcohol_min_nights": ALCOHOL_MIN_NIGHTS,
    }


@login_required
@require_GET
def patterns(request):
    """This week and the week before (or ?week=YYYY-Www and its week before), or ?weeks=4|8|12."""
    user = request.user
    clock = user.clock
    this_monday = nights.monday_of(nights.night_of(timezone.now(), user.tz))
    problem = None
    weeks_param = request.GET.get("weeks")
    week_param = request.GET.get("week")

    if weeks_param is not None:
        if weeks_param in {str(count) for count in RANGE_WEEKS}:
            count = int(weeks_param)
            first = this_monday - timedelta(weeks=count - 1)
            last = this_monday + timedelta(days=6)
            summary = summary_for(user, first, last)
            return render(
                request,
                "journal/patterns_range.html",
                {
                    "nav": "patterns",
                    "weeks_shown": count,
                    "range_weeks": RANGE_WEEKS,
                    **summary_context(summary, clock=clock),
                },
            )
        problem = "You can see the last 4, 8 or 12 weeks. Here is this week instead."

    monday = this_monday
    if week_param is not None and problem is None:
        parsed = parse_week(week_param)
        if parsed is None:
            problem = (
                f"“{week_param[:20]}” is not a week we can show (write it like "
                f"{nights.iso_week(this_monday)}). Here is this week instead."
            )
        else:
            monday = parsed

    before = monday - timedelta(weeks=1)
    # One load for both weeks; the week before is also read for the "first ever" red flag.
    period = load_period(user, before, monday + timedelta(days=6))
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
            **summary_context(summary, clock=clock, compare=previous),
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
        },
    )


def _bad_request(parameter: str, message: str) -> JsonResponse:
    return JsonResponse({"error": message, "parameter": parameter}, status=400)


@require_GET
def api_summary(request):
    """GET /api/summary?from=YYYY-MM-DD&to=YYYY-MM-DD: the signed-in user's summary (§6)."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Sign in to see your summary."}, status=401)
    dates = {}
    for parameter in ("from", "to"):
        text = request.GET.get(parameter, "").strip()
        if not text:
            return _bad_request(parameter, f"“{parameter}” is missing: give a date YYYY-MM-DD.")
        try:
            if not DATE_PATTERN.match(text):
                raise ValueError(text)
            dates[parameter] = date.fromisoformat(text)
        except ValueError:
            return _bad_request(parameter, f"“{parameter}” must be a date written YYYY-MM-DD.")
        if not EARLIEST_NIGHT <= dates[parameter] <= LATEST_NIGHT:
            return _bad_request(parameter, f"“{parameter}” is outside the years 1900 to 9000.")
    first, last = dates["from"], dates["to"]
    if last < first:
        return _bad_request("to", "“to” must be on or after “from”.")
    if (last - first).days + 1 > MAX_API_NIGHTS:
        return _bad_request("to", f"A summary covers at most {MAX_API_NIGHTS} nights.")
    return JsonResponse(summary_for(request.user, first, last).as_json())
