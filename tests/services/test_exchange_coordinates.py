"""Coordinates of units and depots travel in exchange packages; older packages without them
still import and leave the places the receiver knows alone."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ledger.models import Depot, OrgUnit
from ledger.services.exchange import manifest
from tests.services import test_exchange
from tests.services.exchange_world import TOWN_A, Office, put_rows, resign, rows_of, set_up_town

#: The three offices of the exchange tests (a county, towns A and B), on each backend.
make_db, world = test_exchange.make_db, test_exchange.world


def place(office: Office) -> tuple[Any, ...]:
    with office.db.read() as s:
        town = s.scalars(select(OrgUnit).where(OrgUnit.code == TOWN_A)).one()
        depot = s.scalars(select(Depot).where(Depot.unit_id == town.id)).first()
        assert depot is not None
        return town.latitude, town.longitude, depot.latitude, depot.longitude


def test_a_towns_coordinates_reach_the_county(world: tuple[Office, Office, Office]) -> None:
    county, a, _ = world
    set_up_town(a, "A")
    with a.tx() as s:
        town = s.scalars(select(OrgUnit).where(OrgUnit.code == TOWN_A)).one()
        town.latitude, town.longitude = Decimal("34.72"), Decimal("113.98")
        for depot in s.scalars(select(Depot).where(Depot.unit_id == town.id)):
            depot.latitude, depot.longitude = Decimal("34.731234"), Decimal("113.991234")
    a.send_to(county)
    expected = (Decimal("34.72"), Decimal("113.98"), Decimal("34.731234"), Decimal("113.991234"))
    assert place(county) == expected


def test_a_package_from_before_the_columns_imports_and_keeps_known_places(
    world: tuple[Office, Office, Office],
) -> None:
    county, a, _ = world
    set_up_town(a, "A")
    with a.tx() as s:
        town = s.scalars(select(OrgUnit).where(OrgUnit.code == TOWN_A)).one()
        town.latitude, town.longitude = Decimal("34.72"), Decimal("113.98")
    a.send_to(county)
    with a.tx() as s:  # a change the older program sends, without the columns
        town = s.scalars(select(OrgUnit).where(OrgUnit.code == TOWN_A)).one()
        town.note = "旧版程序修改"

    def older(body: dict[str, Any], files: dict[str, bytes]) -> None:
        for table in ("org_units", "depots"):
            for name in (manifest.data_file(table), manifest.ref_file(table)):
                if name in files:
                    rows = rows_of(files, name)
                    for row in rows:
                        row.pop("latitude", None)
                        row.pop("longitude", None)
                    put_rows(files, name, rows)

    county.receive(resign(a, a.export().data, older))
    with county.db.read() as s:
        town = s.scalars(select(OrgUnit).where(OrgUnit.code == TOWN_A)).one()
        assert town.note == "旧版程序修改"
        assert (town.latitude, town.longitude) == (Decimal("34.72"), Decimal("113.98"))
