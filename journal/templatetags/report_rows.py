"""`{% event_row event %}` and `{% partner_row report %}`: one row of the report's appendix.

Written in Python rather than by template tags for every cell: a heavy month is hundreds of rows,
and drawing them cell by cell was most of the report page's time. Each row is the markup
templates/journal/_report_appendix.html describes: the entry's time, its night and its window
(with the stage a device recorded then: the timeline's badge), then its own columns, each cell
named for the phone's card layout (data-label). Every value is escaped as the template engine
would (conditional_escape).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from journal.templatetags.nightjar_format import duration, temperature
from journal.templatetags.nightjar_timeline import recorded_stage

register = template.Library()


def cell(label: str, value, css_class: str = "") -> str:
    """A cell and a line break after it (as in a template: text copied from the page keeps its
    cells apart)."""
    attributes = f' class="{css_class}"' if css_class else ""
    return f'<td data-label="{label}"{attributes}>{conditional_escape(value)}</td>\n'


def when_cells(entry) -> str:
    """When, which night, which window: labelled by review.report.label_when, review.schedules
    .label_windows and review.stages.label_stages."""
    estimated = " <em>(est.)</em>" if entry.window_estimated else ""
    stage = recorded_stage(entry)
    return (
        cell("When", entry.when_text, "nowrap")
        + cell("Night of", entry.night_text, "nowrap")
        + f'<td data-label="Window">{conditional_escape(entry.window_label)}{estimated}'
        f"{' ' + stage if stage else ''}</td>\n"
    )


def yes_no(value, unknown="no") -> str:
    """As the filter yesno:"yes,no" (unknown "no") or yesno:"yes,no," (unknown "")."""
    if value is None:
        return unknown
    return "yes" if value else "no"


@register.simple_tag(takes_context=True)
def event_row(context, event):
    return mark_safe(  # every value escaped by cell() and when_cells()
        "<tr>\n"
        + when_cells(event)
        + cell("Kind", f"{event.letter} {event.kind_label}")
        + cell("Body parts", event.parts_text)
        + cell("How long", duration(event.duration_seconds))
        + cell("Woke me", yes_no(event.woke_me))
        + cell("Awareness changed", yes_no(event.consciousness_changed, unknown=""))
        + cell("Temp.", temperature(event.temperature_c, context.get("temperature_unit", "C")))
        + cell("Also", event.after_text)
        + cell("Notes", event.notes, "report-notes")
        + "</tr>"
    )


@register.simple_tag
def partner_row(report):
    return mark_safe(  # every value escaped by cell() and when_cells()
        "<tr>\n"
        + when_cells(report)
        + cell("Who saw it", report.observer)
        + cell("What they saw", report.observations_text)
        + cell("Body parts", report.parts_text)
        + cell("How long", duration(report.duration_seconds))
        + cell("Notes", report.notes, "report-notes")
        + "</tr>"
    )
