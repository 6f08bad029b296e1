"""Pattern hints and red flags, each traced to the guide or a clinical source.

The rules read a period's entries, already placed in their windows (docs/definitions.md §3), and
say what the data shows and what is worth mentioning to a doctor. They never diagnose. Hints come
from the night-twitching guide and clinical-notes §1–§4; red flags from clinical-notes §5 (CDC
seizure first aid, "When to call 911"). The "How the estimates work" page lists every rule here.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from journal.rules.vocabulary import SIGNS

GUIDE = "The night-twitching guide"

# Thresholds, named so the page that explains them and the tests read the same numbers.
SLEEP_ONSET_MIN_TWITCHES = 3
SLEEP_ONSET_SHARE = 0.5
TREMOR_MIN_EVENTS = 2
TREMOR_PARTS = frozenset(
    {"face", "left_arm", "right_arm", "left_hand", "right_hand", "left_leg", "right_leg"}
)
RESTLESS_MIN_EVENTS = 2
RESTLESS_SHARE = 0.5
CONVULSION_MIN_SECONDS = 60
LATE_MIN_EVENTS = 3
LATE_SHARE = 0.5
REM_PARTNER_SIGNS = ("twitching", "kicking_punching", "acting_out_dream", "fell_out_of_bed")
WOKEN_MIN_NIGHTS = 3
WOKEN_SHARE = 1 / 3
LONG_EPISODE_SECONDS = 300
# Kinds whose long duration is the CDC's "seizure lasting longer than 5 minutes"; a long cramp or
# restless spell is unpleasant but not an emergency, so it raises no flag.
LONG_EPISODE_KINDS = frozenset({"jerking_episode", "spasm", "tremor", "other"})
EVENT_FLAG_ANSWERS = ("injury", "tongue_bitten", "incontinence", "confused_after")

# Which limb each body part belongs to: "one or two limbs" counts limbs, not parts.
LIMBS = {
    "left_arm": "left arm",
    "left_hand": "left arm",
    "right_arm": "right arm",
    "right_hand": "right arm",
    "left_leg": "left leg",
    "left_foot": "left leg",
    "right_leg": "right leg",
    "right_foot": "right leg",
}


@dataclass(frozen=True, slots=True)
class HintRule:
    """A hint as the "How the estimates work" page explains it, and `evidence`: the rule itself,
    which reads a period's facts and says what in them meets the threshold (None: nothing)."""

    code: str
    title: str
    rule: str
    threshold: str
    advice: str
    source: str
    evidence: Callable[["PeriodFacts"], str | None]
    # The report's wording, for a physician: what the pattern is, in the third person, and which
    # of the guide's causes it is associated with (never a diagnosis), with numbered sources.
    finding: str
    association: str
    refs: tuple[str, ...]

    def hint(self, evidence: str) -> "Hint":
        return Hint(
            code=self.code,
            title=self.title,
            rule=self.rule,
            threshold=self.threshold,
            advice=self.advice,
            evidence=evidence,
            source=self.source,
        )


@dataclass(frozen=True, slots=True)
class Hint:
    """A hint that fired for a period, with the evidence from the person's own entries."""

    code: str
    title: str
    rule: str
    threshold: str
    advice: str
    evidence: str
    source: str

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "title": self.title,
            "evidence": self.evidence,
            "source": self.source,
        }


# Where to call in an emergency, named wherever the guidance says to call.
EMERGENCY_NUMBERS = "911 in the US and Canada, 999 in the UK, 112 in the EU"


@dataclass(frozen=True, slots=True)
class RedFlagRule:
    """A red flag: `rule` says what raises it; `guidance` what to do, shown the moment an entry
    raises it (the saved page, the partner's page, the home page) with its `source`."""

    code: str
    title: str
    rule: str
    source: str
    guidance: str
    refs: tuple[str, ...] = ("cdc",)


@dataclass(frozen=True, slots=True)
class RedFlag:
    """An entry that calls for medical attention, and when it happened (local time)."""

    code: str
    title: str
    when: datetime

    advice = "Seek medical attention."

    def as_json(self) -> dict:
        return {"code": self.code, "title": self.title, "when": self.when.isoformat()}


@dataclass(frozen=True)
class PeriodFacts:
    """What the rules read: events and partner reports in time order, each placed (summary.Placed:
    `entry`, `window`, `estimated`, the night's `alcohol_drinks`), the check-ins, a few counts."""

    events: Sequence
    partner_reports: Sequence
    checkins: Sequence
    nights_logged: int
    nights_woken: int
    earlier_jerking_episode: bool
    tz: ZoneInfo


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _limbs(body_parts) -> set[str] | None:
    """The limbs an event touched, or None when it touched anything but limbs (or nothing)."""
    if not body_parts or any(part not in LIMBS for part in body_parts):
        return None
    return {LIMBS[part] for part in body_parts}


# --- the hint rules, one function each (their words are in HINT_RULES below) --------------------


@dataclass(frozen=True, slots=True)
class HintTally:
    """The counts the hint rules read, which add up night by night: so a period's tally is the
    sum of its nights' (stored per night, journal.review.figures), or worked out from its facts.
    `checkins` are the period's check-ins themselves."""

    events: int = 0
    late: int = 0
    twitches: int = 0
    twitches_onset: int = 0
    tremors: int = 0
    tremors_drinking: int = 0
    tremor_drinking_nights: int = 0
    urges: int = 0
    urges_settling: int = 0
    convulsions: int = 0
    convulsions_awareness: int = 0
    partner_rem: int = 0
    nights_logged: int = 0
    nights_woken: int = 0
    checkins: Sequence = ()


# The tally's counts that add up over nights (all but the check-ins and the night counts).
NIGHT_TALLY_FIELDS = (
    "twitches_onset",
    "tremors",
    "tremors_drinking",
    "tremor_drinking_nights",
    "urges_settling",
    "convulsions",
    "convulsions_awareness",
    "partner_rem",
)


def _is_tremor(entry) -> bool:
    return entry.kind == "tremor" and bool(TREMOR_PARTS & set(entry.body_parts))


def tally(facts) -> HintTally:
    """The counts of a period's facts (a HintTally is its own tally)."""
    if isinstance(facts, HintTally):
        return facts
    events = facts.events
    tremors = [e for e in events if _is_tremor(e.entry)]
    drinking = [e for e in tremors if e.alcohol_drinks is not None and e.alcohol_drinks > 0]
    twitches = [e for e in events if e.entry.kind == "twitch"]
    urges = [e for e in events if e.entry.kind == "restless_urge"]
    convulsions = [e for e in events if _is_convulsion_like(e.entry)]
    return HintTally(
        events=len(events),
        late=sum(1 for e in events if e.window == "late"),
        twitches=len(twitches),
        twitches_onset=sum(1 for e in twitches if e.window == "falling_asleep"),
        tremors=len(tremors),
        tremors_drinking=len(drinking),
        tremor_drinking_nights=len({e.entry.night_of for e in drinking}),
        urges=len(urges),
        urges_settling=sum(1 for e in urges if e.window in ("evening", "falling_asleep")),
        convulsions=len(convulsions),
        convulsions_awareness=sum(1 for e in convulsions if e.entry.consciousness_changed),
        partner_rem=sum(
            1 for r in facts.partner_reports if set(r.entry.observations) & set(REM_PARTNER_SIGNS)
        ),
        nights_logged=facts.nights_logged,
        nights_woken=facts.nights_woken,
        checkins=facts.checkins,
    )


def sleep_onset_twitches(facts) -> str | None:
    """At least SLEEP_ONSET_MIN_TWITCHES twitches, SLEEP_ONSET_SHARE of them falling asleep."""
    t = tally(facts)
    if t.twitches < SLEEP_ONSET_MIN_TWITCHES or t.twitches_onset < SLEEP_ONSET_SHARE * t.twitches:
        return None
    return (
        f"{t.twitches_onset} of {_plural(t.twitches, 'twitch', 'twitches')} while falling asleep."
    )


def tremor_with_alcohol(facts) -> str | None:
    """At least TREMOR_MIN_EVENTS tremors in TREMOR_PARTS, one on a night with a drink."""
    t = tally(facts)
    if t.tremors < TREMOR_MIN_EVENTS or not t.tremors_drinking:
        return None
    return (
        f"{_plural(t.tremors, 'tremor')} in the hands, arms, legs or face; "
        f"{t.tremors_drinking} of them on {_plural(t.tremor_drinking_nights, 'night')} "
        "with alcohol."
    )


def evening_restless_urges(facts) -> str | None:
    """At least RESTLESS_MIN_EVENTS restless urges, RESTLESS_SHARE of them before sleep."""
    t = tally(facts)
    if t.urges < RESTLESS_MIN_EVENTS or t.urges_settling < RESTLESS_SHARE * t.urges:
        return None
    return (
        f"{t.urges_settling} of {_plural(t.urges, 'restless urge')} before trying to sleep or "
        "while falling asleep."
    )


def _is_convulsion_like(event) -> bool:
    """A spasm or jerking episode in one or two limbs for CONVULSION_MIN_SECONDS or more, or
    with awareness changed."""
    if event.kind not in ("spasm", "jerking_episode"):
        return False
    limbs = _limbs(event.body_parts)
    in_limbs = limbs is not None and len(limbs) <= 2
    long_enough = (event.duration_seconds or 0) >= CONVULSION_MIN_SECONDS
    return bool((in_limbs and long_enough) or event.consciousness_changed)


def convulsion_like(facts) -> str | None:
    """At least one convulsion-like spasm or jerking episode."""
    t = tally(facts)
    if not t.convulsions:
        return None
    kinds = _plural(t.convulsions, "spasm or jerking episode", "spasms or jerking episodes")
    evidence = f"{kinds} in one or two limbs lasting a minute or more, or with awareness changed"
    if t.convulsions_awareness:
        evidence += f" ({t.convulsions_awareness} with awareness changed)"
    return evidence + "."


def dystonia_signs(facts) -> str | None:
    """At least one check-in day with a sign ticked."""
    checkins = tally(facts).checkins
    signed = [c for c in checkins if c.signs]
    if not signed:
        return None
    signs = Counter(sign for c in signed for sign in c.signs)
    listed = ", ".join(
        f"{SIGNS.label(sign, 'in_sentence')} ({count})" for sign, count in signs.most_common()
    )
    return f"Signs on {len(signed)} of {_plural(len(checkins), 'check-in day')}: {listed}."


def late_night_or_partner(facts) -> str | None:
    """A partner saw one of REM_PARTNER_SIGNS, or at least LATE_MIN_EVENTS events with LATE_SHARE
    of them late in the night."""
    t = tally(facts)
    parts = []
    if t.events >= LATE_MIN_EVENTS and t.late >= LATE_SHARE * t.events:
        parts.append(f"{t.late} of {_plural(t.events, 'event')} late in the night")
    if t.partner_rem:
        parts.append(
            f"{_plural(t.partner_rem, 'partner report')} of twitching, kicking, acting out a "
            "dream or falling out of bed"
        )
    return "; ".join(parts) + "." if parts else None


def woken_many_nights(facts) -> str | None:
    """Woken on at least WOKEN_MIN_NIGHTS nights and WOKEN_SHARE of the nights logged."""
    t = tally(facts)
    woken, logged = t.nights_woken, t.nights_logged
    if woken < WOKEN_MIN_NIGHTS or woken < WOKEN_SHARE * logged:
        return None
    return f"Woken on {woken} of {_plural(logged, 'logged night')}."


HINT_RULES = {
    rule.code: rule
    for rule in (
        HintRule(
            code="sleep_onset_twitches",
            evidence=sleep_onset_twitches,
            title="Twitches cluster as you fall asleep",
            rule="Most of your twitches happen in the falling-asleep window, the first 20 minutes "
            "after you would have fallen asleep. Twitches at sleep onset are called sleep "
            "myoclonus or hypnic jerks: very common, but worth mentioning to your doctor, with "
            "the times you wrote down when they kept you awake or woke you.",
            threshold=f"At least {SLEEP_ONSET_MIN_TWITCHES} twitches, and at least half of them "
            "while falling asleep.",
            advice="Worth mentioning to your doctor.",
            source=f"{GUIDE} (sleep myoclonus); clinical notes §3 (hypnic jerks at sleep onset).",
            finding="Twitches cluster in the first 20 minutes after estimated sleep onset",
            association="Associated in the guide with sleep myoclonus (hypnic jerks)",
            refs=("guide", "hypnic", "statpearls"),
        ),
        HintRule(
            code="tremor_with_alcohol",
            evidence=tremor_with_alcohol,
            title="Tremors in hands, arms, legs or face, on nights with alcohol",
            rule="Rhythmic shaking in the hands, arms, legs or face can be sleep tremors, and "
            "alcohol is a common cause. Worth talking to your doctor about; the guide suggests "
            "drinking less.",
            threshold=f"At least {TREMOR_MIN_EVENTS} tremors in the hands, arms, legs or face, "
            "at least one of them on a night whose diary records a drink.",
            advice="Worth talking to your doctor; the guide suggests cutting down on alcohol.",
            source=f"{GUIDE} (sleep tremors); clinical notes §1 and §4.",
            finding="Tremors of the hands, arms, legs or face, on nights with alcohol",
            association="Associated in the guide with sleep tremors, for which alcohol is a common "
            "cause",
            refs=("guide", "alcohol"),
        ),
        HintRule(
            code="evening_restless_urges",
            evidence=evening_restless_urges,
            title="Restless urges in the evening or while settling",
            rule="An urge to move that comes at rest, eases when you move and is worse in the "
            "evening is what doctors ask about for restless legs syndrome.",
            threshold=f"At least {RESTLESS_MIN_EVENTS} restless urges, and at least half of them "
            "before trying to sleep or while falling asleep.",
            advice="Worth mentioning to your doctor.",
            source=f"{GUIDE} (restless legs); clinical notes §3 (IRLSSG 2014 criteria).",
            finding="Restless urges cluster in the evening and at sleep onset",
            association="The timing is one of the criteria for restless legs syndrome",
            refs=("guide", "irlssg"),
        ),
        HintRule(
            code="convulsion_like",
            evidence=convulsion_like,
            title="Spasms or jerking in one or two limbs lasting a minute or more",
            rule="Involuntary spasms in one or two limbs that last a minute or two, or any episode "
            "with a change in awareness, are worth telling your doctor about. Note which limbs, "
            "any change in awareness and your temperature.",
            threshold="At least one spasm or jerking episode either in one or two limbs lasting "
            f"{CONVULSION_MIN_SECONDS} seconds or more, or with awareness changed.",
            advice="Tell your doctor; note which limbs, any change in awareness, and your "
            "temperature.",
            source=f"{GUIDE} (convulsions); clinical notes §1.",
            finding="Spasms or jerking of one or two limbs lasting a minute or more, or with "
            "altered awareness",
            association="Described in the guide as convulsion-like; its listed causes include "
            "epilepsy, head injury, heart disease and low blood sugar",
            refs=("guide", "derry", "records"),
        ),
        HintRule(
            code="dystonia_signs",
            evidence=dystonia_signs,
            title="Daytime signs on your check-in days",
            rule="Speech problems, uncontrollable blinking, a pulling feeling in the neck, foot "
            "cramps and dragging a leg are early signs the guide lists for dystonia, which needs "
            "a doctor's care.",
            threshold="At least one check-in day with a sign ticked.",
            advice="Worth mentioning to your doctor.",
            source=f"{GUIDE} (dystonia); clinical notes §1.",
            finding="Daytime signs recorded on check-in days",
            association="Listed in the guide as early signs of dystonia",
            refs=("guide",),
        ),
        HintRule(
            code="late_night_or_partner",
            evidence=late_night_or_partner,
            title="Late-night movements, or a partner saw heavy twitching",
            rule="Movements in the last part of the night, which is likely REM-rich, often go "
            "unnoticed by the sleeper; a partner sees them. Heavy twitching or acting out dreams "
            "reported by a partner is a reason to ask your doctor about REM sleep behaviour "
            "disorder.",
            threshold=f"A partner saw twitching, kicking, acting out a dream or a fall from bed; "
            f"or at least {LATE_MIN_EVENTS} events with at least half of them late in the night.",
            advice="Ask your doctor about REM sleep behaviour disorder.",
            source=f"{GUIDE} (REM-sleep twitching); clinical notes §3 (PMC4678361).",
            finding="Movements late in the night (likely REM-rich), or a partner saw heavy "
            "twitching or dream enactment",
            association="Associated in the guide with REM-sleep twitching; partner-witnessed dream "
            "enactment is a feature of REM sleep behaviour disorder",
            refs=("guide", "statpearls", "rbd"),
        ),
        HintRule(
            code="woken_many_nights",
            evidence=woken_many_nights,
            title="Twitching is waking you on many nights",
            rule="If twitching keeps you from consistent rest, the guide says to see a physician; "
            "a sleep study may be recommended, and it is the only way to measure sleep stages.",
            threshold=f"Woken on at least {WOKEN_MIN_NIGHTS} nights and on at least a third of "
            "the nights logged.",
            advice="See a physician; a sleep study may help.",
            source=f"{GUIDE} (when to see a physician); clinical notes §1.",
            finding="Woken by events on many nights",
            association="The guide advises a physician review when twitching prevents consistent "
            "rest; a sleep study may follow",
            refs=("guide",),
        ),
    )
}

RED_FLAG_RULES = {
    rule.code: rule
    for rule in (
        RedFlagRule(
            "long_episode",
            "An episode lasted 5 minutes or more",
            "A jerking episode, spasm, tremor or other event (or shaking seen by a partner) "
            "lasting 5 minutes or more.",
            "CDC seizure first aid; clinical notes §5.",
            "If it is still going on, or another one has followed, call emergency services now "
            f"({EMERGENCY_NUMBERS}): a seizure lasting more than 5 minutes is an emergency. If it "
            "has stopped, get medical advice today.",
        ),
        RedFlagRule(
            "injury",
            "Injured during an event",
            "An event marked \u201cinjured\u201d.",
            "CDC seizure first aid; clinical notes §5.",
            "Get medical attention for the injury today; call emergency services "
            f"({EMERGENCY_NUMBERS}) if it is serious.",
        ),
        RedFlagRule(
            "breathing_trouble",
            "A partner saw pauses in breathing",
            "A partner report of pauses in breathing.",
            "CDC seizure first aid (trouble breathing); clinical notes §5.",
            "If breathing is difficult or stops now, call emergency services "
            f"({EMERGENCY_NUMBERS}). Otherwise, tell a doctor soon.",
        ),
        RedFlagRule(
            "unresponsive",
            "A partner could not wake you",
            "A partner report of could not be woken / unresponsive.",
            "CDC seizure first aid (trouble waking); clinical notes §5.",
            "If the sleeper still cannot be woken, or is hard to wake, call emergency services "
            f"now ({EMERGENCY_NUMBERS}). Otherwise, tell a doctor soon.",
        ),
        RedFlagRule(
            "fell_out_of_bed",
            "Fell out of bed",
            "A partner report of falling out of bed.",
            "Clinical notes §5 (dream enactment with injury or falling out of bed).",
            "Check for injuries, and tell a doctor soon: acting out dreams with a fall is worth "
            "raising promptly.",
            refs=("rbd",),
        ),
        RedFlagRule(
            "tongue_bitten",
            "Tongue bitten",
            "An event marked \u201ctongue bitten\u201d.",
            "Clinical notes §5.",
            "Tell a doctor promptly: a bitten tongue during an episode is worth raising soon.",
            refs=("cdc",),
        ),
        RedFlagRule(
            "incontinence",
            "Wet or soiled during an event",
            "An event marked \u201cwet or soiled\u201d.",
            "Clinical notes §5.",
            "Tell a doctor promptly: wetting or soiling during an episode is worth raising soon.",
            refs=("cdc",),
        ),
        RedFlagRule(
            "confused_after",
            "Confused afterwards",
            "An event marked \u201cconfused afterwards\u201d.",
            "Clinical notes §5.",
            "Tell a doctor promptly. If the confusion does not pass, get medical help now.",
            refs=("cdc",),
        ),
        RedFlagRule(
            "first_jerking_episode",
            "The first jerking episode you have recorded",
            "The earliest jerking episode in your whole journal.",
            "CDC seizure first aid (a first-ever seizure); clinical notes §5.",
            "A first episode like this is worth a doctor's visit soon; if it lasted more than 5 "
            "minutes or came with trouble breathing, call emergency services "
            f"({EMERGENCY_NUMBERS}).",
        ),
    )
}


def pattern_hints(facts) -> list[Hint]:
    """Every hint whose threshold the period's entries meet, in the order of HINT_RULES (from
    its PeriodFacts or its HintTally)."""
    counts = tally(facts)
    found = []
    for rule in HINT_RULES.values():
        if evidence := rule.evidence(counts):
            found.append(rule.hint(evidence))
    return found


def event_flag_codes(event) -> list[str]:
    """The red flags one event raises by itself (not "first jerking episode", which needs history).

    Shared by the summary and the timeline, so an entry is marked wherever it is listed.
    """
    codes = []
    long = (event.duration_seconds or 0) >= LONG_EPISODE_SECONDS
    if long and event.kind in LONG_EPISODE_KINDS:
        codes.append("long_episode")
    codes.extend(code for code in EVENT_FLAG_ANSWERS if getattr(event, code))
    return codes


PARTNER_FLAG_OBSERVATIONS = {
    "breathing_pauses": "breathing_trouble",
    "unresponsive": "unresponsive",
    "fell_out_of_bed": "fell_out_of_bed",
}


def partner_flag_codes(report) -> list[str]:
    """The red flags one partner report raises: long shaking all over, breathing pauses,
    could not be woken, fell out of bed (clinical-notes §5). Shared like event_flag_codes."""
    observed = set(report.observations)
    codes = []
    if "shaking_all_over" in observed and (report.duration_seconds or 0) >= LONG_EPISODE_SECONDS:
        codes.append("long_episode")
    codes.extend(code for sign, code in PARTNER_FLAG_OBSERVATIONS.items() if sign in observed)
    return codes


def red_flags(facts: PeriodFacts) -> list[RedFlag]:
    """One flag per entry and reason, in time order (clinical-notes §5)."""
    flags = []

    def flag(code, instant):
        flags.append(RedFlag(code, RED_FLAG_RULES[code].title, instant.astimezone(facts.tz)))

    first_jerking_seen = facts.earlier_jerking_episode
    for e in facts.events:
        for code in event_flag_codes(e.entry):
            flag(code, e.entry.occurred_at)
        if e.entry.kind == "jerking_episode" and not first_jerking_seen:
            first_jerking_seen = True
            flag("first_jerking_episode", e.entry.occurred_at)
    for r in facts.partner_reports:
        for code in partner_flag_codes(r.entry):
            flag(code, r.entry.observed_at)
    flags.sort(key=lambda item: item.when)
    return flags
