"""A period's Summary laid out for reading: what the _summary_* partials show on /patterns/ and,
in their compact form, on page 1 of the doctor report (journal/review/report.py).

Pure: takes a journal.review.summary.Summary and returns labelled rows; the templates draw them.
"""

from dataclasses import dataclass

from journal.review.charts import summary_figures
from journal.review.summary import ALCOHOL_MIN_NIGHTS
from journal.rules.vocabulary import METRICS, OBSERVATIONS, SIGNS
from journal.templatetags.nightjar_format import one_decimal


@dataclass(frozen=True)
class Count:
    """One key figure: "Nights logged 5 of 7" (`of` None when it stands alone)."""

    term: str
    value: int | str
    of: int | None = None


def counts(summary, *, compact: bool = False) -> list[Count]:
    """The key figures. The report's compact row puts the diaries beside the nights logged and
    counts the nights woken out of the nights logged."""
    per_night = one_decimal(summary.events_per_logged_night)
    if compact:
        return [
            Count("Nights logged", summary.nights_logged, summary.nights),
            Count("Morning diaries", summary.nights_with_diary),
            Count("Events", summary.events),
            Count("Events / logged night", per_night),
            Count("Nights woken", summary.nights_woken, summary.nights_logged),
            Count("Partner reports", summary.partner_reports),
        ]
    return [
        Count("Nights logged", summary.nights_logged, summary.nights),
        Count("Events", summary.events),
        Count("Events per logged night", per_night),
        Count("Nights woken", summary.nights_woken),
        Count("Morning diaries", summary.nights_with_diary),
        Count("Partner reports", summary.partner_reports),
    ]


def sleep_rows(summary, *, missing: str = "Not enough entries") -> list[dict]:
    """The five sleep metrics with their plain-words definitions; `missing` where none averages."""
    rows = []
    for metric in METRICS:
        value = getattr(summary.sleep, metric.key)
        rows.append(
            {
                "key": metric.abbreviation,
                "name": metric.label,
                "definition": metric.definition,
                "value": value,
                "shown": missing if value is None else f"{value:.0f} {metric.unit}",
            }
        )
    return rows


def partner_rows(summary) -> list[tuple[str, int]]:
    """What partners saw, as (label, how many reports)."""
    return [(OBSERVATIONS.label(key), count) for key, count in summary.partner_observations.items()]


def summary_context(summary, *, clock: str, compare=None, prefix: str = "chart") -> dict:
    """What the _summary_* partials read: the summary, its charts and its labelled rows."""
    return {
        "summary": summary,
        "counts": counts(summary),
        "figures": summary_figures(summary, clock=clock, compare=compare, prefix=prefix),
        "sleep_rows": sleep_rows(summary),
        "partner_rows": partner_rows(summary),
        "checkin_rows": [
            (checkin.date, [SIGNS.label(sign, "in_sentence") for sign in checkin.signs])
            for checkin in summary.checkins_with_signs
        ],
        "alcohol_min_nights": ALCOHOL_MIN_NIGHTS,
    }
