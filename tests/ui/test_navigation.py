"""Typed navigation: the main window opens a :class:`RecordLink` on the page that keeps it."""

from __future__ import annotations

import uuid
from dataclasses import replace

from ledger.norms.model import RecordRef
from ledger.ui.main_window import MainWindow
from ledger.ui.navigation import Record, RecordLink, open_record
from ledger.ui.pages.equipment import EquipmentPage
from ledger.ui.pages.org import OrgPage
from ledger.ui.pages.shortfalls import ShortfallsPage, finding_link
from ledger.ui.pages.stock import StockPage
from ledger.ui.pages.teams import TeamsPage
from tests.ui.pages.test_shortfalls import checked


def window_of(qtbot, ctx) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    return window


def test_each_kind_opens_its_section_and_picks_the_record(qtbot, ctx, town) -> None:
    window = window_of(qtbot, ctx)
    org = window.open_record(RecordLink(Record.UNIT, unit_id=town.village))
    assert isinstance(org, OrgPage)
    assert window.current_section() == "org"
    assert org.tree.current().id == town.village
    teams = window.open_record(RecordLink(Record.TEAM, town.town, town.team))
    assert isinstance(teams, TeamsPage)
    assert teams.tree.current().id == town.town
    stock = window.open_record(
        RecordLink(Record.DEPOT, town.village, town.depot2, depot_id=town.depot2)
    )
    assert isinstance(stock, StockPage)
    assert stock.depot_id() == town.depot2
    pieces = window.open_record(RecordLink(Record.EQUIPMENT, town.town, uuid.uuid4(), "SN-7"))
    assert isinstance(pieces, EquipmentPage)
    assert pieces.search.text() == "SN-7"
    findings = window.open_record(RecordLink(Record.FINDINGS, unit_id=town.town))
    assert isinstance(findings, ShortfallsPage)
    checked(qtbot, findings)  # the unit is chosen once the check's findings are shown
    assert findings.tree_model.node(findings.tree.currentIndex()).text == "城关镇"


def test_a_page_asks_the_window_it_is_in(qtbot, ctx, town) -> None:
    window = window_of(qtbot, ctx)
    home = window.show_section("home")
    assert home is not None
    shown = open_record(home, RecordLink(Record.UNIT, unit_id=town.town))
    assert shown is window.pages["org"] and window.current_section() == "org"
    alone = OrgPage(ctx)  # a page outside the main window opens nothing
    qtbot.addWidget(alone)
    assert open_record(alone, RecordLink(Record.UNIT, unit_id=town.town)) is None


def test_a_finding_links_to_its_first_record_in_its_depot(qtbot, ctx, town) -> None:
    page = ShortfallsPage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    checked(qtbot, page)
    finding = page.model.rows[0]
    bare = replace(finding, records=())
    assert finding_link(bare) == RecordLink(Record.UNIT, unit_id=finding.unit_id)
    item = RecordRef("item", "i1", "救生衣")
    depot = RecordRef("depot", town.depot, "城关镇储备库")
    link = finding_link(replace(finding, records=(item, depot)))
    assert (link.kind, link.record_id, link.depot_id) == (Record.ITEM, "i1", town.depot)
    one = RecordRef("equipment", "e1", "SN-1")
    assert finding_link(replace(finding, records=(one,))).label == "SN-1"
    two = (one, RecordRef("equipment", "e2", "SN-2"))
    assert finding_link(replace(finding, records=two)).label == ""  # no search for two
