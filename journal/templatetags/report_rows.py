"""`{% event_row event %}` and `{% partner_row report %}`: one row of the report's appendix.

Written in Python rather than by template tags for every cell: a heavy month is hundreds of rows,
and drawing them cell by cell was most of the report page's time. Each row is the markup
templates/journal/_report_appendix.html describes: the entry's time, its night and its window
(with the stage a device recorded then: the timeline's badge), then its own columns, each cell
named for the phone's card layout (data-label; not in the PDF, which has no such layout: the names
were a fifth of a heavy PDF's markup, which WeasyPrint parses in Python). Every value is escaped as
the template engine would (conditional_escape).
"""

import html

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from journal.templatetags.nightjar_format import duration, temperature
from journal.templatetags.nightjar_timeline import recorded_stage

register = template.Library()


def cell(label: str, value, css_class: str = "") -> str:
    """A cell and a line break after it (as in a template: text copied from the page keeps its
    cells apart); `label` "" leaves out the data-label."""
    attributes = (f' data-label="{label}"' if label else "") + (
        f' class="{css_class}"' if css_class else ""
    )
    return f"<td{attributes}>{escaped(value)}</td>\n"


def escaped(value) -> str:
    """conditional_escape(value), without its lazy-string wrapping for a plain str (most cells):
    the same text, as html.escape is what it calls."""
    return html.escape(value) if type(value) is str else conditional_escape(value)


def labels(context):
    """Each cell's data-label, or a blank name for each when the row is for the PDF."""
    return (lambda name: "") if context.get("for_pdf") else (lambda name: name)


def when_cells(entry, label) -> str:
    """When, which night, which window: labelled by review.report.label_when, review.schedules
    .label_windows and review.stages.label_stages."""
    estimated = " <em>(est.)</em>" if entry.window_estimated else ""
    stage = recorded_stage(entry)
    window = label("Window")
    return (
        cell(label("When"), entry.when_text, "nowrap")
        + cell(label("Night of"), entry.night_text, "nowrap")
        + (f'<td data-label="{window}">' if window else "<td>")
        + f"{escaped(entry.window_label)}{estimated}"
        f"{' ' + stage if stage else ''}</td>\n"
    )


def yes_no(value, unknown="no") -> str:
    """As the filter yesno:"yes,no" (unknown "no") or yesno:"yes,no," (unknown "")."""
    if value is None:
        return unknown
    return "yes" if value else "no"


@register.simple_tag(takes_context=True)
def event_row(context, event):
    label = labels(context)
    unit = context.get("temperature_unit", "C")
    return mark_safe(  # every value escaped by cell() and when_cells()
        "<tr>\n"
        + when_cells(event, label)
        + cell(label("Kind"), f"{event.letter} {event.kind_label}")
        + cell(label("Body parts"), event.parts_text)
        + cell(label("How long"), duration(event.duration_seconds))
        + cell(label("Woke me"), yes_no(event.woke_me))
        + cell(label("Awareness changed"), yes_no(event.consciousness_changed, unknown=""))
        + cell(label("Temp."), temperature(event.temperature_c, unit))
        + cell(label("Also"), event.after_text)
        + cell(label("Notes"), event.notes, "report-notes")
        + "</tr>"
    )


@register.simple_tag(takes_context=True)
def partner_row(context, report):
    label = labels(context)
    return mark_safe(  # every value escaped by cell() and when_cells()
        "<tr>\n"
        + when_cells(report, label)
        + cell(label("Who saw it"), report.observer)
        + cell(label("What they saw"), report.observations_text)
        + cell(label("Body parts"), report.parts_text)
        + cell(label("How long"), duration(report.duration_seconds))
        + cell(label("Notes"), report.notes, "report-notes")
        + "</tr>"
    )
