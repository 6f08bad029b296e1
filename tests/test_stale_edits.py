"""Editing an entry that changed on another device since its form was opened: nothing is saved
over it silently; the form comes back saying when it changed, what differs (theirs → yours), and
offers "Keep theirs" (reload) or "Save mine" (which then saves). For events, diaries, partner
reports and check-ins; and for the first diary or check-in of a night or day saved meanwhile."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse

from journal.models import Night, SymptomCheckin
from tests.factories import (
    EventFactory,
    NightFactory,
    PartnerReportFactory,
    SymptomCheckinFactory,
)
from tests.pages import (
    download_export,
    field_value,
    find,
    find_all,
    form_as_sent,
    visible_text,
    zip_members,
)

# Friday 20 November 2026, 03:00 in London: the phone opens a form; the tablet saves at 03:12.
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 03:00", tz="Europe/London")]

NIGHT = date(2026, 11, 18)
TODAY = date(2026, 11, 20)
CHANGED = "This entry was changed on another device at 03:12 while you were editing."


@dataclass(frozen=True)
class Kind:
    """One kind of entry: how to make one, its form's address, and a change from each device."""

    name: str
    make: object  # owner -> the stored entry
    url: object  # entry -> its form's address
    theirs: dict  # what the tablet changes
    yours: dict  # what the phone changes
    rows: list = field(default_factory=list)  # (label, theirs, yours) the conflict table shows


KINDS = [
    Kind(
        "event",
        lambda owner: EventFactory(owner=owner, night=NIGHT, clock="01:30", notes="Left calf"),
        lambda event: reverse("event_edit", args=[event.pk]),
        theirs={"notes": "Left calf, woke me"},
        yours={"notes": "Right calf", "intensity": "4"},
        rows=[("Intensity", "—", "→ 4"), ("Notes", "Left calf, woke me", "→ Right calf")],
    ),
    Kind(
        "partner report",
        lambda owner: PartnerReportFactory(owner=owner, night=NIGHT, clock="01:30"),
        lambda report: reverse("partner_edit", args=[report.pk]),
        theirs={"observer": "Alex", "observations": ["twitching", "kicking_punching"]},
        yours={"observer": "Sam"},
        rows=[
            ("Who saw it (optional)", "Alex", "→ Sam"),
            ("What did they see?", "Twitching, Kicking or punching", "→ Twitching"),
        ],
    ),
    Kind(
        "diary",
        lambda owner: NightFactory(owner=owner, night_of=NIGHT, full=True, quality=3),
        lambda diary: reverse("night", args=[diary.night_of.isoformat()]),
        theirs={"quality": "2", "notes": "Hot room"},
        yours={"quality": "4"},
        rows=[
            ("Sleep quality", "2 poor", "→ 4 good"),
            ("Anything else about the night", "Hot room", "→ —"),
        ],
    ),
    Kind(
        "check-in",
        lambda owner: SymptomCheckinFactory(owner=owner, date=TODAY, notes="Morning"),
        lambda checkin: reverse("checkin_day", args=[checkin.date.isoformat()]),
        theirs={"foot_cramps": "on"},
        yours={"notes": "Morning, left foot"},
        rows=[
            ("Foot cramps", "Yes", "→ No"),
            (
                "Notes (when, how long, what made it better or worse)",
                "Morning",
                "→ Morning, left foot",
            ),
        ],
    ),
]


def by_name(kinds):
    return pytest.mark.parametrize("kind", kinds, ids=[kind.name for kind in kinds])


@pytest.fixture
def tablet(user):
    """The same person signed in on a second device."""
    client = Client()
    client.force_login(user)
    return client


def fresh(entry):
    return type(entry).objects.get(pk=entry.pk)


def save(client, url, page, **changes):
    return client.post(url, form_as_sent(page, **changes))


def changed_meanwhile(kind, signed_in, tablet, user, clock):
    """The phone opens the form at 03:00, the tablet saves its change at 03:12, and the phone
    sends its own at 03:20: (entry, the form as the phone opened it, the answer to the phone)."""
    entry = kind.make(user)
    url = kind.url(entry)
    phone_page = signed_in.get(url)
    clock.shift(timedelta(minutes=12))
    assert save(tablet, url, tablet.get(url), **kind.theirs).status_code == 302
    clock.shift(timedelta(minutes=8))
    return entry, phone_page, save(signed_in, url, phone_page, **kind.yours)


def keep_theirs(page):
    """Where the conflict's "Keep theirs" leads."""
    (link,) = [link for link in find_all(page, "a") if link.text == "Keep theirs"]
    return link.attrs["href"]


@by_name(KINDS)
def test_an_unchanged_entry_saves_and_counts_its_version_up(kind, signed_in, user):
    entry = kind.make(user)
    url = kind.url(entry)

    response = save(signed_in, url, signed_in.get(url), **kind.yours)

    assert response.status_code == 302
    stored = fresh(entry)
    assert stored.version == 2
    assert stored.notes == kind.yours.get("notes", entry.notes)


@by_name(KINDS)
def test_a_change_made_elsewhere_meanwhile_is_shown_and_nothing_is_saved(
    kind, signed_in, tablet, user, clock
):
    entry, _opened, response = changed_meanwhile(kind, signed_in, tablet, user, clock)

    assert response.status_code == 200
    text = visible_text(response)
    assert CHANGED in text
    assert "Theirs (saved) Yours" in text
    for label, theirs, yours in kind.rows:
        assert f"{label} {theirs} {yours}" in text
    assert keep_theirs(response).split("#")[0] == kind.url(entry)
    button = find(response, "button", name="overwrite")
    assert (button.text, button.attrs["form"]) == ("Save mine", "entry-form")
    assert find(response, "form", id="entry-form")
    stored = fresh(entry)
    assert stored.version == 2  # the tablet's save, and nothing since
    for name, value in kind.theirs.items():
        assert field_value(tablet.get(kind.url(entry)), name) == (
            value if isinstance(value, str) else value[0]
        )


@by_name(KINDS)
def test_save_mine_then_saves_over_theirs(kind, signed_in, tablet, user, clock):
    entry, opened, conflict = changed_meanwhile(kind, signed_in, tablet, user, clock)
    overwrite = find(conflict, "button", name="overwrite").attrs["value"]

    response = save(signed_in, kind.url(entry), conflict, overwrite=overwrite)

    assert response.status_code == 302
    stored = fresh(entry)
    assert stored.version == 3
    page = signed_in.get(kind.url(entry))
    for name, value in kind.yours.items():
        assert field_value(page, name) == value
    # What the phone did not change is as the phone's form showed it: theirs is replaced.
    for name in kind.theirs:
        if name not in kind.yours:
            assert form_as_sent(page).get(name) == form_as_sent(opened).get(name)


@by_name(KINDS)
def test_keep_theirs_reloads_the_form_with_their_change(kind, signed_in, tablet, user, clock):
    entry, _opened, conflict = changed_meanwhile(kind, signed_in, tablet, user, clock)
    page = signed_in.get(keep_theirs(conflict))

    assert CHANGED not in visible_text(page)
    sent = form_as_sent(page)
    for name, value in kind.theirs.items():
        assert sent[name] == ([value] if isinstance(value, str) else value)
    assert sent["version"] == ["2"]
    assert fresh(entry).version == 2


@by_name(KINDS)
def test_save_mine_asks_again_if_theirs_changed_once_more(kind, signed_in, tablet, user, clock):
    entry, _opened, conflict = changed_meanwhile(kind, signed_in, tablet, user, clock)
    url = kind.url(entry)
    overwrite = find(conflict, "button", name="overwrite").attrs["value"]
    assert save(tablet, url, tablet.get(url), notes="Once more").status_code == 302

    again = save(signed_in, url, conflict, overwrite=overwrite)

    assert again.status_code == 200
    assert "while you were editing" in visible_text(again)
    assert fresh(entry).notes == "Once more"


@by_name(KINDS)
def test_the_plain_save_button_on_the_conflict_does_not_overwrite(
    kind, signed_in, tablet, user, clock
):
    entry, _opened, conflict = changed_meanwhile(kind, signed_in, tablet, user, clock)

    again = save(signed_in, kind.url(entry), conflict)

    assert again.status_code == 200
    assert CHANGED in visible_text(again)
    assert fresh(entry).version == 2


@by_name(KINDS)
def test_sending_what_the_other_device_already_saved_is_no_conflict(
    kind, signed_in, tablet, user, clock
):
    entry = kind.make(user)
    url = kind.url(entry)
    phone_page = signed_in.get(url)
    assert save(tablet, url, tablet.get(url), **kind.yours).status_code == 302

    response = save(signed_in, url, phone_page, **kind.yours)

    assert response.status_code == 302
    assert fresh(entry).version == 2


@by_name(KINDS[:2])
def test_another_persons_entry_is_still_a_404(kind, signed_in, other_user):
    entry = kind.make(other_user)
    url = kind.url(entry)

    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url, {"version": "1", "overwrite": "1", **kind.yours}).status_code == 404
    assert fresh(entry).version == 1


def test_a_form_from_before_versions_still_saves(signed_in, user):
    event = EventFactory(owner=user, night=NIGHT, clock="01:30")
    url = reverse("event_edit", args=[event.pk])
    sent = form_as_sent(signed_in.get(url), notes="No version sent")
    del sent["version"]

    assert signed_in.post(url, sent).status_code == 302
    assert fresh(event).notes == "No version sent"


# --- the first diary of a night, the first check-in of a day ------------------------------------


FIRSTS = [
    (
        "diary",
        reverse("night", args=[NIGHT.isoformat()]),
        Night,
        "A diary for this night was saved meanwhile (from another device); here it is.",
        {"quality": "2", "notes": "From the tablet"},
    ),
    (
        "check-in",
        reverse("checkin"),
        SymptomCheckin,
        "A check-in for this day was saved meanwhile (from another device); here it is.",
        {"foot_cramps": "on", "notes": "From the tablet"},
    ),
]


@pytest.mark.parametrize(
    ("url", "model", "message", "theirs"), [f[1:] for f in FIRSTS], ids=[f[0] for f in FIRSTS]
)
def test_a_first_entry_saved_meanwhile_elsewhere_is_shown_not_overwritten(
    signed_in, tablet, user, url, model, message, theirs
):
    phone_page = signed_in.get(url)
    assert field_value(phone_page, "version") == "0"
    assert save(tablet, url, tablet.get(url), **theirs).status_code == 302

    response = save(signed_in, url, phone_page, notes="From the phone")

    assert response.status_code == 200
    text = visible_text(response)
    assert message in text
    assert "From the tablet → From the phone" in text
    assert model.objects.for_user(user).get().notes == "From the tablet"

    overwrite = find(response, "button", name="overwrite").attrs["value"]
    mine = save(signed_in, url, response, overwrite=overwrite)

    assert mine.status_code == 302
    stored = model.objects.for_user(user).get()
    assert (stored.notes, stored.version) == ("From the phone", 2)


def test_the_drinks_calculator_keeps_the_version_the_diary_was_opened_at(signed_in, tablet, user):
    diary = NightFactory(owner=user, night_of=NIGHT, full=True)
    url = reverse("night", args=[NIGHT.isoformat()])
    phone_page = signed_in.get(url)
    assert save(tablet, url, tablet.get(url), notes="From the tablet").status_code == 302

    sums = form_as_sent(phone_page, calculate="1")
    sums.update({"drink-volume_ml": "500", "drink-abv_percent": "5"})
    after_sum = signed_in.post(url, sums)
    assert field_value(after_sum, "version") == "1"
    response = save(signed_in, url, after_sum)

    assert response.status_code == 200
    assert "while you were editing" in visible_text(response)
    assert fresh(diary).notes == "From the tablet"


def test_an_import_that_changes_the_entry_counts_as_a_change_made_elsewhere(signed_in, user):
    event = EventFactory(owner=user, night=NIGHT, clock="01:30", notes="Left calf")
    url = reverse("event_edit", args=[event.pk])
    phone_page = signed_in.get(url)
    events_csv = zip_members(download_export(signed_in).content)["events.csv"].decode()
    changed = SimpleUploadedFile(
        "events.csv", events_csv.replace("Left calf", "Both calves").encode()
    )
    assert signed_in.post(reverse("import"), {"file": changed}).status_code == 302
    assert fresh(event).version == 2

    response = save(signed_in, url, phone_page, notes="Right calf")

    assert response.status_code == 200
    assert "Notes Both calves → Right calf" in visible_text(response)
    assert fresh(event).notes == "Both calves"


def saved_by_the_tablet_after(lookups, table, save_theirs):
    """A query wrapper: right after the request's `lookups`-th read of `table`, the tablet's
    entry is saved, as if its request had landed at that very moment."""
    seen = {"reads": 0, "saved": False}

    def wrapper(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if not seen["saved"] and sql.lstrip().upper().startswith("SELECT") and f'"{table}"' in sql:
            seen["reads"] += 1
            if seen["reads"] == lookups:
                seen["saved"] = True
                save_theirs()
        return result

    return wrapper, seen


@pytest.mark.parametrize("lookups", [1, 2, 3], ids=["page", "form", "check"])
@pytest.mark.parametrize(
    ("url", "model", "message", "theirs"), [f[1:] for f in FIRSTS], ids=[f[0] for f in FIRSTS]
)
def test_whenever_the_other_first_entry_lands_the_phone_sees_it(
    signed_in, user, url, model, message, theirs, lookups
):
    """The tablet's first diary or check-in lands after the page looked for one, after the form
    did, or after the form's own "already one" check and just before the phone's INSERT (which
    the one-a-night constraint then refuses)."""
    phone_page = signed_in.get(url)
    sent = form_as_sent(phone_page, notes="From the phone")
    if model is Night:
        make = lambda: NightFactory(owner=user, night_of=NIGHT, notes="From the tablet")  # noqa: E731
    else:
        make = lambda: SymptomCheckinFactory(owner=user, date=TODAY, notes="From the tablet")  # noqa: E731
    wrapper, seen = saved_by_the_tablet_after(lookups, model._meta.db_table, make)

    with connection.execute_wrapper(wrapper):
        response = signed_in.post(url, sent)

    assert seen["saved"]
    assert response.status_code == 200
    text = visible_text(response)
    assert message in text
    assert "From the tablet → From the phone" in text
    assert model.objects.for_user(user).get().notes == "From the tablet"


@pytest.mark.parametrize(
    ("url", "model", "message", "theirs"), [f[1:] for f in FIRSTS], ids=[f[0] for f in FIRSTS]
)
def test_another_persons_entry_for_the_same_night_or_day_is_no_conflict(
    signed_in, other_user, user, url, model, message, theirs
):
    if model is Night:
        someone_elses = NightFactory(owner=other_user, night_of=NIGHT, notes="Not yours")
    else:
        someone_elses = SymptomCheckinFactory(owner=other_user, date=TODAY, notes="Not yours")
    page = signed_in.get(url)

    response = save(signed_in, url, page, notes="Mine", overwrite=str(someone_elses.version))

    assert response.status_code == 302
    assert model.objects.for_user(user).get().notes == "Mine"
    assert (fresh(someone_elses).notes, fresh(someone_elses).version) == ("Not yours", 1)
