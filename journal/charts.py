"""Charts as inline SVG, drawn on the server: they need no JavaScript and they print.

Each chart is a <figure> holding an SVG with role="img", a <title> and a <desc>, and a
visually-hidden table with the same numbers for screen readers. Colours come from CSS classes
(`.chart .bar` …, in static/css/nightjar.css) that follow the theme's variables, with
`currentColor` as the fallback, so bars keep their contrast in the dark theme and on paper.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from .models import BODY_PART_LABELS
from .nights import WINDOW_LABELS
from .summary import HOUR_AXIS, KIND_LABELS

WIDTH = 320
FONT = 13


@dataclass(frozen=True, slots=True)
class Row:
    """One bar: its label, its value (None: nothing to show) and an optional value to compare."""

    label: str
    value: float | None
    compare: float | None = None
    # The axis label of a column when it differs from the full label ("" for no label).
    tick: str | None = None


def number(value: float | None, places: int = 1) -> str:
    """A figure as the charts print it: whole numbers bare, others to `places` decimals."""
    if value is None:
        return "–"
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.{places}f}"


def _scale(rows: Sequence[Row]) -> float:
    values = [v for row in rows for v in (row.value, row.compare) if v is not None]
    return max(values, default=0) or 1


def _table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> SafeString:
    head = format_html_join("", '<th scope="col">{}</th>', ((header,) for header in headers))
    body = mark_safe(
        "".join(
            format_html(
                '<tr><th scope="row">{}</th>{}</tr>',
                cells[0],
                format_html_join("", "<td>{}</td>", ((cell,) for cell in cells[1:])),
            )
            for cells in rows
        )
    )
    return format_html(
        # The wrapper is hidden rather than the table: a table ignores width: 1px and would
        # widen the page sideways.
        '<div class="visually-hidden"><table><caption>{}</caption><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table></div>",
        title,
        head,
        body,
    )


def _figure(
    chart_id: str, title: str, description: str, height: int, shapes: str, table: SafeString
) -> SafeString:
    return format_html(
        '<figure class="chart" id="{id}">'
        '<svg viewBox="0 0 {width} {height}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'preserveAspectRatio="xMinYMin meet" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>'
        "{shapes}</svg>{table}</figure>",
        id=chart_id,
        width=WIDTH,
        height=height,
        title=title,
        description=description,
        shapes=mark_safe(shapes),  # built from escaped parts only
        table=table,
    )


def bar_list(
    chart_id: str,
    title: str,
    rows: Sequence[Row],
    *,
    value_header: str = "Events",
    compare_header: str | None = None,
    label_header: str = "",
) -> SafeString:
    """Horizontal bars, one per row, with the label above the bar: readable on a 390 px phone.

    With `compare_header`, each row also gets a thinner second bar (e.g. the week before).
    """
    scale = _scale(rows)
    bar_width = WIDTH - 48
    step = 46 if compare_header else 36
    shapes = []
    legend = 0
    if compare_header:
        # A key to the two bars: the thick one is the value, the thin one the comparison.
        legend = FONT + 10
        shapes.append(
            f'<rect class="bar" x="0" y="2" width="14" height="10" fill="currentColor"></rect>'
            f'<text x="18" y="{FONT - 1}" font-size="{FONT - 1}" fill="currentColor">'
            f"{escape(value_header)}</text>"
            f'<rect class="bar-compare" x="150" y="4" width="14" height="6" '
            f'fill="currentColor"></rect>'
            f'<text x="168" y="{FONT - 1}" font-size="{FONT - 1}" fill="currentColor">'
            f"{escape(compare_header)}</text>"
        )
    for index, row in enumerate(rows):
        top = legend + index * step
        shapes.append(
            f'<text x="0" y="{top + FONT}" font-size="{FONT}" fill="currentColor">'
            f"{escape(row.label)}</text>"
        )
        for offset, value, css, thickness in (
            (FONT + 4, row.value, "bar", 12),
            (FONT + 18, row.compare, "bar-compare", 8),
        ):
            if css == "bar-compare" and not compare_header:
                continue
            length = 0 if value is None else max(value / scale * bar_width, 2 if value else 0)
            shapes.append(
                f'<rect class="{css}" x="0" y="{top + offset}" width="{length:.1f}" '
                f'height="{thickness}" rx="2" fill="currentColor"></rect>'
                f'<text class="value" x="{length + 4:.1f}" y="{top + offset + thickness - 1}" '
                f'font-size="{FONT - 1}" fill="currentColor">{escape(number(value))}</text>'
            )
    height = legend + max(step * len(rows), step)
    headers = [label_header or title, value_header]
    cells = []
    for row in rows:
        line = [row.label, number(row.value)]
        if compare_header:
            line.append(number(row.compare))
        cells.append(line)
    if compare_header:
        headers.append(compare_header)
    described = "; ".join(f"{row.label}: {number(row.value)}" for row in rows)
    return _figure(
        chart_id, title, described, height, "".join(shapes), _table(title, headers, cells)
    )


def columns(
    chart_id: str,
    title: str,
    rows: Sequence[Row],
    *,
    value_header: str = "Events",
    label_header: str = "",
    show_values: bool = True,
) -> SafeString:
    """Vertical columns along an axis (hours of the night, weeks), each with its tick label."""
    scale = _scale(rows)
    plot_top, plot_height = FONT + 6, 110
    baseline = plot_top + plot_height
    slot = WIDTH / max(len(rows), 1)
    shapes = [
        f'<line class="axis" x1="0" y1="{baseline}" x2="{WIDTH}" y2="{baseline}" '
        f'stroke="currentColor" stroke-width="1"></line>'
    ]
    for index, row in enumerate(rows):
        left = index * slot
        middle = left + slot / 2
        if row.value:
            tall = row.value / scale * plot_height
            shapes.append(
                f'<rect class="bar" x="{left + slot * 0.15:.1f}" y="{baseline - tall:.1f}" '
                f'width="{slot * 0.7:.1f}" height="{tall:.1f}" rx="2" fill="currentColor"></rect>'
            )
            if show_values:
                shapes.append(
                    f'<text class="value" x="{middle:.1f}" y="{baseline - tall - 3:.1f}" '
                    f'font-size="{FONT - 2}" text-anchor="middle" fill="currentColor">'
                    f"{escape(number(row.value))}</text>"
                )
        tick = row.label if row.tick is None else row.tick
        if tick:
            shapes.append(
                f'<text x="{middle:.1f}" y="{baseline + FONT + 3}" font-size="{FONT - 2}" '
                f'text-anchor="middle" fill="currentColor">{escape(tick)}</text>'
            )
    height = baseline + FONT + 8
    cells = [[row.label, number(row.value)] for row in rows]
    described = "; ".join(f"{row.label}: {number(row.value)}" for row in rows)
    return _figure(
        chart_id,
        title,
        described,
        height,
        "".join(shapes),
        _table(title, [label_header or title, value_header], cells),
    )


def _hour_label(hour: int | None, clock: str) -> str:
    if hour is None:
        return "Noon to 6 pm" if clock == "12" else "12:00–17:59"
    if clock == "12":
        return f"{(hour % 12) or 12} {'am' if hour < 12 else 'pm'}"
    return f"{hour:02d}:00"


def _hour_tick(hour: int | None, clock: str) -> str:
    if hour is None or hour % 3:
        return ""
    if clock == "12":
        return f"{(hour % 12) or 12}{'a' if hour < 12 else 'p'}"
    return f"{hour:02d}"


def summary_figures(summary, *, clock: str = "24", compare=None, prefix: str = "chart") -> dict:
    """The charts of a Summary (journal/summary.py), ready for the _summary_* partials.

    With `compare` (the summary of the week before), the window chart shows both weeks.
    """
    window_rows = [
        Row(WINDOW_LABELS[key], count, compare.events_by_window[key] if compare else None)
        for key, count in summary.events_by_window.items()
    ]
    figures = {
        "windows": bar_list(
            f"{prefix}-windows",
            "Events by time of night",
            window_rows,
            label_header="Window",
            value_header="This week" if compare else "Events",
            compare_header="Week before" if compare else None,
        ),
        "hours": columns(
            f"{prefix}-hours",
            "Events by hour of the night, evening to noon",
            [
                Row(_hour_label(hour, clock), count, tick=_hour_tick(hour, clock))
                for hour, count in zip(HOUR_AXIS, summary.events_by_hour, strict=True)
            ],
            label_header="Hour",
        ),
        "kinds": bar_list(
            f"{prefix}-kinds",
            "Events by kind",
            [
                Row(KIND_LABELS[kind], count)
                for kind, count in sorted(summary.events_by_kind.items(), key=lambda item: -item[1])
            ],
            label_header="Kind",
        ),
    }
    if summary.events_by_body_part:
        figures["body_parts"] = bar_list(
            f"{prefix}-body-parts",
            "Body parts, most often first",
            [
                Row(BODY_PART_LABELS.get(part, part), count)
                for part, count in summary.events_by_body_part.items()
            ],
            label_header="Body part",
        )
    if len(summary.weeks) > 1:
        figures["weeks"] = columns(
            f"{prefix}-weeks",
            "Events per logged night, week by week",
            [
                Row(week.week, week.events_per_logged_night, tick=week.week[-3:])
                for week in summary.weeks
            ],
            label_header="Week",
            value_header="Events per logged night",
        )
    return figures
