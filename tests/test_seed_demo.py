"""The demo journal (data/demo.py, manage.py seed_demo): believable, deterministic, never in the
future. Tests that only read the demo share one seeded copy (the demo_owner fixture)."""

from collections import Counter
from datetime import date, timedelta
from io import StringIO
from statistics import mean

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from journal.data import demo
from journal.models import Event, Night, PartnerReport, SymptomCheckin
from journal.review.schedules import label_windows
from journal.rules import nights
from tests.factories import DEMO_END_DATE, DEMO_SEED, UserFactory, local

# Friday 20 November 2026, 09:30 in London: after the demo's last night (9 November).
pytestmark = [pytest.mark.django_db, pytest.mark.now("2026-11-20 09:30", tz="Europe/London")]

NOW = local("Europe/London", 2026, 11, 20, 9, 30)


def seed(*args):
    out = StringIO()
    call_command("seed_demo", "--end-date", DEMO_END_DATE, *args, stdout=out)
    return out.getvalue()


def journal_of(user):
    """Everything the user has, as plain values without ids or timestamps, in a stable order."""
    skip = {"id", "owner", "created_at", "updated_at"}

    def values(model, order):
        fields = [f.name for f in model._meta.concrete_fields if f.name not in skip]
        return list(model.objects.for_user(user).order_by(*order).values_list(*fields))

    return {
        "diaries": values(Night, ["night_of"]),
        "events": values(Event, ["occurred_at", "kind"]),
        "partner": values(PartnerReport, ["observed_at"]),
        "checkins": values(SymptomCheckin, ["date"]),
    }


def assert_nothing_after(now, diaries, events, reports, checkins, tz):
    assert all(event.occurred_at <= now for event in events)
    assert all(report.observed_at <= now for report in reports)
    assert all(checkin.date < now.astimezone(tz).date() for checkin in checkins)
    for diary in diaries:
        assert all(
            getattr(diary, name) is None or getattr(diary, name) <= now
            for name in Night.TIME_FIELDS
        )


class TestTheSeededDemo:
    """Eight weeks to 9 November 2026 (the clocks go back on 25 October), seed 7."""

    @pytest.fixture
    def placed_events(self, demo_owner):
        """The demo's events with their windows, and the diaries by night."""
        diaries = {diary.night_of: diary for diary in Night.objects.for_user(demo_owner)}
        events = list(Event.objects.for_user(demo_owner))
        label_windows(demo_owner, events, diaries)
        return events, diaries

    def test_it_creates_a_london_account_that_can_sign_in(self, demo_owner, client):
        assert demo_owner.time_zone == "Europe/London"
        # Through the sign-in form: the lockout (django-axes) needs the request to count by.
        response = client.post(
            "/accounts/login/", {"username": demo.DEMO_EMAIL, "password": demo.DEMO_PASSWORD}
        )
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(demo_owner.pk)

    def test_every_row_passes_the_model_rules(self, demo_owner):
        rows = [
            *Night.objects.for_user(demo_owner),
            *Event.objects.for_user(demo_owner),
            *PartnerReport.objects.for_user(demo_owner),
            *SymptomCheckin.objects.for_user(demo_owner),
        ]
        assert len(rows) > 150
        for row in rows:
            row.full_clean()

    def test_it_covers_eight_weeks_before_the_end_date(self, demo_owner):
        seeded = Event.objects.for_user(demo_owner).values_list("night_of", flat=True)
        assert min(seeded) >= date(2026, 9, 15)
        assert max(seeded) == date(2026, 11, 9)
        assert len(set(seeded)) > 40

    def test_the_same_seed_makes_the_same_journal(self, demo_owner):
        first = journal_of(demo_owner)
        seed("--seed", DEMO_SEED, "--reset")
        again = journal_of(User.objects.get(email=demo.DEMO_EMAIL))
        assert again == first
        seed("--seed", "8", "--reset")
        other = journal_of(User.objects.get(email=demo.DEMO_EMAIL))
        assert other["events"] != first["events"]

    def test_it_refuses_to_overwrite_an_account_without_reset(self, demo_owner):
        with pytest.raises(CommandError, match="--reset"):
            seed("--seed", DEMO_SEED)
        assert User.objects.filter(email=demo.DEMO_EMAIL).count() == 1

    def test_some_nights_have_no_diary_and_some_a_partial_one(self, demo_owner):
        diaries = list(Night.objects.for_user(demo_owner))
        event_nights = set(Event.objects.for_user(demo_owner).values_list("night_of", flat=True))
        assert event_nights - {diary.night_of for diary in diaries}
        partial = [d for d in diaries if d.final_wake is None or d.out_of_bed is None]
        full = [d for d in diaries if d.out_of_bed and d.awake_minutes is not None]
        assert partial
        assert len(full) > len(diaries) / 2

    def test_it_has_partner_reports_and_mostly_quiet_check_ins(self, demo_owner):
        reports = list(PartnerReport.objects.for_user(demo_owner))
        assert 2 <= len(reports) <= 20
        assert {"twitching"} < {seen for report in reports for seen in report.observations}
        checkins = list(SymptomCheckin.objects.for_user(demo_owner))
        assert len(checkins) >= 8
        quiet = [checkin for checkin in checkins if not checkin.signs_present]
        assert len(quiet) > 0.7 * len(checkins)

    def test_it_has_hand_tremors_leg_cramps_and_evening_restlessness(self, placed_events):
        events, _ = placed_events
        kinds = Counter(event.kind for event in events)
        assert kinds["cramp"] in (1, 2, 3)
        assert all(
            {"left_leg", "right_foot"} & set(event.body_parts)
            for event in events
            if event.kind == "cramp"
        )
        tremors = [event for event in events if event.kind == "tremor"]
        assert tremors
        assert all(set(event.body_parts) <= {"left_hand", "right_hand"} for event in tremors)
        urges = [event for event in events if event.kind == "restless_urge"]
        assert urges
        assert all(event.window == "evening" for event in urges if not event.window_estimated)

    def test_most_nights_are_dry_and_some_have_one_to_four_drinks(self, demo_owner):
        drinks = [
            diary.alcohol_drinks
            for diary in Night.objects.for_user(demo_owner)
            if diary.alcohol_drinks is not None
        ]
        dry = [amount for amount in drinks if amount == 0]
        wet = [amount for amount in drinks if amount > 0]
        assert len(dry) > len(drinks) / 2
        assert len(wet) >= 3
        assert all(1 <= amount <= 4 for amount in wet)

    def test_twitches_cluster_at_falling_asleep(self, placed_events):
        events, _ = placed_events
        # Only nights whose diary gives the schedule: estimated windows would blur the picture.
        windows = Counter(
            event.window
            for event in events
            if event.kind == "twitch" and not event.window_estimated
        )
        assert windows.most_common(1)[0][0] == "falling_asleep"
        assert windows["falling_asleep"] > 0.35 * windows.total()

    def test_alcohol_nights_have_more_late_events(self, placed_events):
        events, diaries = placed_events
        late = Counter(event.night_of for event in events if event.window == "late")
        recorded = [diary for diary in diaries.values() if diary.alcohol_drinks is not None]
        with_drinks = [late[diary.night_of] for diary in recorded if diary.alcohol_drinks > 0]
        without = [late[diary.night_of] for diary in recorded if diary.alcohol_drinks == 0]
        assert len(with_drinks) >= 3
        assert len(without) >= 3
        assert mean(with_drinks) > mean(without)


def test_it_prints_how_to_sign_in():
    output = seed("--email", "Someone@Example.com", "--password", "pick-a-long-one")
    assert "Sign in as someone@example.com with password pick-a-long-one" in output


def test_if_empty_leaves_a_database_with_accounts_alone():
    UserFactory(email="someone@example.com")
    output = seed("--if-empty")
    assert "already has accounts" in output
    assert not User.objects.filter(email=demo.DEMO_EMAIL).exists()
    assert not Event.objects.exists()


def test_it_refuses_an_end_date_in_the_future():
    call_command("seed_demo", "--end-date", "2026-11-20", "--weeks", "1", stdout=StringIO())
    with pytest.raises(CommandError, match="future"):
        call_command("seed_demo", "--end-date", "2026-11-21", "--reset", stdout=StringIO())


def test_nothing_is_in_the_future():
    call_command("seed_demo", "--seed", "3", stdout=StringIO())
    user = User.objects.get(email=demo.DEMO_EMAIL)
    assert Event.objects.for_user(user).exists()
    assert_nothing_after(
        NOW,
        Night.objects.for_user(user),
        Event.objects.for_user(user),
        PartnerReport.objects.for_user(user),
        SymptomCheckin.objects.for_user(user),
        user.tz,
    )
    # The default end date is today: the last night seeded is last night.
    assert max(Event.objects.for_user(user).values_list("night_of", flat=True)) == date(
        2026, 11, 19
    )


def test_entries_after_now_are_left_out():
    owner = User(email="someone@example.com", time_zone="Europe/London")
    end = date(2026, 3, 10)
    everything = demo.build_demo(owner, end_date=end, nights_count=14, seed=5)
    latest = max(event.occurred_at for event in everything.events)
    # A moment before the last event: it, and the diary of a morning not yet over, are left out.
    now = latest - timedelta(seconds=1)
    journal = demo.build_demo(owner, end_date=end, nights_count=14, seed=5, now=now)
    assert len(journal.events) == len(everything.events) - 1
    assert max(event.occurred_at for event in journal.events) <= now
    assert_nothing_after(
        now, journal.diaries, journal.events, journal.partner_reports, journal.checkins, owner.tz
    )


def test_bulk_saving_assigns_nights_and_keeps_the_rules():
    owner = UserFactory(email="bench@example.com")
    journal = demo.build_demo(
        owner, end_date=date(2026, 4, 6), nights_count=35, seed=2, density=3.0
    )
    demo.save_bulk(journal, owner.tz)
    events = list(Event.objects.for_user(owner))
    assert len(events) == len(journal.events) > 35 * 4
    for row in (*events, *PartnerReport.objects.for_user(owner), *Night.objects.for_user(owner)):
        row.full_clean()
        if not isinstance(row, Night):
            assert row.night_of == nights.night_of(row.instant, owner.tz)


def test_years_of_data_are_bulk_inserted_for_the_benchmark():
    output = seed("--years", "1.2", "--email", "bench@nightjar.test")
    owner = User.objects.get(email="bench@nightjar.test")
    nights_seeded = Event.objects.for_user(owner).values("night_of").distinct().count()
    assert nights_seeded > 400
    # About ten events a night, as the benchmark wants.
    assert 7 < Event.objects.for_user(owner).count() / 438 < 13
    assert "Sign in as bench@nightjar.test" in output
