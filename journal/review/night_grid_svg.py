"""One night of the report's night grid as SVG markup (templates/journal/_night_grid.html).

Written here rather than by a template loop: a year's grid is hundreds of rows, and drawn by
template tags, each row cost the report page most of its time and, as dozens of small SVG
elements, cost WeasyPrint most of the PDF's. Each row draws each kind of mark once: the hour
lines as two paths (the thin ones and the thicker midnight), the window boundaries as one path,
the ticks of all the night's marks as one path, the partner marks' boxes as one, each recorded
stage as one path of its spans; only the letters are an element each. What is drawn, where and
in which colour is as before: presentation attributes in black and grey, so it prints in black
and white and WeasyPrint draws it as a browser does; report.css recolours the classes for the
dark theme.

The coordinates are SVG user units from review/report.py (`grid_rows`); every text (the row's
description, a mark's title) is escaped.
"""

from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from journal.templatetags.nightjar_format import day

MIDNIGHT_LABELS = ("00", "12a")  # the midnight tick on a 24-hour and on a 12-hour clock

# Rows on the grid's lanes (user units): letters above y 12, the bars from 13 to 27, the strip of
# recorded stages from 29 to 35 when the period has any.
LETTER_Y = 10
TICK_TOP = 11
HOUR_TOP = 12
BOUNDARY_TOP, BOUNDARY_BOTTOM = 11.5, 28.5
STAGE_Y, STAGE_HEIGHT = 29, 6


def num(value) -> str:
    """A coordinate as SVG reads it: 240.0 → "240", 12.5 → "12.5" (never localized)."""
    return f"{value:g}"


def vertical_lines(xs, top, bottom) -> str:
    """A path's data for vertical lines at each x from `top` to `bottom`."""
    return "".join(f"M{num(x)} {num(top)}V{num(bottom)}" for x in xs)


@lru_cache(maxsize=16)
def hour_lines(hour_ticks: tuple, height: float) -> str:
    """The hour lines of every row (the same for the whole grid): thin, and thicker at midnight."""
    thin = [x for label, x in hour_ticks if label not in MIDNIGHT_LABELS]
    midnight = [x for label, x in hour_ticks if label in MIDNIGHT_LABELS]
    lines = f'<path d="{vertical_lines(thin, HOUR_TOP, height)}" stroke="#aaa" stroke-width="0.5"/>'
    if midnight:
        lines += (
            f'<path d="{vertical_lines(midnight, HOUR_TOP, height)}" stroke="#aaa"'
            ' stroke-width="1.5"/>'
        )
    return lines


def stage_paths(stages) -> list[str]:
    """One path per recorded stage, a rectangle for each of its spans, in order of first use."""
    spans: dict[str, list[dict]] = {}
    for band in stages:
        spans.setdefault(band["stage"], []).append(band)
    return [
        f'<path class="ng-stage" data-stage="{escape(stage)}" d="'
        + "".join(
            f"M{num(b['x'])} {STAGE_Y}h{num(b['width'])}v{STAGE_HEIGHT}h{num(-b['width'])}z"
            for b in bands
        )
        + f'" fill="{escape(bands[0]["fill"])}" stroke="#000" stroke-width="0.3"/>'
        for stage, bands in spans.items()
    ]


def row_svg(night: dict, *, width: int, height: float, hour_ticks, titles: bool = True) -> str:
    """The SVG of one night (a dict of review.report.grid_rows) on a `width`-unit axis.

    `titles`: each letter carries its mark's kind and time as a tooltip (on screen; the PDF has
    no use for them). The row as a whole is described in words by its aria-label.
    """
    row = night["row"]
    label = f"{day(night['night_of'])}: {night['description']}"
    parts = [
        f'<svg viewBox="-10 0 {width + 20} {num(height)}" role="img" aria-label="{escape(label)}">',
        hour_lines(tuple(hour_ticks), height),
    ]
    if night["in_bed"]:
        bed = night["in_bed"]
        parts.append(
            f'<rect class="ng-bed" x="{num(bed["x"])}" y="13" width="{num(bed["width"])}"'
            ' height="14" fill="#fff" stroke="#000" stroke-width="1.2"/>'
        )
    if night["asleep"]:
        asleep = night["asleep"]
        parts.append(
            f'<rect class="ng-asleep" x="{num(asleep["x"])}" y="16.5"'
            f' width="{num(asleep["width"])}" height="7" fill="#9a9a9a"/>'
        )
    parts.extend(stage_paths(night["stages"]))
    if night["boundaries"]:
        estimated = row.boundaries_estimated
        parts.append(
            f'<path class="ng-boundary{" ng-estimated" if estimated else ""}"'
            f' d="{vertical_lines(night["boundaries"], BOUNDARY_TOP, BOUNDARY_BOTTOM)}"'
            ' stroke="#000" stroke-width="0.9"'
            + (' stroke-dasharray="2.5 1.5"' if estimated else "")
            + "/>"
        )
    marks = night["marks"]
    if marks:
        ticks = vertical_lines((mark.x for mark in marks), TICK_TOP, height - 1)
        parts.append(f'<path class="ng-tick" d="{ticks}" stroke="#000" stroke-width="1.2"/>')
        boxes = "".join(f"M{num(m.box_x)} 0.5h10v11h-10z" for m in marks if m.is_partner)
        if boxes:
            parts.append(
                f'<path class="ng-partner" d="{boxes}" fill="#fff" stroke="#000"'
                ' stroke-width="0.8"/>'
            )
        # The letters share their look (on a group, which SVG and WeasyPrint both inherit from):
        # each is then only its place and its letter.
        parts.append(
            '<g class="ng-letters" font-size="10.5" font-weight="bold" font-family="sans-serif"'
            ' text-anchor="middle" fill="#000">'
        )
        for mark in marks:
            title = f"<title>{escape(mark.title)}</title>" if titles else ""
            parts.append(
                f'<text x="{num(mark.letter_x)}" y="{LETTER_Y}">{title}{escape(mark.letter)}</text>'
            )
        parts.append("</g>")
    if night["logged"] and not row.has_diary:
        parts.append(empty_note("no diary", width, "end"))
    if not night["logged"]:
        parts.append(empty_note("not logged", width / 2, "middle"))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # numbers and escaped text only


def empty_note(words: str, x: float, anchor: str) -> str:
    return (
        f'<text class="ng-empty" x="{num(x)}" y="24" font-size="9" font-family="sans-serif"'
        f' text-anchor="{anchor}" fill="#666">{words}</text>'
    )
