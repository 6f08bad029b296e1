"""Standard drinks from what was poured (clinical-notes.md §4).

grams of ethanol = ml × ABV/100 × 0.789; one standard drink (NIAAA, US) is 14 g.
"""

from decimal import Decimal

ETHANOL_DENSITY = Decimal("0.789")  # grams per ml
GRAMS_PER_STANDARD_DRINK = Decimal(14)


def standard_drinks(volume_ml, abv_percent, count=1) -> Decimal:
    """Standard drinks in `count` drinks of `volume_ml` at `abv_percent` % ABV (unrounded).

    500 ml of 5 % beer is 500 × 0.05 × 0.789 = 19.7 g, about 1.41 standard drinks.
    """
    grams = Decimal(volume_ml) * Decimal(abv_percent) / 100 * ETHANOL_DENSITY
    return grams * Decimal(count) / GRAMS_PER_STANDARD_DRINK
