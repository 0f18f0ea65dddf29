"""A city's ledger: counties' packages received as a county receives towns', and 全市汇总.

Runs on SQLite, and on PostgreSQL when LEDGER_TEST_PG is set (the ``make_db`` fixture).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import pytest

from ledger.core.actor import SYSTEM
from ledger.core.errors import ForeignRecords
from ledger.services.exchange import county as overviews
from ledger.services.exchange import manifest
from ledger.services.verify.checks import verify
from tests.services.city_world import CITY, COUNTY_A, COUNTY_B, make_city, set_up_county
from tests.services.exchange_world import (
    D,
    Office,
    fingerprint,
    issue,
    later,
    put_rows,
    resign,
    rows_of,
    state,
    unit_id,
)
from tests.services.test_exchange import make_db  # noqa: F401  (the fixture)

City = tuple[Office, Office, Office]


@pytest.fixture
def city(make_db, tmp_path: Path) -> City:  # type: ignore[no-untyped-def]  # noqa: F811
    return make_city(make_db, tmp_path / "keys")


def test_a_county_package_arrives_at_its_city_whole(city: City) -> None:
    town, a, _ = city
    set_up_county(a, "A", towns=2)
    done = a.send_to(town)
    assert {"单位", "队伍", "仓库", "单据"} <= {c.label for c in done.changes}
    assert state(town, COUNTY_A) == state(a, COUNTY_A)
    with town.db.read() as s:
        assert verify(s) == []


def test_a_county_cannot_send_its_neighbours_records(city: City) -> None:
    office, a, b = city
    set_up_county(a, "A", towns=1)
    set_up_county(b, "B", towns=1)
    b.send_to(office)
    with office.db.read() as s:
        b_unit = str(unit_id(s, COUNTY_B))

    def smuggle(body: dict[str, Any], files: dict[str, bytes]) -> None:
        teams = rows_of(files, manifest.data_file("teams"))
        fake = dict(teams[0], id=str(uuid.uuid4()), code="B-FAKE", unit_id=b_unit)
        put_rows(files, manifest.data_file("teams"), [*teams, fake])

    before = fingerprint(office)
    with pytest.raises(ForeignRecords, match=r"不属于甘州区的记录.*队伍“B-FAKE”"):
        office.receive(resign(a, a.export().data, smuggle))
    assert fingerprint(office) == before


def test_the_city_view_has_a_row_per_county_and_the_total(city: City) -> None:
    office, a, b = city
    set_up_county(a, "A", towns=2)
    set_up_county(b, "B", towns=1)
    a.send_to(office)
    b.send_to(office)
    b.post(issue("B-K1", later(1), ("WZ-002", 20, "")))
    b.send_to(office)
    with office.db.read() as s:
        root = overviews.county_root(s)
        assert root == unit_id(s, CITY)
        rows = overviews.overview(s, SYSTEM, root, D(later(2)))
    by_code = {r.code: r for r in rows}
    assert [r.code for r in rows] == [CITY, COUNTY_A, COUNTY_B]
    assert [r.name for r in rows] == ["张掖市", "甘州区", "肃南县"]
    # each county: its own team of two and its own depot, plus one depot per town
    assert (by_code[COUNTY_A].teams, by_code[COUNTY_A].members) == (1, 2)
    assert (by_code[COUNTY_A].depots, by_code[COUNTY_B].depots) == (3, 2)
    # A: two lots at its own depot and one per town; B: WZ-002 issued to nil, one town lot
    assert (by_code[COUNTY_A].stock_lines, by_code[COUNTY_B].stock_lines) == (4, 2)
    assert (by_code[COUNTY_A].last_package, by_code[COUNTY_B].last_package) == (1, 2)
    assert by_code[CITY].depots == 1 and not by_code[CITY].reports
    total = overviews.county_totals(rows)
    assert (total.teams, total.members, total.depots, total.stock_lines) == (2, 4, 6, 6)


def test_the_city_root_without_an_office_is_the_city_not_a_county(city: City) -> None:
    _, a, _ = city
    with a.db.read() as s:  # the county's own office: its view starts at the county
        assert overviews.county_root(s) == unit_id(s, COUNTY_A)
        rows = overviews.overview(s, SYSTEM, COUNTY_A, D(later(2)))
    assert [r.code for r in rows] == [COUNTY_A]
