"""A made-up but believable journal for the demo account and the benchmark.

The patterns follow shared clinical notes §3–§4 (see docs/clinical-sources.md): twitches cluster
in the first minutes after trying to sleep (hypnic jerks), nights with alcohol bring more events
in the last third of the night (alcohol disrupts the second half), hands tremble now and then, a
calf or foot cramps once or twice, legs are restless in the evening, and a bed partner sees things
the sleeper does not. The diary is kept on most mornings but not all, and not always in full.

Most nights also have the sleep stages an Apple Watch would record (definitions §8): sleep
cycles of 85–110 minutes, deep sleep in the first ones and longer REM in the last (clinical
notes §3), the diary's awakenings and short stirrings as "awake", a stretch of REM before a
late-night jolt and an awakening after an event that woke the person. Some nights the iPhone
also logs time in bed, which the watch's stages outweigh.

Everything comes from one `random.Random(seed)` (the stages from a second one made from the
same seed, so adding them changed none of the other draws) and the nights before `end_date`,
so the same seed and end date give the same journal. Nothing is placed after `now`.
"""

import math
import random
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from journal import figures
from journal.models import Event, Night, PartnerReport, StageSegment, SymptomCheckin
from journal.rules import nights

DEMO_EMAIL = "demo@nightjar.test"
DEMO_PASSWORD = "night-owl-demo"
DEMO_TIME_ZONE = "Europe/London"
DEMO_PROFILE = {
    "report_name": "Demo Sleeper",
    "doctor_questions": (
        "Are the twitches when I fall asleep anything to worry about?\n"
        "Could the drinks at the weekend explain the bad early mornings?"
    ),
}

LEGS = ("left_leg", "right_leg")
HANDS = ("left_hand", "right_hand")
FEET = ("left_foot", "right_foot")
CRAMP_EVERY_NIGHTS = 28
WATCH, PHONE = "Apple Watch", "iPhone"
# The watch is off charging, or forgotten, on about one night in seven.
WATCH_WORN = 0.86
EPOCH = timedelta(seconds=30)  # a watch scores sleep in 30-second epochs


@dataclass
class DemoJournal:
    """Unsaved entries for one owner, in the order they were made."""

    diaries: list[Night] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    partner_reports: list[PartnerReport] = field(default_factory=list)
    checkins: list[SymptomCheckin] = field(default_factory=list)
    stage_segments: list[StageSegment] = field(default_factory=list)

    def rows(self):
        return [*self.diaries, *self.events, *self.partner_reports, *self.checkins]

    def add_what_happened(self, night: "DemoNight", now: datetime, tz):
        """Add a night's entries, leaving out what comes after `now` and a diary whose morning
        has not come yet."""
        if night.diary and night.truth.out_of_bed <= now:
            self.diaries.append(night.diary)
        self.events += [event for event in night.events if event.occurred_at <= now]
        self.partner_reports += [report for report in night.reports if report.observed_at <= now]
        if night.checkin and night.checkin.date < now.astimezone(tz).date():
            self.checkins.append(night.checkin)
        self.stage_segments += [segment for segment in night.segments if segment.end <= now]


@dataclass(frozen=True)
class TrueNight:
    """What really happened on a night, whether or not the diary records it."""

    night_of: date
    drinks: Decimal
    got_into_bed: datetime
    lights_out: datetime
    minutes_to_fall_asleep: int
    awakenings: int
    awake_minutes: int
    final_wake: datetime
    out_of_bed: datetime

    @property
    def sleep_onset(self):
        return nights.add_minutes(self.lights_out, self.minutes_to_fall_asleep)

    def at_fraction(self, fraction):
        """The instant a fraction of the way from sleep onset to the final wake."""
        period = nights.elapsed_minutes(self.sleep_onset, self.final_wake)
        return nights.add_minutes(self.sleep_onset, period * fraction)


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson-distributed count (Knuth's method; the means here are small)."""
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


@dataclass
class DemoNight:
    """Everything the demo made for one night, before what comes after `now` is left out."""

    truth: TrueNight
    diary: Night | None
    events: list[Event]
    reports: list[PartnerReport]
    checkin: SymptomCheckin | None
    segments: list[StageSegment] = field(default_factory=list)


def build_demo(owner, *, end_date: date, nights_count: int, seed: int = 1, now=None, density=1.0):
    """The demo journal for the `nights_count` nights before `end_date`.

    `density` scales how many events and partner reports a night has (the benchmark uses more
    than a real person would log). Entries after `now` are left out, as is a diary whose morning
    has not come yet.
    """
    now = now or timezone.now()
    rng = random.Random(seed)
    stage_rng = random.Random(f"{seed}:stages")
    journal = DemoJournal()
    first = end_date - timedelta(days=nights_count)
    # Leg cramps are rare but the demo should show one or two: one night in every four weeks.
    cramp_day = rng.randrange(CRAMP_EVERY_NIGHTS)
    for offset in range(nights_count):
        cramp = offset % CRAMP_EVERY_NIGHTS == cramp_day
        night = _demo_night(rng, owner, first + timedelta(days=offset), density, cramp)
        night.segments = _stage_segments(stage_rng, owner, night.truth, night.events)
        # Decided after every draw, so `now` never changes what the seed makes.
        journal.add_what_happened(night, now, owner.tz)
    return journal


def _demo_night(rng, owner, night, density, cramp):
    """One night's draws, always in the same order so that a seed gives the same journal."""
    truth = _true_night(rng, night, owner.tz)
    diary = _diary(rng, owner, truth, owner.tz)
    events = _events(rng, owner, truth, density)
    if cramp:
        events.append(_cramp(rng, owner, truth))
    reports = _partner_reports(rng, owner, truth, density)
    checkin = _checkin(rng, owner, night + timedelta(days=1), events)
    return DemoNight(truth, diary, events, reports, checkin)


def _true_night(rng, night, tz):
    weekend = night.weekday() in (4, 5)  # Friday and Saturday evenings
    drinking = rng.random() < (0.55 if weekend else 0.12)
    drinks = Decimal(rng.choice((1, 1.5, 2, 2, 3, 4))).quantize(Decimal("0.1")) if drinking else 0
    lights_out = nights.add_minutes(
        nights.usual_instant(night, time(23, 0), tz),
        rng.randint(-30, 25) + (rng.randint(15, 60) if weekend else 0),
    )
    # Alcohol shortens sleep onset and breaks up the second half (clinical notes §4).
    latency = rng.randint(4, 12) if drinking else rng.randint(8, 35)
    awakenings = min(poisson(rng, 1.8 if drinking else 0.7), 5)
    awake_minutes = sum(rng.randint(3, 20) for _ in range(awakenings))
    final_wake = nights.add_minutes(
        nights.usual_instant(night, time(6, 50), tz),
        rng.randint(-25, 35) + (rng.randint(40, 100) if weekend else 0),
    )
    return TrueNight(
        night_of=night,
        drinks=Decimal(drinks),
        got_into_bed=nights.add_minutes(lights_out, -rng.randint(0, 30)),
        lights_out=lights_out,
        minutes_to_fall_asleep=latency,
        awakenings=awakenings,
        awake_minutes=awake_minutes,
        final_wake=final_wake,
        out_of_bed=nights.add_minutes(final_wake, rng.randint(2, 25)),
    )


def _diary(rng, owner, truth, tz):
    """Most mornings a full diary, some a partial one, some none at all."""
    kept = rng.random()
    quality = max(
        1, min(5, 4 - (1 if truth.drinks else 0) - (truth.awakenings > 2) + rng.randint(-1, 1))
    )
    rested = max(1, min(5, quality + rng.randint(-1, 1)))
    caffeine = rng.choice((0, 1, 1, 2, 2, 3))
    last_caffeine = (
        nights.local_instant(truth.night_of, time(rng.randint(12, 16), rng.randint(0, 59)), tz)
        if caffeine
        else None
    )
    last_drink = (
        nights.add_minutes(truth.lights_out, -rng.randint(30, 180)) if truth.drinks else None
    )
    if kept < 0.18:
        return None
    diary = Night(owner=owner, night_of=truth.night_of)
    if kept < 0.28:
        # In a hurry: how it felt and the drinks, no times.
        diary.quality, diary.rested = quality, rested
        diary.alcohol_drinks = truth.drinks
        diary.notes = rng.choice(("Filled in later, times not sure.", "", "Rushed morning."))
        return diary
    diary.got_into_bed = truth.got_into_bed
    diary.tried_to_sleep = truth.lights_out
    diary.minutes_to_fall_asleep = truth.minutes_to_fall_asleep
    diary.final_wake = truth.final_wake
    diary.out_of_bed = truth.out_of_bed
    diary.awakenings = truth.awakenings
    diary.awake_minutes = truth.awake_minutes
    diary.quality, diary.rested = quality, rested
    diary.alcohol_drinks = truth.drinks
    diary.last_drink_at = last_drink
    diary.caffeine_drinks = caffeine
    diary.last_caffeine_at = last_caffeine
    if kept > 0.95:
        diary.sleep_medication = "Antihistamine 25 mg at 22:30"
    if kept < 0.34:
        # Forgot the second half of the form.
        diary.awakenings = diary.awake_minutes = None
        diary.out_of_bed = None
    return diary


def _event(owner, instant, kind, body_parts, **details):
    return Event(
        owner=owner,
        occurred_at=instant.replace(microsecond=0),
        kind=kind,
        body_parts=list(body_parts),
        **details,
    )


def _events(rng, owner, truth, density):
    """The night's events, pattern by pattern (each draws from `rng` in turn)."""
    return [
        *_hypnic_jerks(rng, owner, truth, density),
        *_late_night_events(rng, owner, truth, density),
        *_mid_night_twitches(rng, owner, truth, density),
        *_hand_tremor(rng, owner, truth, density),
        *_restless_legs(rng, owner, truth, density),
        *_jerk_on_waking(rng, owner, truth, density),
    ]


def _hypnic_jerks(rng, owner, truth, density):
    """The first minutes of sleep, often several (clinical notes §3)."""
    onset_end = nights.add_minutes(truth.sleep_onset, 18)
    falling_asleep_minutes = nights.elapsed_minutes(truth.lights_out, onset_end)
    return [
        _event(
            owner,
            nights.add_minutes(truth.lights_out, rng.uniform(1, falling_asleep_minutes)),
            "twitch",
            rng.choice((LEGS[:1], LEGS[1:], LEGS, ("whole_body",), ("left_arm",), ("right_arm",))),
            duration_seconds=1,
            intensity=rng.randint(2, 4),
            kept_me_awake=rng.random() < 0.6,
            woke_me=rng.random() < 0.2,
            notes=rng.choice(("", "", "Like missing a step.", "Jolted just as I dozed off.")),
        )
        for _ in range(poisson(rng, 1.3 * density))
    ]


def _late_night_event(rng, owner, truth):
    instant = truth.at_fraction(rng.uniform(0.68, 0.98))
    parts = rng.choice((LEGS, LEGS[:1], ("right_arm",), ("face",)))
    episode = rng.random() < 0.2
    return _event(
        owner,
        instant,
        "jerking_episode" if episode else "twitch",
        LEGS if episode else parts,
        duration_seconds=rng.randint(20, 90) if episode else rng.choice((1, 2, 5)),
        intensity=rng.randint(2, 4),
        woke_me=True,
        notes=rng.choice(("", "", "Woke with my legs jumping.", "Vivid dream, then a jolt.")),
    )


def _late_night_events(rng, owner, truth, density):
    """The last third of the night, likely REM-rich: more after drinking (clinical notes §4)."""
    late_mean = (0.35 + 0.6 * float(truth.drinks)) * density
    return [_late_night_event(rng, owner, truth) for _ in range(poisson(rng, late_mean))]


def _mid_night_twitches(rng, owner, truth, density):
    """Now and then in the deep-sleep-rich or middle part of the night."""
    return [
        _event(
            owner,
            truth.at_fraction(rng.uniform(0.1, 0.65)),
            "twitch",
            rng.choice((LEGS[:1], LEGS[1:])),
            duration_seconds=1,
            intensity=rng.randint(1, 3),
            woke_me=True,
        )
        for _ in range(poisson(rng, 0.25 * density))
    ]


def _hand_tremor(rng, owner, truth, density):
    """Sleep tremors in the hands, likelier after alcohol (the guide)."""
    if rng.random() >= (0.35 if truth.drinks else 0.08) * density:
        return []
    instant = nights.add_minutes(truth.lights_out, rng.uniform(-20, 5))
    return [
        _event(
            owner,
            instant,
            "tremor",
            rng.choice((HANDS, HANDS[:1], HANDS[1:])),
            duration_seconds=rng.randint(20, 120),
            intensity=2,
            notes="Hands shaking while lying still.",
        )
    ]


def _restless_legs(rng, owner, truth, density):
    """Restless legs: evening, at rest, eased by moving (IRLSSG)."""
    if rng.random() >= 0.12 * density:
        return []
    instant = nights.add_minutes(truth.lights_out, -rng.uniform(15, 90))
    return [
        _event(
            owner,
            instant,
            "restless_urge",
            LEGS,
            duration_seconds=rng.randint(300, 1500),
            intensity=2,
            notes="Had to get up and walk about; better when moving.",
        )
    ]


def _jerk_on_waking(rng, owner, truth, density):
    """A jerk on waking, occasionally."""
    if rng.random() >= 0.05 * density:
        return []
    instant = nights.add_minutes(truth.final_wake, rng.uniform(1, 15))
    return [_event(owner, instant, "twitch", ("right_arm",), duration_seconds=1, intensity=1)]


def _cramp(rng, owner, truth):
    """A leg cramp: calf or foot, any time in bed, eased by stretching (AASM)."""
    calf = rng.random() < 0.6
    return _event(
        owner,
        truth.at_fraction(rng.uniform(0.3, 0.9)),
        "cramp",
        LEGS[:1] if calf else FEET[1:],
        duration_seconds=rng.randint(60, 240),
        intensity=4,
        woke_me=True,
        notes="Calf cramp, eased by stretching." if calf else "Foot cramp, toes curled.",
    )


def _partner_reports(rng, owner, truth, density):
    """What Alex saw: a few nights in eight weeks, more after drinking."""
    if rng.random() >= (0.25 if truth.drinks else 0.06) * density:
        return []
    seen = rng.choice(("twitching", "twitching", "kicking_punching", "talking_shouting"))
    if seen == "twitching":
        instant = nights.add_minutes(truth.sleep_onset, rng.uniform(0, 15))
        notes, parts = "Your legs jumped a few times just as you fell asleep.", LEGS
    elif seen == "kicking_punching":
        instant = truth.at_fraction(rng.uniform(0.7, 0.95))
        notes, parts = "Kicked out a couple of times, didn't wake.", LEGS
    else:
        instant = truth.at_fraction(rng.uniform(0.7, 0.95))
        notes, parts = "Talking in your sleep, sounded like an argument.", ()
    return [
        PartnerReport(
            owner=owner,
            observed_at=instant.replace(second=0, microsecond=0),
            observer="Alex",
            observations=[seen],
            body_parts=list(parts),
            duration_seconds=rng.choice((None, 10, 30, 60)),
            notes=notes,
        )
    ]


def _checkin(rng, owner, day, events):
    """A daytime check-in on some days; mostly nothing to report."""
    if rng.random() >= 0.4:
        return None
    foot_cramp = any(event.kind == "cramp" and FEET[1] in event.body_parts for event in events)
    return SymptomCheckin(
        owner=owner,
        date=day,
        foot_cramps=foot_cramp,
        uncontrollable_blinking=rng.random() < 0.02,
        notes="Foot still sore from the night." if foot_cramp else "",
    )


def save_checked(journal: DemoJournal):
    """Save each entry after the model rules pass (full_clean), as the forms would; the stage
    segments, by the thousand, as the import writes them. The stored per-night figures are
    rebuilt once at the end rather than night by night."""
    owner = _owner(journal)
    with figures.rebuilt_after(owner) if owner else nullcontext():
        for row in journal.rows():
            row.full_clean()
            row.save()
        for segment in journal.stage_segments:
            segment.assign_night()
        StageSegment.objects.bulk_create(journal.stage_segments, batch_size=2000)


def save_bulk(journal: DemoJournal, tz, batch_size=2000):
    """Save many entries fast: nights assigned here since bulk_create skips save() (and the
    signals that keep the stored per-night figures current, so those are rebuilt here)."""
    for row in (*journal.events, *journal.partner_reports, *journal.stage_segments):
        row.assign_night(tz)
    for model, rows in (
        (Night, journal.diaries),
        (Event, journal.events),
        (PartnerReport, journal.partner_reports),
        (SymptomCheckin, journal.checkins),
        (StageSegment, journal.stage_segments),
    ):
        model.objects.bulk_create(rows, batch_size=batch_size)
    if owner := _owner(journal):
        figures.rebuild(owner)


def _owner(journal: DemoJournal):
    return next((row.owner for row in (*journal.rows(), *journal.stage_segments)), None)


# --- recorded sleep stages ---------------------------------------------------------------------


def _stage_segments(rng, owner, truth, events):
    """What the watch (and some nights the phone) recorded: see the module docstring."""
    segments = []
    if rng.random() < WATCH_WORN:
        pieces = _sleep_cycles(rng, truth)
        pieces = _awakenings(rng, truth, pieces)
        for event in events:
            pieces = _around_event(rng, truth, pieces, event)
        segments += [
            StageSegment(owner=owner, start=start, end=end, stage=stage, source=WATCH)
            for start, end, stage in _joined(pieces)
        ]
    if rng.random() < 0.3:
        segments.append(
            StageSegment(
                owner=owner,
                start=_utc(truth.got_into_bed),
                end=_utc(truth.out_of_bed),
                stage="in_bed",
                source=PHONE,
            )
        )
    return segments


def _sleep_cycles(rng, truth):
    """Awake from lights out to sleep onset, then cycles of light, deep, light and REM sleep:
    deep sleep shrinks cycle by cycle and is gone by the last third, REM grows. All instants are
    in UTC here, so that comparing them is comparing instants, also the night the clocks change.
    """
    pieces = [(_utc(truth.lights_out), _minutes_in(truth, 0), "awake")]
    period = nights.elapsed_minutes(truth.sleep_onset, truth.final_wake)
    done = 0.0
    while done < period:
        length = rng.uniform(85, 110)
        share = done / period
        deep = max(0.0, rng.uniform(25, 45) * (1 - 1.7 * share))
        rem = rng.uniform(6, 14) + 28 * share
        light = max(length - deep - rem, 10.0)
        first_light = light * rng.uniform(0.45, 0.7)
        for stage, minutes in (
            ("light", first_light),
            ("deep", deep),
            ("light", light - first_light),
            ("rem", rem),
        ):
            start, done = done, min(done + minutes, period)
            if done > start:
                pieces.append((_minutes_in(truth, start), _minutes_in(truth, done), stage))
            if done >= period:
                break
    return pieces


def _minutes_in(truth, minutes):
    return _utc(nights.add_minutes(truth.sleep_onset, minutes))


def _utc(instant):
    return instant.astimezone(UTC).replace(microsecond=0)


def _awakenings(rng, truth, pieces):
    """The diary's awakenings (their minutes shared out) and a few short stirrings."""
    period = nights.elapsed_minutes(truth.sleep_onset, truth.final_wake)
    awakenings = truth.awakenings
    lengths = [truth.awake_minutes / awakenings] * awakenings if awakenings else []
    lengths += [rng.uniform(0.5, 2.5) for _ in range(poisson(rng, 2.0))]
    for minutes in lengths:
        at = rng.uniform(40, max(period - 20, 41))
        pieces = _painted(pieces, _minutes_in(truth, at), _minutes_in(truth, at + minutes), "awake")
    return pieces


def _around_event(rng, truth, pieces, event):
    """A late-night jolt comes out of REM (a dream, through the watch's 30-second epoch of the
    jolt); an event that woke the person is followed, from the next epoch, by a few minutes
    awake."""
    at, wake = _utc(event.occurred_at), _utc(truth.final_wake)
    if not (_utc(truth.sleep_onset) <= at < wake):
        return pieces
    if at >= _utc(truth.at_fraction(2 / 3)):
        dream = at - timedelta(minutes=rng.uniform(4, 12))
        pieces = _painted(pieces, dream, at + EPOCH, "rem")
    if event.woke_me:
        woke = at + EPOCH
        awake_until = woke + timedelta(minutes=rng.uniform(2, 8))
        pieces = _painted(pieces, woke, min(awake_until, wake), "awake")
    return pieces


def _painted(pieces, start, end, stage):
    """The pieces with [start, end) recorded as `stage` instead of what was there (UTC)."""
    start, end = _utc(start), _utc(end)
    if end <= start:
        return pieces
    painted = []
    for piece_start, piece_end, piece_stage in pieces:
        if piece_end <= start or piece_start >= end:
            painted.append((piece_start, piece_end, piece_stage))
            continue
        if piece_start < start:
            painted.append((piece_start, start, piece_stage))
        if piece_end > end:
            painted.append((end, piece_end, piece_stage))
    painted.append((start, end, stage))
    return sorted(painted)


def _joined(pieces):
    """Neighbouring pieces of one stage as one segment, as a watch writes them."""
    joined = []
    for start, end, stage in pieces:
        if end <= start:
            continue
        if joined and joined[-1][2] == stage and joined[-1][1] == start:
            joined[-1] = (joined[-1][0], end, stage)
        else:
            joined.append((start, end, stage))
    return joined
