"""Where the demo county's units and depots are (WGS-84): a county seat, towns around it.

Fixed per town; villages and depots scattered near their unit by a generator seeded with their
code, so the demo's other random draws stay as they were.
"""

from __future__ import annotations

import random
from decimal import Decimal

from ledger.models import Depot, OrgUnit
from ledger.services.demo.context import Context

#: The county seat (城关街道) and each town's seat by its code within the county.
SEAT = ("34.760000", "113.950000")
TOWN_SEATS = {
    "001": SEAT,
    "002": ("34.762000", "113.981000"),
    "003": ("34.738000", "113.944000"),
    "101": ("34.846000", "114.066000"),
    "102": ("34.811000", "113.859000"),
    "103": ("34.681000", "114.061000"),
    "104": ("34.619000", "113.801000"),
    "105": ("34.881000", "113.962000"),
    "106": ("34.752000", "114.141000"),
    "107": ("34.648000", "113.953000"),
    "108": ("34.731000", "113.738000"),
    "109": ("34.902000", "114.152000"),
    "110": ("34.589000", "114.092000"),
    "201": ("34.541000", "113.879000"),
    "202": ("34.679000", "113.648000"),
    "401": ("34.792000", "114.021000"),
}


def _near(code: str, lat: Decimal, lon: Decimal, spread: float) -> tuple[Decimal, Decimal]:
    """A point up to ``spread`` degrees from (lat, lon), the same for the same ``code``."""
    rng = random.Random(f"demo-place:{code}")
    step = Decimal("0.000001")
    return (
        (lat + Decimal(rng.uniform(-spread, spread))).quantize(step),
        (lon + Decimal(rng.uniform(-spread, spread) * 1.2)).quantize(step),
    )


def place_units(ctx: Context, county: OrgUnit) -> None:
    """Give the county, its towns and their villages the coordinates of their seats."""
    county.latitude, county.longitude = (Decimal(x) for x in SEAT)
    for town in ctx.towns:
        town.latitude, town.longitude = (Decimal(x) for x in TOWN_SEATS[town.code[6:9]])
    for village in ctx.villages:
        town = ctx.town_of[village.code]
        assert town.latitude is not None and town.longitude is not None
        village.latitude, village.longitude = _near(
            village.code, town.latitude, town.longitude, 0.035
        )


def place_depot(depot: Depot, home: OrgUnit) -> None:
    """A depot a few hundred metres from its home unit's seat."""
    if home.latitude is not None and home.longitude is not None:
        depot.latitude, depot.longitude = _near(depot.code, home.latitude, home.longitude, 0.004)
