"""A period's Summary laid out for reading: what the _summary_* partials show on /patterns/ and,
in their compact form, on page 1 of the doctor report (journal/review/report.py).

Pure: takes a journal.review.summary.Summary and returns labelled rows; the templates draw them.
"""

from dataclasses import dataclass

from journal.review.charts import summary_figures
from journal.review.summary import ALCOHOL_MIN_NIGHTS
from journal.rules import sources
from journal.rules.hints import HINT_RULES
from journal.rules.vocabulary import METRICS, OBSERVATIONS, SIGNS, STAGES
from journal.templatetags.nightjar_format import hours_minutes, one_decimal


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


def metric_shown(value, unit: str, missing: str) -> str:
    """A sleep figure as shown: durations as h:mm (TST 6:47), the efficiency as a percentage."""
    if value is None:
        return missing
    return hours_minutes(value) if unit == "min" else f"{value:.0f} {unit}"


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
                "shown": metric_shown(value, metric.unit, missing),
                "is_duration": metric.unit == "min",
            }
        )
    return rows


@dataclass(frozen=True)
class ClinicianHint:
    """A hint as the report words it for a physician: the pattern in the third person, the
    person's own figures, which of the guide's causes it is associated with, and the sources
    cited by number (journal/rules/sources.py). The same rule as the patient's hint."""

    finding: str
    evidence: str
    rates: str
    association: str
    citation: str


# The in-bed windows of §5 that have hours; "falling asleep" is the first, "late" the last.
IN_BED_WINDOWS = ("falling_asleep", "early", "middle", "late")


def _rate(summary, windows) -> float | None:
    hours = getattr(summary, "window_hours", None) or {}
    total_hours = sum(hours.get(window) or 0 for window in windows)
    if not total_hours:
        return None
    return sum(summary.events_by_window.get(window, 0) for window in windows) / total_hours


def _rate_against(summary, these, others, these_words, others_words) -> str:
    """ "2.8 an hour in the first 20 minutes after sleep onset, 0.2 later" from §5's hours;
    "" when the summary has no hours for either side."""
    here, there = _rate(summary, these), _rate(summary, others)
    if here is None or there is None:
        return ""
    return f"All events: {here:.1f} an hour {these_words}, {there:.1f} {others_words}."


def window_rates_text(summary, code: str) -> str:
    """The rate sentence that puts a timing hint's window beside the rest of the time in bed."""
    if code == "sleep_onset_twitches":
        return _rate_against(
            summary,
            IN_BED_WINDOWS[:1],
            IN_BED_WINDOWS[1:],
            "in the first 20 minutes after sleep onset",
            "later",
        )
    if code == "late_night_or_partner":
        return _rate_against(
            summary, IN_BED_WINDOWS[3:], IN_BED_WINDOWS[:3], "late in the night", "earlier"
        )
    return ""


def clinician_hints(summary) -> list[ClinicianHint]:
    """The period's hints in the report's clinician wording, in the summary's order."""
    worded = []
    for hint in summary.hints:
        rule = HINT_RULES[hint.code]
        worded.append(
            ClinicianHint(
                finding=rule.finding,
                evidence=hint.evidence,
                rates=window_rates_text(summary, hint.code),
                association=rule.association,
                citation=sources.cite(*rule.refs),
            )
        )
    return worded


@dataclass(frozen=True)
class StageLine:
    """One recorded stage in the §8 figures: events in it, hours in it (h:mm), events an hour."""

    stage: str
    label: str
    short: str
    events: int
    hours: str
    per_hour: str


@dataclass(frozen=True)
class StageFigures:
    """The period's §8 figures as Patterns and the report show them beside the windows."""

    nights_with_stages: int
    nights: int
    events_with_stage: int
    events: int
    lines: list[StageLine]


def stage_figures(recorded, *, nights: int, events: int) -> StageFigures | None:
    """§8's `recorded_stages` (rules.stages.RecordedStages) laid out, stages with neither time
    nor events left out; None when no night of the period has recorded stages."""
    if recorded is None or not recorded.nights_with_stages:
        return None
    per_hour = recorded.events_per_hour_by_stage
    lines = [
        StageLine(
            stage=key,
            label=STAGES[key].label,
            short=STAGES[key].short,
            events=recorded.events_by_stage[key],
            hours=hours_minutes(recorded.stage_hours[key] * 60),
            per_hour="–" if per_hour[key] is None else f"{per_hour[key]:.2f}",
        )
        for key in STAGES.keys
        if recorded.stage_hours[key] or recorded.events_by_stage[key]
    ]
    return StageFigures(
        nights_with_stages=recorded.nights_with_stages,
        nights=nights,
        events_with_stage=recorded.events_with_stage,
        events=events,
        lines=lines,
    )


def partner_rows(summary) -> list[tuple[str, int]]:
    """What partners saw, as (label, how many reports)."""
    return [(OBSERVATIONS.label(key), count) for key, count in summary.partner_observations.items()]


def summary_context(
    summary, *, clock: str, compare=None, prefix: str = "chart", report: bool = False
) -> dict:
    """What the _summary_* partials read, on /patterns/ and on page 1 of the report: the one
    presenter of a period's summary. With `report`, the report's forms: the compact key figures,
    "–" for a sleep figure with no nights, the hints in a physician's words, and no charts (the
    report draws its own tables and night grid)."""
    context = {
        "summary": summary,
        "counts": counts(summary, compact=report),
        "sleep_rows": sleep_rows(summary, missing="–" if report else "Not enough entries"),
        "partner_rows": partner_rows(summary),
        "checkin_rows": [
            (checkin.date, [SIGNS.label(sign, "in_sentence") for sign in checkin.signs])
            for checkin in summary.checkins_with_signs
        ],
        "alcohol_min_nights": ALCOHOL_MIN_NIGHTS,
        "stage_figures": stage_figures(
            summary.recorded_stages, nights=summary.nights, events=summary.events
        ),
        "cite_stages": sources.cite("devices"),
    }
    if report:
        context["clinician_hints"] = clinician_hints(summary)
    else:
        context["figures"] = summary_figures(summary, clock=clock, compare=compare, prefix=prefix)
    return context
