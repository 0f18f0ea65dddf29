"""A city and two counties for city tests, each with its own database, as a county and towns.

The city builds its tree (the city and two counties) and the catalogue and sends its first
package down; each county registers the city's key, imports that package, adds a town of its
own, a team, a depot and a receipt, and sends its package up, as a town sends to its county.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from ledger.core.enums import Category, Level
from ledger.models import Depot, Item, OrgUnit
from ledger.models.engine import Database
from tests.services.exchange_world import Office, receipt, set_up_town, unit_id

CITY, COUNTY_A, COUNTY_B = "620700", "620702", "620721"


def build_city(session: Session) -> None:
    """The city's tree (two counties), catalogue and own depot."""
    city = OrgUnit(code=CITY, name="张掖市", level=Level.CITY, population=1100000)
    session.add(city)
    session.flush()
    for code, name in ((COUNTY_A, "甘州区"), (COUNTY_B, "肃南县")):
        session.add(OrgUnit(code=code, name=name, level=Level.COUNTY, parent_id=city.id))
    for code, name, measure in (("WZ-001", "编织袋", "条"), ("WZ-002", "救生衣", "件")):
        session.add(Item(code=code, name=name, unit=measure, category=Category.FLOOD))
    session.flush()
    session.add(Depot(code="SK-01", name="市应急物资储备库", unit_id=city.id))
    session.flush()


def set_up_county(office: Office, tag: str, towns: int) -> None:
    """A county's records: its own team, depot and receipt, and ``towns`` towns with a depot
    and a receipt each (they count in the county's row at the city)."""
    set_up_town(office, tag)
    for n in range(1, towns + 1):
        with office.tx() as s:
            county = unit_id(s, office.unit)
            town = OrgUnit(
                code=f"{office.unit}{100 + n}", name=f"{office.name}第{n}镇",
                level=Level.TOWN, parent_id=county,
            )  # fmt: skip
            s.add(town)
            s.flush()
            s.add(Depot(code=f"{tag}-Z{n}", name=f"{town.name}物资库", unit_id=town.id))
        office.post(receipt(f"{tag}-Z{n}", "2026-03-02", ("WZ-001", 100 * n, "")))


def make_city(make_db: Callable[[str], Database], keys: Path) -> tuple[Office, Office, Office]:
    """A city and two counties, set up and registered both ways; no county has sent yet."""
    city = Office("市", make_db("city"), CITY, keys)
    county_a = Office("甘州区", make_db("county_a"), COUNTY_A, keys)
    county_b = Office("肃南县", make_db("county_b"), COUNTY_B, keys)
    with city.tx() as s:
        build_city(s)
    setup = city.export().data
    for county in (county_a, county_b):
        county.register(city)
        county.receive(setup, "市下发.zip")
        city.register(county)
    return city, county_a, county_b
