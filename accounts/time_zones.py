"""The time zones a person chooses from: a short list of common ones, then every zone by its
canonical IANA name.

"Every zone" is the IANA database's `zone.tab` (one zone for each region of each country, the list
tz pickers are built on) plus `UTC`, read from the `tzdata` package so that the list is the same
on every machine. Old and alias names (`US/Eastern`, `Asia/Calcutta`, `GB`, `Europe/Kiev`) are
not listed but still accepted: the `Link` lines of the database's `tzdata.zi` map each to the zone
it stands for. `Factory` and `localtime` are refused: one is a placeholder with no offset, the
other whatever the server happens to be set to.
"""

from functools import cache
from importlib import resources

from .models import known_time_zones

# The short list shown first: the most used zones in English-speaking and European countries
# and a few of the largest elsewhere, one a region. Every one is in zone.tab (tests check).
COMMON = (
    "Europe/London",
    "Europe/Dublin",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Madrid",
    "Europe/Amsterdam",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Toronto",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Africa/Johannesburg",
    "UTC",
)
REFUSED = frozenset({"Factory", "localtime", "posixrules"})


def _database_file(name: str) -> str:
    return resources.files("tzdata").joinpath("zoneinfo", name).read_text(encoding="utf-8")


@cache
def listed_zones() -> tuple[str, ...]:
    """Every zone offered, by canonical name, sorted."""
    names = {
        line.split("\t")[2]
        for line in _database_file("zone.tab").splitlines()
        if line.strip() and not line.startswith("#")
    }
    return tuple(sorted(names | {"UTC"}))


@cache
def aliases() -> dict[str, str]:
    """Each old or alias name, and the listed zone it stands for."""
    listed = set(listed_zones())
    links = {}
    for line in _database_file("tzdata.zi").splitlines():
        if line.startswith("L "):
            _, target, alias = line.split()
            links[alias] = target
    links["Etc/UTC"] = "UTC"
    mapped = {}
    for alias, target in links.items():
        if alias in listed:
            continue
        for _ in range(3):  # links point at zones; a short walk covers any that chain
            if target in listed or target not in links:
                break
            target = links[target]
        if target in listed:
            mapped[alias] = target
    return mapped


def canonical(name) -> str | None:
    """The name to keep for a zone a person gave: itself if listed, the listed zone an alias
    stands for, itself for a real zone that is simply not listed (`Etc/GMT+5`); None for
    anything else."""
    if not isinstance(name, str) or name in REFUSED:
        return None
    if name in listed_zones():
        return name
    if name in aliases():
        return aliases()[name]
    return name if name in known_time_zones() else None


def region(zone: str) -> str:
    return zone.split("/", 1)[0] if "/" in zone else "Other"


def choices(extra: str | None = None) -> list:
    """The options of a time-zone select: "Common" first, then each region's zones. `extra`, a
    real zone that is not listed (a person's current `Etc/GMT+5`), comes first so that it stays
    chosen."""
    groups = []
    if extra and extra not in listed_zones():
        groups.append(("Your current zone", [(extra, extra)]))
    groups.append(("Common", [(zone, zone) for zone in COMMON]))
    by_region: dict[str, list] = {}
    for zone in listed_zones():
        by_region.setdefault(region(zone), []).append((zone, zone))
    groups += [(name, by_region[name]) for name in sorted(by_region, key=lambda n: n == "Other")]
    return groups
