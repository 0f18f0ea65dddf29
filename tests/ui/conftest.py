"""GUI test fixtures: offscreen Qt, recorded messages, a context over a small town's data.

Tests drive widgets through their methods and wait on signals; no modal box ever opens,
because :func:`ledger.ui.messages.record` captures every message.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from ledger.core.actor import Actor
from ledger.core.enums import Category, DocType, Level, Nature, Role, TeamType
from ledger.models.engine import Database
from ledger.services import stock
from ledger.services.catalogue import register as catalogue
from ledger.services.org import rescue_teams as teams
from ledger.services.org import tree as org
from ledger.ui import messages
from ledger.ui.context import AppContext
from ledger.ui.settings import Settings

TODAY = date(2026, 11, 22)

#: Harmless warnings of the offscreen platform plugin (not of the program).
OFFSCREEN_NOISE = r"This plugin does not support (propagateSizeHints|raise|grabbing)"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Ignore the offscreen plugin's own warnings in GUI tests; every other warning fails."""
    for item in items:
        if "tests/ui" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture
def recorder() -> Iterator[messages.Recorder]:
    """Every message the GUI shows during the test; a crash fails the test."""
    with messages.record() as rec:
        yield rec
        crashes = rec.kinds("crash")
        assert not crashes, crashes[0].detail


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Preferences in a throw-away ini file."""
    return Settings(tmp_path / "settings.ini")


@pytest.fixture
def gui_actor() -> Actor:
    """The administrator the GUI tests work as."""
    return Actor("tester", Role.ADMIN, "测试员")


@dataclass(frozen=True)
class Town:
    """Ids of the small town every GUI test starts from."""

    county: uuid.UUID
    town: uuid.UUID
    village: uuid.UUID
    depot: uuid.UUID
    depot2: uuid.UUID
    team: uuid.UUID


@pytest.fixture
def town(sqlite_db: Database, gui_actor: Actor) -> Town:
    """A county, a town with a village, two depots, a team and a few items with stock."""
    a = gui_actor
    with sqlite_db.transaction(a) as s:
        county = org.add_unit(
            s, a, org.UnitInput("410122", "中牟县", Level.COUNTY, profile_id="henan-2021-66")
        )
        town_id = org.add_unit(
            s, a, org.UnitInput("410122100", "城关镇", Level.TOWN, county, population=52000)
        )
        village = org.add_unit(s, a, org.UnitInput("410122100201", "东村", Level.VILLAGE, town_id))
        depot = catalogue.save_depot(s, a, catalogue.DepotInput("CG01", "城关镇储备库", town_id))
        depot2 = catalogue.save_depot(s, a, catalogue.DepotInput("CG02", "东村存储点", village))
        team = teams.save_team(
            s,
            a,
            teams.TeamInput(
                "城关镇综合应急救援队", town_id, TeamType.COMPREHENSIVE, Nature.PART_TIME
            ),
        )
        for code, name, unit, cat in [
            ("FX001", "编织袋", "条", Category.FLOOD),
            ("FX002", "救生衣", "件", Category.FLOOD),
            ("SH001", "棉被", "床", Category.LIVING),
        ]:
            catalogue.save_item(s, a, catalogue.ItemInput(code, name, unit, cat))
        stock.post_document(
            s,
            a,
            stock.DocumentInput(
                DocType.RECEIPT,
                "CG01",
                date(2026, 3, 1),
                [
                    stock.LineInput("FX001", 1000, "L1", date(2027, 3, 1)),
                    stock.LineInput("FX001", 200, "L0", date(2026, 12, 1)),
                    stock.LineInput("FX002", 50, "J1", date(2026, 10, 1)),
                    stock.LineInput("SH001", 80),
                ],
                counterparty="郑州防汛物资公司",
            ),
        )
    return Town(county, town_id, village, depot, depot2, team)


@pytest.fixture
def ctx(
    sqlite_db: Database, gui_actor: Actor, settings: Settings, recorder: messages.Recorder
) -> AppContext:
    """The application context over the test database, on a fixed working date."""
    return AppContext(sqlite_db, gui_actor, settings, today=TODAY)
