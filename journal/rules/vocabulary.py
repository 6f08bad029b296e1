"""Nightjar's vocabulary: every list of things a person can record or read, defined once.

Each list gives the keys that are stored, exported and sent by the API (docs/definitions.md §3,
§4, §7), in the order pages show them, with the words people read. The models' choices and
database constraints, the forms' choices, the summaries, the charts, the report and the export
all take their keys, labels and order from here. Pure Python: nothing here knows about Django.
"""

from collections.abc import Iterator
from typing import Generic, NamedTuple, TypeVar


class Term(NamedTuple):
    """A key as stored and its label as people read it."""

    key: str
    label: str


class Kind(NamedTuple):
    """A kind of event: its label on the full form, a word for buttons and charts, and the
    letter that marks it on the report's night grid (readable in black and white)."""

    key: str
    label: str
    short: str
    letter: str


class Window(NamedTuple):
    """A window of the night (§3): its label in tables and its words in running text."""

    key: str
    label: str
    short: str


class Sign(NamedTuple):
    """An early sign of the daytime check-in."""

    key: str
    label: str

    @property
    def in_sentence(self) -> str:
        """The label inside a sentence: "a pulling feeling in the neck"."""
        return self.label[0].lower() + self.label[1:]


class Stage(NamedTuple):
    """A sleep stage as a watch, ring or sleep app records it (§8).

    `rank` orders how specific it is: a scored stage (0) before "asleep, stage not scored" (1)
    before "in bed" (2); the recorded stage at an instant is the most specific one (§8).
    `short` is its word on the hypnogram's rows and beside an event ("Recorded: REM").
    """

    key: str
    label: str
    short: str
    rank: int


class Metric(NamedTuple):
    """A sleep-diary figure (§4) with its plain-words definition and its key in the API (§6)."""

    key: str
    label: str
    definition: str
    unit: str
    json_key: str

    @property
    def abbreviation(self) -> str:
        return self.key.upper()


T = TypeVar("T")


class Vocabulary(Generic[T]):
    """Terms in the order pages list them, also found by key."""

    def __init__(self, *terms: T):
        self.terms = terms
        self.by_key = {term.key: term for term in terms}
        self.keys = tuple(self.by_key)
        self.choices = tuple((term.key, term.label) for term in terms)

    def __iter__(self) -> Iterator[T]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def __getitem__(self, key: str) -> T:
        return self.by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    def label(self, key: str, form: str = "label") -> str:
        """The term's label (or another of its words, e.g. "short"); an unknown key as it is."""
        term = self.by_key.get(key)
        return key if term is None else getattr(term, form)

    def labels(self, form: str = "label") -> dict[str, str]:
        """{key: label} in order, or {key: another of the words} with `form`."""
        return {term.key: getattr(term, form) for term in self.terms}


# §7 Event.kind, in the order the forms, the summary and the report list them.
EVENT_KINDS = Vocabulary(
    Kind("twitch", "Twitch (single jerk)", "Twitch", "T"),
    Kind("tremor", "Tremor (rhythmic shaking)", "Tremor", "R"),
    Kind("spasm", "Spasm (sustained tightening)", "Spasm", "S"),
    Kind("cramp", "Cramp (painful tightening)", "Cramp", "C"),
    Kind("restless_urge", "Restless urge (eased by moving)", "Restless urge", "U"),
    Kind("jerking_episode", "Jerking episode (repeated, lasting a while)", "Jerking episode", "J"),
    Kind("other", "Other", "Other", "O"),
)

# §7 body_parts of an event or a partner report.
BODY_PARTS = Vocabulary(
    Term("face", "Face"),
    Term("eyes", "Eyes"),
    Term("jaw", "Jaw"),
    Term("neck", "Neck"),
    Term("trunk", "Trunk"),
    Term("left_arm", "Left arm"),
    Term("right_arm", "Right arm"),
    Term("left_hand", "Left hand"),
    Term("right_hand", "Right hand"),
    Term("left_leg", "Left leg"),
    Term("right_leg", "Right leg"),
    Term("left_foot", "Left foot"),
    Term("right_foot", "Right foot"),
    Term("whole_body", "Whole body"),
)

# §7 PartnerReport.observations: what a bed partner saw.
OBSERVATIONS = Vocabulary(
    Term("twitching", "Twitching"),
    Term("kicking_punching", "Kicking or punching"),
    Term("talking_shouting", "Talking or shouting"),
    Term("acting_out_dream", "Acting out a dream"),
    Term("fell_out_of_bed", "Fell out of bed"),
    Term("shaking_all_over", "Shaking all over"),
    Term("unresponsive", "Could not be woken / unresponsive"),
    Term("breathing_pauses", "Pauses in breathing"),
    Term("other", "Something else"),
)

# §7 SymptomCheckin: the early signs of dystonia the guide asks a person to notice; each key is
# also the name of the check-in's yes/no field.
SIGNS = Vocabulary(
    Sign("speech_problems", "Speech problems"),
    Sign("uncontrollable_blinking", "Uncontrollable blinking"),
    Sign("neck_pulling", "A pulling feeling in the neck"),
    Sign("foot_cramps", "Foot cramps"),
    Sign("dragging_leg", "Dragging a leg"),
)

# §3 windows of the night, in the order of the night (not the order the rules are tried in).
WINDOWS = Vocabulary(
    Window("evening", "Before trying to sleep", "before trying to sleep"),
    Window("falling_asleep", "Falling asleep", "falling asleep"),
    Window("early", "Early night — likely deep-sleep-rich", "early night"),
    Window("middle", "Middle of the night", "middle of the night"),
    Window("late", "Late night — likely REM-rich", "late night (likely REM-rich)"),
    Window("on_waking", "On or after waking", "on waking"),
)

# §8 sleep stages recorded by a device, in the order that breaks a tie between two of the same rank
# (awake, light, deep, rem) and that tables list them.
STAGES = Vocabulary(
    Stage("awake", "Awake", "Awake", 0),
    Stage("light", "Light sleep", "Light", 0),
    Stage("deep", "Deep sleep", "Deep", 0),
    Stage("rem", "REM sleep", "REM", 0),
    Stage("asleep", "Asleep, stage not scored", "Asleep", 1),
    Stage("in_bed", "In bed, not scored", "In bed", 2),
)

# The files of recorded stages the import reads (docs/recorded-stages.md: where each comes from).
STAGE_FILE_FORMATS = Vocabulary(
    Term("apple_zip", "Apple Health export (export.zip)"),
    Term("apple_xml", "Apple Health export (export.xml)"),
    Term("fitbit_zip", "Fitbit data from Google Takeout (ZIP)"),
    Term("stages_csv", "Sleep stages as CSV (start, end, stage, source)"),
)

# §4 sleep figures (Consensus Sleep Diary), in the order pages and the report show them, with the
# plain-words definition shown next to each.
METRICS = Vocabulary(
    Metric(
        "tib",
        "Time in bed",
        "From getting into bed to getting out of bed.",
        "min",
        "mean_tib_min",
    ),
    Metric(
        "tst",
        "Total sleep time",
        "From trying to sleep to the final awakening, minus the minutes it took to fall asleep "
        "and the minutes awake in the night.",
        "min",
        "mean_tst_min",
    ),
    Metric(
        "se", "Sleep efficiency", "Total sleep time as a share of time in bed.", "%", "mean_se_pct"
    ),
    Metric(
        "sol",
        "Time to fall asleep",
        "The minutes it took to fall asleep (sleep-onset latency).",
        "min",
        "mean_sol_min",
    ),
    Metric(
        "waso",
        "Awake in the night",
        "All the minutes awake during the night's awakenings, not counting the final one "
        "(wake after sleep onset).",
        "min",
        "mean_waso_min",
    ),
)
