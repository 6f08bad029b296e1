"""Charts as inline SVG, drawn on the server: they need no JavaScript and they print.

This module works out only the geometry, as plain values (bars, columns, labels, positions); the
templates draw it (templates/journal/_chart*.html, included by the _summary_* partials with
`{% include chart.template with chart=chart %}`). Each chart is a <figure> holding an SVG with
role="img", a <title> and a <desc>, and a visually-hidden table with the same numbers for screen
readers. Colours come from CSS classes (`.chart .bar` …, in static/css/nightjar.css) that follow
the theme's variables, with `currentColor` as the fallback, so bars keep their contrast in the
dark theme and on paper.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from journal.review.summary import HOUR_AXIS
from journal.rules.vocabulary import BODY_PARTS, EVENT_KINDS, WINDOWS
from journal.templatetags.nightjar_format import day, hour_name, hour_tick, week_label

WIDTH = 320
FONT = 13  # label size; values are drawn 1 smaller, column values and ticks 2 smaller


@dataclass(frozen=True, slots=True)
class Row:
    """One bar: its label, its value (None: nothing to show) and an optional value to compare."""

    label: str
    value: float | None
    compare: float | None = None
    # The axis label of a column when it differs from the full label ("" for no label).
    tick: str | None = None
    # The value as written beside the bar and in the table, when not the bare number.
    shown: str | None = None
    compare_shown: str | None = None


def number(value: float | None, places: int = 1) -> str:
    """A figure as the charts print it: whole numbers bare, others to `places` decimals."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{places}f}"


def tenth(value: float) -> float:
    """A coordinate to a tenth of a unit, as the SVG is written."""
    return round(value, 1)


def _scale(rows: Sequence[Row]) -> float:
    values = [v for row in rows for v in (row.value, row.compare) if v is not None]
    return max(values, default=0) or 1


@dataclass(frozen=True, slots=True)
class DataTable:
    """The chart's numbers as a table for screen readers: column headers, then one row a bar."""

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Bar:
    css: str  # "bar", or "bar-compare" for the thinner bar of the week before
    y: int
    length: float
    thickness: int
    value_x: float
    value_y: int
    value: str


@dataclass(frozen=True, slots=True)
class BarRow:
    label: str
    label_y: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class BarChart:
    """Horizontal bars, one row each, the label above its bar (and a key when two bars a row)."""

    chart_id: str
    title: str
    description: str
    height: int
    table: DataTable
    rows: tuple[BarRow, ...]
    legend: tuple[str, str] | None  # the two bars' names when a row has two
    width: int = WIDTH
    font: int = FONT
    template: str = "journal/_chart_bars.html"


@dataclass(frozen=True, slots=True)
class ColumnBar:
    top: float
    tall: float
    value: str | None  # None when the chart shows no values
    value_y: float


@dataclass(frozen=True, slots=True)
class Column:
    x: float
    width: float
    middle: float
    bar: ColumnBar | None  # None when the column has no events
    tick: str  # "" for no tick


@dataclass(frozen=True, slots=True)
class ColumnChart:
    """Vertical columns along an axis (hours of the night, weeks), each with its tick label."""

    chart_id: str
    title: str
    description: str
    height: int
    table: DataTable
    columns: tuple[Column, ...]
    baseline: int
    tick_y: int
    width: int = WIDTH
    font: int = FONT
    template: str = "journal/_chart_columns.html"


def _shown(value: float | None, shown: str | None) -> str:
    return number(value) if shown is None else shown


def _described(rows: Sequence[Row]) -> str:
    return "; ".join(f"{row.label}: {_shown(row.value, row.shown)}" for row in rows)


def _bars(row: Row, top: int, scale: float, compare: bool) -> tuple[Bar, ...]:
    bar_width = WIDTH - 48
    drawn = [(FONT + 4, row.value, row.shown, "bar", 12)]
    if compare:
        drawn.append((FONT + 18, row.compare, row.compare_shown, "bar-compare", 8))
    bars = []
    for offset, value, shown, css, thickness in drawn:
        length = 0 if value is None else max(value / scale * bar_width, 2 if value else 0)
        bars.append(
            Bar(
                css=css,
                y=top + offset,
                length=tenth(length),
                thickness=thickness,
                value_x=tenth(length + 4),
                value_y=top + offset + thickness - 1,
                value=_shown(value, shown),
            )
        )
    return tuple(bars)


def bar_list(
    chart_id: str,
    title: str,
    rows: Sequence[Row],
    *,
    value_header: str = "Events",
    compare_header: str | None = None,
    label_header: str = "",
) -> BarChart:
    """Horizontal bars, one per row, with the label above the bar: readable on a 390 px phone.

    With `compare_header`, each row also gets a thinner second bar (e.g. the week before).
    """
    compare = compare_header is not None
    scale = _scale(rows)
    step = 46 if compare else 36
    # A key to the two bars above the rows: the thick one is the value, the thin one the other.
    legend = FONT + 10 if compare else 0
    headers = (label_header or title, value_header, *([compare_header] if compare else []))
    cells = tuple(
        (
            row.label,
            _shown(row.value, row.shown),
            *([_shown(row.compare, row.compare_shown)] if compare else []),
        )
        for row in rows
    )
    return BarChart(
        chart_id=chart_id,
        title=title,
        description=_described(rows),
        height=legend + max(step * len(rows), step),
        table=DataTable(headers, cells),
        rows=tuple(
            BarRow(
                row.label,
                legend + index * step + FONT,
                _bars(row, legend + index * step, scale, compare),
            )
            for index, row in enumerate(rows)
        ),
        legend=(value_header, compare_header) if compare else None,
    )


def columns(
    chart_id: str,
    title: str,
    rows: Sequence[Row],
    *,
    value_header: str = "Events",
    label_header: str = "",
    show_values: bool = True,
) -> ColumnChart:
    """Vertical columns along an axis (hours of the night, weeks), each with its tick label."""
    scale = _scale(rows)
    plot_top, plot_height = FONT + 6, 110
    baseline = plot_top + plot_height
    slot = WIDTH / max(len(rows), 1)
    drawn = []
    for index, row in enumerate(rows):
        left = index * slot
        drawn.append(
            Column(
                x=tenth(left + slot * 0.15),
                width=tenth(slot * 0.7),
                middle=tenth(left + slot / 2),
                bar=_column_bar(row.value, scale, plot_height, baseline, show_values),
                tick=row.label if row.tick is None else row.tick,
            )
        )
    return ColumnChart(
        chart_id=chart_id,
        title=title,
        description=_described(rows),
        height=baseline + FONT + 8,
        table=DataTable(
            (label_header or title, value_header),
            tuple((row.label, number(row.value)) for row in rows),
        ),
        columns=tuple(drawn),
        baseline=baseline,
        tick_y=baseline + FONT + 3,
    )


def _column_bar(value, scale, plot_height, baseline, show_values) -> ColumnBar | None:
    if not value:
        return None
    tall = value / scale * plot_height
    return ColumnBar(
        top=tenth(baseline - tall),
        tall=tenth(tall),
        value=number(value) if show_values else None,
        value_y=tenth(baseline - tall - 3),
    )


def _hour_label(hour: int | None, clock: str) -> str:
    if hour is None:
        return "Noon to 6 pm" if clock == "12" else "12:00–17:59"
    return hour_name(hour, clock)


def _hour_tick(hour: int | None, clock: str) -> str:
    if hour is None or hour % 3:
        return ""
    return hour_tick(hour, clock)


def summary_figures(summary, *, clock: str = "24", compare=None, prefix: str = "chart") -> dict:
    """The charts of a Summary (journal/review/summary.py), ready for the _summary_* partials.

    With `compare` (the summary of the week before), the window chart shows both weeks.
    """
    figures = {
        "windows": window_chart(f"{prefix}-windows", summary, compare),
        "open_windows": open_window_counts(summary),
        "hours": hour_chart(f"{prefix}-hours", summary, clock),
        "kinds": bar_list(
            f"{prefix}-kinds",
            "Events by kind",
            [
                Row(EVENT_KINDS[kind].short, count)
                for kind, count in sorted(summary.events_by_kind.items(), key=lambda item: -item[1])
            ],
            label_header="Kind",
        ),
    }
    if summary.events_by_body_part:
        figures["body_figure"] = body_figure_chart(
            f"{prefix}-body-figure", summary.events_by_body_part
        )
        figures["body_parts"] = bar_list(
            f"{prefix}-body-parts",
            "Body parts, most often first",
            [
                Row(BODY_PARTS.label(part), count)
                for part, count in summary.events_by_body_part.items()
            ],
            label_header="Body part",
        )
    if len(summary.weeks) > 1:
        figures["weeks"] = columns(
            f"{prefix}-weeks",
            "Events per logged night, week by week",
            [
                Row(
                    week_label(
                        max(week.monday, summary.first_night),
                        min(week.monday + timedelta(days=6), summary.last_night),
                    ),
                    week.events_per_logged_night,
                    tick=week_tick(week.monday, previous.monday if index else None),
                )
                for index, (previous, week) in enumerate(
                    zip([None, *summary.weeks], summary.weeks, strict=False)
                )
            ],
            label_header="Week",
            value_header="Events per logged night",
        )
    return figures


def week_tick(monday: date, previous: date | None) -> str:
    """A week column's tick: its Monday's day, with the month at the first and when it changes."""
    if previous is None or previous.month != monday.month:
        return day(monday, "short")
    return str(monday.day)


def rate_text(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.1f}/h"


def window_chart(chart_id: str, summary, compare=None) -> BarChart:
    """Events per hour in each in-bed window (§5), so that a 35-minute window and a 2½-hour one
    compare fairly; each label carries the count and the hours. With `compare`, the week
    before's rate as a second bar. `evening` and `on_waking` are open-ended: no rate, their
    counts are listed under the chart (see `open_window_counts`)."""
    rates = summary.events_per_hour_by_window
    before = compare.events_per_hour_by_window if compare else {}
    rows = [
        Row(
            f"{WINDOWS[key].short[:1].upper()}{WINDOWS[key].short[1:]} · "
            f"{summary.events_by_window[key]} in {hours:.1f} h",
            rates[key],
            before.get(key),
            shown=rate_text(rates[key]),
            compare_shown=rate_text(before.get(key)) if compare else None,
        )
        for key, hours in summary.window_hours.items()
    ]
    return bar_list(
        chart_id,
        "Events per hour in each window of the night",
        rows,
        label_header="Window · events in hours",
        value_header="This week, per hour" if compare else "Events per hour",
        compare_header="Week before, per hour" if compare else None,
    )


def open_window_counts(summary) -> list[tuple[str, int]]:
    """The open-ended windows (no rate, §5) with their event counts."""
    return [
        (WINDOWS[key].label, count)
        for key, count in summary.events_by_window.items()
        if key not in summary.window_hours
    ]


def hour_chart(chart_id: str, summary, clock: str) -> ColumnChart:
    return columns(
        chart_id,
        "Events by hour of the night, evening to noon",
        [
            Row(_hour_label(hour, clock), count, tick=_hour_tick(hour, clock))
            for hour, count in zip(HOUR_AXIS, summary.events_by_hour, strict=True)
        ],
        label_header="Hour",
    )


# The body figure: a plain front view, the person facing you, so their right side is on your
# left. Shapes are in a 320 × 392 box; each part's label sits beside it, outside the outline
# where there is room (the trunk's sits on it, with a halo so any shade stays readable).
_BODY_HEIGHT = 392
_BODY_STEPS = 4
# Fill opacity of each step on the theme's bar colour: light enough that four steps stay apart
# on a dark page, on a light page and as greys on a black-and-white printout.
_BODY_OPACITY = {0: 0, 1: 0.25, 2: 0.5, 3: 0.75, 4: 1}


def _mirror(points: Sequence[tuple[float, float]]) -> list[tuple[float, float]]:
    return [(WIDTH - x, y) for x, y in points]


def _polygon(points: Sequence[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{x:g},{y:g}" for x, y in points) + " Z"


def _ellipse(cx: float, cy: float, rx: float, ry: float) -> str:
    arc = f"a{rx:g},{ry:g} 0 1,0"
    return f"M{cx - rx:g},{cy:g} {arc} {2 * rx:g},0 {arc} {-2 * rx:g},0 Z"


_RIGHT_ARM = [(104, 96), (118, 100), (100, 192), (84, 190)]
_RIGHT_LEG = [(126, 204), (158, 204), (152, 340), (134, 340)]
_RIGHT_FOOT = [(134, 344), (154, 344), (154, 358), (116, 358), (120, 348)]

# part: (outline as an SVG path, label position x, y, text-anchor)
_BODY_SHAPES: dict[str, tuple[str, float, float, str]] = {
    "whole_body": (
        "M72,6 H248 Q262,6 262,20 V360 Q262,372 248,372 H72 Q58,372 58,360 V20 Q58,6 72,6 Z",
        160,
        388,
        "middle",
    ),
    "face": (_ellipse(160, 44, 24, 30), 130, 24, "end"),
    "eyes": (_ellipse(151, 40, 5, 3) + " " + _ellipse(169, 40, 5, 3), 190, 38, "start"),
    "jaw": ("M140,60 Q160,88 180,60 Q160,66 140,60 Z", 190, 72, "start"),
    "neck": (_polygon([(150, 73), (170, 73), (170, 90), (150, 90)]), 144, 88, "end"),
    "trunk": (
        "M122,92 H198 Q206,94 206,104 L196,200 H124 L114,104 Q114,94 122,92 Z",
        160,
        150,
        "middle",
    ),
    "right_arm": (_polygon(_RIGHT_ARM), 86, 140, "end"),
    "left_arm": (_polygon(_mirror(_RIGHT_ARM)), WIDTH - 86, 140, "start"),
    "right_hand": (_ellipse(90, 206, 9, 13), 78, 212, "end"),
    "left_hand": (_ellipse(WIDTH - 90, 206, 9, 13), WIDTH - 78, 212, "start"),
    "right_leg": (_polygon(_RIGHT_LEG), 124, 280, "end"),
    "left_leg": (_polygon(_mirror(_RIGHT_LEG)), WIDTH - 124, 280, "start"),
    "right_foot": (_polygon(_RIGHT_FOOT), 112, 356, "end"),
    "left_foot": (_polygon(_mirror(_RIGHT_FOOT)), WIDTH - 112, 356, "start"),
}


@dataclass(frozen=True, slots=True)
class BodyPartShape:
    """One part of the body figure: its count, its shading step (0 = unshaded) and its shape.

    `label_x`, `label_y` and `anchor` place the "Face 3" label beside it (drawn only when the
    count is above 0); `halo` when the label sits on the shape itself.
    """

    part: str
    label: str
    count: int
    step: int
    css: str
    outline: str  # an SVG path
    opacity: float
    label_x: float
    label_y: float
    anchor: str
    halo: bool


def shading_step(count: int, most: int) -> int:
    """How dark a part is drawn: 0 for none, else 1–4 in proportion to the busiest part."""
    if count <= 0 or most <= 0:
        return 0
    return min(_BODY_STEPS, -(-count * _BODY_STEPS // most))


def _plain(value: float) -> float:
    """A whole number without its ".0", as SVG attributes are written."""
    return int(value) if float(value).is_integer() else value


def body_figure(counts: dict[str, int]) -> tuple[BodyPartShape, ...]:
    """The 14 parts of vocabulary.BODY_PARTS as shapes of a front-view figure.

    Each part is shaded by its count relative to the busiest part (`shading_step`); parts
    without events are outlines only; names that are not body parts are ignored. "Whole body"
    is a light frame behind the figure, so it never hides the parts drawn on top of it.
    """
    known = {part: max(int(counts.get(part, 0) or 0), 0) for part in _BODY_SHAPES}
    most = max(known.values(), default=0)
    shapes = []
    for part, (outline, x, y, anchor) in _BODY_SHAPES.items():
        count = known[part]
        step = shading_step(count, most)
        opacity = _BODY_OPACITY[step]
        if part == "whole_body":
            # Lighter than the parts, so the parts drawn over it stay distinguishable.
            opacity = round(opacity * 0.35, 3)
        shapes.append(
            BodyPartShape(
                part=part,
                label=BODY_PARTS[part].label,
                count=count,
                step=step,
                css=f"body-part body-part-{part.replace('_', '-')} step-{step}",
                outline=outline,
                opacity=_plain(opacity),
                label_x=_plain(x),
                label_y=_plain(y),
                anchor=anchor,
                halo=anchor == "middle",
            )
        )
    return tuple(shapes)


BODY_FIGURE_LABEL = (
    "Body figure, front view: the person's right is on the left; "
    "the darker a part, the more events (counts in the list that follows)"
)


@dataclass(frozen=True, slots=True)
class BodyFigure:
    """The body figure as an SVG with role="img"; the ranked list is its text equivalent."""

    chart_id: str
    parts: tuple[BodyPartShape, ...]
    label: str = BODY_FIGURE_LABEL
    width: int = WIDTH
    height: int = _BODY_HEIGHT
    font: int = FONT
    template: str = "journal/_chart_body.html"


def body_figure_chart(chart_id: str, counts: dict[str, int]) -> BodyFigure:
    return BodyFigure(chart_id, body_figure(counts))
