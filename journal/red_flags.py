"""Red flags the moment an entry is saved: the guidance to show at once, and the notice the home
page keeps until its owner has seen it.

Which entries raise a flag is decided by journal.rules.hints (event_flag_codes,
partner_flag_codes); this module only remembers that a form saved one. The import raises no
notices: it never calls `raise_notice`.
"""

from django.utils import timezone

from journal.models import Event, PartnerReport, RedFlagNotice
from journal.rules.hints import RED_FLAG_RULES, event_flag_codes, partner_flag_codes
from journal.rules.vocabulary import EVENT_KINDS


def flag_codes(entry) -> list[str]:
    if isinstance(entry, Event):
        return event_flag_codes(entry)
    if isinstance(entry, PartnerReport):
        return partner_flag_codes(entry)
    return []


def guidance(entry) -> list:
    """The red-flag rules (title, guidance, source) this entry matches, in the rules' order."""
    return [RED_FLAG_RULES[code] for code in flag_codes(entry)]


def raise_notice(entry) -> RedFlagNotice | None:
    """Keep a notice on the home page for an entry a form has just saved, if it raises a flag.

    A notice already seen is raised again only when the entry now matches a rule it did not
    match before (for example "injured" ticked later under Add details).
    """
    codes = flag_codes(entry)
    if not codes:
        return None
    field = "event" if isinstance(entry, Event) else "partner_report"
    notice = RedFlagNotice.objects.for_user(entry.owner).filter(**{field: entry}).first()
    if notice is None:
        return RedFlagNotice.objects.create(owner=entry.owner, codes=codes, **{field: entry})
    if notice.acknowledged_at is None or not set(codes) <= set(notice.codes):
        notice.codes = codes
        notice.acknowledged_at = None
        notice.raised_at = timezone.now()
        notice.save(update_fields=["codes", "acknowledged_at", "raised_at"])
    return notice


def open_notices(user) -> list[RedFlagNotice]:
    """The owner's notices not yet seen whose entry still raises a flag, oldest first, each with
    `rules` (what to show) and, for an event, `what` (its kind in a word) set."""
    unseen = RedFlagNotice.objects.for_user(user).filter(acknowledged_at__isnull=True)
    # Most home pages have none: asking first costs a third of building the joined query.
    if not unseen.exists():
        return []
    notices = unseen.select_related("event", "partner_report")
    shown = []
    for notice in notices:
        notice.rules = guidance(notice.entry)
        if notice.event is not None:
            notice.what = EVENT_KINDS.label(notice.event.kind, "short").lower()
        if notice.rules:
            shown.append(notice)
    return shown
