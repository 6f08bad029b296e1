"""Queries behind the journal timeline and the night page.

Each helper makes a fixed number of queries however many nights or entries there are, so the
timeline cannot slide into one query per night (tests assert this).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import EmptyResultSet
from django.db import connections

from journal.models import Event, Night, PartnerReport
from journal.review.schedules import label_windows
from journal.review.stages import label_stages, nights_stages
from journal.rules.stages import NightStages

NIGHTS_PER_PAGE = 8
# A page also stops once it holds this many entries (it always shows at least one whole night):
# a heavy week is a long scroll on a phone, and each entry costs rendering time.
ENTRIES_PER_PAGE = 30


@dataclass
class TimelineItem:
    """One event or partner report on a night, in time order with the others."""

    kind: str  # "event" or "partner"
    entry: Event | PartnerReport

    @property
    def instant(self):
        return self.entry.instant


@dataclass
class NightSummary:
    """A night as the timeline shows it: its diary (if any), its entries in time order, and the
    sleep stages a device recorded (if any)."""

    night_of: date
    diary: Night | None = None
    items: list[TimelineItem] = field(default_factory=list)
    stages: NightStages | None = None


@dataclass
class TimelinePage:
    nights: list[NightSummary]
    older_than: date | None  # the `before` of the next page, None on the last page


def logged_nights(user, before: date | None = None, limit: int = NIGHTS_PER_PAGE) -> list[date]:
    """Up to `limit` nights with a diary, an event or a partner report, newest first (one query).

    Keyset pagination: only nights strictly before `before`, so pages stay correct while new
    entries arrive and cost the same however far back they go.

    The `limit` newest nights overall are each among the `limit` newest nights of their own
    source, so each source gives only those (a few recent entries of its (owner, night_of)
    index) and the union of the three is cut to `limit`. Django builds each part, owner filter
    included, through the owner-scoped managers; the parts are joined here because Django cannot
    take the UNION of sliced queries on SQLite, and building the SQL of an equivalent single
    queryset cost more than the query itself (docs/benchmark.md).
    """
    parts, params = [], []
    for Model in (Night, Event, PartnerReport):
        source = Model.objects.for_user(user)
        if before is not None:
            source = source.filter(night_of__lt=before)
        source = source.order_by("-night_of").values_list("night_of", flat=True).distinct()
        try:
            sql, source_params = source[:limit].query.sql_with_params()
        except EmptyResultSet:  # no one signed in: Django would not run the query either
            return []
        parts.append(f"SELECT * FROM ({sql}) AS source_{len(parts)}")
        params.extend(source_params)
    # UNION (not UNION ALL) removes nights that appear in more than one source.
    sql = " UNION ".join(parts) + f" ORDER BY 1 DESC LIMIT {int(limit)}"
    with connections[source.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    # SQLite gives the dates of a compound query as text.
    return [night if isinstance(night, date) else date.fromisoformat(night) for (night,) in rows]


def nights_with_entries(user, night_dates: list[date]) -> list[NightSummary]:
    """Each of these nights with its diary, its entries with their window and recorded stage,
    and its recorded stages, in the order given (4 queries)."""
    events, reports = _entries(user, night_dates)
    return _summaries(user, night_dates, events, reports)


def _entries(user, night_dates: list[date]) -> tuple[list[Event], list[PartnerReport]]:
    """The events and partner reports of these nights (2 queries)."""
    events = list(Event.objects.for_user(user).filter(night_of__in=night_dates))
    reports = list(PartnerReport.objects.for_user(user).filter(night_of__in=night_dates))
    return events, reports


def _summaries(user, night_dates, events, reports) -> list[NightSummary]:
    """The nights with their diaries and recorded stages (2 queries) and these entries, labelled
    with their window and recorded stage, in time order."""
    diaries = {
        diary.night_of: diary
        for diary in Night.objects.for_user(user).filter(night_of__in=night_dates)
    }
    label_windows(user, [*events, *reports], diaries)
    recorded = label_stages(user, [*events, *reports], nights_stages(user, night_dates))

    summaries = {
        night: NightSummary(night, diaries.get(night), stages=recorded.get(night))
        for night in night_dates
    }
    items = [TimelineItem("event", event) for event in events]
    items += [TimelineItem("partner", report) for report in reports]
    for item in sorted(items, key=lambda item: item.instant):
        summaries[item.entry.night_of].items.append(item)
    return [summaries[night] for night in night_dates]


def _newest_entries(user, night_dates: list[date], most: int):
    """The events and partner reports of the newest of these nights: at most `most` + 1 of each
    kind, newest night first (2 queries), and, for each kind cut short, the night it was cut at
    (that night and older ones are not wholly read)."""
    events = list(
        Event.objects.for_user(user)
        .filter(night_of__in=night_dates)
        .order_by("-night_of", "occurred_at")[: most + 1]
    )
    reports = list(
        PartnerReport.objects.for_user(user)
        .filter(night_of__in=night_dates)
        .order_by("-night_of", "observed_at")[: most + 1]
    )
    cut_at = [rows[-1].night_of for rows in (events, reports) if len(rows) > most]
    return events, reports, max(cut_at, default=None)


def timeline_page(
    user,
    before: date | None = None,
    per_page: int = NIGHTS_PER_PAGE,
    entries_per_page: int = ENTRIES_PER_PAGE,
):
    """A page of the timeline: up to `per_page` nights before `before` (newest first), fewer when
    they hold more than `entries_per_page` entries, and the key of the next page (5 queries; 7
    when the newest night alone holds more than a page of events or of partner reports).

    Entries, diaries and recorded stages are read only for the nights the page shows (and one
    more entry of each kind): on a heavy journal that is a few of the `per_page` nights."""
    night_dates = logged_nights(user, before, limit=per_page + 1)
    candidates = night_dates[:per_page]
    events, reports, cut_at = _newest_entries(user, candidates, entries_per_page)
    if cut_at is not None and candidates and cut_at == candidates[0]:
        # The newest night alone fills a page: it is shown whole all the same.
        events, reports = _entries(user, candidates[:1])
    entries_on = Counter(entry.night_of for entry in [*events, *reports])
    shown, entries = [], 0
    for night in candidates:
        # A night not wholly read comes after more than `entries_per_page` entries of one kind.
        if shown and (
            (cut_at is not None and night <= cut_at)
            or entries + entries_on[night] > entries_per_page
        ):
            break
        shown.append(night)
        entries += entries_on[night]
    more = len(shown) < len(candidates) or len(night_dates) > per_page
    kept = set(shown)
    nights = _summaries(
        user,
        shown,
        [event for event in events if event.night_of in kept],
        [report for report in reports if report.night_of in kept],
    )
    return TimelinePage(nights, shown[-1] if more else None)


def night_detail(user, night: date) -> NightSummary:
    """One night with its diary, entries and recorded stages (4 queries)."""
    return nights_with_entries(user, [night])[0]
