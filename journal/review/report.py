"""The doctor report: page 1 (the period summary), page 2 (the night grid), the appendix.

Every figure on page 1 is read from the same `Summary` that /patterns/ and /api/summary use
(review/summary.py through review/periods.py, for a period chosen by review/periods.py); this
module only lays those figures out and adds the rows of the grid, the appendix, and the red flags
recorded before the period. A bounded number of queries, however long the journal: the six of
`load_period` (its recorded stages also label the appendix), one for the events and one for the
partner reports of the appendix, one for the earlier red flags (from the stored figures), and at
most three to see whether the night in progress has an entry (review/periods.py).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from journal.data.columns import EVENT_COLUMNS
from journal.figures import earlier_flags
from journal.models import Event, PartnerReport
from journal.review import night_grid
from journal.review.periods import Period, load_period, period_summary
from journal.review.schedules import label_windows
from journal.review.stages import label_stages
from journal.review.summary import Summary, summarize
from journal.review.summary_display import summary_context
from journal.rules import hints as hint_rules
from journal.rules import nights, sources
from journal.rules.hints import RED_FLAG_RULES
from journal.rules.vocabulary import BODY_PARTS, EVENT_KINDS, OBSERVATIONS, SIGNS, STAGES, WINDOWS
from journal.templatetags.nightjar_format import clock_time, day, hour_tick, week_label

PRESET_WEEKS = (2, 4, 8, 12)
DEFAULT_WEEKS = 4
# A year of nights: enough for any appointment, and the appendix stays printable.
MAX_NIGHTS = 366

GRID_WIDTH = 720  # SVG user units across the 18-hour axis (40 per hour)
GRID_ROW_HEIGHT = 30
STAGE_LANE_HEIGHT = 7  # the strip of recorded stages under the bars, when the period has any
# Greys that stay apart on a black-and-white printout: the deeper the sleep, the darker.
STAGE_FILLS = {
    "awake": "#ffffff",
    "in_bed": "#f2f2f2",
    "asleep": "#d4d4d4",
    "light": "#b0b0b0",
    "rem": "#707070",
    "deep": "#303030",
}
LETTER_GAP = 9  # a letter is about this wide; closer marks are nudged right so none overlap


def report_filename(first: date, last: date) -> str:
    return f"nightjar-report-{first.isoformat()}-{last.isoformat()}.pdf"


def change_text(rate: float | None, baseline: float | None) -> str:
    """A week's events per logged night against the baseline week's, as a signed percentage."""
    if rate is None or baseline is None:
        return "–"
    if baseline == 0:
        return "same" if rate == 0 else "up from 0"
    change = round((rate - baseline) / baseline * 100)
    if change == 0:
        return "same"
    return f"{change:+d} %".replace("-", "−")


@dataclass(frozen=True)
class WeekLine:
    label: str  # for people, "23–29 Nov" (the ISO label stays in the API and the CSV)
    iso_week: str
    first_night: date
    last_night: date
    nights_logged: int
    events: int
    per_night: float | None
    change: str
    nights_woken: int
    is_baseline: bool


def week_lines(summary: Summary) -> list[WeekLine]:
    """§5's weeks, each against the first week that has a logged night (the baseline)."""
    baseline = next((w for w in summary.weeks if w.nights_logged), None)
    lines = []
    for week in summary.weeks:
        is_baseline = week is baseline
        first_night = max(week.monday, summary.first_night)
        last_night = min(week.monday + timedelta(days=6), summary.last_night)
        lines.append(
            WeekLine(
                label=week_label(first_night, last_night),
                iso_week=week.week,
                first_night=first_night,
                last_night=last_night,
                nights_logged=week.nights_logged,
                events=week.events,
                per_night=week.events_per_logged_night,
                change="baseline"
                if is_baseline
                else change_text(
                    week.events_per_logged_night,
                    baseline.events_per_logged_night if baseline else None,
                ),
                nights_woken=week.nights_woken,
                is_baseline=is_baseline,
            )
        )
    return lines


@dataclass(frozen=True)
class WindowRow:
    """A window of the night with its events and, for the four in-bed windows, the hours spent in
    it over the logged nights and the events per hour (§5)."""

    label: str
    events: int
    hours: float | None
    per_hour: float | None


def window_rows(summary: Summary) -> list[WindowRow]:
    rates = summary.events_per_hour_by_window
    return [
        WindowRow(WINDOWS[key].label, count, summary.window_hours.get(key), rates.get(key))
        for key, count in summary.events_by_window.items()
    ]


def red_flag_groups(summary: Summary) -> list[tuple[str, list, str]]:
    """Red flags grouped by what happened, each with every time it happened (oldest first) and
    its sources cited by number."""
    groups: dict[str, list] = {}
    for flag in sorted(summary.red_flags, key=lambda flag: flag.when):
        groups.setdefault(flag.code, []).append(flag.when)
    return [
        (RED_FLAG_RULES[code].title, times, sources.cite(*RED_FLAG_RULES[code].refs))
        for code, times in groups.items()
    ]


# What each part of page 1 rests on, cited by number (journal/rules/sources.py).
CITATIONS = {
    "diary": ("csd",),
    "windows": ("statpearls", "nsf"),
    "alcohol": ("alcohol",),
    "drinks": ("niaaa",),
    "partner": ("hoppe", "rbd"),
    "signs": ("guide",),
    "stages": ("devices",),
}


def earlier_red_flags(user, first: date) -> list[hint_rules.RedFlag]:
    """Every red flag recorded before the night `first`, oldest first, by the same rules as the
    period's (rules/hints.py: `event_flag_codes`, `partner_flag_codes`, the first jerking
    episode ever), so that no period hides one. Read from the stored per-night figures
    (journal/figures.py, which keeps each night's flags and first jerking episode): one query
    however long the journal, rather than a scan of every earlier entry."""
    tz = user.tz
    flags = [
        hint_rules.RedFlag(code, hint_rules.RED_FLAG_RULES[code].title, instant.astimezone(tz))
        for code, instant in earlier_flags(user, first)
    ]
    flags.sort(key=lambda item: item.when)
    return flags


def sign_lines(summary: Summary) -> list[tuple[str, list[date]]]:
    """Each early sign ticked in the period's check-ins, with the days it was ticked."""
    days: dict[str, list[date]] = {}
    for checkin in summary.checkins_with_signs:
        for sign in checkin.signs:
            days.setdefault(sign, []).append(checkin.date)
    return [(SIGNS.label(sign, "in_sentence"), dates) for sign, dates in days.items()]


def hour_labels(clock: str) -> list[tuple[str, float]]:
    """The axis ticks as (label, x in SVG units); 12-hour clocks read 6p … 12p."""
    return [
        (hour_tick(int(label), clock), round(fraction * GRID_WIDTH, 1))
        for label, fraction in night_grid.tick_positions()
    ]


@dataclass(frozen=True)
class DrawnMark:
    x: float  # where it happened
    letter_x: float  # where its letter sits (nudged right when marks crowd)
    letter: str
    is_partner: bool
    title: str

    @property
    def box_x(self) -> float:
        """Left edge of the box drawn around a partner mark's letter."""
        return round(self.letter_x - 5, 1)


def drawn_marks(row: night_grid.GridRow, time_format) -> list[DrawnMark]:
    """Events and partner marks in time order, letters nudged so that none overlap."""
    marks = sorted([*row.events, *row.partner], key=lambda mark: mark.position)
    drawn, next_free = [], 0.0
    for mark in marks:
        x = round(mark.position * GRID_WIDTH, 1)
        letter_x = max(x, next_free)
        next_free = letter_x + LETTER_GAP
        what = "Partner saw something" if mark.kind == "partner" else EVENT_KINDS[mark.kind].short
        drawn.append(
            DrawnMark(
                x=x,
                letter_x=min(letter_x, GRID_WIDTH - LETTER_GAP / 2),
                letter=mark.letter,
                is_partner=mark.kind == "partner",
                title=f"{what}, {time_format(mark.at)}",
            )
        )
    return drawn


def grid_rows(period, time_format, recorded=None) -> list[dict]:
    """One row per night of the period, oldest first, with SVG coordinates for the template.

    A logged night shows its windows' boundaries (from its diary, or estimated from the usual
    schedule); a night in `recorded` (review.stages.period_stages) its recorded stages."""
    recorded = recorded or {}
    diaries = {diary.night_of: diary for diary in period.diaries}
    events: dict[date, list] = {}
    for event in period.events:
        events.setdefault(event.night_of, []).append((event.occurred_at, event.kind))
    partner: dict[date, list] = {}
    for report in period.partner_reports:
        partner.setdefault(report.night_of, []).append(report.observed_at)
    rows = []
    night = period.first_night
    while night <= period.last_night:
        diary = diaries.get(night)
        logged = diary is not None or night in events or night in partner
        stages = recorded.get(night)
        row = night_grid.grid_row(
            night,
            period.tz,
            diary,
            events.get(night, ()),
            partner.get(night, ()),
            schedule=nights.diary_schedule(night, period.tz, period.usual, diary)
            if logged
            else None,
            pieces=stages.pieces if stages else (),
        )
        rows.append(
            {
                "night_of": night,
                "row": row,
                "description": describe_row(row, diaries.get(night), time_format),
                "in_bed": scaled(row.in_bed),
                "asleep": scaled(row.asleep),
                "marks": drawn_marks(row, time_format),
                "boundaries": [round(b * GRID_WIDTH, 1) for b in row.boundaries],
                "stages": [
                    {
                        "x": round(band.start * GRID_WIDTH, 1),
                        "width": round(band.width * GRID_WIDTH, 1),
                        "stage": band.stage,
                        "fill": STAGE_FILLS[band.stage],
                    }
                    for band in row.stages
                ],
                "logged": row.has_diary or bool(row.events or row.partner),
            }
        )
        night += timedelta(days=1)
    return rows


def describe_row(row: night_grid.GridRow, diary, time_format) -> str:
    """The row in words, for screen readers and as the SVG's title."""
    if diary is None and not (row.events or row.partner):
        return "not logged"
    parts = diary_words(row, diary, time_format) if diary is not None else ["no diary"]
    parts.extend(
        f"{EVENT_KINDS[mark.kind].short.lower()} {time_format(mark.at)}" for mark in row.events
    )
    parts.extend(f"partner saw something {time_format(mark.at)}" for mark in row.partner)
    if row.drinks is not None:
        parts.append(f"{row.drinks:g} drinks")
    return "; ".join(parts)


def diary_words(row: night_grid.GridRow, diary, time_format) -> list[str]:
    """When the diary says the person was in bed and asleep, as far as it says."""
    words = []
    into_bed = diary.got_into_bed or diary.tried_to_sleep
    if into_bed and diary.out_of_bed:
        words.append(f"in bed {time_format(into_bed)}–{time_format(diary.out_of_bed)}")
    if row.asleep is not None:
        words.append(f"asleep until {time_format(diary.final_wake)}")
    return words


def scaled(span: night_grid.Span | None) -> dict | None:
    if span is None or span.width <= 0:
        return None
    return {"x": round(span.start * GRID_WIDTH, 1), "width": round(span.width * GRID_WIDTH, 1)}


def label_when(user, entries, at: str) -> None:
    """Each appendix entry's `when_text` ("Mon 13 Oct 23:30", its time `at` in the owner's zone
    and clock) and `night_text` ("13 Oct"), as the template filters `day` and `clock_time` write
    them: written here once a date rather than by filters for every row (most of the report
    page's time at a year)."""
    days: dict[date, str] = {}
    night_days: dict[date, str] = {}
    tz, clock = user.tz, user.clock  # read once: `user` may be the request's lazy object
    for entry in entries:
        local = getattr(entry, at).astimezone(tz)
        if (on := local.date()) not in days:
            days[on] = day(on)
        if entry.night_of not in night_days:
            night_days[entry.night_of] = day(entry.night_of, "short")
        entry.when_text = f"{days[on]} {clock_time(local, clock)}"
        entry.night_text = night_days[entry.night_of]


def appendix_events(user, first: date, last: date, diaries_by_night, recorded) -> list:
    events = list(
        Event.objects.for_user(user)
        .filter(night_of__range=(first, last))
        .order_by("occurred_at")
        .only("night_of", *EVENT_COLUMNS)
    )
    label_windows(user, events, diaries_by_night)
    label_stages(user, events, recorded)
    label_when(user, events, "occurred_at")
    for event in events:
        event.kind_label = EVENT_KINDS.label(event.kind, "short")
        event.letter = night_grid.KIND_MARKS.get(event.kind, "O")
        event.parts_text = ", ".join(BODY_PARTS.label(p) for p in event.body_parts)
        event.after_text = "; ".join(
            label
            for label, answer in (
                ("tongue bitten", event.tongue_bitten),
                ("injured", event.injury),
                ("wet or soiled", event.incontinence),
                ("confused afterwards", event.confused_after),
                ("kept me awake", event.kept_me_awake),
            )
            if answer
        )
    return events


def appendix_partner_reports(user, first: date, last: date, diaries_by_night, recorded) -> list:
    reports = list(
        PartnerReport.objects.for_user(user)
        .filter(night_of__range=(first, last))
        .order_by("observed_at")
    )
    label_windows(user, reports, diaries_by_night)
    label_stages(user, reports, recorded)
    label_when(user, reports, "observed_at")
    for report in reports:
        report.observations_text = ", ".join(OBSERVATIONS.label(o) for o in report.observations)
        report.parts_text = ", ".join(BODY_PARTS.label(p) for p in report.body_parts)
    return reports


def appendix_weeks(weeks: list[WeekLine], events: list, partner_reports: list) -> list[dict]:
    """The appendix week by week (the weeks of page 1), leaving out weeks with no entries."""
    by_week = {
        week.first_night: {"first_night": week.first_night, "last_night": week.last_night}
        for week in weeks
    }
    starts = sorted(by_week)
    for week in by_week.values():
        week["events"], week["partner_reports"] = [], []
    for kind, entries in (("events", events), ("partner_reports", partner_reports)):
        for entry in entries:
            start = next(s for s in reversed(starts) if s <= entry.night_of)
            by_week[start][kind].append(entry)
    return [
        week for start, week in sorted(by_week.items()) if week["events"] or week["partner_reports"]
    ]


# The PDF lists at most this many entries in its appendix (events and partner reports together):
# a year of a heavy journal would otherwise take WeasyPrint most of a minute. The page and the CSV
# export list every entry.
PDF_APPENDIX_CAP = 600


@dataclass(frozen=True)
class CappedAppendix:
    weeks: list[dict]
    more_events: int
    more_partner_reports: int

    @property
    def left_out_text(self) -> str:
        """ "… and 3,912 more events: see the CSV export" ("" when nothing was left out)."""
        parts = []
        if self.more_events:
            parts.append(f"{self.more_events:,} more event{'s' if self.more_events != 1 else ''}")
        if self.more_partner_reports:
            n = self.more_partner_reports
            parts.append(f"{n:,} more partner report{'s' if n != 1 else ''}")
        return f"… and {' and '.join(parts)}: see the CSV export" if parts else ""


def capped_appendix(weeks: list[dict], cap: int | None = None) -> CappedAppendix:
    """The appendix's weeks, oldest first, keeping entries until `cap` (PDF_APPENDIX_CAP) are
    listed; the entries after are left out and counted."""
    room = PDF_APPENDIX_CAP if cap is None else cap
    kept, more_events, more_reports = [], 0, 0
    for week in weeks:
        events = week["events"][:room]
        room -= len(events)
        reports = week["partner_reports"][:room]
        room -= len(reports)
        more_events += len(week["events"]) - len(events)
        more_reports += len(week["partner_reports"]) - len(reports)
        if events or reports:
            kept.append({**week, "events": events, "partner_reports": reports})
    return CappedAppendix(kept, more_events, more_reports)


# The PDF draws at most this many nights in its night grid, the latest of the period: a year's
# grid of a heavy journal (a row per night, about ten marks each) took WeasyPrint longer than the
# rest of the report together (issue 10). Page 1 counts every night and the page draws them all.
PDF_GRID_CAP = 12 * 7


def capped_grid(rows: list[dict], cap: int | None = None) -> tuple[list[dict], str]:
    """The grid's rows for the PDF, the latest `cap` (PDF_GRID_CAP) nights, and a line saying
    which nights are not drawn ("" when none is left out)."""
    cap = PDF_GRID_CAP if cap is None else cap
    if len(rows) <= cap:
        return rows, ""
    left_out = rows[: len(rows) - cap]
    first, last = left_out[0]["night_of"], left_out[-1]["night_of"]
    return rows[-cap:], (
        f"The grid draws the last {cap} nights of the period: the {len(left_out):,} nights "
        f"of {day(first, 'year')} – {day(last, 'year')} are not drawn here (page 1 counts them; "
        "the report page in Nightjar draws every night)."
    )


def build_report(user, chosen: Period) -> dict:
    """Everything the report templates read, for the owner's nights of a period (inclusive).

    The times are shown in the owner's zone and clock and temperatures in their unit, also when
    a clinician opens a shared link (whose request has no signed-in user).
    """
    clock, tz = user.clock, user.tz  # read once: `user` may be the request's lazy object

    def show_time(instant):
        return clock_time(instant.astimezone(tz), clock)

    first, last = chosen.first, chosen.last
    period = load_period(user, first, last)
    summary = period_summary(summarize(period), chosen)
    diaries_by_night = {diary.night_of: diary for diary in period.diaries}
    recorded = period.stage_nights
    weeks = week_lines(summary)
    events = appendix_events(user, first, last, diaries_by_night, recorded)
    partner_reports = appendix_partner_reports(user, first, last, diaries_by_night, recorded)
    return {
        **summary_context(summary, clock=clock, prefix="report", report=True),
        "period": chosen,
        "first_night": first,
        "last_night": last,
        "report_name": user.report_name,
        "questions": user.doctor_question_list,
        "generated_on": timezone.localdate(timezone.now(), user.tz),
        "time_zone": user.time_zone,
        "clock": clock,
        "temperature_unit": user.temperature_unit,
        "weeks": weeks,
        "kinds": [
            (EVENT_KINDS[key].short, EVENT_KINDS[key].letter, n)
            for key, n in summary.events_by_kind.items()
        ],
        "windows": window_rows(summary),
        "body_parts": [
            (BODY_PARTS.label(part), count) for part, count in summary.events_by_body_part.items()
        ],
        "partner_windows": [
            f"{WINDOWS[key].short} {count}"
            for key, count in summary.partner_by_window.items()
            if count
        ],
        "sign_lines": sign_lines(summary),
        "red_flag_groups": red_flag_groups(summary),
        "earlier_red_flags": earlier_red_flags(user, first),
        "cite": {part: sources.cite(*keys) for part, keys in CITATIONS.items()},
        "references": sources.numbered(),
        "grid_width": GRID_WIDTH,
        "grid_row_height": GRID_ROW_HEIGHT,
        "hour_ticks": hour_labels(clock),
        "grid_rows": grid_rows(period, show_time, recorded),
        "grid_stage_height": GRID_ROW_HEIGHT + STAGE_LANE_HEIGHT if recorded else GRID_ROW_HEIGHT,
        "stage_legend": [(STAGES[key].short, STAGE_FILLS[key]) for key in STAGES.keys]
        if recorded
        else [],
        "kind_legend": [(kind.letter, kind.short) for kind in EVENT_KINDS],
        "recorded_stages": bool(recorded),
        "events": events,
        "partner_reports": partner_reports,
        "appendix_weeks": appendix_weeks(weeks, events, partner_reports),
        "filename": report_filename(first, last),
    }
