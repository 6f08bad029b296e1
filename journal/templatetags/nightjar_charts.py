"""The shapes of the charts' SVG (journal/review/charts.py works out the geometry), written in
Python: a chart is dozens of bars, columns or body parts with five or six numbers each, and drawn
one template loop turn apiece they were half of /patterns/ (issue 10). The markup is the one
templates/journal/_chart_bars.html, _chart_columns.html and _chart_body.html used to hold;
numbers are written as Python writes them (as the templates did, under `{% localize off %}`),
text is HTML-escaped (as the templates' autoescape did).
"""

from html import escape

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _text(value) -> str:
    return escape(str(value))


@register.simple_tag
def bar_shapes(chart) -> SafeString:
    """Horizontal bars: a key to the two bars of a row if there is a legend, then each row's label
    and its bars with their values."""
    small = chart.font - 1
    shapes = []
    if chart.legend:
        shapes += [
            '<rect class="bar" x="0" y="2" width="14" height="10" fill="currentColor"></rect>',
            f'<text x="18" y="{small}" font-size="{small}" fill="currentColor">'
            f"{_text(chart.legend[0])}</text>",
            '<rect class="bar-compare" x="150" y="4" width="14" height="6" '
            'fill="currentColor"></rect>',
            f'<text x="168" y="{small}" font-size="{small}" fill="currentColor">'
            f"{_text(chart.legend[1])}</text>",
        ]
    for row in chart.rows:
        shapes.append(
            f'<text x="0" y="{row.label_y}" font-size="{chart.font}" fill="currentColor">'
            f"{_text(row.label)}</text>"
        )
        for bar in row.bars:
            shapes.append(
                f'<rect class="{_text(bar.css)}" x="0" y="{bar.y}" width="{bar.length}" '
                f'height="{bar.thickness}" rx="2" fill="currentColor"></rect>\n'
                f'<text class="value" x="{bar.value_x}" y="{bar.value_y}" font-size="{small}" '
                f'fill="currentColor">{_text(bar.value)}</text>'
            )
    return mark_safe("\n".join(shapes))


@register.simple_tag
def column_shapes(chart) -> SafeString:
    """Vertical columns: the axis, then each column's bar with its value above it, and its tick."""
    small = chart.font - 2
    shapes = [
        f'<line class="axis" x1="0" y1="{chart.baseline}" x2="{chart.width}" '
        f'y2="{chart.baseline}" stroke="currentColor" stroke-width="1"></line>'
    ]
    for column in chart.columns:
        bar = column.bar
        if bar:
            shapes.append(
                f'<rect class="bar" x="{column.x}" y="{bar.top}" width="{column.width}" '
                f'height="{bar.tall}" rx="2" fill="currentColor"></rect>'
            )
            if bar.value:
                shapes.append(
                    f'<text class="value" x="{column.middle}" y="{bar.value_y}" '
                    f'font-size="{small}" text-anchor="middle" fill="currentColor">'
                    f"{_text(bar.value)}</text>"
                )
        if column.tick:
            shapes.append(
                f'<text x="{column.middle}" y="{chart.tick_y}" font-size="{small}" '
                f'text-anchor="middle" fill="currentColor">{_text(column.tick)}</text>'
            )
    return mark_safe("\n".join(shapes))


@register.simple_tag
def body_shapes(chart) -> SafeString:
    """The body figure: "Right" and "Left", then each part shaded by its count, with its label
    and count beside it when it has events."""
    font = chart.font
    shapes = [
        f'<text class="body-side" x="4" y="{font}" font-size="{font}" '
        'fill="currentColor">Right</text>',
        f'<text class="body-side" x="{chart.width - 4}" y="{font}" font-size="{font}" '
        'text-anchor="end" fill="currentColor">Left</text>',
    ]
    for shape in chart.parts:
        label, count = _text(shape.label), _text(shape.count)
        shapes.append(
            f'<path class="{_text(shape.css)}" d="{_text(shape.outline)}" fill="currentColor" '
            f'fill-opacity="{shape.opacity}">\n<title>{label}: {count}</title>\n</path>'
        )
        if shape.count:
            halo = " halo" if shape.halo else ""
            shapes.append(
                f'<text class="body-label{halo}" x="{shape.label_x}" y="{shape.label_y}" '
                f'font-size="{font}" text-anchor="{_text(shape.anchor)}" fill="currentColor">'
                f"{label} {count}</text>"
            )
    return mark_safe("\n".join(shapes))
