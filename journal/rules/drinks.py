"""Standard drinks from what was poured (clinical-notes.md §4).

grams of ethanol = ml × ABV/100 × 0.789; one standard drink (NIAAA, US) is 14 g.
"""

from decimal import ROUND_HALF_UP, Decimal

from journal.rules import bounds

ETHANOL_DENSITY = Decimal("0.789")  # grams per ml
GRAMS_PER_STANDARD_DRINK = Decimal(14)


def standard_drinks(volume_ml, abv_percent, count=1) -> Decimal:
    """Standard drinks in `count` drinks of `volume_ml` at `abv_percent` % ABV (unrounded).

    500 ml of 5 % beer is 500 × 0.05 × 0.789 = 19.7 g, about 1.41 standard drinks.
    """
    grams = Decimal(volume_ml) * Decimal(abv_percent) / 100 * ETHANOL_DENSITY
    return grams * Decimal(count) / GRAMS_PER_STANDARD_DRINK


def added_to(total, more) -> Decimal:
    """The drinks box after adding `more` standard drinks to what it says (`total`, as typed:
    empty or unreadable counts as none), to one decimal place as the diary keeps it.

    Two beers and then a glass of wine add up: 1.4 + 1.18 = 2.6, rather than the wine
    replacing the beers.
    """
    try:
        so_far = bounds.read_number(str(total)) if total not in (None, "") else Decimal(0)
    except ValueError:
        so_far = Decimal(0)  # unreadable, or too long to be drinks (1e9999999 cannot be rounded)
    if so_far < 0:
        so_far = Decimal(0)
    return (so_far + Decimal(more)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
