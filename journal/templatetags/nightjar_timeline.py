"""Lines of a timeline: an event or a partner report as an <li> (home, nights, a night, a saved
entry, a delete's preview), written in Python.

A heavy night page shows 30 entries; drawn by a template each, with a dozen conditions, two
times, a link and a nested include apiece, they were most of the page's time (issue 10). The
markup is the one templates/journal/_event_item.html and _partner_item.html used to hold; those
templates now only call these tags, so every page keeps including them as before. Every value
from the entry goes through `_text` (HTML-escaped, as the templates' autoescape did).
"""

from functools import lru_cache
from html import escape
from uuid import UUID

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from journal.models import Event
from journal.templatetags.nightjar_format import clock_time

register = template.Library()

KIND_LABELS = {kind: str(label) for kind, label in Event.Kind.choices}
# Stands for an entry's id in its Edit link, reversed once per URLconf and script prefix: a
# `reverse` per line was a third of a line's time. Entry ids are UUIDs, the same in any URL.
SOME_ID = UUID(int=0)


@lru_cache(maxsize=16)
def _link_pattern(name: str, urlconf, prefix: str) -> str:
    return reverse(name, urlconf=urlconf, args=[SOME_ID])


def _edit_url(name: str, entry) -> str:
    """reverse(name, args=[entry.pk])."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _link_pattern(name, urlconf, get_script_prefix()).replace(str(SOME_ID), str(entry.pk))


def _text(value) -> str:
    return escape(str(value))


def _when(instant, clock) -> str:
    """The entry's time on the person's clock, in the current time zone (as the templates'
    `clock_time` filter writes it)."""
    return clock_time(timezone.localtime(instant), clock)


def _window(entry) -> str:
    label = getattr(entry, "window_label", "")
    if not label:
        return ""
    estimated = (
        ' <span class="estimated">(estimated)</span>'
        if getattr(entry, "window_estimated", False)
        else ""
    )
    return f'<span class="badge-window muted">{_text(label)}{estimated}</span>'


def recorded_stage(entry) -> str:
    """The stage the night's device recorded at the entry's time, as a badge beside its window
    ("" when the night has no recorded stages): on the timeline and in the report's appendix."""
    source = getattr(entry, "recorded_source", "")
    if not source:
        return ""
    stage = (
        getattr(entry, "recorded_stage_label", "") if getattr(entry, "recorded_stage", None) else ""
    )
    return (
        f'<span class="badge-stage">Recorded: {_text(stage or "no stage at this time")}'
        f" ({_text(source)})</span>"
    )


def _item(css, flags, what, details, edit_url, edit_css, edit_label) -> SafeString:
    flagged = (
        '<p class="small text-danger-emphasis fw-semibold mb-0">'
        f"Seek medical attention: {_text('; '.join(flags))}.</p>\n"
        if flags
        else ""
    )
    details = "\n".join(detail for detail in details if detail)
    return mark_safe(
        f'<li class="{css}{" red-flag px-2" if flags else ""}">\n'
        '<div class="d-flex justify-content-between align-items-start gap-2">\n'
        f'<div class="word-break">\n{what}\n'
        f'<div class="small">\n{details}\n</div>\n{flagged}</div>\n'
        f'<a class="btn btn-outline-secondary btn-sm {edit_css}"\nhref="{_text(edit_url)}"\n'
        f'aria-label="{_text(edit_label)}">Edit</a>\n'
        "</div>\n</li>"
    )


@register.simple_tag(takes_context=True)
def event_item(context, event) -> SafeString:
    """One event: its time, kind and body parts; its window, recorded stage and effects; any red
    flag; and its Edit link."""
    when = _when(event.occurred_at, context.get("clock", ""))
    kind = KIND_LABELS.get(event.kind, event.kind)
    what = f'<span class="entry-time">{_text(when)}</span>\n<strong>{_text(kind)}</strong>'
    if event.body_parts:
        parts = ", ".join(event.body_part_labels)
        what += f'\n<span class="event-parts">· {_text(parts)}</span>'
    details = (
        _window(event),
        recorded_stage(event),
        '<span class="badge text-bg-warning">Woke me</span>' if event.woke_me else "",
        '<span class="badge text-bg-info">Kept me awake</span>' if event.kept_me_awake else "",
        f'<span class="muted">Intensity {_text(event.intensity)}/5</span>'
        if event.intensity
        else "",
    )
    return _item(
        "event-item",
        event.red_flag_titles,
        what,
        details,
        _edit_url("event_edit", event),
        "flex-shrink-0",
        f"Edit {kind.lower()} at {when}",
    )


@register.simple_tag(takes_context=True)
def partner_item(context, report) -> SafeString:
    """One partner report: its time, what was seen and where; its window, recorded stage, who saw
    it and for how long; any red flag; and its Edit link."""
    when = _when(report.observed_at, context.get("clock", ""))
    seen = ", ".join(report.observation_labels)
    what = (
        f'<span class="entry-time">{_text(when)}</span>\n'
        f"<strong>Partner saw:</strong> {_text(seen)}"
    )
    if report.body_parts:
        parts = ", ".join(report.body_part_labels)
        what += f'\n<span class="partner-parts">· {_text(parts)}</span>'
    if report.partner_link_id:
        observer = f'<span class="muted">Added by {_text(report.observer)}</span>'
    elif report.observer:
        observer = f'<span class="muted">Seen by {_text(report.observer)}</span>'
    else:
        observer = ""
    details = (
        _window(report),
        recorded_stage(report),
        observer,
        f'<span class="muted">About {_text(report.duration_seconds)} s</span>'
        if report.duration_seconds is not None
        else "",
    )
    return _item(
        "partner-item",
        report.red_flag_titles,
        what,
        details,
        _edit_url("partner_edit", report),
        "flex-none",
        f"Edit partner report at {when}",
    )
