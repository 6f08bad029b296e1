"""`{% pdf_event_row event %}` and `{% pdf_partner_row report %}`: one row of the PDF's appendix.

The page's appendix (report_rows.py) gives each fact its own cell: 11 for an event. WeasyPrint lays
out the text of every cell on its own, and a heavy PDF's appendix of 600 rows was most of its
time. In the PDF a row is three cells, each one text box:

- When: the time and its night, then a line with the window and one with the stage a device
  recorded, if any (the cell is `white-space: pre-line`, report.css: line breaks in the text, no
  <br> boxes);
- What: the event's kind, body parts, how long, woke me, awareness changed, temperature and what
  came after (a partner report: who saw it, what they saw, body parts, how long), on one line
  with " · " between them; an empty value is left out, each other value keeps its column's words
  ("woke me: no") so nothing reads two ways;
- Notes.

Every fact of the page's 11 (8) columns is there. Every value is escaped as the template engine
would (conditional_escape).
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from journal.templatetags.nightjar_format import duration, temperature
from journal.templatetags.report_rows import yes_no

register = template.Library()
SEPARATOR = " · "


def recorded_text(entry) -> str:
    """The stage the night's device recorded at the entry's time, as the timeline's badge says it
    (nightjar_timeline.recorded_stage); "" when the night has no recorded stages."""
    source = getattr(entry, "recorded_source", "")
    if not source:
        return ""
    stage = (
        getattr(entry, "recorded_stage_label", "") if getattr(entry, "recorded_stage", None) else ""
    )
    return f"Recorded: {stage or 'no stage at this time'} ({source})"


def when_text(entry) -> str:
    """Lines "Mon 13 Oct 23:30 · night of 13 Oct", "Falling asleep (est.)" and, when the night
    has recorded stages, "Recorded: Light (Apple Watch)"."""
    window = entry.window_label + (" (est.)" if entry.window_estimated else "")
    recorded = recorded_text(entry)
    return f"{entry.when_text}{SEPARATOR}night of {entry.night_text}\n{window}" + (
        f"\n{recorded}" if recorded else ""
    )


def labelled(name: str, value, colon=":") -> str:
    """ "name: value" ("temp. 36.8 °C"), or "" when the value is empty."""
    return f"{name}{colon} {value}" if value not in ("", None) else ""


def joined(*parts) -> str:
    return SEPARATOR.join(str(part) for part in parts if part)


def row(when: str, what: str, notes: str) -> str:
    return (
        f'<tr>\n<td class="report-pdf-when">{conditional_escape(when)}</td>\n'
        f"<td>{conditional_escape(what)}</td>\n"
        f'<td class="report-notes">{conditional_escape(notes)}</td>\n</tr>'
    )


def event_what(event, unit: str) -> str:
    return joined(
        f"{event.letter} {event.kind_label}",
        event.parts_text,
        labelled("how long", duration(event.duration_seconds)),
        labelled("woke me", yes_no(event.woke_me)),
        labelled("awareness changed", yes_no(event.consciousness_changed, unknown="")),
        labelled("temp.", temperature(event.temperature_c, unit), colon=""),
        labelled("also", event.after_text),
    )


def partner_what(report) -> str:
    return joined(
        labelled("who saw it", report.observer),
        labelled("what they saw", report.observations_text),
        labelled("body parts", report.parts_text),
        labelled("how long", duration(report.duration_seconds)),
    )


@register.simple_tag(takes_context=True)
def pdf_event_row(context, event):
    what = event_what(event, context.get("temperature_unit", "C"))
    return mark_safe(row(when_text(event), what, event.notes))  # escaped by row()


@register.simple_tag
def pdf_partner_row(report):
    return mark_safe(row(when_text(report), partner_what(report), report.notes))  # escaped
