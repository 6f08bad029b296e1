"""Account operations that touch the journal as well as the account."""

import zoneinfo

from django.db import transaction

from journal.models import Event, PartnerReport, StageSegment

# Rows read and written per round trip: a decade of nightly entries is a few dozen queries, and
# memory stays flat however long someone has kept the journal.
BATCH_SIZE = 1000


@transaction.atomic
def change_time_zone(user, new_zone: str) -> int:
    """Moves the person to `new_zone` and puts every timed entry (events, partner reports,
    recorded stage segments) on its night there (§1, §8).

    A night is named by the local date, so the same instant can belong to another night in
    another zone. Only the entries whose night changes are written. Returns how many changed.
    """
    tz = zoneinfo.ZoneInfo(new_zone)
    user.time_zone = new_zone
    user.save(update_fields=["time_zone"])
    user.__dict__.pop("tz", None)  # the cached ZoneInfo of the old zone
    return sum(_reassign_nights(Model, user, tz) for Model in (Event, PartnerReport, StageSegment))


def _reassign_nights(Model, user, tz) -> int:
    entries = Model.objects.for_user(user).only("pk", Model.instant_field, "night_of")
    entries = entries.order_by("pk")
    changed = 0
    last_pk = None
    while True:
        # Keyset pages by primary key rather than a cursor, so the writes below never race an
        # open read on the same table (SQLite shares one connection for both).
        page = entries if last_pk is None else entries.filter(pk__gt=last_pk)
        batch = list(page[:BATCH_SIZE])
        if not batch:
            return changed
        moved = []
        for entry in batch:
            before = entry.night_of
            entry.assign_night(tz)
            if entry.night_of != before:
                moved.append(entry)
        if moved:
            Model.objects.bulk_update(moved, ["night_of"])
            changed += len(moved)
        last_pk = batch[-1].pk
