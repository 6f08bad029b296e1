"""Stored per-night figures (models.NightFigures), kept current on every write, and the period
summaries read from them.

A summary is the sum of its nights' figures (review/summary.py: `night_figures`,
`summary_from_totals`), so each night's figures are worked out once, when one of its entries
changes, and a summary of ten years is one SQL sum over 3,650 rows instead of placing 35,000
events and 100,000 stage segments.

Kept current:

- every save and delete of an event, partner report, diary or stage segment (model signals, so
  the forms, the offline queue, the partner's page, the admin and `save_if_unchanged` all count),
  refreshing the entry's night and, when an edit moved it, its old night;
- writes that bypass the signals (`bulk_create`, `bulk_update`) call `touch` or `rebuild`
  themselves: the import of a ZIP, the import of recorded stages, the demo and the bench;
- the time zone and usual schedule they were rebuilt with are the owner's `FiguresBasis`: a
  summary that finds another basis (the settings changed, by the settings page,
  `change_time_zone` or the admin) or none (figures never built, say data older than them)
  rebuilds the owner's figures first.

`manage.py rebuild_summaries` rebuilds them from scratch; a property test
(tests/test_figures_properties.py) shows that after any sequence of writes the stored figures
equal a rebuild, and the summary read from them the summary worked out from the entries.
"""

import json
import threading
from collections.abc import Iterable
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from typing import NamedTuple

from django.db import IntegrityError, connections, router, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from journal.models import (
    Event,
    FiguresBasis,
    Night,
    NightFigures,
    PartnerReport,
    StageSegment,
    SymptomCheckin,
)
from journal.review import summary as summary_rules
from journal.review.periods import SIGN_FIELDS, checkin_input, night_entries
from journal.review.stages import nights_stages, period_stages
from journal.review.summary import (
    ALCOHOL_SUMS,
    COUNT_COLUMNS,
    METRIC_COLUMNS,
    MICROS_COLUMNS,
    CheckinInput,
    FigureTotals,
    PeriodInputs,
    Summary,
)
from journal.rules.nights import monday_of

TRACKED = (Event, PartnerReport, Night, StageSegment)
# Nights rebuilt per round of loading: a year of entries in memory at a time.
REBUILD_NIGHTS = 366


def basis_of(user) -> str:
    """What a night's figures depend on besides its entries: the zone and the usual schedule."""
    usual = user.usual_schedule
    return (
        f"{user.time_zone}|{usual.lights_out.isoformat()}|{usual.minutes_to_fall_asleep}|"
        f"{usual.wake.isoformat()}"
    )


# --- working the figures out ------------------------------------------------------------------


def _inputs(user, night_filter: dict, stage_nights) -> PeriodInputs:
    """The entries of the nights the filter selects, as review.summary's inputs."""
    return PeriodInputs(
        first_night=date.min,
        last_night=date.max,
        tz=user.tz,
        usual=user.usual_schedule,
        **night_entries(user, night_filter),
        stage_nights=stage_nights,
    )


def _rows(user, figures: Iterable[summary_rules.NightFigures]) -> list[NightFigures]:
    rows = []
    for night in figures:
        metrics = night.metrics
        rows.append(
            NightFigures(
                owner=user,
                night_of=night.night_of,
                week=monday_of(night.night_of).toordinal(),
                alcohol=night.alcohol,
                flags=[[code, instant.isoformat()] for code, instant in night.flags] or None,
                first_jerking=night.first_jerking,
                **night.counts,
                **{name: getattr(metrics, name) if metrics else None for name in METRIC_COLUMNS},
            )
        )
    return rows


def refresh_nights(user, nights: Iterable[date]) -> None:
    """Work these nights' figures out again from their entries (a night left with no entry and
    no recorded stages keeps no row)."""
    nights = sorted(set(nights))
    if not nights:
        return
    user = _owner(user)
    with transaction.atomic():
        _lock(user)
        for start in range(0, len(nights), REBUILD_NIGHTS):
            chunk = nights[start : start + REBUILD_NIGHTS]
            period = _inputs(user, {"night_of__in": chunk}, nights_stages(user, chunk))
            figures = summary_rules.period_figures(period, chunk[0], chunk[-1])
            NightFigures.objects.for_user(user).filter(night_of__in=chunk).delete()
            NightFigures.objects.bulk_create(_rows(user, figures), batch_size=500)


def rebuild(user) -> int:
    """Every night's figures of one person from scratch; returns how many nights have figures."""
    user = _owner(user)
    with transaction.atomic():
        _lock(user, basis_of(user))
        nights = set()
        for model in TRACKED:
            nights.update(
                model.objects.for_user(user)
                .order_by()
                .values_list("night_of", flat=True)
                .distinct()
            )
        NightFigures.objects.for_user(user).delete()
        ordered = sorted(nights)
        for start in range(0, len(ordered), REBUILD_NIGHTS):
            chunk = ordered[start : start + REBUILD_NIGHTS]
            first, last = chunk[0], chunk[-1]
            period = _inputs(
                user, {"night_of__range": (first, last)}, period_stages(user, first, last)
            )
            figures = summary_rules.period_figures(period, first, last)
            NightFigures.objects.bulk_create(_rows(user, figures), batch_size=500)
    return len(nights)


def _lock(user, basis: str | None = None) -> None:
    """Take the person's FiguresBasis row for this transaction (made if missing; `basis` set when
    given): two writes refreshing the same person's nights at once then take turns, each reading
    the entries after the other's are in (PostgreSQL; SQLite writes one at a time anyway)."""
    row, created = FiguresBasis.objects.select_for_update().get_or_create(
        owner=user, defaults={"basis": basis or ""}
    )
    if basis is not None and not created and row.basis != basis:
        row.basis = basis
        row.save(update_fields=["basis"])


def _owner(user):
    if isinstance(user, int):
        from accounts.models import User

        return User.objects.get(pk=user)
    return user


# --- keeping them current ---------------------------------------------------------------------

_pending = threading.local()


@contextmanager
def batched():
    """Collect the nights that writes inside the block touch, and refresh each once at the end
    (a source's thousands of stage segments deleted at once refresh their nights once)."""
    if getattr(_pending, "nights", None) is not None:
        yield
        return
    _pending.nights = {}
    try:
        yield
        pending = _pending.nights
    finally:
        _pending.nights = None
    for owner_id, nights in pending.items():
        refresh_nights(owner_id, nights)


@contextmanager
def rebuilt_after(user):
    """Writes inside the block refresh nothing night by night; the person's figures are rebuilt
    once at the end (an import that rewrites a whole journal)."""
    outer = getattr(_pending, "nights", None)
    _pending.nights = {}
    try:
        yield
    finally:
        _pending.nights = outer
    rebuild(user)


def touch(user_or_id, nights: Iterable[date]) -> None:
    """These nights' entries changed: refresh their figures now, or at the end of `batched`."""
    owner_id = getattr(user_or_id, "pk", user_or_id)
    pending = getattr(_pending, "nights", None)
    if pending is not None:
        pending.setdefault(owner_id, set()).update(nights)
    else:
        refresh_nights(user_or_id, nights)


def _remember_night(sender, instance, raw=False, **kwargs):
    """Before an edit, the night the entry was on (an edited time may move it to another)."""
    if raw or instance._state.adding:
        return
    instance._figures_night_before = (
        sender.objects.filter(pk=instance.pk).values_list("night_of", flat=True).first()
    )


def _saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    night = sender._meta.get_field("night_of").to_python(instance.night_of)  # text is allowed
    nights = {night, getattr(instance, "_figures_night_before", None)} - {None}
    instance._figures_night_before = None
    touch(instance.owner_id, nights)


def _deleted(sender, instance, origin=None, **kwargs):
    # An account being deleted takes its figures with it; only the journal's own deletes count.
    model = getattr(origin, "model", type(origin))
    if model in TRACKED:
        touch(instance.owner_id, {sender._meta.get_field("night_of").to_python(instance.night_of)})


def connect_signals():
    for model in TRACKED:
        uid = f"night-figures-{model.__name__}"
        pre_save.connect(_remember_night, sender=model, dispatch_uid=uid)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)


# --- reading them -----------------------------------------------------------------------------

TABLE = NightFigures._meta.db_table
BASIS_TABLE = FiguresBasis._meta.db_table
SUMMED = (*COUNT_COLUMNS, *MICROS_COLUMNS)
CHECKIN_TABLE = SymptomCheckin._meta.db_table


class Queries(NamedTuple):
    sums: str
    weeks: str
    details: str
    checkins: str


@cache
def _sql(vendor: str, quote) -> Queries:
    """The four queries of a stored summary, on columns named once (journal.review.summary)."""
    table, owner, night = quote(TABLE), quote("owner_id"), quote("night_of")
    where = f"WHERE {owner} = %s AND {night} BETWEEN %s AND %s"

    def when(condition, value):
        return f"SUM(CASE WHEN {quote('alcohol')} = {condition} THEN {value} ELSE 0 END)"

    alcohol = {
        "with_nights": when(1, 1),
        "with_events": when(1, quote("events")),
        "with_late": when(1, quote("w_late")),
        "without_nights": when(0, 1),
        "without_events": when(0, quote("events")),
        "without_late": when(0, quote("w_late")),
    }
    sums = ", ".join(
        [
            *(f"SUM({quote(name)})" for name in SUMMED),
            *(alcohol[name] for name in ALCOHOL_SUMS),
            # The basis the figures were built with, and whether a jerking episode came before.
            f"(SELECT {quote('basis')} FROM {quote(BASIS_TABLE)} WHERE {owner} = %s)",
            f"EXISTS (SELECT 1 FROM {table} WHERE {owner} = %s AND {night} < %s "
            f"AND {quote('k_jerking_episode')} > 0)",
        ]
    )
    details = ", ".join(
        [
            quote("diary"),
            *(quote(name) for name in METRIC_COLUMNS),
            f"CAST({quote('flags')} AS TEXT)",
            f"CAST({quote('first_jerking')} AS TEXT)",
        ]
    )
    checkin_columns = ", ".join(quote(name) for name in SIGN_FIELDS)
    return Queries(
        sums=f"SELECT {sums} FROM {table} {where}",
        weeks=(
            f"SELECT {quote('week')}, SUM({quote('logged')}), SUM({quote('events')}), "
            f"SUM({quote('woken')}) FROM {table} {where} GROUP BY {quote('week')}"
        ),
        details=(
            f"SELECT {details} FROM {table} {where} AND ({quote('diary')} = 1 OR "
            f"{quote('flags')} IS NOT NULL OR {quote('first_jerking')} IS NOT NULL) "
            f"ORDER BY {night}"
        ),
        checkins=(
            f"SELECT CAST({quote('date')} AS TEXT), {checkin_columns} FROM "
            f"{quote(CHECKIN_TABLE)} WHERE {owner} = %s AND {quote('date')} BETWEEN %s AND %s "
            f"ORDER BY {quote('date')}"
        ),
    )


def _instant(text: str) -> datetime:
    instant = datetime.fromisoformat(text)
    # SQLite keeps UTC without an offset.
    return instant.replace(tzinfo=UTC) if instant.tzinfo is None else instant.astimezone(UTC)


@dataclass(frozen=True)
class Stored:
    totals: FigureTotals
    current: bool  # built with the person's time zone and usual schedule of now
    earlier_jerking: bool
    checkins: list[CheckinInput]


def _read(user, first: date, last: date) -> Stored:
    """The stored figures of nights first..last, added up, and the period's check-ins (four
    queries, on a plain cursor: no per-value converters)."""
    connection = connections[router.db_for_read(NightFigures)]
    queries = _sql(connection.vendor, connection.ops.quote_name)
    params = (user.pk, first, last)
    with connection.cursor() as cursor:
        cursor.execute(queries.sums, (user.pk, user.pk, first, *params))
        *sums, basis, earlier_jerking = cursor.fetchone()
        cursor.execute(queries.weeks, params)
        week_rows = cursor.fetchall()
        cursor.execute(queries.details, params)
        detail_rows = cursor.fetchall()
        cursor.execute(queries.checkins, params)
        checkin_rows = cursor.fetchall()
    metric_values = {name: [] for name in METRIC_COLUMNS}
    flags, jerking = [], []
    for diary, *metrics, flag_text, first_jerking in detail_rows:
        if diary:
            for values, value in zip(metric_values.values(), metrics, strict=True):
                if value is not None:
                    values.append(value)
        if flag_text:
            flags.extend((code, _instant(when)) for code, when in json.loads(flag_text))
        if first_jerking:
            jerking.append(_instant(first_jerking))
    values = [int(value or 0) for value in sums]
    from_ordinal, parse_date = date.fromordinal, date.fromisoformat
    totals = FigureTotals(
        counts=dict(zip(SUMMED, values, strict=False)),
        alcohol=dict(zip(ALCOHOL_SUMS, values[len(SUMMED) :], strict=True)),
        weeks={
            from_ordinal(week): (int(logged), int(events), int(woken))
            for week, logged, events, woken in week_rows
        },
        metric_values=metric_values,
        flags=flags,
        first_jerking=min(jerking, default=None),
    )
    return Stored(
        totals=totals,
        current=basis == basis_of(user),
        earlier_jerking=bool(earlier_jerking),
        checkins=[checkin_input((parse_date(day), *signs)) for day, *signs in checkin_rows],
    )


@cache
def _earlier_sql(vendor: str, quote) -> str:
    """The flags of the nights before a night, and their first jerking episode (one query)."""
    table, owner, night = quote(TABLE), quote("owner_id"), quote("night_of")
    flags, jerking = quote("flags"), quote("first_jerking")
    where = f"WHERE {owner} = %s AND {night} < %s"
    return (
        f"SELECT CAST({flags} AS TEXT), NULL, NULL FROM {table} {where} AND {flags} IS NOT NULL "
        f"UNION ALL SELECT NULL, CAST(MIN({jerking}) AS TEXT), "
        f"(SELECT {quote('basis')} FROM {quote(BASIS_TABLE)} WHERE {owner} = %s) "
        f"FROM {table} {where}"
    )


def _read_earlier(user, first: date) -> tuple[list[tuple[str, datetime]], bool]:
    connection = connections[router.db_for_read(NightFigures)]
    with connection.cursor() as cursor:
        cursor.execute(
            _earlier_sql(connection.vendor, connection.ops.quote_name),
            (user.pk, first, user.pk, user.pk, first),
        )
        rows = cursor.fetchall()
    flags, current = [], False
    for flag_text, first_jerking, basis in rows:
        if flag_text is not None:  # a night's flags
            flags.extend((code, _instant(when)) for code, when in json.loads(flag_text))
        else:  # the last row: the first jerking episode, the basis
            current = basis == basis_of(user)
            if first_jerking is not None:
                flags.append(("first_jerking_episode", _instant(first_jerking)))
    return flags, current


def earlier_flags(user, first: date) -> list[tuple[str, datetime]]:
    """The red flags raised before the night `first`, as (code, UTC instant), from the stored
    figures: each earlier night's (its entries' own flags, in time order, an entry's in the order
    of the rules) and then the first jerking episode ever, if it came before. One query however
    long the journal (plus a rebuild when the settings changed since they were stored)."""
    flags, current = _read_earlier(user, first)
    if not current:
        with suppress(IntegrityError):
            rebuild(user)
        flags, _ = _read_earlier(user, first)
    return flags


def stored_summary(user, first: date, last: date) -> Summary:
    """The summary of nights first..last (definitions §5) from the stored figures: four queries
    however long the period (plus a rebuild when the settings changed since they were stored)."""
    stored = _read(user, first, last)
    if not stored.current:
        # A concurrent request may rebuild them at the same moment: either one's rows will do.
        with suppress(IntegrityError):
            rebuild(user)
        stored = _read(user, first, last)
    return summary_rules.summary_from_totals(
        first, last, user.tz, stored.totals, stored.checkins, stored.earlier_jerking
    )
