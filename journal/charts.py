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

from .summary import HOUR_AXIS
from .vocabulary import BODY_PARTS, EVENT_KINDS, WINDOWS

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
        Row(WINDOWS[key].label, count, compare.events_by_window[key] if compare else None)
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
                Row(EVENT_KINDS[kind].short, count)
                for kind, count in sorted(summary.events_by_kind.items(), key=lambda item: -item[1])
            ],
            label_header="Kind",
        ),
    }
    if summary.events_by_body_part:
        figures["body_figure"] = body_figure_svg(
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
                Row(week.week, week.events_per_logged_night, tick=week.week[-3:])
                for week in summary.weeks
            ],
            label_header="Week",
            value_header="Events per logged night",
        )
    return figures


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
    """One part of the body figure: its count, its shading step (0 = unshaded) and its SVG."""

    part: str
    label: str
    count: int
    step: int
    svg: str


def shading_step(count: int, most: int) -> int:
    """How dark a part is drawn: 0 for none, else 1–4 in proportion to the busiest part."""
    if count <= 0 or most <= 0:
        return 0
    return min(_BODY_STEPS, -(-count * _BODY_STEPS // most))


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
        label = BODY_PARTS[part].label
        opacity = _BODY_OPACITY[step]
        if part == "whole_body":
            # Lighter than the parts, so the parts drawn over it stay distinguishable.
            opacity = round(opacity * 0.35, 3)
        css = f"body-part body-part-{part.replace('_', '-')} step-{step}"
        svg = (
            f'<path class="{css}" d="{outline}" fill="currentColor" '
            f'fill-opacity="{opacity:g}"><title>{escape(label)}: {count}</title></path>'
        )
        if count:
            halo = " halo" if anchor == "middle" else ""
            svg += (
                f'<text class="body-label{halo}" x="{x:g}" y="{y:g}" font-size="{FONT}" '
                f'text-anchor="{anchor}" fill="currentColor">{escape(label)} {count}</text>'
            )
        shapes.append(BodyPartShape(part, label, count, step, svg))
    return tuple(shapes)


BODY_FIGURE_LABEL = (
    "Body figure, front view: the person's right is on the left; "
    "the darker a part, the more events (counts in the list that follows)"
)


def body_figure_svg(chart_id: str, counts: dict[str, int]) -> SafeString:
    """The body figure as an inline SVG with role="img"; the ranked list is its text equivalent."""
    sides = (
        f'<text class="body-side" x="4" y="{FONT}" font-size="{FONT}" '
        f'fill="currentColor">Right</text>'
        f'<text class="body-side" x="{WIDTH - 4}" y="{FONT}" font-size="{FONT}" '
        f'text-anchor="end" fill="currentColor">Left</text>'
    )
    parts = "".join(shape.svg for shape in body_figure(counts))
    return format_html(
        '<figure class="chart body-figure" id="{id}">'
        '<svg viewBox="0 0 {width} {height}" role="img" aria-label="{label}" focusable="false">'
        "{shapes}</svg></figure>",
        id=chart_id,
        width=WIDTH,
        height=_BODY_HEIGHT,
        label=BODY_FIGURE_LABEL,
        shapes=mark_safe(sides + parts),  # built from escaped parts only
    )
