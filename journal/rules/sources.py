"""The clinical sources behind every hint, red flag, label and definition, as numbered references.

One list, in one order: the report prints it on its last page and cites each source by its number
("[2]"); docs/clinical-sources.md ends with the same list (`markdown()` writes it, and
tests/test_sources.py checks that the document and this list agree). Facts taken from each source
are summarised in docs/clinical-sources.md; /work/shared/domain/clinical-notes.md is where they
were collected.

`python -m journal.rules.sources` prints the list as the document's Markdown.
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """A reference as a physician looks it up: who, when, what, where it was published."""

    key: str
    authors: str
    year: str
    title: str
    published: str  # the journal (volume, pages) or the publisher, with an identifier if any

    def citation(self) -> str:
        """Authors. Year. Title. Published. ("n.d." for a page that gives no date.)"""
        return " ".join(
            _sentence(part) for part in (self.authors, self.year, self.title, self.published)
        )


def _sentence(part: str) -> str:
    return part if part.endswith((".", "?", "!")) else f"{part}."


SOURCES: tuple[Source, ...] = (
    Source(
        "guide",
        "Night-twitching guide",
        "n.d.",
        "Twitching at night: sleep tremors, sleep myoclonus, restless legs, convulsions, "
        "dystonia and REM-sleep twitching",
        "Plain-language guide Nightjar was conceived from; no author or publisher named",
    ),
    Source(
        "csd",
        "Carney CE, Buysse DJ, Ancoli-Israel S, et al.",
        "2012",
        "The Consensus Sleep Diary: standardizing prospective sleep self-monitoring",
        "SLEEP 35(2):287–302; PMC3250369",
    ),
    Source(
        "statpearls",
        "Patel AK, Reddy V, Shumway KR, Araujo JF",
        "2022",
        "Physiology, Sleep Stages",
        "StatPearls Publishing, Treasure Island (FL)",
    ),
    Source(
        "nsf",
        "National Sleep Foundation",
        "n.d.",
        "Normal sleep",
        "National Sleep Foundation, sleepfoundation.org",
    ),
    Source(
        "hypnic",
        "Wikipedia contributors",
        "n.d.",
        "Hypnic jerk",
        "Wikipedia, The Free Encyclopedia",
    ),
    Source(
        "plm",
        "Pollmächer T, Schulz H",
        "1993",
        "Periodic leg movements (PLM): their relationship to sleep stages",
        "Sleep 16(6):572–577; PMID 8235243",
    ),
    Source(
        "irlssg",
        "Allen RP, Picchietti DL, Garcia-Borreguero D, et al. (International Restless Legs "
        "Syndrome Study Group)",
        "2014",
        "Restless legs syndrome/Willis–Ekbom disease diagnostic criteria: updated IRLSSG "
        "consensus criteria",
        "Sleep Medicine 15(8):860–873",
    ),
    Source(
        "rbd",
        "Fernández-Arcos A, Iranzo A, Serradell M, Gaig C, Santamaria J",
        "2016",
        "The clinical phenotype of idiopathic rapid eye movement sleep behavior disorder at "
        "presentation: a study in 203 consecutive patients",
        "Sleep 39(1):121–132; PMC4678361",
    ),
    Source(
        "derry",
        "Derry CP, Harvey AS, Walker MC, Duncan JS, Berkovic SF",
        "2009",
        "NREM arousal parasomnias and their distinction from nocturnal frontal lobe epilepsy: "
        "a video EEG analysis",
        "Sleep 32(12):1637–1644; PMC2786048",
    ),
    Source(
        "cramps",
        "American Academy of Sleep Medicine",
        "n.d.",
        "Sleep leg cramps",
        "AASM, sleepeducation.org",
    ),
    Source(
        "hoppe",
        "Hoppe C, Poepel A, Elger CE",
        "2007",
        "Epilepsy: accuracy of patient seizure counts",
        "Archives of Neurology 64(11):1595–1599",
    ),
    Source(
        "alcohol",
        "Ebrahim IO, Shapiro CM, Williams AJ, Fenwick PB",
        "2013",
        "Alcohol and sleep I: effects on normal sleep",
        "Alcoholism: Clinical and Experimental Research 37(4):539–549; PMID 23347102",
    ),
    Source(
        "niaaa",
        "National Institute on Alcohol Abuse and Alcoholism (NIAAA)",
        "n.d.",
        "What is a standard drink?",
        "NIAAA, National Institutes of Health",
    ),
    Source(
        "cdc",
        "Centers for Disease Control and Prevention (CDC)",
        "n.d.",
        "Seizure first aid: when to call 911",
        "CDC, cdc.gov/epilepsy",
    ),
    Source(
        "records",
        "Epilepsy Queensland",
        "n.d.",
        "How best to record seizures",
        "Epilepsy Queensland, epilepsyqueensland.com.au",
    ),
    Source(
        "devices",
        "Chinoy ED, Cuellar JA, Huwa KE, et al.",
        "2021",
        "Performance of seven consumer sleep-tracking devices compared with polysomnography",
        "Sleep 44(5):zsaa291; PMC8120339",
    ),
)

_NUMBERS = {source.key: number for number, source in enumerate(SOURCES, start=1)}


def number(key: str) -> int:
    """A source's number in the list (1-based); a KeyError for a key that is not a source."""
    return _NUMBERS[key]


def cite(*keys: str) -> str:
    """The in-text citation of sources by number, in number order: "[2]", "[1, 5]"."""
    return "[" + ", ".join(str(n) for n in sorted({number(key) for key in keys})) + "]"


def numbered() -> list[tuple[int, Source]]:
    return list(enumerate(SOURCES, start=1))


def markdown() -> str:
    """The list as docs/clinical-sources.md ends with it."""
    return "\n".join(f"{n}. {source.citation()}" for n, source in numbered()) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
